import type { CaseStep } from '../case.lifecycle.ts';
import type { TimeLimit } from '../case.time-limits.ts';

/**
 * The case category catalogue (案件分类) and responsibility list (权责清单) of the demo city, seeded
 * from the workplace's reference notes (`../shared/REFERENCE.md` §1). Plain data an administrator will edit; `case.categories.ts`
 * validates it and fills in what a subcategory inherits from its class and from the step defaults.
 *
 * Codes are data, not constants: sources disagree (REFERENCE.md §1.2).
 * - 部件 and 事件: the codes of a deployed 2013 Beijing Chaoyang 城管 client (1 or 2 + 2-digit 大类 +
 *   2-digit 小类) [secondary], the only complete numbering found. The normative GB/T 30428.2 numbers
 *   were not retrieved. Other numberings are kept in `altCodes`:
 *   - `svan-2013`: the same five 事件 大类 numbered 01 市容环境 … 05 街面秩序 (Chaoyang app, svan.cc);
 *   - `codebase-39295482900`: another system that puts 街面秩序 at 04 (and 乱堆物堆料 at 01-36);
 *   - `GB/T 47678.5-2026`: 5-digit codes seen only in one repo's SQL comments [UNCONFIRMED].
 * - Grid-work classes (网格事项, §1.5) and citizen-life classes (百姓生活): no published codes exist;
 *   `W…` codes are the project's own. (The Chaoyang app numbers 百姓生活 9001–9016, but which number
 *   is which item was not retrieved.)
 *
 * Departments: who answers a case when it is escalated, by code (`CASE_DEPARTMENTS`). The mapping is
 * a demo assumption in the manner of a county's 权责清单 after the 2018 reforms (城管 → 综合行政执法);
 * the real city's list decides.
 *
 * Time limits: a class gives the default 处置时限 (`handle`: both the grid's and a department's),
 * and `DEFAULT_STEP_LIMITS` the other steps; a subcategory overrides either. Where REFERENCE.md gives
 * a figure it is used and named in `limitSource`; everything else is a project default to review with
 * the city. Duplicate radii (metres) are project choices: small for fixed objects, larger for events
 * seen from afar (smoke, crowds).
 */

export type CategoryKind =
  | 'component' // 部件: a fixed object (manhole cover, street lamp …)
  | 'event' // 事件: something that happens (rubbish, illegal parking …)
  | 'grid_work'; // 网格事项: what grid workers report (disputes, hazards, services …)

export type CodeScheme = 'beijing-chaoyang-2013' | 'project';

export type LimitSource = keyof typeof LIMIT_SOURCES;

export const LIMIT_SOURCES = {
  jiyuan: '济源 立案结案标准 (REFERENCE.md §1.4) [local]',
  unnamed_city: 'unnamed city 立案结案标准, renrendoc.com (REFERENCE.md §1.4) [secondary]',
  taiyuan: '太原 数字城管规范, d1net.com (REFERENCE.md §1.4) [local]',
  fuzhou: '福州 数字化城市管理实施办法 2013 (REFERENCE.md §1.4) [local]',
  guangzhou: '《广州市井盖设施管理办法》 2021 (REFERENCE.md §1.4) [local]',
  project: 'project default: no published figure found; to review with the city',
} as const;

export interface AltCode {
  code: string;
  scheme: 'svan-2013' | 'codebase-39295482900' | 'GB/T 47678.5-2026';
  /** e.g. 'UNCONFIRMED', or what the other source calls the item. */
  note?: string;
}

/** Limits per timed step (`rate` is the reporter's rating window). */
export type StepLimits = Record<CaseStep, TimeLimit>;

/** A department that answers cases. */
export interface CaseDepartment {
  code: string;
  name: string;
  /** true: seeded by `server/src/modules/access/demo-accounts.ts` (DEMO_DEPARTMENTS) today. */
  inDemoSeed: boolean;
}

export const CASE_DEPARTMENTS: readonly CaseDepartment[] = [
  { code: 'ZHZF', name: '市综合行政执法局', inDemoSeed: true },
  { code: 'SCJG', name: '市市场监督管理局', inDemoSeed: true },
  { code: 'GAJ', name: '市公安局', inDemoSeed: true },
  { code: 'ZJJ', name: '市住房和城乡建设局', inDemoSeed: true },
  { code: 'WJJ', name: '市卫生健康局', inDemoSeed: true },
  { code: 'YJJ', name: '市应急管理局', inDemoSeed: true },
  { code: 'MZJ', name: '市民政局', inDemoSeed: true },
  { code: 'ZFW', name: '市委政法委', inDemoSeed: true },
  { code: 'XFJY', name: '市消防救援大队', inDemoSeed: true },
  { code: 'ZRZY', name: '市自然资源和规划局', inDemoSeed: true },
  { code: 'SWJ', name: '市水务局', inDemoSeed: true },
  // Needed by the responsibility list; the next session adds them to the demo seed.
  { code: 'JTJ', name: '市交通运输局', inDemoSeed: false },
  { code: 'RSJ', name: '市人力资源和社会保障局', inDemoSeed: false },
  { code: 'SFJ', name: '市司法局', inDemoSeed: false },
  { code: 'SHJ', name: '烟台市生态环境局龙口分局', inDemoSeed: false },
  { code: 'JYJ', name: '市教育和体育局', inDemoSeed: false },
  { code: 'TYJR', name: '市退役军人事务局', inDemoSeed: false },
  { code: 'CL', name: '市残疾人联合会', inDemoSeed: false },
  { code: 'GDGS', name: '国网龙口市供电公司 (utility)', inDemoSeed: false },
  { code: 'TXGS', name: '通信运营企业 (电信、移动、联通、广电; utilities)', inDemoSeed: false },
];

const hours = (amount: number): TimeLimit => ({ amount, unit: 'work_hour' });
const urgentHours = (amount: number): TimeLimit => ({ amount, unit: 'urgent_hour' });
const days = (amount: number): TimeLimit => ({ amount, unit: 'work_day' });

/** Step limits other than handling, for normal and urgent categories, with their sources. */
export const DEFAULT_STEP_LIMITS: Record<
  'normal' | 'urgent',
  Record<Exclude<CaseStep, 'grid_handle' | 'department_handle'>, { limit: TimeLimit; source: LimitSource }>
> = {
  normal: {
    accept: { limit: hours(1), source: 'fuzhou' }, // 核实确认 + 立案派遣 ≤ 1 h working time
    community_response: { limit: days(1), source: 'project' },
    subdistrict_response: { limit: days(1), source: 'project' },
    acknowledge: { limit: hours(1), source: 'fuzhou' }, // 责任单位签收 ≤ 1 h working time
    verify: { limit: hours(1), source: 'taiyuan' }, // 核查 1 h in the city (2 h in rural areas)
    rate: { limit: { amount: 3, unit: 'natural_day' }, source: 'project' },
  },
  urgent: {
    accept: { limit: urgentHours(10 / 60), source: 'taiyuan' }, // urgent items ≤ 10 min
    community_response: { limit: urgentHours(1), source: 'project' },
    subdistrict_response: { limit: urgentHours(1), source: 'project' },
    acknowledge: { limit: urgentHours(0.5), source: 'project' },
    verify: { limit: urgentHours(1), source: 'taiyuan' },
    rate: { limit: { amount: 3, unit: 'natural_day' }, source: 'project' },
  },
};

/** 大类. */
export interface MajorCategoryData {
  code: string;
  name: string;
  kind: CategoryKind;
  scheme: CodeScheme;
  /** The department that answers its subcategories unless one says otherwise. */
  department: string;
  urgent: boolean;
  /** 处置时限 of its subcategories unless one says otherwise. */
  handle: TimeLimit;
  handleSource: LimitSource;
  duplicateRadiusM: number;
  altCodes?: AltCode[];
  note?: string;
}

/** 小类: what it does not say, it inherits from its class. */
export interface SubcategoryData {
  code: string;
  parent: string;
  name: string;
  department?: string;
  urgent?: boolean;
  handle?: TimeLimit;
  handleSource?: LimitSource;
  /** Overrides of single steps (e.g. a faster 报到). */
  limits?: Partial<Record<CaseStep, { limit: TimeLimit; source: LimitSource }>>;
  duplicateRadiusM?: number;
  altCodes?: AltCode[];
  note?: string;
}

export const MAJOR_CATEGORIES: readonly MajorCategoryData[] = [
  // 部件 (components)
  {
    code: '1001',
    name: '公共设施',
    kind: 'component',
    scheme: 'beijing-chaoyang-2013',
    department: 'ZJJ',
    urgent: false,
    handle: days(3),
    handleSource: 'project',
    duplicateRadiusM: 15,
  },
  {
    code: '1002',
    name: '道路交通',
    kind: 'component',
    scheme: 'beijing-chaoyang-2013',
    department: 'ZJJ',
    urgent: false,
    handle: days(3),
    handleSource: 'project',
    duplicateRadiusM: 15,
  },
  {
    code: '1003',
    name: '市容环境',
    kind: 'component',
    scheme: 'beijing-chaoyang-2013',
    department: 'ZHZF',
    urgent: false,
    handle: days(3),
    handleSource: 'project',
    duplicateRadiusM: 15,
  },
  {
    code: '1004',
    name: '园林绿化',
    kind: 'component',
    scheme: 'beijing-chaoyang-2013',
    department: 'ZJJ',
    urgent: false,
    handle: days(5),
    handleSource: 'project',
    duplicateRadiusM: 20,
  },
  {
    code: '1005',
    name: '房屋土地',
    kind: 'component',
    scheme: 'beijing-chaoyang-2013',
    department: 'ZJJ',
    urgent: false,
    handle: days(5),
    handleSource: 'project',
    duplicateRadiusM: 15,
  },
  // 事件 (events)
  {
    code: '2001',
    name: '市容环境',
    kind: 'event',
    scheme: 'beijing-chaoyang-2013',
    department: 'ZHZF',
    urgent: false,
    handle: days(2),
    handleSource: 'project',
    duplicateRadiusM: 50,
    altCodes: [
      { code: '01', scheme: 'svan-2013' },
      { code: '01', scheme: 'codebase-39295482900' },
    ],
  },
  {
    code: '2002',
    name: '宣传广告',
    kind: 'event',
    scheme: 'beijing-chaoyang-2013',
    department: 'ZHZF',
    urgent: false,
    handle: days(2),
    handleSource: 'project',
    duplicateRadiusM: 30,
    altCodes: [
      { code: '02', scheme: 'svan-2013' },
      { code: '02', scheme: 'codebase-39295482900' },
    ],
  },
  {
    code: '2003',
    name: '施工管理',
    kind: 'event',
    scheme: 'beijing-chaoyang-2013',
    department: 'ZJJ',
    urgent: false,
    handle: days(3),
    handleSource: 'project',
    duplicateRadiusM: 50,
    altCodes: [
      { code: '03', scheme: 'svan-2013' },
      { code: '03', scheme: 'codebase-39295482900' },
    ],
  },
  {
    code: '2004',
    name: '突发事件',
    kind: 'event',
    scheme: 'beijing-chaoyang-2013',
    department: 'YJJ',
    urgent: true,
    handle: urgentHours(4),
    handleSource: 'project',
    duplicateRadiusM: 100,
    altCodes: [{ code: '04', scheme: 'svan-2013' }],
    note: 'codebase-39295482900 uses 04 for 街面秩序 instead: the two numberings conflict here.',
  },
  {
    code: '2005',
    name: '街面秩序',
    kind: 'event',
    scheme: 'beijing-chaoyang-2013',
    department: 'ZHZF',
    urgent: false,
    handle: days(1),
    handleSource: 'project',
    duplicateRadiusM: 50,
    altCodes: [
      { code: '05', scheme: 'svan-2013' },
      { code: '04', scheme: 'codebase-39295482900' },
    ],
  },
  // 网格事项 (grid work, REFERENCE.md §1.5) and 百姓生活: project codes
  {
    code: 'W01',
    name: '矛盾纠纷',
    kind: 'grid_work',
    scheme: 'project',
    department: 'ZFW',
    urgent: false,
    handle: days(3),
    handleSource: 'project',
    duplicateRadiusM: 30,
  },
  {
    code: 'W02',
    name: '安全隐患',
    kind: 'grid_work',
    scheme: 'project',
    department: 'YJJ',
    urgent: false,
    handle: days(3),
    handleSource: 'project',
    duplicateRadiusM: 30,
  },
  {
    code: 'W03',
    name: '治安',
    kind: 'grid_work',
    scheme: 'project',
    department: 'GAJ',
    urgent: false,
    handle: days(1),
    handleSource: 'project',
    duplicateRadiusM: 50,
  },
  {
    code: 'W04',
    name: '违法违章',
    kind: 'grid_work',
    scheme: 'project',
    department: 'ZHZF',
    urgent: false,
    handle: days(3),
    handleSource: 'project',
    duplicateRadiusM: 30,
  },
  {
    code: 'W05',
    name: '特殊人群服务管理',
    kind: 'grid_work',
    scheme: 'project',
    department: 'ZFW',
    urgent: false,
    handle: days(3),
    handleSource: 'project',
    duplicateRadiusM: 20,
    note: '重点人员 / 特殊人群: cases about people; their personal data stays in the people module.',
  },
  {
    code: 'W06',
    name: '重点场所和行业',
    kind: 'grid_work',
    scheme: 'project',
    department: 'YJJ',
    urgent: false,
    handle: days(3),
    handleSource: 'project',
    duplicateRadiusM: 30,
  },
  {
    code: 'W07',
    name: '民生服务（代办）',
    kind: 'grid_work',
    scheme: 'project',
    department: 'MZJ',
    urgent: false,
    handle: days(5),
    handleSource: 'project',
    duplicateRadiusM: 20,
  },
  {
    code: 'W08',
    name: '百姓生活',
    kind: 'grid_work',
    scheme: 'project',
    department: 'ZJJ',
    urgent: false,
    handle: days(3),
    handleSource: 'project',
    duplicateRadiusM: 50,
    note: 'Chaoyang "百姓生活" classes 9001–9016 (per-item numbers not retrieved).',
  },
  {
    code: 'W09',
    name: '突发事件（应急）',
    kind: 'grid_work',
    scheme: 'project',
    department: 'YJJ',
    urgent: true,
    handle: urgentHours(4),
    handleSource: 'project',
    duplicateRadiusM: 200,
  },
];

const cover = (code: string, name: string, department?: string): SubcategoryData => ({
  code,
  parent: '1001',
  name,
  urgent: true,
  handle: urgentHours(6),
  handleSource: 'guangzhou',
  ...(department ? { department } : {}),
  note: '井盖缺损 6 h (36 h where conditions prevent it); Taiyuan: 污水井盖丢失 2 h.',
});

export const SUBCATEGORIES: readonly SubcategoryData[] = [
  // 1001 公共设施
  cover('100101', '上水井盖', 'SWJ'),
  cover('100102', '污水井盖'),
  cover('100103', '雨水井盖'),
  { code: '100104', parent: '1001', name: '雨水箅子' },
  cover('100105', '电力井盖', 'GDGS'),
  cover('100106', '路灯井盖'),
  cover('100107', '电信井盖', 'TXGS'),
  cover('100108', '有线电视井盖', 'TXGS'),
  cover('100110', '热力井盖'),
  cover('100111', '燃气井盖'),
  cover('100112', '公安井盖', 'GAJ'),
  { code: '100113', parent: '1001', name: '消防设施', department: 'XFJY' },
  cover('100114', '不明井盖'),
  { code: '100115', parent: '1001', name: '电信交接箱', department: 'TXGS' },
  { code: '100116', parent: '1001', name: '电力设施', department: 'GDGS' },
  { code: '100117', parent: '1001', name: '电杆', department: 'GDGS' },
  {
    code: '100118',
    parent: '1001',
    name: '路灯',
    handle: days(1),
    handleSource: 'taiyuan',
    note: 'Taiyuan: 连续3盏路灯不亮 1 工作日.',
  },
  { code: '100121', parent: '1001', name: '报刊亭', department: 'ZHZF' },
  { code: '100122', parent: '1001', name: '电话亭', department: 'TXGS' },
  { code: '100123', parent: '1001', name: '邮筒', department: 'ZHZF', note: 'owned by the postal company' },
  { code: '100126', parent: '1001', name: '健身设施', department: 'JYJ' },
  // 1002 道路交通
  { code: '100201', parent: '1002', name: '停车场', department: 'ZHZF' },
  { code: '100202', parent: '1002', name: '停车咪表', department: 'ZHZF' },
  { code: '100203', parent: '1002', name: '公交站亭', department: 'JTJ' },
  { code: '100205', parent: '1002', name: '过街天桥' },
  { code: '100206', parent: '1002', name: '地下通道' },
  { code: '100209', parent: '1002', name: '交通标志牌', department: 'GAJ' },
  { code: '100211', parent: '1002', name: '交通护栏', department: 'GAJ' },
  { code: '100212', parent: '1002', name: '存车支架', department: 'ZHZF' },
  { code: '100213', parent: '1002', name: '路名牌', department: 'MZJ', note: '地名标志: civil affairs' },
  { code: '100214', parent: '1002', name: '交通信号灯', department: 'GAJ' },
  // 1003 市容环境 (部件)
  { code: '100301', parent: '1003', name: '公共厕所' },
  { code: '100304', parent: '1003', name: '垃圾间' },
  { code: '100305', parent: '1003', name: '垃圾箱' },
  { code: '100307', parent: '1003', name: '广告牌匾' },
  // 1004 园林绿化
  { code: '100401', parent: '1004', name: '古树名木', department: 'ZRZY', note: '林业 sits with 自然资源' },
  { code: '100402', parent: '1004', name: '行道树' },
  { code: '100403', parent: '1004', name: '树池箅子' },
  { code: '100405', parent: '1004', name: '绿地' },
  { code: '100406', parent: '1004', name: '雕塑' },
  { code: '100407', parent: '1004', name: '街头座椅' },
  // 1005 房屋土地
  { code: '100501', parent: '1005', name: '宣传栏', department: 'ZHZF' },
  { code: '100502', parent: '1005', name: '人防工事' },
  { code: '100503', parent: '1005', name: '公房地下室' },
  // 2001 市容环境 (事件)
  {
    code: '200101',
    parent: '2001',
    name: '新增建筑（违法搭建）',
    handle: days(15),
    handleSource: 'jiyuan',
    duplicateRadiusM: 30,
    note: 'Unnamed city: 停工 4 工作时, 处罚 7 工作日, 拆除 20 工作日.',
  },
  {
    code: '200102',
    parent: '2001',
    name: '暴露垃圾',
    handle: days(1),
    handleSource: 'jiyuan',
    altCodes: [{ code: '06010', scheme: 'GB/T 47678.5-2026', note: 'UNCONFIRMED' }],
    note: 'Unnamed city: 4 工作时.',
  },
  {
    code: '200103',
    parent: '2001',
    name: '积存垃圾渣土',
    handle: days(4),
    handleSource: 'jiyuan',
    altCodes: [{ code: '06011', scheme: 'GB/T 47678.5-2026', note: 'UNCONFIRMED' }],
    note: 'Unnamed city: 建筑垃圾 4 工作时, 渣土堆 2 工作日.',
  },
  {
    code: '200104',
    parent: '2001',
    name: '道路保洁（道路不洁）',
    handle: hours(5),
    handleSource: 'jiyuan',
    altCodes: [{ code: '06012', scheme: 'GB/T 47678.5-2026', note: 'UNCONFIRMED; 道路不洁' }],
    note: 'Unnamed city: 2 工作时.',
  },
  {
    code: '200105',
    parent: '2001',
    name: '河道保洁（水域不洁）',
    department: 'SWJ',
    handle: days(15),
    handleSource: 'jiyuan',
  },
  {
    code: '200106',
    parent: '2001',
    name: '绿地保洁',
    department: 'ZJJ',
    handle: hours(4),
    handleSource: 'unnamed_city',
    altCodes: [{ code: '06017', scheme: 'GB/T 47678.5-2026', note: 'UNCONFIRMED; 绿地脏乱' }],
    note: 'Same city: 绿地养护 5 工作日.',
  },
  { code: '200107', parent: '2001', name: '废弃车辆' },
  { code: '200108', parent: '2001', name: '废弃家具设备' },
  { code: '200109', parent: '2001', name: '非装饰性树挂' },
  {
    code: '200111',
    parent: '2001',
    name: '道路积水',
    department: 'ZJJ',
    handle: hours(4),
    handleSource: 'unnamed_city',
  },
  { code: '200112', parent: '2001', name: '除雪后积雪结冰' },
  { code: '200115', parent: '2001', name: '乱倒乱排污水' },
  { code: '200127', parent: '2001', name: '焚烧垃圾树叶', duplicateRadiusM: 150 },
  { code: '200140', parent: '2001', name: '擅自饲养家禽家畜' },
  { code: '200141', parent: '2001', name: '油烟污染', duplicateRadiusM: 100 },
  // 2002 宣传广告
  {
    code: '200201',
    parent: '2002',
    name: '非法张贴小广告',
    altCodes: [{ code: '02-01', scheme: 'codebase-39295482900' }],
  },
  {
    code: '200202',
    parent: '2002',
    name: '违章张贴悬挂广告牌匾',
    altCodes: [{ code: '07003', scheme: 'GB/T 47678.5-2026', note: 'UNCONFIRMED; near match 违规户外广告' }],
  },
  { code: '200203', parent: '2002', name: '占道广告牌' },
  { code: '200204', parent: '2002', name: '街头散发小广告' },
  { code: '200205', parent: '2002', name: '临时性标语宣传品损毁' },
  // 2003 施工管理
  { code: '200301', parent: '2003', name: '施工扰民', department: 'ZHZF', duplicateRadiusM: 150 },
  { code: '200302', parent: '2003', name: '工地扬尘', duplicateRadiusM: 150 },
  { code: '200303', parent: '2003', name: '无证消纳渣土', department: 'ZHZF' },
  { code: '200304', parent: '2003', name: '道路遗撒', department: 'ZHZF' },
  { code: '200305', parent: '2003', name: '施工废弃料', department: 'ZHZF' },
  { code: '200306', parent: '2003', name: '道路破损' },
  { code: '200307', parent: '2003', name: '施工工地未围挡' },
  {
    code: '200312',
    parent: '2003',
    name: '渣土运输车辆未密闭',
    department: 'ZHZF',
    altCodes: [{ code: '03-11', scheme: 'codebase-39295482900' }],
  },
  { code: '200313', parent: '2003', name: '车轮带泥', department: 'ZHZF' },
  // 2004 突发事件 (urgent)
  { code: '200401', parent: '2004', name: '路面塌陷', department: 'ZJJ' },
  { code: '200402', parent: '2004', name: '自来水管破裂', department: 'SWJ' },
  { code: '200403', parent: '2004', name: '燃气管道破裂', department: 'ZJJ' },
  { code: '200404', parent: '2004', name: '下水道堵塞', department: 'ZJJ' },
  { code: '200407', parent: '2004', name: '集体性事件', department: 'ZFW', duplicateRadiusM: 300 },
  {
    code: '200409',
    parent: '2004',
    name: '病虫害',
    department: 'ZJJ',
    urgent: false,
    handle: days(5),
    handleSource: 'project',
    note: 'Listed under 突发事件 by the source, but not urgent.',
  },
  { code: '200411', parent: '2004', name: '火灾', department: 'XFJY', duplicateRadiusM: 300 },
  // 2005 街面秩序
  {
    code: '200501',
    parent: '2005',
    name: '无照经营游商',
    altCodes: [{ code: '04-01', scheme: 'codebase-39295482900' }],
  },
  { code: '200502', parent: '2005', name: '流浪乞讨', department: 'MZJ' },
  { code: '200503', parent: '2005', name: '占道废品收购' },
  {
    code: '200504',
    parent: '2005',
    name: '店外经营',
    altCodes: [{ code: '09005', scheme: 'GB/T 47678.5-2026', note: 'UNCONFIRMED' }],
  },
  { code: '200505', parent: '2005', name: '机动车乱停放', department: 'GAJ', note: '交警 on the roadway' },
  { code: '200506', parent: '2005', name: '非机动车乱停放' },
  {
    code: '200507',
    parent: '2005',
    name: '乱堆物堆料',
    altCodes: [
      { code: '06036', scheme: 'GB/T 47678.5-2026', note: 'UNCONFIRMED' },
      { code: '01-36', scheme: 'codebase-39295482900', note: 'filed under 市容环境 there' },
    ],
  },
  { code: '200508', parent: '2005', name: '商业噪音', duplicateRadiusM: 100 },
  { code: '200509', parent: '2005', name: '黑车拉客', department: 'JTJ' },
  {
    code: '200510',
    parent: '2005',
    name: '露天烧烤',
    urgent: true,
    handle: urgentHours(2),
    handleSource: 'taiyuan',
    limits: { acknowledge: { limit: urgentHours(1), source: 'taiyuan' } },
    duplicateRadiusM: 100,
    note: 'Taiyuan: arrive within 1 h, finish within 2 h; counted in natural hours (evenings) by inference.',
  },
  { code: '200512', parent: '2005', name: '非法出版物销售', note: '文化市场执法 where separate' },
  { code: '200598', parent: '2005', name: '占压盲道' },
  { code: '200599', parent: '2005', name: '其它' },
  // W01 矛盾纠纷
  { code: 'W0101', parent: 'W01', name: '邻里纠纷', department: 'SFJ', note: '人民调解 sits with 司法局' },
  { code: 'W0102', parent: 'W01', name: '物业纠纷', department: 'ZJJ' },
  { code: 'W0103', parent: 'W01', name: '劳资纠纷', department: 'RSJ' },
  { code: 'W0104', parent: 'W01', name: '家庭纠纷', department: 'SFJ' },
  {
    code: 'W0105',
    parent: 'W01',
    name: '群体性事件苗头',
    urgent: true,
    handle: urgentHours(4),
    handleSource: 'project',
    duplicateRadiusM: 300,
  },
  // W02 安全隐患
  { code: 'W0201', parent: 'W02', name: '消防安全隐患', department: 'XFJY' },
  { code: 'W0202', parent: 'W02', name: '安全生产隐患' },
  { code: 'W0203', parent: 'W02', name: '交通安全隐患', department: 'GAJ' },
  { code: 'W0204', parent: 'W02', name: '卫生安全隐患', department: 'WJJ' },
  { code: 'W0205', parent: 'W02', name: '环境安全隐患', department: 'SHJ' },
  { code: 'W0206', parent: 'W02', name: '食品药品安全隐患', department: 'SCJG' },
  // W03 治安
  { code: 'W0301', parent: 'W03', name: '治安隐患（巡防发现）' },
  { code: 'W0302', parent: 'W03', name: '违法犯罪线索' },
  // W04 违法违章
  { code: 'W0401', parent: 'W04', name: '违法建设', handle: days(15), handleSource: 'jiyuan' },
  { code: 'W0402', parent: 'W04', name: '违法排放', department: 'SHJ' },
  {
    code: 'W0403',
    parent: 'W04',
    name: '违法停车',
    department: 'GAJ',
    handle: days(1),
    handleSource: 'project',
  },
  // W05 特殊人群服务管理
  { code: 'W0501', parent: 'W05', name: '严重精神障碍患者（易肇事肇祸）', department: 'WJJ' },
  { code: 'W0502', parent: 'W05', name: '社区矫正对象', department: 'SFJ' },
  { code: 'W0503', parent: 'W05', name: '刑满释放人员', department: 'SFJ' },
  { code: 'W0504', parent: 'W05', name: '空巢、孤寡老人', department: 'MZJ' },
  { code: 'W0505', parent: 'W05', name: '残疾人', department: 'CL' },
  { code: 'W0506', parent: 'W05', name: '留守儿童', department: 'MZJ' },
  // W06 重点场所和行业
  { code: 'W0601', parent: 'W06', name: '出租房屋', department: 'GAJ' },
  { code: 'W0602', parent: 'W06', name: '校车', department: 'JYJ' },
  { code: 'W0603', parent: 'W06', name: '重点行业（危化品、石油化工）' },
  // W07 民生服务（代办）
  { code: 'W0701', parent: 'W07', name: '低保、临时救助' },
  { code: 'W0702', parent: 'W07', name: '残疾人服务', department: 'CL' },
  { code: 'W0703', parent: 'W07', name: '优抚诉求', department: 'TYJR' },
  { code: 'W0704', parent: 'W07', name: '社保认证', department: 'RSJ' },
  // W08 百姓生活
  {
    code: 'W0801',
    parent: 'W08',
    name: '噪声扰民',
    department: 'GAJ',
    duplicateRadiusM: 100,
    note: '社会生活噪声: police; commercial noise is 200508',
  },
  { code: 'W0802', parent: 'W08', name: '乱收费（停车、物业）', department: 'SCJG' },
  { code: 'W0803', parent: 'W08', name: '供暖' },
  { code: 'W0804', parent: 'W08', name: '房屋漏雨' },
  { code: 'W0805', parent: 'W08', name: '停水', department: 'SWJ', duplicateRadiusM: 300 },
  { code: 'W0806', parent: 'W08', name: '电梯停运', department: 'SCJG', note: '特种设备 safety' },
  { code: 'W0807', parent: 'W08', name: '宠物扰民（遛狗、大型犬）', department: 'GAJ' },
  // W09 突发事件（应急）
  { code: 'W0901', parent: 'W09', name: '灾害险情' },
  { code: 'W0902', parent: 'W09', name: '突发公共卫生事件', department: 'WJJ' },
];
