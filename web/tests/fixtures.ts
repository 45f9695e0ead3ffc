// fixtures: every test fails on a console error or an uncaught page error,
// and can save a screenshot of what it sees under test-results/screenshots.
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const OPEN = () => process.env.VOICEMAP_URL!;
export const KEYED = () => process.env.VOICEMAP_KEYED_URL!;
export const KEYS = () => JSON.parse(process.env.VOICEMAP_TEST_KEYS!) as { admin: string; funder: string; analyst: string };

export const test = base.extend<{ consoleErrors: string[]; expectedConsole: RegExp[] }>({
  /** expectedConsole lists console errors a test provokes on purpose (a refused key's 401). */
  expectedConsole: [[], { option: true }],
  consoleErrors: [
    async ({ page, expectedConsole }, use) => {
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' && !expectedConsole.some((r) => r.test(m.text()))) errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** gqlAt asks the API at base (with key) directly, as a client would. */
export async function gqlAt<T>(page: Page, base: string, query: string, variables: Record<string, unknown> = {}, key?: string): Promise<T> {
  const res = await page.request.post(`${base}/graphql`, {
    data: { query, variables },
    headers: key ? { Authorization: `Bearer ${key}` } : {},
  });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

/** settled waits until the view has its data (no section is busy) and every map has drawn a complete frame. */
export async function settled(page: Page): Promise<void> {
  await expect(page.locator('main section[aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.locator('main .loading')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.locator('[data-testid="money-map-canvas"]:not([data-drawn="true"])')).toHaveCount(0, { timeout: 30_000 });
  // Every chart is drawn (Observable Plot is a chunk loaded when first needed).
  await expect(page.locator('[data-testid="chart"]:not([data-drawn="true"])')).toHaveCount(0, { timeout: 30_000 });
  // The network map has put the settled figures on the graph it draws.
  await expect(page.locator('[data-testid="network-canvas"]:not([data-drawn="true"])')).toHaveCount(0, { timeout: 30_000 });
}

/** shot saves a full-page screenshot under test-results/screenshots. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/** axe checks the page with axe-core and fails on a serious or critical violation. */
export async function axe(page: Page): Promise<void> {
  const r = await new AxeBuilder({ page }).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`)).toEqual([]);
}

/** loginWith types the key into the login form. */
export async function loginWith(page: Page, key: string): Promise<void> {
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Open the dashboard' }).click();
}
