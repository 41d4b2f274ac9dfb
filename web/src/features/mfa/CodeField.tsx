/**
 * The one-time code field: 6 digits from an authenticator app or an e-mail (numeric keypad on
 * tablets and phones, the browser may offer the code it received), or a recovery code
 * (letters and dashes, so a normal keyboard).
 */
import type { Ref } from 'react';

export function normaliseCode(value: string): string {
  return value.replace(/\s+/g, '');
}

export function CodeField({
  id,
  label,
  hint,
  hintId,
  value,
  onChange,
  kind = 'digits',
  error,
  errorId,
  inputRef,
  invalid = false,
  alertId,
}: {
  id: string;
  label: string;
  hint?: string;
  hintId?: string;
  value: string;
  onChange: (value: string) => void;
  kind?: 'digits' | 'recovery';
  error?: string | null;
  errorId?: string;
  inputRef?: Ref<HTMLInputElement>;
  /** Marks the field wrong when the message is elsewhere (the page's alert, `alertId`). */
  invalid?: boolean;
  alertId?: string;
}) {
  const describedBy =
    [hint && hintId, error && errorId, invalid && alertId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input
        ref={inputRef}
        id={id}
        className={
          kind === 'digits' ? 'field__input code-input' : 'field__input code-input code-input--recovery'
        }
        type="text"
        name={kind === 'digits' ? 'one-time-code' : 'recovery-code'}
        inputMode={kind === 'digits' ? 'numeric' : 'text'}
        autoComplete={kind === 'digits' ? 'one-time-code' : 'off'}
        autoCapitalize={kind === 'digits' ? 'none' : 'characters'}
        spellCheck={false}
        pattern={kind === 'digits' ? '[0-9 ]*' : undefined}
        maxLength={kind === 'digits' ? 8 : 20}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error || invalid ? true : undefined}
        aria-describedby={describedBy}
      />
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
