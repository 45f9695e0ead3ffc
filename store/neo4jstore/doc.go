// Package neo4jstore implements store.Store on Neo4j 5 over Bolt, with the
// official neo4j-go-driver v5.
//
// # Graph model
//
// Every entity that is a node carries the label :Entity and one kind label:
//
//	(:Entity:Place {id, name, code, population, needIndex, needScale,
//	                populationGroups, populationCounts})
//	(:Entity:Actor:Person {id, name, groups, roles, livedExperience, capacity, consent})
//	(:Entity:Actor:Organisation {id, name, kind})
//	(:Entity:Forum {id, name, decisionMaking, affectsGroups})
//	(:Entity:Grant {id, title, description, amount, currency, awardedOn, programme, unmatched})
//
// Structure is held in relationships:
//
//	(:Place)-[:WITHIN]->(:Place)                 place hierarchy (child to parent)
//	(:Actor|Forum)-[:IN]->(:Place)               location
//	(:Actor)-[:TIE {id, kind, weight, since, until}]->(:Actor)
//	(:Actor)-[:PARTICIPATES_IN {id, level, joinedAtStage, since, until}]->(:Forum)
//	(:Grant)-[:FUNDED_BY]->(:Organisation)       the funder (an organisation of any kind)
//	(:Grant)-[:AWARDED_TO]->(:Organisation)      the recipient
//	(:Grant)-[:BENEFITS]->(:Place)               beneficiary places
//
// A grant's amount is an integer in minor units of its currency, and its
// award date a DATE. An organisation that funds or receives a grant cannot
// be deleted, so a grant always has both.
//
// A place's population by group is two parallel lists sorted by group, as
// a property cannot hold a map. Relationships and participations are domain
// entities with their own ids, so they are Neo4j relationships carrying an
// id property. Dates are Neo4j DATE values, read back as time.Time at
// midnight UTC.
//
// # Identity
//
// Ids are unique across all kinds. A uniqueness constraint on :Entity(id)
// covers the nodes, and constraints on TIE(id) and PARTICIPATES_IN(id)
// (relationship property uniqueness, Neo4j 5.7 and later) cover each
// relationship type. Uniqueness between a node id and a relationship id, or
// between the two relationship types, is checked inside the write
// transaction before anything is written. Under read-committed isolation two
// concurrent writers that create the same id as two different kinds, one a
// node and one a relationship, can both pass that check; voicemap's writes are
// administrative and rare, and the conflict would need the same new id to be
// chosen twice at once, so this window is accepted.
//
// # Ordering
//
// Lists are ordered by id with ORDER BY and paged with WHERE id > $after, the
// same rule as store.Paginate. Neo4j compares strings by UTF-16 code units,
// which agrees with Go's byte-wise (code point) order for every id made only
// of characters up to U+FFFF, including all ASCII ids. It can differ only
// between a character above U+FFFF (an emoji, say) and one in U+E000..U+FFFF
// at the same position; both ORDER BY and the cursor filter use the same
// comparison, so paging never repeats or skips an item even then.
//
// # Transactions
//
// A single statement runs with neo4j.ExecuteQuery and explicit routing
// (readers for reads). A unit of several statements runs in one managed
// transaction (session.ExecuteWrite or ExecuteRead) whose function is
// idempotent, because the driver retries it on transient failures: nodes
// are MERGEd on id; a relationship is looked up by id and updated in place
// when its ends are unchanged, else (re)created. Reference and identity
// checks run inside the write transaction and abort it with a domain error,
// so nothing is written on error. Import writes a whole batch in one
// transaction with UNWIND statements of at most 1000 rows each.
//
// # Cypher
//
// Every statement is parameterised and built only from const fragments
// beside the method that runs it; labels and relationship types come from
// the fixed list above. Lists add only the predicates of the filters that
// are set. A few equally correct forms are preferred because NornicDB, the
// Bolt server CI runs in place of Neo4j, mis-handles the others; the test
// file lists each difference.
package neo4jstore
