//go:build !unix

package audit

import "os"

// lockFile is a no-op where flock(2) is missing: only the in-process
// mutex serialises appends there, so one process should write a log.
func lockFile(*os.File) error { return nil }

// unlockFile is a no-op where flock(2) is missing.
func unlockFile(*os.File) {}
