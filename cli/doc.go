// Package cli is voicemap's command line: Run parses the arguments after
// the program name and runs one command (import, export, report, places,
// keys, audit, healthcheck, help), or parses the server's configuration
// (app.Config, from the environment then flags, which override it) and
// hands it to the serve function package main injects. ExitStatus prints
// a failure, each of its details on a line of its own, and gives the exit
// status: 0 success, 1 failure, 2 wrong command line.
//
// Every command but serve and keys opens the store the flags choose
// (app.OpenStore: -data or NEO4J_*), runs as the local administrator, logs
// to stderr (at warn by default) and writes its output atomically: to a
// file renamed into place, or to stdout only once the whole output is
// ready. Commands that hand person-level data out (export, report) append
// their audit record before the output is published (auditRecorder).
// Long imports and reports show their progress on stderr (progress).
package cli
