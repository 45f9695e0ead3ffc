//go:build tools

// Package tools pins the NornicDB server binary that CI builds.
package tools

import _ "github.com/orneryd/nornicdb/cmd/nornicdb"
