// plotMarks.ts: the parts of Observable Plot the dashboard's charts use,
// the module PlotChart loads as a chunk of its own (plotModule). Named
// here, not imported whole, so that the chunk holds only what they use.
export { barX, dot, lineY, plot, ruleX, ruleY, text } from '@observablehq/plot';
