#!/bin/sh
# run.sh times ForceAtlas2 with Barnes–Hut on the same 10,000-node,
# 29,991-tie Barabási–Albert graph (m = 3, seed 1), from the same starting
# positions and for the same number of iterations, with voicemap's
# analysis/layout (Go) and with graphology-layout-forceatlas2 (Node 20),
# back to back in one run, and prints a Markdown table with the ratio.
#
# Usage, from anywhere in the repository (one command, quiet):
#
#	sh scripts/bench/layout/run.sh [N] [ITERATIONS] [REPEATS]
#
# N defaults to 10000, ITERATIONS to 300, REPEATS to 3. The first run
# installs graphology from the lockfile (npm ci) into
# scripts/bench/layout/node_modules. The table is also written to $OUT
# (default /tmp/layout-bench.md). The load average before and after is
# printed: the machine may be shared.
set -eu

N=${1:-10000}
ITERATIONS=${2:-300}
REPEATS=${3:-3}
OUT=${OUT:-/tmp/layout-bench.md}

here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -d "$here/node_modules/graphology-layout-forceatlas2" ]; then
	(cd "$here" && npm ci --no-audit --no-fund --silent >/dev/null)
fi
go build -o "$work/layout-bench" ./scripts/bench/layout

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
"$work/layout-bench" -n "$N" -m 3 -seed 1 -iterations "$ITERATIONS" -repeats "$REPEATS" -graph "$work/graph.json" >"$work/go.json"
node "$here/fa2.mjs" "$work/graph.json" "$ITERATIONS" "$REPEATS" >"$work/js.json"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

node -e '
const [goFile, jsFile, before, after, cpus] = process.argv.slice(1);
const fs = require("fs");
const go = JSON.parse(fs.readFileSync(goFile, "utf8"));
const js = JSON.parse(fs.readFileSync(jsFile, "utf8"));
const ms = (s, it) => (1000 * s / it).toFixed(2);
const f = (s) => s.toFixed(3);
console.log(`ForceAtlas2 + Barnes–Hut, Barabási–Albert n=${go.nodes} m=3 seed 1 (${go.edges} ties), ${go.iterations} iterations from the same start, best and mean of ${go.repeats} runs`);
console.log("");
console.log("| implementation | best wall (s) | mean wall (s) | per iteration (ms) | best CPU (s) | graphology / this, wall | graphology / this, CPU |");
console.log("|---|---:|---:|---:|---:|---:|---:|");
console.log(`| analysis/layout, ${go.workers} workers | ${f(go.best_seconds)} | ${f(go.mean_seconds)} | ${ms(go.best_seconds, go.iterations)} | ${f(go.best_cpu_seconds)} | ${(js.best_seconds / go.best_seconds).toFixed(1)} | ${(js.best_cpu_seconds / go.best_cpu_seconds).toFixed(1)} |`);
console.log(`| analysis/layout, 1 worker | ${f(go.best_seconds_1_worker)} | | ${ms(go.best_seconds_1_worker, go.iterations)} | ${f(go.best_cpu_seconds_1_worker)} | ${(js.best_seconds / go.best_seconds_1_worker).toFixed(1)} | ${(js.best_cpu_seconds / go.best_cpu_seconds_1_worker).toFixed(1)} |`);
console.log(`| graphology-layout-forceatlas2 0.10.1 (Node ${process.versions.node}), θ=${js.theta} in its convention | ${f(js.best_seconds)} | ${f(js.mean_seconds)} | ${ms(js.best_seconds, js.iterations)} | ${f(js.best_cpu_seconds)} | 1 | 1 |`);
console.log("");
console.log(`analysis/layout with its stopping rule stops after ${go.default_stops_at} iterations: ${f(go.default_seconds)} s (best of ${go.repeats}).`);
console.log(`Load average before ${before}, after ${after} on ${cpus} CPUs (the machine is shared).`);
' "$work/go.json" "$work/js.json" "$load_before" "$load_after" "$(nproc)" | tee "$OUT"
