/**
 * The access matrix: one group per product, a "whole product" switch, then one checkbox per tab.
 * Whatever the manager does not hold is disabled and says so ("you don't have this access"), since
 * nobody can grant or revoke a right they do not have. Tabs covered by the whole product show as
 * ticked and explain why they cannot be unticked on their own.
 */
import { useId } from 'react';
import type { Product } from '../../api/types.js';
import { useT } from '../../i18n/I18nProvider.js';
import { labelIn } from '../property/labels.js';
import { grantKey, type Held, holdsGrant, WHOLE_PRODUCT } from './grants.js';

export function GrantMatrix({
  products,
  value,
  onChange,
  held,
  readOnly = false,
}: {
  products: readonly Product[];
  value: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  held: Held;
  readOnly?: boolean;
}) {
  const { t, lang } = useT();
  const id = useId();

  function toggle(key: string, checked: boolean) {
    const next = new Set(value);
    if (checked) next.add(key);
    else next.delete(key);
    onChange(next);
  }

  return (
    <div className="matrix">
      {products.map((product) => {
        const productName = labelIn(product.name, lang);
        const wholeKey = grantKey(product.id, WHOLE_PRODUCT);
        const whole = value.has(wholeKey);
        const holdsWhole = holdsGrant(held, product.id, WHOLE_PRODUCT);
        const wholeId = `${id}-${product.id}-whole`;
        const wholeHintId = `${wholeId}-hint`;
        return (
          <fieldset key={product.id} className="matrix__product">
            <legend className="matrix__legend">{productName}</legend>
            <div
              className={holdsWhole && !readOnly ? 'check check--whole' : 'check check--whole check--locked'}
            >
              <input
                id={wholeId}
                type="checkbox"
                className="check__box"
                checked={whole}
                disabled={readOnly || !holdsWhole}
                onChange={(event) => toggle(wholeKey, event.target.checked)}
                aria-describedby={wholeHintId}
              />
              <label
                htmlFor={wholeId}
                className="check__label"
                title={holdsWhole ? undefined : t('grants.notHeld')}
              >
                {t('grants.wholeProduct')}
              </label>
              <span id={wholeHintId} className="check__hint">
                {holdsWhole ? t('grants.wholeProductHint') : t('grants.notHeld')}
              </span>
            </div>
            <ul className="matrix__tabs">
              {product.tabs.map((tab) => {
                const key = grantKey(product.id, tab.id);
                const holds = holdsGrant(held, product.id, tab.id);
                const checked = whole || value.has(key);
                const locked = readOnly || whole || !holds;
                const inputId = `${id}-${product.id}-${tab.id}`;
                const hint = whole ? t('grants.includedInWhole') : holds ? null : t('grants.notHeld');
                const hintId = `${inputId}-hint`;
                return (
                  <li key={tab.id} className={locked ? 'check check--locked' : 'check'}>
                    <input
                      id={inputId}
                      type="checkbox"
                      className="check__box"
                      checked={checked}
                      disabled={locked}
                      onChange={(event) => toggle(key, event.target.checked)}
                      aria-describedby={hint ? hintId : undefined}
                    />
                    <label htmlFor={inputId} className="check__label" title={hint ?? undefined}>
                      {labelIn(tab.name, lang)}
                    </label>
                    {hint ? (
                      <span id={hintId} className="check__hint">
                        {hint}
                      </span>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </fieldset>
        );
      })}
    </div>
  );
}
