// Unit tests of where the map's camera starts (framing): the middle 90% of
// the nodes, in sigma's normalised frame.
import { describe, expect, it } from 'vitest';
import { framing } from './framing';

describe('framing', () => {
  it('shows a small network whole', () => {
    expect(framing([0, 10, 50], [3, 4, 5])).toEqual({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
  });

  it('never zooms out beyond the whole network', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i);
    const c = framing(xs, xs);
    expect(c.x).toBeCloseTo(0.5, 12);
    expect(c.y).toBeCloseTo(0.5, 12);
    expect(c.ratio).toBe(1);
  });

  it('frames the bulk, not a far outlier', () => {
    // A 10 × 10 grid on [0, 9]² and one actor laid out at (1000, 0). The
    // normalised frame spans the extent [0, 1000] (scale 1000, centre
    // (500, 4.5)); the 5% and 95% quantiles are 0 and 9 on both axes, so
    // the camera looks at (4.5, 4.5), at 0.5 + (4.5 − 500) / 1000 = 0.0045
    // and 0.5 + (4.5 − 4.5) / 1000 = 0.5, with ratio 9 / 1000 × 1.25.
    const xs = [...Array.from({ length: 100 }, (_, i) => i % 10), 1000];
    const ys = [...Array.from({ length: 100 }, (_, i) => Math.floor(i / 10)), 0];
    const c = framing(xs, ys);
    expect(c.x).toBeCloseTo(0.0045, 12);
    expect(c.y).toBeCloseTo(0.5, 12);
    expect(c.ratio).toBeCloseTo(0.01125, 12);
    expect(c.angle).toBe(0);
  });

  it('keeps a network laid out on a single point in view', () => {
    const xs = Array.from({ length: 30 }, () => 7);
    expect(framing(xs, xs)).toEqual({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
  });
});
