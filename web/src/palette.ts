// palette.ts: colour-blind-safe colours. Categories use Paul Tol's "muted"
// qualitative scheme (distinct under protanopia, deuteranopia and
// tritanopia; Tol 2021, "Colour Schemes", SRON/EPS/TN/09-002); the marks
// for unheard voices and decision holders are black rings, never a colour
// alone; money uses the diverging PuOr scheme (ColorBrewer, colour-blind safe).

export const CATEGORY = ['#332288', '#88CCEE', '#44AA99', '#117733', '#999933', '#DDCC77', '#CC6677', '#882255', '#AA4499'];
export const OTHER = '#BBBBBB';
export const MARK = '#000000';
export const HIGHLIGHT = '#EE7733';
export const DIVERGING = ['#2d004b', '#8073ac', '#d8daeb', '#f7f7f7', '#fee0b6', '#e08214', '#7f3b08'];

/** categoryColour gives the i-th category its colour; past the palette, grey. */
export function categoryColour(i: number): string {
  return i >= 0 && i < CATEGORY.length ? CATEGORY[i] : OTHER;
}
