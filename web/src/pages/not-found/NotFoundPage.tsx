import { Button, Result } from 'antd';
import { useI18n } from '../../app/i18n.ts';
import { navigate } from '../../app/router.ts';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      extra={
        <Button type="primary" onClick={() => navigate('/territory')}>
          {t('notFound.back')}
        </Button>
      }
    />
  );
}
