// Where a frame of the 10,000-actor map goes: with the page settled, sigma
// draws the same graph again and again, one setting or layer changed at a
// time, and each frame is timed two ways: the script (sigma's render, which
// returns once its draw calls are issued) and the frame on screen (the
// animation frame after, once the software renderer has drawn it; gl.finish
// does not wait for it in Chromium). The median of seven frames is printed
// with all seven. BENCH_DATA as in network.bench.ts.
import { join } from 'node:path';
import { test } from './fixtures';
import { startBench } from './benchServer';

const DATA = process.env.BENCH_DATA!;

test('10,000 actors: the cost of one frame', async ({ browser }) => {
  const s = await startBench(join(DATA, process.env.BENCH_DB ?? 'bench10k.db'));
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${s.url}/network?place=bench&asOf=2025-01-01`);
    // Settled: the actors' names and the marks' rings drawn, nothing outstanding.
    await page.waitForFunction(
      () => {
        const g = window.__voicemapNetwork?.graph;
        if (!g || g.order < 1000 || !window.__voicemapNetwork?.rendered) return false;
        return g.someNode((_n, a) => a.ring > 0) && g.someNode((_n, a) => !!a.label);
      },
      null,
      { timeout: 280_000, polling: 100 },
    );
    await page.locator('[data-testid=view-network][aria-busy=false]').waitFor({ timeout: 280_000 });
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    await page.screenshot({ path: 'test-results/screenshots/bench-10k-frame.png' });
    const out = await page.evaluate(async () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const sg = window.__voicemapNetwork!.sigma as any;
      const raf = () => new Promise<number>((ok) => requestAnimationFrame(() => ok(performance.now())));
      const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      let flip = 1;
      /** frame draws once (a camera move, or a refresh that re-indexes the graph) and times the script and the frame on screen. */
      const frame = async (kind: 'camera' | 'refresh') => {
        await raf();
        await raf();
        const t0 = performance.now();
        if (kind === 'camera') {
          const c = sg.getCamera();
          const st = c.getState();
          flip = -flip;
          c.setState({ ...st, x: st.x + flip * 1e-4 });
          sg.render();
        } else sg.refresh();
        const t1 = performance.now();
        const t2 = await raf();
        return { script: t1 - t0, screen: t2 - t0 };
      };
      const run = async (name: string, setup: () => void, undo: () => void, kind: 'camera' | 'refresh' = 'camera') => {
        setup();
        const fs = [];
        for (let i = 0; i < 7; i++) fs.push(await frame(kind));
        undo();
        sg.refresh();
        await raf();
        const screen = fs.map((f) => f.screen);
        return `${name}: on screen ${med(screen).toFixed(0)} ms [${screen.map((x) => x.toFixed(0)).join(' ')}], script ${med(fs.map((f) => f.script)).toFixed(0)} ms`;
      };
      const nop = () => {};
      const saved: Record<string, unknown> = {};
      const lines: string[] = [];
      lines.push(`canvas ${sg.width}x${sg.height} pixelRatio ${sg.pixelRatio} nodes ${sg.getGraph().order} ties ${sg.getGraph().size} webgl2 ${sg.webGLContexts.nodes instanceof WebGL2RenderingContext}`);
      lines.push(await run('baseline, camera move', nop, nop));
      lines.push(await run('baseline, refresh (process + render)', nop, nop, 'refresh'));
      lines.push(
        await run(
          'no picking pass (sigma draws it at every frame unless the node program defers it)',
          () => {
            for (const [k, p] of Object.entries(sg.nodePrograms)) {
              saved['pick' + k] = (p as { pickProgram: unknown }).pickProgram;
              (p as { pickProgram: unknown }).pickProgram = null;
            }
          },
          () => {
            for (const [k, p] of Object.entries(sg.nodePrograms)) (p as { pickProgram: unknown }).pickProgram = saved['pick' + k];
          },
        ),
      );
      const noRender = (progs: Record<string, { render: unknown }>, tag: string) => [
        () => {
          for (const [k, p] of Object.entries(progs)) {
            saved[tag + k] = p.render;
            p.render = nop;
          }
        },
        () => {
          for (const [k, p] of Object.entries(progs)) p.render = saved[tag + k];
        },
      ] as const;
      lines.push(await run('no ties drawn', ...noRender(sg.edgePrograms, 'e')));
      lines.push(await run('no nodes drawn', ...noRender(sg.nodePrograms, 'n')));
      const both = [noRender(sg.edgePrograms, 'e2'), noRender(sg.nodePrograms, 'n2')];
      lines.push(await run('neither nodes nor ties drawn', () => both.forEach((b) => b[0]()), () => both.forEach((b) => b[1]())));
      lines.push(await run('no labels', () => sg.setSetting('renderLabels', false), () => sg.setSetting('renderLabels', true)));
      lines.push(await run('nothing drawn, no labels', () => { both.forEach((b) => b[0]()); sg.setSetting('renderLabels', false); }, () => { both.forEach((b) => b[1]()); sg.setSetting('renderLabels', true); }));
      lines.push(await run('zIndex off, refresh', () => sg.setSetting('zIndex', false), () => sg.setSetting('zIndex', true), 'refresh'));
      lines.push(
        await run(
          "sigma's own circle program (instanced, no rings)",
          () => sg.setSetting('nodeReducer', (_: string, d: Record<string, unknown>) => ({ ...d, type: 'circle' })),
          () => sg.setSetting('nodeReducer', null),
        ),
      );
      lines.push(
        await run(
          'every node and tie hidden',
          () => {
            sg.setSetting('nodeReducer', (_: string, d: Record<string, unknown>) => ({ ...d, hidden: true }));
            sg.setSetting('edgeReducer', (_: string, d: Record<string, unknown>) => ({ ...d, hidden: true }));
          },
          () => {
            sg.setSetting('nodeReducer', null);
            sg.setSetting('edgeReducer', null);
          },
        ),
      );
      // Once more at the end: the machine is shared, and the first runs may meet the page's own late work.
      lines.push(await run('baseline again, camera move', nop, nop));
      return lines;
    });
    for (const l of out) console.log(`BENCH frame ${l}`);
  } finally {
    s.proc.kill('SIGTERM');
  }
});
