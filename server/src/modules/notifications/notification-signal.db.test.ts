import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestTerritory } from '../../../test/factories.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import { NOTIFICATION_CHANNEL, notifyEach, parseSignal, type Signal } from './notify.ts';

/**
 * The database announces new notifications itself (the notification_signal trigger): one statement
 * of notifications for many accounts sends each account once, at most 500 to a signal, only when
 * the transaction commits — in the payload the app servers read.
 */
describeOnEngines('notification signals', (database, engine) => {
  const heard: Signal[] = [];
  let unlisten: () => Promise<void> = async () => {};
  let jurisdictionId = 0;
  let accountIds: number[] = [];

  beforeAll(async () => {
    ({ jurisdictionId } = await createTestTerritory(database().db, { communities: 1 }));
    const rows = await sql<{ id: number }>`
      insert into account (jurisdiction_id, username, display_name, role, scope_level, password_hash, password_changed_at)
      select ${jurisdictionId}, ${`signal-${engine}-${process.pid}-`} || n, '居民' || n, 'resident', 'self', 'x', now()
      from generate_series(1, 1101) as n
      returning id`.execute(database().db);
    accountIds = rows.rows.map((row) => Number(row.id));
    unlisten = await database().listen(NOTIFICATION_CHANNEL, (payload) => {
      const signal = parseSignal(payload);
      if (signal?.kind === 'accounts' && signal.jurisdictionId === jurisdictionId) heard.push(signal);
    });
  });
  afterAll(async () => {
    await unlisten();
  });

  const heardSoon = async (count: number) => {
    for (let tries = 0; heard.length < count && tries < 200; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return heard.splice(0);
  };
  const message = (title: string) => ({ topic: 'test', title });

  it('signals every account once, in chunks of at most 500, when the transaction commits', async () => {
    // Two messages to overlapping accounts: 1,101 accounts in all.
    await database()
      .db.transaction()
      .execute((trx) =>
        notifyEach(trx, [
          { recipients: { jurisdictionId, accountIds: accountIds.slice(0, 800) }, message: message('甲') },
          { recipients: { jurisdictionId, accountIds: accountIds.slice(600) }, message: message('乙') },
        ]),
      );
    const signals = await heardSoon(3);
    expect(signals).toHaveLength(3);
    const signalled = signals.flatMap((s) => (s.kind === 'accounts' ? s.accountIds : []));
    expect(signals.every((s) => s.kind === 'accounts' && s.accountIds.length <= 500)).toBe(true);
    expect([...signalled].sort((a, b) => a - b)).toEqual([...accountIds].sort((a, b) => a - b));
  });

  it('sends nothing for a transaction that rolls back', async () => {
    await expect(
      database()
        .db.transaction()
        .execute(async (trx) => {
          await notifyEach(trx, [
            { recipients: { jurisdictionId, accountIds: accountIds.slice(0, 3) }, message: message('丙') },
          ]);
          throw new Error('rolled back');
        }),
    ).rejects.toThrow('rolled back');
    await database()
      .db.transaction()
      .execute((trx) =>
        notifyEach(trx, [
          { recipients: { jurisdictionId, accountIds: accountIds.slice(5, 6) }, message: message('丁') },
        ]),
      );
    // The committed one arrives; the rolled-back one, sent before it, never did.
    expect(await heardSoon(1)).toEqual([{ kind: 'accounts', jurisdictionId, accountIds: [accountIds[5]] }]);
  });
});
