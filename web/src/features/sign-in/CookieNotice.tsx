/**
 * Says plainly when cookies are blocked (SPEC §2). `navigator.cookieEnabled` catches a global
 * block at once; the server round trip catches per-site blocks the flag does not report.
 */
import { useEffect, useState } from 'react';
import { checkCookies } from '../../api/endpoints.js';
import { Notice } from '../../components/Notice.js';
import { useT } from '../../i18n/I18nProvider.js';

function useCookiesBlocked(): boolean {
  const { getLang } = useT();
  const [blocked, setBlocked] = useState(() => !navigator.cookieEnabled);

  useEffect(() => {
    if (!navigator.cookieEnabled) return;
    let cancelled = false;
    void checkCookies(getLang()).then((enabled) => {
      if (!cancelled && enabled === false) setBlocked(true);
    });
    return () => {
      cancelled = true;
    };
  }, [getLang]);

  return blocked;
}

export function CookieNotice() {
  const { t } = useT();
  const blocked = useCookiesBlocked();
  // The live region exists from the start so that a notice appearing later is announced.
  return (
    <div role="status" className="live-slot">
      {blocked ? (
        <Notice tone="error" title={t('signIn.cookies.title')}>
          <p>{t('signIn.cookies.body', { host: window.location.host })}</p>
        </Notice>
      ) : null}
    </div>
  );
}
