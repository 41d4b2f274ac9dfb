/**
 * `/forgot-password` (SPEC §2, "Connexion > Mot de passe oublié"): asks for the e-mail address,
 * then says what happens next without ever revealing whether the address has an account — the
 * server answers 202 either way. From the confirmation the link can be sent again.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { ApiResult } from '../api/client.js';
import { requestPasswordReset } from '../api/endpoints.js';
import { PageHeading } from '../components/PageHeading.js';
import { parseRetryAfter } from '../features/sign-in/login-outcome.js';
import { formatWait } from '../i18n/format.js';
import type { MessageKey } from '../i18n/fr.js';
import { useT } from '../i18n/I18nProvider.js';
import { Link } from '../router.js';

type RequestOutcome =
  | { kind: 'sent' }
  | { kind: 'rate_limited'; retryAfterSeconds: number | null; at: number }
  | { kind: 'server_message'; message: string }
  | { kind: 'network' }
  | { kind: 'unexpected' };

function readRequestOutcome(result: ApiResult<unknown>, now: number = Date.now()): RequestOutcome {
  if (result.kind === 'network') return { kind: 'network' };
  if (result.kind === 'ok') return { kind: 'sent' };
  if (result.status === 429 || result.error.code === 'rate_limited') {
    const detail = result.error.details?.retryAfterSeconds;
    return {
      kind: 'rate_limited',
      retryAfterSeconds:
        parseRetryAfter(result.headers.get('Retry-After'), now) ??
        (typeof detail === 'number' ? detail : null),
      at: now,
    };
  }
  return result.error.message
    ? { kind: 'server_message', message: result.error.message }
    : { kind: 'unexpected' };
}

/** The same loose check as the sign-in form: only what is certainly wrong. */
function validateEmail(email: string): MessageKey | null {
  const trimmed = email.trim();
  if (trimmed === '') return 'signIn.validation.emailMissing';
  if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) return 'signIn.validation.emailInvalid';
  return null;
}

/** The body of an error alert for any failed request; null when it was sent. */
function OutcomeMessage({ outcome }: { outcome: RequestOutcome }) {
  const { t, lang, when } = useT();
  switch (outcome.kind) {
    case 'sent':
      return null;
    case 'rate_limited': {
      const seconds = outcome.retryAfterSeconds;
      return (
        <>
          <p className="alert__message">{t('forgot.rateLimited')}</p>
          <p>
            {seconds === null
              ? t('signIn.rateLimited.retryLater')
              : t('signIn.rateLimited.retryIn', {
                  duration: formatWait(lang, seconds),
                  when: when(new Date(outcome.at + seconds * 1000)),
                })}
          </p>
        </>
      );
    }
    case 'server_message':
      return <p className="alert__message">{outcome.message}</p>;
    case 'network':
      return <p className="alert__message">{t('common.networkError')}</p>;
    case 'unexpected':
      return <p className="alert__message">{t('common.unexpectedError')}</p>;
  }
}

export function ForgotPasswordPage() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  // Back from the confirmation to type another address: the e-mail field takes focus.
  const [returned, setReturned] = useState(false);

  if (sentTo !== null) {
    return (
      <LinkSent
        email={sentTo}
        onChangeAddress={() => {
          setSentTo(null);
          setReturned(true);
        }}
      />
    );
  }
  return <RequestForm email={email} setEmail={setEmail} onSent={setSentTo} focusEmail={returned} />;
}

function RequestForm({
  email,
  setEmail,
  onSent,
  focusEmail,
}: {
  email: string;
  setEmail: (email: string) => void;
  onSent: (email: string) => void;
  focusEmail: boolean;
}) {
  const { t, lang } = useT();
  const id = useId();
  const ids = { email: `${id}-email`, emailError: `${id}-email-error`, feedback: `${id}-feedback` };
  const [fieldError, setFieldError] = useState<MessageKey | null>(null);
  const [outcome, setOutcome] = useState<RequestOutcome | null>(null);
  const [pending, setPending] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (focusEmail) emailRef.current?.focus();
  }, [focusEmail]);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const error = validateEmail(email);
    setFieldError(error);
    if (error) {
      emailRef.current?.focus();
      return;
    }
    setPending(true);
    setOutcome(null);
    const address = email.trim();
    const result = readRequestOutcome(await requestPasswordReset(lang, address));
    setPending(false);
    if (result.kind === 'sent') onSent(address);
    else setOutcome(result);
  }

  const describedBy = [fieldError ? ids.emailError : null, outcome ? ids.feedback : null]
    .filter((value): value is string => value !== null)
    .join(' ');

  return (
    <>
      <PageHeading>{t('forgot.title')}</PageHeading>
      <p className="lead">{t('forgot.intro')}</p>
      <form className="form" noValidate onSubmit={handleSubmit} aria-busy={pending}>
        <div id={ids.feedback} role="alert" className="live-slot">
          {outcome ? (
            <div className="alert alert--error">
              <OutcomeMessage outcome={outcome} />
            </div>
          ) : null}
        </div>
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
            aria-invalid={fieldError !== null}
            aria-describedby={describedBy === '' ? undefined : describedBy}
          />
          {fieldError ? (
            <p id={ids.emailError} className="field__error">
              {t(fieldError)}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button--primary button--block">
          {pending ? t('forgot.submitting') : t('forgot.submit')}
        </button>
      </form>
      <p className="form-footer">
        <Link to="/sign-in">{t('forgot.back')}</Link>
      </p>
    </>
  );
}

function LinkSent({ email, onChangeAddress }: { email: string; onChangeAddress: () => void }) {
  const { t, lang } = useT();
  const [resend, setResend] = useState<RequestOutcome | null>(null);
  const [resendCount, setResendCount] = useState(0);
  const [pending, setPending] = useState(false);

  async function sendAgain() {
    if (pending) return;
    setPending(true);
    setResend(null);
    const result = readRequestOutcome(await requestPasswordReset(lang, email));
    setPending(false);
    setResend(result);
    if (result.kind === 'sent') setResendCount((count) => count + 1);
  }

  return (
    <>
      <PageHeading autoFocus>{t('forgot.sent.title')}</PageHeading>
      <p className="lead">{t('forgot.sent.body', { email })}</p>
      <ul className="help__list checklist">
        <li>{t('forgot.sent.once')}</li>
        <li>{t('forgot.sent.newest')}</li>
        <li>{t('forgot.sent.spam')}</li>
        <li>{t('forgot.sent.sender', { host: window.location.host })}</li>
        <li>{t('forgot.sent.reenables')}</li>
      </ul>

      {/* Both regions exist from the start so that what appears in them is announced. */}
      <div role="status" className="live-slot">
        {resend?.kind === 'sent' ? (
          <div className="notice notice--success" key={resendCount}>
            <p>{t('forgot.sent.again', { email })}</p>
          </div>
        ) : null}
      </div>
      <div role="alert" className="live-slot">
        {resend && resend.kind !== 'sent' ? (
          <div className="alert alert--error">
            <OutcomeMessage outcome={resend} />
          </div>
        ) : null}
      </div>

      <div className="actions">
        <button type="button" className="button" onClick={sendAgain} aria-busy={pending}>
          {pending ? t('forgot.submitting') : t('forgot.sent.resend')}
        </button>
        <button type="button" className="button button--quiet" onClick={onChangeAddress}>
          {t('forgot.sent.otherAddress')}
        </button>
      </div>
      <p className="form-footer">
        <Link to="/sign-in">{t('forgot.back')}</Link>
      </p>
    </>
  );
}
