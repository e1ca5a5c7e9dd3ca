import { Alert } from 'antd';
import { useI18n } from '../../../app/i18n.ts';
import { FeatureErrorTable } from './FeatureErrorTable.tsx';
import type { ImportFailure } from './LegacyUploadForm.tsx';

/** Why an import was refused: the server's message and, when given, its per-feature table. */
export function ImportFailureReport({ failure, onClose }: { failure: ImportFailure; onClose: () => void }) {
  const { t } = useI18n();
  const count = failure.featureErrors?.length ?? 0;
  return (
    <div className="jz-upload-failure" data-testid="legacy-upload-error">
      <Alert
        type="error"
        showIcon
        closable={{ onClose }}
        title={t('legacy.importFailed')}
        description={
          count > 0 ? `${failure.message} — ${t('legacy.featureErrors', { n: count })}` : failure.message
        }
      />
      {failure.featureErrors && count > 0 ? <FeatureErrorTable errors={failure.featureErrors} /> : null}
    </div>
  );
}
