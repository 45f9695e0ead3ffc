package resolvers

import (
	"time"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/graph"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// MaxComplexity is the largest query complexity the handler accepts. Each
// field costs 1 plus its selection; a connection's selection counts once per
// item it may return (its first, default 50), as does centrality's (first,
// default 20). So 500 relationships with both actors' names and places cost
// about 500 x 15 = 7,500, two nested connections of 50 about 2,500 x their
// selection, while three nested connections of 50 (125,000 items) are
// refused.
const MaxComplexity = 50_000

// perItem is the cost of a connection of first items whose item selection
// costs child. An absent or non-positive first counts as the default page
// size; one above store.MaxPageSize counts as the maximum (the request
// fails validation anyway). The arithmetic saturates (cost.go), so that a
// huge child cost cannot wrap around to a small one.
func perItem(child int, first *int, def int) int {
	n := def
	if first != nil && *first > 0 {
		n = min(*first, store.MaxPageSize)
	}
	return addSat(1, mulSat(child, n))
}

// Estimated sizes of the analysis lists that take no first argument: a
// chain to power (pathToPower, a representative or present list) and a list
// of groups, forums, gatekeepers or seat holders.
const (
	pathItems = 10
	listItems = 50
)

// exportCost is the cost of one network export: every measure of the
// scope computed and the whole network written out, so a query may hold at
// most a few of them (MaxComplexity / exportCost = 10).
const exportCost = MaxComplexity / 10

// estimated is the cost of a list of about n items whose item selection
// costs child.
func estimated(child, n int) int { return addSat(1, mulSat(child, n)) }

// layoutNodesPerItem is how many nodes of a network layout cost as much as
// one list item: a node's fields, and its actor's own fields, are read
// from a layout computed once and held in memory, so a layout of maxNodes
// nodes costs its selection once per layoutNodesPerItem nodes (a
// dashboard's selection at 10,000 nodes about 15,000). Anything an actor
// selects beyond layoutActorFields fields (its place, relationships or
// participations, read from the store) costs in full: layoutActorCost
// weights it by layoutNodesPerItem.
const (
	layoutNodesPerItem = 10
	layoutActorFields  = 10
)

// layoutActorCost is the cost of a layout node's actor whose selection
// costs child.
func layoutActorCost(child int) int {
	return addSat(1+min(child, layoutActorFields), mulSat(layoutNodesPerItem, max(0, child-layoutActorFields)))
}

// layoutCost is the cost of networkLayout: proportional to maxNodes (its
// default when absent), with the items of layoutNodesPerItem nodes each.
func layoutCost(child int, maxNodes *int) int {
	n := service.DefaultLayoutMaxNodes
	if maxNodes != nil && *maxNodes > 0 {
		n = min(*maxNodes, service.MaxLayoutNodes)
	}
	return estimated(child, (n+layoutNodesPerItem-1)/layoutNodesPerItem)
}

func connection(child int, first *int, _ *string) int {
	return perItem(child, first, store.DefaultPageSize)
}

// complexity returns the cost functions of the list fields; every other
// field uses gqlgen's default (1 plus its selection).
func complexity() graph.ComplexityRoot {
	var c graph.ComplexityRoot
	c.Query.Places = func(child int, first *int, after *string, _ *string) int { return connection(child, first, after) }
	c.Query.People = func(child int, _, _ *string, first *int, after *string) int { return connection(child, first, after) }
	c.Query.Erasures = func(child int, first *int, after *string) int { return connection(child, first, after) }
	c.Query.AuditLog = func(child int, first *int, after *string) int { return connection(child, first, after) }
	c.Query.Organisations = func(child int, _ *string, _ *store.OrgKind, first *int, after *string) int {
		return connection(child, first, after)
	}
	c.Query.Relationships = func(child int, _ *string, _ *time.Time, _ *store.SourceKind, _ *string, first *int, after *string) int {
		return connection(child, first, after)
	}
	c.Query.Forums = func(child int, _ *string, first *int, after *string) int { return connection(child, first, after) }
	c.Query.Centrality = func(child int, _ *string, _ *time.Time, _ analysis.Measure, _ *bool, first *int, _ *bool, _ *float64, _ *store.SourceKind) int {
		return perItem(child, first, DefaultCentralityFirst)
	}
	c.Query.UnheardVoices = func(child int, _ *string, _ *time.Time, _ *string, first *int, _ *bool, _ *float64, _ *store.SourceKind) int {
		return perItem(child, first, DefaultUnheardFirst)
	}
	c.Query.Recommendations = func(child int, _ string, _ *time.Time, first *int) int {
		return perItem(child, first, DefaultRecommendationsFirst)
	}
	c.Query.PathToPower = func(child int, _ string, _ *time.Time, _ *bool) int { return estimated(child, pathItems) }
	c.Query.Representation = func(child int, _ string, _ *time.Time) int { return estimated(child, listItems) }
	c.Query.NothingAboutUsWithoutUs = func(child int, _ *string, _ *time.Time) int { return estimated(child, listItems) }
	c.Query.PowerTrend = func(child int, _ *string, from, to time.Time, step service.TrendStep) int {
		dates, err := service.TrendDates(from, to, step)
		if err != nil {
			return 1 // refused by the resolver
		}
		return estimated(child, len(dates))
	}
	c.Query.UnderservedPlaces = func(child int, _, _ *string, _, _ *time.Time, first *int) int {
		return perItem(child, first, DefaultUnderservedFirst)
	}
	c.Query.ExportNetwork = func(int, *string, *time.Time, service.ExportFormat, *store.SourceKind) int { return exportCost }
	c.Query.NetworkLayout = func(child int, _ *string, _ *time.Time, maxNodes *int, _ []string) int {
		return layoutCost(child, maxNodes)
	}
	c.LayoutNode.Actor = layoutActorCost
	// The columns are nine flat lists of scalars, as long as the nodes and
	// edges: they count as one field of the selection that layoutCost
	// scales by maxNodes, not as nine (one number per node is cheaper to
	// encode than a node object's field).
	c.NetworkLayout.Columns = func(int) int { return 1 }
	c.Query.ExportNetworkCSV = func(child int, _ *string, _ *time.Time, _ *store.SourceKind) int { return addSat(exportCost, child) }
	c.FundingReach.Recipients = func(child int) int { return estimated(child, listItems) }
	c.FundingReach.HiddenGroups = func(child int) int { return estimated(child, listItems) }
	c.UnderservedReport.Places = func(child int) int { return estimated(child, service.MaxUnderservedFirst) }
	c.UnderservedReport.Unranked = func(child int) int { return estimated(child, listItems) }
	c.Grant.Places = func(child int) int { return estimated(child, pathItems) }
	c.PowerReport.Gatekeepers = func(child int) int { return estimated(child, listItems) }
	c.PowerReport.Brokers = func(child int) int { return estimated(child, service.MaxBrokers) }
	c.SeatReport.HolderList = func(child int) int { return estimated(child, listItems) }
	c.GroupRepresentation.RepresentativePeople = func(child int) int { return estimated(child, pathItems) }
	c.Exclusion.Present = func(child int) int { return estimated(child, pathItems) }
	c.UnheardVoice.PathToPower = func(child int) int { return estimated(child, pathItems) }
	c.Place.Children = connection
	c.Person.Relationships = connection
	c.Person.Participations = connection
	c.Organisation.Relationships = connection
	c.Organisation.Participations = connection
	c.Forum.Participations = connection
	return c
}
