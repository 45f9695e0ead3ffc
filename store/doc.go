// Package store holds voicemap's domain types (places, people, organisations,
// relationships, forums and participations), the Store interface that every
// storage backend implements, the domain error codes, and the validation and
// cursor rules that all backends share so that they behave identically.
//
// Backends live in sub-packages named after their technology: boltstore (the
// embedded bbolt file, the default) and neo4jstore (Neo4j over Bolt). The
// conformance suite in storetest runs against each.
package store
