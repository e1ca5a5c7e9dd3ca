import { Tag, Typography } from 'antd';
import type { DemoAccount } from '#contracts';
import { useI18n } from '../../../app/i18n.ts';
import { useAsync } from '../../../ui/useAsync.ts';
import { fetchDemoAccounts } from '../api/auth.api.ts';
import { scopeText } from '../labels.ts';

/** The demo password (demo mode only; the server lists the accounts only then). */
const DEMO_PASSWORD = 'Longkou-2229';

/**
 * The demo logins, one per role, when the server is in demo mode (GET /api/demo/accounts answers
 * 404 otherwise and nothing is shown, the password included). A click fills in the username.
 */
export function DemoAccounts({ onPick }: { onPick: (account: DemoAccount) => void }) {
  const { t } = useI18n();
  const accounts = useAsync('demo-accounts', fetchDemoAccounts);
  const list = accounts.data ?? [];
  if (list.length === 0) return null;
  return (
    <section className="jz-demo" data-testid="demo-accounts" aria-labelledby="jz-demo-title">
      <h2 id="jz-demo-title" className="jz-demo-title">
        {t('login.demoTitle')}
      </h2>
      <p className="jz-demo-hint">
        {t('login.demoHint')}{' '}
        <Typography.Text code copyable data-testid="demo-password">
          {DEMO_PASSWORD}
        </Typography.Text>
      </p>
      <ul className="jz-demo-list">
        {list.map((account) => (
          <li key={account.username}>
            <button
              type="button"
              className="jz-demo-account"
              data-testid={`demo-account-${account.username}`}
              onClick={() => onPick(account)}
            >
              <span className="jz-demo-role">
                <Tag
                  color={account.role === 'admin' ? 'red' : account.role === 'resident' ? 'green' : 'blue'}
                >
                  {t(`role.${account.role}`)}
                </Tag>
                <span className="jz-code">{account.username}</span>
              </span>
              <span className="jz-demo-name">{account.displayName}</span>
              <span className="jz-demo-scope jz-muted">{scopeText(t, account)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
