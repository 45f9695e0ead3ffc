#!/usr/bin/env bash
# storeperf.sh: the paths a user waits on, voicemap against igraph 0.10 and
# graph-tool 2.45 (Debian's, /usr/bin/python3), side by side in one run.
#
#   scripts/bench/storeperf.sh                   # 10k/30k and 100k/1M
#   scripts/bench/storeperf.sh 10000:3           # sizes as ACTORS:TIES_PER_ACTOR
#   REPORT_TIMEOUT=900 scripts/bench/storeperf.sh
#   IMPORT_REPEATS=3 scripts/bench/storeperf.sh    # three import rounds, alternating with igraph
#
# For each size it generates the place of servicetest.GeneratePlace as
# voicemap's GraphML export writes it (scripts/bench/storeperf gen), then:
#   1. import: `voicemap import network.graphml` into a store holding only
#      the places (wall and CPU seconds, peak RSS, from /usr/bin/time);
#      igraph Graph.Read_GraphML and graph-tool load_graph of the same file
#      (python_storeperf.py load: the read alone, library imported first);
#      `voicemap import network.json` (the same network as a JSON document);
#      and in process (go test -bench, store/boltstore): the import, the
#      GraphML parse alone and bbolt alone putting the same keys
#   2. first analysis call: a fresh process opens the store and asks the
#      service for the place's Summary (reading the network, building its
#      graph), then the rest of the full analysis set (storeperf first);
#      igraph's process reads the file and runs a comparable set
#      (python_storeperf.py analyse); peak RSS of each process
#   3. `voicemap report -place town` (wall seconds, or the timeout)
# and prints a Markdown table (also written to $OUT, default
# /tmp/storeperf-bench.md). The machine's load average is printed with
# every size: on a shared machine the absolute times move, the ratios of
# one run less.
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000:3 100000:10)
out=${OUT:-/tmp/storeperf-bench.md}
report_timeout=${REPORT_TIMEOUT:-300}
py=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/voicemap" .
go build -o "$work/storeperf" ./scripts/bench/storeperf
go test -c -o "$work/boltstore.test" ./store/boltstore

# val KEY FILE: the value of a "key value" line.
val() { awk -v k="$1" '$1 == k { print $2; exit }' "$2"; }
# timed FILE CMD...: run CMD, writing "wall user sys maxrss_kb" to FILE.
timed() { local f=$1; shift; /usr/bin/time -f "%e %U %S %M" -o "$f" "$@"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "—"; else printf "%.2f", a / b }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

{
	echo "storeperf run $(date -u +%FT%TZ), $(nproc) cores, $(go version | cut -d' ' -f3), igraph $($py -c 'import igraph; print(igraph.__version__)'), graph-tool $($py -c 'import graph_tool; print(graph_tool.__version__.split()[0])')"
	echo
	echo "| size | path | voicemap | igraph 0.10 | graph-tool 2.45 | ratio (igraph ÷ voicemap) | load average before |"
	echo "|---|---|---:|---:|---:|---:|---|"
} > "$out"

for s in "${sizes[@]}"; do
	n=${s%:*} m=${s#*:}
	d=$work/$n
	"$work/storeperf" gen -n "$n" -m "$m" -out "$d"
	mb=$(du -m "$d/network.graphml" | cut -f1)
	label="$n actors, $((n * m - m * m)) ties ($mb MB GraphML)"
	export VOICEMAP_DATA=$d/voicemap.db VOICEMAP_AUDIT_LOG=$d/audit.log

	# 1. Import.
	loadavg=$(cut -d' ' -f1-3 /proc/loadavg)
	"$work/voicemap" import "$d/places.json" > /dev/null 2>&1
	timed "$d/import.time" "$work/voicemap" import "$d/network.graphml" > /dev/null 2> "$d/import.err"
	read -r vw vu vs vm < "$d/import.time"
	$py scripts/bench/python_storeperf.py load igraph "$d/network.graphml" > "$d/igraph-load.txt"
	timeout 900 $py scripts/bench/python_storeperf.py load graph-tool "$d/network.graphml" > "$d/gt-load.txt" || echo "load_s (timeout)" > "$d/gt-load.txt"
	iw=$(val load_s "$d/igraph-load.txt") gw=$(val load_s "$d/gt-load.txt")
	echo "| $label | import GraphML, wall s | $vw (CPU $(awk -v u="$vu" -v s="$vs" 'BEGIN { printf "%.2f", u + s }')) | $iw (CPU $(val cpu_s "$d/igraph-load.txt")) | $gw | $(ratio "$iw" "$vw") | $loadavg |" >> "$out"
	# More rounds, alternating the two, when IMPORT_REPEATS asks: one
	# igraph read can be slow (page cache, a neighbour's burst).
	for ((k = 2; k <= ${IMPORT_REPEATS:-1}; k++)); do
		rm -f "$VOICEMAP_DATA"
		"$work/voicemap" import "$d/places.json" > /dev/null 2>&1
		timed "$d/import.time" "$work/voicemap" import "$d/network.graphml" > /dev/null 2>> "$d/import.err"
		read -r kw ku ks _ < "$d/import.time"
		$py scripts/bench/python_storeperf.py load igraph "$d/network.graphml" > "$d/igraph-load.txt"
		ki=$(val load_s "$d/igraph-load.txt")
		echo "| $label | import GraphML, wall s, round $k | $kw (CPU $(awk -v u="$ku" -v s="$ks" 'BEGIN { printf "%.2f", u + s }')) | $ki (CPU $(val cpu_s "$d/igraph-load.txt")) | | $(ratio "$ki" "$kw") | $(cut -d' ' -f1-3 /proc/loadavg) |" >> "$out"
	done
	echo "| $label | import GraphML, peak RSS MiB | $(mib "$vm") | $(val peak_rss_mib "$d/igraph-load.txt") | $(val peak_rss_mib "$d/gt-load.txt") | | |" >> "$out"
	# The import's phases in process, on the same place (go test -bench):
	# the whole import, the parse alone, and bbolt alone putting every key
	# the import writes (the floor of the store's format).
	IMPORT_BENCH_ACTORS=$n IMPORT_BENCH_TIES=$m "$work/boltstore.test" -test.run '^$' \
		-test.bench '^Benchmark(ImportGraphML|ParseGraphML|BoltPutFloor)$' -test.benchtime 1x > "$d/phases.txt"
	phase() { awk -v b="Benchmark$1" '$1 ~ "^"b"(-[0-9]+)?$" { printf "%.2f", $3 / 1e9 }' "$d/phases.txt"; }
	pi=$(phase ImportGraphML) pp=$(phase ParseGraphML) pf=$(phase BoltPutFloor)
	echo "| $label | in-process import (BenchmarkImportGraphML), s | $pi | $iw | | $(ratio "$iw" "$pi") | |" >> "$out"
	echo "| $label | of it, the GraphML parse alone (BenchmarkParseGraphML), s | $pp | | | $(ratio "$iw" "$pp") | |" >> "$out"
	echo "| $label | bbolt alone putting the same keys (BenchmarkBoltPutFloor), s | $pf | | | $(ratio "$iw" "$pf") | |" >> "$out"
	VOICEMAP_DATA=$d/json.db "$work/voicemap" import "$d/places.json" > /dev/null 2>&1
	VOICEMAP_DATA=$d/json.db timed "$d/json.time" "$work/voicemap" import "$d/network.json" > /dev/null 2>&1
	read -r jw ju js jm < "$d/json.time"
	echo "| $label | import JSON document, wall s (peak RSS MiB) | $jw ($(mib "$jm")) | | | | |" >> "$out"

	# 2. First analysis call and the full set.
	loadavg=$(cut -d' ' -f1-3 /proc/loadavg)
	"$work/storeperf" first -db "$d/voicemap.db" > "$d/first.txt"
	$py scripts/bench/python_storeperf.py analyse "$d/network.graphml" > "$d/igraph-analyse.txt"
	fw=$(val first_call_s "$d/first.txt") ia=$(val load_s "$d/igraph-analyse.txt")
	echo "| $label | first analysis call (voicemap) vs GraphML load (igraph), s | $fw | $ia | | $(ratio "$ia" "$fw") | $loadavg |" >> "$out"
	echo "| $label | full analysis set, peak RSS MiB (voicemap: anon + file pages) | $(val peak_rss_mib "$d/first.txt") ($(mib "$(val rssanon_kb "$d/first.txt")") + $(mib "$(val rssfile_kb "$d/first.txt")")) | $(val peak_rss_mib "$d/igraph-analyse.txt") | | $(ratio "$(val peak_rss_mib "$d/igraph-analyse.txt")" "$(val peak_rss_mib "$d/first.txt")") | |" >> "$out"

	# 3. The report.
	loadavg=$(cut -d' ' -f1-3 /proc/loadavg)
	if timed "$d/report.time" timeout "$report_timeout" "$work/voicemap" report -place town -out "$d/report.md" 2> "$d/report.err"; then
		read -r rw _ _ rm < "$d/report.time"
		echo "| $label | voicemap report, wall s (peak RSS MiB) | $rw ($(mib "$rm")) | | | | $loadavg |" >> "$out"
	else
		echo "| $label | voicemap report | did not finish in ${report_timeout} s (last step: $(grep '^report \[' "$d/report.err" | tail -1 | sed 's/|/\\|/g')) | | | | $loadavg |" >> "$out"
	fi
done
cat "$out"
