package participation

import "github.com/voicemap/voicemap/analysis/ladder"

// ShareSource says where a group's community share comes from.
type ShareSource string

// Share sources.
const (
	// SourcePopulation: the group's recorded population over the residents
	// of the places recording figures (Population).
	SourcePopulation ShareSource = "POPULATION"
	// SourceMembers: the group's share of the community members in scope.
	SourceMembers ShareSource = "MEMBERS"
)

// GroupRepresentation is how one group is represented where decisions are
// made.
type GroupRepresentation struct {
	Group string
	// Members is the number of people in scope with the tag, of any
	// capacity; CommunityMembers counts those whose capacity is Community.
	Members          int
	CommunityMembers int
	// CommunityShare is the group's share of the community, from ShareSource.
	CommunityShare float64
	ShareSource    ShareSource
	// Seats is the number of decision seats held by members of the group,
	// and SeatShare its share of all seats in scope (0 when there are none).
	Seats     int
	SeatShare float64
	// Ratio is SeatShare / CommunityShare: 1 is proportional, below 1
	// under-represented, above 1 over-represented. It is nil when
	// CommunityShare is 0, where no proportion can be taken.
	Ratio *float64
	// Representatives is the number of distinct members holding at least
	// one seat, and TopSeats the most seats held by any one of them.
	Representatives int
	TopSeats        int
	// Token is true when the group's seats rest on one person: exactly one
	// representative, or one member holding more than half of the group's
	// seats.
	Token bool
	// InvolvedFromStart is true when a member joined any forum in scope at
	// the IDEA stage.
	InvolvedFromStart bool
}

// Representation returns one row per group tag: every tag carried by a
// person in scope and every tag in Population.ByGroup, sorted by tag.
//
// Membership: a person is a member of every group in its Groups, whatever
// its capacity; a person in several groups counts in each, so seat shares
// of different groups may sum to more than 1. Organisations belong to no
// group.
//
// Community share (ShareSource):
//
//	POPULATION: ByGroup[g] / D, when ByGroup has an entry for g and D > 0,
//	            where D = Population.Total, or Σ ByGroup when Total ≤ 0;
//	MEMBERS:    community members with tag g / community members in scope,
//	            otherwise (0 when there are no community members).
//
// Seats are those of Seats (an actor at CO_PRODUCE or LEAD in a
// decision-making forum, one per forum). With S_g the seats held by members
// of g, S all seats and m_g the most seats held by one member of g:
//
//	SeatShare = S_g / S                       (0 when S = 0)
//	Ratio     = SeatShare / CommunityShare    (nil when CommunityShare = 0)
//	Token     = Representatives = 1  or  2·m_g > S_g
//
// A single representative holds all S_g seats, so the second condition
// alone decides Token. "Distinct representatives at CO_PRODUCE or LEAD" counts members holding
// a seat, that is in decision-making forums only, so that Representatives,
// Seats and Token describe the same seats; taking part at those levels in a
// forum that decides nothing is not representation where power sits. The
// token rule follows the co-production principle that "one parent can't
// speak for all parents" (A Better Start Southend, "Tips for achieving
// successful co-production"): a group with no representative is not a token
// but absent, which SeatShare, Ratio and NothingAboutUsWithoutUs show.
//
// InvolvedFromStart is true when a member joined any forum in scope,
// decision-making or not, at any level, at the IDEA stage: the issue asks
// whether the group was there "from the first meetings and formation of the
// project" (The Relationships Project, on transactional co-production,
// 2023), and those meetings happen as often in workshops as on boards.
func Representation(s Scope) []GroupRepresentation {
	ix := newIndex(s)

	// Every tag: people's groups and population figures.
	var tags []string
	communityTotal := 0
	for _, p := range ix.people {
		tags = append(tags, p.Groups...)
		if p.Capacity == ladder.Community {
			communityTotal++
		}
	}
	for g := range s.Population.ByGroup {
		tags = append(tags, g)
	}
	tags = uniq(tags)

	popDen := s.Population.Denominator()

	// Members per group, counting each person once per distinct tag.
	members := make(map[string]int)
	community := make(map[string]int)
	for _, p := range ix.people {
		for _, g := range uniq(p.Groups) {
			members[g]++
			if p.Capacity == ladder.Community {
				community[g]++
			}
		}
	}

	// Seats per group and per member.
	seats := make(map[string]int)
	perMember := make(map[string]map[string]int)
	for _, st := range ix.seats {
		p, ok := ix.people[st.actor]
		if !ok {
			continue
		}
		for _, g := range uniq(p.Groups) {
			seats[g]++
			if perMember[g] == nil {
				perMember[g] = make(map[string]int)
			}
			perMember[g][st.actor]++
		}
	}

	// Groups with a member who joined at IDEA.
	fromStart := make(map[string]bool)
	for _, pt := range ix.parts {
		if pt.Stage != ladder.Idea {
			continue
		}
		if p, ok := ix.people[pt.ActorID]; ok {
			for _, g := range p.Groups {
				fromStart[g] = true
			}
		}
	}

	out := make([]GroupRepresentation, 0, len(tags))
	for _, g := range tags {
		r := GroupRepresentation{
			Group:             g,
			Members:           members[g],
			CommunityMembers:  community[g],
			Seats:             seats[g],
			SeatShare:         share(seats[g], len(ix.seats)),
			Representatives:   len(perMember[g]),
			InvolvedFromStart: fromStart[g],
		}
		if n, ok := s.Population.ByGroup[g]; ok && popDen > 0 {
			r.CommunityShare = share(max(n, 0), popDen)
			r.ShareSource = SourcePopulation
		} else {
			r.CommunityShare = share(community[g], communityTotal)
			r.ShareSource = SourceMembers
		}
		if r.CommunityShare > 0 {
			ratio := r.SeatShare / r.CommunityShare
			r.Ratio = &ratio
		}
		for _, n := range perMember[g] {
			r.TopSeats = max(r.TopSeats, n)
		}
		// One representative holds all S_g > 0 seats, so 2·m_g > S_g
		// covers both halves of the token rule.
		r.Token = r.Seats > 0 && 2*r.TopSeats > r.Seats
		out = append(out, r)
	}
	return out
}
