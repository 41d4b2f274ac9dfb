/**
 * The account page's list of open sessions (SPEC §2): device, IP address, when it signed in and
 * was last active, "This device" for the current one, and a way to sign out any other or all of
 * them. Results are announced in a polite live region; the list is read again after each action.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { endOtherSessions, endSession, listSessions } from '../../api/endpoints.js';
import type { AccountSession } from '../../api/types.js';
import { formatAgo, formatDateTime } from '../../i18n/format.js';
import { useT } from '../../i18n/I18nProvider.js';
import { goToSignIn } from '../session/session-state.js';
import { isHandheld, parseUserAgent } from './device-label.js';

type Load =
  | { status: 'loading' }
  | { status: 'ready'; sessions: AccountSession[] }
  | { status: 'failed'; message: string | null };

type Announcement = { tone: 'success' | 'info'; text: string; serial: number };

/** This device first, then the most recently active. */
function ordered(sessions: AccountSession[]): AccountSession[] {
  return [...sessions].sort((a, b) => {
    if (a.current !== b.current) return a.current ? -1 : 1;
    return Date.parse(b.lastActivityAt) - Date.parse(a.lastActivityAt);
  });
}

export function useDeviceLabel(): (userAgent: string | null) => string {
  const { t } = useT();
  return (userAgent) => {
    const { browser, platform } = parseUserAgent(userAgent);
    if (browser && platform) {
      return t(isHandheld(platform) ? 'device.onDevice' : 'device.onSystem', { browser, platform });
    }
    if (browser) return browser;
    if (platform) return t('device.unknownBrowserOn', { platform });
    return t('device.unknown');
  };
}

export function SessionsSection({ skewMs, refreshKey }: { skewMs: number; refreshKey: number }) {
  const { t, lang, getLang } = useT();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const deviceLabel = useDeviceLabel();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [busy, setBusy] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  const [error, setError] = useState<string | null>(null);
  const serial = useRef(0);

  const refresh = useCallback(async () => {
    const result = await listSessions(getLang());
    if (result.kind === 'ok' && Array.isArray(result.data?.sessions)) {
      setLoad({ status: 'ready', sessions: ordered(result.data.sessions) });
    } else if (result.kind === 'error' && result.status === 401) {
      goToSignIn(null);
    } else {
      setLoad({ status: 'failed', message: result.kind === 'error' ? result.error.message || null : null });
    }
  }, [getLang]);

  // refreshKey changes when something elsewhere on the page ended sessions (a password change).
  useEffect(() => {
    void refreshKey;
    void refresh();
  }, [refresh, refreshKey]);

  function announce(tone: Announcement['tone'], text: string) {
    serial.current += 1;
    setAnnouncement({ tone, text, serial: serial.current });
  }

  /** The button just pressed is gone from the list: the keyboard carries on from the heading. */
  function afterAction() {
    headingRef.current?.focus();
  }

  async function signOutOne(session: AccountSession) {
    if (busy) return;
    setBusy(session.id);
    setError(null);
    const device = deviceLabel(session.userAgent);
    const result = await endSession(getLang(), session.id);
    setBusy(null);
    if (result.kind === 'ok') announce('success', t('security.sessions.ended', { device }));
    else if (result.kind === 'error' && result.status === 404)
      announce('info', t('security.sessions.alreadyEnded'));
    else if (result.kind === 'error' && result.status === 401) return goToSignIn(null);
    else
      setError(
        result.kind === 'error'
          ? result.error.message || t('common.unexpectedError')
          : t('common.networkError'),
      );
    await refresh();
    afterAction();
  }

  async function signOutOthers() {
    if (busy) return;
    setBusy('others');
    setError(null);
    const result = await endOtherSessions(getLang());
    setBusy(null);
    if (result.kind === 'ok') {
      const ended = typeof result.data?.ended === 'number' ? result.data.ended : 0;
      announce(
        'success',
        ended === 0
          ? t('security.sessions.endedNone')
          : new Intl.PluralRules(lang).select(ended) === 'one'
            ? t('security.sessions.endedOne')
            : t('security.sessions.endedMany', { count: ended }),
      );
    } else if (result.kind === 'error' && result.status === 401) {
      return goToSignIn(null);
    } else {
      setError(
        result.kind === 'error'
          ? result.error.message || t('common.unexpectedError')
          : t('common.networkError'),
      );
    }
    await refresh();
    afterAction();
  }

  const sessions = load.status === 'ready' ? load.sessions : [];
  const others = sessions.filter((session) => !session.current).length;
  const now = Date.now() + skewMs;

  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="section__title">
        {t('security.sessions.title')}
      </h2>
      <p>{t('security.sessions.intro')}</p>

      <div role="status" className="live-slot">
        {announcement ? (
          <div key={announcement.serial} className={`notice notice--${announcement.tone}`}>
            <p>{announcement.text}</p>
          </div>
        ) : null}
      </div>
      <div role="alert" className="live-slot">
        {error ? (
          <div className="alert alert--error">
            <p className="alert__message">{error}</p>
          </div>
        ) : null}
      </div>

      {load.status === 'loading' ? <p className="loading">{t('common.loading')}</p> : null}
      {load.status === 'failed' ? (
        <div className="alert alert--error">
          <p className="alert__message">{load.message ?? t('common.networkError')}</p>
          <button type="button" className="button" onClick={() => void refresh()}>
            {t('common.retry')}
          </button>
        </div>
      ) : null}

      {sessions.length > 0 ? (
        <ul className="sessions">
          {sessions.map((session) => {
            const device = deviceLabel(session.userAgent);
            const createdAt = new Date(Date.parse(session.createdAt));
            const lastActivity = new Date(Date.parse(session.lastActivityAt));
            return (
              <li key={session.id} className={session.current ? 'session session--current' : 'session'}>
                <div className="session__head">
                  <span className="session__device">{device}</span>
                  {session.current ? (
                    <span className="badge">{t('security.sessions.thisDevice')}</span>
                  ) : null}
                </div>
                <dl className="facts session__facts">
                  <div className="facts__row">
                    <dt>{t('security.sessions.ip')}</dt>
                    <dd>{session.ip ?? t('security.sessions.unknownIp')}</dd>
                  </div>
                  <div className="facts__row">
                    <dt>{t('security.sessions.signedInAt')}</dt>
                    <dd>
                      <time dateTime={session.createdAt}>{formatDateTime(lang, createdAt)}</time>
                    </dd>
                  </div>
                  <div className="facts__row">
                    <dt>{t('security.sessions.lastActivity')}</dt>
                    <dd>
                      <time dateTime={session.lastActivityAt}>
                        {formatAgo(lang, lastActivity, now) ?? formatDateTime(lang, lastActivity)}
                      </time>
                    </dd>
                  </div>
                </dl>
                {session.current ? null : (
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => void signOutOne(session)}
                    aria-busy={busy === session.id}
                    disabled={busy !== null}
                  >
                    {busy === session.id ? t('security.sessions.signingOut') : t('security.sessions.signOut')}
                    <span className="visually-hidden"> — {device}</span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}

      {load.status === 'ready' ? (
        others > 0 ? (
          <button
            type="button"
            className="button"
            onClick={() => void signOutOthers()}
            aria-busy={busy === 'others'}
            disabled={busy !== null}
          >
            {busy === 'others' ? t('security.sessions.signingOut') : t('security.sessions.signOutOthers')}
          </button>
        ) : (
          <p className="muted">{t('security.sessions.onlyThis')}</p>
        )
      ) : null}
    </section>
  );
}
