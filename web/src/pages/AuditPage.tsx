/**
 * `/property/audit` (admins and user managers): the property's audit log, newest first, as
 * sentences — filtered by who acted, whom it concerned, the kind of action and dates — 50 a page,
 * with "Newer" / "Older". Times in the reader's own time zone and format.
 */
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { getAuditLog, getProducts, listMembers } from '../api/endpoints.js';
import { failureText, leaveIfSignedOut } from '../api/failure.js';
import type { AuditEvent, AuditFilters, Member, Membership, Product } from '../api/types.js';
import { PageHeading } from '../components/PageHeading.js';
import { ACTION_KEYS, AUDIT_ACTIONS, describeEvent } from '../features/audit/audit-phrases.js';
import { ManagerOnly } from '../features/property/ManagerOnly.js';
import { formatDateTime } from '../i18n/format.js';
import { useT } from '../i18n/I18nProvider.js';

type Load =
  | { status: 'loading' }
  | { status: 'ready'; events: AuditEvent[]; page: number; hasMore: boolean }
  | { status: 'failed'; message: string };

interface FormValues {
  actor: string;
  target: string;
  action: string;
  from: string;
  to: string;
}

const EMPTY: FormValues = { actor: '', target: '', action: '', from: '', to: '' };

/** A local calendar day ("2026-11-25") as the UTC instant of its local midnight, plus `days`. */
function localMidnight(day: string, days = 0): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function toFilters(values: FormValues, page: number): AuditFilters {
  return {
    actor: values.actor || undefined,
    target: values.target || undefined,
    action: values.action || undefined,
    from: values.from ? localMidnight(values.from) : undefined,
    // "to" is inclusive for people: up to the end of that day.
    to: values.to ? localMidnight(values.to, 1) : undefined,
    page,
  };
}

export function AuditPage() {
  const { t } = useT();
  return (
    <ManagerOnly title={t('audit.title')}>{(membership) => <AuditLog membership={membership} />}</ManagerOnly>
  );
}

function AuditLog({ membership }: { membership: Membership }) {
  const { t, lang, getLang } = useT();
  const propertyId = membership.propertyId;
  const id = useId();
  const ids = {
    actor: `${id}-actor`,
    target: `${id}-target`,
    action: `${id}-action`,
    from: `${id}-from`,
    to: `${id}-to`,
    dateError: `${id}-date-error`,
    results: `${id}-results`,
  };
  const [people, setPeople] = useState<Member[]>([]);
  const [products, setProducts] = useState<Product[]>([]);
  const [form, setForm] = useState<FormValues>(EMPTY);
  const [applied, setApplied] = useState<FormValues>(EMPTY);
  const [page, setPage] = useState(1);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [dateError, setDateError] = useState<string | null>(null);
  const resultsRef = useRef<HTMLHeadingElement>(null);
  const moveFocus = useRef(false);

  // The people (for the filters) and the catalogue (to name accesses in sentences).
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const [members, catalogue] = await Promise.all([
        listMembers(getLang(), propertyId),
        getProducts(getLang()),
      ]);
      if (cancelled) return;
      if (members.kind === 'ok') {
        setPeople([...members.data.users].sort((a, b) => a.name.localeCompare(b.name, getLang())));
      } else leaveIfSignedOut(members);
      if (catalogue.kind === 'ok') setProducts(catalogue.data.products);
    })();
    return () => {
      cancelled = true;
    };
  }, [getLang, propertyId]);

  const refresh = useCallback(async () => {
    setLoad((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    const result = await getAuditLog(getLang(), propertyId, toFilters(applied, page));
    if (result.kind === 'ok') {
      setLoad({
        status: 'ready',
        events: result.data.events,
        page: result.data.page,
        hasMore: result.data.hasMore,
      });
      if (moveFocus.current) {
        moveFocus.current = false;
        resultsRef.current?.focus();
      }
    } else if (!leaveIfSignedOut(result)) setLoad({ status: 'failed', message: failureText(result, t) });
  }, [getLang, propertyId, applied, page, t]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.from && form.to && form.from > form.to) {
      setDateError(t('audit.filter.datesReversed'));
      return;
    }
    setDateError(null);
    moveFocus.current = true;
    setApplied({ ...form });
    // A new object even when unchanged: the log is read again either way.
    setPage(1);
  }

  function clearFilters() {
    setForm(EMPTY);
    setDateError(null);
    setApplied(EMPTY);
    setPage(1);
  }

  function goTo(next: number) {
    moveFocus.current = true;
    setPage(next);
  }

  const set = (key: keyof FormValues) => (value: string) =>
    setForm((previous) => ({ ...previous, [key]: value }));

  return (
    <>
      <PageHeading>{t('audit.title')}</PageHeading>
      <p className="lead">{t('audit.intro', { property: membership.propertyName })}</p>

      <search className="filters">
        <form className="filters__form" onSubmit={apply} noValidate>
          <div className="filters__field">
            <label className="field__label" htmlFor={ids.actor}>
              {t('audit.filter.actor')}
            </label>
            <select
              id={ids.actor}
              className="field__input"
              value={form.actor}
              onChange={(event) => set('actor')(event.target.value)}
            >
              <option value="">{t('audit.filter.anyone')}</option>
              {people.map((person) => (
                <option key={person.userId} value={person.userId}>
                  {person.name}
                </option>
              ))}
            </select>
          </div>
          <div className="filters__field">
            <label className="field__label" htmlFor={ids.target}>
              {t('audit.filter.target')}
            </label>
            <select
              id={ids.target}
              className="field__input"
              value={form.target}
              onChange={(event) => set('target')(event.target.value)}
            >
              <option value="">{t('audit.filter.anyone')}</option>
              {people.map((person) => (
                <option key={person.userId} value={person.userId}>
                  {person.name}
                </option>
              ))}
            </select>
          </div>
          <div className="filters__field">
            <label className="field__label" htmlFor={ids.action}>
              {t('audit.filter.action')}
            </label>
            <select
              id={ids.action}
              className="field__input"
              value={form.action}
              onChange={(event) => set('action')(event.target.value)}
            >
              <option value="">{t('audit.filter.anyAction')}</option>
              {AUDIT_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {t(ACTION_KEYS[action])}
                </option>
              ))}
            </select>
          </div>
          <div className="filters__field filters__field--date">
            <label className="field__label" htmlFor={ids.from}>
              {t('audit.filter.from')}
            </label>
            <input
              id={ids.from}
              className="field__input"
              type="date"
              value={form.from}
              max={form.to || undefined}
              onChange={(event) => set('from')(event.target.value)}
              aria-invalid={dateError !== null}
              aria-describedby={dateError ? ids.dateError : undefined}
            />
          </div>
          <div className="filters__field filters__field--date">
            <label className="field__label" htmlFor={ids.to}>
              {t('audit.filter.to')}
            </label>
            <input
              id={ids.to}
              className="field__input"
              type="date"
              value={form.to}
              min={form.from || undefined}
              onChange={(event) => set('to')(event.target.value)}
              aria-invalid={dateError !== null}
              aria-describedby={dateError ? ids.dateError : undefined}
            />
          </div>
          <div className="filters__buttons">
            <button type="submit" className="button button--primary">
              {t('audit.filter.apply')}
            </button>
            <button type="button" className="button" onClick={clearFilters}>
              {t('audit.filter.clear')}
            </button>
          </div>
        </form>
        <div role="alert" className="live-slot">
          {dateError ? (
            <p id={ids.dateError} className="field__error">
              {dateError}
            </p>
          ) : null}
        </div>
      </search>

      <h2 ref={resultsRef} tabIndex={-1} id={ids.results} className="section__title results__title">
        {load.status === 'ready' ? t('audit.resultsPage', { page: load.page }) : t('audit.results')}
      </h2>
      <p role="status" className="filters__count">
        {load.status === 'ready'
          ? load.events.length === 0
            ? t('audit.none')
            : t('audit.count', { count: load.events.length })
          : null}
      </p>
      {load.status === 'loading' ? <p className="loading">{t('common.loading')}</p> : null}
      {load.status === 'failed' ? (
        <div role="alert" className="alert alert--error">
          <p className="alert__message">{load.message}</p>
          <button type="button" className="button" onClick={() => void refresh()}>
            {t('common.retry')}
          </button>
        </div>
      ) : null}

      {load.status === 'ready' && load.events.length > 0 ? (
        <table className="table table--cards audit-table" aria-labelledby={ids.results}>
          <thead>
            <tr>
              <th scope="col">{t('audit.col.when')}</th>
              <th scope="col">{t('audit.col.what')}</th>
              <th scope="col">{t('audit.col.ip')}</th>
            </tr>
          </thead>
          <tbody>
            {load.events.map((event) => {
              const sentence = describeEvent(event, products, lang, t);
              return (
                <tr key={event.id}>
                  <td data-label={t('audit.col.when')} className="audit-table__when">
                    <time dateTime={event.at}>{formatDateTime(lang, new Date(Date.parse(event.at)))}</time>
                  </td>
                  <td data-label={t('audit.col.what')}>
                    <div>
                      <span className="audit-table__text">{sentence.text}</span>
                      {sentence.detail ? (
                        <span className="audit-table__detail">{sentence.detail}</span>
                      ) : null}
                    </div>
                  </td>
                  <td data-label={t('audit.col.ip')} className="audit-table__ip">
                    {event.ip ?? '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}

      {load.status === 'ready' && (load.page > 1 || load.hasMore) ? (
        <nav className="pager" aria-label={t('audit.pager')}>
          <button
            type="button"
            className="button"
            onClick={() => goTo(load.page - 1)}
            disabled={load.page <= 1}
          >
            {t('audit.newer')}
          </button>
          <span className="pager__page">{t('audit.pageOf', { page: load.page })}</span>
          <button
            type="button"
            className="button"
            onClick={() => goTo(load.page + 1)}
            disabled={!load.hasMore}
          >
            {t('audit.older')}
          </button>
        </nav>
      ) : null}
    </>
  );
}
