/**
 * Sessions (SPEC §2): a 256-bit token in a cookie, only its SHA-256 stored; signed out after
 * PORTIER_SESSION_IDLE without activity and PORTIER_SESSION_MAX after sign-in, whichever comes first,
 * both checked on the server at every request. Activity writes are throttled to at most one every
 * min(60 s, idle/10), so a busy session does not write on every request.
 */
import type { Kysely } from 'kysely';
import type { AuditRecorder, RequestContext } from '../audit/audit.service.js';
import { housekeeping, type Store } from '../db/database.js';
import type { ReadCache, ReadSnapshot } from '../db/read-cache.js';
import type { Database } from '../db/types.js';
import type { Clock } from '../shared/clock.js';
import { generateToken, hashToken, newId } from '../shared/tokens.js';
import { refusalForChangedMeanwhile } from '../sign-in/changed-meanwhile.js';
import { recordSuccessfulSignIn } from '../users/users.queries.js';
import {
  deleteExpiredSessions,
  deleteSessionById,
  deleteSessionOfUser,
  deleteSessionsOfUser,
  findSessionByTokenHash,
  findSessionsOfUser,
  insertSession,
  touchSession,
} from './sessions.queries.js';

export type SignOutReason = 'missing' | 'idle_timeout' | 'max_age' | 'account_disabled';

export interface ActiveSession {
  id: string;
  userId: string;
  createdAt: number;
  lastActivityAt: number;
  idleExpiresAt: number;
  absoluteExpiresAt: number;
  /** The property chosen in this session (null until one is chosen or picked). */
  activePropertyId: string | null;
  user: Readonly<{ id: string; email: string; name: string; language: 'fr' | 'en' }>;
  /** The store as this request's session check saw it: later reads of the request go through it. */
  reads?: ReadSnapshot;
}

export type SessionCheck = { ok: true; session: ActiveSession } | { ok: false; reason: SignOutReason };

export interface SessionService {
  idleMs: number;
  now(): number;
  maxMs: number;
  create(
    db: Kysely<Database>,
    args: { userId: string; context: RequestContext },
  ): Promise<{ token: string; id: string }>;
  /**
   * The end of every successful sign-in: counter reset, new session, audit event — one transaction.
   * Throws 403 `account_disabled` when the account was disabled since its password was checked, and
   * 401 `invalid_credentials` when `checkedHash` (the hash the password was checked against) is no
   * longer the account's: a reset or change ends the sign-ins the old password had under way.
   */
  openAfterSignIn(
    userId: string,
    context: RequestContext,
    details?: Record<string, unknown>,
    checkedHash?: string,
  ): Promise<{ token: string; id: string }>;
  /**
   * Answered at once (not a promise) when the session row is in the read cache and nothing has to be
   * written — no expiry to record, no activity due; otherwise once the store has answered. `context`
   * is asked for only when an expiry is recorded.
   */
  check(
    token: string | undefined,
    options?: { passive?: boolean; context?: () => RequestContext },
  ): SessionCheck | Promise<SessionCheck>;
  /**
   * The live session `check` would answer at once, or `undefined` when `check` would have to read or
   * write the store (or sign the session out). Pure: reads memory only, changes nothing.
   */
  peek(token: string | undefined, options?: { passive?: boolean }): ActiveSession | undefined;
  end(session: ActiveSession, context: RequestContext): Promise<void>;
  endAllOfUser(db: Kysely<Database>, userId: string, exceptId?: string): Promise<number>;
  list(session: ActiveSession): Promise<
    Array<{
      id: string;
      current: boolean;
      createdAt: number;
      lastActivityAt: number;
      ip: string | null;
      userAgent: string | null;
    }>
  >;
  endOne(session: ActiveSession, id: string, context: RequestContext): Promise<boolean>;
  endOthers(session: ActiveSession, context: RequestContext): Promise<number>;
  cleanup(): Promise<number>;
}

/** Longest cookie value taken as a token (ours have 43 characters): anything longer is no session. */
const MAX_TOKEN_LENGTH = 128;
/** The read cache's key of a session row. */
const sessionKey = (tokenHash: string) => `session:${tokenHash}`;

export function createSessionService(deps: {
  store: Store;
  /** Serves the session row from memory while the store is unchanged (exact; see read-cache.ts). */
  readCache: ReadCache;
  clock: Clock;
  audit: AuditRecorder;
  idleMs: number;
  maxMs: number;
}): SessionService {
  const { store, clock, audit, idleMs, maxMs } = deps;
  const touchEvery = Math.min(60_000, Math.floor(idleMs / 10));
  type SessionRow = NonNullable<Awaited<ReturnType<typeof findSessionByTokenHash>>>;

  const signOutReason = (row: SessionRow, now: number): SignOutReason | null =>
    now >= row.absoluteExpiresAt
      ? 'max_age'
      : now >= row.lastActivityAt + idleMs
        ? 'idle_timeout'
        : row.userStatus !== 'active'
          ? 'account_disabled'
          : null;

  /** The person as a session shows them: frozen, one object per cached row (shared by requests). */
  const users = new WeakMap<SessionRow, ActiveSession['user']>();
  const userOf = (row: SessionRow): ActiveSession['user'] => {
    let user = users.get(row);
    if (!user) {
      user = Object.freeze({ id: row.userId, email: row.email, name: row.name, language: row.language });
      users.set(row, user);
    }
    return user;
  };

  const activeSession = (row: SessionRow, lastActivityAt: number, reads: ReadSnapshot): ActiveSession => ({
    id: row.id,
    userId: row.userId,
    createdAt: row.createdAt,
    lastActivityAt,
    idleExpiresAt: Math.min(lastActivityAt + idleMs, row.absoluteExpiresAt),
    absoluteExpiresAt: row.absoluteExpiresAt,
    activePropertyId: row.activePropertyId,
    user: userOf(row),
    reads,
  });

  /** A cached row's session when it stands as it is: not expired, and no activity to record. */
  function liveFromMemory(row: SessionRow, reads: ReadSnapshot, passive: boolean): ActiveSession | undefined {
    const now = clock.now();
    if (signOutReason(row, now) || (!passive && now - row.lastActivityAt >= touchEvery)) return undefined;
    return activeSession(row, row.lastActivityAt, reads);
  }

  const service: SessionService = {
    idleMs,
    maxMs,
    now: () => clock.now(),

    async create(db, { userId, context }) {
      // A new token at every sign-in: a token planted before sign-in is never promoted (no fixation).
      const token = generateToken();
      const now = clock.now();
      const id = newId();
      await insertSession(db, {
        id,
        token_hash: hashToken(token),
        user_id: userId,
        created_at: now,
        last_activity_at: now,
        absolute_expires_at: now + maxMs,
        ip: context.ip,
        user_agent: context.userAgent?.slice(0, 512) ?? null,
      });
      return { token, id };
    },

    async openAfterSignIn(userId, context, details = {}, checkedHash) {
      const opened = await store.db.transaction().execute(async (trx) => {
        if (!(await recordSuccessfulSignIn(trx, { userId, now: clock.now(), passwordHash: checkedHash }))) {
          // Disabled, removed or given a new password since the password was checked: no session.
          return { refusal: await refusalForChangedMeanwhile(trx, audit, userId, context) };
        }
        const created = await service.create(trx, { userId, context });
        await audit(trx, {
          actor: { type: 'user', id: userId },
          action: 'sign_in.succeeded',
          target: { type: 'user', id: userId },
          context,
          details: { sessionId: created.id, ...details },
        });
        return { created };
      });
      if ('refusal' in opened) throw opened.refusal;
      return opened.created;
    },

    check(token, options = {}) {
      if (!token || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'missing' };
      const tokenHash = hashToken(token);
      const reads = deps.readCache.snapshot();
      const key = sessionKey(tokenHash);
      const cached = reads.peek<SessionRow>(key);
      const live = cached && liveFromMemory(cached, reads, options.passive === true);
      if (live) return { ok: true, session: live };
      // The same snapshot: the store is not asked twice whether anything changed.
      return settle(cached ?? reads.read(key, () => findSessionByTokenHash(store.db, tokenHash)));

      async function settle(pending: SessionRow | Promise<SessionRow | undefined>): Promise<SessionCheck> {
        const row = await pending;
        if (!row) return { ok: false, reason: 'missing' };
        const now = clock.now();
        const reason = signOutReason(row, now);
        if (reason) {
          await store.db.transaction().execute(async (trx) => {
            await deleteSessionById(trx, row.id);
            await audit(trx, {
              actor: { type: 'system' },
              action: 'session.expired',
              target: { type: 'user', id: row.userId },
              context: options.context?.(),
              details: { reason, sessionId: row.id },
            });
          });
          return { ok: false, reason };
        }
        let lastActivityAt = row.lastActivityAt;
        if (!options.passive && now - row.lastActivityAt >= touchEvery) {
          // Nothing moved: the row may be gone behind a cached copy (ended elsewhere). The store says.
          if ((await touchSession(store.db, { id: row.id, now })) === 0) {
            if (!(await findSessionByTokenHash(store.db, tokenHash))) return { ok: false, reason: 'missing' };
          }
          lastActivityAt = now;
        }
        return { ok: true, session: activeSession(row, lastActivityAt, reads) };
      }
    },

    peek(token, options = {}) {
      if (!token || token.length > MAX_TOKEN_LENGTH) return undefined;
      const reads = deps.readCache.snapshot();
      const cached = reads.peek<SessionRow>(sessionKey(hashToken(token)));
      return cached && liveFromMemory(cached, reads, options.passive === true);
    },

    async end(session, context) {
      await store.db.transaction().execute(async (trx) => {
        await deleteSessionById(trx, session.id);
        await audit(trx, {
          actor: { type: 'user', id: session.userId },
          action: 'sign_out',
          target: { type: 'user', id: session.userId },
          context,
          details: { sessionId: session.id },
        });
      });
    },

    endAllOfUser: (db, userId, exceptId) => deleteSessionsOfUser(db, userId, exceptId),

    async list(session) {
      const now = clock.now();
      const rows = await findSessionsOfUser(store.db, session.userId);
      return rows
        .filter((r) => r.absolute_expires_at > now && r.last_activity_at + idleMs > now)
        .map((r) => ({
          id: r.id,
          current: r.id === session.id,
          createdAt: r.created_at,
          lastActivityAt: r.id === session.id ? session.lastActivityAt : r.last_activity_at,
          ip: r.ip,
          userAgent: r.user_agent,
        }));
    },

    async endOne(session, id, context) {
      return store.db.transaction().execute(async (trx) => {
        const ended = await deleteSessionOfUser(trx, { id, userId: session.userId });
        if (ended) {
          await audit(trx, {
            actor: { type: 'user', id: session.userId },
            action: 'session.ended_by_user',
            target: { type: 'user', id: session.userId },
            context,
            details: { sessionId: id },
          });
        }
        return ended;
      });
    },

    async endOthers(session, context) {
      return store.db.transaction().execute(async (trx) => {
        const ended = await deleteSessionsOfUser(trx, session.userId, session.id);
        await audit(trx, {
          actor: { type: 'user', id: session.userId },
          action: 'session.ended_others',
          target: { type: 'user', id: session.userId },
          context,
          details: { ended },
        });
        return ended;
      });
    },

    cleanup: () => housekeeping(store, (db) => deleteExpiredSessions(db, { now: clock.now(), idleMs })),
  };
  return service;
}
