import sharp from 'sharp';
import type { CasePhotoTable, Db } from '../case.table.ts';
import { newPhotoId, PhotoStore, type ProcessedPhoto, photoRowOf, processPhoto } from '../case-photos.ts';
import { drawScene, type SceneStage, sceneThemeOf } from './demo-scenes.ts';
import type { PlannedCase } from './plan-demo-cases.ts';

/**
 * Photos for the demo's recent cases (现场照片): the report shows the problem, the moves that need
 * evidence (网格处置完毕, 部门反馈, 核查通过) show it fixed, a failed verification shows it still there.
 * Each is a drawn scene (`demo-scenes.ts`) put through the upload pipeline (`processPhoto`: re-encoded,
 * thumbnail), stored once per scene and hard-linked for every photo that shows it, so a few hundred
 * illustrated cases cost a few megabytes. Older closed cases stay without photos, as the timeline of
 * a year-old case in a real system often would after its retention period.
 */

/** The moves that carry photos, and what they show. A 12345 hand-off comes in by phone: no photo. */
const STAGE_OF_EVENT: Readonly<Record<string, SceneStage>> = {
  report: 'before',
  fail_verification: 'before',
  resolve: 'after',
  report_back: 'after',
  verify: 'after',
};

/** Closed (or refused) cases illustrated besides every open one: the most recently reported. */
export const DEMO_ILLUSTRATED_ENDED_CASES = 300;
/** Drawings of each scene and stage (the case id picks one). */
const VARIANTS = 2;
const ENDED = new Set(['closed', 'rejected', 'merged']);

/** Photo ids by case id, then by the index of the timeline entry they belong to. */
export type DemoCasePhotos = Map<number, Map<number, string[]>>;

export async function illustrateDemoCases(
  db: Db,
  options: {
    jurisdictionId: number;
    photosDir: string;
    cases: readonly PlannedCase[];
    /** Who uploaded a photo whose step has no account behind it (the demo names most actors only). */
    fallbackUploader: (planned: PlannedCase) => number | null;
  },
): Promise<{ photos: DemoCasePhotos; count: number }> {
  const { jurisdictionId } = options;
  const store = new PhotoStore(options.photosDir);
  const ended = options.cases
    .filter((c) => ENDED.has(c.state.status))
    .sort((a, b) => b.reportedAt.getTime() - a.reportedAt.getTime())
    .slice(0, DEMO_ILLUSTRATED_ENDED_CASES);
  const chosen = [...options.cases.filter((c) => !ENDED.has(c.state.status)), ...ended];

  // Which photo goes where, then each scene drawn once (concurrently: sharp works off the main
  // thread), then its files written once and linked for every other photo that shows it.
  const wanted: { planned: PlannedCase; index: number; scene: string; uploadedBy: number; at: Date }[] = [];
  const scenes = new Map<string, () => string>();
  for (const planned of chosen) {
    const theme = sceneThemeOf(planned.category.majorCode);
    const variant = planned.id % VARIANTS;
    for (const [index, entry] of planned.timeline.entries()) {
      const stage = STAGE_OF_EVENT[entry.event];
      if (!stage || (entry.event === 'report' && planned.channel === 'hotline')) continue;
      const uploadedBy = entry.actor?.accountId ?? options.fallbackUploader(planned);
      if (uploadedBy === null) continue;
      const scene = `${theme}:${stage}:${variant}`;
      scenes.set(scene, () => drawScene(theme, stage, variant));
      wanted.push({ planned, index, scene, uploadedBy, at: entry.at });
    }
  }
  const drawn = new Map<string, { photo: ProcessedPhoto; firstId: string | null }>(
    await Promise.all(
      [...scenes].map(async ([scene, draw]) => {
        const png = await sharp(Buffer.from(draw())).png({ compressionLevel: 0 }).toBuffer();
        return [scene, { photo: await processPhoto(png), firstId: null }] as const;
      }),
    ),
  );

  const photos: DemoCasePhotos = new Map();
  const rows: CasePhotoTable[] = [];
  for (const { planned, index, scene, uploadedBy, at } of wanted) {
    const drawing = drawn.get(scene);
    if (!drawing) throw new Error(`scene ${scene} was not drawn`);
    const id = newPhotoId();
    if (drawing.firstId === null) {
      await store.write(jurisdictionId, id, drawing.photo);
      drawing.firstId = id;
    } else {
      await store.link(jurisdictionId, drawing.firstId, id);
    }
    rows.push(
      photoRowOf(drawing.photo, { jurisdictionId, id, caseId: planned.id, uploadedBy, uploadedAt: at }),
    );
    const ofCase = photos.get(planned.id) ?? new Map<number, string[]>();
    ofCase.set(index, [id]);
    photos.set(planned.id, ofCase);
  }
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('case_photo')
      .values(rows.slice(i, i + 1000))
      .execute();
  }
  return { photos, count: rows.length };
}
