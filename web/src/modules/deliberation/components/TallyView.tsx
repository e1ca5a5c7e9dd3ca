import { Descriptions, Tag } from 'antd';
import type { Tally } from '#contracts';

/** A vote's count: numbers only, with the quorum rule. */
export function TallyView({ tally }: { tally: Tally }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 3 }}
      data-testid="tally"
      items={[
        { label: '应参与户数', children: tally.eligibleHouseholds },
        { label: '已投票户数', children: tally.voted },
        {
          label: '同意 / 反对 / 弃权',
          children: `${tally.inFavour} / ${tally.against} / ${tally.abstained}`,
        },
        {
          label: '规则',
          children: `参与超过 ${tally.rule.turnoutAbovePercent}%，同意超过 ${tally.rule.approvalAbovePercent}%`,
        },
        {
          label: '结果',
          children: tally.adopted ? <Tag color="green">通过</Tag> : <Tag>未达通过条件</Tag>,
        },
      ]}
    />
  );
}
