/**
 * French typography in what people read: a no-break space before « : » and inside « », a narrow
 * one before ; ? ! — so a line never starts with a colon or a question mark on a narrow screen.
 */
import { describe, expect, it } from 'vitest';
import { errorMessages } from '../../src/i18n/messages.js';
import { fr } from '../../web/src/i18n/fr.js';

const BREAKABLE = / [:;?!]|« | »/;

describe('French typography', () => {
  it('the web app’s French catalogue has no breakable space before : ; ? ! or inside « »', () => {
    const offending = Object.entries(fr).filter(([, text]) => BREAKABLE.test(text));
    expect(offending).toEqual([]);
  });

  it('the API’s French messages have none either', () => {
    const offending = Object.entries(errorMessages).filter(([, m]) => BREAKABLE.test(m.fr));
    expect(offending).toEqual([]);
  });
});
