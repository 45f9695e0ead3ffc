package resolvers

import (
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
