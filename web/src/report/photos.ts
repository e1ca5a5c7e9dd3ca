/** Longest side a phone photo is shrunk to before it is stored and sent (the server's own limit). */
export const MAX_PHOTO_SIDE = 2048;

/**
 * Shrinks a camera photo to at most MAX_PHOTO_SIDE as JPEG (smaller uploads, smaller outbox, and no
 * EXIF leaves the phone); the original when the browser cannot decode it (the server judges it).
 */
export async function shrinkPhoto(file: Blob): Promise<Blob> {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_PHOTO_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) return file;
    context.drawImage(bitmap, 0, 0, width, height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob && blob.size > 0 ? blob : file;
  } catch {
    return file;
  }
}
