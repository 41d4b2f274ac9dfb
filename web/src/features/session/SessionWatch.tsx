/**
 * Warns before an automatic sign-out (SPEC §2: 6 h idle, 15 h absolute, whichever comes first).
 *
 * - Every 30 s (and when the tab becomes visible again) it asks `GET /api/v1/session?passive=1`,
 *   which reports the remaining time without counting as activity; activity in another tab
 *   therefore pushes the warning back here too.
 * - From 5 minutes before the end it shows a banner with a countdown. Before an idle sign-out,
 *   "Stay signed in" makes an ordinary (active) session request, which extends the session.
 *   Before the absolute limit nothing can extend it, and the banner says so.
 * - At the end it checks once more, then goes to the sign-in page with the reason.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { getSession } from '../../api/endpoints.js';
import type { SessionPayload } from '../../api/types.js';
import { formatCountdown, formatExactDuration } from '../../i18n/format.js';
import { useT } from '../../i18n/I18nProvider.js';
import type { Lang } from '../../i18n/lang.js';
import { goToSignIn, readSession, signOutReason } from './session-state.js';

const POLL_INTERVAL_MS = 30_000;
const WARNING_BEFORE_MS = 5 * 60_000;
/** setTimeout fires at once beyond 2^31 − 1 ms (~24.8 days); polling covers longer sessions. */
const MAX_TIMER_MS = 2_147_483_647;

export interface SessionDeadline {
  kind: 'idle' | 'absolute';
  /** On this computer's clock. */
  endsAt: number;
}

export function sessionDeadline(payload: SessionPayload, skewMs: number): SessionDeadline {
  const idleAt = Date.parse(payload.session.idleExpiresAt) - skewMs;
  const absoluteAt = Date.parse(payload.session.absoluteExpiresAt) - skewMs;
  return absoluteAt <= idleAt ? { kind: 'absolute', endsAt: absoluteAt } : { kind: 'idle', endsAt: idleAt };
}

/**
 * Five minutes, or half the idle limit when that is shorter (short limits in tests or demos),
 * so that the banner does not appear the moment the page opens.
 */
function warningWindowMs(payload: SessionPayload): number {
  const idleMs = payload.session.idleTimeoutSeconds * 1000;
  return Number.isFinite(idleMs) && idleMs > 0 ? Math.min(WARNING_BEFORE_MS, idleMs / 2) : WARNING_BEFORE_MS;
}

/** Spoken remaining time, coarse on purpose: whole minutes, then "less than a minute". */
function spokenRemaining(lang: Lang, ms: number, lessThanMinute: string): string {
  if (ms < 60_000) return lessThanMinute;
  const minutes = Math.ceil(ms / 60_000);
  return new Intl.NumberFormat(lang, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(minutes);
}

export function SessionWatch({
  payload,
  skewMs,
  onRefresh,
}: {
  payload: SessionPayload;
  skewMs: number;
  onRefresh: (payload: SessionPayload, skewMs: number) => void;
}) {
  const { t, lang, getLang } = useT();
  const titleId = useId();
  const bodyId = useId();
  const [now, setNow] = useState(() => Date.now());
  const [dismissedEnd, setDismissedEnd] = useState<number | null>(null);
  const [extending, setExtending] = useState(false);
  const [extendFailed, setExtendFailed] = useState(false);
  const focusBeforeRef = useRef<Element | null>(null);

  const deadline = sessionDeadline(payload, skewMs);
  const { kind: deadlineKind, endsAt: deadlineAt } = deadline;
  const remainingMs = deadline.endsAt - now;
  const showWarning =
    remainingMs <= warningWindowMs(payload) &&
    !(deadline.kind === 'absolute' && dismissedEnd === deadline.endsAt);

  const check = useCallback(
    async (mode: 'passive' | 'extend') => {
      const read = readSession(await getSession(getLang(), { passive: mode === 'passive' }));
      if (read.kind === 'active') onRefresh(read.payload, read.skewMs);
      else if (read.kind === 'signed_out')
        goToSignIn(signOutReason(read.reason, { kind: deadlineKind, endsAt: deadlineAt }, Date.now()));
      return read;
    },
    [getLang, onRefresh, deadlineKind, deadlineAt],
  );

  // A one-second clock for the countdown.
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);

  // Passive polling: never extends the session, but learns about activity elsewhere.
  useEffect(() => {
    const timer = window.setInterval(() => void check('passive'), POLL_INTERVAL_MS);
    const onVisibility = () => {
      if (document.visibilityState === 'visible') void check('passive');
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [check]);

  // A timer at the deadline itself, since the one-second clock is throttled in background tabs.
  useEffect(() => {
    if (!Number.isFinite(deadline.endsAt)) return;
    let cancelled = false;
    const timer = window.setTimeout(
      async () => {
        // Another tab may have extended the session since the last poll: ask before leaving.
        const read = await check('passive');
        if (cancelled || read.kind !== 'failed') return;
        goToSignIn(deadline.kind === 'idle' ? 'idle_timeout' : 'max_age');
      },
      Math.min(MAX_TIMER_MS, Math.max(0, deadline.endsAt - Date.now())),
    );
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [check, deadline.endsAt, deadline.kind]);

  // Focus moves to the banner's button when it appears (or changes kind) and goes back when it closes.
  const focusWhenShown = useCallback((button: HTMLButtonElement | null) => {
    if (!button) return;
    if (focusBeforeRef.current === null) focusBeforeRef.current = document.activeElement;
    button.focus();
  }, []);

  useEffect(() => {
    if (showWarning) return;
    const before = focusBeforeRef.current;
    focusBeforeRef.current = null;
    if (before instanceof HTMLElement && before !== document.body && before.isConnected) before.focus();
  }, [showWarning]);

  if (!showWarning) return null;

  async function staySignedIn() {
    setExtending(true);
    setExtendFailed(false);
    const read = await check('extend');
    setExtending(false);
    if (read.kind === 'failed') setExtendFailed(true);
  }

  const remaining = spokenRemaining(lang, remainingMs, t('common.lessThanMinute'));
  const maxAge = payload.session.maxAgeSeconds;

  return (
    <div
      role="alertdialog"
      aria-modal="false"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      className="session-warning"
    >
      <h2 id={titleId} className="session-warning__title">
        {deadline.kind === 'idle' ? t('idle.idle.title') : t('idle.absolute.title')}
      </h2>
      <p id={bodyId}>
        {deadline.kind === 'idle'
          ? t('idle.idle.body', { remaining })
          : maxAge > 0
            ? t('idle.absolute.bodyMax', { max: formatExactDuration(lang, maxAge), remaining })
            : t('idle.absolute.bodyGeneric', { remaining })}
      </p>
      <p className="session-warning__countdown" aria-hidden="true">
        <span className="session-warning__countdown-label">{t('idle.countdown')}</span>{' '}
        <span className="session-warning__countdown-value">{formatCountdown(remainingMs / 1000)}</span>
      </p>
      {extendFailed ? (
        <p role="alert" className="field__error">
          {t('common.networkError')}
        </p>
      ) : null}
      {deadline.kind === 'idle' ? (
        <button
          ref={focusWhenShown}
          type="button"
          className="button button--primary"
          onClick={staySignedIn}
          aria-busy={extending}
        >
          {t('idle.idle.stay')}
        </button>
      ) : (
        <button
          ref={focusWhenShown}
          type="button"
          className="button"
          onClick={() => setDismissedEnd(deadline.endsAt)}
        >
          {t('idle.absolute.dismiss')}
        </button>
      )}
    </div>
  );
}
