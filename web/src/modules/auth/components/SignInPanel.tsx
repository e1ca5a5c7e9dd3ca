import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, type InputRef } from 'antd';
import { useRef, useState } from 'react';
import type { LoginRequest } from '#contracts';
import { ApiError } from '../../../app/api.ts';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../app/i18n.ts';
import { signIn } from '../api/auth.api.ts';
import { signInErrorText } from '../signInErrors.ts';
import { DemoAccounts } from './DemoAccounts.tsx';

interface SignInPanelProps {
  /** The previous session ended under the page (idle, signed out elsewhere). */
  expired: boolean;
}

/** Username and password → POST /api/auth/login; the demo accounts beside it when the server lists them. */
export function SignInPanel({ expired }: SignInPanelProps) {
  const { t } = useI18n();
  const { signedIn } = useAuth();
  const [form] = Form.useForm<LoginRequest>();
  const passwordRef = useRef<InputRef>(null);
  const totpRef = useRef<InputRef>(null);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  /** The password was right and the account has a second factor: the code is asked for. */
  const [needsTotp, setNeedsTotp] = useState(false);

  const submit = async (values: LoginRequest) => {
    setSubmitting(true);
    setError(null);
    try {
      const me = await signIn({
        username: values.username.trim(),
        password: values.password,
        ...(needsTotp && values.totp ? { totp: values.totp } : {}),
      });
      signedIn(me);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'access.totp_required') {
        setNeedsTotp(true);
        window.setTimeout(() => totpRef.current?.focus(), 0);
      } else if (failure instanceof ApiError && failure.code === 'access.totp_invalid') {
        setError(failure);
        form.setFieldValue('totp', '');
        totpRef.current?.focus();
      } else {
        setError(failure);
        setNeedsTotp(false);
        form.setFieldValue('password', '');
        passwordRef.current?.focus();
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="jz-login-panels">
      <div className="jz-login-card">
        <h1 className="jz-login-heading">{t('login.title')}</h1>
        {expired && error === null ? (
          <Alert className="jz-login-alert" type="info" showIcon title={t('login.expired')} />
        ) : null}
        {error !== null ? (
          <Alert
            className="jz-login-alert"
            type="error"
            showIcon
            role="alert"
            title={signInErrorText(t, error)}
            data-testid="login-error"
          />
        ) : null}
        <Form<LoginRequest>
          form={form}
          layout="vertical"
          requiredMark={false}
          size="large"
          data-testid="login-form"
          onFinish={(values) => void submit(values)}
        >
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={64}
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password
              ref={passwordRef}
              prefix={<LockOutlined />}
              autoComplete="current-password"
              maxLength={128}
              data-testid="login-password"
            />
          </Form.Item>
          {needsTotp ? (
            <>
              <Alert className="jz-login-alert" type="info" showIcon title={t('login.totpHint')} />
              <Form.Item
                name="totp"
                label={t('login.totp')}
                rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpFormat') }]}
              >
                <Input
                  ref={totpRef}
                  prefix={<SafetyOutlined />}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  data-testid="login-totp"
                />
              </Form.Item>
            </>
          ) : null}
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </div>
      <DemoAccounts
        onPick={(account) => {
          form.setFieldValue('username', account.username);
          setError(null);
          setNeedsTotp(false);
          passwordRef.current?.focus();
        }}
      />
    </div>
  );
}
