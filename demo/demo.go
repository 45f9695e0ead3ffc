package demo

import (
	"math/rand/v2"

	"github.com/voicemap/voicemap/store"
)

// Place ids of the demo network.
const (
	Town      = "millbrook"
	Riverside = "millbrook-riverside"
	Northgate = "millbrook-northgate"
	OldTown   = "millbrook-old-town"
	Hillcrest = "millbrook-hillcrest"
)

// NeedScale is the scale of the demo places' NeedIndex: the Index of
// Multiple Deprivation 2019 decile, 1 = most deprived 10% of England.
const NeedScale = "IMD2019_DECILE"

// Ids of the demo's key characters and forums.
const (
	YouthWorker        = "p-jordan-blake" // the one gatekeeper of young people from 2021
	FormerYouthWorker  = "p-kim-osei"     // the gatekeeper until the end of 2020
	PartnershipBoard   = "f-partnership-board"
	YouthCommissioning = "f-youth-commissioning"
	FamilyHubSteering  = "f-family-hub-steering"
)

// BoardProfessionals are the three professionals who hold most decision
// seats on the Partnership Board.
var BoardProfessionals = []string{"p-helen-marsh", "p-david-okoye", "p-sarah-whitfield"}

// seed fixes the PCG source from which the residents are drawn.
const seed1, seed2 = 2019, 2025

// Network returns the Millbrook demo network (see the package doc): 5
// places, 150 people, 25 organisations, 6 forums, with their relationships
// and participations. It returns an equal batch on every call; each call
// builds fresh slices, so the caller may modify the result.
func Network() store.Batch {
	d := &builder{pairs: make(map[string]bool)}
	rng := rand.New(rand.NewPCG(seed1, seed2))
	places(d)
	organisations(d)
	professionals(d)
	leaders(d)
	names := &namer{rng: rng, used: make(map[string]bool)}
	for _, p := range d.b.People {
		names.used[p.Name] = true
	}
	youth := youngPeople(d, rng, names)
	parentIDs := parents(d, rng, names)
	neighbours := residents(d, rng, names)
	forums(d, youth, parentIDs, neighbours[Hillcrest])
	return d.b
}

func places(d *builder) {
	// Invented census-style counts by group for each neighbourhood (groups
	// overlap); the town itself records none, so its figures are the sum of
	// its neighbourhoods'.
	d.place(Town, "Millbrook", "DEMO-T01", 27000, 0, "", nil)
	d.place(Riverside, "Riverside Estate", "DEMO-N01", 6200, 1, Town, map[string]int{
		"young person": 1350, "parent": 1600, "carer": 640, "older person": 710, "disabled person": 1150})
	d.place(Northgate, "Northgate", "DEMO-N02", 8100, 3, Town, map[string]int{
		"young person": 1500, "parent": 1900, "carer": 760, "older person": 1240, "disabled person": 1300})
	d.place(OldTown, "Old Town", "DEMO-N03", 5400, 5, Town, map[string]int{
		"young person": 820, "parent": 1050, "carer": 520, "older person": 1180, "disabled person": 860})
	d.place(Hillcrest, "Hillcrest", "DEMO-N04", 7300, 9, Town, map[string]int{
		"young person": 1010, "parent": 1500, "carer": 690, "older person": 2050, "disabled person": 900})
	// Their boundaries are generated (shapes.go), for maps.
	shapes := Shapes()
	for i := range d.b.Places {
		d.b.Places[i].Geometry = shapes[d.b.Places[i].ID]
	}
}

// orgsByPlace lists the community groups residents of each neighbourhood join.
var orgsByPlace = map[string][]string{
	Riverside: {"o-allotments", "o-tenants"},
	Northgate: {"o-food-bank", "o-tots"},
	OldTown:   {"o-carers-cafe", "o-disability-forum", "o-st-annes"},
	Hillcrest: {"o-age-friendly", "o-bowls-club"},
}

func organisations(d *builder) {
	for _, o := range []struct {
		id, name string
		kind     store.OrgKind
		place    string
	}{
		{"o-council", "Millbrook Borough Council", store.OrgPublicBody, Town},
		{"o-health", "Millbrook and District Health Partnership", store.OrgHealth, Town},
		{"o-riverside-homes", "Riverside Homes", store.OrgVoluntary, Riverside},
		{"o-community-foundation", "Millbrook Community Foundation", store.OrgFunder, Town},
		{"o-northern-lights", "Northern Lights Trust", store.OrgFunder, Town},
		{"o-youth-club", "Riverside Youth Club", store.OrgCommunityGroup, Riverside},
		{"o-family-hub", "Millbrook Family Hub", store.OrgPublicBody, Northgate},
		{"o-riverside-primary", "Riverside Primary School", store.OrgSchool, Riverside},
		{"o-millbrook-academy", "Millbrook Academy", store.OrgSchool, Northgate},
		{"o-canal-side-surgery", "Canal Side Surgery", store.OrgHealth, OldTown},
		{"o-tenants", "Riverside Tenants' Association", store.OrgCommunityGroup, Riverside},
		{"o-food-bank", "Northgate Food Bank", store.OrgVoluntary, Northgate},
		{"o-mind", "Millbrook Mind", store.OrgVoluntary, Town},
		{"o-carers-cafe", "Old Town Carers' Café", store.OrgCommunityGroup, OldTown},
		{"o-disability-forum", "Millbrook Disability Forum", store.OrgCommunityGroup, OldTown},
		{"o-age-friendly", "Age Friendly Hillcrest", store.OrgCommunityGroup, Hillcrest},
		{"o-bowls-club", "Hillcrest Bowls Club", store.OrgCommunityGroup, Hillcrest},
		{"o-allotments", "Riverside Allotment Society", store.OrgCommunityGroup, Riverside},
		{"o-st-annes", "St Anne's Community Hall", store.OrgVoluntary, OldTown},
		{"o-policing", "Millbrook Neighbourhood Policing Team", store.OrgPublicBody, Town},
		{"o-coproduction-lab", "University of Millbrook Co-Production Lab", store.OrgResearch, Town},
		{"o-coop", "Canal Street Co-op", store.OrgBusiness, OldTown},
		{"o-community-transport", "Millbrook Community Transport", store.OrgVoluntary, Town},
		{"o-tots", "Northgate Stay and Play", store.OrgCommunityGroup, Northgate},
		{"o-jobs-hub", "Millbrook Jobs and Skills Hub", store.OrgPublicBody, Northgate},
	} {
		d.org(o.id, o.name, o.kind, o.place)
	}
	// Ties between organisations: funding and partnerships.
	for _, t := range []struct {
		from, to     string
		kind         store.RelKind
		since, until string
	}{
		{"o-council", "o-youth-club", store.RelFunds, "2019-04-01", ""},
		{"o-council", "o-health", store.RelPartnersWith, "2019-01-01", ""},
		{"o-council", "o-riverside-homes", store.RelPartnersWith, "2019-01-01", ""},
		{"o-council", "o-family-hub", store.RelFunds, "2020-09-01", ""},
		{"o-council", "o-policing", store.RelPartnersWith, "2019-01-01", ""},
		{"o-council", "o-jobs-hub", store.RelPartnersWith, "2021-01-01", ""},
		{"o-council", "o-riverside-primary", store.RelPartnersWith, "2019-01-01", ""},
		{"o-council", "o-millbrook-academy", store.RelPartnersWith, "2019-01-01", ""},
		{"o-health", "o-canal-side-surgery", store.RelFunds, "2019-01-01", ""},
		{"o-health", "o-mind", store.RelFunds, "2020-04-01", ""},
		{"o-community-foundation", "o-food-bank", store.RelFunds, "2019-06-01", ""},
		{"o-community-foundation", "o-carers-cafe", store.RelFunds, "2020-04-01", "2023-03-31"},
		{"o-community-foundation", "o-age-friendly", store.RelFunds, "2019-06-01", ""},
		{"o-community-foundation", "o-disability-forum", store.RelFunds, "2021-04-01", ""},
		{"o-community-foundation", "o-tenants", store.RelFunds, "2023-04-01", ""},
		{"o-northern-lights", "o-mind", store.RelFunds, "2019-01-01", "2022-12-31"},
		{"o-northern-lights", "o-coproduction-lab", store.RelFunds, "2022-09-01", ""},
		{"o-northern-lights", "o-community-foundation", store.RelPartnersWith, "2019-01-01", ""},
		{"o-riverside-homes", "o-tenants", store.RelPartnersWith, "2022-06-01", ""},
		{"o-riverside-homes", "o-allotments", store.RelPartnersWith, "2019-01-01", ""},
		{"o-family-hub", "o-tots", store.RelPartnersWith, "2020-09-01", ""},
		{"o-family-hub", "o-millbrook-academy", store.RelPartnersWith, "2021-01-01", ""},
		{"o-jobs-hub", "o-food-bank", store.RelRefersTo, "2021-01-01", ""},
		{"o-st-annes", "o-carers-cafe", store.RelPartnersWith, "2019-01-01", ""},
		{"o-st-annes", "o-coop", store.RelPartnersWith, "2020-01-01", ""},
		{"o-community-transport", "o-age-friendly", store.RelPartnersWith, "2019-01-01", ""},
		{"o-community-transport", "o-disability-forum", store.RelPartnersWith, "2021-06-01", ""},
		{"o-canal-side-surgery", "o-mind", store.RelRefersTo, "2019-01-01", ""},
		{"o-coproduction-lab", "o-council", store.RelAdvises, "2023-01-01", "2024-06-30"},
	} {
		d.tie(t.from, t.to, t.kind, 1, t.since, t.until)
	}
}

var (
	pro       = store.CapacityProfessional
	community = store.CapacityCommunity
)

func professionals(d *builder) {
	for _, p := range []struct {
		id, name, place, role, employer, since, until string
	}{
		{"p-helen-marsh", "Helen Marsh", Town, "director of communities", "o-council", "2016-05-01", ""},
		{"p-david-okoye", "David Okoye", Town, "commissioner", "o-health", "2018-01-01", ""},
		{"p-sarah-whitfield", "Sarah Whitfield", Riverside, "chief executive", "o-riverside-homes", "2017-09-01", ""},
		{YouthWorker, "Jordan Blake", Riverside, "youth worker", "o-youth-club", "2021-02-01", ""},
		{FormerYouthWorker, "Kim Osei", Riverside, "youth worker", "o-youth-club", "2016-09-01", "2020-12-31"},
		{"p-ruth-adeyemi", "Ruth Adeyemi", Northgate, "family hub manager", "o-family-hub", "2020-09-01", ""},
		{"p-tom-hughes", "Tom Hughes", Riverside, "head teacher", "o-riverside-primary", "2018-09-01", ""},
		{"p-meera-shah", "Meera Shah", OldTown, "GP", "o-canal-side-surgery", "2015-01-01", ""},
		{"p-gareth-lloyd", "Gareth Lloyd", Town, "community development worker", "o-council", "2019-03-01", ""},
		{"p-fiona-grant", "Fiona Grant", Town, "grants officer", "o-community-foundation", "2019-01-01", ""},
		{"p-liam-doyle", "Liam Doyle", Town, "police sergeant", "o-policing", "2018-01-01", ""},
		{"p-anita-kaur", "Anita Kaur", Town, "researcher", "o-coproduction-lab", "2022-09-01", ""},
		{"p-owen-price", "Owen Price", Riverside, "ward councillor", "o-council", "2019-05-01", "2023-05-04"},
		{"p-claire-benson", "Claire Benson", Town, "manager", "o-mind", "2019-01-01", ""},
	} {
		d.person(p.id, p.name, p.place, pro, nil, []string{p.role}, nil)
		d.tie(p.id, p.employer, store.RelEmployedBy, 1, p.since, p.until)
	}
	// Ties among professionals; several pairs are joined by more than one kind.
	for _, t := range []struct {
		from, to     string
		kind         store.RelKind
		weight       float64
		since, until string
	}{
		{"p-helen-marsh", "p-sarah-whitfield", store.RelKnows, 3, "2017-09-01", ""},
		{"p-helen-marsh", "p-sarah-whitfield", store.RelWorksWith, 2, "2019-04-01", ""},
		{"p-helen-marsh", "p-david-okoye", store.RelWorksWith, 3, "2019-01-01", ""},
		{"p-david-okoye", "p-helen-marsh", store.RelAdvises, 1, "2021-01-01", ""},
		{"p-david-okoye", "p-sarah-whitfield", store.RelKnows, 2, "2019-04-01", ""},
		{"p-helen-marsh", "p-gareth-lloyd", store.RelWorksWith, 2, "2019-03-01", ""},
		{"p-helen-marsh", "p-fiona-grant", store.RelKnows, 1, "2019-06-01", ""},
		{"p-helen-marsh", "p-owen-price", store.RelWorksWith, 1, "2019-05-01", "2023-05-04"},
		{"p-helen-marsh", "p-ruth-adeyemi", store.RelWorksWith, 1, "2020-09-01", ""},
		{"p-david-okoye", "p-meera-shah", store.RelWorksWith, 2, "2019-01-01", ""},
		{"p-david-okoye", "p-claire-benson", store.RelWorksWith, 1, "2020-04-01", ""},
		{"p-sarah-whitfield", "p-liam-doyle", store.RelKnows, 1, "2019-01-01", ""},
		{"p-gareth-lloyd", FormerYouthWorker, store.RelKnows, 1, "2019-03-01", "2020-12-31"},
		{"p-gareth-lloyd", YouthWorker, store.RelWorksWith, 2, "2021-03-01", ""},
		{"p-gareth-lloyd", YouthWorker, store.RelKnows, 1, "2021-03-01", ""},
		{YouthWorker, "p-ruth-adeyemi", store.RelWorksWith, 1, "2021-06-01", ""},
		{"p-ruth-adeyemi", "p-tom-hughes", store.RelWorksWith, 2, "2020-09-01", ""},
		{"p-fiona-grant", "p-claire-benson", store.RelKnows, 1, "2019-01-01", ""},
		{"p-anita-kaur", "p-gareth-lloyd", store.RelWorksWith, 1, "2023-01-01", ""},
		{"p-anita-kaur", "p-helen-marsh", store.RelAdvises, 1, "2023-01-01", "2024-06-30"},
		{"p-meera-shah", "p-claire-benson", store.RelRefersTo, 1, "2019-01-01", ""},
	} {
		d.tie(t.from, t.to, t.kind, t.weight, t.since, t.until)
	}
}

// leaders adds the named community members: the tenants' chair, a parent
// representative, a disability campaigner and a Hillcrest elder.
func leaders(d *builder) {
	d.person("p-tariq-hussain", "Tariq Hussain", Riverside, community, []string{"disabled person"}, []string{"tenants' association chair"}, nil)
	d.person("p-grace-mensah", "Grace Mensah", Northgate, community, []string{"parent"}, []string{"parent representative"}, nil)
	d.person("p-dev-patel", "Dev Patel", OldTown, community, []string{"disabled person"}, []string{"chair"}, []string{"wheelchair user"})
	d.person("p-margaret-ellis", "Margaret Ellis", Hillcrest, community, []string{"older person", "carer"}, []string{"chair"}, nil)
	for _, t := range []struct {
		from, to     string
		kind         store.RelKind
		weight       float64
		since, until string
	}{
		{"p-tariq-hussain", "o-tenants", store.RelMemberOf, 3, "2022-03-01", ""},
		{"p-tariq-hussain", "o-tenants", store.RelRepresents, 2, "2022-03-01", ""},
		{"p-tariq-hussain", "p-sarah-whitfield", store.RelKnows, 1, "2022-06-01", ""},
		{"p-tariq-hussain", "p-gareth-lloyd", store.RelWorksWith, 1, "2022-03-01", ""},
		{"p-grace-mensah", "p-ruth-adeyemi", store.RelKnows, 2, "2020-10-01", ""},
		{"p-grace-mensah", "o-tots", store.RelMemberOf, 1, "2020-01-01", ""},
		{"p-dev-patel", "o-disability-forum", store.RelMemberOf, 3, "2019-01-01", ""},
		{"p-dev-patel", "o-disability-forum", store.RelRepresents, 2, "2021-01-01", ""},
		{"p-dev-patel", "p-gareth-lloyd", store.RelKnows, 1, "2020-02-01", ""},
		{"p-margaret-ellis", "o-age-friendly", store.RelMemberOf, 3, "2019-01-01", ""},
		{"p-margaret-ellis", "o-bowls-club", store.RelMemberOf, 1, "2019-01-01", ""},
		{"p-margaret-ellis", "p-fiona-grant", store.RelKnows, 2, "2020-01-01", ""},
		{"p-margaret-ellis", "p-gareth-lloyd", store.RelKnows, 1, "2019-06-01", ""},
	} {
		d.tie(t.from, t.to, t.kind, t.weight, t.since, t.until)
	}
}
