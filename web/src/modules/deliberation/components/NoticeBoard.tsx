import { Alert, Card, Empty, Space, Spin, Tag, Typography } from 'antd';
import { useAsync } from '../../../ui/useAsync.ts';
import { fetchNoticeBoard } from '../api/deliberation.api.ts';
import { DISCLOSURE_LABELS, shanghai } from '../labels.ts';
import { TallyView } from './TallyView.tsx';

/**
 * A grid's public notice board (两公开): each matter's resolution and result, counts only. Shown
 * without sign-in at `/notice/:gridId`, and to residents inside the app.
 */
export function NoticeBoard({ gridId }: { gridId: number }) {
  const board = useAsync(`notices:${gridId}`, (signal) => fetchNoticeBoard(gridId, signal));
  if (board.error) return <Alert type="warning" title={board.error.message} />;
  if (!board.data) return <Spin />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="notice-board">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {board.data.grid.name} · 公示栏
      </Typography.Title>
      <Typography.Text type="secondary">网格善治会决议与实施结果公开（双线七议两公开）</Typography.Text>
      {board.data.notices.length === 0 && <Empty description="暂无公示" />}
      {board.data.notices.map((n) => (
        <Card
          key={n.id}
          size="small"
          title={n.title}
          extra={<Tag color={n.kind === 'resolution' ? 'blue' : 'green'}>{DISCLOSURE_LABELS[n.kind]}</Tag>}
          data-testid={`notice-${n.kind}-${n.matterId}`}
        >
          <Typography.Paragraph>{n.text}</Typography.Paragraph>
          {n.tally && <TallyView tally={n.tally} />}
          {n.fund && (
            <Typography.Paragraph>
              申请资金：{n.fund.name} {n.fund.amount.toFixed(2)} 元
            </Typography.Paragraph>
          )}
          <Typography.Text type="secondary">
            {n.stepName} · 发布于 {shanghai(n.publishedAt)}
          </Typography.Text>
        </Card>
      ))}
    </Space>
  );
}
