// Package auth authenticates voicemap's clients: API keys, their hashes,
// the file or environment variable they are configured in, and the
// Principal a request runs as.
//
// # Why API keys, not JWTs
//
// voicemap is one small service with a handful of clients (staff, analysts,
// a funder's dashboard). A key the server looks up is revocable by the
// server at once (mark it revoked or delete it from the keys file), while a
// signed token stays valid until it expires; and keys need no key-signing
// infrastructure (no signing key to guard and rotate, no issuer). The cost,
// a lookup per request, is a map access.
//
// # Keys
//
// A key is "vm_<id>_<secret>": id names the key (it is the principal's
// KeyID, shown in logs and used for rate limiting), secret is 32 bytes
// from crypto/rand in lower-case hex. `voicemap keys new` prints a key once;
// the server stores only its hash: "sha256:" followed by the hex SHA-256 of
// the whole key. A fast hash is right here: the secret has 256 bits of
// entropy, so there is nothing to brute-force and no need for a slow
// password hash (bcrypt, argon2), which would cost every request
// milliseconds. Hashes are compared in constant time
// (crypto/subtle.ConstantTimeCompare).
//
// # Configuration
//
// The keys are in the file named by VOICEMAP_KEYS_FILE (flag -keys-file)
// or inline in VOICEMAP_KEYS, in either of two forms: a JSON array
//
//	[{"id":"ana","role":"analyst","places":["millbrook-riverside"],"hash":"sha256:...","revoked":false}]
//
// or JSON Lines, one entry a line, which is what `voicemap keys new` prints
// (and what `voicemap keys new -file PATH` appends), so that a line can be
// added to the file as it is:
//
//	{"id":"ana","role":"analyst","places":["millbrook-riverside"],"hash":"sha256:..."}
//	{"id":"root","role":"admin","hash":"sha256:..."}
//
// The file holds hashes only, so it may be readable by others (a
// container's nonroot user must read it); it must not be writable by group
// or others, since whoever can write it can give themselves any key.
//
// A Keyring re-reads its file when the file changes, checked at most once
// a second, so revoking a key ("revoked": true, or removing the entry)
// takes effect within a second without a restart. A reload that fails
// (malformed, deleted, unreadable or badly permitted file, invalid entry)
// fails closed at once: every key is refused until the file is good again
// (ErrKeysUnavailable), because the broken edit may be the revocation of a
// stolen key. There is no grace period in which the old keys stay in
// force. A server does not start with a bad file.
//
// # Roles
//
//   - admin: everything, everywhere.
//   - editor: writes and reads within its places.
//   - analyst: reads everything within its places, including names.
//   - funder: aggregates only (counts, indices, group-level figures with
//     small-number suppression, funding, place and organisation data);
//     never a person's name, groups or relationships.
//
// Places scope an editor, an analyst or a funder to the listed places and
// their descendants. An editor or analyst key must list at least one
// place; a funder key without "places" is unscoped (sees the aggregates of
// every place); an admin key is never scoped. "places": [] is refused for
// every role: an empty list must never read as "every place". Enforcement is in package service, by its one policy
// table (policy.go) below the resolvers, for every path to data.
//
// # Principals
//
// With and From put the Principal in and take it from a context. The
// command line runs as LocalAdmin: whoever can open the store file or holds
// the Neo4j credentials is already an administrator of the data. The HTTP
// server with no keys configured runs every request as LocalAdmin too (the
// development mode), which it allows only while it listens on loopback.
package auth
