/**
 * `/dev/mailbox`: the e-mails Portier has queued, for developers on the embedded default setup
 * (no SMTP server), so a reset link can be followed without a mail server. Bodies are plain text;
 * web addresses in them become links, built as React elements (never injected HTML).
 */
import { type FormEvent, type ReactNode, useCallback, useEffect, useId, useState } from 'react';
import { getDevMailbox } from '../api/endpoints.js';
import type { MailboxMessage } from '../api/types.js';
import { PageHeading } from '../components/PageHeading.js';
import { formatDateTime } from '../i18n/format.js';
import type { MessageKey } from '../i18n/fr.js';
import { useT } from '../i18n/I18nProvider.js';
import { Link } from '../router.js';

type Load =
  | { status: 'loading' }
  | { status: 'ready'; messages: MailboxMessage[] }
  | { status: 'unavailable' }
  | { status: 'failed'; message: string | null };

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;
/** Sentence punctuation right after an address belongs to the sentence, not to the address. */
const TRAILING_PUNCTUATION = /[.,;:!?)\]»]+$/;

/** The text with every http(s) address turned into a link. */
export function linkify(text: string): ReactNode[] {
  const nodes: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const index = match.index ?? 0;
    const url = match[0].replace(TRAILING_PUNCTUATION, '');
    if (url === '') continue;
    if (index > last) nodes.push(text.slice(last, index));
    nodes.push(
      <a key={index} href={url} rel="noreferrer">
        {url}
      </a>,
    );
    last = index + url.length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

const STATUS_KEYS: Record<string, MessageKey> = {
  pending: 'mailbox.status.pending',
  sent: 'mailbox.status.sent',
  failed: 'mailbox.status.failed',
};

export function DevMailboxPage() {
  const { t, lang, getLang } = useT();
  const filterId = useId();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [filter, setFilter] = useState('');
  const [appliedFilter, setAppliedFilter] = useState('');

  const refresh = useCallback(
    async (to: string) => {
      const result = await getDevMailbox(getLang(), to.trim() || undefined);
      if (result.kind === 'ok' && Array.isArray(result.data?.messages)) {
        setLoad({ status: 'ready', messages: result.data.messages });
      } else if (result.kind === 'error' && result.status === 404) {
        setLoad({ status: 'unavailable' });
      } else {
        setLoad({ status: 'failed', message: result.kind === 'error' ? result.error.message || null : null });
      }
    },
    [getLang],
  );

  useEffect(() => {
    void refresh(appliedFilter);
  }, [refresh, appliedFilter]);

  function applyFilter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (filter.trim() === appliedFilter) void refresh(appliedFilter);
    else setAppliedFilter(filter.trim());
  }

  if (load.status === 'unavailable') {
    return (
      <>
        <PageHeading>{t('mailbox.title')}</PageHeading>
        <div className="notice notice--info">
          <p className="notice__title">{t('mailbox.unavailable.title')}</p>
          <p>{t('mailbox.unavailable.body')}</p>
        </div>
        <p>
          <Link to="/sign-in">{t('notFound.link')}</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeading>{t('mailbox.title')}</PageHeading>
      <p className="lead">{t('mailbox.intro')}</p>
      <search>
        <form className="toolbar" onSubmit={applyFilter}>
          <div className="toolbar__field">
            <label className="field__label" htmlFor={filterId}>
              {t('mailbox.filter')}
            </label>
            <input
              id={filterId}
              className="field__input"
              type="search"
              inputMode="email"
              autoCapitalize="none"
              spellCheck={false}
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
            />
          </div>
          <button type="submit" className="button">
            {t('mailbox.refresh')}
          </button>
        </form>
      </search>

      <div role="status" className="mailbox__status">
        {load.status === 'loading'
          ? t('common.loading')
          : load.status === 'ready'
            ? load.messages.length === 0
              ? t('mailbox.empty')
              : t('mailbox.count', { count: load.messages.length })
            : null}
      </div>
      {load.status === 'failed' ? (
        <div role="alert" className="alert alert--error">
          <p className="alert__message">{load.message ?? t('common.networkError')}</p>
        </div>
      ) : null}

      {load.status === 'ready' && load.messages.length > 0 ? (
        <ol className="mailbox">
          {load.messages.map((message) => (
            <li key={message.id} className="mail">
              <article aria-labelledby={`${filterId}-mail-${message.id}`}>
                <h2 id={`${filterId}-mail-${message.id}`} className="mail__subject">
                  {message.subject}
                </h2>
                <dl className="facts mail__facts">
                  <div className="facts__row">
                    <dt>{t('mailbox.to')}</dt>
                    <dd>{message.to}</dd>
                  </div>
                  <div className="facts__row">
                    <dt>{t('mailbox.time')}</dt>
                    <dd>
                      <time dateTime={message.createdAt}>
                        {formatDateTime(lang, new Date(Date.parse(message.createdAt)))}
                      </time>
                    </dd>
                  </div>
                  <div className="facts__row">
                    <dt>{t('mailbox.statusLabel')}</dt>
                    <dd>
                      {STATUS_KEYS[message.status]
                        ? t(STATUS_KEYS[message.status] as MessageKey)
                        : message.status}
                    </dd>
                  </div>
                  <div className="facts__row">
                    <dt>{t('mailbox.language')}</dt>
                    <dd>{message.language}</dd>
                  </div>
                </dl>
                <pre className="mail__body" lang={message.language}>
                  {linkify(message.text)}
                </pre>
              </article>
            </li>
          ))}
        </ol>
      ) : null}
    </>
  );
}
