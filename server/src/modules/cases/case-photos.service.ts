import type { CasePhoto } from '#contracts';
import { hasPermission, type Principal } from '../../platform/access.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findCase, findPhoto, findTasks, insertPhoto } from './case.repository.ts';
import type { Db } from './case.table.ts';
import { viewerIfFollowing } from './case-followers.repository.ts';
import { newPhotoId, type PhotoStore, photoRowOf, processPhoto } from './case-photos.ts';
import { canSeeCase } from './case-scope.ts';
import { whereaboutsOf } from './find-cases.service.ts';

/**
 * Photos are uploaded first, then named by id in a report or a move (which attaches them). A photo
 * not yet attached is seen only by its uploader; an attached one by whoever sees its case.
 */

export async function uploadPhoto(
  db: Db,
  options: { principal: Principal; store: PhotoStore; input: Buffer; now: Date },
): Promise<CasePhoto> {
  const { principal } = options;
  const mayUse =
    hasPermission(principal.role, 'cases.report') || hasPermission(principal.role, 'cases.handle');
  if (!mayUse)
    throw new AppError('access.forbidden', `The role ${principal.role} may not upload case photos`);
  const photo = await processPhoto(options.input);
  const id = newPhotoId();
  await options.store.write(principal.jurisdictionId, id, photo);
  await insertPhoto(
    db,
    photoRowOf(photo, {
      jurisdictionId: principal.jurisdictionId,
      id,
      caseId: null,
      uploadedBy: principal.accountId,
      uploadedAt: options.now,
    }),
  );
  return {
    id,
    mime: photo.mime,
    bytes: photo.image.length,
    width: photo.width,
    height: photo.height,
    sha256: photo.sha256,
  };
}

/** A photo's file for a viewer who may see it; otherwise 404, as if it did not exist. */
export async function readPhoto(
  db: Db,
  options: { principal: Principal; store: PhotoStore; photoId: string; variant: 'image' | 'thumbnail' },
): Promise<{ mime: string; data: Buffer }> {
  const { principal } = options;
  const photo = /^[a-z0-9]{26}$/.test(options.photoId)
    ? await findPhoto(db, principal.jurisdictionId, options.photoId)
    : undefined;
  if (!photo) throw notFound('Photo');
  if (photo.case_id === null) {
    if (photo.uploaded_by !== principal.accountId) throw notFound('Photo');
  } else {
    const row = await findCase(db, principal.jurisdictionId, photo.case_id);
    const tasks = row ? await findTasks(db, principal.jurisdictionId, row.id) : [];
    const followers = row ? await viewerIfFollowing(db, principal, row.id) : [];
    if (!row || !canSeeCase(principal, whereaboutsOf(row, tasks, followers))) throw notFound('Photo');
  }
  const data = await options.store.read(principal.jurisdictionId, photo.id, options.variant);
  return { mime: photo.mime, data };
}
