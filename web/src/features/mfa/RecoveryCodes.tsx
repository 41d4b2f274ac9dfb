/**
 * The 10 recovery codes, shown once (SPEC §2): each works a single time when the phone or key is
 * not at hand. Download as a text file, print, and say they are saved before going on.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useT } from '../../i18n/I18nProvider.js';

export function RecoveryCodes({
  codes,
  email,
  continueLabel,
  onContinue,
}: {
  codes: string[];
  email?: string;
  continueLabel: string;
  onContinue: () => void;
}) {
  const { t } = useT();
  const id = useId();
  const ids = { saved: `${id}-saved`, savedError: `${id}-saved-error`, list: `${id}-list` };
  const [saved, setSaved] = useState(false);
  const [showError, setShowError] = useState(false);
  const checkboxRef = useRef<HTMLInputElement>(null);

  const text = useMemo(
    () =>
      [
        t('mfa.codes.fileTitle'),
        email ?? '',
        new Date().toISOString().slice(0, 10),
        '',
        ...codes,
        '',
        t('mfa.codes.fileHint'),
        '',
      ].join('\n'),
    [codes, email, t],
  );
  const href = useMemo(
    () => URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' })),
    [text],
  );
  useEffect(() => () => URL.revokeObjectURL(href), [href]);

  return (
    <div className="recovery">
      <div className="notice notice--warning">
        <p className="notice__title">{t('mfa.codes.onceTitle')}</p>
        <p>{t('mfa.codes.onceBody')}</p>
      </div>
      <ol id={ids.list} className="recovery__codes" aria-label={t('mfa.codes.listLabel')}>
        {codes.map((code) => (
          <li key={code}>
            <code className="recovery__code">{code}</code>
          </li>
        ))}
      </ol>
      <div className="actions no-print">
        <a className="button" href={href} download="portier-codes-de-secours.txt">
          {t('mfa.codes.download')}
        </a>
        <button type="button" className="button" onClick={() => window.print()}>
          {t('mfa.codes.print')}
        </button>
      </div>
      <p className="muted">{t('mfa.codes.where')}</p>
      <div className="no-print">
        <div className="check recovery__saved">
          <input
            ref={checkboxRef}
            id={ids.saved}
            className="check__box"
            type="checkbox"
            checked={saved}
            onChange={(event) => {
              setSaved(event.target.checked);
              if (event.target.checked) setShowError(false);
            }}
            aria-invalid={showError ? true : undefined}
            aria-describedby={showError ? ids.savedError : undefined}
          />
          <label className="check__label" htmlFor={ids.saved}>
            {t('mfa.codes.saved')}
          </label>
        </div>
        <div role="alert" className="live-slot">
          {showError ? (
            <p id={ids.savedError} className="field__error">
              {t('mfa.codes.savedMissing')}
            </p>
          ) : null}
        </div>
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            if (!saved) {
              setShowError(true);
              checkboxRef.current?.focus();
              return;
            }
            onContinue();
          }}
        >
          {continueLabel}
        </button>
      </div>
    </div>
  );
}
