// dates.ts: ISO calendar dates (YYYY-MM-DD, UTC) and the as-of slider's
// steps: the first of each month over the last eight years, then today.

/** SLIDER_YEARS is how many years before this one the slider starts. */
export const SLIDER_YEARS = 7;

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function today(): string {
  return isoDate(new Date());
}

/** isIsoDate reports whether s is a valid YYYY-MM-DD date. */
export function isIsoDate(s: string | null | undefined): s is string {
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(s + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && isoDate(d) === s;
}

/** sliderSteps returns the slider's dates: 1 January SLIDER_YEARS years before end's year, each first of a month after it, and end itself. */
export function sliderSteps(end: string): string[] {
  const year = Number(end.slice(0, 4)) - SLIDER_YEARS;
  const out: string[] = [];
  for (let y = year; ; y++) {
    for (let m = 1; m <= 12; m++) {
      const d = `${y}-${String(m).padStart(2, '0')}-01`;
      if (d >= end) {
        out.push(end);
        return out;
      }
      out.push(d);
    }
  }
}

/** nearestStep returns the index of the step at or before date (0 when before all). */
export function nearestStep(steps: string[], date: string): number {
  let i = 0;
  while (i + 1 < steps.length && steps[i + 1] <= date) i++;
  return i;
}

/** formatDate writes an ISO date as "1 Jun 2024". */
export function formatDate(iso: string): string {
  const d = new Date(iso + 'T00:00:00Z');
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}
