import {
  Button,
  Card,
  Checkbox,
  Drawer,
  Form,
  Input,
  Modal,
  message,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { Pledge, PledgeStanding } from '#contracts/performance.ts';
import { ApiError } from '../../../app/api.ts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { useAsync } from '../../../ui/useAsync.ts';
import { useIsMobile } from '../../../ui/useMediaQuery.ts';
import { claimPledge, fetchPledges, reviewPledge } from '../api/performance.api.ts';
import { LEVEL_LABELS, STANDING_LABELS } from '../labels.ts';
import { exportExcel } from './exportExcel.ts';

const STANDINGS: PledgeStanding[] = ['late', 'claimed', 'open', 'kept', 'kept_late'];

/** 承诺践诺: every pledge with its standing; claim fulfilment with evidence, accept or send back. */
export function PledgeBoard() {
  const [standing, setStanding] = useState<PledgeStanding | 'all'>('all');
  const [claiming, setClaiming] = useState<Pledge | null>(null);
  const [reviewing, setReviewing] = useState<Pledge | null>(null);
  const [actionableOnly, setActionableOnly] = useState(false);
  const isMobile = useIsMobile();
  const filter = { standing: standing === 'all' ? undefined : standing };
  const list = useAsync(`pledges:${standing}`, (signal) => fetchPledges(filter, signal));
  const data = list.data;
  const shown = (data?.pledges ?? []).filter((p) => !actionableOnly || p.mayClaim || p.mayReview);

  const columns = [
    { title: '突破项目', dataIndex: 'projectTitle', key: 'projectTitle', ellipsis: true },
    { title: '层级', key: 'level', width: 70, render: (_: unknown, p: Pledge) => LEVEL_LABELS[p.level] },
    {
      title: '地点',
      dataIndex: 'placeName',
      key: 'placeName',
      width: 110,
      render: (v: string | null) => v ?? '全市',
    },
    { title: '书记', dataIndex: 'ownerName', key: 'ownerName', width: 90 },
    { title: '承诺事项', dataIndex: 'title', key: 'title', ellipsis: true },
    { title: '承诺时限', dataIndex: 'dueOn', key: 'dueOn', width: 110 },
    {
      title: '状态',
      key: 'standing',
      width: 100,
      render: (_: unknown, p: Pledge) => (
        <Tag color={STANDING_LABELS[p.standing].color} data-testid={`standing-${p.id}`}>
          {STANDING_LABELS[p.standing].label}
        </Tag>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_: unknown, p: Pledge) => (
        <Space size="small">
          {p.mayClaim && (
            <Button size="small" type="link" onClick={() => setClaiming(p)} data-testid={`claim-${p.id}`}>
              申报践诺
            </Button>
          )}
          {p.mayReview && (
            <Button size="small" type="link" onClick={() => setReviewing(p)}>
              审核
            </Button>
          )}
        </Space>
      ),
    },
  ];

  /** On a phone: what was pledged, by when and where it stands in one cell, and what to do. */
  const phoneColumns = [
    {
      title: '承诺事项',
      key: 'title',
      render: (_: unknown, p: Pledge) => (
        <Space direction="vertical" size={2}>
          <Typography.Text strong>{p.title}</Typography.Text>
          <Space size={6}>
            <Typography.Text type="secondary">时限 {p.dueOn}</Typography.Text>
            <Tag color={STANDING_LABELS[p.standing].color}>{STANDING_LABELS[p.standing].label}</Tag>
          </Space>
        </Space>
      ),
    },
    { ...(columns[columns.length - 1] as (typeof columns)[number]), width: 96 },
  ];

  const exportRows = () =>
    exportExcel(
      '承诺践诺台账.xlsx',
      '承诺践诺',
      [
        { header: '突破项目', key: 'projectTitle', width: 30 },
        { header: '层级', key: 'level', width: 8 },
        { header: '地点', key: 'placeName' },
        { header: '书记', key: 'ownerName', width: 10 },
        { header: '承诺事项', key: 'title', width: 36 },
        { header: '承诺时限', key: 'dueOn', width: 12 },
        { header: '状态', key: 'standing', width: 10 },
        { header: '践诺佐证', key: 'evidenceText', width: 40 },
      ],
      shown.map((p) => ({
        projectTitle: p.projectTitle,
        level: LEVEL_LABELS[p.level],
        placeName: p.placeName ?? '全市',
        ownerName: p.ownerName,
        title: p.title,
        dueOn: p.dueOn,
        standing: STANDING_LABELS[p.standing].label,
        evidenceText: p.evidenceText ?? '',
      })),
    );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        书记突破项目 · 承诺践诺
      </Typography.Title>
      {data && (
        <Space wrap size="large">
          <Statistic title="突破项目" value={data.projects} />
          <Statistic title="承诺事项" value={Object.values(data.counts).reduce((a, b) => a + b, 0)} />
          {STANDINGS.map((s) => (
            <Statistic key={s} title={STANDING_LABELS[s].label} value={data.counts[s]} />
          ))}
        </Space>
      )}
      <Space wrap>
        <Segmented
          value={standing}
          onChange={(v) => setStanding(v as PledgeStanding | 'all')}
          options={[
            { label: '全部', value: 'all' },
            ...STANDINGS.map((s) => ({ label: STANDING_LABELS[s].label, value: s })),
          ]}
        />
        <Checkbox
          checked={actionableOnly}
          onChange={(e) => setActionableOnly(e.target.checked)}
          data-testid="actionable-only"
        >
          只看待我办理
        </Checkbox>
        <Button onClick={() => void exportRows()} disabled={!data}>
          导出 Excel
        </Button>
      </Space>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<Pledge>
            rowKey="id"
            size="small"
            loading={list.loading}
            dataSource={shown}
            columns={isMobile ? phoneColumns : columns}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            scroll={isMobile ? undefined : { x: 1000 }}
          />
        </Card>
      )}
      <ClaimForm pledge={claiming} onClose={() => setClaiming(null)} onDone={list.reload} />
      <ReviewForm pledge={reviewing} onClose={() => setReviewing(null)} onDone={list.reload} />
    </Space>
  );
}

/** 申报践诺: the evidence (a text, and photo ids or links) — refused without. */
export function ClaimForm({
  pledge,
  onClose,
  onDone,
}: {
  pledge: Pledge | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const isMobile = useIsMobile();
  const [form] = Form.useForm<{ evidenceText: string; evidenceRefs: string[] }>();
  const [saving, setSaving] = useState(false);
  const submit = async (values: { evidenceText: string; evidenceRefs?: string[] }) => {
    if (!pledge) return;
    setSaving(true);
    try {
      await claimPledge(pledge.id, {
        evidenceText: values.evidenceText ?? '',
        evidenceRefs: values.evidenceRefs ?? [],
      });
      void message.success('已提交，等待上级审核');
      form.resetFields();
      onClose();
      onDone();
    } catch (error) {
      void message.error(error instanceof ApiError ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Drawer
      open={pledge !== null}
      onClose={onClose}
      title="申报践诺"
      placement={isMobile ? 'bottom' : 'right'}
      size={isMobile ? 'large' : 'default'}
      height={isMobile ? '85%' : undefined}
      destroyOnHidden
    >
      {pledge && (
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="claim-form">
          <Typography.Paragraph>
            <Typography.Text strong>{pledge.title}</Typography.Text>
            <br />
            <Typography.Text type="secondary">
              {pledge.projectTitle} · 承诺时限 {pledge.dueOn}
            </Typography.Text>
          </Typography.Paragraph>
          {pledge.reviewNote && pledge.status === 'sent_back' && (
            <Typography.Paragraph type="danger">退回意见：{pledge.reviewNote}</Typography.Paragraph>
          )}
          <Form.Item
            name="evidenceText"
            label="践诺情况及佐证"
            rules={[{ required: true, whitespace: true, message: '请填写践诺佐证：没有佐证不能申报' }]}
          >
            <Input.TextArea
              rows={5}
              maxLength={4000}
              showCount
              placeholder="完成了什么、何时完成、惠及多少居民"
            />
          </Form.Item>
          <Form.Item name="evidenceRefs" label="照片编号或链接（可选）">
            <Select
              mode="tags"
              tokenSeparators={[',', ' ']}
              placeholder="粘贴照片编号或链接后回车"
              open={false}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} block={isMobile}>
            提交审核
          </Button>
        </Form>
      )}
    </Drawer>
  );
}

function ReviewForm({
  pledge,
  onClose,
  onDone,
}: {
  pledge: Pledge | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const [note, setNote] = useState('');
  const decide = async (decision: 'accept' | 'send_back') => {
    if (!pledge) return;
    try {
      await reviewPledge(pledge.id, { decision, note });
      void message.success(decision === 'accept' ? '已确认践诺' : '已退回');
      setNote('');
      onClose();
      onDone();
    } catch (error) {
      void message.error(error instanceof ApiError ? error.message : String(error));
    }
  };
  return (
    <Modal
      open={pledge !== null}
      title="审核践诺"
      onCancel={onClose}
      footer={[
        <Button key="back" danger onClick={() => void decide('send_back')}>
          退回
        </Button>,
        <Button key="ok" type="primary" onClick={() => void decide('accept')}>
          确认践诺
        </Button>,
      ]}
    >
      {pledge && (
        <>
          <Typography.Paragraph strong>{pledge.title}</Typography.Paragraph>
          <Typography.Paragraph>{pledge.evidenceText}</Typography.Paragraph>
          {pledge.evidenceRefs.map((ref) => (
            <Tag key={ref}>{ref}</Tag>
          ))}
          <Input.TextArea
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder="审核意见（退回时必填理由）"
            style={{ marginTop: 12 }}
          />
        </>
      )}
    </Modal>
  );
}
