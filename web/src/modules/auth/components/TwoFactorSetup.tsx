import { SafetyCertificateFilled } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, QRCode, Result, Typography } from 'antd';
import { useState } from 'react';
import type { Me } from '#contracts';
import { ApiError } from '../../../app/api.ts';
import { useAuth, useMe } from '../../../app/auth.tsx';
import { useI18n } from '../../../app/i18n.ts';
import { disableTotp, enableTotp, startTotpSetup, type TotpSecret } from '../api/auth.api.ts';

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP", easier to type into an app. */
const grouped = (secret: string): string => secret.replace(/(.{4})(?=.)/g, '$1 ');

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

interface TwoFactorSetupProps {
  /** Called with the account once the second factor is on. */
  onEnabled?: (me: Me) => void;
}

/**
 * 两步验证: a secret for an authenticator app (QR code and key), confirmed by a code; or, when on,
 * turning it off with the password (the server refuses that to administrators where it is required).
 */
export function TwoFactorSetup({ onEnabled }: TwoFactorSetupProps) {
  const { t } = useI18n();
  const me = useMe();
  const { signedIn } = useAuth();
  const { message } = App.useApp();
  const [secret, setSecret] = useState<TotpSecret | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [codeForm] = Form.useForm<{ code: string }>();
  const [offForm] = Form.useForm<{ password: string }>();

  const start = async () => {
    setBusy(true);
    setFailure(null);
    try {
      setSecret(await startTotpSetup());
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const enable = async ({ code }: { code: string }) => {
    setBusy(true);
    setFailure(null);
    try {
      const next = await enableTotp(code);
      signedIn(next);
      setSecret(null);
      void message.success(t('totp.enabled'));
      onEnabled?.(next);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'access.totp_invalid') {
        codeForm.setFields([{ name: 'code', errors: [t('totp.codeInvalid')] }]);
      } else {
        setFailure(errorText(error));
      }
    } finally {
      setBusy(false);
    }
  };

  const disable = async ({ password }: { password: string }) => {
    setBusy(true);
    setFailure(null);
    try {
      await disableTotp(password);
      signedIn({ ...me, totpEnabled: false });
      offForm.resetFields();
      void message.success(t('totp.disabled'));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'access.invalid_credentials') {
        offForm.setFields([{ name: 'password', errors: [t('totp.wrongPassword')] }]);
      } else {
        setFailure(errorText(error));
      }
    } finally {
      setBusy(false);
    }
  };

  const failureAlert = failure ? (
    <Alert className="jz-totp-failure" type="error" showIcon title={failure} data-testid="totp-error" />
  ) : null;

  if (me.totpEnabled) {
    return (
      <div className="jz-totp" data-testid="totp-setup">
        <Result
          status="success"
          icon={<SafetyCertificateFilled />}
          title={t('totp.on')}
          className="jz-totp-result"
        />
        {failureAlert}
        <Form form={offForm} layout="vertical" requiredMark={false} onFinish={(v) => void disable(v)}>
          <Form.Item
            name="password"
            label={t('totp.disablePassword')}
            rules={[{ required: true, message: t('password.required') }]}
          >
            <Input.Password autoComplete="current-password" maxLength={128} />
          </Form.Item>
          <Button danger htmlType="submit" loading={busy}>
            {t('totp.disable')}
          </Button>
        </Form>
      </div>
    );
  }

  return (
    <div className="jz-totp" data-testid="totp-setup">
      <p className="jz-muted">{t('totp.intro')}</p>
      {failureAlert}
      {secret === null ? (
        <Button type="primary" loading={busy} onClick={() => void start()} data-testid="totp-start">
          {t('totp.start')}
        </Button>
      ) : (
        <>
          <p className="jz-totp-step">{t('totp.step1')}</p>
          <div className="jz-totp-secret">
            <QRCode value={secret.uri} size={180} bordered={false} />
            <div>
              <div className="jz-muted jz-small">{t('totp.secret')}</div>
              <Typography.Text code copyable={{ text: secret.secret }} data-testid="totp-secret">
                {grouped(secret.secret)}
              </Typography.Text>
            </div>
          </div>
          <p className="jz-totp-step">{t('totp.step2')}</p>
          <Form form={codeForm} layout="inline" requiredMark={false} onFinish={(v) => void enable(v)}>
            <Form.Item
              name="code"
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpFormat') }]}
            >
              <Input
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                placeholder={t('totp.code')}
                className="jz-totp-code"
                data-testid="totp-code"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="totp-enable">
              {t('totp.enable')}
            </Button>
          </Form>
        </>
      )}
    </div>
  );
}
