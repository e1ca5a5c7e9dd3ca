import { KeyOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, type MenuProps } from 'antd';
import { useAuth, useMe } from '../../../app/auth.tsx';
import { useI18n } from '../../../app/i18n.ts';
import { navigate } from '../../../app/router.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { useIsMobile } from '../../../ui/useMediaQuery.ts';
import { scopeText } from '../labels.ts';

/**
 * The header's account button: name, role and scope; the menu changes the password or signs out.
 * `signOutOnly` while a password change is due (nothing else may be opened then).
 */
export function UserMenu({ signOutOnly = false }: { signOutOnly?: boolean }) {
  const me = useMe();
  const { signOut } = useAuth();
  const { t, locale } = useI18n();
  const isMobile = useIsMobile();
  const role = t(`role.${me.role}`);
  const scope = scopeText(t, me);

  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      className: 'jz-user-card-item',
      label: (
        <div className="jz-user-card" data-testid="user-card">
          <div className="jz-user-card-name">{me.displayName}</div>
          <div className="jz-user-card-role">
            {role} · {scope}
          </div>
          <div className="jz-muted jz-small">
            {me.username} · {t('auth.sessionEnds', { at: formatDateTime(locale, me.sessionExpiresAt) })}
          </div>
        </div>
      ),
    },
    { type: 'divider' },
    ...(signOutOnly
      ? []
      : [
          {
            key: 'password',
            icon: <KeyOutlined />,
            label: <span data-testid="change-password">{t('menu.password')}</span>,
          },
          // The second factor is for staff; residents sign in with a password only.
          ...(me.role === 'resident'
            ? []
            : [
                {
                  key: 'two-factor',
                  icon: <SafetyOutlined />,
                  label: <span data-testid="two-factor">{t('totp.menu')}</span>,
                },
              ]),
        ]),
    { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('auth.signOut')}</span> },
  ];

  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        items,
        onClick: ({ key }) => {
          if (key === 'password') navigate('/password');
          if (key === 'two-factor') navigate('/two-factor');
          if (key === 'logout') void signOut();
        },
      }}
    >
      <Button
        type="text"
        className="jz-user-button"
        data-testid="user-menu"
        aria-label={`${t('auth.userMenu')}: ${me.displayName}`}
      >
        <Avatar size="small" className="jz-user-avatar" icon={<UserOutlined />} />
        {isMobile ? null : (
          <span className="jz-user-text">
            <span className="jz-user-name">{me.displayName}</span>
            <span className="jz-user-role">
              {role} · {scope}
            </span>
          </span>
        )}
      </Button>
    </Dropdown>
  );
}
