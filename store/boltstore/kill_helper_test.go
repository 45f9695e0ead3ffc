//go:build unix

package boltstore_test

import (
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/voicemap/voicemap/store/boltstore"
)

// Environment of the writer process that TestKill starts.
const (
	killEnvDB    = "VOICEMAP_KILL_HELPER_DB"
	killEnvCycle = "VOICEMAP_KILL_HELPER_CYCLE"
	// killEnvBulk set to 1 makes every import a bulk import (TestKillBulk).
	killEnvBulk = "VOICEMAP_KILL_HELPER_BULK"
)

// TestKillWriterHelper is not a test: it is the writer process of TestKill,
// which runs this test binary again with killEnvDB set. It opens the store,
// prints "ready", then for each op of killPlan prints "begin N", makes the
// store call and, once it has returned, prints "ack N" (the write is then
// acknowledged), until TestKill kills it. Without killEnvDB it skips.
func TestKillWriterHelper(t *testing.T) {
	path := os.Getenv(killEnvDB)
	if path == "" {
		t.Skip("helper process of TestKill")
	}
	cycle, err := strconv.Atoi(os.Getenv(killEnvCycle))
	if err != nil {
		t.Fatalf("%s: %v", killEnvCycle, err)
	}
	if os.Getenv(killEnvBulk) == "1" {
		defer boltstore.SetBulk(1, 50)()
	}
	ctx := t.Context()
	s, err := boltstore.Open(ctx, path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	// os.Stdout is unbuffered: each line reaches the pipe with its own
	// write, so a line the parent reads was printed in full.
	fmt.Fprintln(os.Stdout, "ready")
	for n, op := range killPlan(cycle) {
		fmt.Fprintf(os.Stdout, "begin %d\n", n)
		if err := op.run(ctx, s); err != nil {
			t.Fatalf("op %d (%s): %v", n, op.how, err)
		}
		fmt.Fprintf(os.Stdout, "ack %d\n", n)
	}
	fmt.Fprintln(os.Stdout, "done")
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
}
