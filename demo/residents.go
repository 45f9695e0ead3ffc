package demo

import (
	"fmt"
	"math/rand/v2"

	"github.com/voicemap/voicemap/store"
)

// Invented given names and surnames, combined at random into residents'
// names.
var (
	givenNames = []string{
		"Aaliyah", "Abdi", "Aisha", "Alfie", "Amara", "Amelia", "Arjun", "Ava", "Bethan", "Bilal",
		"Callum", "Chantelle", "Chloe", "Connor", "Daisy", "Darius", "Demi", "Eden", "Ellie", "Emeka",
		"Erin", "Ewan", "Faisal", "Freya", "Georgia", "Hamza", "Harvey", "Hana", "Imran", "Isla",
		"Jade", "Jamal", "Jasmine", "Kacper", "Kayla", "Keira", "Kofi", "Layla", "Leon", "Lily",
		"Logan", "Maja", "Mason", "Maya", "Mohammed", "Nadia", "Niamh", "Noah", "Olu", "Oscar",
		"Paige", "Priya", "Reece", "Rhys", "Rosa", "Ruby", "Saanvi", "Shannon", "Sofia", "Tyler",
		"Wiktoria", "Yusuf", "Zainab", "Zak", "Bernard", "Doreen", "Eileen", "Gordon", "Maureen", "Stanley",
	}
	surnames = []string{
		"Ahmed", "Akhtar", "Atkinson", "Bailey", "Barker", "Begum", "Bennett", "Brennan", "Campbell", "Carter",
		"Chowdhury", "Clarke", "Davies", "Dawson", "Evans", "Farrell", "Fletcher", "Foster", "Green", "Hall",
		"Hartley", "Hewitt", "Hill", "Iqbal", "Jackson", "Jones", "Kaminski", "Kelly", "Khan", "Kowalska",
		"Lees", "Lewis", "Mahmood", "Marshall", "Moore", "Morris", "Murphy", "Nowak", "Nwosu", "Oduya",
		"Parry", "Pearson", "Quinn", "Rahman", "Riley", "Roberts", "Sadiq", "Scott", "Sharma", "Singh",
		"Stokes", "Sutcliffe", "Taylor", "Thompson", "Turner", "Walsh", "Ward", "Webb", "Wright", "Yates",
	}
)

// namer draws distinct invented names.
type namer struct {
	rng  *rand.Rand
	used map[string]bool
}

func (n *namer) next() string {
	for {
		name := givenNames[n.rng.IntN(len(givenNames))] + " " + surnames[n.rng.IntN(len(surnames))]
		if !n.used[name] {
			n.used[name] = true
			return name
		}
	}
}

// randomDate returns a YYYY-MM-DD date in the years [from, to].
func randomDate(rng *rand.Rand, from, to int) string {
	return fmt.Sprintf("%04d-%02d-%02d", from+rng.IntN(to-from+1), 1+rng.IntN(12), 1+rng.IntN(28))
}

// laterDate returns a date one to three years after since (a YYYY-MM-DD
// date), no later than 2025.
func laterDate(rng *rand.Rand, since string) string {
	var y int
	fmt.Sscanf(since, "%4d", &y)
	return randomDate(rng, min(y+1, 2025), min(y+3, 2025))
}

// youngPeople adds eighteen young people whose only ties, apart from each
// other, are to the youth worker of the day. It returns their ids.
func youngPeople(d *builder, rng *rand.Rand, names *namer) []string {
	var ids []string
	for i := 1; i <= 18; i++ {
		id := fmt.Sprintf("p-yp-%02d", i)
		place := Riverside
		if i > 12 {
			place = Northgate
		}
		var lived []string
		if i%5 == 0 {
			lived = []string{"care experienced"}
		}
		d.person(id, names.next(), place, community, []string{"young person"}, nil, lived)
		if i <= 6 {
			d.tie(id, FormerYouthWorker, store.RelKnows, 2, randomDate(rng, 2019, 2019), "2020-12-31")
			d.tie(id, YouthWorker, store.RelKnows, 2, randomDate(rng, 2021, 2021), "")
		} else {
			d.tie(id, YouthWorker, store.RelKnows, 2, randomDate(rng, 2021, 2024), "")
		}
		ids = append(ids, id)
	}
	for _, id := range ids {
		for range 1 + rng.IntN(2) {
			friend := ids[rng.IntN(len(ids))]
			since := randomDate(rng, 2019, 2023)
			until := ""
			if rng.IntN(5) == 0 {
				until = laterDate(rng, since)
			}
			d.tie(id, friend, store.RelKnows, 1, since, until)
		}
	}
	return ids
}

// parents adds twenty-eight parents, tied to each other, to local groups,
// and some to the head teacher, the family hub manager or their
// representative. It returns their ids.
func parents(d *builder, rng *rand.Rand, names *namer) []string {
	homes := []string{Riverside, Riverside, Northgate, Northgate, OldTown}
	var ids []string
	byPlace := map[string][]string{}
	home := map[string]string{}
	for i := 1; i <= 28; i++ {
		id := fmt.Sprintf("p-parent-%02d", i)
		place := homes[i%len(homes)]
		home[id] = place
		groups := []string{"parent"}
		if rng.IntN(10) < 3 {
			groups = append(groups, "carer")
		}
		d.person(id, names.next(), place, community, groups, nil, nil)
		ids = append(ids, id)
		byPlace[place] = append(byPlace[place], id)
	}
	for _, id := range ids {
		place := home[id]
		local := byPlace[place]
		for range 1 + rng.IntN(2) {
			d.tie(id, local[rng.IntN(len(local))], store.RelKnows, 1, randomDate(rng, 2019, 2024), "")
		}
		if groups := orgsByPlace[place]; rng.IntN(2) == 0 {
			d.tie(id, groups[rng.IntN(len(groups))], store.RelMemberOf, 1, randomDate(rng, 2019, 2023), "")
		}
		switch {
		case place == Riverside && rng.IntN(5) < 2:
			d.tie(id, "p-tom-hughes", store.RelKnows, 1, randomDate(rng, 2019, 2022), "")
		case place == Northgate && rng.IntN(5) < 2:
			d.tie(id, "p-ruth-adeyemi", store.RelKnows, 1, randomDate(rng, 2020, 2023), "")
		case rng.IntN(4) == 0:
			d.tie(id, "p-grace-mensah", store.RelKnows, 1, randomDate(rng, 2020, 2024), "")
		}
	}
	return ids
}

// Isolated is the number of demo residents with no recorded ties.
const Isolated = 8

// residents adds the other residents: Isolated people with no ties at all,
// then seventy-eight who know their neighbours and join local groups. It
// returns the connected residents' ids by neighbourhood.
func residents(d *builder, rng *rand.Rand, names *namer) map[string][]string {
	hidden := [][]string{{"older person"}, {"disabled person"}, {"carer"}, {"older person", "disabled person"}}
	n := 0
	nextID := func() string { n++; return fmt.Sprintf("p-res-%03d", n) }
	for i := range Isolated {
		d.person(nextID(), names.next(), []string{Riverside, Northgate, OldTown, Hillcrest}[i%4], community, hidden[i%len(hidden)], nil, nil)
	}
	homes := []string{Riverside, Northgate, Northgate, OldTown, OldTown, Hillcrest, Hillcrest, Riverside}
	groupChoices := [][]string{nil, nil, nil, {"older person"}, {"older person"}, {"carer"}, {"disabled person"}, {"older person", "carer"}}
	byPlace := map[string][]string{}
	var ids []string
	for i := range 78 {
		id := nextID()
		place := homes[i%len(homes)]
		var lived []string
		if rng.IntN(8) == 0 {
			lived = []string{"mental ill health"}
		}
		d.person(id, names.next(), place, community, groupChoices[rng.IntN(len(groupChoices))], nil, lived)
		if rng.IntN(12) == 0 {
			d.b.People[len(d.b.People)-1].Consent = store.ConsentUnknown
		}
		ids = append(ids, id)
		byPlace[place] = append(byPlace[place], id)
	}
	for i, id := range ids {
		place := homes[i%len(homes)]
		local := byPlace[place]
		for range 1 + rng.IntN(3) {
			other := local[rng.IntN(len(local))]
			if rng.IntN(5) == 0 {
				other = ids[rng.IntN(len(ids))]
			}
			if other == id {
				other = ids[(i+1)%len(ids)]
			}
			since := randomDate(rng, 2019, 2024)
			until := ""
			if rng.IntN(6) == 0 {
				until = laterDate(rng, since)
			}
			d.tie(id, other, store.RelKnows, float64(1+rng.IntN(3)), since, until)
		}
		if groups := orgsByPlace[place]; rng.IntN(10) < 7 {
			d.tie(id, groups[rng.IntN(len(groups))], store.RelMemberOf, 1, randomDate(rng, 2019, 2024), "")
		}
	}
	// Neighbours of the community leaders.
	for _, l := range []struct{ leader, place string }{
		{"p-tariq-hussain", Riverside}, {"p-dev-patel", OldTown}, {"p-margaret-ellis", Hillcrest},
	} {
		for _, id := range byPlace[l.place][:4] {
			d.tie(id, l.leader, store.RelKnows, 1, randomDate(rng, 2019, 2023), "")
		}
	}
	return byPlace
}
