/**
 * The i18n context: the current language, a way to change it, and `t()` to read the
 * catalogue. `useT()` is the only way components reach texts.
 */
import {
  createContext,
  Fragment,
  type ReactNode,
  useCallback,
  useContext,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { en } from './en.js';
import { formatWhen } from './format.js';
import { fr, type MessageKey, type Messages } from './fr.js';
import { detectLang, type Lang, storeLang } from './lang.js';

const CATALOGUES: Record<Lang, Messages> = { fr, en };

export type MessageParams = Record<string, string | number>;
export type RichTags = Record<string, (chunk: string) => ReactNode>;

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /**
   * The language at the moment of the call; a stable function, so effects that call the API
   * (with `Accept-Language`) need not restart when the language changes.
   */
  getLang: () => Lang;
  /** The text for `key` with `{placeholders}` filled in. */
  t: (key: MessageKey, params?: MessageParams) => string;
  /** Like `t`, but `<tag>words</tag>` become the nodes `tags[tag]` renders (links inside sentences). */
  rich: (key: MessageKey, tags: RichTags, params?: MessageParams) => ReactNode[];
  /** A moment for use inside a sentence: "at 14:32", "tomorrow at 05:09", "on Friday 4 December at 09:00". */
  when: (date: Date) => string;
}

const I18nContext = createContext<I18n | null>(null);

function interpolate(template: string, params: MessageParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

function splitTags(text: string, tags: RichTags): ReactNode[] {
  const nodes: ReactNode[] = [];
  const pattern = /<(\w+)>(.*?)<\/\1>/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const [whole, tag = '', chunk = ''] = match;
    const index = match.index ?? 0;
    if (index > last) nodes.push(text.slice(last, index));
    const render = tags[tag];
    nodes.push(render ? <Fragment key={index}>{render(chunk)}</Fragment> : chunk);
    last = index + whole.length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

export function I18nProvider({ children, initialLang }: { children: ReactNode; initialLang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => initialLang ?? detectLang());
  const langRef = useRef(lang);
  const getLang = useCallback(() => langRef.current, []);

  // Screen readers pick their voice from <html lang>; keep it in step before the browser paints.
  useLayoutEffect(() => {
    langRef.current = lang;
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    storeLang(next);
    langRef.current = next;
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const messages = CATALOGUES[lang];
    const t = (key: MessageKey, params?: MessageParams) => interpolate(messages[key], params);
    const rich = (key: MessageKey, tags: RichTags, params?: MessageParams) =>
      splitTags(interpolate(messages[key], params), tags);
    const when = (date: Date) => {
      const { key, params } = formatWhen(lang, date);
      return t(key, params);
    };
    return { lang, setLang, getLang, t, rich, when };
  }, [lang, setLang, getLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useT(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useT() must be used inside <I18nProvider>');
  return i18n;
}
