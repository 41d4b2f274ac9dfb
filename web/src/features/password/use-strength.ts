/**
 * The strength meter's data: `POST /api/v1/passwords/strength` about 300 ms after the last
 * keystroke. Answers that arrive out of order (a slow check of an older value) are ignored;
 * the last result stays on screen while the next one is on its way, so the meter does not flicker.
 */
import { useEffect, useRef, useState } from 'react';
import { checkPasswordStrength } from '../../api/endpoints.js';
import type { StrengthPayload } from '../../api/types.js';
import { useT } from '../../i18n/I18nProvider.js';

export const STRENGTH_DEBOUNCE_MS = 300;

export type StrengthState =
  | { status: 'empty' }
  /** `result` is the previous answer (or null), shown until the new one arrives. */
  | { status: 'checking'; result: StrengthPayload | null }
  | { status: 'ready'; result: StrengthPayload }
  /** The check could not run; the server still judges the password when the form is sent. */
  | { status: 'unavailable' };

function isStrengthPayload(value: unknown): value is StrengthPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.ok === 'boolean' && typeof v.score === 'number' && Array.isArray(v.reasons);
}

export function useStrength(password: string, token?: string): StrengthState {
  const { lang } = useT();
  const [state, setState] = useState<StrengthState>({ status: 'empty' });
  const sequence = useRef(0);

  useEffect(() => {
    const mine = ++sequence.current;
    if (password === '') {
      setState({ status: 'empty' });
      return;
    }
    setState((previous) => ({
      status: 'checking',
      result: previous.status === 'ready' || previous.status === 'checking' ? previous.result : null,
    }));
    const timer = window.setTimeout(async () => {
      const response = await checkPasswordStrength(lang, password, token);
      // A newer value (or an unmount) has come since: this answer is stale.
      if (mine !== sequence.current) return;
      if (response.kind === 'ok' && isStrengthPayload(response.data)) {
        setState({ status: 'ready', result: response.data });
      } else {
        setState({ status: 'unavailable' });
      }
    }, STRENGTH_DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      // Invalidate an answer still in flight for this value.
      if (sequence.current === mine) sequence.current++;
    };
  }, [password, token, lang]);

  return state;
}
