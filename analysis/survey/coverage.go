package survey

import (
	"slices"

	"github.com/voicemap/voicemap/analysis/participation"
)

// Invitee is one person invited to answer a survey: their group tags
// (repeats ignored) and whether they responded (a response submitted with
// consent; a person who declined or withdrew has not).
type Invitee struct {
	Groups    []string
	Responded bool
}

// GroupCoverage is how far a survey reached one group (Group "" for
// everyone invited).
type GroupCoverage struct {
	Group string
	// Invited and Responded count the invitees of the group and those who
	// responded.
	Invited, Responded int
	// Population is the group's number of residents (the place's total for
	// Group ""), when PopulationRecorded; a place may record none.
	Population         int
	PopulationRecorded bool
	// ResponseRate is Responded / Invited, nil when no one was invited.
	ResponseRate *float64
	// Reach is Responded / Population, the share of the group's residents
	// who answered; nil when the population is not recorded or is 0.
	Reach *float64
	// InvitedShare and RespondentShare are the group's shares of all
	// invitees and of all respondents, 0 when there are none.
	InvitedShare, RespondentShare float64
	// PopulationShare is Population / D (see Coverage), nil when the
	// population is not recorded or D is 0.
	PopulationShare *float64
	// Representation is RespondentShare / PopulationShare: 1 when the
	// respondents mirror the place, below 1 when the group is missing from
	// the data, above 1 when it is over-represented. Nil when no one
	// responded at all, or PopulationShare is nil or 0.
	Representation *float64
	// InvitedRepresentation is InvitedShare / PopulationShare, nil likewise
	// (no one invited, or no population share): below 1 the group was
	// under-represented in who was asked, before anyone answered.
	InvitedRepresentation *float64
}

// Coverage returns how far a survey reached each group: one row for
// everyone (Group "") and one per group tag (empty tags ignored) carried by an invitee or
// recorded in pop.ByGroup, sorted by tag, so that a group of the place
// that nobody was invited from shows with 0 invited.
//
// With I_g invitees and R_g respondents in group g, I and R in all, N_g
// the group's residents (pop.ByGroup[g], negative as 0) and D =
// pop.Denominator() (the place's residents, or the sum over groups when
// the total is unknown, as participation.Representation takes it):
//
//	ResponseRate          = R_g / I_g                 (nil when I_g = 0)
//	Reach                 = R_g / N_g                 (nil when N_g unknown or 0)
//	PopulationShare       = N_g / D                   (nil when N_g unknown or D = 0)
//	Representation        = (R_g / R) / (N_g / D)     (nil when R = 0 or N_g/D is nil or 0)
//	InvitedRepresentation = (I_g / I) / (N_g / D)     (nil when I = 0 or N_g/D is nil or 0)
//
// The response rate is the American Association for Public Opinion
// Research's RR1 for a survey of a list where every invitee is eligible:
// complete responses over all invited (AAPOR 2023, "Standard
// Definitions", 10th ed.). The representation ratio compares the
// respondents' composition with the population's, the share-over-share
// ratio participation.Representation uses for decision seats; a group
// under-represented among invitees is a coverage gap and one
// under-represented among respondents but not invitees a non-response gap
// (Groves et al. 2009, "Survey Methodology", 2nd ed., ch. 2–3 and 6).
//
// Zero populations: a group recorded with 0 residents has PopulationShare
// 0 and no Representation, Reach or InvitedRepresentation (nil): no
// finite ratio compares a presence with a recorded absence, and a
// respondent of such a group (a census out of date, a tag the census does
// not use) shows in Responded. For everyone, Population is pop.Total when
// it is positive.
func Coverage(invitees []Invitee, pop participation.Population) []GroupCoverage {
	type count struct{ invited, responded int }
	counts := make(map[string]*count)
	var all count
	for g := range pop.ByGroup {
		counts[g] = &count{}
	}
	for _, in := range invitees {
		all.invited++
		if in.Responded {
			all.responded++
		}
		tags := slices.Clone(in.Groups)
		slices.Sort(tags)
		for _, g := range slices.Compact(tags) {
			if g == "" {
				continue // the everyone row's name, never a tag
			}
			c := counts[g]
			if c == nil {
				c = &count{}
				counts[g] = c
			}
			c.invited++
			if in.Responded {
				c.responded++
			}
		}
	}
	d := pop.Denominator()
	row := func(g string, c count, n int, recorded bool) GroupCoverage {
		r := GroupCoverage{Group: g, Invited: c.invited, Responded: c.responded, Population: n, PopulationRecorded: recorded,
			ResponseRate: ratio(c.responded, c.invited), InvitedShare: share(c.invited, all.invited),
			RespondentShare: share(c.responded, all.responded)}
		if recorded {
			r.Reach = ratio(c.responded, n)
			r.PopulationShare = ratio(n, d)
		}
		if r.PopulationShare != nil && *r.PopulationShare > 0 {
			if all.responded > 0 {
				r.Representation = ptr(r.RespondentShare / *r.PopulationShare)
			}
			if all.invited > 0 {
				r.InvitedRepresentation = ptr(r.InvitedShare / *r.PopulationShare)
			}
		}
		return r
	}
	out := []GroupCoverage{row("", all, max(pop.Total, 0), pop.Total > 0)}
	tags := make([]string, 0, len(counts))
	for g := range counts {
		tags = append(tags, g)
	}
	slices.Sort(tags)
	for _, g := range tags {
		n, recorded := pop.ByGroup[g]
		out = append(out, row(g, *counts[g], max(n, 0), recorded))
	}
	return out
}

// ratio returns num/den, or nil when den is 0.
func ratio(num, den int) *float64 {
	if den <= 0 {
		return nil
	}
	return ptr(float64(num) / float64(den))
}

// share returns num/den, or 0 when den is 0.
func share(num, den int) float64 {
	if den <= 0 {
		return 0
	}
	return float64(num) / float64(den)
}

func ptr(x float64) *float64 { return &x }
