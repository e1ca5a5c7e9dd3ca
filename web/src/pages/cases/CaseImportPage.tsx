import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Progress,
  Result,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useState } from 'react';
import type { CaseImport, HotlineField, HotlineImportCheck, HotlineRowError } from '#contracts';
import {
  HOTLINE_FIELD_LABELS,
  HOTLINE_FIELDS,
  HOTLINE_ROW_ERROR_LABELS,
  REQUIRED_HOTLINE_FIELDS,
} from '#contracts/case-import-labels.ts';
import { caseImportLimits } from '#contracts/limits.ts';
import { detailsOf } from '../../app/api.ts';
import { useMe } from '../../app/auth.tsx';
import { useI18n } from '../../app/i18n.ts';
import {
  checkImport,
  fetchImports,
  type ImportOptions,
  type ImportProgress,
  runImport,
} from '../../modules/cases/api/case-imports.api.ts';
import { formatDateTime } from '../../ui/format.ts';
import { Link } from '../../ui/Link.tsx';
import { useAsync } from '../../ui/useAsync.ts';

const CRS_OPTIONS = [
  { value: 'wgs84', label: 'WGS-84（GPS、天地图）' },
  { value: 'gcj02', label: 'GCJ-02（高德、腾讯）' },
  { value: 'bd09', label: 'BD-09（百度）' },
];
const ENCODING_OPTIONS = [
  { value: 'auto', label: '自动识别' },
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'gb18030', label: 'GBK / GB18030' },
];
const STATUS_TAGS: Record<CaseImport['status'], { color: string; label: string }> = {
  running: { color: 'processing', label: '导入中' },
  succeeded: { color: 'success', label: '已导入' },
  failed: { color: 'error', label: '失败（未导入）' },
};

type Phase =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'checked'; check: HotlineImportCheck }
  | { kind: 'importing'; check: HotlineImportCheck; progress: ImportProgress | null }
  | { kind: 'done'; result: CaseImport }
  | { kind: 'failed'; message: string; check: HotlineImportCheck | null };

/** `/cases/import`: 12345 hotline work orders from an Excel or CSV file — check, then import all or nothing. */
export function CaseImportPage() {
  const me = useMe();
  const { locale } = useI18n();
  const [sheet, setSheet] = useState<UploadFile[]>([]);
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const [crs, setCrs] = useState<'wgs84' | 'gcj02' | 'bd09'>('wgs84');
  const [encoding, setEncoding] = useState<'auto' | 'utf-8' | 'gb18030'>('auto');
  const [mapping, setMapping] = useState<Partial<Record<HotlineField, string>>>({});
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const history = useAsync('imports', (signal) => fetchImports(signal));

  const sheetFile = sheet[0]?.originFileObj;
  const files = () => {
    if (!sheetFile) throw new Error('no file');
    const options: ImportOptions = { crs, encoding, mapping };
    return {
      sheet: sheetFile,
      photos: photos.flatMap((p) => (p.originFileObj ? [p.originFileObj] : [])),
      options,
    };
  };
  const check = async () => {
    setPhase({ kind: 'checking' });
    try {
      const result = await checkImport(files());
      setMapping(
        Object.fromEntries(
          Object.entries(result.mapping).filter((entry): entry is [string, string] => entry[1] !== null),
        ),
      );
      setPhase({ kind: 'checked', check: result });
    } catch (error) {
      setPhase({
        kind: 'failed',
        message: error instanceof Error ? error.message : String(error),
        check: null,
      });
    }
  };
  const start = async (checked: HotlineImportCheck) => {
    setPhase({ kind: 'importing', check: checked, progress: null });
    try {
      const result = await runImport(files(), me.csrfToken, (progress) =>
        setPhase({ kind: 'importing', check: checked, progress }),
      );
      setPhase({ kind: 'done', result });
    } catch (error) {
      const details = detailsOf(error);
      const refused = Array.isArray(details.errors) ? (details as unknown as HotlineImportCheck) : null;
      setPhase({
        kind: 'failed',
        message: error instanceof Error ? error.message : String(error),
        check: refused,
      });
    }
    history.reload();
  };
  const reset = () => {
    setSheet([]);
    setPhotos([]);
    setMapping({});
    setPhase({ kind: 'idle' });
  };

  const checked =
    phase.kind === 'checked' || phase.kind === 'importing'
      ? phase.check
      : phase.kind === 'failed'
        ? phase.check
        : null;
  const busy = phase.kind === 'checking' || phase.kind === 'importing';

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="case-import-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        12345 工单导入
      </Typography.Title>
      <Card title="1. 选择工单文件">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Upload.Dragger
            accept=".xlsx,.csv,.txt"
            maxCount={1}
            fileList={sheet}
            beforeUpload={() => false}
            onChange={({ fileList }) => {
              setSheet(fileList.slice(-1));
              setMapping({});
              setPhase({ kind: 'idle' });
            }}
            disabled={busy}
            data-testid="import-sheet"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或拖入 12345 导出的工单文件（.xlsx 或 .csv）</p>
            <p className="ant-upload-hint">
              CSV 可为 UTF-8 或 GBK 编码；每次最多 {caseImportLimits.maxRows} 条，全部导入或全部不导入。
              来电人姓名不保存，联系电话加密保存且不向部门展示。
            </p>
          </Upload.Dragger>
          <Space wrap>
            <Upload
              accept="image/jpeg,image/png,image/webp"
              multiple
              fileList={photos}
              beforeUpload={() => false}
              onChange={({ fileList }) => setPhotos(fileList.slice(0, caseImportLimits.maxPhotoFiles))}
              disabled={busy}
            >
              <Button icon={<UploadOutlined />}>添加照片（按“照片”列中的文件名对应）</Button>
            </Upload>
          </Space>
          <Space wrap>
            <span>坐标系（文件未注明时）</span>
            <Select
              value={crs}
              onChange={setCrs}
              options={CRS_OPTIONS}
              style={{ width: 220 }}
              disabled={busy}
            />
            <span>文件编码</span>
            <Select
              value={encoding}
              onChange={setEncoding}
              options={ENCODING_OPTIONS}
              style={{ width: 160 }}
              disabled={busy}
            />
            <Button
              type="primary"
              onClick={check}
              disabled={!sheetFile || busy}
              loading={phase.kind === 'checking'}
              data-testid="import-check"
            >
              检查（试导入）
            </Button>
          </Space>
        </Space>
      </Card>

      {checked ? (
        <Card title="2. 列对应与检查结果">
          <Space direction="vertical" style={{ width: '100%' }}>
            {checked.errors.length === 0 ? (
              <Alert
                type="success"
                showIcon
                message={`共 ${checked.total} 条工单，全部可以导入。`}
                data-testid="import-check-ok"
              />
            ) : (
              <Alert
                type="error"
                showIcon
                message={`共 ${checked.total} 条工单，其中 ${checked.total - checked.valid} 条有问题：请修改文件或列对应后重新检查，任何一条有问题都不会导入。`}
                data-testid="import-check-errors"
              />
            )}
            <Table
              size="small"
              rowKey="field"
              pagination={false}
              dataSource={HOTLINE_FIELDS.map((field) => ({ field }))}
              columns={[
                {
                  title: '字段',
                  dataIndex: 'field',
                  render: (field: HotlineField) => (
                    <>
                      {HOTLINE_FIELD_LABELS[field]}
                      {REQUIRED_HOTLINE_FIELDS.includes(field) ? (
                        <Tag style={{ marginLeft: 8 }}>必填</Tag>
                      ) : null}
                    </>
                  ),
                },
                {
                  title: '文件中的列',
                  render: (_: unknown, { field }: { field: HotlineField }) => (
                    <Select
                      allowClear
                      placeholder="（无）"
                      style={{ width: 240 }}
                      value={mapping[field]}
                      options={checked.headers.filter(Boolean).map((h) => ({ value: h, label: h }))}
                      onChange={(value?: string) =>
                        setMapping((current) => {
                          const next = { ...current };
                          if (value) next[field] = value;
                          else delete next[field];
                          return next;
                        })
                      }
                      disabled={busy}
                    />
                  ),
                },
              ]}
            />
            {checked.errors.length > 0 ? (
              <Table<HotlineRowError>
                size="small"
                rowKey={(e) => `${e.row}-${e.field}-${e.code}`}
                dataSource={checked.errors}
                pagination={{ pageSize: 20 }}
                data-testid="import-errors"
                columns={[
                  { title: '行号', dataIndex: 'row', width: 80 },
                  { title: '列', dataIndex: 'column', width: 140, render: (c: string | null) => c ?? '—' },
                  {
                    title: '问题',
                    dataIndex: 'code',
                    width: 180,
                    render: (code: HotlineRowError['code']) => (
                      <Tag color="red">{HOTLINE_ROW_ERROR_LABELS[code]}</Tag>
                    ),
                  },
                  { title: '说明', dataIndex: 'message' },
                ]}
              />
            ) : null}
            {checked.preview.length > 0 ? (
              <Table
                size="small"
                rowKey="row"
                pagination={false}
                dataSource={checked.preview}
                title={() => `预览（前 ${checked.preview.length} 条）`}
                columns={[
                  { title: '行号', dataIndex: 'row', width: 70 },
                  { title: '工单编号', dataIndex: 'orderNumber', width: 160 },
                  {
                    title: '受理时间',
                    dataIndex: 'receivedAt',
                    width: 170,
                    render: (v: string) => formatDateTime(locale, v),
                  },
                  { title: '分类', dataIndex: 'categoryName', width: 140 },
                  {
                    title: '网格',
                    render: (_: unknown, r) => `${r.communityName} ${r.gridName}`,
                    width: 200,
                  },
                  { title: '诉求内容', dataIndex: 'description', ellipsis: true },
                  { title: '照片', dataIndex: 'photos', width: 60 },
                ]}
              />
            ) : null}
            {checked.unusedPhotos.length > 0 ? (
              <Alert
                type="warning"
                showIcon
                message={`未被任何工单引用的照片：${checked.unusedPhotos.join('、')}`}
              />
            ) : null}
            <Space>
              <Button
                type="primary"
                disabled={checked.errors.length > 0 || checked.valid === 0 || busy}
                loading={phase.kind === 'importing'}
                onClick={() => void start(checked)}
                data-testid="import-run"
              >
                导入 {checked.valid} 条工单
              </Button>
              <Button onClick={check} disabled={busy}>
                按当前列对应重新检查
              </Button>
            </Space>
          </Space>
        </Card>
      ) : null}

      {phase.kind === 'importing' ? (
        <Card title="3. 导入中">
          <Progress
            data-testid="import-progress"
            percent={
              phase.progress && phase.progress.total > 0
                ? Math.round((phase.progress.processed / phase.progress.total) * 100)
                : 0
            }
            status="active"
          />
          <Typography.Text type="secondary">
            {phase.progress?.phase === 'photos' ? '正在处理照片（去除位置信息、重新编码）' : '正在建立案件'}
            {phase.progress ? `：${phase.progress.processed} / ${phase.progress.total}` : '…'}
          </Typography.Text>
        </Card>
      ) : null}
      {phase.kind === 'done' ? (
        <Result
          status="success"
          title={`已导入 ${phase.result.imported} 条工单`}
          subTitle={`文件 ${phase.result.fileName}，照片 ${phase.result.photos} 张。案件已按位置进入各网格的待办。`}
          extra={[
            <Link key="cases" to="/cases">
              查看案件列表
            </Link>,
            <Button key="again" onClick={reset}>
              导入下一个文件
            </Button>,
          ]}
          data-testid="import-done"
        />
      ) : null}
      {phase.kind === 'failed' ? (
        <Alert type="error" showIcon message="未导入" description={phase.message} />
      ) : null}

      <Card title="导入记录">
        <Table<CaseImport>
          size="small"
          rowKey="id"
          loading={history.loading}
          dataSource={history.data?.imports ?? []}
          pagination={false}
          columns={[
            {
              title: '时间',
              dataIndex: 'startedAt',
              width: 170,
              render: (v: string) => formatDateTime(locale, v),
            },
            { title: '文件', dataIndex: 'fileName' },
            { title: '导入人', dataIndex: 'importedBy', width: 160 },
            { title: '条数', render: (_: unknown, r) => `${r.imported} / ${r.total}`, width: 100 },
            {
              title: '状态',
              dataIndex: 'status',
              width: 140,
              render: (status: CaseImport['status'], r) => (
                <Tag color={STATUS_TAGS[status].color} title={r.error ?? undefined}>
                  {STATUS_TAGS[status].label}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
