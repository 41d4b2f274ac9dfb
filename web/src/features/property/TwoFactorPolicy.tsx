/**
 * Admins only (SPEC §2): require two-factor authentication for everyone in the property, or stop
 * requiring it. Shows the current setting (from the session's memberships) and offers the change,
 * with a confirmation and an announced result.
 */
import { useId, useState } from 'react';
import { failureText, leaveIfSignedOut } from '../../api/failure.js';
import { setTwoFactorPolicy } from '../../api/mfa-endpoints.js';
import type { Membership } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { FeedbackSlots, useFeedback } from '../../components/Feedback.js';
import { useT } from '../../i18n/I18nProvider.js';

export function TwoFactorPolicy({ membership }: { membership: Membership }) {
  const { t, getLang } = useT();
  const id = useId();
  const feedback = useFeedback();
  const [asked, setAsked] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  // undefined when the server did not say: then both actions are offered.
  const [required, setRequired] = useState<boolean | undefined>(membership.requireTwoFactor);

  if (membership.role !== 'admin') return null;
  const property = membership.propertyName;

  async function apply(required: boolean) {
    setBusy(true);
    const result = await setTwoFactorPolicy(getLang(), membership.propertyId, required);
    setBusy(false);
    setAsked(null);
    if (result.kind === 'ok') {
      setRequired(required);
      feedback.showSuccess(required ? t('policy.doneOn', { property }) : t('policy.doneOff', { property }));
    } else if (!leaveIfSignedOut(result)) {
      feedback.showError(failureText(result, t));
    }
  }

  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section__title">
        {t('policy.title')}
      </h2>
      <p>{t('policy.intro')}</p>
      {required !== undefined && (
        <p>
          <strong>{required ? t('policy.stateOn') : t('policy.stateOff')}</strong>
        </p>
      )}
      <FeedbackSlots feedback={feedback} />
      <div className="actions">
        {required !== true && (
          <button type="button" className="button" onClick={() => setAsked(true)} disabled={busy}>
            {t('policy.require')}
          </button>
        )}
        {required !== false && (
          <button
            type="button"
            className="button button--quiet"
            onClick={() => setAsked(false)}
            disabled={busy}
          >
            {t('policy.stop')}
          </button>
        )}
      </div>
      <ConfirmDialog
        open={asked !== null}
        title={asked ? t('policy.confirmOnTitle') : t('policy.confirmOffTitle')}
        confirmLabel={asked ? t('policy.confirmOn') : t('policy.confirmOff')}
        cancelLabel={t('mfa.cancel')}
        busy={busy}
        danger={asked === false}
        onConfirm={() => void apply(asked === true)}
        onCancel={() => setAsked(null)}
      >
        <p>{asked ? t('policy.confirmOnBody', { property }) : t('policy.confirmOffBody', { property })}</p>
      </ConfirmDialog>
    </section>
  );
}
