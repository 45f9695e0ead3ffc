// Package audit keeps voicemap's audit log: an append-only record of who
// read or changed person-level data (issue 5, section 2).
//
// # Records
//
// The log is a file of JSON lines, one Record a line: when (UTC), the key
// id and role of the principal, the operation ("query people,node"), and
// the ids of the people it touched (its subjects). A record never holds a
// field value: no name, group, role or note, only ids, which are opaque
// keys chosen by whoever imported the data.
//
// # Writing
//
// Log opens the file O_APPEND|O_CREATE|O_WRONLY with mode 0600 and never
// truncates, seeks in or rewrites it. Each record is written with one
// write(2) and then fsync'd, under a mutex (concurrent requests) and an
// exclusive flock(2) (the server and a command such as `voicemap export`
// appending to the same file at once). The fsync is the cost of a record
// that survives a crash: on a local SSD it is well under a millisecond to a
// few milliseconds per audited request (BenchmarkAppend measures it), and
// it serialises audited requests on the log. Reads of the log (Read,
// Verify) open the file separately, read only.
//
// # Tamper evidence
//
// An append-only file is not tamper-proof: anyone who can write the file
// can edit it. Each record therefore carries Prev, the hex SHA-256 of the
// previous line (without its newline; Genesis for the first record), so
// editing, inserting or deleting any line but the last breaks the chain at
// the next line, which Verify reports. Removing or editing the last lines
// is not detectable from the file alone: that would need the head hash
// kept elsewhere (printed to an operator, or sent to a second system).
package audit
