import { useEffect, useRef, useState } from 'preact/hooks';

/** PlotModule is the part of Observable Plot the charts use (plotMarks.ts), loaded as a chunk of its own (plotModule). */
export type PlotModule = typeof import('./plotMarks');

let loading: Promise<PlotModule> | null = null;

/**
 * plotModule loads Observable Plot (and the d3 modules it uses) once: a
 * chunk of its own, so that a page that draws no chart, such as the
 * network map, neither parses nor evaluates it (on a cached page load of
 * the 10,000-actor place its evaluation alone, an Intl.NumberFormat made
 * as the module is evaluated included, took 70 ms of the main thread
 * before the first request). The dashboard starts loading it as it boots
 * on a view with charts.
 */
export function plotModule(): Promise<PlotModule> {
  loading ??= import('./plotMarks');
  return loading;
}

/**
 * PlotChart mounts the SVG or HTML element that make() returns (an
 * Observable Plot chart), remade when deps change; data-drawn is true once
 * the chart for the current deps is on the page.
 */
export function PlotChart(props: { make: (plot: PlotModule, width: number) => Element; deps: unknown[]; label: string; class?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState<unknown[] | null>(null);
  useEffect(() => {
    let live = true;
    let chart: Element | null = null;
    void plotModule().then((plot) => {
      const el = ref.current;
      if (!live || !el) return;
      const width = Math.max(240, Math.floor(el.clientWidth || 600));
      chart = props.make(plot, width);
      // The wrapper is the accessible image (role img, a label) and the numbers are
      // in a table beside it: the drawing inside is presentation only.
      for (const el of [chart, ...chart.querySelectorAll('[aria-label],[aria-description]')]) {
        el.removeAttribute('aria-label');
        el.removeAttribute('aria-description');
      }
      for (const svg of [chart, ...chart.querySelectorAll('svg')]) if (svg.tagName.toLowerCase() === 'svg') svg.setAttribute('aria-hidden', 'true');
      el.replaceChildren(chart);
      setDrawn(props.deps);
    });
    return () => {
      live = false;
      chart?.remove();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, props.deps);
  const current = drawn !== null && drawn.length === props.deps.length && drawn.every((d, i) => Object.is(d, props.deps[i]));
  return <div ref={ref} class={props.class ?? 'chart'} role="img" aria-label={props.label} data-testid="chart" data-drawn={current ? 'true' : 'false'} />;
}
