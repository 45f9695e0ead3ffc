package neo4jstore

import (
	"context"
	"crypto/rand"
	"errors"
	mathrand "math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The audit log's lines (package audit's Lines), for API servers that
// share one Neo4j database and so one audit trail:
//
//	(:AuditHead {key: 'audit', log, seq, last})   one node: the log's id, its number of lines and its last line
//	(:AuditLine {key, log, seq, line})            one node per line: seq from 1, key "<log>:<seq>" unique
//
// A line is a record's JSON as package audit writes it; this package
// knows nothing of records. The nodes are not (:Entity): nothing lists,
// exports or erases them (a record holds no person's id, only its keyed
// hash). Lines are only ever created, never changed or deleted. The log's
// id is drawn when the head is created (Open): lines are read by it, so
// that lines left by a log whose head was deleted (a wiped test database;
// NornicDB v1.2.0 leaves some nodes a DETACH DELETE should remove) are
// never read as this log's.
//
// An append is one write transaction that first takes the write lock on
// the head (SET h.seq = h.seq + 1: Neo4j takes the lock before reading a
// property the right-hand side of a SET depends on), then reads the last
// line, makes the next one from it and creates it: appends from every
// server are serialised on the head, so the chain stays linear. The
// uniqueness constraint on AuditLine.key guards it too: a server without
// such locking (NornicDB, which detects the conflict only at commit) fails
// all but one of two appends of the same seq, and Append tries the others
// again from the new last line.
const (
	auditHeadCypher   = `MERGE (h:AuditHead {key: 'audit'}) ON CREATE SET h.seq = 0, h.log = $log`
	auditLockCypher   = `MATCH (h:AuditHead {key: 'audit'}) SET h.seq = h.seq + 1 RETURN h.seq AS seq, h.last AS last, h.log AS log`
	auditCreateCypher = `CREATE (:AuditLine {key: $key, log: $log, seq: $seq, line: $line})`
	// auditMoveCypher is a statement of its own, not part of
	// auditCreateCypher: NornicDB v1.2.0 creates nothing in a MATCH ...
	// CREATE statement.
	auditMoveCypher = `MATCH (h:AuditHead {key: 'audit'}) SET h.last = $line`
	auditLastCypher = `MATCH (h:AuditHead {key: 'audit'}) RETURN h.seq AS seq, h.last AS last, h.log AS log`
	auditScanCypher = `MATCH (l:AuditLine) WHERE l.log = $log AND l.seq > $after
RETURN l.seq AS seq, l.line AS line ORDER BY seq LIMIT $limit`
)

// auditScanPage is how many lines Scan reads per statement.
const auditScanPage = 1000

// auditAttempts bounds the appends tried again after losing the race for
// a seq (see above); each waits a little longer, at random.
const auditAttempts = 64

// seedAuditHead creates the audit log's head when there is none, with a
// new log id.
func (s *Store) seedAuditHead(ctx context.Context) error {
	_, err := s.write(ctx, "seed audit head", "", auditHeadCypher, map[string]any{"log": rand.Text()})
	return err
}

// AuditLines are the lines of the audit log kept in the database (they
// satisfy package audit's Lines). Every read goes to the cluster's leader
// (writers routing), so that a line another server has just appended is
// read. They are safe for concurrent use, and closing them leaves the
// store open.
type AuditLines struct{ s *Store }

// AuditLines returns the audit log's lines in s's database.
func (s *Store) AuditLines() *AuditLines { return &AuditLines{s: s} }

// Where names the database, without credentials.
func (a *AuditLines) Where() string {
	if a.s.db != "" {
		return "Neo4j database " + a.s.db + " at " + a.s.where
	}
	return "Neo4j at " + a.s.where
}

// Close does nothing: the lines belong to the store.
func (a *AuditLines) Close() error { return nil }

// Last returns the last line, nil when there is none.
func (a *AuditLines) Last(ctx context.Context) ([]byte, error) {
	recs, err := a.s.write(ctx, "audit last", "", auditLastCypher, nil)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, a.s.fail("audit last", "", errors.New("no audit head node"))
	}
	last, err := lastOf(recs[0])
	if err != nil {
		return nil, a.s.fail("audit last", "", err)
	}
	return last, nil
}

// lastOf decodes the last line of a head's record (nil when it is null: no
// line yet).
func lastOf(rec *neo4j.Record) ([]byte, error) {
	last, isNil, err := neo4j.GetRecordValue[string](rec, "last")
	if err != nil || isNil {
		return nil, err
	}
	return []byte(last), nil
}

// Len returns the number of lines.
func (a *AuditLines) Len(ctx context.Context) (int, error) {
	recs, err := a.s.write(ctx, "audit count", "", auditLastCypher, nil)
	if err != nil {
		return 0, err
	}
	if len(recs) == 0 {
		return 0, a.s.fail("audit count", "", errors.New("no audit head node"))
	}
	n, _, err := neo4j.GetRecordValue[int64](recs[0], "seq")
	if err != nil {
		return 0, a.s.fail("audit count", "", err)
	}
	return int(n), nil
}

// Append appends the line next makes of the last one in one write
// transaction, serialised on the head (see above).
func (a *AuditLines) Append(ctx context.Context, next func(last []byte) ([]byte, int, error)) error {
	var err error
	for attempt := range auditAttempts {
		if err = a.append(ctx, next); !lostSeq(err) {
			break
		}
		wait := time.Duration(mathrand.Int64N(int64(attempt+1) * int64(time.Millisecond)))
		select {
		case <-ctx.Done():
			return a.s.fail("audit append", "", ctx.Err())
		case <-time.After(wait):
		}
	}
	if err != nil {
		return a.s.fail("audit append", "", err)
	}
	return nil
}

// append is one attempt of Append; the driver's error is returned as it
// is.
func (a *AuditLines) append(ctx context.Context, next func(last []byte) ([]byte, int, error)) error {
	sess := a.s.session(ctx, neo4j.AccessModeWrite)
	defer a.s.closeSession(ctx, sess, "audit append")
	_, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		recs, err := run(ctx, tx, auditLockCypher, nil)
		if err != nil {
			return struct{}{}, err
		}
		if len(recs) == 0 {
			return struct{}{}, errors.New("no audit head node")
		}
		seq, _, err := neo4j.GetRecordValue[int64](recs[0], "seq")
		if err != nil {
			return struct{}{}, err
		}
		last, err := lastOf(recs[0])
		if err != nil {
			return struct{}{}, err
		}
		line, n, err := next(last)
		if err != nil {
			return struct{}{}, err
		}
		if int64(n) != seq {
			return struct{}{}, errors.New("the audit head's count and its last line disagree")
		}
		log, _, err := neo4j.GetRecordValue[string](recs[0], "log")
		if err != nil {
			return struct{}{}, err
		}
		params := map[string]any{"key": log + ":" + strconv.FormatInt(seq, 10), "log": log, "seq": seq, "line": string(line)}
		if _, err := run(ctx, tx, auditCreateCypher, params); err != nil {
			return struct{}{}, err
		}
		_, err = run(ctx, tx, auditMoveCypher, params)
		return struct{}{}, err
	})
	return err
}

// lostSeq reports whether err is the failure of an append that lost the
// race for its seq to another's: the uniqueness constraint on
// AuditLine.seq, violated at once (Neo4j) or found at commit (NornicDB).
func lostSeq(err error) bool {
	code := neo4jCode(err)
	var ne *neo4j.Neo4jError
	return code == constraintViolation ||
		(code == "Neo.ClientError.Transaction.TransactionCommitFailed" && errors.As(err, &ne) && strings.Contains(ne.Msg, "AuditLine"))
}

// Scan calls fn with every line after the first after, in order, a page
// of lines per statement, until fn returns an error (which Scan returns:
// package audit stops a scan with one of its own).
func (a *AuditLines) Scan(ctx context.Context, after int, fn func(line []byte) error) error {
	head, err := a.s.write(ctx, "audit scan", "", auditLastCypher, nil)
	if err != nil {
		return err
	}
	if len(head) == 0 {
		return a.s.fail("audit scan", "", errors.New("no audit head node"))
	}
	log, _, err := neo4j.GetRecordValue[string](head[0], "log")
	if err != nil {
		return a.s.fail("audit scan", "", err)
	}
	for {
		recs, err := a.s.write(ctx, "audit scan", "", auditScanCypher, map[string]any{"log": log, "after": after, "limit": auditScanPage})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			seq, _, err := neo4j.GetRecordValue[int64](rec, "seq")
			if err != nil {
				return a.s.fail("audit scan", "", err)
			}
			line, _, err := neo4j.GetRecordValue[string](rec, "line")
			if err != nil {
				return a.s.fail("audit scan", "", err)
			}
			if err := fn([]byte(line)); err != nil {
				return err
			}
			after = int(seq)
		}
		if len(recs) < auditScanPage {
			return nil
		}
	}
}
