// First view: from navigation to the Overview of the demo interactive (its
// figures on screen, no query outstanding), cold (new browser context, no
// cache) and warm (cached assets), and the longest main-thread task while
// it loads (PerformanceObserver longtask). Prints one line per figure.
import { OPEN, expect, settled, test } from './fixtures';

const RUNS = 7;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

test('first view interactive', async ({ browser }) => {
  const cold: number[] = [];
  const longest: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.addInitScript(() => {
      (window as unknown as { __long: number[] }).__long = [];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => (window as unknown as { __long: number[] }).__long.push(e.duration))).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(OPEN() + '/');
    await expect(page.getByTestId('stat-unheard').locator('.stat-value')).not.toHaveText('—');
    await settled(page);
    const t = await page.evaluate(() => performance.now());
    cold.push(t);
    longest.push(await page.evaluate(() => Math.max(0, ...(window as unknown as { __long: number[] }).__long)));
    await ctx.close();
  }
  console.log(`BENCH first-view-cold median ${median(cold).toFixed(0)} ms (runs ${cold.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`BENCH first-view longest-task median ${median(longest).toFixed(0)} ms (max ${Math.max(...longest).toFixed(0)})`);
});
