import { describe, expect, it } from 'vitest';
import { checkBrowser, minimumVersions } from '../../web/src/features/sign-in/browser-support.js';

const chrome = (v: number) =>
  `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`;
const safari = (v: number) =>
  `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v}.0 Safari/605.1.15`;

describe('which browsers count as current', () => {
  it('follows the date: what was current in 2023 is outdated three years on', () => {
    const end2023 = new Date(Date.UTC(2023, 11, 20));
    const late2026 = new Date(Date.UTC(2026, 10, 26));
    expect(checkBrowser(chrome(120), end2023).status).toBe('supported');
    expect(checkBrowser(chrome(120), late2026).status).toBe('outdated');
    expect(checkBrowser(safari(17), end2023).status).toBe('supported');
    expect(checkBrowser(safari(18), late2026).status).toBe('outdated');
  });

  it('keeps a year of releases: last year’s browsers and today’s are both current', () => {
    const late2026 = new Date(Date.UTC(2026, 10, 26));
    const minimum = minimumVersions(late2026);
    // Chrome shipped about 13 releases in the year before (every four weeks).
    expect(minimum.Chrome).toBeGreaterThanOrEqual(140);
    expect(minimum.Chrome).toBeLessThanOrEqual(147);
    expect(checkBrowser(chrome(156), late2026).status).toBe('supported');
    expect(checkBrowser(chrome(minimum.Chrome), late2026).status).toBe('supported');
    expect(checkBrowser(chrome(minimum.Chrome - 1), late2026).status).toBe('outdated');
    // Safari 26 (September 2025) and 27 (September 2026) are current in November 2026.
    expect(minimum.Safari).toBe(26);
    expect(checkBrowser(safari(27), late2026).status).toBe('supported');
  });

  it('never asks for less than the versions the page was written for', () => {
    const minimum = minimumVersions(new Date(Date.UTC(2020, 0, 1)));
    expect(minimum).toEqual({ Chrome: 120, Edge: 120, Firefox: 120, Safari: 16 });
  });
});
