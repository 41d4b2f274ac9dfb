/**
 * Factor changes need the password confirmed in the last 10 minutes (SPEC §2): when the server
 * answers 403 `reauthentication_required`, a dialog asks for it, then the change is retried once.
 */
import { type FormEvent, type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ApiResult } from '../../api/client.js';
import { reauthenticate } from '../../api/mfa-endpoints.js';
import { useT } from '../../i18n/I18nProvider.js';
import { PasswordToggle } from '../sign-in/PasswordToggle.js';

function needsReauth(result: ApiResult<unknown>): boolean {
  return (
    result.kind === 'error' && result.status === 403 && result.error.code === 'reauthentication_required'
  );
}

export function useReauth(): {
  withReauth: <T>(call: () => Promise<ApiResult<T>>) => Promise<ApiResult<T> | null>;
  dialog: ReactNode;
} {
  const [open, setOpen] = useState(false);
  const resolver = useRef<((confirmed: boolean) => void) | null>(null);

  const ask = useCallback(
    () =>
      new Promise<boolean>((resolve) => {
        resolver.current = resolve;
        setOpen(true);
      }),
    [],
  );

  const close = useCallback((confirmed: boolean) => {
    setOpen(false);
    resolver.current?.(confirmed);
    resolver.current = null;
  }, []);

  /** `null` when the person cancelled the password dialog. */
  const withReauth = useCallback(
    async <T,>(call: () => Promise<ApiResult<T>>): Promise<ApiResult<T> | null> => {
      const first = await call();
      if (!needsReauth(first)) return first;
      if (!(await ask())) return null;
      return call();
    },
    [ask],
  );

  return { withReauth, dialog: <ReauthDialog open={open} onDone={close} /> };
}

function ReauthDialog({ open, onDone }: { open: boolean; onDone: (confirmed: boolean) => void }) {
  const { t, getLang } = useT();
  const id = useId();
  const ids = { title: `${id}-title`, password: `${id}-password`, error: `${id}-error`, body: `${id}-body` };
  const ref = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setPassword('');
      setError(null);
      dialog.showModal();
      inputRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (password === '') {
      setError(t('signIn.validation.passwordMissing'));
      inputRef.current?.focus();
      return;
    }
    setPending(true);
    const result = await reauthenticate(getLang(), password);
    setPending(false);
    if (result.kind === 'ok') {
      setPassword('');
      onDone(true);
      return;
    }
    setError(
      result.kind === 'network'
        ? t('common.networkError')
        : result.error.message || t('common.unexpectedError'),
    );
    inputRef.current?.focus();
  }

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={ids.title}
      aria-describedby={ids.body}
      onCancel={(event) => {
        event.preventDefault();
        if (!pending) onDone(false);
      }}
    >
      <form noValidate onSubmit={handleSubmit} aria-busy={pending}>
        <h2 id={ids.title} className="dialog__title">
          {t('mfa.reauth.title')}
        </h2>
        <p id={ids.body} className="dialog__body">
          {t('mfa.reauth.body')}
        </p>
        <div role="alert" className="live-slot">
          {error ? (
            <p id={ids.error} className="field__error">
              {error}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.password}>
            {t('signIn.password')}
          </label>
          <input
            ref={inputRef}
            id={ids.password}
            className="field__input"
            type={shown ? 'text' : 'password'}
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? ids.error : undefined}
          />
          <div className="field__row">
            <PasswordToggle controls={ids.password} pressed={shown} onToggle={() => setShown((s) => !s)} />
          </div>
        </div>
        <div className="actions dialog__actions">
          <button type="button" className="button" onClick={() => onDone(false)} disabled={pending}>
            {t('mfa.cancel')}
          </button>
          <button type="submit" className="button button--primary" aria-busy={pending}>
            {t('mfa.reauth.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
