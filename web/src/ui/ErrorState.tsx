import { Alert, Button, Result } from 'antd';
import { ApiError } from '../app/api.ts';
import { useI18n } from '../app/i18n.ts';

interface ErrorStateProps {
  error: Error;
  title?: string;
  onRetry?: () => void;
  /** `inline` for a small Alert inside a panel; `page` for a full Result. */
  variant?: 'inline' | 'page';
}

/** Shows the server's message (and its code) for a failed request. */
export function ErrorState({ error, title, onRetry, variant = 'inline' }: ErrorStateProps) {
  const { t } = useI18n();
  const heading = title ?? t('common.loadFailed');
  const code = error instanceof ApiError ? error.code : undefined;
  const description = (
    <span>
      {error.message}
      {code ? (
        <span className="jz-muted">
          {' '}
          ({t('common.errorCode')}: {code})
        </span>
      ) : null}
    </span>
  );
  const retry = onRetry ? (
    <Button size="small" onClick={onRetry}>
      {t('common.retry')}
    </Button>
  ) : undefined;
  if (variant === 'page') {
    return <Result status="warning" title={heading} subTitle={description} extra={retry} />;
  }
  return <Alert type="error" showIcon title={heading} description={description} action={retry} />;
}
