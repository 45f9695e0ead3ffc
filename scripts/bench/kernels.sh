#!/bin/sh
# kernels.sh measures the analysis rows of issue 13's table side by side,
# in one run on this machine: voicemap's kernels (analysis.BenchmarkPeers),
# igraph and graph-tool (2 OpenMP threads) on the same graphs, written by
# scripts/bench/kernelsdata: the US power grid (analysis/testdata), and
# Barabási–Albert graphs of 10,000 nodes / 29,991 edges (unweighted, and
# with strengths 1..5) and 100,000 nodes / 999,900 edges. Row by row, the
# Go benchmark runs first and the peers right after it, and the load
# average is recorded before and after each row. It then times cached
# answers of the service (service.BenchmarkCachedAnswer) and prints two
# Markdown tables, also written to $OUT (default /tmp/kernels-bench.md).
#
# Usage, from anywhere in the repository:
#
#	scripts/bench/kernels.sh              # every row, fast rows best of 5
#	REPEATS=3 scripts/bench/kernels.sh    # fewer repeats of the fast rows
#	ROWS="pagerank-ba10k louvain-ba10k" scripts/bench/kernels.sh
#	FULL=1 scripts/bench/kernels.sh       # peers on every source of the 100k rows (tens of minutes)
#
# The all-sources 100k rows (closeness, harmonic) and weighted closeness
# run once each; without FULL=1 the peers' 100k figures are extrapolated
# from 1,000 sources (see python_kernels.py).
set -eu

REPEATS=${REPEATS:-5}
OUT=${OUT:-/tmp/kernels-bench.md}
PY=${PYTHON:-/usr/bin/python3}
ROWS=${ROWS:-"louvain-powergrid louvain-ba10k pagerank-ba10k pagerank-ba100k eigenvector-ba10k eigenvector-ba100k closeness-weighted-ba10k closeness-ba100k harmonic-ba100k"}

cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go run ./scripts/bench/kernelsdata -out "$work" >/dev/null
go test -c -o "$work/analysis.test" ./analysis
go test -c -o "$work/service.test" ./service

repeats_of() {
	case $1 in
	closeness-* | harmonic-*) echo 1 ;;
	*) echo "$REPEATS" ;;
	esac
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "" || b == 0) print "—"; else printf "%.2f", a / b }'; }

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
rows_md="$work/rows.md"
: >"$rows_md"
for row in $ROWS; do
	reps=$(repeats_of "$row")
	load_before=$(cut -d' ' -f1 /proc/loadavg)
	VOICEMAP_PEERS_DATA="$work" "$work/analysis.test" -test.run '^$' -test.bench "^BenchmarkPeers/$row\$" \
		-test.benchtime 1x -test.count "$reps" >"$work/go.txt"
	go_best=$(awk '/^BenchmarkPeers\// { s = $3 / 1e9; if (best == "" || s < best) best = s } END { if (best == "") exit 1; printf "%.6f\n", best }' "$work/go.txt")
	go_sum=$(awk -v r="$row" '$1 == r { sum = $2 } END { print sum }' "$work/checksums.txt")
	"$PY" scripts/bench/python_kernels.py "$row" "$work" "$reps" >"$work/py.txt"
	load_after=$(cut -d' ' -f1 /proc/loadavg)
	ig=$(awk '$1 == "igraph" { print $3, $5; exit }' "$work/py.txt")
	gt=$(awk '$1 == "graph-tool" { print $3, $5; exit }' "$work/py.txt")
	notes=$(awk '$1 != "graph-tool-tol" { lib = $1; $1 = $2 = $3 = $4 = $5 = ""; sub(/^ +/, ""); if ($0 != "") { printf "%s%s: %s", sep, lib, $0; sep = "; " } }' "$work/py.txt")
	# graph-tool again at voicemap's own stopping tolerance (PageRank, eigenvector).
	gt_tol=$(awk '$1 == "graph-tool-tol" { print $3, $5, $6; exit }' "$work/py.txt")
	if [ -n "$gt_tol" ]; then
		set -- $gt_tol
		notes="${notes:+$notes; }graph-tool at voicemap's tolerance ($3): $1 s, checksum $2, graph-tool ÷ voicemap **$(ratio "$1" "$go_best")**"
	fi
	ig_best=${ig% *}
	ig_sum=${ig#* }
	gt_best=${gt% *}
	gt_sum=${gt#* }
	model=$(awk -v r="$row" '$1 == r { print $2 }' "$work/model.txt")
	printf '| %s | %s | %s | %s | %s | **%s** | %s | %s | **%s** | %s | %s → %s | %s |\n' \
		"$row" "$go_best" "${model:-—}" "$go_sum" \
		"${ig_best:-—}" "$(ratio "${ig_best:--}" "$go_best")" "${ig_sum:-—}" \
		"${gt_best:-—}" "$(ratio "${gt_best:--}" "$go_best")" "${gt_sum:-—}" \
		"$load_before" "$load_after" "${notes:-}" >>"$rows_md"
done

"$work/service.test" -test.run '^$' -test.bench '^BenchmarkCachedAnswer$' -test.benchtime 200x >"$work/cached.txt"
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
{
	echo "Kernels side by side: best of $REPEATS (fast rows) or one run (closeness, harmonic), seconds; ratio = peer ÷ voicemap"
	echo
	echo "| row | voicemap | cost model | voicemap checksum | igraph | igraph ÷ voicemap | igraph checksum | graph-tool | graph-tool ÷ voicemap | graph-tool checksum | load (1 min) before → after | notes |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"
	cat "$rows_md"
	echo
	echo "Cached answers (service.BenchmarkCachedAnswer, generated place of 10,000 actors, 200 repeats):"
	echo
	echo "| answer | time per call |"
	echo "|---|---:|"
	awk '/^BenchmarkCachedAnswer\// { name = $1; sub(/^BenchmarkCachedAnswer\//, "", name); sub(/-[0-9]+$/, "", name); printf "| %s | %.4f ms |\n", name, $3 / 1e6 }' "$work/cached.txt"
	echo
	echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(go env GOVERSION), GOMAXPROCS default."
	echo "Load average (1, 5, 15 min) at the start: $load_start; at the end: $load_end."
} | tee "$OUT"
