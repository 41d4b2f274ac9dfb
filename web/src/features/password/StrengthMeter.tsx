/**
 * The strength meter under a new-password field: a native <meter> with a visible label and a
 * spoken value, then in words whether the password will be accepted, why not, and how to do
 * better. The wording comes from the server, already in the page's language. The feedback is a
 * polite live region: it is read after typing pauses, never interrupting.
 */
import { useId } from 'react';
import type { MessageKey } from '../../i18n/fr.js';
import { useT } from '../../i18n/I18nProvider.js';
import type { StrengthState } from './use-strength.js';

const SCORE_KEYS: readonly MessageKey[] = [
  'password.strength.score0',
  'password.strength.score1',
  'password.strength.score2',
  'password.strength.score3',
  'password.strength.score4',
];

function scoreKey(score: number): MessageKey {
  const index = Math.min(4, Math.max(0, Math.round(score)));
  return SCORE_KEYS[index] ?? 'password.strength.score0';
}

export function StrengthMeter({ state, feedbackId }: { state: StrengthState; feedbackId: string }) {
  const { t } = useT();
  const meterId = useId();
  const result = state.status === 'ready' || state.status === 'checking' ? state.result : null;
  const score = result?.score ?? 0;
  // The colour follows acceptance, not the score alone: a long-enough-looking but refused password is never green.
  const level = result === null ? 'none' : !result.ok ? (score <= 1 ? 'weak' : 'fair') : 'ok';
  const scoreText = result === null ? t('password.strength.none') : t(scoreKey(score));

  return (
    <div className="strength">
      <div className="strength__head">
        <label className="strength__label" htmlFor={meterId}>
          {t('password.strength.label')}
        </label>
        <span className="strength__value" aria-hidden="true">
          {scoreText}
        </span>
      </div>
      <meter
        id={meterId}
        className={`strength__meter strength__meter--${level}`}
        min={0}
        max={4}
        low={2}
        high={3}
        optimum={4}
        value={result === null ? 0 : Math.max(0.25, score)}
        aria-valuetext={scoreText}
      />
      <div
        id={feedbackId}
        className="strength__feedback"
        aria-live="polite"
        aria-busy={state.status === 'checking'}
      >
        <StrengthFeedback state={state} />
      </div>
    </div>
  );
}

function StrengthFeedback({ state }: { state: StrengthState }) {
  const { t } = useT();
  if (state.status === 'empty') return <p className="strength__hint">{t('password.strength.empty')}</p>;
  if (state.status === 'unavailable')
    return <p className="strength__hint">{t('password.strength.unavailable')}</p>;
  const result = state.result;
  if (result === null) return <p className="strength__hint">{t('password.strength.checking')}</p>;

  return (
    <>
      {result.ok ? (
        <p className="strength__verdict strength__verdict--ok">{t('password.strength.accepted')}</p>
      ) : (
        <>
          <p className="strength__verdict strength__verdict--weak">{t('password.strength.refused')}</p>
          {result.reasons.length > 0 ? (
            <ul className="strength__list">
              {result.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          ) : null}
        </>
      )}
      {result.warning ? <p className="strength__warning">{result.warning}</p> : null}
      {result.suggestions.length > 0 ? (
        <>
          <p className="strength__subtitle">{t('password.strength.suggestions')}</p>
          <ul className="strength__list">
            {result.suggestions.map((suggestion) => (
              <li key={suggestion}>{suggestion}</li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
