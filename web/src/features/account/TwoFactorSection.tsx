/**
 * The account page's two-factor part (SPEC §2): the factors (app, passkeys) with when they were
 * added and last used, adding an app or a passkey, the recovery codes (how many are left, a new
 * set), and the devices trusted for 30 days. Every change asks for the password when the server
 * wants it confirmed again (`useReauth`).
 */
import { startRegistration } from '@simplewebauthn/browser';
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ApiResult } from '../../api/client.js';
import { failureText, leaveIfSignedOut } from '../../api/failure.js';
import {
  confirmTotp,
  finishWebauthn,
  getMfaOverview,
  regenerateRecoveryCodes,
  removeFactor,
  removeTrustedDevice,
  startTotp,
  startWebauthn,
} from '../../api/mfa-endpoints.js';
import type { MfaFactor, MfaOverview, TotpEnrolment, TrustedDevice } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { FeedbackSlots, useFeedback } from '../../components/Feedback.js';
import { Notice } from '../../components/Notice.js';
import { formatDate } from '../../i18n/format.js';
import { useT } from '../../i18n/I18nProvider.js';
import { RecoveryCodes } from '../mfa/RecoveryCodes.js';
import { TotpSetup } from '../mfa/TotpSetup.js';
import { useReauth } from '../mfa/useReauth.js';
import { useDeviceLabel } from './SessionsSection.js';

type Load =
  | { status: 'loading' }
  | { status: 'ready'; overview: MfaOverview }
  | { status: 'failed'; message: string };

type Mode =
  | { kind: 'idle' }
  | { kind: 'totp'; enrolment: TotpEnrolment }
  | { kind: 'passkey'; enrolmentId: string; options: unknown }
  | { kind: 'codes'; codes: string[] };

type Pending =
  | { kind: 'removeFactor'; factor: MfaFactor }
  | { kind: 'removeDevice'; device: TrustedDevice }
  | { kind: 'regenerate' }
  | null;

export function TwoFactorSection({ email }: { email: string }) {
  const { t, lang, getLang } = useT();
  const id = useId();
  const feedback = useFeedback();
  const { withReauth, dialog } = useReauth();
  const deviceLabel = useDeviceLabel();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const [confirm, setConfirm] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [passkeyName, setPasskeyName] = useState('');
  const panelRef = useRef<HTMLElement>(null);

  const refresh = useCallback(async () => {
    const result = await getMfaOverview(getLang());
    if (result.kind === 'ok') setLoad({ status: 'ready', overview: result.data });
    else if (!leaveIfSignedOut(result)) setLoad({ status: 'failed', message: failureText(result, t) });
  }, [getLang, t]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // The wizard that replaces the buttons takes focus, so keyboard users land in it.
  useEffect(() => {
    if (mode.kind !== 'idle') panelRef.current?.focus();
  }, [mode.kind]);

  /** Shows the failure (unless the session ended or the person cancelled); true when it went well. */
  function settle<T>(
    result: ApiResult<T> | null,
  ): result is { kind: 'ok'; status: number; data: T; headers: Headers } {
    if (result === null) return false;
    if (result.kind === 'ok') return true;
    if (!leaveIfSignedOut(result)) feedback.showError(failureText(result, t));
    return false;
  }

  async function addApp() {
    feedback.reset();
    setBusy(true);
    const result = await withReauth(() => startTotp(getLang()));
    setBusy(false);
    if (settle(result)) setMode({ kind: 'totp', enrolment: result.data });
  }

  async function addPasskey() {
    feedback.reset();
    setBusy(true);
    const result = await withReauth(() => startWebauthn(getLang()));
    setBusy(false);
    if (settle(result)) {
      setPasskeyName(t('mfa.passkey.defaultName'));
      setMode({ kind: 'passkey', enrolmentId: result.data.enrolmentId, options: result.data.options });
    }
  }

  function added(codes: string[] | null, text: string) {
    void refresh();
    if (codes && codes.length > 0) {
      setMode({ kind: 'codes', codes });
      feedback.showSuccess(text);
    } else {
      setMode({ kind: 'idle' });
      feedback.showSuccess(text);
    }
  }

  async function createPasskey(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mode.kind !== 'passkey' || busy) return;
    feedback.reset();
    setBusy(true);
    let response: unknown;
    try {
      response = await startRegistration({ optionsJSON: mode.options as never });
    } catch {
      setBusy(false);
      feedback.showError(t('mfa.passkey.createFailed'));
      return;
    }
    const name = passkeyName.trim() || t('mfa.passkey.defaultName');
    const enrolmentId = mode.enrolmentId;
    const result = await withReauth(() => finishWebauthn(getLang(), { enrolmentId, response, name }));
    setBusy(false);
    if (settle(result)) added(result.data.recoveryCodes, t('mfa.passkey.added', { name }));
  }

  async function runConfirmed() {
    const pending = confirm;
    setConfirm(null);
    if (pending === null) return;
    feedback.reset();
    setBusy(true);
    if (pending.kind === 'removeFactor') {
      const result = await withReauth(() => removeFactor(getLang(), pending.factor.id));
      if (settle(result)) feedback.showSuccess(t('mfa.factors.removed', { name: pending.factor.name }));
    } else if (pending.kind === 'removeDevice') {
      const result = await withReauth(() => removeTrustedDevice(getLang(), pending.device.id));
      if (settle(result)) feedback.showSuccess(t('mfa.devices.removed'));
    } else {
      const result = await withReauth(() => regenerateRecoveryCodes(getLang()));
      if (settle(result)) {
        setMode({ kind: 'codes', codes: result.data.recoveryCodes });
        feedback.showSuccess(t('mfa.codes.regenerated'));
      }
    }
    setBusy(false);
    void refresh();
  }

  const overview = load.status === 'ready' ? load.overview : null;
  const factors = overview?.factors ?? [];
  const enabled = factors.length > 0;

  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section__title">
        {t('mfa.section.title')}
      </h2>
      <p>{t('mfa.section.intro')}</p>
      <FeedbackSlots feedback={feedback} />

      {load.status === 'loading' ? <p className="loading">{t('common.loading')}</p> : null}
      {load.status === 'failed' ? (
        <div role="alert" className="alert alert--error">
          <p className="alert__message">{load.message}</p>
          <button type="button" className="button" onClick={() => void refresh()}>
            {t('common.retry')}
          </button>
        </div>
      ) : null}

      {overview ? (
        <>
          <p>
            <span className={enabled ? 'badge' : 'badge badge--warning'}>
              {enabled ? t('mfa.section.on') : t('mfa.section.off')}
            </span>
          </p>
          {overview.requiredByProperty ? (
            <Notice tone="info">
              <p>{t('mfa.section.required')}</p>
            </Notice>
          ) : null}
          {!enabled ? <p className="muted">{t('mfa.section.offBody')}</p> : null}

          {factors.length > 0 ? (
            <>
              <h3 className="section__subtitle">{t('mfa.factors.title')}</h3>
              <ul className="sessions">
                {factors.map((factor) => (
                  <li key={factor.id} className="session">
                    <div className="session__head">
                      <span className="session__device">{factor.name}</span>
                      <span className="badge badge--neutral">
                        {factor.type === 'totp' ? t('mfa.factors.typeApp') : t('mfa.factors.typePasskey')}
                      </span>
                    </div>
                    <dl className="session__facts">
                      <div>
                        <dt>{t('mfa.factors.added')}</dt>
                        <dd>{formatDate(lang, new Date(factor.createdAt))}</dd>
                      </div>
                      <div>
                        <dt>{t('mfa.factors.lastUsed')}</dt>
                        <dd>
                          {factor.lastUsedAt
                            ? formatDate(lang, new Date(factor.lastUsedAt))
                            : t('mfa.factors.never')}
                        </dd>
                      </div>
                    </dl>
                    <button
                      type="button"
                      className="button button--danger-quiet button--small"
                      onClick={() => setConfirm({ kind: 'removeFactor', factor })}
                      disabled={busy}
                    >
                      {t('mfa.factors.remove', { name: factor.name })}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : null}

          {mode.kind === 'idle' ? (
            <div className="actions">
              <button
                type="button"
                className="button button--primary"
                onClick={() => void addApp()}
                disabled={busy}
              >
                {t('mfa.add.app')}
              </button>
              <button type="button" className="button" onClick={() => void addPasskey()} disabled={busy}>
                {t('mfa.add.passkey')}
              </button>
            </div>
          ) : null}

          {mode.kind !== 'idle' ? (
            <section ref={panelRef} tabIndex={-1} className="wizard" aria-labelledby={`${id}-wizard`}>
              <h3 id={`${id}-wizard`} className="section__subtitle">
                {mode.kind === 'totp'
                  ? t('mfa.add.appTitle')
                  : mode.kind === 'passkey'
                    ? t('mfa.add.passkeyTitle')
                    : t('mfa.codes.title')}
              </h3>
              {mode.kind === 'totp' ? (
                <TotpSetup
                  enrolment={mode.enrolment}
                  askName
                  submitLabel={t('mfa.totp.confirm')}
                  onCancel={() => setMode({ kind: 'idle' })}
                  onConfirm={async ({ code, name }) => {
                    const enrolmentId = mode.enrolment.enrolmentId;
                    const result = await withReauth(() =>
                      confirmTotp(getLang(), { enrolmentId, code, name }),
                    );
                    if (result === null) return t('mfa.reauth.cancelled');
                    if (result.kind === 'ok') {
                      added(result.data.recoveryCodes, t('mfa.totp.added', { name }));
                      return null;
                    }
                    if (leaveIfSignedOut(result)) return null;
                    return failureText(result, t);
                  }}
                />
              ) : null}
              {mode.kind === 'passkey' ? (
                <form className="form" noValidate onSubmit={createPasskey} aria-busy={busy}>
                  <p>{t('mfa.passkey.explain')}</p>
                  <div className="field">
                    <label className="field__label" htmlFor={`${id}-passkey-name`}>
                      {t('mfa.passkey.name')}
                    </label>
                    <p id={`${id}-passkey-hint`} className="field__hint">
                      {t('mfa.passkey.nameHint')}
                    </p>
                    <input
                      id={`${id}-passkey-name`}
                      className="field__input"
                      type="text"
                      maxLength={60}
                      value={passkeyName}
                      onChange={(event) => setPasskeyName(event.target.value)}
                      aria-describedby={`${id}-passkey-hint`}
                    />
                  </div>
                  <div className="actions">
                    <button type="submit" className="button button--primary" aria-busy={busy}>
                      {busy ? t('mfa.passkey.waiting') : t('mfa.passkey.create')}
                    </button>
                    <button type="button" className="button" onClick={() => setMode({ kind: 'idle' })}>
                      {t('mfa.cancel')}
                    </button>
                  </div>
                </form>
              ) : null}
              {mode.kind === 'codes' ? (
                <RecoveryCodes
                  codes={mode.codes}
                  email={email}
                  continueLabel={t('mfa.codes.done')}
                  onContinue={() => setMode({ kind: 'idle' })}
                />
              ) : null}
            </section>
          ) : null}

          {enabled ? (
            <>
              <h3 className="section__subtitle">{t('mfa.codes.sectionTitle')}</h3>
              <p>{t('mfa.codes.left', { count: overview.recoveryCodesLeft })}</p>
              {overview.recoveryCodesLeft <= 3 ? (
                <Notice tone="warning">
                  <p>{t('mfa.codes.lowBody')}</p>
                </Notice>
              ) : null}
              <p>
                <button
                  type="button"
                  className="button"
                  onClick={() => setConfirm({ kind: 'regenerate' })}
                  disabled={busy || mode.kind !== 'idle'}
                >
                  {t('mfa.codes.regenerate')}
                </button>
              </p>
            </>
          ) : null}

          <h3 className="section__subtitle">{t('mfa.devices.title')}</h3>
          {overview.trustedDevices.length === 0 ? (
            <p className="muted">{t('mfa.devices.none')}</p>
          ) : (
            <ul className="sessions">
              {overview.trustedDevices.map((device) => (
                <li key={device.id} className="session">
                  <span className="session__device">{deviceLabel(device.userAgent)}</span>
                  <p className="muted">
                    {t('mfa.devices.until', {
                      added: formatDate(lang, new Date(device.createdAt)),
                      until: formatDate(lang, new Date(device.expiresAt)),
                    })}
                  </p>
                  <button
                    type="button"
                    className="button button--danger-quiet button--small"
                    onClick={() => setConfirm({ kind: 'removeDevice', device })}
                    disabled={busy}
                  >
                    {t('mfa.devices.remove')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}

      <ConfirmDialog
        open={confirm !== null}
        title={
          confirm?.kind === 'removeFactor'
            ? t('mfa.factors.removeTitle', { name: confirm.factor.name })
            : confirm?.kind === 'removeDevice'
              ? t('mfa.devices.removeTitle')
              : t('mfa.codes.regenerateTitle')
        }
        confirmLabel={confirm?.kind === 'regenerate' ? t('mfa.codes.regenerateConfirm') : t('mfa.remove')}
        cancelLabel={t('mfa.cancel')}
        danger
        onConfirm={() => void runConfirmed()}
        onCancel={() => setConfirm(null)}
      >
        <p>
          {confirm?.kind === 'removeFactor'
            ? factors.length === 1
              ? t('mfa.factors.removeLastBody')
              : t('mfa.factors.removeBody')
            : confirm?.kind === 'removeDevice'
              ? t('mfa.devices.removeBody')
              : t('mfa.codes.regenerateBody')}
        </p>
      </ConfirmDialog>
      {dialog}
    </section>
  );
}
