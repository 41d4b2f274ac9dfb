/**
 * `/sign-in/verify` (SPEC §2): the password was right, now the second factor. The app code is
 * the default; a passkey, a code by e-mail or a recovery code are one click away, with help for
 * the usual troubles (phone clock, new phone, lost phone). The challenge lives in sessionStorage.
 */
import { startAuthentication } from '@simplewebauthn/browser';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { getMfaWebauthnOptions, sendMfaEmailCode, verifyMfa } from '../api/mfa-endpoints.js';
import type { MfaMethod } from '../api/types.js';
import { PageHeading } from '../components/PageHeading.js';
import { CodeField, normaliseCode } from '../features/mfa/CodeField.js';
import { clearChallenge, readChallenge, type StoredChallenge } from '../features/mfa/challenge.js';
import { challengeFailureText, leaveIfChallengeGone } from '../features/mfa/challenge-failure.js';
import type { MessageKey } from '../i18n/fr.js';
import { useT } from '../i18n/I18nProvider.js';
import { Link, navigate } from '../router.js';

const ORDER: readonly MfaMethod[] = ['totp', 'webauthn', 'email', 'recovery'];

const SWITCH_LABELS: Record<MfaMethod, MessageKey> = {
  totp: 'mfa.verify.useApp',
  webauthn: 'mfa.verify.usePasskey',
  email: 'mfa.verify.useEmail',
  recovery: 'mfa.verify.useRecovery',
};

const TITLES: Record<MfaMethod, MessageKey> = {
  totp: 'mfa.verify.appTitle',
  webauthn: 'mfa.verify.passkeyTitle',
  email: 'mfa.verify.emailTitle',
  recovery: 'mfa.verify.recoveryTitle',
};

export function MfaVerifyPage() {
  const [stored] = useState(readChallenge);
  const usable = stored !== null && stored.purpose === 'verify';

  useEffect(() => {
    if (!usable) navigate('/sign-in?reason=mfa_expired', { replace: true });
  }, [usable]);

  if (!usable) return null;
  return <VerifyStep stored={stored} />;
}

function VerifyStep({ stored }: { stored: StoredChallenge }) {
  const { t, getLang } = useT();
  const id = useId();
  const ids = {
    code: `${id}-code`,
    codeHint: `${id}-code-hint`,
    alert: `${id}-alert`,
    trust: `${id}-trust`,
    trustHint: `${id}-trust-hint`,
    panelTitle: `${id}-panel-title`,
  };
  const methods = ORDER.filter((method) => stored.methods.includes(method));
  const [method, setMethod] = useState<MfaMethod>(methods[0] ?? 'email');
  const [code, setCode] = useState('');
  const [trust, setTrust] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [emailSent, setEmailSent] = useState(false);
  const [recoveryLeft, setRecoveryLeft] = useState<number | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const passkeyRef = useRef<HTMLButtonElement>(null);
  const focusAfterSwitch = useRef(false);

  useEffect(() => {
    if (!focusAfterSwitch.current) return;
    focusAfterSwitch.current = false;
    (method === 'webauthn' ? passkeyRef : codeRef).current?.focus();
  }, [method]);

  async function finish(result: Awaited<ReturnType<typeof verifyMfa>>, used: MfaMethod) {
    if (result.kind === 'ok') {
      clearChallenge();
      if (used === 'recovery') {
        setRecoveryLeft(result.data.recoveryCodesLeft);
        return;
      }
      navigate('/', { replace: true });
      return;
    }
    if (leaveIfChallengeGone(result)) return;
    setError(challengeFailureText(result, t));
    setCode('');
    if (used !== 'webauthn') codeRef.current?.focus();
  }

  async function submitCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const cleaned = normaliseCode(code);
    if (method !== 'recovery' && !/^\d{6}$/.test(cleaned)) {
      setError(t('mfa.code.sixDigits'));
      codeRef.current?.focus();
      return;
    }
    if (method === 'recovery' && cleaned.replace(/-/g, '').length < 8) {
      setError(t('mfa.code.recoveryFormat'));
      codeRef.current?.focus();
      return;
    }
    setPending(true);
    setError(null);
    const result = await verifyMfa(getLang(), {
      challenge: stored.challenge,
      method,
      code: cleaned,
      trustDevice: trust,
    });
    setPending(false);
    await finish(result, method);
  }

  async function signInWithPasskey() {
    if (pending) return;
    setPending(true);
    setError(null);
    const options = await getMfaWebauthnOptions(getLang(), stored.challenge);
    if (options.kind !== 'ok') {
      setPending(false);
      if (!leaveIfChallengeGone(options)) setError(challengeFailureText(options, t));
      return;
    }
    let assertion: unknown;
    try {
      assertion = await startAuthentication({ optionsJSON: options.data as never });
    } catch {
      setPending(false);
      setError(t('mfa.passkey.signInFailed'));
      return;
    }
    const result = await verifyMfa(getLang(), {
      challenge: stored.challenge,
      method: 'webauthn',
      assertion,
      trustDevice: trust,
    });
    setPending(false);
    await finish(result, 'webauthn');
  }

  async function sendEmail() {
    setError(null);
    setInfo(null);
    const result = await sendMfaEmailCode(getLang(), stored.challenge);
    if (result.kind === 'ok') {
      setEmailSent(true);
      setInfo(t('mfa.verify.emailSent'));
    } else if (!leaveIfChallengeGone(result)) {
      setError(challengeFailureText(result, t));
    }
  }

  function switchTo(next: MfaMethod) {
    focusAfterSwitch.current = true;
    setMethod(next);
    setCode('');
    setError(null);
    setInfo(null);
    if (next === 'email' && !emailSent) void sendEmail();
  }

  if (recoveryLeft !== null) {
    return (
      <>
        <PageHeading autoFocus>{t('mfa.verify.doneTitle')}</PageHeading>
        <div className={recoveryLeft <= 3 ? 'notice notice--warning' : 'notice notice--success'}>
          <p className="notice__title">{t('mfa.verify.recoveryLeft', { count: recoveryLeft })}</p>
          <p>{t('mfa.verify.recoveryNext')}</p>
        </div>
        <div className="actions">
          <Link to="/account/security" className="button button--primary">
            {t('mfa.verify.goSecurity')}
          </Link>
          <Link to="/" className="button">
            {t('mfa.verify.continue')}
          </Link>
        </div>
      </>
    );
  }

  const trustBox = (
    <div className="field">
      <div className="check">
        <input
          id={ids.trust}
          className="check__box"
          type="checkbox"
          checked={trust}
          onChange={(event) => setTrust(event.target.checked)}
          aria-describedby={ids.trustHint}
        />
        <label className="check__label" htmlFor={ids.trust}>
          {t('mfa.verify.trust')}
        </label>
        <p id={ids.trustHint} className="check__hint">
          {t('mfa.verify.trustHint')}
        </p>
      </div>
    </div>
  );

  const others = ORDER.filter((other) => other !== method && (methods.includes(other) || other === 'email'));

  return (
    <>
      <PageHeading>{t('mfa.verify.title')}</PageHeading>
      <p className="lead">{t('mfa.verify.intro')}</p>

      <div role="alert" className="live-slot" id={ids.alert}>
        {error ? (
          <div className="alert alert--error">
            <p className="alert__message">{error}</p>
          </div>
        ) : null}
      </div>
      <div role="status" className="live-slot">
        {info ? (
          <div className="notice notice--success">
            <p>{info}</p>
          </div>
        ) : null}
      </div>

      <section className="section mfa-panel" aria-labelledby={ids.panelTitle}>
        <h2 id={ids.panelTitle} className="section__title">
          {t(TITLES[method])}
        </h2>
        {method === 'webauthn' ? (
          <>
            <p>{t('mfa.verify.passkeyBody')}</p>
            {trustBox}
            <button
              ref={passkeyRef}
              type="button"
              className="button button--primary button--block"
              onClick={() => void signInWithPasskey()}
              aria-busy={pending}
            >
              {pending ? t('mfa.verify.passkeyWaiting') : t('mfa.verify.passkeyButton')}
            </button>
          </>
        ) : (
          <form className="form" noValidate onSubmit={submitCode} aria-busy={pending}>
            {method === 'email' && !emailSent ? <p>{t('mfa.verify.emailSending')}</p> : null}
            <CodeField
              id={ids.code}
              label={
                method === 'totp'
                  ? t('mfa.code.appLabel')
                  : method === 'email'
                    ? t('mfa.code.emailLabel')
                    : t('mfa.code.recoveryLabel')
              }
              hint={
                method === 'totp'
                  ? t('mfa.verify.appHint')
                  : method === 'email'
                    ? t('mfa.verify.emailHint')
                    : t('mfa.verify.recoveryHint')
              }
              hintId={ids.codeHint}
              kind={method === 'recovery' ? 'recovery' : 'digits'}
              value={code}
              onChange={setCode}
              invalid={error !== null}
              alertId={ids.alert}
              inputRef={codeRef}
            />
            {trustBox}
            <button type="submit" className="button button--primary button--block">
              {pending ? t('mfa.checking') : t('mfa.verify.submit')}
            </button>
            {method === 'email' && emailSent ? (
              <button type="button" className="button button--quiet" onClick={() => void sendEmail()}>
                {t('mfa.verify.emailResend')}
              </button>
            ) : null}
          </form>
        )}
      </section>

      {others.length > 0 ? (
        <section className="section" aria-labelledby={`${id}-others`}>
          <h2 id={`${id}-others`} className="section__subtitle">
            {t('mfa.verify.otherMethods')}
          </h2>
          <ul className="method-list">
            {others.map((other) => (
              <li key={other}>
                <button
                  type="button"
                  className="button button--block method-list__button"
                  onClick={() => switchTo(other)}
                >
                  {t(SWITCH_LABELS[other])}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="help" aria-labelledby={`${id}-help`}>
        <h2 id={`${id}-help`} className="help__title">
          {t('mfa.help.title')}
        </h2>
        <ul className="help__list">
          <li>{t('mfa.help.clock')}</li>
          <li>{t('mfa.help.newPhone')}</li>
          <li>{t('mfa.help.lostPhone')}</li>
          <li>{t('mfa.help.email')}</li>
        </ul>
      </section>

      <p className="form-footer">
        <Link
          to="/sign-in"
          onClick={() => {
            clearChallenge();
          }}
        >
          {t('mfa.verify.back')}
        </Link>
      </p>
    </>
  );
}
