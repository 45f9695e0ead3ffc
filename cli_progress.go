package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

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

// reportBar shows the progress of a report on stderr as a bar of its
// steps, one line per step (a line, not a redrawn bar, so that a log file
// reads as well as a terminal), with the time taken so far:
//
//	report [####--------]  4/12 betweenness  (3.1 s)
type reportBar struct {
	w     io.Writer
	total int
	n     int
	start time.Time
}

func newReportBar(w io.Writer, total int) *reportBar {
	return &reportBar{w: w, total: total, start: time.Now()}
}

// step shows that the step name starts.
func (b *reportBar) step(name string) {
	b.line(name)
	b.n++
}

// done shows the end of the report (when err is nil).
func (b *reportBar) done(err error) {
	if err == nil {
		b.n = b.total
		b.line("done")
	}
}

func (b *reportBar) line(name string) {
	fill := b.n * 12 / max(b.total, 1)
	fmt.Fprintf(b.w, "report [%s%s] %2d/%d %s (%.1f s)\n", strings.Repeat("#", fill), strings.Repeat("-", 12-fill),
		b.n, b.total, name, time.Since(b.start).Seconds())
}
