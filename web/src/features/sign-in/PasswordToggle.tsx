/**
 * Shows or hides the password being typed. The name stays the same and `aria-pressed`
 * carries the state, so assistive technology hears "Show password, toggle button, pressed".
 */
import { useT } from '../../i18n/I18nProvider.js';

export function PasswordToggle({
  controls,
  pressed,
  onToggle,
  label,
}: {
  /** The id of the field, or several ids separated by spaces. */
  controls: string;
  pressed: boolean;
  onToggle: () => void;
  /** Defaults to "Show password". */
  label?: string;
}) {
  const { t } = useT();
  return (
    <button
      type="button"
      className="password-toggle"
      aria-controls={controls}
      aria-pressed={pressed}
      onClick={onToggle}
    >
      <svg className="password-toggle__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M12 5C6.5 5 2.7 9.2 1.5 12c1.2 2.8 5 7 10.5 7s9.3-4.2 10.5-7C21.3 9.2 17.5 5 12 5Zm0 11.5a4.5 4.5 0 1 1 0-9 4.5 4.5 0 0 1 0 9Zm0-2.5a2 2 0 1 0 0-4 2 2 0 0 0 0 4Z" />
        {pressed ? null : <path className="password-toggle__slash" d="M3.3 2 22 20.7 20.7 22 2 3.3Z" />}
      </svg>
      <span>{label ?? t('signIn.showPassword')}</span>
    </button>
  );
}
