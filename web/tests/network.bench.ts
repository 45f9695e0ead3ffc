// Network drawing benchmarks (issue 10 §5): a 10,000-actor / 30,000-tie
// place drawn cold (server layout included) and cached, a date-slider step
// cold and cached, and a 100,000-actor place shown as communities, with the
// longest main-thread task while each loads. The places are made by
// scripts/bench-network.mjs and imported with "voicemap import"; run with
// BENCH_DATA=dir holding bench10k.db and bench100k.db (see BENCHMARKS.md).
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { startBench as start } from './benchServer';

const DATA = process.env.BENCH_DATA!;

async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (window as unknown as { __long: number[] }).__long = [];
    new PerformanceObserver((l) =>
      l.getEntries().forEach((e) => {
        (window as unknown as { __long: number[] }).__long.push(e.duration);
        // Long tasks go into the timings too, to tell what they were beside.
        if (e.duration >= 100) performance.measure('long task', { start: e.startTime, duration: e.duration });
      }),
    ).observe({ type: 'longtask', buffered: true });
  });
}

/** drawn waits until sigma has drawn a graph of at least n nodes, and returns when its first frame was on screen, in ms since t0 (performance.now). */
async function drawn(page: Page, n: number, t0: number): Promise<number> {
  await page.waitForFunction((want) => (window.__voicemapNetwork?.firstRendered?.order ?? 0) >= want, n, { timeout: 280_000, polling: 20 });
  return page.evaluate((t) => window.__voicemapNetwork!.firstRendered!.at - t, t0);
}

/** timings lists the page's user timings (each GraphQL operation, the graph built) since t0, for the breakdown. */
async function timings(page: Page, t0: number): Promise<string> {
  return page.evaluate(
    (t) =>
      performance
        .getEntriesByType('measure')
        .filter((m) => m.startTime >= t)
        .map((m) => `${m.name}@${(m.startTime - t).toFixed(0)}+${m.duration.toFixed(0)}`)
        .join(' '),
    t0,
  );
}

async function longest(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, ...(window as unknown as { __long: number[] }).__long));
}

/** settled waits until the view has all it asked for (sizes and rings included) drawn, and returns when that frame was drawn, in ms since t0. */
async function settled(page: Page, t0: number): Promise<number> {
  await page.locator('[data-testid=view-network][aria-busy=false]').waitFor({ timeout: 280_000 });
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  return page.evaluate((t) => window.__voicemapNetwork!.rendered!.at - t, t0);
}

/** go moves the app to path as a link would (no page load) and returns when that started (performance.now). */
async function go(page: Page, path: string): Promise<number> {
  return page.evaluate((p) => {
    const t = performance.now();
    history.pushState(null, '', p);
    dispatchEvent(new PopStateEvent('popstate'));
    return t;
  }, path);
}

test('10,000 actors', async ({ browser }) => {
  const s = await start(join(DATA, 'bench10k.db'));
  const at = (d: string) => `/network?place=bench&asOf=${d}`;
  try {
    // Cold: the server has laid out nothing yet.
    const page = await (await browser.newContext()).newPage();
    await watchLongTasks(page);
    await page.goto(s.url + at('2025-01-01'));
    const cold = await drawn(page, 5000, 0);
    const coldSettled = await settled(page, 0);
    const nodes = await page.evaluate(() => window.__voicemapNetwork!.graph.order);
    const edges = await page.evaluate(() => window.__voicemapNetwork!.graph.size);
    const coldLong = await longest(page);
    const coldTimings = await timings(page, 0);
    // A date laid out (and so cached) on the server, for the second page's step to it.
    await go(page, at('2023-06-01'));
    await page.waitForFunction(() => window.__voicemapNetwork!.graph.size < 25000, null, { timeout: 120_000 });
    await settled(page, 0);
    await page.context().close();

    // Cached on the server: a new page load.
    const page2 = await (await browser.newContext()).newPage();
    await watchLongTasks(page2);
    await page2.goto(s.url + at('2025-01-01'));
    const cached = await drawn(page2, 5000, 0);
    const cachedSettled = await settled(page2, 0);
    const cachedTimings = await timings(page2, 0);

    // Back to the network from another view of the open dashboard.
    await go(page2, '/?place=bench&asOf=2025-01-01');
    await page2.locator('[data-testid=view-overview]').waitFor();
    const t0 = await go(page2, at('2025-01-01'));
    const revisit = await drawn(page2, 5000, t0);

    // A step of the slider: to a date not yet laid out, then back to one that is.
    const step = async (d: string) => {
      await page2.evaluate(() => ((window as unknown as { __before: unknown }).__before = window.__voicemapNetwork!.graph));
      const t = await go(page2, at(d));
      await page2.waitForFunction(() => window.__voicemapNetwork!.graph !== (window as unknown as { __before: unknown }).__before && !!window.__voicemapNetwork!.firstRendered, null, { timeout: 120_000, polling: 10 });
      const d1 = await page2.evaluate((x) => window.__voicemapNetwork!.firstRendered!.at - x, t);
      return { drawn: d1, settled: await settled(page2, t), timings: await timings(page2, t) };
    };
    const stepServer = await step('2023-06-01');
    const stepCold = await step('2024-01-01');
    const stepCached = await step('2025-01-01');
    const f = (x: number) => `${x.toFixed(0)}ms`;
    console.log(
      `BENCH 10k nodes=${nodes} edges=${edges} cold=${f(cold)} cold-settled=${f(coldSettled)} cached-load=${f(cached)} cached-load-settled=${f(cachedSettled)} revisit=${f(revisit)} ` +
        `step-server-cached=${f(stepServer.drawn)} step-server-cached-settled=${f(stepServer.settled)} step-cold=${f(stepCold.drawn)} step-cold-settled=${f(stepCold.settled)} step-cached=${f(stepCached.drawn)} step-cached-settled=${f(stepCached.settled)} ` +
        `longest-task-cold=${f(coldLong)} longest-task-cached=${f(await longest(page2))}`,
    );
    console.log(`BENCH 10k timings cold: ${coldTimings}`);
    console.log(`BENCH 10k timings cached-load: ${cachedTimings}`);
    console.log(`BENCH 10k timings step-server-cached: ${stepServer.timings}`);
    console.log(`BENCH 10k timings step-cold: ${stepCold.timings}`);
    console.log(`BENCH 10k timings step-cached: ${stepCached.timings}`);
    expect(nodes).toBe(10000);
  } finally {
    s.proc.kill('SIGTERM');
  }
});

test('100,000 actors: the community view', async ({ browser }) => {
  test.skip(!process.env.BENCH_100K, 'set BENCH_100K=1 with bench100k.db in BENCH_DATA');
  // Each run starts a new server (nothing laid out yet) and loads the view
  // twice, each in a new browser context: cold, then with the layout cached
  // on the server. BENCH_RUNS of them give the spread of the longest task.
  const runs = Number(process.env.BENCH_RUNS ?? 1);
  const seen = { cold: { drawn: [] as number[], long: [] as number[] }, cached: { drawn: [] as number[], long: [] as number[] } };
  const load = async (url: string, as: 'cold' | 'cached') => {
    const page = await (await browser.newContext()).newPage();
    await watchLongTasks(page);
    await page.goto(`${url}/network?place=bench&asOf=2025-01-01`);
    const at = await drawn(page, 100, 0);
    await settled(page, 0);
    const long = await longest(page);
    seen[as].drawn.push(at);
    seen[as].long.push(long);
    const nodes = await page.evaluate(() => window.__voicemapNetwork!.graph.order);
    console.log(`BENCH 100k community-view ${as} nodes=${nodes} drawn=${at.toFixed(0)}ms longest-task=${long.toFixed(0)}ms`);
    console.log(`BENCH 100k timings ${as}: ${await timings(page, 0)}`);
    await page.context().close();
  };
  for (let r = 0; r < runs; r++) {
    const s = await start(join(DATA, 'bench100k.db'));
    try {
      await load(s.url, 'cold');
      await load(s.url, 'cached');
    } finally {
      s.proc.kill('SIGTERM');
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  if (runs > 1) {
    for (const as of ['cold', 'cached'] as const) {
      const { drawn: d, long: l } = seen[as];
      console.log(`BENCH 100k ${as} runs=${runs} drawn-median=${median(d).toFixed(0)}ms longest-task-median=${median(l).toFixed(0)}ms longest-task-max=${Math.max(...l).toFixed(0)}ms`);
    }
  }
});
