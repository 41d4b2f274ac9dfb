/**
 * Setting up an authenticator app (SPEC §2): install an app, scan the QR code (or type the key
 * by hand when the camera cannot), then prove it works with the first 6-digit code. Used at
 * sign-in (property requires 2FA) and on the account page.
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import type { TotpEnrolment } from '../../api/types.js';
import { useT } from '../../i18n/I18nProvider.js';
import { CodeField, normaliseCode } from './CodeField.js';

/** "JBSW Y3DP EHPK 3PXP": easier to read out and type than one long run of letters. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

export function TotpSetup({
  enrolment,
  askName,
  submitLabel,
  onConfirm,
  onCancel,
}: {
  enrolment: TotpEnrolment;
  askName: boolean;
  submitLabel: string;
  /** Resolves to an error text to show, or null when done (the caller moves on). */
  onConfirm: (input: { code: string; name: string }) => Promise<string | null>;
  onCancel?: () => void;
}) {
  const { t } = useT();
  const id = useId();
  const ids = {
    code: `${id}-code`,
    codeHint: `${id}-code-hint`,
    codeError: `${id}-code-error`,
    name: `${id}-name`,
    nameHint: `${id}-name-hint`,
    secret: `${id}-secret`,
  };
  const [name, setName] = useState(() => t('mfa.totp.defaultName'));
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const cleaned = normaliseCode(code);
    if (!/^\d{6}$/.test(cleaned)) {
      setError(t('mfa.code.sixDigits'));
      codeRef.current?.focus();
      return;
    }
    setPending(true);
    setError(null);
    const problem = await onConfirm({ code: cleaned, name: name.trim() || t('mfa.totp.defaultName') });
    setPending(false);
    if (problem !== null) {
      setError(problem);
      setCode('');
      codeRef.current?.focus();
    }
  }

  return (
    <div className="totp-setup">
      <ol className="steps">
        <li>
          <p className="steps__title">{t('mfa.totp.step1')}</p>
          <p className="muted">{t('mfa.totp.step1Apps')}</p>
        </li>
        <li>
          <p className="steps__title">{t('mfa.totp.step2')}</p>
          <img className="qr" src={enrolment.qrCode} alt={t('mfa.totp.qrAlt')} width={200} height={200} />
          <p>{t('mfa.totp.manual')}</p>
          <p>
            <code id={ids.secret} className="secret" data-secret={enrolment.secret}>
              {groupSecret(enrolment.secret)}
            </code>
          </p>
          <p className="muted">{t('mfa.totp.manualHint')}</p>
        </li>
        <li>
          <p className="steps__title">{t('mfa.totp.step3')}</p>
          <form className="form" noValidate onSubmit={handleSubmit} aria-busy={pending}>
            {askName ? (
              <div className="field">
                <label className="field__label" htmlFor={ids.name}>
                  {t('mfa.totp.name')}
                </label>
                <p id={ids.nameHint} className="field__hint">
                  {t('mfa.totp.nameHint')}
                </p>
                <input
                  id={ids.name}
                  className="field__input"
                  type="text"
                  maxLength={60}
                  value={name}
                  onChange={(event) => setName(event.target.value)}
                  aria-describedby={ids.nameHint}
                />
              </div>
            ) : null}
            <CodeField
              id={ids.code}
              label={t('mfa.code.appLabel')}
              hint={t('mfa.totp.codeHint')}
              hintId={ids.codeHint}
              value={code}
              onChange={setCode}
              error={error}
              errorId={ids.codeError}
              inputRef={codeRef}
            />
            <div className="actions">
              <button type="submit" className="button button--primary">
                {pending ? t('mfa.checking') : submitLabel}
              </button>
              {onCancel ? (
                <button type="button" className="button" onClick={onCancel}>
                  {t('mfa.cancel')}
                </button>
              ) : null}
            </div>
          </form>
        </li>
      </ol>
    </div>
  );
}
