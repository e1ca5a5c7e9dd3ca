import type { QuorumRule, Tally, VoteChoice } from '#contracts/deliberation.ts';

/** Counting votes under the quorum rule (pure). Integer arithmetic, strict "more than". */

export interface VoteCounts {
  eligibleHouseholds: number;
  inFavour: number;
  against: number;
  abstained: number;
}

export function countVotes(choices: Iterable<VoteChoice>, eligibleHouseholds: number): VoteCounts {
  const counts: VoteCounts = { eligibleHouseholds, inFavour: 0, against: 0, abstained: 0 };
  for (const choice of choices) {
    switch (choice) {
      case 'for':
        counts.inFavour += 1;
        break;
      case 'against':
        counts.against += 1;
        break;
      case 'abstain':
        counts.abstained += 1;
        break;
      default: {
        const unknown: never = choice;
        throw new RangeError(`unknown choice ${String(unknown)}`);
      }
    }
  }
  return counts;
}

export function tally(counts: VoteCounts, rule: QuorumRule): Tally {
  const voted = counts.inFavour + counts.against + counts.abstained;
  const turnoutMet = voted > 0 && voted * 100 > counts.eligibleHouseholds * rule.turnoutAbovePercent;
  const approvalMet = voted > 0 && counts.inFavour * 100 > voted * rule.approvalAbovePercent;
  return {
    eligibleHouseholds: counts.eligibleHouseholds,
    voted,
    inFavour: counts.inFavour,
    against: counts.against,
    abstained: counts.abstained,
    rule,
    turnoutMet,
    approvalMet,
    adopted: turnoutMet && approvalMet,
  };
}
