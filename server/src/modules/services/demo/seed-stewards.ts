import type { Insertable } from 'kysely';
import { LISTENING_DUTIES, type StewardServiceKind } from '#contracts/stewards.ts';
import { jsonb } from '../../../platform/audit.ts';
import { findStewardPosts } from '../../people/index.ts';
import type { Db } from '../services.table.ts';
import type { StewardRequestTable } from '../stewards.table.ts';

/**
 * The stewards' demo (善治红管家), deterministic: 1560 services done over the past year by the
 * stewards of the demo (Longkou reports 1500+), each for a resident of the steward's building, most
 * confirmed by the resident; a few open and taken requests for the board; a few visits with the
 * twelve listening duties. The demo resident login gets one done (to confirm) and one confirmed.
 */

export const DEMO_STEWARD_SERVICES_DONE = 1560;
const DAY_MS = 86_400_000;

const KINDS: readonly { kind: StewardServiceKind; asks: string[]; results: string[] }[] = [
  {
    kind: 'purchase',
    asks: ['帮忙买米面油', '代买降压药', '代购蔬菜水果'],
    results: ['已送货上门', '药已送到，叮嘱按时服用'],
  },
  {
    kind: 'errand',
    asks: ['帮忙取快递', '代交水电费', '代取体检报告'],
    results: ['已代办完成', '已送到家中'],
  },
  {
    kind: 'paperwork',
    asks: ['代办高龄津贴认证', '代办医保报销材料', '代办居住证明'],
    results: ['材料已递交社区', '已办结，证件送回'],
  },
  {
    kind: 'watch',
    asks: ['外出期间帮忙照看房屋', '夜间楼道灯坏了请帮看看', '独居老人请多关照'],
    results: ['已巡看，一切正常', '已联系物业修好'],
  },
  {
    kind: 'care',
    asks: ['老人行动不便，希望有人陪同就医', '想请人陪着聊聊天'],
    results: ['已陪同就医', '已上门探访'],
  },
  {
    kind: 'mediation',
    asks: ['楼上漏水和邻居有矛盾', '楼道堆物协商'],
    results: ['双方已达成一致', '已协调清理'],
  },
];

export async function seedDemoStewards(
  db: Db,
  options: { jurisdictionId: number; now: Date; ownResidentId?: number | null },
): Promise<{ done: number; open: number; visits: number }> {
  const { jurisdictionId, now } = options;
  const stewards = await findStewardPosts(db, jurisdictionId);
  if (stewards.length === 0) return { done: 0, open: 0, visits: 0 };
  const buildingIds = [...new Set(stewards.map((s) => s.buildingId))];
  // Demo data: the residents of the stewards' buildings, and where those buildings lie.
  const residents = await db
    .selectFrom('resident as r')
    .innerJoin('territory_household as h', (j) =>
      j.onRef('h.jurisdiction_id', '=', 'r.jurisdiction_id').onRef('h.id', '=', 'r.household_id'),
    )
    .innerJoin('territory_building as b', (j) =>
      j.onRef('b.jurisdiction_id', '=', 'h.jurisdiction_id').onRef('b.id', '=', 'h.building_id'),
    )
    .innerJoin('territory_place as u', (j) =>
      j.onRef('u.jurisdiction_id', '=', 'b.jurisdiction_id').onRef('u.id', '=', 'b.unit_id'),
    )
    .select(['r.id', 'h.building_id', 'h.door_number', 'u.grid_id', 'u.community_id', 'u.subdistrict_id'])
    .where('r.jurisdiction_id', '=', jurisdictionId)
    .where('h.building_id', 'in', buildingIds)
    .orderBy('r.id')
    .execute();
  const byBuilding = new Map<number, typeof residents>();
  for (const r of residents) byBuilding.set(r.building_id, [...(byBuilding.get(r.building_id) ?? []), r]);
  const serving = stewards.filter((s) => (byBuilding.get(s.buildingId)?.length ?? 0) > 0);
  if (serving.length === 0) return { done: 0, open: 0, visits: 0 };
  const chain = (r: (typeof residents)[number]) =>
    [r.grid_id, r.community_id, r.subdistrict_id].filter((id): id is number => id !== null);

  type Row = Insertable<StewardRequestTable>;
  const rows: Row[] = [];
  const add = (
    n: number,
    steward: (typeof serving)[number],
    status: 'open' | 'taken' | 'done' | 'confirmed',
    askedAt: Date,
    residentOverride?: { id: number; building_id: number; grid_id: number | null; chain: number[] },
  ) => {
    const list = byBuilding.get(steward.buildingId) ?? [];
    const r = list[n % list.length];
    if (!r) return;
    const who = residentOverride ?? { ...r, chain: chain(r) };
    const kind = KINDS[n % KINDS.length] ?? KINDS[0];
    if (!kind) return;
    const taken = status !== 'open';
    const done = status === 'done' || status === 'confirmed';
    rows.push({
      jurisdiction_id: jurisdictionId,
      kind: kind.kind,
      resident_id: who.id,
      building_id: who.building_id,
      grid_id: who.grid_id,
      place_chain: who.chain,
      routed_to: 'building',
      status,
      description: kind.asks[n % kind.asks.length] ?? '',
      asked_by_account_id: null,
      steward_id: taken ? steward.staffMemberId : null,
      steward_name: taken ? steward.name : null,
      result: done ? (kind.results[n % kind.results.length] ?? '已完成') : null,
      asked_at: askedAt,
      taken_at: taken ? new Date(askedAt.getTime() + 2 * 3_600_000) : null,
      done_at: done ? new Date(askedAt.getTime() + 26 * 3_600_000) : null,
      confirmed_at: status === 'confirmed' ? new Date(askedAt.getTime() + 30 * 3_600_000) : null,
      updated_at: askedAt,
    });
  };
  for (let n = 0; n < DEMO_STEWARD_SERVICES_DONE; n += 1) {
    const steward = serving[n % serving.length];
    if (!steward) continue;
    const daysAgo = 3 + ((n * 7919) % 360);
    add(n, steward, n % 10 === 0 ? 'done' : 'confirmed', new Date(now.getTime() - daysAgo * DAY_MS));
  }
  // The board: open and taken requests at the first stewards' buildings (the demo steward's first).
  let open = 0;
  for (let n = 0; n < 24; n += 1) {
    const steward = serving[n % Math.min(serving.length, 8)];
    if (!steward) continue;
    add(n + 5, steward, n % 3 === 0 ? 'taken' : 'open', new Date(now.getTime() - (n + 1) * 3_600_000));
    open += 1;
  }
  const own = options.ownResidentId ?? null;
  const ownHome = own !== null ? residents.find((r) => r.id === own) : undefined;
  if (own !== null && serving[0]) {
    const home = ownHome
      ? { id: own, building_id: ownHome.building_id, grid_id: ownHome.grid_id, chain: chain(ownHome) }
      : undefined;
    if (home) {
      add(1, serving[0], 'done', new Date(now.getTime() - 2 * DAY_MS), home);
      add(2, serving[0], 'confirmed', new Date(now.getTime() - 20 * DAY_MS), home);
    }
  }
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('steward_request')
      .values(rows.slice(i, i + 500))
      .execute();
  }
  const visits = serving.slice(0, 40).flatMap((steward, s) => {
    const list = byBuilding.get(steward.buildingId) ?? [];
    return [0, 1].flatMap((k) => {
      const r = list[(s + k) % list.length];
      if (!r) return [];
      return [
        {
          jurisdiction_id: jurisdictionId,
          steward_id: steward.staffMemberId,
          steward_name: steward.name,
          building_id: r.building_id,
          grid_id: r.grid_id,
          place_chain: chain(r),
          door_number: r.door_number,
          checklist: jsonb(
            LISTENING_DUTIES.map((duty, d) => ({
              duty,
              done: (d + s + k) % 5 !== 0,
              ...(d === 10 ? { note: '希望小区增设休息座椅' } : {}),
            })),
          ),
          note: k === 0 ? '入户走访，家中一切安好' : null,
          visited_at: new Date(now.getTime() - (k * 14 + s + 1) * DAY_MS),
        },
      ];
    });
  });
  if (visits.length > 0) await db.insertInto('steward_visit').values(visits).execute();
  const done = rows.filter((r) => r.status === 'done' || r.status === 'confirmed').length;
  return { done, open, visits: visits.length };
}
