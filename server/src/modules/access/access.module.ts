import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../platform/access.ts';
import { BatchedLoader } from '../../platform/batched-loader.ts';
import type { Clock } from '../../platform/clock.ts';
import type { PersonalDataCipher } from '../../platform/personal-data.ts';
import type { TerritoryModule } from '../territory/index.ts';
import {
  type Db,
  endSessions,
  findAccount,
  findDepartment,
  findLiveSessions,
  findUnendedSessions,
  touchSession,
} from './access.repository.ts';
import { hashSessionToken, SESSION_COOKIE } from './sessions.ts';
import { type AccessSettings, mustChangePassword, mustSetUpTotp } from './sign-in.service.ts';

type LiveSession = Awaited<ReturnType<typeof findLiveSessions>> extends Map<string, infer V> ? V : never;

/** Last-seen is written at most this often per session, not on every request. */
const TOUCH_EVERY_MS = 60_000;

/** Accounts and sessions as the app sees them: who is asking, on every request. */
export class AccessModule {
  constructor(
    readonly db: Db,
    readonly territory: TerritoryModule,
    readonly clock: Clock,
    readonly settings: AccessSettings & { demoMode: boolean; signInsPerMinutePerIp: number },
    /** Encrypts the second factors' secrets. */
    readonly cipher: PersonalDataCipher,
  ) {
    this.#sessions = new BatchedLoader((hashes) => findLiveSessions(this.db, hashes));
  }

  /** Sessions asked for by concurrent requests are read together, in one query per turn. */
  readonly #sessions: BatchedLoader<string, LiveSession>;
  /** When this process last wrote each session's last-seen time. */
  readonly #touchedAt = new Map<string, number>();

  /**
   * Writes a session's last-seen time when it is older than TOUCH_EVERY_MS — once: the requests
   * that read the row before that write committed see the old time too, and are not writers again.
   */
  async #touch(tokenHash: string, lastSeenAt: Date, now: Date): Promise<void> {
    const seen = Math.max(lastSeenAt.getTime(), this.#touchedAt.get(tokenHash) ?? 0);
    if (now.getTime() - seen <= TOUCH_EVERY_MS) return;
    if (this.#touchedAt.size >= 10_000) {
      for (const [hash, at] of this.#touchedAt)
        if (now.getTime() - at > TOUCH_EVERY_MS) this.#touchedAt.delete(hash);
    }
    this.#touchedAt.set(tokenHash, now.getTime());
    await touchSession(this.db, tokenHash, now);
  }

  /**
   * The principal of a request's session cookie, or null. Ends a session that has been idle too
   * long or lived past its absolute limit, or whose account was disabled. The account's role and
   * scope are read on every request, so a new posting applies at once.
   */
  async resolvePrincipal(request: FastifyRequest): Promise<Principal | null> {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return null;
    const tokenHash = hashSessionToken(token);
    const row = await this.#sessions.load(tokenHash);
    if (!row) return null;
    const now = this.clock.now();
    const idleMs = this.settings.idleMinutes * 60_000;
    let endReason: string | null = null;
    if (row.status !== 'active') endReason = 'account_disabled';
    else if (now.getTime() - row.last_seen_at.getTime() > idleMs) endReason = 'idle';
    else if (now >= row.expires_at) endReason = 'expired';
    if (endReason) {
      await endSessions(this.db, { tokenHash }, endReason, now);
      return null;
    }
    await this.#touch(tokenHash, row.last_seen_at, now);
    const placeScoped =
      ['subdistrict', 'community', 'grid'].includes(row.scope_level) && row.scope_id !== null;
    return {
      accountId: row.account_id,
      jurisdictionId: row.jurisdiction_id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      scope: { level: row.scope_level, id: row.scope_id },
      scopeChain: placeScoped
        ? await this.territory.placeChain(row.jurisdiction_id, row.scope_id as number)
        : [],
      csrfToken: row.csrf_token,
      sessionId: tokenHash,
      mustChangePassword: mustChangePassword(row, this.settings, now),
      mustSetUpTotp: mustSetUpTotp(row, this.settings),
    };
  }

  /**
   * Of these sessions, the ones still live by the rules `resolvePrincipal` applies (not ended, idle,
   * too old, or of a disabled account), read without touching them: a notification stream open in
   * a tab is no sign that someone is there, so it never keeps a session alive.
   */
  async liveSessionIds(sessionIds: readonly string[]): Promise<Set<string>> {
    const now = this.clock.now();
    const idleMs = this.settings.idleMinutes * 60_000;
    const rows = await findUnendedSessions(this.db, sessionIds);
    return new Set(
      rows
        .filter(
          (row) =>
            row.status === 'active' &&
            now.getTime() - row.last_seen_at.getTime() <= idleMs &&
            now < row.expires_at,
        )
        .map((row) => row.token_hash),
    );
  }

  async totpEnabled(principal: Pick<Principal, 'jurisdictionId' | 'accountId'>): Promise<boolean> {
    return (await findAccount(this.db, principal.jurisdictionId, principal.accountId))?.totp_enabled ?? false;
  }

  /** The name of a scope's place or department, for people to read. */
  async scopeName(principal: Pick<Principal, 'jurisdictionId' | 'scope'>): Promise<string | null> {
    const { scope } = principal;
    if (scope.id === null) return null;
    if (scope.level === 'department') {
      return (await findDepartment(this.db, principal.jurisdictionId, scope.id))?.name ?? null;
    }
    if (scope.level === 'building') return this.territory.buildingName(principal.jurisdictionId, scope.id);
    if (scope.level === 'self' || scope.level === 'jurisdiction') return null;
    return this.territory.index.placeName(principal.jurisdictionId, scope.id);
  }
}
