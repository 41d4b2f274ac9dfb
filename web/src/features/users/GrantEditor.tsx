/**
 * The grant matrix of one person, with Save and Undo: changes stay a draft (and say so) until
 * saved; Undo goes back to what the server holds. Admins open everything, so there is nothing to
 * tick for them; nobody edits their own access.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { setGrants } from '../../api/endpoints.js';
import { failureText, leaveIfSignedOut } from '../../api/failure.js';
import type { Grant, Member, Product } from '../../api/types.js';
import { FeedbackSlots, useFeedback } from '../../components/Feedback.js';
import { useT } from '../../i18n/I18nProvider.js';
import { GrantMatrix } from './GrantMatrix.js';
import { fromKeys, type Held, sameGrants, toKeys } from './grants.js';

export function GrantEditor({
  propertyId,
  member,
  products,
  held,
  isSelf,
  onSaved,
}: {
  propertyId: string;
  member: Member;
  products: readonly Product[];
  held: Held;
  isSelf: boolean;
  onSaved: (grants: Grant[]) => void;
}) {
  const { t, getLang } = useT();
  const headingId = useId();
  const feedback = useFeedback();
  const [saved, setSaved] = useState<Set<string>>(() => toKeys(member.grants));
  const [draft, setDraft] = useState<Set<string>>(() => toKeys(member.grants));
  const [saving, setSaving] = useState(false);

  const dirty = useMemo(
    () => !sameGrants(fromKeys(draft, products), fromKeys(saved, products)),
    [draft, saved, products],
  );

  // Leaving the page (reload, closing the tab) with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  async function save() {
    if (saving || !dirty) return;
    setSaving(true);
    feedback.reset();
    const result = await setGrants(getLang(), propertyId, member.userId, fromKeys(draft, products));
    setSaving(false);
    if (result.kind === 'ok') {
      const stored = toKeys(result.data.grants);
      setSaved(stored);
      setDraft(new Set(stored));
      feedback.showSuccess(t('grants.saved', { name: member.name }));
      onSaved(result.data.grants);
    } else if (!leaveIfSignedOut(result)) feedback.showError(failureText(result, t));
  }

  function undo() {
    if (!dirty || saving) return;
    setDraft(new Set(saved));
    feedback.showSuccess(t('grants.undone'));
  }

  if (member.role === 'admin') {
    return (
      <section className="section" aria-labelledby={headingId}>
        <h2 id={headingId} className="section__title">
          {t('grants.title')}
        </h2>
        <div className="notice notice--info">
          <p>{t('grants.adminOpensAll', { name: member.name })}</p>
        </div>
      </section>
    );
  }

  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId} className="section__title">
        {t('grants.title')}
      </h2>
      <p>{isSelf ? t('grants.self') : t('grants.intro', { name: member.name })}</p>
      {held !== 'all' && !isSelf ? <p className="muted">{t('grants.onlyHeld')}</p> : null}
      <GrantMatrix
        products={products}
        value={draft}
        onChange={(next) => {
          feedback.reset();
          setDraft(next);
        }}
        held={held}
        readOnly={isSelf || saving}
      />
      {isSelf ? null : (
        <div className="savebar">
          <div role="status" className="savebar__state">
            {dirty ? <span className="badge badge--warning">{t('grants.unsaved')}</span> : null}
          </div>
          <div className="actions savebar__actions">
            {/* aria-disabled, not disabled: the button keeps focus after it has done its work. */}
            <button type="button" className="button" onClick={undo} aria-disabled={!dirty || saving}>
              {t('grants.undo')}
            </button>
            <button
              type="button"
              className="button button--primary"
              onClick={() => void save()}
              aria-disabled={!dirty || saving}
              aria-busy={saving}
            >
              {saving ? t('common.saving') : t('grants.save')}
            </button>
          </div>
        </div>
      )}
      <FeedbackSlots feedback={feedback} />
    </section>
  );
}
