// fa2.mjs times graphology's ForceAtlas2 (graphology-layout-forceatlas2,
// synchronous, Barnes–Hut on) on the graph and starting positions written
// by `go run ./scripts/bench/layout -graph FILE`, with the same settings as
// analysis/layout's defaults, and prints one JSON object.
//
//	node fa2.mjs FILE ITERATIONS REPEATS
//
// Settings: scalingRatio 2, gravity 1, no strong gravity, no LinLog, edge
// weight influence 1 (every tie weighs 1, so the mass is deg + 1 in both),
// no overlap prevention, slowDown 1. Barnes–Hut: graphology opens a cell
// of side s at distance d unless 2·s/d < θ; analysis/layout unless s/d < θ,
// so graphology's θ is twice the file's.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';

const [file, iterArg, repArg] = process.argv.slice(2);
const g = JSON.parse(readFileSync(file, 'utf8'));
const iterations = Number(iterArg);
const repeats = Number(repArg);

const graph = new Graph({ type: 'undirected' });
for (let i = 0; i < g.nodes; i++) graph.addNode(i, { x: g.x[i], y: g.y[i] });
for (const [u, v] of g.edges) graph.addEdge(u, v);

const settings = {
  scalingRatio: 2,
  gravity: 1,
  strongGravityMode: false,
  linLogMode: false,
  edgeWeightInfluence: 1,
  adjustSizes: false,
  outboundAttractionDistribution: false,
  slowDown: 1,
  barnesHutOptimize: true,
  barnesHutTheta: 2 * g.theta,
};

// Wall time and CPU time (user and system, every thread of the process,
// which on a shared machine moves less than the wall time).
let best = Infinity;
let bestCPU = Infinity;
let sum = 0;
for (let r = 0; r < repeats; r++) {
  graph.updateEachNodeAttributes((node, attr) => ({ ...attr, x: g.x[node], y: g.y[node] }));
  const t = performance.now();
  const c = process.cpuUsage();
  forceAtlas2.assign(graph, { iterations, settings });
  const used = process.cpuUsage(c);
  const s = (performance.now() - t) / 1000;
  best = Math.min(best, s);
  bestCPU = Math.min(bestCPU, (used.user + used.system) / 1e6);
  sum += s;
}
console.log(JSON.stringify({
  library: 'graphology-layout-forceatlas2',
  nodes: graph.order,
  edges: graph.size,
  iterations,
  repeats,
  theta: settings.barnesHutTheta,
  best_seconds: best,
  mean_seconds: sum / repeats,
  best_cpu_seconds: bestCPU,
}));
