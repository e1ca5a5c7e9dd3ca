import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import type { ChangePasswordRequest, Me } from '#contracts';
import { ApiError, detailsOf } from '../../../app/api.ts';
import { useAuth, useMe } from '../../../app/auth.tsx';
import { useI18n } from '../../../app/i18n.ts';
import { changePassword } from '../api/auth.api.ts';
import {
  checkLocally,
  DEFAULT_POLICY,
  PASSWORD_RULES,
  type PasswordPolicyView,
  type PasswordRule,
  readWeakPassword,
} from '../passwordRules.ts';

interface FormValues extends ChangePasswordRequest {
  confirm: string;
}

interface ChangePasswordFormProps {
  /** Called with the new session once the password is changed. */
  onChanged: (me: Me) => void;
}

function RuleList({
  policy,
  broken,
  values,
}: {
  policy: PasswordPolicyView;
  broken: readonly PasswordRule[];
  values: { newPassword: string; currentPassword: string; username: string };
}) {
  const { t } = useI18n();
  const text = (rule: PasswordRule): string => {
    if (rule === 'too_short') return t('password.rule.too_short', { n: policy.minLength });
    if (rule === 'too_long') return t('password.rule.too_long', { n: policy.maxLength });
    if (rule === 'too_few_classes')
      return policy.minClasses > 0
        ? t('password.rule.too_few_classes', { n: policy.minClasses })
        : t('password.rule.too_few_classes_any');
    return t(`password.rule.${rule}`);
  };
  return (
    <div className="jz-password-rules" data-testid="password-rules">
      <div className="jz-password-rules-title">{t('password.rulesTitle')}</div>
      <ul>
        {PASSWORD_RULES.map((rule) => {
          const failed = broken.includes(rule);
          const local = checkLocally(rule, policy, values);
          const state = failed || local === false ? 'broken' : local === true ? 'met' : 'unknown';
          return (
            <li key={rule} className={`jz-rule jz-rule-${state}`} data-rule={rule} data-state={state}>
              {state === 'broken' ? (
                <CloseCircleFilled aria-label={t('password.broken')} />
              ) : state === 'met' ? (
                <CheckCircleFilled />
              ) : (
                <MinusCircleOutlined />
              )}
              <span>{text(rule)}</span>
            </li>
          );
        })}
        {policy.expiryDays ? (
          <li className="jz-rule jz-rule-unknown">
            <MinusCircleOutlined />
            <span>{t('password.rule.expiry', { n: policy.expiryDays })}</span>
          </li>
        ) : null}
      </ul>
      <p className="jz-muted jz-small">{t('password.tip')}</p>
    </div>
  );
}

/** Current and new password → POST /api/auth/password; the policy's rules shown, failed ones marked. */
export function ChangePasswordForm({ onChanged }: ChangePasswordFormProps) {
  const { t } = useI18n();
  const me = useMe();
  const { signedIn } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [policy, setPolicy] = useState<PasswordPolicyView>(DEFAULT_POLICY);
  /** The rules the server found broken, and the new password it judged. */
  const [judged, setJudged] = useState<{ password: string; rules: PasswordRule[] } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const currentPassword = Form.useWatch('currentPassword', form) ?? '';
  const broken = judged?.password === newPassword ? judged.rules : [];

  const submit = async (values: FormValues) => {
    setSubmitting(true);
    setFailure(null);
    setJudged(null);
    try {
      const next = await changePassword({
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      signedIn(next);
      void message.success(t('password.done'));
      form.resetFields();
      onChanged(next);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'access.invalid_credentials') {
        form.setFields([{ name: 'currentPassword', errors: [t('password.wrongCurrent')] }]);
      } else if (error instanceof ApiError && error.code === 'access.weak_password') {
        const weak = readWeakPassword(detailsOf(error));
        if (weak.policy) setPolicy(weak.policy);
        setJudged({ password: values.newPassword, rules: weak.rules });
        setFailure(t('password.weak'));
      } else {
        setFailure(error instanceof Error ? error.message : String(error));
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="jz-password">
      <Form<FormValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        data-testid="change-password-form"
        onFinish={(values) => void submit(values)}
      >
        {/* Lets password managers tie the new password to the account. */}
        <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('password.required') }]}
        >
          <Input.Password autoComplete="current-password" maxLength={128} data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          rules={[{ required: true, message: t('password.required') }]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.required') },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} data-testid="password-confirm" />
        </Form.Item>
        {failure ? (
          <Alert
            className="jz-password-failure"
            type="error"
            showIcon
            title={failure}
            data-testid="password-error"
            description={
              judged?.rules.length ? (
                <ul className="jz-password-broken" data-testid="password-broken">
                  {judged.rules.map((rule) => (
                    <li key={rule}>
                      {rule === 'too_short'
                        ? t('password.rule.too_short', { n: policy.minLength })
                        : rule === 'too_long'
                          ? t('password.rule.too_long', { n: policy.maxLength })
                          : rule === 'too_few_classes'
                            ? t('password.rule.too_few_classes', { n: policy.minClasses })
                            : t(`password.rule.${rule}`)}
                    </li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        ) : null}
        <RuleList
          policy={policy}
          broken={broken}
          values={{ newPassword, currentPassword, username: me.username }}
        />
        <Button type="primary" htmlType="submit" block loading={submitting} data-testid="password-submit">
          {t('password.submit')}
        </Button>
      </Form>
    </div>
  );
}
