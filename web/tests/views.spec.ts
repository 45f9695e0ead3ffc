// Every view on the demo, at both viewports: drawn, no console error, no
// serious or critical axe-core violation, a screenshot saved.
import { OPEN, axe, expect, settled, shot, test } from './fixtures';

const VIEWS = [
  { path: '/', heading: /Millbrook/ },
  { path: '/network', heading: /The network/ },
  { path: '/voices', heading: /Voices that may go unheard/ },
  { path: '/power', heading: /Who holds the power/ },
  { path: '/money', heading: /Where the money goes/ },
  { path: '/recommendations', heading: /What would help/ },
  { path: '/survey', heading: /Surveys/ },
  { path: '/explorer', heading: /Explorer/ },
];

for (const vp of [
  { width: 1280, height: 800 },
  { width: 768, height: 1024 },
]) {
  test.describe(`${vp.width}x${vp.height}`, () => {
    test.use({ viewport: vp });
    for (const v of VIEWS) {
      test(`view ${v.path}`, async ({ page }) => {
        await page.goto(OPEN() + v.path);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(v.heading);
        await settled(page);
        if (v.path === '/explorer') await expect(page.locator('.graphiql-container')).toBeVisible();
        await shot(page, `${v.path === '/' ? 'overview' : v.path.slice(1)}-${vp.width}x${vp.height}`);
        await axe(page);
      });
    }
  });
}
