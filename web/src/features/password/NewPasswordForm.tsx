/**
 * Choosing a new password (SPEC §2), shared by the reset link, the expired-password change and
 * the account page: the rules stated before the field, new password and confirmation with one
 * show/hide toggle, the strength meter, and — on the account page — the current password first.
 *
 * Only what is certainly wrong is checked here (empty fields, a confirmation that differs); the
 * server judges the password itself. Client-side errors sit under their field, which takes focus;
 * the server's answer goes to a role="alert" region that the concerned field points to.
 */
import { type FormEvent, type ReactNode, type RefObject, useId, useRef, useState } from 'react';
import { useT } from '../../i18n/I18nProvider.js';
import { PasswordToggle } from '../sign-in/PasswordToggle.js';
import type { PasswordOutcome } from './password-outcome.js';
import { StrengthMeter } from './StrengthMeter.js';
import { useStrength } from './use-strength.js';

/** The defaults of SPEC §2, used until the server says otherwise. */
export const PASSWORD_RULES = { minLength: 12, maxLength: 128, history: 4 };

type Field = 'current' | 'password' | 'confirm';
type FieldErrors = Partial<Record<Field, string>>;

interface ServerAlert {
  message: string;
  reasons: string[];
  field: Field | null;
}

function describedBy(...ids: Array<string | false | undefined>): string | undefined {
  const list = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return list.length > 0 ? list.join(' ') : undefined;
}

export interface NewPasswordFormProps {
  /** Reset or change token, so the strength check knows whose password it is; none when signed in. */
  token?: string;
  /** The account page asks for the current password first. */
  askCurrent?: boolean;
  /**
   * The account's e-mail when known: a hidden username field lets password managers file the
   * new password under the right account.
   */
  username?: string;
  minLength?: number;
  maxLength?: number;
  submitLabel: string;
  submittingLabel: string;
  /** Fields of the page's own before the password (a name for a new account, for example). */
  leading?: ReactNode;
  /**
   * Checks the leading fields when the form is sent; returns false (after showing the problem and
   * focusing the field) to stop there.
   */
  validateLeading?: () => boolean;
  /**
   * Sends the password. The page handles `ok`, `invalid_token` and `signed_out` (usually by
   * showing something else); the form shows every other outcome.
   */
  onSubmit: (values: { current: string; password: string }) => Promise<PasswordOutcome>;
}

export function NewPasswordForm({
  token,
  askCurrent = false,
  username,
  minLength = PASSWORD_RULES.minLength,
  maxLength = PASSWORD_RULES.maxLength,
  submitLabel,
  submittingLabel,
  leading,
  validateLeading,
  onSubmit,
}: NewPasswordFormProps) {
  const { t } = useT();
  const id = useId();
  const ids = {
    current: `${id}-current`,
    currentError: `${id}-current-error`,
    rules: `${id}-rules`,
    password: `${id}-password`,
    passwordError: `${id}-password-error`,
    strength: `${id}-strength`,
    confirm: `${id}-confirm`,
    confirmError: `${id}-confirm-error`,
    alert: `${id}-alert`,
  };

  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [showCurrent, setShowCurrent] = useState(false);
  const [showNew, setShowNew] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<ServerAlert | null>(null);
  const [pending, setPending] = useState(false);
  const refs: Record<Field, RefObject<HTMLInputElement | null>> = {
    current: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    confirm: useRef<HTMLInputElement>(null),
  };
  const strength = useStrength(password, token);

  function validate(): FieldErrors {
    const found: FieldErrors = {};
    if (askCurrent && current === '') found.current = t('password.validation.currentMissing');
    if (password === '') found.password = t('password.validation.newMissing');
    if (confirm === '') found.confirm = t('password.validation.confirmMissing');
    else if (password !== '' && confirm !== password) found.confirm = t('password.validation.mismatch');
    return found;
  }

  function checkConfirmOnBlur() {
    if (confirm !== '' && password !== '' && confirm !== password) {
      setErrors((previous) => ({ ...previous, confirm: t('password.validation.mismatch') }));
    }
  }

  /** Typing again in a field makes its error, and the server's answer about it, out of date. */
  function clearError(field: Field) {
    setErrors((previous) => (previous[field] ? { ...previous, [field]: undefined } : previous));
    setAlert((previous) => (previous?.field === field ? null : previous));
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const leadingOk = validateLeading ? validateLeading() : true;
    const found = validate();
    setErrors(found);
    const first = (['current', 'password', 'confirm'] as const).find((field) => found[field]);
    if (!leadingOk) {
      // The leading field has taken focus; the password fields show their own problems too.
      setAlert(null);
      return;
    }
    if (first) {
      setAlert(null);
      refs[first].current?.focus();
      return;
    }

    setPending(true);
    setAlert(null);
    const outcome = await onSubmit({ current, password });
    setPending(false);
    switch (outcome.kind) {
      case 'ok':
      case 'invalid_token':
      case 'signed_out':
        return; // the page shows what comes next
      case 'new_password_refused':
        setAlert({
          message: outcome.message || t('password.refusedGeneric'),
          // The server's message already lists the reasons when it has a text of its own.
          reasons: outcome.message ? [] : outcome.reasons,
          field: 'password',
        });
        return;
      case 'current_password_wrong':
        setAlert({ message: outcome.message || t('password.currentWrong'), reasons: [], field: 'current' });
        return;
      case 'server_message':
        setAlert({ message: outcome.message, reasons: [], field: null });
        return;
      case 'network':
        setAlert({ message: t('common.networkError'), reasons: [], field: null });
        return;
      case 'unexpected':
        setAlert({ message: t('common.unexpectedError'), reasons: [], field: null });
        return;
    }
  }

  const alertFor = (field: Field) => alert?.field === field && ids.alert;

  return (
    <form className="form" noValidate onSubmit={handleSubmit} aria-busy={pending}>
      <div id={ids.alert} role="alert" className="live-slot">
        {alert ? (
          <div className="alert alert--error">
            <p className="alert__message">{alert.message}</p>
            {alert.reasons.length > 0 ? (
              <ul className="help__list">
                {alert.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>

      {leading}

      {username ? (
        <input type="email" name="username" autoComplete="username" value={username} readOnly hidden />
      ) : null}

      {askCurrent ? (
        <div className="field">
          <label className="field__label" htmlFor={ids.current}>
            {t('password.current')}
          </label>
          <input
            ref={refs.current}
            id={ids.current}
            className="field__input"
            type={showCurrent ? 'text' : 'password'}
            name="current-password"
            autoComplete="current-password"
            autoCapitalize="none"
            spellCheck={false}
            value={current}
            onChange={(event) => {
              setCurrent(event.target.value);
              clearError('current');
            }}
            aria-invalid={errors.current !== undefined || alert?.field === 'current'}
            aria-describedby={describedBy(
              errors.current !== undefined && ids.currentError,
              alertFor('current'),
            )}
          />
          {errors.current ? (
            <p id={ids.currentError} className="field__error">
              {errors.current}
            </p>
          ) : null}
          <div className="field__row">
            <PasswordToggle
              controls={ids.current}
              pressed={showCurrent}
              onToggle={() => setShowCurrent((shown) => !shown)}
              label={t('password.showCurrent')}
            />
          </div>
        </div>
      ) : null}

      <div id={ids.rules} className="rules">
        <p className="rules__title">{t('password.rules.title')}</p>
        <ul className="rules__list">
          <li>{t('password.rules.length', { min: minLength, max: maxLength })}</li>
          <li>{t('password.rules.common')}</li>
          <li>{t('password.rules.personal')}</li>
          <li>{t('password.rules.history', { count: PASSWORD_RULES.history })}</li>
        </ul>
        <p className="rules__tip">{t('password.rules.tip')}</p>
      </div>

      <div className="field">
        <label className="field__label" htmlFor={ids.password}>
          {t('password.new')}
        </label>
        <input
          ref={refs.password}
          id={ids.password}
          className="field__input"
          type={showNew ? 'text' : 'password'}
          name="new-password"
          autoComplete="new-password"
          autoCapitalize="none"
          spellCheck={false}
          value={password}
          onChange={(event) => {
            setPassword(event.target.value);
            clearError('password');
          }}
          aria-invalid={errors.password !== undefined || alert?.field === 'password'}
          aria-describedby={describedBy(
            errors.password !== undefined && ids.passwordError,
            alertFor('password'),
            ids.rules,
            ids.strength,
          )}
        />
        {errors.password ? (
          <p id={ids.passwordError} className="field__error">
            {errors.password}
          </p>
        ) : null}
        <StrengthMeter state={strength} feedbackId={ids.strength} />
      </div>

      <div className="field">
        <label className="field__label" htmlFor={ids.confirm}>
          {t('password.confirm')}
        </label>
        <input
          ref={refs.confirm}
          id={ids.confirm}
          className="field__input"
          type={showNew ? 'text' : 'password'}
          name="confirm-password"
          autoComplete="new-password"
          autoCapitalize="none"
          spellCheck={false}
          value={confirm}
          onChange={(event) => {
            setConfirm(event.target.value);
            clearError('confirm');
          }}
          onBlur={checkConfirmOnBlur}
          aria-invalid={errors.confirm !== undefined}
          aria-describedby={describedBy(errors.confirm !== undefined && ids.confirmError)}
        />
        {errors.confirm ? (
          <p id={ids.confirmError} className="field__error">
            {errors.confirm}
          </p>
        ) : null}
        <div className="field__row">
          <PasswordToggle
            controls={`${ids.password} ${ids.confirm}`}
            pressed={showNew}
            onToggle={() => setShowNew((shown) => !shown)}
            label={t('password.showNew')}
          />
        </div>
      </div>

      <button type="submit" className="button button--primary button--block">
        {pending ? submittingLabel : submitLabel}
      </button>
    </form>
  );
}
