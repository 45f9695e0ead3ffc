package storetest

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/voicemap/voicemap/store"
)

// Every refusal the suite provokes is compared, whole, with the one
// recorded in testdata/refusals.txt: its code, its message and, for a
// refused batch, every problem it lists. Both stores must give exactly the
// recorded answer, so they agree with each other by construction of the
// test. A line of the file is
//
//	<subtest path below the store's own test>\t<what was done>\t<code>\t<message as a Go string>\t<details as Go strings, tab-separated>
//
// When a refusal changes on purpose, regenerate the file from the
// embedded store (VOICEMAP_UPDATE_REFUSALS=1 go test ./store/boltstore/),
// check the diff, then run the suite against Neo4j too.

//go:embed testdata/refusals.txt
var refusalsFile []byte

// updateRefusals names the environment variable that rewrites the file.
const updateRefusals = "VOICEMAP_UPDATE_REFUSALS"

var (
	refusalsOnce sync.Once
	refusals     map[string]string
	recordedMu   sync.Mutex
	recorded     = map[string]string{}
)

// refusalKey names one check: the subtest path without the store's own
// top-level test name (TestConformance, TestNeo4jConformance, ...), and
// what was done.
func refusalKey(t *testing.T, what string) string {
	name := t.Name()
	if i := strings.IndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	return name + "\t" + what
}

// refusalLine renders err as the recorded part of a line.
func refusalLine(err error) string {
	parts := []string{store.ErrorCode(err), fmt.Sprintf("%q", store.ErrorMessage(err))}
	for _, d := range store.ErrorDetails(err) {
		parts = append(parts, fmt.Sprintf("%q", d))
	}
	return strings.Join(parts, "\t")
}

// wantRefusal fails unless err is exactly the refusal recorded for what in
// this subtest (see above), with code want.
func wantRefusal(t *testing.T, err error, want, what string) {
	t.Helper()
	if got := store.ErrorCode(err); got != want {
		t.Fatalf("%s: error code = %q (%v), want %q", what, got, err, want)
	}
	key, got := refusalKey(t, what), refusalLine(err)
	if os.Getenv(updateRefusals) != "" {
		recordedMu.Lock()
		if _, dup := recorded[key]; dup {
			t.Errorf("%s: the check %q is made twice in one subtest: give each its own description", what, key)
		}
		recorded[key] = got
		recordedMu.Unlock()
		return
	}
	refusalsOnce.Do(loadRefusals)
	wantLine, ok := refusals[key]
	switch {
	case !ok:
		t.Fatalf("%s: no refusal recorded for %q in storetest/testdata/refusals.txt (got %s); regenerate it with %s=1", what, key, got, updateRefusals)
	case got != wantLine:
		t.Fatalf("%s: refusal\n got  %s\n want %s", what, got, wantLine)
	}
}

func loadRefusals() {
	refusals = map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(refusalsFile))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		parts := strings.SplitN(sc.Text(), "\t", 3)
		if len(parts) == 3 && !strings.HasPrefix(parts[0], "#") {
			refusals[parts[0]+"\t"+parts[1]] = parts[2]
		}
	}
}

// WriteRefusals writes, when the update variable is set, every refusal
// recorded in this process to testdata/refusals.txt; a store's TestMain
// calls it after the suite ran. It reports whether it wrote.
func WriteRefusals() (bool, error) {
	if os.Getenv(updateRefusals) == "" {
		return false, nil
	}
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return false, fmt.Errorf("storetest: cannot locate the package source")
	}
	recordedMu.Lock()
	defer recordedMu.Unlock()
	keys := make([]string, 0, len(recorded))
	for k := range recorded {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b bytes.Buffer
	b.WriteString("# Refusals of the store conformance suite: see refusals.go. Generated; do not edit by hand.\n")
	for _, k := range keys {
		b.WriteString(k + "\t" + recorded[k] + "\n")
	}
	return true, os.WriteFile(filepath.Join(filepath.Dir(file), "testdata", "refusals.txt"), b.Bytes(), 0o644)
}
