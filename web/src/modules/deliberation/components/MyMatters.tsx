import { CheckOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Input, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { MyMatters as MyMattersData, VoteChoice } from '#contracts';
import { ApiError } from '../../../app/api.ts';
import { useAsync } from '../../../ui/useAsync.ts';
import { commentOnMatter, fetchMyMatters, voteOnMatter } from '../api/deliberation.api.ts';
import { CHOICE_LABELS, MODE_LABELS, STATUS_LABELS } from '../labels.ts';
import { TallyView } from './TallyView.tsx';

type MyMatter = MyMattersData['matters'][number];

/** The household's recorded choice: a disabled button that still reads as chosen (已投). */
const RECORDED_STYLE = {
  color: '#fff',
  background: '#52c41a',
  borderColor: '#52c41a',
  opacity: 1,
} as const;

/** `/my/matters` (phone first): a resident takes part in the grid council — comments and the household vote. */
export function MyMatters() {
  const mine = useAsync('my-matters', (signal) => fetchMyMatters(signal));
  if (mine.error) return <Alert type="warning" title={mine.error.message} />;
  if (!mine.data) return <Spin />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="my-matters">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {mine.data.grid.name} · 网格议事
      </Typography.Title>
      <a href={`/notice/${mine.data.grid.id}`} data-testid="my-notice-link">
        查看本网格公示栏
      </a>
      {mine.data.matters.length === 0 && <Empty description="暂无议题" />}
      {mine.data.matters.map((m) => (
        <MatterCard key={m.id} matter={m} onChange={mine.reload} />
      ))}
    </Space>
  );
}

function MatterCard({ matter: m, onChange }: { matter: MyMatter; onChange: () => void }) {
  const { message } = App.useApp();
  const [comment, setComment] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const current = m.currentStep ? m.steps[m.currentStep - 1] : undefined;
  const online = current && current.mode !== 'offline' && m.status === 'in_progress';
  const [voting, setVoting] = useState<VoteChoice | null>(null);
  const vote = async (choice: VoteChoice) => {
    setRefusal(null);
    setVoting(choice);
    try {
      await voteOnMatter(m.id, choice);
      message.success('已投票（每户一票）');
      onChange();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'deliberation.already_voted') {
        // Another member of the household voted meanwhile: show the vote on record.
        setRefusal('本户已经投过票，每户只能投一票');
        onChange();
      } else setRefusal(error instanceof Error ? error.message : String(error));
    } finally {
      setVoting(null);
    }
  };
  return (
    <Card
      size="small"
      title={m.title}
      extra={<Tag>{STATUS_LABELS[m.status]}</Tag>}
      data-testid={`my-matter-${m.id}`}
    >
      <Typography.Paragraph>{m.description}</Typography.Paragraph>
      {current && (
        <Typography.Paragraph type="secondary">
          当前：第{m.currentStep}步 {current.name}（{MODE_LABELS[current.mode]}）
        </Typography.Paragraph>
      )}
      {current?.vote && m.status === 'in_progress' && current.mode !== 'offline' && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {m.myVote ? (
            <Alert
              type="success"
              title={`本户已投：${CHOICE_LABELS[m.myVote]}`}
              description="每户一票，投出后不能更改。"
              data-testid="my-vote"
            />
          ) : (
            <Typography.Text>请为本户投票（每户一票，投出后不能更改）：</Typography.Text>
          )}
          <Space wrap>
            {(['for', 'against', 'abstain'] as const).map((choice) => {
              const recorded = m.myVote === choice;
              return (
                <Button
                  key={choice}
                  type={recorded || (!m.myVote && choice === 'for') ? 'primary' : 'default'}
                  icon={recorded ? <CheckOutlined /> : undefined}
                  // Once the household has voted the server refuses another: nothing to offer.
                  disabled={m.myVote !== null || voting !== null}
                  loading={voting === choice}
                  aria-pressed={recorded}
                  style={recorded ? RECORDED_STYLE : undefined}
                  onClick={() => vote(choice)}
                  data-testid={`vote-${choice}`}
                >
                  {CHOICE_LABELS[choice]}
                </Button>
              );
            })}
          </Space>
        </Space>
      )}
      {m.myVote && !current?.vote && (
        <Typography.Paragraph type="secondary" data-testid="my-vote-past">
          本户投票：{CHOICE_LABELS[m.myVote]}
        </Typography.Paragraph>
      )}
      {refusal && <Alert type="error" title={refusal} style={{ marginTop: 8 }} data-testid="vote-refusal" />}
      {m.tally && (
        <div style={{ marginTop: 8 }}>
          <TallyView tally={m.tally} />
        </div>
      )}
      {online && (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Input
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            placeholder="说说您的意见"
            data-testid="comment-body"
          />
          <Button
            onClick={async () => {
              try {
                await commentOnMatter(m.id, comment);
                setComment('');
                message.success('意见已提交');
              } catch (error) {
                message.error(error instanceof Error ? error.message : String(error));
              }
            }}
            disabled={!comment.trim()}
            data-testid="comment-submit"
          >
            提交
          </Button>
        </Space.Compact>
      )}
    </Card>
  );
}
