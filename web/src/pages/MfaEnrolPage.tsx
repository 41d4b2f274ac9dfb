/**
 * `/sign-in/enrol` (SPEC §2): the property requires two-factor authentication and this person
 * has none yet. Set up an authenticator app now (QR code or manual key, first code), then keep
 * the 10 recovery codes; the confirmation signs in.
 */
import { useEffect, useState } from 'react';
import { confirmSignInTotpEnrolment, startSignInTotpEnrolment } from '../api/mfa-endpoints.js';
import type { TotpEnrolment } from '../api/types.js';
import { Notice } from '../components/Notice.js';
import { PageHeading } from '../components/PageHeading.js';
import { clearChallenge, readChallenge, type StoredChallenge } from '../features/mfa/challenge.js';
import { challengeFailureText, leaveIfChallengeGone } from '../features/mfa/challenge-failure.js';
import { RecoveryCodes } from '../features/mfa/RecoveryCodes.js';
import { TotpSetup } from '../features/mfa/TotpSetup.js';
import { useT } from '../i18n/I18nProvider.js';
import { Link, navigate } from '../router.js';

export function MfaEnrolPage() {
  const [stored] = useState(readChallenge);
  const usable = stored !== null && stored.purpose === 'enrol';

  useEffect(() => {
    if (!usable) navigate('/sign-in?reason=mfa_expired', { replace: true });
  }, [usable]);

  if (!usable) return null;
  return <EnrolStep stored={stored} />;
}

type Step =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'setup'; enrolment: TotpEnrolment }
  | { kind: 'codes'; codes: string[] };

function EnrolStep({ stored }: { stored: StoredChallenge }) {
  const { t, getLang } = useT();
  const [step, setStep] = useState<Step>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // `t` only words the failure (a language switch must not start a new enrolment); `attempt` retries.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const result = await startSignInTotpEnrolment(getLang(), stored.challenge);
      if (cancelled) return;
      if (result.kind === 'ok') setStep({ kind: 'setup', enrolment: result.data });
      else if (!leaveIfChallengeGone(result))
        setStep({ kind: 'failed', message: challengeFailureText(result, t) });
    })();
    return () => {
      cancelled = true;
    };
  }, [getLang, stored.challenge, attempt]);

  if (step.kind === 'codes') {
    return (
      <>
        <PageHeading key="codes" autoFocus>
          {t('mfa.codes.title')}
        </PageHeading>
        <div role="status" className="notice notice--success">
          <p>{t('mfa.enrol.done')}</p>
        </div>
        <RecoveryCodes
          codes={step.codes}
          continueLabel={t('mfa.verify.continue')}
          onContinue={() => navigate('/', { replace: true })}
        />
      </>
    );
  }

  return (
    <>
      <PageHeading>{t('mfa.enrol.title')}</PageHeading>
      <Notice tone="info" title={t('mfa.enrol.whyTitle')}>
        <p>{t('mfa.enrol.why')}</p>
        <p>{t('mfa.enrol.how')}</p>
      </Notice>
      {step.kind === 'loading' ? (
        <p role="status" className="loading">
          {t('common.loading')}
        </p>
      ) : null}
      {step.kind === 'failed' ? (
        <div role="alert" className="alert alert--error">
          <p className="alert__message">{step.message}</p>
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('common.retry')}
          </button>
        </div>
      ) : null}
      {step.kind === 'setup' ? (
        <TotpSetup
          enrolment={step.enrolment}
          askName={false}
          submitLabel={t('mfa.totp.confirm')}
          onConfirm={async ({ code, name }) => {
            const result = await confirmSignInTotpEnrolment(getLang(), {
              challenge: stored.challenge,
              enrolmentId: step.enrolment.enrolmentId,
              code,
              name,
            });
            if (result.kind === 'ok') {
              clearChallenge();
              const codes = result.data.recoveryCodes;
              if (codes && codes.length > 0) setStep({ kind: 'codes', codes });
              else navigate('/', { replace: true });
              return null;
            }
            if (leaveIfChallengeGone(result)) return null;
            return challengeFailureText(result, t);
          }}
        />
      ) : null}
      <div className="help">
        <p className="help__title">{t('mfa.help.title')}</p>
        <ul className="help__list">
          <li>{t('mfa.enrol.noPhone')}</li>
          <li>{t('mfa.help.clock')}</li>
        </ul>
      </div>
      <p className="form-footer">
        <Link to="/sign-in" onClick={() => clearChallenge()}>
          {t('mfa.verify.back')}
        </Link>
      </p>
    </>
  );
}
