// Network drawing benchmarks (issue 10 §5): a 10,000-actor / 30,000-tie
// place drawn cold (server layout included) and cached, a date-slider step
// cold and cached, and a 100,000-actor place shown as communities, with the
// longest main-thread task while each loads. The places are made by
// scripts/bench-network.mjs and imported with "voicemap import"; run with
// BENCH_DATA=dir holding bench10k.db and bench100k.db (see BENCHMARKS.md).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const BIN = process.env.VOICEMAP_BIN!;
const DATA = process.env.BENCH_DATA!;

function start(db: string): Promise<{ proc: ChildProcess; url: string }> {
  return new Promise((ok, fail) => {
    const proc = spawn(BIN, ['-addr', '127.0.0.1:0', '-data', db, '-audit-log', `${db}.audit.log`, '-log-level', 'error'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = out.match(/listening on (http:\/\/[\d.:]+)/);
      if (m) ok({ proc, url: m[1] });
    });
    proc.on('exit', (c) => fail(new Error(`exit ${c}`)));
  });
}

async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (window as unknown as { __long: number[] }).__long = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => (window as unknown as { __long: number[] }).__long.push(e.duration))).observe({ type: 'longtask', buffered: true });
  });
}

/** drawn waits until sigma holds n nodes and the view is settled, and returns ms since t0 (performance.now). */
async function drawn(page: Page, n: number, t0: number): Promise<number> {
  await page.waitForFunction((want) => (window.__voicemapNetwork?.graph.order ?? 0) >= want, n, { timeout: 280_000, polling: 20 });
  return page.evaluate((t) => performance.now() - t, t0);
}

async function longest(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, ...(window as unknown as { __long: number[] }).__long));
}

test('10,000 actors', async ({ browser }) => {
  const s = await start(join(DATA, 'bench10k.db'));
  try {
    const page = await (await browser.newContext()).newPage();
    await watchLongTasks(page);
    await page.goto(`${s.url}/network?place=bench&asOf=2025-01-01`);
    const cold = await drawn(page, 5000, 0);
    const nodes = await page.evaluate(() => window.__voicemapNetwork!.graph.order);
    const edges = await page.evaluate(() => window.__voicemapNetwork!.graph.size);
    const coldLong = await longest(page);
    const page2 = await (await browser.newContext()).newPage();
    await watchLongTasks(page2);
    await page2.goto(`${s.url}/network?place=bench&asOf=2025-01-01`);
    const cached = await drawn(page2, 5000, 0);
    // A step of the slider: to a date not yet laid out, then back to one that is.
    const step = async (d: string) => {
      const t0 = await page2.evaluate(() => performance.now());
      const before = await page2.evaluate(() => window.__voicemapNetwork!.graph.size);
      await page2.evaluate((date) => {
        history.pushState(null, '', `/network?place=bench&asOf=${date}`);
        dispatchEvent(new PopStateEvent('popstate'));
      }, d);
      await page2.waitForFunction((b) => window.__voicemapNetwork!.graph.size !== b, before, { timeout: 120_000, polling: 10 });
      return page2.evaluate((t) => performance.now() - t, t0);
    };
    const stepCold = await step('2024-01-01');
    const stepCached = await step('2025-01-01');
    console.log(`BENCH 10k nodes=${nodes} edges=${edges} cold=${cold.toFixed(0)}ms cached=${cached.toFixed(0)}ms step-cold=${stepCold.toFixed(0)}ms step-cached=${stepCached.toFixed(0)}ms longest-task-cold=${coldLong.toFixed(0)}ms longest-task-cached=${(await longest(page2)).toFixed(0)}ms`);
    expect(nodes).toBe(10000);
  } finally {
    s.proc.kill('SIGTERM');
  }
});

test('100,000 actors: the community view', async ({ browser }) => {
  test.skip(!process.env.BENCH_100K, 'set BENCH_100K=1 with bench100k.db in BENCH_DATA');
  const s = await start(join(DATA, 'bench100k.db'));
  try {
    const page = await (await browser.newContext()).newPage();
    await watchLongTasks(page);
    await page.goto(`${s.url}/network?place=bench&asOf=2025-01-01`);
    const cold = await drawn(page, 100, 0);
    const nodes = await page.evaluate(() => window.__voicemapNetwork!.graph.order);
    console.log(`BENCH 100k community-view nodes=${nodes} cold=${cold.toFixed(0)}ms longest-task=${(await longest(page)).toFixed(0)}ms`);
  } finally {
    s.proc.kill('SIGTERM');
  }
});
