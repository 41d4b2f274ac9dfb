import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepared } from '../../src/db/prepared.js';
import { buildTestApp, dialects, type TestApp } from '../helpers/app.js';

// Compiled once per dialect with marker values; each call only puts its own values in the slots.
const userByEmail = prepared((db, p: { email: string }) =>
  db
    .selectFrom('users')
    .select(['id', 'name', 'status'])
    .where('email', '=', p.email)
    .where('status', '=', 'active'),
);
const rename = prepared((db, p: { id: string; name: string }) =>
  db.updateTable('users').set({ name: p.name }).where('id', '=', p.id),
);

describe.each(dialects)('prepared queries (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ dialect });
  });
  afterEach(async () => {
    await t.close();
  });

  it('run with each call’s values, keep the constants, and work inside transactions', async () => {
    const ana = await t.createUser({ name: 'Ana' });
    const bea = await t.createUser({ name: 'Bea' });
    expect(await userByEmail.first(t.c.store.db, { email: ana.email })).toMatchObject({ name: 'Ana' });
    expect(await userByEmail.first(t.c.store.db, { email: bea.email })).toMatchObject({ name: 'Bea' });
    expect(await userByEmail.all(t.c.store.db, { email: 'nobody@hotel.example' })).toEqual([]);

    await t.c.store.db.transaction().execute(async (trx) => {
      expect(await rename.run(trx, { id: ana.id, name: 'Ana Renamed' })).toBe(1);
      expect(await userByEmail.first(trx, { email: ana.email })).toMatchObject({ name: 'Ana Renamed' });
    });
    // The constant 'active' stayed in the statement: a disabled account is not found.
    await t.c.store.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', bea.id).execute();
    expect(await userByEmail.first(t.c.store.db, { email: bea.email })).toBeUndefined();
    expect(await rename.run(t.c.store.db, { id: 'no-such-id', name: 'x' })).toBe(0);
  });

  it('refuses a call without one of its values instead of running with a marker', async () => {
    await expect(userByEmail.first(t.c.store.db, {} as { email: string })).rejects.toThrow(/email/);
  });
});
