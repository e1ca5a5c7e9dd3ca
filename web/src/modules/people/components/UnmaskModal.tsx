import { Alert, Button, Input, Modal } from 'antd';
import { useState } from 'react';
import type { Resident } from '#contracts';
import { peopleLimits } from '#contracts/limits.ts';
import { useI18n } from '../../../app/i18n.ts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { type Unmasked, unmaskResident } from '../api/people.api.ts';

interface UnmaskModalProps {
  resident: Resident | null;
  onClose: () => void;
  onUnmasked: (resident: Resident, result: Unmasked) => void;
}

/** Asks why, then reveals one record's phone and ID number (POST …/unmask, audited with the reason). */
export function UnmaskModal({ resident, onClose, onUnmasked }: UnmaskModalProps) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [sending, setSending] = useState(false);
  const trimmed = reason.trim();
  const tooShort = [...trimmed].length < peopleLimits.minUnmaskReasonLength;

  const close = () => {
    setReason('');
    setTouched(false);
    setError(null);
    onClose();
  };

  const confirm = async () => {
    setTouched(true);
    if (!resident || tooShort) return;
    setSending(true);
    setError(null);
    try {
      const result = await unmaskResident(resident.id, trimmed);
      onUnmasked(resident, result);
      setReason('');
      setTouched(false);
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open={resident !== null}
      title={resident ? t('unmask.title', { name: resident.name }) : ''}
      onCancel={close}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={close}>
          {t('unmask.cancel')}
        </Button>,
        <Button
          key="confirm"
          type="primary"
          loading={sending}
          onClick={() => void confirm()}
          data-testid="unmask-confirm"
        >
          {t('unmask.confirm')}
        </Button>,
      ]}
    >
      <Alert type="warning" showIcon className="jz-unmask-explain" title={t('unmask.explain')} />
      <label className="jz-field-label" htmlFor="jz-unmask-reason">
        {t('unmask.reason')}
      </label>
      <Input.TextArea
        id="jz-unmask-reason"
        rows={3}
        value={reason}
        maxLength={peopleLimits.maxReasonLength}
        showCount
        placeholder={t('unmask.reasonPlaceholder')}
        status={touched && tooShort ? 'error' : undefined}
        onChange={(event) => setReason(event.target.value)}
        onPressEnter={(event) => {
          if (!event.shiftKey) {
            event.preventDefault();
            void confirm();
          }
        }}
        data-testid="unmask-reason"
        autoFocus
      />
      {touched && tooShort ? (
        <div className="jz-error-text jz-small">
          {t('unmask.reasonTooShort', { n: peopleLimits.minUnmaskReasonLength })}
        </div>
      ) : null}
      {error ? (
        <div className="jz-unmask-error">
          <ErrorState error={error} title={t('unmask.failed')} />
        </div>
      ) : null}
    </Modal>
  );
}
