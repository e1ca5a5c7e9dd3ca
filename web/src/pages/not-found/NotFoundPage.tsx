import { Button, Result } from 'antd';
import { useI18n } from '../../app/i18n.ts';
import { navigate } from '../../app/router.ts';

/** An unknown path; the button leads to the account's first page. */
export function NotFoundPage({ home }: { home: string | null }) {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      extra={
        home ? (
          <Button type="primary" onClick={() => navigate(home)}>
            {t('notFound.back')}
          </Button>
        ) : null
      }
    />
  );
}
