#!/usr/bin/env bash
# Runs every fuzz target of the repository (each `func FuzzXxx(f *testing.F)`
# in a _test.go file) for a short time: FUZZTIME each (default 5s), one
# worker, so that CI catches a parser that panics or breaks a property on
# input its seed corpus does not cover. Fails when any target fails; the
# crashing input is then in that package's testdata/fuzz/FuzzXxx directory.
# Usage: bash .ci/fuzz.sh   (FUZZTIME=60s bash .ci/fuzz.sh for a longer run)
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime=${FUZZTIME:-5s}
failed=()
count=0
start=$SECONDS
files=$(git ls-files --cached --others --exclude-standard -- '*_test.go' | xargs grep -l '^func Fuzz[A-Za-z0-9_]*(f \*testing\.F)' | sort)
for file in $files; do
  pkg=$(dirname "$file")
  [ "$pkg" = . ] || pkg=./$pkg
  for name in $(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(f \*testing\.F).*/\1/p' "$file"); do
    count=$((count + 1))
    printf -- '-- %s %s (%s)\n' "$pkg" "$name" "$fuzztime"
    if ! go test -run '^$' -fuzz "^$name\$" -fuzztime "$fuzztime" -parallel 1 "$pkg"; then
      failed+=("$pkg $name")
    fi
  done
done
if [ "$count" -eq 0 ]; then
  echo "no fuzz targets found"; exit 1
fi
echo "$count fuzz targets in $((SECONDS - start))s"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz targets failed:"; printf '  %s\n' "${failed[@]}"; exit 1
fi
