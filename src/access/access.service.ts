/**
 * Who may open which product and tab (SPEC §3, §4): default deny; a suspended property opens
 * nothing; otherwise an admin opens everything and others what they were granted. A refusal names
 * the missing right and who in the property can grant it — or, when nobody can, that the property's
 * admin or primary contact must ask support.
 */
import type { Store } from '../db/database.js';
import type { ReadCache, ReadSnapshot } from '../db/read-cache.js';
import type { Role } from '../db/types.js';
import { AppError } from '../errors.js';
import type { Language } from '../i18n/language.js';
import {
  findGrantors,
  findGrantsOfMembership,
  findLastProperty,
  findMembership,
  findMembershipsOfUser,
  findSessionProperty,
  setActiveProperty,
} from '../properties/properties.queries.js';
import { holds } from '../properties/properties.service.js';
import type { Catalogue } from './catalogue.js';

export interface Membership {
  propertyId: string;
  propertyName: string;
  propertyStatus: 'active' | 'suspended';
  role: Role;
  isPrimaryContact: boolean;
  /** The property requires two-factor authentication of everyone (its admins see and switch it). */
  requireTwoFactor: boolean;
}

function suspendedError(p: {
  billingContactName: string | null;
  billingContactEmail: string | null;
  propertyName: string;
}) {
  return new AppError('property_suspended', 403, {
    params: { contact: p.billingContactName ? ` (${p.billingContactName})` : '' },
    details: {
      property: p.propertyName,
      billingContact: { name: p.billingContactName, email: p.billingContactEmail },
    },
  });
}

/** What GET /session shows of the person's properties. */
export interface SessionView {
  memberships: readonly Membership[];
  activePropertyId: string | null;
}

/** What the access rules need of a session (an ActiveSession from the session check has all of it). */
type SessionLike = {
  id: string;
  userId: string;
  activePropertyId?: string | null;
  reads?: ReadSnapshot;
};

export function createAccessService(deps: { store: Store; catalogue: Catalogue; readCache: ReadCache }) {
  const { store, catalogue } = deps;
  /** A request's reads: through its session check's snapshot when it has one, else a new one. */
  const readsOf = (session?: { reads?: ReadSnapshot }): ReadSnapshot =>
    session?.reads ?? deps.readCache.snapshot();
  /** The person's memberships, as every request that needs them reads them (cached while unchanged). */
  const membershipsKey = (userId: string) => `memberships:${userId}`;
  const membershipRows = (userId: string, reads = readsOf()) =>
    reads.read(membershipsKey(userId), () => findMembershipsOfUser(store.db, userId));

  type MembershipRow = Awaited<ReturnType<typeof findMembershipsOfUser>>[number];

  /**
   * The memberships as the API shows them. Frozen and made once per list of rows: while the read
   * cache holds the same rows, every request shares one list (and the JSON writer its text).
   */
  const presented = new WeakMap<MembershipRow[], { userId: string; list: readonly Membership[] }>();
  const present = (userId: string, rows: MembershipRow[]): readonly Membership[] => {
    const known = presented.get(rows);
    if (known?.userId === userId) return known.list;
    const list = Object.freeze(
      rows.map((r) =>
        Object.freeze({
          propertyId: r.propertyId,
          propertyName: r.propertyName,
          propertyStatus: r.propertyStatus,
          role: r.role,
          isPrimaryContact: r.primaryContactUserId === userId,
          requireTwoFactor: Number(r.requireTwoFactor) === 1,
        }),
      ),
    );
    presented.set(rows, { userId, list });
    return list;
  };

  async function memberships(userId: string): Promise<readonly Membership[]> {
    return present(userId, await membershipRows(userId));
  }

  /**
   * The session's property when it is known without the store: the one chosen (still a member), or
   * none when the person has no membership; `undefined` when it must be looked up or picked.
   */
  function settledActive(session: SessionLike, rows: MembershipRow[]): string | null | undefined {
    const chosen = session.activePropertyId;
    if (chosen && rows.some((r) => r.propertyId === chosen)) return chosen;
    if (!rows.length) return null;
    return undefined;
  }

  /**
   * The session's property: the one chosen (if still a member), else the one used last time, else the
   * only one. Works from the person's membership rows, read once per request, and the session's
   * choice as the session check read it (read again only when the caller does not have it).
   */
  async function resolveActive(session: SessionLike, rows: MembershipRow[]): Promise<string | null> {
    const settled = settledActive(session, rows);
    if (settled !== undefined) return settled;
    if (session.activePropertyId === undefined) {
      const chosen = await findSessionProperty(store.db, session.id);
      if (chosen && rows.some((r) => r.propertyId === chosen)) return chosen;
    }
    const last = await readsOf(session).read(`last-property:${session.userId}`, () =>
      findLastProperty(store.db, session.userId),
    );
    const pick =
      rows.find((m) => m.propertyId === last)?.propertyId ??
      (rows.length === 1 ? rows[0]?.propertyId : undefined);
    if (!pick) return null;
    await setActiveProperty(store.db, { sessionId: session.id, userId: session.userId, propertyId: pick });
    return pick;
  }

  /**
   * What `sessionView` answers at once, or `undefined` when it would have to read (or pick and record
   * the session's property). Pure: memory only.
   */
  function peekSessionView(session: SessionLike): SessionView | undefined {
    const rows = session.reads?.peek<MembershipRow[]>(membershipsKey(session.userId));
    const settled = rows && settledActive(session, rows);
    return rows && settled !== undefined
      ? { memberships: present(session.userId, rows), activePropertyId: settled }
      : undefined;
  }

  async function context(session: SessionLike) {
    const rows = await membershipRows(session.userId, readsOf(session));
    const propertyId = await resolveActive(session, rows);
    const m = rows.find((r) => r.propertyId === propertyId);
    if (!m)
      throw new AppError('property_required', 409, {
        details: { properties: present(session.userId, rows) },
      });
    const grants = m.role === 'admin' ? [] : await findGrantsOfMembership(store.db, m.membershipId);
    return { membership: m, grants };
  }

  async function grantorsOf(propertyId: string, product: string, tab: string) {
    const all = await findGrantors(store.db, propertyId);
    const able: Array<{ name: string; email: string; role: Role }> = [];
    for (const g of all) {
      const held = g.role === 'admin' ? [] : await findGrantsOfMembership(store.db, g.membershipId);
      if (holds(g.role, held, { product, tab })) able.push({ name: g.name, email: g.email, role: g.role });
    }
    return able;
  }

  return {
    memberships,

    peekSessionView,

    /**
     * For GET /session: the memberships and the active property, from one read of the memberships.
     * Answered at once (not a promise) when the memberships are in the read cache and the session's
     * property is settled; otherwise once the store has answered.
     */
    sessionView(session: SessionLike): SessionView | Promise<SessionView> {
      const known = peekSessionView(session);
      if (known) return known;
      const rows = session.reads?.peek<MembershipRow[]>(membershipsKey(session.userId));
      return (async () => {
        const all = rows ?? (await membershipRows(session.userId, readsOf(session)));
        return {
          memberships: present(session.userId, all),
          activePropertyId: await resolveActive(session, all),
        };
      })();
    },

    async selectProperty(session: { id: string; userId: string }, propertyId: string) {
      if (!(await findMembership(store.db, { propertyId, userId: session.userId })))
        throw new AppError('not_found', 404);
      await setActiveProperty(store.db, { sessionId: session.id, userId: session.userId, propertyId });
    },

    /** At sign-in: refused when every property of the person is suspended and none is theirs to settle. */
    async signInRefusal(userId: string): Promise<AppError | null> {
      const rows = await membershipRows(userId);
      if (!rows.length) return null;
      const open = rows.some(
        (r) => r.propertyStatus === 'active' || r.role === 'admin' || r.primaryContactUserId === userId,
      );
      return open ? null : suspendedError(rows[0] as (typeof rows)[number]);
    },

    /** GET /access: may this session open this product (and tab)? */
    async check(
      session: { id: string; userId: string },
      product: string,
      tab: string | undefined,
      lang: Language,
    ) {
      const p = catalogue.find((x) => x.id === product);
      const t = tab === undefined ? undefined : p?.tabs.find((x) => x.id === tab);
      if (!p || (tab !== undefined && !t)) {
        throw new AppError('unknown_product', 400, {
          params: { items: tab ? `${product}/${tab}` : product },
        });
      }
      const { membership, grants } = await context(session);
      if (membership.propertyStatus === 'suspended') throw suspendedError(membership);
      const allowed =
        membership.role === 'admin' ||
        (t
          ? holds(membership.role, grants, { product, tab: t.id })
          : grants.some((g) => g.product === product));
      if (allowed)
        return { allowed: true as const, propertyId: membership.propertyId, product, tab: tab ?? null };
      const grantors = await grantorsOf(membership.propertyId, product, t?.id ?? '*');
      // French quotes with their no-break spaces; English ones.
      const quoted = (name: string) => (lang === 'fr' ? `«\u00A0${name}\u00A0»` : `“${name}”`);
      const what = t ? `${quoted(t.name[lang])} (${p.name[lang]})` : quoted(p.name[lang]);
      const who = grantors.length
        ? lang === 'fr'
          ? `Demandez-le à ${grantors.map((g) => g.name).join(', ')}.`
          : `Ask ${grantors.map((g) => g.name).join(', ')}.`
        : lang === 'fr'
          ? 'Personne dans votre établissement ne peut l’accorder : l’administrateur ou le contact principal doit faire une demande d’accès à l’assistance.'
          : 'Nobody at your property can grant it: the administrator or primary contact must send an access request to support.';
      throw new AppError('missing_grant', 403, {
        params: { what, who },
        details: {
          property: membership.propertyName,
          missing: { product, tab: t?.id ?? null },
          grantors,
          nextStep: grantors.length ? 'ask_grantor' : 'ask_support',
        },
      });
    },

    /** The home page: every product and tab, allowed or not, with whom to ask. */
    async overview(session: { id: string; userId: string }) {
      const { membership, grants } = await context(session);
      const suspended = membership.propertyStatus === 'suspended';
      const products = [];
      for (const p of catalogue) {
        const tabs = [];
        for (const t of p.tabs) {
          const allowed = !suspended && holds(membership.role, grants, { product: p.id, tab: t.id });
          tabs.push({
            id: t.id,
            name: t.name,
            allowed,
            grantors: allowed ? [] : await grantorsOf(membership.propertyId, p.id, t.id),
          });
        }
        products.push({ id: p.id, name: p.name, allowed: tabs.some((t) => t.allowed), tabs });
      }
      return {
        property: {
          id: membership.propertyId,
          name: membership.propertyName,
          status: membership.propertyStatus,
          role: membership.role,
          billingContact: suspended
            ? { name: membership.billingContactName, email: membership.billingContactEmail }
            : null,
        },
        products,
      };
    },
  };
}

export type AccessService = ReturnType<typeof createAccessService>;
