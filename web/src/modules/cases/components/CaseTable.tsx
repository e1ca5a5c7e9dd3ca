import { Empty, Pagination, Skeleton, Table, type TableProps, Tag } from 'antd';
import type { CaseSummary } from '#contracts';
import { useI18n } from '../../../app/i18n.ts';
import { navigate } from '../../../app/router.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { Link } from '../../../ui/Link.tsx';
import { useIsMobile } from '../../../ui/useMediaQuery.ts';
import { CaseLight } from './CaseLight.tsx';
import '../cases.css';

export const caseHref = (id: number): string => `/cases/${id}`;

interface CaseTableProps {
  cases: CaseSummary[] | undefined;
  total: number;
  loading: boolean;
  page: { limit: number; offset: number };
  onPage: (page: { limit: number; offset: number }) => void;
  testId?: string;
}

/** Cases, due first (the server's order), with their light; a row opens the case page. Cards on a phone. */
export function CaseTable(props: CaseTableProps) {
  const isMobile = useIsMobile();
  return isMobile ? <CaseCards {...props} /> : <CaseRows {...props} />;
}

/** A phone's queue: one card per case, its light as the left edge, tapped to open. */
function CaseCards({ cases, total, loading, page, onPage, testId }: CaseTableProps) {
  const { locale, t } = useI18n();
  if (!cases) return loading ? <Skeleton active /> : null;
  return (
    <div className="jz-case-cards" data-testid={testId} aria-busy={loading}>
      {cases.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无案件" /> : null}
      {cases.map((row) => (
        <a
          key={row.id}
          href={caseHref(row.id)}
          className="jz-case-cardrow"
          data-testid={`case-row-${row.id}`}
          data-light={row.clock?.light ?? 'none'}
          onClick={(event) => {
            event.preventDefault();
            navigate(caseHref(row.id));
          }}
        >
          <div className="jz-case-cardrow-top">
            <CaseLight clock={row.clock} />
            <Tag>{row.statusLabel}</Tag>
          </div>
          <div className="jz-case-cardrow-title">
            {row.category.majorName} · {row.category.name}
            {row.category.urgent ? (
              <Tag color="red" className="jz-tag-inline">
                紧急
              </Tag>
            ) : null}
          </div>
          <div className="jz-case-cardrow-desc">{row.description}</div>
          <div className="jz-case-cardrow-meta">
            {row.community.name} · {row.grid.name} · {formatDateTime(locale, row.reportedAt)} 上报
          </div>
        </a>
      ))}
      {total > page.limit ? (
        <div className="jz-case-cards-pager">
          <Pagination
            simple
            current={Math.floor(page.offset / page.limit) + 1}
            pageSize={page.limit}
            total={total}
            showTotal={(n) => t('common.total', { n })}
            onChange={(current, pageSize) => onPage({ limit: pageSize, offset: (current - 1) * pageSize })}
          />
        </div>
      ) : null}
    </div>
  );
}

function CaseRows({ cases, total, loading, page, onPage, testId }: CaseTableProps) {
  const { locale, t } = useI18n();
  const columns: TableProps<CaseSummary>['columns'] = [
    {
      title: '时限',
      key: 'light',
      width: 190,
      render: (_, row) => <CaseLight clock={row.clock} />,
    },
    {
      title: '案件',
      key: 'case',
      render: (_, row) => (
        <div>
          <Link to={caseHref(row.id)} data-testid={`case-link-${row.id}`}>
            {row.category.majorName} · {row.category.name}
          </Link>
          {row.category.urgent ? (
            <Tag color="red" className="jz-tag-inline">
              紧急
            </Tag>
          ) : null}
          <div className="jz-muted jz-small jz-ellipsis">{row.description}</div>
        </div>
      ),
    },
    {
      title: '状态',
      dataIndex: 'statusLabel',
      width: 120,
      render: (label: string) => <Tag>{label}</Tag>,
    },
    {
      title: '网格',
      key: 'grid',
      width: 170,
      responsive: ['md'],
      render: (_, row) => (
        <span className="jz-small">
          {row.community.name} · {row.grid.name}
        </span>
      ),
    },
    {
      title: '上报时间',
      dataIndex: 'reportedAt',
      width: 150,
      responsive: ['lg'],
      render: (at: string) => <span className="jz-small">{formatDateTime(locale, at)}</span>,
    },
    {
      title: '查询码',
      dataIndex: 'trackingCode',
      width: 130,
      responsive: ['xl'],
      render: (code: string) => <span className="jz-code">{code}</span>,
    },
  ];
  return (
    <Table<CaseSummary>
      data-testid={testId}
      rowKey="id"
      size="middle"
      loading={loading}
      columns={columns}
      dataSource={cases}
      onRow={(row) => ({
        'data-testid': `case-row-${row.id}`,
        onClick: (event) => {
          if ((event.target as HTMLElement).closest('a')) return;
          navigate(caseHref(row.id));
        },
        className: 'jz-clickable-row',
      })}
      pagination={{
        current: Math.floor(page.offset / page.limit) + 1,
        pageSize: page.limit,
        total,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        showTotal: (n) => t('common.total', { n }),
        onChange: (current, pageSize) => onPage({ limit: pageSize, offset: (current - 1) * pageSize }),
      }}
    />
  );
}
