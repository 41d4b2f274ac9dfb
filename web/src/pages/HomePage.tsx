/**
 * `/`, signed in: who you are, how long the session lasts, and — for the property you work in —
 * every product and tab: open ones as buttons, closed ones greyed with whom to ask (or the way
 * through support when nobody can grant them). A suspended property says who was told.
 * Someone with several properties and none chosen goes to the property picker first.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { checkAccess, getAccessOverview } from '../api/endpoints.js';
import { failureText, leaveIfSignedOut } from '../api/failure.js';
import type { AccessOverview } from '../api/types.js';
import { FeedbackSlots, useFeedback } from '../components/Feedback.js';
import { PageHeading } from '../components/PageHeading.js';
import { anyOf, labelIn, ROLE_KEYS } from '../features/property/labels.js';
import { useActiveSession } from '../features/session/SessionProvider.js';
import { formatExactDuration } from '../i18n/format.js';
import { useT } from '../i18n/I18nProvider.js';
import { Link, navigate } from '../router.js';

type Load =
  | { status: 'loading' }
  | { status: 'ready'; overview: AccessOverview }
  /** No property chosen (409 `property_required`), or none at all. */
  | { status: 'no_property' }
  | { status: 'failed'; message: string };

type Product = AccessOverview['products'][number];
type Tab = Product['tabs'][number];

export function HomePage() {
  const { t, lang, when } = useT();
  const { payload, skewMs, memberships, active, isManager } = useActiveSession();
  const mustChoose = !payload.activePropertyId && memberships.length > 1;

  useEffect(() => {
    if (mustChoose) navigate('/properties', { replace: true });
  }, [mustChoose]);

  if (mustChoose) return null;

  const endsAt = Date.parse(payload.session.absoluteExpiresAt) - skewMs;

  return (
    <>
      <PageHeading>{t('home.title', { name: payload.user.name })}</PageHeading>
      <p className="lead">{t('home.account', { email: payload.user.email })}</p>
      {Number.isFinite(endsAt) && payload.session.idleTimeoutSeconds > 0 ? (
        <p className="muted">
          {t('home.sessionLimits', {
            idle: formatExactDuration(lang, payload.session.idleTimeoutSeconds),
            when: when(new Date(endsAt)),
          })}
        </p>
      ) : null}

      {active ? (
        <PropertyProducts propertyId={active.propertyId} />
      ) : (
        <div className="notice notice--info">
          <p className="notice__title">{t('home.noProperty.title')}</p>
          <p>{t('home.noProperty.body')}</p>
        </div>
      )}

      <nav className="home-nav" aria-label={t('home.navLabel')}>
        <ul className="home-nav__list">
          {isManager ? (
            <>
              <li>
                <Link to="/property/users" className="home-nav__link">
                  <span className="home-nav__title">{t('home.usersLink')}</span>
                  <span className="home-nav__hint">{t('home.usersHint')}</span>
                </Link>
              </li>
              <li>
                <Link to="/property/audit" className="home-nav__link">
                  <span className="home-nav__title">{t('home.auditLink')}</span>
                  <span className="home-nav__hint">{t('home.auditHint')}</span>
                </Link>
              </li>
            </>
          ) : null}
          {memberships.length > 1 ? (
            <li>
              <Link to="/properties" className="home-nav__link">
                <span className="home-nav__title">{t('home.switchLink')}</span>
                <span className="home-nav__hint">{t('home.switchHint', { count: memberships.length })}</span>
              </Link>
            </li>
          ) : null}
          <li>
            <Link to="/account/security" className="home-nav__link">
              <span className="home-nav__title">{t('home.securityLink')}</span>
              <span className="home-nav__hint">{t('home.securityHint')}</span>
            </Link>
          </li>
        </ul>
      </nav>
    </>
  );
}

function PropertyProducts({ propertyId }: { propertyId: string }) {
  const { t, lang, getLang } = useT();
  const headingId = useId();
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  const refresh = useCallback(async () => {
    const result = await getAccessOverview(getLang());
    if (result.kind === 'ok') setLoad({ status: 'ready', overview: result.data });
    else if (leaveIfSignedOut(result)) return;
    else if (result.kind === 'error' && result.error.code === 'property_required')
      setLoad({ status: 'no_property' });
    else setLoad({ status: 'failed', message: failureText(result, t) });
  }, [getLang, t]);

  // A new property means a new overview.
  useEffect(() => {
    void propertyId;
    void refresh();
  }, [refresh, propertyId]);

  if (load.status === 'loading') return <p className="loading">{t('common.loading')}</p>;
  if (load.status === 'no_property') {
    return (
      <div className="notice notice--info">
        <p className="notice__title">{t('home.noProperty.title')}</p>
        <p>{t('home.noProperty.body')}</p>
      </div>
    );
  }
  if (load.status === 'failed') {
    return (
      <div role="alert" className="alert alert--error">
        <p className="alert__message">{load.message}</p>
        <button type="button" className="button" onClick={() => void refresh()}>
          {t('common.retry')}
        </button>
      </div>
    );
  }

  const { property, products } = load.overview;
  const suspended = property.status === 'suspended';
  const contact = property.billingContact;
  const contactText =
    contact?.name && contact.email
      ? `${contact.name} (${contact.email})`
      : (contact?.name ?? contact?.email ?? null);

  return (
    <section className="section property" aria-labelledby={headingId}>
      <div className="property__head">
        <h2 id={headingId} className="section__title property__name">
          {property.name}
        </h2>
        <span className="badge badge--neutral">{t(ROLE_KEYS[property.role])}</span>
      </div>

      {suspended ? (
        <div className="notice notice--warning">
          <p className="notice__title">{t('home.suspended.title')}</p>
          <p>
            {contactText
              ? t('home.suspended.notified', { contact: contactText })
              : t('home.suspended.notifiedGeneric')}
          </p>
          <p>{t('home.suspended.back')}</p>
        </div>
      ) : (
        <p className="muted">{t('home.products.intro')}</p>
      )}

      <ul className="products">
        {products.map((product) => (
          <ProductCard key={product.id} product={product} suspended={suspended} lang={lang} />
        ))}
      </ul>
    </section>
  );
}

function ProductCard({
  product,
  suspended,
  lang,
}: {
  product: Product;
  suspended: boolean;
  lang: 'fr' | 'en';
}) {
  const { t, getLang } = useT();
  const headingId = useId();
  const feedback = useFeedback();
  const [busy, setBusy] = useState<string | null>(null);
  const productName = labelIn(product.name, lang);

  async function open(tab: Tab) {
    if (busy) return;
    setBusy(tab.id);
    feedback.reset();
    const result = await checkAccess(getLang(), product.id, tab.id);
    setBusy(null);
    const tabName = labelIn(tab.name, getLang());
    if (result.kind === 'ok')
      feedback.showSuccess(t('home.tab.granted', { tab: tabName, product: productName }));
    else if (!leaveIfSignedOut(result)) feedback.showError(failureText(result, t));
  }

  const openCount = product.tabs.filter((tab) => tab.allowed).length;

  return (
    <li className="product">
      <section aria-labelledby={headingId}>
        <div className="product__head">
          <h3 id={headingId} className="product__name">
            {productName}
          </h3>
          <span className="product__count">
            {t('home.product.openCount', { open: openCount, total: product.tabs.length })}
          </span>
        </div>
        <ul className="tabs">
          {product.tabs.map((tab) => {
            const tabName = labelIn(tab.name, lang);
            if (tab.allowed) {
              return (
                <li key={tab.id} className="tabs__item">
                  <button
                    type="button"
                    className="tab tab--open"
                    onClick={() => void open(tab)}
                    aria-busy={busy === tab.id}
                  >
                    <span className="tab__name">{tabName}</span>
                    <span className="tab__state">{t('home.tab.open')}</span>
                  </button>
                </li>
              );
            }
            const names = tab.grantors.map((g) => g.name);
            return (
              <li key={tab.id} className="tabs__item">
                <div className="tab tab--closed">
                  <span className="tab__name">
                    <span className="tab__lock" aria-hidden="true" />
                    {tabName}
                  </span>
                  <span className="tab__state">{t('home.tab.closed')}</span>
                  <span className="tab__ask">
                    {suspended
                      ? t('home.tab.suspended')
                      : names.length > 0
                        ? t('home.tab.ask', { names: anyOf(lang, names) })
                        : t('home.tab.nobody')}
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
        {!suspended && product.tabs.some((tab) => !tab.allowed && tab.grantors.length === 0) ? (
          <p className="product__note">{t('home.tab.askSupport')}</p>
        ) : null}
        <FeedbackSlots feedback={feedback} />
      </section>
    </li>
  );
}
