/**
 * The sign-in form (SPEC §2): e-mail and password with visible labels, a show/hide toggle,
 * checks before sending, and the server's answer in a role="alert" region the fields point to.
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import { getSession, login } from '../../api/endpoints.js';
import type { MessageKey } from '../../i18n/fr.js';
import { useT } from '../../i18n/I18nProvider.js';
import { Link, navigate } from '../../router.js';
import { goToSecondStep } from '../mfa/challenge.js';
import { storeChangeToken } from '../password/change-token.js';
import { LoginAlert, LoginHelp } from './LoginFeedback.js';
import { type LoginOutcome, readLoginOutcome } from './login-outcome.js';
import { PasswordToggle } from './PasswordToggle.js';

interface FieldErrors {
  email?: MessageKey;
  password?: MessageKey;
}

/** Only catches what is certainly wrong; the server remains the judge of the rest. */
function validate(email: string, password: string): FieldErrors {
  const errors: FieldErrors = {};
  const trimmed = email.trim();
  if (trimmed === '') errors.email = 'signIn.validation.emailMissing';
  else if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) errors.email = 'signIn.validation.emailInvalid';
  // The password is taken exactly as typed (SPEC §2): no trimming, only "is there one".
  if (password === '') errors.password = 'signIn.validation.passwordMissing';
  return errors;
}

function describedBy(...ids: Array<string | false>): string | undefined {
  const list = ids.filter((id): id is string => typeof id === 'string');
  return list.length > 0 ? list.join(' ') : undefined;
}

export function SignInForm() {
  const { t, lang } = useT();
  const id = useId();
  const ids = {
    email: `${id}-email`,
    emailError: `${id}-email-error`,
    password: `${id}-password`,
    passwordError: `${id}-password-error`,
    feedback: `${id}-feedback`,
  };

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [outcome, setOutcome] = useState<LoginOutcome | null>(null);
  const [pending, setPending] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;

    const errors = validate(email, password);
    setFieldErrors(errors);
    if (errors.email || errors.password) {
      (errors.email ? emailRef : passwordRef).current?.focus();
      return;
    }

    setPending(true);
    setOutcome(null);
    const result = readLoginOutcome(await login(lang, email.trim(), password), lang);
    setPending(false);
    if (result.kind === 'signed_in') {
      // A browser that blocks cookies for this site drops the session cookie silently: the next
      // page would bounce back to an empty form. Ask once, and say why instead.
      const session = await getSession(lang, { passive: true });
      if (session.kind === 'error' && session.status === 401) {
        setOutcome({ kind: 'cookies_blocked' });
        return;
      }
      navigate('/');
      return;
    }
    if (result.kind === 'mfa_required') {
      goToSecondStep(
        { status: 'mfa_required', challenge: result.challenge, methods: result.methods },
        navigate,
      );
      return;
    }
    if (result.kind === 'mfa_enrolment_required') {
      goToSecondStep({ status: 'mfa_enrolment_required', challenge: result.challenge }, navigate);
      return;
    }
    if (result.kind === 'password_expired') {
      // The token stays out of the address bar (history, logs, shared links): sessionStorage only.
      storeChangeToken(result.changeToken, result.maxAgeDays);
      navigate('/password-expired');
      return;
    }
    setOutcome(result);
  }

  const credentialsRejected = outcome?.kind === 'invalid_credentials';
  const feedbackShown = outcome !== null;

  return (
    <form className="form" noValidate onSubmit={handleSubmit} aria-busy={pending}>
      <div id={ids.feedback} role="alert" className="live-slot">
        {outcome ? (
          <div className={`alert alert--${outcome.kind === 'password_expired' ? 'warning' : 'error'}`}>
            <LoginAlert outcome={outcome} />
          </div>
        ) : null}
      </div>
      {outcome ? <LoginHelp outcome={outcome} /> : null}

      <div className="field">
        <label className="field__label" htmlFor={ids.email}>
          {t('signIn.email')}
        </label>
        <input
          ref={emailRef}
          id={ids.email}
          className="field__input"
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={fieldErrors.email !== undefined || credentialsRejected}
          aria-describedby={describedBy(
            fieldErrors.email !== undefined && ids.emailError,
            feedbackShown && ids.feedback,
          )}
        />
        {fieldErrors.email ? (
          <p id={ids.emailError} className="field__error">
            {t(fieldErrors.email)}
          </p>
        ) : null}
      </div>

      <div className="field">
        <label className="field__label" htmlFor={ids.password}>
          {t('signIn.password')}
        </label>
        <input
          ref={passwordRef}
          id={ids.password}
          className="field__input"
          type={showPassword ? 'text' : 'password'}
          name="password"
          autoComplete="current-password"
          autoCapitalize="none"
          spellCheck={false}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={fieldErrors.password !== undefined || credentialsRejected}
          aria-describedby={describedBy(
            fieldErrors.password !== undefined && ids.passwordError,
            feedbackShown && ids.feedback,
          )}
        />
        {fieldErrors.password ? (
          <p id={ids.passwordError} className="field__error">
            {t(fieldErrors.password)}
          </p>
        ) : null}
        <div className="field__row">
          <PasswordToggle
            controls={ids.password}
            pressed={showPassword}
            onToggle={() => setShowPassword((shown) => !shown)}
          />
          <Link to="/forgot-password" className="field__link">
            {t('signIn.forgotLink')}
          </Link>
        </div>
      </div>

      <button type="submit" className="button button--primary button--block">
        {pending ? t('signIn.submitting') : t('signIn.submit')}
      </button>
    </form>
  );
}
