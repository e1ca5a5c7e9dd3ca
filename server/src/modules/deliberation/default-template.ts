import type { QuorumRule, TemplateStep } from '#contracts/deliberation.ts';

/**
 * The built-in seven steps (七议两公开) — THIS PROJECT'S DESIGN, not a published Longkou list: no
 * source gives the steps of 双线七议两公开 (REFERENCE.md §3 marks them unconfirmed). They are built
 * on the nationally used 四议两公开 (提议 → 商议 → 审议 → 决议, then 决议公开 and 实施结果公开),
 * preceded by the residents' own proposals as in 五议五公开 and urban 三议, adapted to a grid: the
 * grid party branch screens and proposes, the topic is made public before anyone discusses it,
 * residents' representatives and members consult, households vote, and the two disclosures follow.
 * Each jurisdiction may store its own template (README.md says why the default is what it is).
 */
const STAFF = ['community_secretary', 'grid_worker'] as const;

export const DEFAULT_STEPS: readonly TemplateStep[] = [
  { key: 'collect_topics', name: '征集议题', mode: 'both', roles: [...STAFF], vote: false, disclosure: null },
  // 支部提议/审议: the grid party branch meets; the community secretary (its superior) signs it off.
  {
    key: 'branch_review',
    name: '支部审议',
    mode: 'offline',
    roles: ['community_secretary'],
    vote: false,
    disclosure: null,
  },
  { key: 'topic_notice', name: '议题公示', mode: 'online', roles: [...STAFF], vote: false, disclosure: null },
  { key: 'consultation', name: '协商讨论', mode: 'both', roles: [...STAFF], vote: false, disclosure: null },
  { key: 'vote', name: '表决', mode: 'both', roles: [...STAFF], vote: true, disclosure: null },
  {
    key: 'resolution_notice',
    name: '决议公开',
    mode: 'online',
    roles: ['community_secretary'],
    vote: false,
    disclosure: 'resolution',
  },
  {
    key: 'implementation',
    name: '实施与结果公开',
    mode: 'both',
    roles: [...STAFF],
    vote: false,
    disclosure: 'result',
  },
];

/** More than half of the grid's households vote, and more than half of the votes are in favour (过半数). */
export const DEFAULT_QUORUM: QuorumRule = { turnoutAbovePercent: 50, approvalAbovePercent: 50 };
