/**
 * The account page's password part (SPEC §2): when it was last changed, when it expires (90 days,
 * PCI DSS) with a warning from 14 days before, and the form to change it. A change signs out the
 * other sessions and keeps this one; `onChanged` lets the sessions list catch up.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { changePassword, getAccountSecurity } from '../../api/endpoints.js';
import type { AccountSecurity } from '../../api/types.js';
import { Notice } from '../../components/Notice.js';
import { formatDate, formatDays } from '../../i18n/format.js';
import { useT } from '../../i18n/I18nProvider.js';
import { NewPasswordForm } from '../password/NewPasswordForm.js';
import { readPasswordOutcome } from '../password/password-outcome.js';
import { goToSignIn } from '../session/session-state.js';

const DAY_MS = 86_400_000;
/** The first reminder e-mail goes 14 days before expiry; the page warns from the same day. */
export const EXPIRY_WARNING_DAYS = 14;

type Load =
  | { status: 'loading' }
  | { status: 'ready'; security: AccountSecurity }
  | { status: 'failed'; message: string | null };

function parseDate(iso: string | null): Date | null {
  if (iso === null) return null;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : new Date(time);
}

export function PasswordSection({
  email,
  skewMs,
  onChanged,
}: {
  email: string;
  skewMs: number;
  onChanged: () => void;
}) {
  const { t, lang, getLang } = useT();
  const headingId = useId();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [formKey, setFormKey] = useState(0);
  const [changed, setChanged] = useState(false);

  const refresh = useCallback(async () => {
    const result = await getAccountSecurity(getLang());
    if (result.kind === 'ok' && result.data) setLoad({ status: 'ready', security: result.data });
    else if (result.kind === 'error' && result.status === 401) goToSignIn(null);
    else
      setLoad({ status: 'failed', message: result.kind === 'error' ? result.error.message || null : null });
  }, [getLang]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // The success message takes focus: the form it replaces was where the keyboard focus was.
  const focusOnMount = useCallback((element: HTMLDivElement | null) => element?.focus(), []);

  const security = load.status === 'ready' ? load.security : null;
  const changedAt = parseDate(security?.passwordChangedAt ?? null);
  const expiresAt = parseDate(security?.passwordExpiresAt ?? null);
  const now = Date.now() + skewMs;
  const daysLeft = expiresAt === null ? null : Math.ceil((expiresAt.getTime() - now) / DAY_MS);

  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId} className="section__title">
        {t('security.password.title')}
      </h2>

      {load.status === 'loading' ? <p className="loading">{t('common.loading')}</p> : null}
      {load.status === 'failed' ? (
        <div role="alert" className="alert alert--error">
          <p className="alert__message">{load.message ?? t('common.networkError')}</p>
          <button type="button" className="button" onClick={() => void refresh()}>
            {t('common.retry')}
          </button>
        </div>
      ) : null}

      {security ? (
        <>
          <dl className="facts">
            <div className="facts__row">
              <dt>{t('security.password.changedAt')}</dt>
              <dd>{changedAt ? formatDate(lang, changedAt) : t('security.password.unknown')}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('security.password.expiresAt')}</dt>
              <dd>
                {expiresAt === null || daysLeft === null
                  ? t('security.password.unknown')
                  : daysLeft <= 0
                    ? t('security.password.expiredOn', { date: formatDate(lang, expiresAt) })
                    : t('security.password.expiresIn', {
                        date: formatDate(lang, expiresAt),
                        days: formatDays(lang, daysLeft),
                      })}
              </dd>
            </div>
          </dl>
          {daysLeft !== null && daysLeft <= EXPIRY_WARNING_DAYS ? (
            <Notice
              tone="warning"
              title={daysLeft <= 0 ? t('security.password.expiredTitle') : t('security.password.soonTitle')}
            >
              <p>
                {daysLeft <= 0
                  ? t('security.password.expiredBody')
                  : t('security.password.soonBody', { days: formatDays(lang, daysLeft) })}
              </p>
            </Notice>
          ) : null}
          <p className="muted">{t('security.password.rule', { days: security.maxAgeDays })}</p>
        </>
      ) : null}

      <h3 className="section__subtitle">{t('security.change.title')}</h3>
      <div role="status" className="live-slot">
        {changed ? (
          <div ref={focusOnMount} tabIndex={-1} className="notice notice--success" key={formKey}>
            <p className="notice__title">{t('security.change.done')}</p>
            <p>{t('security.change.doneSessions')}</p>
          </div>
        ) : null}
      </div>
      <NewPasswordForm
        key={formKey}
        askCurrent
        username={email}
        minLength={security?.minLength}
        maxLength={security?.maxLength}
        submitLabel={t('security.change.submit')}
        submittingLabel={t('security.change.submitting')}
        onSubmit={async ({ current, password }) => {
          setChanged(false);
          const outcome = readPasswordOutcome(await changePassword(getLang(), current, password));
          if (outcome.kind === 'ok') {
            setChanged(true);
            setFormKey((key) => key + 1);
            void refresh();
            onChanged();
          } else if (outcome.kind === 'signed_out') {
            goToSignIn(outcome.reason);
          }
          return outcome;
        }}
      />
    </section>
  );
}
