import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { processPhoto, sniffImageType } from './case-photos.ts';
import { jpegWithGps } from './testing/images.ts';

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
};

describe('photos', () => {
  it('knows images by their bytes', async () => {
    expect(sniffImageType(await jpegWithGps())).toBe('image/jpeg');
    expect(
      sniffImageType(
        await sharp({ create: { width: 2, height: 2, channels: 4, background: '#fff' } })
          .png()
          .toBuffer(),
      ),
    ).toBe('image/png');
    expect(
      sniffImageType(
        await sharp({ create: { width: 2, height: 2, channels: 3, background: '#fff' } })
          .webp()
          .toBuffer(),
      ),
    ).toBe('image/webp');
    expect(sniffImageType(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffImageType(Buffer.from('hello, I am a .jpg'))).toBeNull();
  });

  it('strips EXIF and GPS and makes a thumbnail', async () => {
    const input = await jpegWithGps();
    const before = await sharp(input).metadata();
    expect(before.exif).toBeDefined();
    const photo = await processPhoto(input);
    const after = await sharp(photo.image).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(photo.image.includes(Buffer.from('Exif'))).toBe(false);
    expect(photo.image.includes(Buffer.from('secret-owner'))).toBe(false);
    expect([photo.width, photo.height]).toEqual([64, 48]);
    expect((await sharp(photo.thumbnail).metadata()).format).toBe('jpeg');
  });

  it('refuses what is not an image, whatever it claims', async () => {
    expect(await codeOf(processPhoto(Buffer.from('not an image at all')))).toBe('cases.photo_unsupported');
    // JPEG magic bytes followed by garbage: caught by the decoder.
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
    expect(await codeOf(processPhoto(fake))).toBe('cases.photo_unsupported');
  });
});
