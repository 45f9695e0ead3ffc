//go:build unix

package boltstore_test

import (
	"bufio"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/voicemap/voicemap/store/boltstore"
)

// killCyclesEnv overrides the number of writer cycles of TestKill.
const killCyclesEnv = "VOICEMAP_KILL_CYCLES"

// defaultKillCycles keeps TestKill within about 20 s under go test -race
// on two cores.
const defaultKillCycles = 30

// killResult is what one writer cycle printed before it was killed.
type killResult struct {
	acked    []int // ops whose store call returned
	inFlight int   // the op begun but not acknowledged, or -1
	done     bool  // the writer finished its plan before the kill
	killed   bool  // the writer was killed by SIGKILL
}

// TestKill checks durability across crashes: a writer process (this test
// binary running TestKillWriterHelper) writes to one bbolt file and is
// killed with SIGKILL at a random moment (seeded, 5-200 ms after it opened
// the store), over and over on the same file. After every kill the store
// must open, pass bbolt's consistency check, hold every acknowledged write
// with its value intact, and hold the write in flight either whole or not
// at all.
func TestKill(t *testing.T) { testKill(t, false) }

// TestKillBulk is TestKill with every import of the writer written as a
// bulk import (a copy of the file, renamed over it once complete; in
// transactions of 50 puts): an import killed at any point is in the store
// whole or not at all, and no copy is left beside it once reopened.
func TestKillBulk(t *testing.T) { testKill(t, true) }

func testKill(t *testing.T, bulk bool) {
	if testing.Short() {
		t.Skip("kills writer processes mid-write, cycle after cycle: run without -short")
	}
	cycles := defaultKillCycles
	if v := os.Getenv(killCyclesEnv); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("%s=%q: want a positive number", killCyclesEnv, v)
		}
		cycles = n
	}
	path := filepath.Join(t.TempDir(), "voicemap.db")
	rng := rand.New(rand.NewPCG(41, 5))
	var acked, entities, lost, killed, inFlight, inFlightLanded int
	for c := range cycles {
		delay := time.Duration(5+rng.IntN(196)) * time.Millisecond
		res := runKillWriter(t, path, c, delay, bulk)
		if res.killed {
			killed++
		}
		plan := killPlan(c)
		s, err := boltstore.Open(t.Context(), path)
		if err != nil {
			t.Fatalf("cycle %d: Open after kill: %v", c, err)
		}
		if err := s.Check(); err != nil {
			t.Errorf("cycle %d: Check after kill: %v", c, err)
		}
		if strays, _ := filepath.Glob(path + ".import-*"); len(strays) > 0 {
			t.Errorf("cycle %d: bulk import copies left after Open: %v", c, strays)
		}
		for _, n := range res.acked {
			found, total, problems := plan[n].check(t.Context(), s)
			acked++
			entities += total
			lost += total - found
			for _, p := range problems {
				t.Errorf("cycle %d: acknowledged op %d (%s): %s", c, n, plan[n].how, p)
			}
		}
		if n := res.inFlight; n >= 0 && plan[n].unique {
			inFlight++
			found, total, problems := plan[n].check(t.Context(), s)
			switch {
			case found == total:
				inFlightLanded++
			case found != 0:
				t.Errorf("cycle %d: op %d (%s) in flight at the kill is partly written (%d of %d entities): %v",
					c, n, plan[n].how, found, total, problems)
			}
		}
		if err := s.Close(); err != nil {
			t.Fatalf("cycle %d: Close: %v", c, err)
		}
	}
	t.Logf("%d cycles (%d killed mid-plan), %d acknowledged writes (%d entities), %d lost; "+
		"%d writes in flight at the kill (%d landed whole, the rest not at all)",
		cycles, killed, acked, entities, lost, inFlight, inFlightLanded)
	if killed == 0 {
		t.Errorf("no writer was killed mid-plan: the test checked nothing about crashes")
	}
}

// runKillWriter runs writer cycle c on path and SIGKILLs it delay after it
// reports the store open, returning what it acknowledged.
func runKillWriter(t *testing.T, path string, c int, delay time.Duration, bulk bool) killResult {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillWriterHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), killEnvDB+"="+path, killEnvCycle+"="+strconv.Itoa(c))
	if bulk {
		cmd.Env = append(cmd.Env, killEnvBulk+"=1")
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start writer: %v", err)
	}
	res := killResult{inFlight: -1}
	ready := make(chan struct{})
	lines := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			line := sc.Text()
			verb, arg, _ := strings.Cut(line, " ")
			n, _ := strconv.Atoi(arg)
			switch verb {
			case "ready":
				close(ready)
			case "begin":
				res.inFlight = n
			case "ack":
				res.acked = append(res.acked, n)
				res.inFlight = -1
			case "done":
				res.done = true
			}
		}
		lines <- sc.Err()
	}()
	select {
	case <-ready:
		time.Sleep(delay)
	case err := <-lines:
		_ = cmd.Wait()
		t.Fatalf("cycle %d: writer ended before opening the store (%v): %s", c, err, stderr.String())
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("cycle %d: writer did not open the store in 30 s: %s", c, stderr.String())
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Logf("cycle %d: SIGKILL: %v", c, err)
	}
	// Read everything the writer printed before it died, then reap it.
	if err := <-lines; err != nil {
		t.Fatalf("cycle %d: read writer output: %v", c, err)
	}
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
		res.killed = true
	} else if !res.done {
		t.Fatalf("cycle %d: writer failed (%v): %s", c, err, stderr.String())
	}
	return res
}
