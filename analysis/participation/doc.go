// Package participation measures who shares decisions in a place and how:
// the concentration of decision seats, the representation of each group
// where decisions are made (with a token flag, after "one parent can't
// speak for all parents"), decision-making forums that decide about a group
// without it ("nothing about us without us"), and the quality of the
// relationships between actors (reciprocal, long-lived, multiplex).
//
// A decision seat is one actor taking part in one decision-making forum at
// CO_PRODUCE or LEAD: the same condition as store.Level.HoldsPower in a
// forum whose DecisionMaking is true. An actor sitting on three such forums
// holds three seats; several participation records of the same actor in the
// same forum are one seat.
//
// The package is pure: it imports only the standard library and analysis/power (for the HHI
// and the smallest majority of seats), declares its
// own small input types (Scope, Person, Forum, Participation, Population,
// Relationship) that an adapter in the service layer fills from a store
// snapshot already filtered to the place scope and the as-of date, and
// gives the same, sorted, answer on every run. No function returns NaN or
// an infinity: a share whose denominator is zero is 0, and a ratio that
// cannot be defined is nil.
package participation
