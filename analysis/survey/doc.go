// Package survey measures what a network survey adds to the picture of a
// place: who the survey reached (Coverage), whether the people who say
// they are not heard are the ones the network analysis flags
// (FeltVsStructural), and how much influence many people see in each actor
// and how far they disagree (Influence), in the manner of Net-Map's
// influence towers (Schiffer and Hauck 2010, "Net-Map: collecting social
// network data and facilitating network learning through participatory
// influence network mapping", Field Methods 22:231).
//
// The analyses are pure: the package imports only the standard library and
// the analysis packages, knows nothing of storage, GraphQL or who may see
// what, and gives the same, sorted answer on every run. Its inputs are
// small plain structs (Invitee, Respondent, Rating) that a service fills
// from stored survey answers, already limited to the survey, the place and
// the people whose consent allows it. Small-number suppression is the
// caller's: every figure comes with the counts it rests on (invited,
// responded, answered, ratings, raters), so that a caller can withhold a
// row or a cell below its threshold. No function returns NaN or an
// infinity: a figure whose denominator is zero, or that is undefined, is
// nil, with the convention stated on each field.
//
// Groups are the group tags of voicemap's people (parent, young person,
// carer, ...); a person in several groups counts in each, so rows of
// different groups may sum to more than the whole, which a separate row
// (Group "") gives.
package survey
