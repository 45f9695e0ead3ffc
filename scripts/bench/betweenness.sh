#!/bin/sh
# betweenness.sh times unweighted betweenness centrality on the same
# 10,000-node Barabási–Albert graph (m = 3, seed 1) with voicemap's analysis
# package (go test -bench), igraph and graph-tool, in one run on this
# machine, and prints a Markdown table of the timings and ratios.
#
# Usage, from anywhere in the repository:
#
#	scripts/bench/betweenness.sh [N] [REPEATS]
#
# N defaults to 10000 (the Go benchmarks exist for 2000 and 10000), REPEATS
# to 3. The table is also written to $OUT (default /tmp/betweenness-bench.md).
set -eu

N=${1:-10000}
REPEATS=${2:-3}
OUT=${OUT:-/tmp/betweenness-bench.md}
PY=${PYTHON:-/usr/bin/python3}

cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go run ./scripts/bench/baedges -n "$N" -m 3 -seed 1 >"$work/edges.txt"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

go test -run '^$' -bench "^BenchmarkCentrality/BETWEENNESS/unweighted/n=${N}\$" \
	-benchtime 1x -count "$REPEATS" ./analysis/ >"$work/go.txt"
go_stats=$(awk '/^BenchmarkCentrality/ { s = $3 / 1e9; sum += s; if (min == "" || s < min) min = s; k++ }
	END { if (k == 0) exit 1; printf "%.4f %.4f\n", min, sum / k }' "$work/go.txt")
procs=$(awk '/^BenchmarkCentrality/ { n = split($1, a, "-"); print a[n]; exit }' "$work/go.txt")

"$PY" scripts/bench/python_betweenness.py "$work/edges.txt" "$N" "$REPEATS" >"$work/py.txt"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

go_best=${go_stats% *}
go_mean=${go_stats#* }
{
	echo "Betweenness, Barabási–Albert n=$N m=3 seed 1, best and mean of $REPEATS runs"
	echo
	echo "| implementation | best (s) | mean (s) | best ÷ voicemap best |"
	echo "|---|---:|---:|---:|"
	echo "| voicemap analysis (Go, GOMAXPROCS=$procs) | $go_best | $go_mean | 1.00 |"
	while read -r lib version best mean rest; do
		ratio=$(awk -v a="$best" -v b="$go_best" 'BEGIN { printf "%.2f", a / b }')
		echo "| $lib $version ${rest:+($rest)} | $best | $mean | $ratio |"
	done <"$work/py.txt"
	echo
	echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(go env GOVERSION)."
	echo "Load average before: $load_before; after: $load_after."
} | tee "$OUT"
