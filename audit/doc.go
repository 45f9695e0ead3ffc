// Package audit keeps voicemap's audit log: an append-only record of who
// read or changed person-level data.
//
// # Records
//
// The log is a file of JSON lines, one Record a line: when (UTC), the key
// id and role of the principal, the operation ("query people,node"), and
// the people it touched (its subjects). A record never holds a field
// value (no name, group, role or note), and not even a person's id, which
// may spell a name ("p-margaret-ellis"): each subject is a keyed hash of
// the id.
//
// # Subjects
//
// A subject is recorded as the first 128 bits, in hex, of
// HMAC-SHA-256(key, "voicemap audit subject" 0x00 id) (RFC 2104; the
// truncation as NIST SP 800-107 allows). Without the key the hash cannot be
// turned back into the id, nor can a guessed id be checked against it; so
// erasing a person (forgetPerson) leaves nothing readable of them in the
// log, and the log is never rewritten, so its chain stays verifiable. With
// the key, an auditor can find every record of a given id (Find; on the
// command line `voicemap audit lookup -id ID`), which is what the log is
// for; whoever holds the key and a list of candidate ids can equally test
// them, so the key is as sensitive as the log's purpose.
//
// The key is 32 bytes from crypto/rand, kept as 64 hex digits in a key file
// beside the log (the log's path followed by KeySuffix, "audit.log.key";
// WithKeyFile, or -audit-key / VOICEMAP_AUDIT_KEY_FILE, choose another).
// Open creates it, mode 0600, when it is missing and the log is empty or
// predates keyed subjects, and refuses a key file that group or others may
// read or write. Every record carries the key's fingerprint (SubjectKey:
// 64 bits of HMAC-SHA-256(key, "voicemap audit key id")), and Open refuses
// a key file that is not the one the log's last record was written with,
// or a missing key file for a log that needs one: a lost key makes the
// log's subjects unsearchable for good (its chain still verifies), so back
// the key file up with the log, and keep it out of reach of those who may
// read the log but not search it.
//
// The key is not rotated within a log: every record of a log is hashed
// with one key, so that one lookup covers it. To retire a key, stop the
// server, move the log and its key file aside together (an archive that
// `voicemap audit lookup -audit-log OLD -audit-key OLD.key` still
// searches) and start: a new log gets a new key. To destroy a retired log's
// ability to be searched, destroy its key.
//
// A log written before subjects were hashed holds plain ids in its older
// records (SubjectKey empty). It is opened as it is: its key is created,
// new records are hashed and continue the same chain, and Find matches an
// id against the old records as plain text and the new ones as hashes. The
// plain ids in the old records cannot be removed without rewriting the
// chain: to be rid of them, archive that log (stop the server, move it
// aside with its key) under the retention rules that applied to it, and
// start a new one.
//
// # Where the log is kept
//
// A log's lines are kept by a Lines: its file beside the embedded store's
// data (Open, OpenFile), or the Neo4j database that several API servers
// share (OpenLines over package neo4jstore's AuditLines), so that every
// server appends to one chain and reads the same trail. The chain, the
// records and their subjects are the Log's, the same wherever the lines
// are kept; ReadLines, VerifyLines and FindLines read any Lines. The
// servers sharing a database must share one key file too (a record
// written with another key is refused, see "Subjects").
//
// In the database an append is one transaction serialised on the log's
// head node (neo4jstore/audit.go): Neo4j takes the head's write lock
// before reading the last line, so two servers never chain to the same
// line, and a uniqueness constraint on each line's number refuses the
// second of two that would.
//
// # Writing a file
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
