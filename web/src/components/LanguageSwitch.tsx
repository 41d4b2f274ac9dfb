/** The visible fr/en switch. Each button is labelled in its own language, as people look for their own. */
import { useT } from '../i18n/I18nProvider.js';
import { LANGS, type Lang } from '../i18n/lang.js';

const NAMES: Record<Lang, string> = { fr: 'Français', en: 'English' };

export function LanguageSwitch() {
  const { lang, setLang, t } = useT();
  return (
    <fieldset className="lang-switch">
      <legend className="visually-hidden">{t('lang.switchLabel')}</legend>
      {LANGS.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          className="lang-switch__option"
          aria-pressed={option === lang}
          onClick={() => setLang(option)}
        >
          {NAMES[option]}
        </button>
      ))}
    </fieldset>
  );
}
