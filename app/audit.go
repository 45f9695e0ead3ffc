package app

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/voicemap/voicemap/audit"
)

// OpenAuditLog opens the audit log cfg names (AuditPath, with its key at
// AuditKeyPath) for appending, creating its directory (mode 0700) when
// missing.
func OpenAuditLog(cfg Config) (*audit.Log, error) {
	path := cfg.AuditPath
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("audit log %s: %w", path, err)
	}
	l, err := audit.Open(path, audit.WithKeyFile(cfg.AuditKeyPath))
	if err != nil {
		return nil, fmt.Errorf("audit log (-audit-log, VOICEMAP_AUDIT_LOG; key -audit-key, VOICEMAP_AUDIT_KEY_FILE): %w", err)
	}
	return l, nil
}
