/** Warns, without blocking, when the browser is outside the supported list (SPEC §2). */
import { useMemo } from 'react';
import { Notice } from '../../components/Notice.js';
import { useT } from '../../i18n/I18nProvider.js';
import { checkBrowser } from './browser-support.js';

export function BrowserNotice() {
  const { t } = useT();
  const check = useMemo(() => checkBrowser(navigator.userAgent), []);
  if (check.status === 'supported') return null;
  return (
    <Notice tone="warning" title={t('signIn.browser.title')}>
      <p>
        {check.status === 'outdated'
          ? t('signIn.browser.outdated', { browser: check.browser, version: check.version })
          : t('signIn.browser.unknown')}
      </p>
    </Notice>
  );
}
