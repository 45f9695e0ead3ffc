// Package demo builds voicemap's built-in demonstration network: Millbrook,
// an invented town of about 27,000 people in four neighbourhoods, mapped by
// its community partnership between 2019 and 2025. Every person and
// organisation in it is invented; any likeness to real people is chance.
//
// # The story
//
// Millbrook's neighbourhoods differ in need (Index of Multiple Deprivation
// 2019 decile, 1 = most deprived 10% of England): Riverside Estate (decile
// 1), Northgate (3), Old Town (5) and Hillcrest (9).
//
// Power sits on the Millbrook Partnership Board, a decision-making forum
// that affects every group in town. Three professionals hold most of its
// decision seats (LEAD or CO_PRODUCE): Helen Marsh, the council's Director
// of Communities, who chairs it; David Okoye, the health commissioner; and
// Sarah Whitfield, chief executive of Riverside Homes. One community member,
// Tariq Hussain of the Riverside tenants' association, was given a
// CO_PRODUCE seat in 2023, at the DELIVERY stage, long after the ideas were
// settled.
//
// Young people are hidden voices. The eighteen young people of Riverside and
// Northgate know each other, and their only tie to anyone connected to power
// runs through one youth worker: Kim Osei until the end of 2020, then Jordan
// Blake of Riverside Youth Club. Take the youth worker away and they are cut
// off. The Youth Services Commissioning Panel decides about them with no
// young person at the table ("nothing about us without us"); Riverside Youth
// Voice, the workshop series where they are heard, decides nothing.
//
// Parents are consulted but never decide: they sit on the Family Hub
// Steering Group and the Partnership Board at the CONSULT level only, and
// Grace Mensah speaks for all of them as their one representative on the
// Board ("one parent can't speak for all parents").
//
// Eight residents, older, disabled or caring people, have no recorded ties
// at all: the isolated people a stakeholder map easily forgets.
//
// By contrast, the Hillcrest Neighbourhood Forum in the least deprived
// neighbourhood is led by residents, and Margaret Ellis, an older resident,
// also sits on the Community Grants Panel with a CO_PRODUCE seat.
//
// Relationships carry dates from 2019 to 2025 so that analyses "as of" two
// dates differ: the youth worker changes, a tenants' association forms in
// 2022, some friendships end, partnerships begin. Some pairs are joined by
// several kinds of tie (colleagues who also know each other, an officer who
// both works with and advises another).
//
// # Determinism
//
// Network builds the same batch on every call: the named characters are
// written out, and the other residents are drawn from a math/rand/v2 PCG
// source with a fixed seed. Every id is stable, so the README's example
// queries keep their answers.
package demo
