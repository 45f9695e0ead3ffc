#!/usr/bin/env bash
# Runs every fuzz target of the repository (each `func FuzzXxx(f *testing.F)`
# in a _test.go file) for a short time: FUZZTIME each (default 5s), one
# worker, so that CI catches a parser that panics or breaks a property on
# input its seed corpus does not cover. Fails when any target fails; the
# crashing input is then in that package's testdata/fuzz/FuzzXxx directory.
# Usage: bash .ci/fuzz.sh   (FUZZTIME=60s bash .ci/fuzz.sh for a longer run)
#
# Go 1.26's fuzzing coordinator can fail a target at the -fuzztime boundary
# with a bare "context deadline exceeded" having found nothing (a race
# between the fuzztime deadline and its workers, golang/go#75804, fixed in
# Go 1.27). A failure that writes no new input under testdata/fuzz/FuzzXxx
# and says only that is run once more; a second such failure is reported
# as that race, not as a finding. Any written crasher fails at once.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime=${FUZZTIME:-5s}
failed=()
flaked=()

# corpus lists the inputs stored for target $2 of package $1.
corpus() {
  ls "$1/testdata/fuzz/$2" 2>/dev/null | sort || true
}

# run_target fuzzes one target, retrying once after the coordinator race.
run_target() {
  local pkg=$1 name=$2 attempt before out
  for attempt in 1 2; do
    before=$(corpus "$pkg" "$name")
    out=$(mktemp)
    if go test -run '^$' -fuzz "^$name\$" -fuzztime "$fuzztime" -parallel 1 "$pkg" 2>&1 | tee "$out"; then
      rm -f "$out"
      return 0
    fi
    if [ "$(corpus "$pkg" "$name")" != "$before" ] || ! grep -q '^    context deadline exceeded$' "$out" || grep -q 'Failing input written' "$out"; then
      rm -f "$out"
      return 1
    fi
    rm -f "$out"
    echo "   (no input written, only 'context deadline exceeded': Go's fuzz coordinator race, golang/go#75804)"
  done
  flaked+=("$pkg $name")
  return 0
}
count=0
start=$SECONDS
files=$(git ls-files --cached --others --exclude-standard -- '*_test.go' | xargs grep -l '^func Fuzz[A-Za-z0-9_]*(f \*testing\.F)' | sort)
for file in $files; do
  pkg=$(dirname "$file")
  [ "$pkg" = . ] || pkg=./$pkg
  for name in $(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(f \*testing\.F).*/\1/p' "$file"); do
    count=$((count + 1))
    printf -- '-- %s %s (%s)\n' "$pkg" "$name" "$fuzztime"
    if ! run_target "$pkg" "$name"; then
      failed+=("$pkg $name")
    fi
  done
done
if [ "$count" -eq 0 ]; then
  echo "no fuzz targets found"; exit 1
fi
echo "$count fuzz targets in $((SECONDS - start))s"
if [ "${#flaked[@]}" -gt 0 ]; then
  echo "hit Go's fuzz coordinator race twice, nothing found:"; printf '  %s\n' "${flaked[@]}"
fi
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz targets failed:"; printf '  %s\n' "${failed[@]}"; exit 1
fi
