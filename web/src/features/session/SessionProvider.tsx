/**
 * The signed-in session, shared by every signed-in page and the header navigation.
 *
 * `GET /api/v1/session` is asked again on each signed-in page (opening a page is activity), but
 * the last answer stays on screen meanwhile, so the header does not flicker between pages. Public
 * pages (sign-in, links from e-mails) forget it, so that the next person never sees the previous
 * one's name. Without a session the person goes to the sign-in page, with the reason.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { getSession } from '../../api/endpoints.js';
import type { Membership, SessionPayload } from '../../api/types.js';
import { useT } from '../../i18n/I18nProvider.js';
import { rememberSessionLimits } from './session-limits.js';
import { goToSignIn, readSession } from './session-state.js';

export type SessionState =
  | { status: 'loading' }
  | { status: 'active'; payload: SessionPayload; skewMs: number }
  | { status: 'failed'; message: string | null };

interface SessionContextValue {
  state: SessionState;
  /** Asks the server again; keeps the last answer on screen unless `reset`. */
  reload: (options?: { reset?: boolean }) => Promise<void>;
  /** For `SessionWatch` and anything else that has just read the session. */
  onRefresh: (payload: SessionPayload, skewMs: number) => void;
  /** Signed out: forget the person. */
  clear: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { getLang } = useT();
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const sequence = useRef(0);

  const onRefresh = useCallback((payload: SessionPayload, skewMs: number) => {
    rememberSessionLimits(payload.session);
    setState({ status: 'active', payload, skewMs });
  }, []);

  const reload = useCallback(
    async (options: { reset?: boolean } = {}) => {
      const mine = ++sequence.current;
      if (options.reset) setState({ status: 'loading' });
      const read = readSession(await getSession(getLang(), { passive: false }));
      if (mine !== sequence.current) return; // a newer request (or a sign-out) has come since
      if (read.kind === 'active') onRefresh(read.payload, read.skewMs);
      else if (read.kind === 'signed_out') {
        setState({ status: 'loading' });
        goToSignIn(read.reason);
      } else setState({ status: 'failed', message: read.message });
    },
    [getLang, onRefresh],
  );

  const clear = useCallback(() => {
    sequence.current++;
    setState((previous) => (previous.status === 'loading' ? previous : { status: 'loading' }));
  }, []);

  const value = useMemo(() => ({ state, reload, onRefresh, clear }), [state, reload, onRefresh, clear]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionState(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSessionState() must be used inside <SessionProvider>');
  return value;
}

/** What a signed-in page knows about the person and where they work. */
export interface ActiveSession {
  payload: SessionPayload;
  skewMs: number;
  memberships: Membership[];
  /** The membership of the property the session works in, if any. */
  active: Membership | null;
  /** Admin or user manager of the active property. */
  isManager: boolean;
  reload: () => Promise<void>;
  clear: () => void;
}

const ActiveSessionContext = createContext<ActiveSession | null>(null);

export function ActiveSessionProvider({
  payload,
  skewMs,
  children,
}: {
  payload: SessionPayload;
  skewMs: number;
  children: ReactNode;
}) {
  const { reload, clear } = useSessionState();
  const value = useMemo<ActiveSession>(() => {
    const memberships = Array.isArray(payload.memberships) ? payload.memberships : [];
    const active = memberships.find((m) => m.propertyId === payload.activePropertyId) ?? null;
    return {
      payload,
      skewMs,
      memberships,
      active,
      isManager: active?.role === 'admin' || active?.role === 'user_manager',
      reload: () => reload(),
      clear,
    };
  }, [payload, skewMs, reload, clear]);
  return <ActiveSessionContext.Provider value={value}>{children}</ActiveSessionContext.Provider>;
}

/** Only inside a signed-in page (the app renders those once the session is known). */
export function useActiveSession(): ActiveSession {
  const value = useContext(ActiveSessionContext);
  if (!value) throw new Error('useActiveSession() must be used inside a signed-in page');
  return value;
}
