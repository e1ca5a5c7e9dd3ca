import sharp from 'sharp';

/** A small JPEG carrying EXIF with GPS coordinates, as a phone camera writes it. */
export async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } })
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'X1', Copyright: 'secret-owner' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '37/1 38/1 2400/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '120/1 28/1 1200/100',
      },
    })
    .jpeg()
    .toBuffer();
}
