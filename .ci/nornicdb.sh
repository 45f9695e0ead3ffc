#!/usr/bin/env bash
# nornicdb.sh builds, starts and stops NornicDB, the Bolt + Cypher compatible
# server in Go that CI uses in place of Neo4j 5 (which cannot be installed on
# the CI machine; users run real Neo4j 5 via docker compose).
#
# Usage:
#   .ci/nornicdb.sh build
#       Build .ci/nornicdb/bin/nornicdb from the pinned module in .ci/nornicdb
#       (tags noui,nolocalllm). Skipped when the binary already carries the
#       pinned version and tags. Measured on 2 cores: about 90 s from an
#       empty module cache (downloads included), 84 s with the modules
#       already downloaded, and 0.04 s when the binary is already built.
#   .ci/nornicdb.sh start DATA_DIR BOLT_PORT HTTP_PORT
#       Start the server on 127.0.0.1 without auth, in the background, with
#       its pid in DATA_DIR/nornicdb.pid and its log in DATA_DIR/nornicdb.log;
#       wait (up to 60 s) until the Bolt port accepts connections, then print
#       the URI bolt://127.0.0.1:BOLT_PORT. Its telemetry listener (metrics
#       and health, :9090 on all interfaces by default, so a second server
#       would fail to start) is bound to 127.0.0.1:HTTP_PORT+1 through
#       NORNICDB_TELEMETRY_LISTEN, the variable NornicDB v1.2.0 reads
#       (pkg/config/config.go and pkg/observability/config.go); so give each
#       server its own HTTP_PORT with HTTP_PORT+1 free too.
#   .ci/nornicdb.sh stop DATA_DIR
#       Stop the server started with that DATA_DIR (by its pid file).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
moddir="$here/nornicdb"
bin="$moddir/bin/nornicdb"
pkg="github.com/orneryd/nornicdb"
tags="noui,nolocalllm"

die() {
	echo "nornicdb.sh: $*" >&2
	exit 1
}

pinned_version() {
	(cd "$moddir" && go list -m -f '{{.Version}}' "$pkg")
}

# built_ok reports whether $bin exists and was built from the pinned version
# with the expected tags, read from the binary's own build information.
built_ok() {
	[ -x "$bin" ] || return 1
	local info want
	info="$(go version -m "$bin" 2>/dev/null)" || return 1
	want="$(pinned_version)"
	grep -Eq "^[[:space:]]+(mod|dep)[[:space:]]+$pkg[[:space:]]+$want([[:space:]]|$)" <<<"$info" || return 1
	grep -Eq "^[[:space:]]+build[[:space:]]+-tags=$tags$" <<<"$info" || return 1
}

cmd_build() {
	if built_ok; then
		echo "nornicdb.sh: $bin is already $(pinned_version)" >&2
		return 0
	fi
	mkdir -p "$moddir/bin"
	local start end
	start=$(date +%s)
	(cd "$moddir" && go build -trimpath -tags "$tags" -o "$bin.tmp" "$pkg/cmd/nornicdb")
	mv -f "$bin.tmp" "$bin"
	end=$(date +%s)
	echo "nornicdb.sh: built $bin ($(pinned_version)) in $((end - start)) s" >&2
}

# port_open reports whether something accepts TCP connections on 127.0.0.1:$1.
port_open() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

cmd_start() {
	[ $# -eq 3 ] || die "usage: start DATA_DIR BOLT_PORT HTTP_PORT"
	local dir="$1" bolt="$2" http="$3"
	[[ "$bolt" =~ ^[0-9]+$ && "$http" =~ ^[0-9]+$ ]] || die "ports must be numbers"
	local telemetry=$((http + 1))
	[ "$telemetry" -le 65535 ] || die "HTTP port $http leaves no room for the telemetry port HTTP_PORT+1"
	[ -x "$bin" ] || die "$bin is missing: run '$0 build' first"
	mkdir -p "$dir"
	dir="$(cd "$dir" && pwd)"
	local pidfile="$dir/nornicdb.pid"
	if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
		die "already running with pid $(cat "$pidfile") for $dir"
	fi
	local p
	for p in "$bolt" "$http" "$telemetry"; do
		if port_open "$p"; then
			die "port $p is already in use (BOLT_PORT, HTTP_PORT and HTTP_PORT+1 must be free)"
		fi
	done
	# setsid: the server must outlive this script and not share its
	# process group, so that stop can end exactly this process.
	NORNICDB_TELEMETRY_LISTEN="127.0.0.1:$telemetry" setsid "$bin" serve --address 127.0.0.1 --bolt-port "$bolt" --http-port "$http" \
		--data-dir "$dir/data" --no-auth --headless --mcp-enabled=false \
		</dev/null >"$dir/nornicdb.log" 2>&1 &
	local pid=$!
	echo "$pid" >"$pidfile"
	local i
	for i in $(seq 1 120); do
		if port_open "$bolt"; then
			echo "bolt://127.0.0.1:$bolt"
			return 0
		fi
		if ! kill -0 "$pid" 2>/dev/null; then
			tail -n 30 "$dir/nornicdb.log" >&2 || true
			rm -f "$pidfile"
			die "server exited before its Bolt port $bolt opened"
		fi
		sleep 0.5
	done
	tail -n 30 "$dir/nornicdb.log" >&2 || true
	kill "$pid" 2>/dev/null || true
	rm -f "$pidfile"
	die "Bolt port $bolt did not open within 60 s"
}

cmd_stop() {
	[ $# -eq 1 ] || die "usage: stop DATA_DIR"
	local pidfile="$1/nornicdb.pid"
	[ -f "$pidfile" ] || {
		echo "nornicdb.sh: no pid file in $1, nothing to stop" >&2
		return 0
	}
	local pid i
	pid="$(cat "$pidfile")"
	if kill -0 "$pid" 2>/dev/null; then
		kill "$pid"
		for i in $(seq 1 40); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.25
		done
		if kill -0 "$pid" 2>/dev/null; then
			echo "nornicdb.sh: pid $pid did not stop in 10 s, killing it" >&2
			kill -9 "$pid" 2>/dev/null || true
		fi
	fi
	rm -f "$pidfile"
}

case "${1:-}" in
build) shift; cmd_build "$@" ;;
start) shift; cmd_start "$@" ;;
stop) shift; cmd_stop "$@" ;;
*) die "usage: $0 build | start DATA_DIR BOLT_PORT HTTP_PORT | stop DATA_DIR" ;;
esac
