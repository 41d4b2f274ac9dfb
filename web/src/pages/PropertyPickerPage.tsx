/**
 * `/properties`: the properties the person belongs to, with their role and any suspension.
 * Shown after sign-in to those with several and none chosen, and reachable from the navigation.
 * The choice is remembered by the server for the next sign-in.
 */
import { useState } from 'react';
import { selectProperty } from '../api/endpoints.js';
import { failureText, leaveIfSignedOut } from '../api/failure.js';
import type { Membership } from '../api/types.js';
import { FeedbackSlots, useFeedback } from '../components/Feedback.js';
import { PageHeading } from '../components/PageHeading.js';
import { ROLE_KEYS } from '../features/property/labels.js';
import { useActiveSession } from '../features/session/SessionProvider.js';
import { useT } from '../i18n/I18nProvider.js';
import { navigate } from '../router.js';

export function PropertyPickerPage() {
  const { t, getLang } = useT();
  const { memberships, active, reload } = useActiveSession();
  const feedback = useFeedback();
  const [busy, setBusy] = useState<string | null>(null);

  async function choose(membership: Membership) {
    if (busy) return;
    setBusy(membership.propertyId);
    feedback.reset();
    const result = await selectProperty(getLang(), membership.propertyId);
    if (result.kind === 'ok') {
      await reload();
      navigate('/');
      return;
    }
    setBusy(null);
    if (!leaveIfSignedOut(result)) feedback.showError(failureText(result, t));
  }

  const sorted = [...memberships].sort((a, b) => a.propertyName.localeCompare(b.propertyName, getLang()));

  return (
    <>
      <PageHeading>{active ? t('properties.titleSwitch') : t('properties.title')}</PageHeading>
      {memberships.length === 0 ? (
        <div className="notice notice--info">
          <p className="notice__title">{t('home.noProperty.title')}</p>
          <p>{t('home.noProperty.body')}</p>
        </div>
      ) : (
        <>
          <p className="lead">{t('properties.intro')}</p>
          <FeedbackSlots feedback={feedback} />
          <ul className="choices">
            {sorted.map((membership) => {
              const current = membership.propertyId === active?.propertyId;
              return (
                <li key={membership.propertyId}>
                  <button
                    type="button"
                    className={current ? 'choice choice--current' : 'choice'}
                    onClick={() => void choose(membership)}
                    aria-busy={busy === membership.propertyId}
                    aria-current={current ? 'true' : undefined}
                    disabled={busy !== null}
                  >
                    <span className="choice__title">{membership.propertyName}</span>
                    <span className="choice__meta">
                      <span>{t(ROLE_KEYS[membership.role])}</span>
                      {current ? <span className="badge">{t('properties.current')}</span> : null}
                      {membership.isPrimaryContact ? (
                        <span className="badge badge--neutral">{t('properties.primaryContact')}</span>
                      ) : null}
                      {membership.propertyStatus === 'suspended' ? (
                        <span className="badge badge--warning">{t('properties.suspended')}</span>
                      ) : null}
                    </span>
                    {membership.propertyStatus === 'suspended' ? (
                      <span className="choice__hint">{t('properties.suspendedHint')}</span>
                    ) : null}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </>
  );
}
