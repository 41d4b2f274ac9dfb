/**
 * A real Chromium for browser tests, found on PATH (never downloaded).
 *
 * - `describeBrowser(name, fn)`: a `describe` that skips with a loud warning when no Chromium
 *   is installed — except in CI (`CI=true`), where a missing browser is an error, not a skip.
 * - `launchBrowser()`: playwright-core's Chromium with flags for containers and quiet CI runs.
 * - `runAxe(page)`: axe-core's serious and critical accessibility violations on the page;
 *   `expectNoSeriousA11yViolations(page)` asserts there are none.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AxeResults, Result } from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { describe, expect } from 'vitest';

const CANDIDATES = ['chromium', 'chromium-browser'];

/** Like `which`: the first executable named `chromium` or `chromium-browser` on PATH. */
export function findChromium(): string | null {
  const override = process.env.PORTIER_CHROMIUM;
  if (override) return override;
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir !== '');
  for (const name of CANDIDATES) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return null;
}

export const chromiumPath = findChromium();
export const browserAvailable = chromiumPath !== null;

const MISSING_REASON =
  'No Chromium on PATH (looked for `chromium` and `chromium-browser`; PORTIER_CHROMIUM overrides). ' +
  'Install it with the system package manager; tests never download a browser.';

export function describeBrowser(name: string, fn: () => void): void {
  if (browserAvailable) {
    describe(name, fn);
    return;
  }
  if (process.env.CI === 'true') {
    throw new Error(`Browser tests "${name}" cannot run in CI: ${MISSING_REASON}`);
  }
  console.warn(`\n⚠️  SKIPPING browser tests "${name}": ${MISSING_REASON}\n`);
  describe.skip(name, fn);
}

export async function launchBrowser(): Promise<Browser> {
  if (chromiumPath === null) throw new Error(MISSING_REASON);
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const require = createRequire(import.meta.url);
let axeSource: string | null = null;

function readAxeSource(): string {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

export type AxeViolation = Result;

/**
 * Runs axe-core in the page and returns the serious and critical violations.
 *
 * The pages' CSP (`script-src 'self'`) blocks `page.addScriptTag({ content })`, which inserts
 * an inline <script>. `page.evaluate(source)` runs the source through the DevTools protocol
 * instead, which the CSP does not govern, so axe loads on the real, CSP-protected page.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) {
    // A trailing expression so that Playwright treats the string as a script, not a function.
    await page.evaluate(`${readAxeSource()}\n;true`);
  }
  const results = await page.evaluate(() => {
    const axe = (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe;
    return axe.run();
  });
  return results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
}

/** One line per violation, for readable assertion failures. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map(
      (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    )
    .join('\n');
}

/** Fails the test with one line per violation when axe finds a serious or critical one on the page. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const violations = await runAxe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}
