import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { casesLimits } from '#contracts';
import { AppError } from '../../platform/errors.ts';
import type { CasePhotoTable } from './case.table.ts';

/**
 * Evidence photos: the type is judged by the bytes (magic numbers, then a full decode), never by the
 * file name or the declared content type; every photo is re-encoded as JPEG, which drops all
 * metadata (EXIF with GPS, XMP, ICC, comments) since sharp keeps none unless asked; a thumbnail is
 * made beside it. Files live under the module's photo directory (DATA_DIR/photos), named by random
 * ids, outside the web root, and are served only through an authorised route.
 */

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

/** The image type of a file from its first bytes, or null. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const starts = (signature: number[], offset = 0) =>
    bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

const SHARP_FORMAT: Record<ImageType, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
};
/** Decompression bombs: refuse images with more pixels than a 50-megapixel camera makes. */
const MAX_INPUT_PIXELS = 50_000_000;

export interface ProcessedPhoto {
  mime: 'image/jpeg';
  image: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
  sha256: string;
}

/** Checks, re-encodes without metadata and shrinks a photo; throws cases.photo_* errors. */
export async function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  if (input.length > casesLimits.maxPhotoBytes) {
    throw new AppError('cases.photo_too_large', 'The photo is too large', {
      maxBytes: casesLimits.maxPhotoBytes,
    });
  }
  const type = sniffImageType(input);
  if (!type) throw new AppError('cases.photo_unsupported', 'The file is not a JPEG, PNG or WebP image');
  const source = () => sharp(input, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS });
  try {
    const metadata = await source().metadata();
    if (metadata.format !== SHARP_FORMAT[type]) {
      throw new AppError('cases.photo_unsupported', 'The file content does not match an image type');
    }
    // rotate() applies the EXIF orientation before the EXIF block is dropped.
    const { data: image, info } = await source()
      .rotate()
      .flatten({ background: '#ffffff' })
      .resize({
        width: casesLimits.maxPhotoSide,
        height: casesLimits.maxPhotoSide,
        fit: 'inside',
        withoutEnlargement: true,
      })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(image)
      .resize({ width: casesLimits.thumbnailSide, height: casesLimits.thumbnailSide, fit: 'inside' })
      .jpeg({ quality: 75 })
      .toBuffer();
    return {
      mime: 'image/jpeg',
      image,
      thumbnail,
      width: info.width,
      height: info.height,
      sha256: crypto.createHash('sha256').update(image).digest('hex'),
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/pixel limit/i.test(message)) {
      throw new AppError('cases.photo_too_large', 'The image has too many pixels', {
        maxPixels: MAX_INPUT_PIXELS,
      });
    }
    throw new AppError('cases.photo_unsupported', 'The image cannot be decoded');
  }
}

/** The `case_photo` row of a processed photo: where it belongs, and what the files are. */
export function photoRowOf(
  photo: ProcessedPhoto,
  where: { jurisdictionId: number; id: string; caseId: number | null; uploadedBy: number; uploadedAt: Date },
): CasePhotoTable {
  return {
    jurisdiction_id: where.jurisdictionId,
    id: where.id,
    case_id: where.caseId,
    uploaded_by: where.uploadedBy,
    uploaded_at: where.uploadedAt,
    mime: photo.mime,
    bytes: photo.image.length,
    width: photo.width,
    height: photo.height,
    thumbnail_bytes: photo.thumbnail.length,
    sha256: photo.sha256,
  };
}

/** A random photo id: 26 characters of lowercase base32 (130 bits), also the file name. */
export function newPhotoId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bytes = crypto.randomBytes(26);
  let id = '';
  for (const byte of bytes) id += alphabet[byte & 31];
  return id;
}

/** Where photo files live: `<dir>/<jurisdiction>/<id>.jpg` and `<id>.thumb.jpg`. */
export class PhotoStore {
  constructor(readonly dir: string) {}

  private file(jurisdictionId: number, id: string, variant: 'image' | 'thumbnail'): string {
    if (!/^[a-z0-9]+$/.test(id)) throw new RangeError('invalid photo id');
    return path.join(this.dir, String(jurisdictionId), `${id}${variant === 'thumbnail' ? '.thumb' : ''}.jpg`);
  }

  /** Writes both files (through a temporary name, so a reader never sees half a file). */
  async write(jurisdictionId: number, id: string, photo: ProcessedPhoto): Promise<void> {
    await fs.mkdir(path.join(this.dir, String(jurisdictionId)), { recursive: true });
    for (const [variant, data] of [
      ['image', photo.image],
      ['thumbnail', photo.thumbnail],
    ] as const) {
      const target = this.file(jurisdictionId, id, variant);
      const temporary = `${target}.${process.pid}.tmp`;
      await fs.writeFile(temporary, data, { mode: 0o640 });
      await fs.rename(temporary, target);
    }
  }

  /**
   * Gives photo `id` the same files as photo `fromId` (a hard link; a copy where the file system has
   * none): the demo's many photos of few drawn scenes.
   */
  async link(jurisdictionId: number, fromId: string, id: string): Promise<void> {
    for (const variant of ['image', 'thumbnail'] as const) {
      const from = this.file(jurisdictionId, fromId, variant);
      const to = this.file(jurisdictionId, id, variant);
      await fs.link(from, to).catch(() => fs.copyFile(from, to));
    }
  }

  /** Removes both files (after the transaction that would have recorded them rolled back). */
  async remove(jurisdictionId: number, id: string): Promise<void> {
    for (const variant of ['image', 'thumbnail'] as const) {
      await fs.rm(this.file(jurisdictionId, id, variant), { force: true });
    }
  }

  read(jurisdictionId: number, id: string, variant: 'image' | 'thumbnail'): Promise<Buffer> {
    return fs.readFile(this.file(jurisdictionId, id, variant));
  }
}
