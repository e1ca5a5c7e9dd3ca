import { Card } from 'antd';
import { useI18n } from '../../app/i18n.ts';
import { navigate } from '../../app/router.ts';
import { homePath } from '../../app/routes.tsx';
import { ChangePasswordForm } from '../../modules/auth/index.ts';

/** `/password`: change the password, from the account menu. */
export function PasswordPage() {
  const { t } = useI18n();
  return (
    <div className="jz-page">
      <header className="jz-page-header">
        <h1>{t('password.title')}</h1>
      </header>
      <Card size="small" className="jz-password-card">
        <ChangePasswordForm
          onChanged={(me) =>
            navigate(homePath({ me, can: (permission) => me.permissions.includes(permission) }) ?? '/')
          }
        />
      </Card>
    </div>
  );
}
