import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { Scope, StaffMember } from '#contracts';
import { peopleLimits } from '#contracts/limits.ts';
import { ApiError, detailsOf } from '../../../app/api.ts';
import { useI18n } from '../../../app/i18n.ts';
import { usePickerLocale } from '../../../ui/pickerLocale.ts';
import { PlacePicker } from '../../territory/index.ts';
import { moveStaffPosting } from '../api/people.api.ts';
import { beijingToday } from '../labels.ts';

const GRID_ONLY = ['grid'] as const;

interface FormValues {
  placeId: number | null;
  startsOn: { format: (template: string) => string } | null;
  reason: string;
}

interface MovePostingModalProps {
  member: StaffMember | null;
  scope: Scope;
  onClose: () => void;
  onMoved: () => void;
}

/** 调岗: a new place from a date, with a reason (people.write; audited). */
export function MovePostingModal({ member, scope, onClose, onMoved }: MovePostingModalProps) {
  const { t } = useI18n();
  const pickerLocale = usePickerLocale();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    if (!member) return;
    const values = await form.validateFields();
    if (values.placeId === null || values.startsOn === null) return;
    setSaving(true);
    setError(null);
    try {
      await moveStaffPosting(member.id, {
        placeId: values.placeId,
        startsOn: values.startsOn.format('YYYY-MM-DD'),
        reason: values.reason.trim(),
      });
      form.resetFields();
      onMoved();
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'people.invalid_posting_date') {
        const since = detailsOf(failure).currentStartsOn;
        setError(t('staff.moveDateInvalid', { date: typeof since === 'string' ? since : '—' }));
      } else {
        setError(failure instanceof Error ? failure.message : String(failure));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={member !== null}
      title={member ? t('staff.moveTitle', { name: member.name }) : ''}
      okText={t('staff.move')}
      cancelText={t('unmask.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      destroyOnHidden
    >
      <p className="jz-muted">{t('staff.moveHint')}</p>
      <Form<FormValues> form={form} layout="vertical" requiredMark={false} preserve={false}>
        <Form.Item
          name="placeId"
          label={t('staff.moveTo')}
          rules={[{ required: true, message: t('password.required') }]}
        >
          <PlacePicker scope={scope} selectable={GRID_ONLY} placeholder={t('party.pickGrid')} />
        </Form.Item>
        <Form.Item
          name="startsOn"
          label={t('staff.moveStarts')}
          rules={[{ required: true, message: t('password.required') }]}
        >
          <DatePicker
            style={{ width: '100%' }}
            locale={pickerLocale}
            // A new posting starts today or earlier (Beijing time).
            disabledDate={(day) => day.format('YYYY-MM-DD') > beijingToday()}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('staff.moveReason')}
          rules={[{ required: true, whitespace: true, message: t('password.required') }]}
        >
          <Input.TextArea rows={2} maxLength={peopleLimits.maxReasonLength} showCount />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={error} /> : null}
    </Modal>
  );
}
