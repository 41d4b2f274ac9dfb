/**
 * For pages that need a session (home, account security): loads `GET /api/v1/session` once —
 * an ordinary request, since opening a page is activity — and sends the person to the sign-in
 * page, with the reason, when there is no session. `onRefresh` is for `SessionWatch`.
 */
import { useCallback, useEffect, useState } from 'react';
import { getSession } from '../../api/endpoints.js';
import type { SessionPayload } from '../../api/types.js';
import { useT } from '../../i18n/I18nProvider.js';
import { rememberSessionLimits } from './session-limits.js';
import { goToSignIn, readSession } from './session-state.js';

export type SignedInState =
  | { status: 'loading' }
  | { status: 'active'; payload: SessionPayload; skewMs: number }
  | { status: 'failed'; message: string | null };

export function useSignedIn(): {
  state: SignedInState;
  reload: () => Promise<void>;
  onRefresh: (payload: SessionPayload, skewMs: number) => void;
} {
  const { getLang } = useT();
  const [state, setState] = useState<SignedInState>({ status: 'loading' });

  const onRefresh = useCallback((payload: SessionPayload, skewMs: number) => {
    rememberSessionLimits(payload.session);
    setState({ status: 'active', payload, skewMs });
  }, []);

  const reload = useCallback(async () => {
    setState({ status: 'loading' });
    const read = readSession(await getSession(getLang(), { passive: false }));
    if (read.kind === 'active') onRefresh(read.payload, read.skewMs);
    else if (read.kind === 'signed_out') goToSignIn(read.reason);
    else setState({ status: 'failed', message: read.message });
  }, [getLang, onRefresh]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { state, reload, onRefresh };
}
