package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/voicemap/voicemap/analysis"
)

// Progress display of the command line.
const (
	// progressAfter is how long a step runs before its progress is shown.
	progressAfter = 2 * time.Second
	// progressRedraw is how often a terminal line is redrawn.
	progressRedraw = 250 * time.Millisecond
	// progressEvery is how often a line is written when stderr is not a
	// terminal (a log file, a pipe).
	progressEvery = 5 * time.Second
)

// progress shows on w how far the steps of a long command have come. A
// step that runs longer than after gets a line naming it with how much of
// its current computation is done (analysis.WithProgress: sources,
// samples, batches, or Louvain's passes) and the time so far; on a
// terminal the line is redrawn in place every redraw, elsewhere a line is
// written every every; when such a step ends a last line says how long it
// took. Quick steps print nothing. It is safe for concurrent use; close
// stops it.
type progress struct {
	w              io.Writer
	terminal       bool
	after, every   time.Duration
	mu             sync.Mutex
	step           string
	start, written time.Time
	done, total    int64
	shown          bool
	stop           chan struct{}
	stopped        sync.WaitGroup
}

// newProgress returns a progress writing to w, which it treats as a
// terminal when it is a character device, that looks at the running step
// every progressRedraw.
func newProgress(w io.Writer) *progress {
	p := &progress{w: w, terminal: isTerminal(w), after: progressAfter, every: progressEvery, stop: make(chan struct{})}
	p.stopped.Add(1)
	go p.tick(progressRedraw)
	return p
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// run runs the step fn, passing it ctx with a progress function, and
// shows its progress.
func (p *progress) run(ctx context.Context, step string, fn func(ctx context.Context) error) error {
	p.mu.Lock()
	p.step, p.start, p.done, p.total, p.shown = step, time.Now(), 0, 0, false
	p.mu.Unlock()
	err := fn(analysis.WithProgress(ctx, p.update))
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		status := "done"
		if err != nil {
			status = "stopped"
		}
		p.print(fmt.Sprintf("%s: %s in %s", step, status, time.Since(p.start).Round(100*time.Millisecond)), true)
	}
	p.step = ""
	return err
}

// update is the progress function of the steps' computations.
func (p *progress) update(done, total int64) {
	p.mu.Lock()
	p.done, p.total = done, total
	p.mu.Unlock()
}

// tick shows the running step's progress every redraw until close.
func (p *progress) tick(redraw time.Duration) {
	defer p.stopped.Done()
	t := time.NewTicker(redraw)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case now := <-t.C:
			p.show(now)
		}
	}
}

// show writes the running step's line as of now, if the step has run
// longer than after and (elsewhere than on a terminal) the last line is
// older than every.
func (p *progress) show(now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.step != "" && now.Sub(p.start) >= p.after && (p.terminal || now.Sub(p.written) >= p.every) {
		p.print(p.line(now), false)
	}
}

// line describes the running step at now. The caller holds p.mu.
func (p *progress) line(now time.Time) string {
	elapsed := now.Sub(p.start).Round(100 * time.Millisecond)
	switch {
	case p.total > 0:
		return fmt.Sprintf("%s: %d%% (%d of %d), %s", p.step, p.done*100/p.total, p.done, p.total, elapsed)
	case p.done > 0:
		return fmt.Sprintf("%s: pass %d, %s", p.step, p.done, elapsed)
	}
	return fmt.Sprintf("%s: %s", p.step, elapsed)
}

// print writes a line: on a terminal over the previous one, ending it when
// final; elsewhere as a line of its own. The caller holds p.mu.
func (p *progress) print(line string, final bool) {
	switch {
	case p.terminal && final:
		fmt.Fprintf(p.w, "\r\033[K%s\n", line)
	case p.terminal:
		fmt.Fprintf(p.w, "\r\033[K%s", line)
	default:
		fmt.Fprintln(p.w, line)
	}
	p.shown, p.written = true, time.Now()
}

// close stops the display.
func (p *progress) close() {
	close(p.stop)
	p.stopped.Wait()
}

// progressLines prints the progress of a long command to stderr, one line
// per phase each time its share done passes another tenth (a line, not a
// redrawn bar, so that a log file reads as well as a terminal):
//
//	parse: 40% (41.9 MB of 104.8 MB)
//	check: 100%
//	write: 70% (700000 of 1000000)
type progressLines struct {
	mu   sync.Mutex
	w    io.Writer
	last map[string]int // the last tenth printed, per phase
}

func newProgressLines(w io.Writer) *progressLines {
	return &progressLines{w: w, last: map[string]int{}}
}

// bytes reports n of total bytes read in phase; total 0 when unknown (a
// stream), then every 16 MB read is printed.
func (p *progressLines) bytes(phase string, n, total int64) {
	if total <= 0 {
		p.step(phase, int(n>>24), func(int) string { return fmt.Sprintf("%s: %s", phase, byteCount(n, n)) })
		return
	}
	p.tenth(phase, n, total, fmt.Sprintf(" (%s of %s)", byteCount(n, total), byteCount(total, total)))
}

// steps reports done of total steps of phase.
func (p *progressLines) steps(phase string, done, total int) {
	detail := ""
	if total > 1 {
		detail = fmt.Sprintf(" (%d of %d)", done, total)
	}
	p.tenth(phase, int64(done), int64(total), detail)
}

func (p *progressLines) tenth(phase string, done, total int64, detail string) {
	if total <= 0 {
		return
	}
	pct := int(100 * done / total)
	p.step(phase, pct/10, func(int) string { return fmt.Sprintf("%s: %d%%%s", phase, pct, detail) })
}

// step prints line when mark passes the phase's last printed mark (or the
// phase is new).
func (p *progressLines) step(phase string, mark int, line func(int) string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if last, seen := p.last[phase]; seen && mark <= last {
		return
	}
	p.last[phase] = mark
	fmt.Fprintln(p.w, line(mark))
}

// byteCount writes n bytes in the unit that suits scale: bytes below a
// megabyte, else megabytes.
func byteCount(n, scale int64) string {
	if scale < 1e6 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}
