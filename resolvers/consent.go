package resolvers

import (
	"github.com/voicemap/voicemap/graph/model"
	"github.com/voicemap/voicemap/store"
)

// withdrawn reports whether p is a person whose consent is withdrawn. Only
// the answer to a write holds such a Person (every read leaves them out):
// the write answers what it wrote, and the person's relationships and
// participations answer empty, as the service hides them, rather than
// NOT_FOUND, which would fail a write that has committed.
func withdrawn(p *store.Person) bool { return p != nil && p.Consent == store.ConsentWithdrawn }

// noRelationships and noParticipations are the empty lists of a withdrawn
// person.
func noRelationships() *model.RelationshipConnection {
	return relationshipConnection(store.Connection[store.Relationship]{})
}

func noParticipations() *model.ParticipationConnection {
	return participationConnection(store.Connection[store.Participation]{})
}
