// framing: where the map's camera starts, computed from the positions the
// server laid out, before sigma has indexed the graph.

/** Camera is a sigma camera state. */
export interface Camera {
  x: number;
  y: number;
  ratio: number;
  angle: number;
}

/** quantile returns the q-quantile of sorted xs. */
function quantile(xs: Float64Array, q: number): number {
  return xs[Math.min(xs.length - 1, Math.max(0, Math.round(q * (xs.length - 1))))];
}

/**
 * framing frames the camera on the middle 90% of the nodes (by x and by y),
 * so that a few isolated actors laid out far away do not shrink the
 * network to a dot; they stay reachable by zooming out. Positions are the
 * graph's own; the camera is in sigma's normalised frame, which maps the
 * whole extent of the nodes into [0, 1] with one scale for both axes
 * (sigma 3's createNormalizationFunction), so a quantile there is the
 * normalised quantile here.
 */
export function framing(xs: ArrayLike<number>, ys: ArrayLike<number>): Camera {
  const n = xs.length;
  if (n < 20) return { x: 0.5, y: 0.5, ratio: 1, angle: 0 };
  const sx = Float64Array.from(xs).sort();
  const sy = Float64Array.from(ys).sort();
  let scale = Math.max(sx[n - 1] - sx[0], sy[n - 1] - sy[0]);
  if (!(scale > 0) || !Number.isFinite(scale)) scale = 1;
  const cx = (sx[n - 1] + sx[0]) / 2;
  const cy = (sy[n - 1] + sy[0]) / 2;
  const [x0, x1, y0, y1] = [quantile(sx, 0.05), quantile(sx, 0.95), quantile(sy, 0.05), quantile(sy, 0.95)];
  const bulk = Math.max(x1 - x0, y1 - y0);
  return {
    x: 0.5 + ((x0 + x1) / 2 - cx) / scale,
    y: 0.5 + ((y0 + y1) / 2 - cy) / scale,
    // A bulk laid out on one point is shown whole rather than zoomed into.
    ratio: bulk > 0 ? Math.min(1, (bulk / scale) * 1.25) : 1,
    angle: 0,
  };
}
