import { useEffect, useRef } from 'preact/hooks';

/** PlotChart mounts the SVG or HTML element that make() returns (an Observable Plot chart), remade when deps change. */
export function PlotChart(props: { make: (width: number) => Element; deps: unknown[]; label: string; class?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const width = Math.max(240, Math.floor(el.clientWidth || 600));
    const chart = props.make(width);
    // The wrapper is the accessible image (role img, a label) and the numbers are
    // in a table beside it: the drawing inside is presentation only.
    for (const el of [chart, ...chart.querySelectorAll('[aria-label],[aria-description]')]) {
      el.removeAttribute('aria-label');
      el.removeAttribute('aria-description');
    }
    for (const svg of [chart, ...chart.querySelectorAll('svg')]) if (svg.tagName.toLowerCase() === 'svg') svg.setAttribute('aria-hidden', 'true');
    el.replaceChildren(chart);
    return () => chart.remove();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, props.deps);
  return <div ref={ref} class={props.class ?? 'chart'} role="img" aria-label={props.label} />;
}
