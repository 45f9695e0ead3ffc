package resolvers

import (
	"context"

	"github.com/voicemap/voicemap/service"
)

// layoutMaxNodes returns networkLayout's maxNodes: the schema's default
// (service.DefaultLayoutMaxNodes) when null.
func layoutMaxNodes(n *int) int {
	if n == nil {
		return service.DefaultLayoutMaxNodes
	}
	return *n
}

// auditLayoutPeople records the people among a layout's nodes as subjects
// of the operation's audit record: a layout names people by their ids even
// when no Person field is selected (the audit extension only sees Person
// objects resolve).
func auditLayoutPeople(ctx context.Context, l service.NetworkLayout) {
	s, ok := ctx.Value(subjectsKey{}).(*subjects)
	if !ok {
		return
	}
	for _, n := range l.Nodes {
		if n.Actor != nil && n.Actor.Person != nil {
			s.add(n.ID)
		}
	}
}
