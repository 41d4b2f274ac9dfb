/**
 * PostgreSQL, several nodes: a role change or a removal waits for the property's lock while another
 * request (standing in: an outside transaction holding that lock) changes who is admin, or the
 * actor's own role. What the waiting request does must follow the memberships as they are once it
 * holds the lock, not as it read them on arrival.
 */
import type { Response as LightMyRequestResponse } from 'light-my-request';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  jsonHeaders,
  postgresAvailable,
  TEST_DATABASE_URL,
  type TestApp,
} from '../helpers/app.js';
import { createHotel } from '../helpers/property.js';

describe.runIf(postgresAvailable)('role changes racing under the property lock (postgres)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ dialect: 'postgres' });
  });
  afterEach(async () => {
    await t.close();
  });

  /** Holds the property's row lock, runs `meanwhile` once `request` is waiting, then commits. */
  async function whileLocked(
    propertyId: string,
    request: () => Promise<LightMyRequestResponse>,
    meanwhile: string[][],
  ) {
    const other = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await other.connect();
    try {
      await other.query(`set search_path to ${t.pgSchema}`);
      await other.query('begin');
      await other.query('select id from properties where id = $1 for update', [propertyId]);
      const pending = request();
      await new Promise((resolve) => setTimeout(resolve, 400));
      for (const [userId, role] of meanwhile) {
        await other.query('update memberships set role = $1 where property_id = $2 and user_id = $3', [
          role,
          propertyId,
          userId,
        ]);
      }
      await other.query('commit');
      return await pending;
    } finally {
      await other.end();
    }
  }

  for (const action of ['role', 'remove'] as const) {
    it(`a user manager's ${action === 'role' ? 'role change' : 'removal'} of someone promoted to admin meanwhile is refused`, async () => {
      const { property, members } = await createHotel(t, {
        Anna: { role: 'admin' },
        Bob: { role: 'member' },
        Ursula: { role: 'user_manager' },
      });
      const { Anna: anna, Bob: bob, Ursula: ursula } = members;
      if (!anna || !bob || !ursula) throw new Error('setup');
      const res = await whileLocked(
        property.id,
        () =>
          t.app.inject({
            method: 'POST',
            url: `/api/v1/properties/${property.id}/users/${bob.id}/${action}`,
            headers: jsonHeaders({ cookie: ursula.cookie }),
            payload: action === 'role' ? { role: 'user_manager' } : {},
          }),
        // Anna promotes Bob to admin, then Bob demotes Anna (each allowed on its own).
        [
          [bob.id, 'admin'],
          [anna.id, 'member'],
        ],
      );
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('cannot_manage_admins');
      const admins = await t.c.store.db
        .selectFrom('memberships')
        .select('user_id')
        .where('property_id', '=', property.id)
        .where('role', '=', 'admin')
        .execute();
      expect(admins).toEqual([{ user_id: bob.id }]);
    });
  }

  it('a user manager demoted meanwhile removes nobody', async () => {
    const { property, members } = await createHotel(t, {
      Anna: { role: 'admin' },
      Bob: { role: 'member' },
      Ursula: { role: 'user_manager' },
    });
    const { Bob: bob, Ursula: ursula } = members;
    if (!bob || !ursula) throw new Error('setup');
    const res = await whileLocked(
      property.id,
      () =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/properties/${property.id}/users/${bob.id}/remove`,
          headers: jsonHeaders({ cookie: ursula.cookie }),
          payload: {},
        }),
      [[ursula.id, 'member']],
    );
    expect(res.statusCode).toBe(403);
    const bobStill = await t.c.store.db
      .selectFrom('memberships')
      .select('role')
      .where('property_id', '=', property.id)
      .where('user_id', '=', bob.id)
      .execute();
    expect(bobStill).toEqual([{ role: 'member' }]);
  });
});
