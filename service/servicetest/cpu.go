package servicetest

import (
	"syscall"
	"time"
)

// ProcessCPU returns the CPU time, user and system, that every thread of
// this process has used so far (getrusage RUSAGE_SELF). On a machine
// shared with other work a benchmark's wall time stretches with the load
// and its CPU time much less, so benchmarks report both.
func ProcessCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
