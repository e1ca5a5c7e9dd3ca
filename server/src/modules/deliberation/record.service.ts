import type { GridNoticeBoard, MatterRecord } from '#contracts/deliberation.ts';
import type { Principal } from '../../platform/access.ts';
import { notFound } from '../../platform/errors.ts';
import { stepStates } from './deliberation.lifecycle.ts';
import { presentMeeting, presentNotice, presentPost } from './deliberation.presenter.ts';
import {
  countVotes,
  findGridById,
  findNoticesOfGrid,
  findNoticesOfMatter,
  findPosts,
  findStepRecords,
} from './deliberation.repository.ts';
import type { Db } from './deliberation.table.ts';
import { loadMatter, presentLoaded } from './matter.service.ts';

/** The printable record of a matter (every step, both lines), and the grid's public notice board. */

export async function printMatterRecord(
  db: Db,
  options: { principal: Principal; matterId: number; now: Date },
): Promise<MatterRecord> {
  const { principal } = options;
  const loaded = await loadMatter(db, principal, options.matterId, { permission: 'deliberation.read' });
  const { row, template, state } = loaded;
  const [records, posts, notices, votes] = await Promise.all([
    findStepRecords(db, row.jurisdiction_id, row.id),
    findPosts(db, row.jurisdiction_id, row.id),
    findNoticesOfMatter(db, row.jurisdiction_id, row.id),
    countVotes(db, row.jurisdiction_id, [row.id]),
  ]);
  const states = stepStates(state);
  const byIndex = new Map(records.map((r) => [r.step_index, r]));
  const ballots = (channel: 'online' | 'paper') =>
    votes.filter((v) => v.channel === channel).reduce((sum, v) => sum + v.n, 0);
  return {
    matter: await presentLoaded(db, loaded),
    steps: template.steps.map((step, index) => {
      const record = byIndex.get(index);
      return {
        number: index + 1,
        key: step.key,
        name: step.name,
        mode: step.mode,
        state: states[index] ?? 'pending',
        summary: record?.summary ?? null,
        meeting: record ? presentMeeting(record) : null,
        completedAt: record?.completed_at.toISOString() ?? null,
        completedBy: record?.completed_by ?? null,
        posts: posts.filter((p) => p.step_index === index).map(presentPost),
        tally: record?.tally ?? null,
        ballots: step.vote ? { online: ballots('online'), paper: ballots('paper') } : null,
      };
    }),
    notices: notices.map(presentNotice),
    printedAt: options.now.toISOString(),
  };
}

/** The public board of a grid: resolutions and results, counts only; they stay once published. */
export async function getGridNoticeBoard(db: Db, options: { gridId: number }): Promise<GridNoticeBoard> {
  const grid = await findGridById(db, options.gridId);
  if (!grid) throw notFound('Grid');
  const notices = await findNoticesOfGrid(db, grid.id, 200);
  return { grid: { id: grid.id, name: grid.name }, notices: notices.map(presentNotice) };
}
