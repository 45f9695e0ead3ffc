package web

import "embed"

// dist is the built dashboard (npm run build). The all: prefix keeps
// files whose names begin with '_' or '.' that a bundler may emit.
//
//go:embed all:dist
var dist embed.FS
