import { Table, type TableColumnsType } from 'antd';
import type { ImportFeatureError } from '#contracts';
import { useI18n } from '../../../app/i18n.ts';

/** The server's per-feature report of a refused import. */
export function FeatureErrorTable({ errors }: { errors: ImportFeatureError[] }) {
  const { t } = useI18n();
  const columns: TableColumnsType<ImportFeatureError> = [
    { title: t('legacy.feature'), dataIndex: 'feature', width: 80, align: 'right' },
    {
      title: t('legacy.featureCode'),
      dataIndex: 'code',
      width: 110,
      render: (code: string | null) => code ?? '—',
    },
    {
      title: t('legacy.errorKind'),
      dataIndex: 'error',
      width: 150,
      render: (error: string) => <code>{error}</code>,
    },
    { title: t('legacy.errorMessage'), dataIndex: 'message' },
  ];
  return (
    <div data-testid="legacy-feature-errors">
      <Table<ImportFeatureError>
        size="small"
        rowKey={(row) => `${row.feature}:${row.error}:${row.message}`}
        columns={columns}
        dataSource={errors}
        pagination={errors.length > 10 ? { pageSize: 10, size: 'small' } : false}
        scroll={{ x: 560 }}
      />
    </div>
  );
}
