package demo

import (
	"github.com/voicemap/voicemap/store"
)

// Funders of the demo: the two local funders of the network and two
// national funders that Grants adds. The national funders' identifiers are
// in the 360Giving organisation-identifier form (GB-CHC- and a charity
// number) but the numbers are invented: no such charities exist.
const (
	CommunityFoundation = "o-community-foundation"
	NorthernLights      = "o-northern-lights"
	AshgroveFoundation  = "GB-CHC-1000001"
	FieldfareTrust      = "GB-CHC-1000002"
)

// grant is one row of the demo grants table; amount is in pence.
type grant struct {
	id, funder, recipient, date string
	amount                      int64
	programme, title, desc      string
	places                      []string
}

// demoGrants is the table behind Grants, by funder and then by date. Money
// follows connections, not need (see the package documentation).
var demoGrants = []grant{
	// Millbrook Community Foundation: many small grants, decided by the
	// Community Grants Panel, on which Hillcrest has a seat.
	{"360G-millbrook-cf-0001", CommunityFoundation, "o-age-friendly", "2019-06-27", 475000, "Neighbourhood Fund",
		"Hillcrest lunch club", "A weekly lunch club for older residents of Hillcrest, with transport for those who cannot walk to the church hall.", []string{Hillcrest}},
	{"360G-millbrook-cf-0002", CommunityFoundation, "o-youth-club", "2019-07-02", 250000, "Small Grants",
		"Summer holiday activities", "Trips and sports sessions for young people on the Riverside Estate during the school summer holiday.", []string{Riverside}},
	{"360G-millbrook-cf-0003", CommunityFoundation, "o-food-bank", "2019-11-05", 500000, "Winter Support",
		"Emergency food parcels", "Emergency food parcels and fuel vouchers for households in Northgate over the winter.", []string{Northgate}},
	{"360G-millbrook-cf-0004", CommunityFoundation, "o-allotments", "2020-03-09", 185000, "Small Grants",
		"Raised beds and a tool store", "Accessible raised beds and a secure tool store so that more Riverside residents can take a plot.", []string{Riverside}},
	{"360G-millbrook-cf-0005", CommunityFoundation, "o-carers-cafe", "2020-05-11", 375000, "Neighbourhood Fund",
		"Carers' café weekly sessions", "Weekly drop-in sessions where unpaid carers in Old Town meet, rest and get advice.", []string{OldTown}},
	{"360G-millbrook-cf-0006", CommunityFoundation, "o-tots", "2020-10-19", 320000, "Small Grants",
		"Stay and play sessions", "Free stay and play sessions for parents and carers of children under five in Northgate.", []string{Northgate}},
	{"360G-millbrook-cf-0007", CommunityFoundation, "o-food-bank", "2020-12-01", 750000, "Winter Support",
		"Winter food and warmth", "Food parcels, warm packs and advice on benefits for Northgate households through the winter.", []string{Northgate}},
	{"360G-millbrook-cf-0008", CommunityFoundation, "o-youth-club", "2021-05-20", 485000, "Small Grants",
		"Riverside Youth Voice sessions", "Youth worker time and a room for Riverside Youth Voice, where young people meet to say what they want for the estate.", []string{Riverside}},
	{"360G-millbrook-cf-0009", CommunityFoundation, "o-disability-forum", "2021-06-07", 460000, "Neighbourhood Fund",
		"Access audits of the town centre", "Disabled residents audit the access of shops, surgeries and bus stops in Old Town and publish what they find.", []string{OldTown}},
	{"360G-millbrook-cf-0010", CommunityFoundation, "o-age-friendly", "2021-06-15", 498000, "Neighbourhood Fund",
		"Hillcrest lunch club, second year", "The weekly lunch club for older residents of Hillcrest continues, with a monthly outing.", []string{Hillcrest}},
	{"360G-millbrook-cf-0011", CommunityFoundation, "o-carers-cafe", "2021-09-06", 412550, "Neighbourhood Fund",
		"Carers' café and respite sitting", "The carers' café continues, with sitters so that carers can attend.", []string{OldTown}},
	{"360G-millbrook-cf-0012", CommunityFoundation, "o-bowls-club", "2022-05-16", 240000, "Small Grants",
		"Taster sessions for new members", "Free taster sessions and coaching to bring new members to Hillcrest Bowls Club.", []string{Hillcrest}},
	{"360G-millbrook-cf-0013", CommunityFoundation, "o-carers-cafe", "2022-10-03", 440000, "Neighbourhood Fund",
		"Carers' café, final year", "A last year of the carers' café before it moves under St Anne's Community Hall.", []string{OldTown}},
	{"360G-millbrook-cf-0014", CommunityFoundation, "o-food-bank", "2022-11-14", 825000, "Winter Support",
		"Cost of living support", "Food parcels and a weekly advice session on energy bills for Northgate households.", []string{Northgate}},
	{"360G-millbrook-cf-0015", CommunityFoundation, "o-tots", "2023-02-27", 360000, "Small Grants",
		"Stay and play for working parents", "Saturday stay and play sessions for parents who work in the week.", []string{Northgate}},
	{"360G-millbrook-cf-0016", CommunityFoundation, "o-tenants", "2023-04-20", 350000, "Small Grants",
		"Tenants' voice and newsletter", "Meeting costs and a quarterly newsletter for the Riverside Tenants' Association, formed in 2022.", []string{Riverside}},
	{"360G-millbrook-cf-0017", CommunityFoundation, "o-youth-club", "2023-06-14", 600000, "Small Grants",
		"Detached youth work evenings", "Two evenings a week of detached youth work on the Riverside Estate, reaching young people who do not come to the club.", []string{Riverside}},
	{"360G-millbrook-cf-0018", CommunityFoundation, "o-age-friendly", "2023-07-03", 500000, "Neighbourhood Fund",
		"Hillcrest lunch club and befriending", "The lunch club continues, with volunteer befrienders who visit housebound residents.", []string{Hillcrest}},
	{"360G-millbrook-cf-0019", CommunityFoundation, "o-disability-forum", "2023-10-16", 500000, "Neighbourhood Fund",
		"Accessible Old Town", "Disabled residents work with shops and the council on the changes the access audits asked for.", []string{OldTown}},
	{"360G-millbrook-cf-0020", CommunityFoundation, "o-mind", "2024-02-19", 300000, "Small Grants",
		"Men's talking group", "A fortnightly talking group for men in Millbrook, run by peer volunteers.", []string{Town}},
	{"360G-millbrook-cf-0021", CommunityFoundation, "o-tenants", "2024-05-08", 420000, "Small Grants",
		"Tenants' repairs campaign", "Support for tenants to record repair problems and meet Riverside Homes about them.", []string{Riverside}},
	{"360G-millbrook-cf-0022", CommunityFoundation, "o-food-bank", "2024-12-02", 900000, "Winter Support",
		"Winter food and warmth 2024", "Food parcels and warm packs for Northgate households through the winter.", []string{Northgate}},
	{"360G-millbrook-cf-0023", CommunityFoundation, "o-disability-forum", "2025-03-10", 495000, "Neighbourhood Fund",
		"Disabled people's voice in planning", "Disabled residents prepare evidence for the town's transport plan.", []string{OldTown}},

	// Northern Lights Trust: large grants, mostly to organisations it
	// already knows, far from the town's hidden voices.
	{"360G-northern-lights-0001", NorthernLights, "o-mind", "2019-03-14", 2400000, "Thriving Communities",
		"Peer support groups", "Peer support groups for adults with mental ill health across Millbrook.", []string{Town}},
	{"360G-northern-lights-0002", NorthernLights, "o-age-friendly", "2019-09-17", 3500000, "Healthy Ageing",
		"Healthy Ageing in Hillcrest", "A coordinator, exercise classes and a community garden for older residents of Hillcrest.", []string{Hillcrest}},
	{"360G-northern-lights-0003", NorthernLights, "o-bowls-club", "2020-02-24", 1875000, "Healthy Ageing",
		"Clubhouse accessibility works", "A ramp, an accessible toilet and a hearing loop in the Hillcrest Bowls Club clubhouse.", []string{Hillcrest}},
	{"360G-northern-lights-0004", NorthernLights, "o-council", "2020-06-01", 3000000, "Thriving Communities",
		"Millbrook Partnership development", "Officer time and events to set up the Millbrook Partnership Board and its community engagement.", []string{Town}},
	{"360G-northern-lights-0005", NorthernLights, "o-mind", "2021-02-10", 2650000, "Thriving Communities",
		"Peer support groups, continuation", "Peer support groups for adults with mental ill health continue, online and in person.", []string{Town}},
	{"360G-northern-lights-0006", NorthernLights, "o-food-bank", "2021-03-22", 2000000, "Thriving Communities",
		"Food bank warehouse", "A larger warehouse and a van for Northgate Food Bank.", []string{Northgate}},
	{"360G-northern-lights-0007", NorthernLights, "o-council", "2021-10-11", 1250000, "Healthy Ageing",
		"Hillcrest Park green gym", "Outdoor exercise equipment and led walks in Hillcrest Park, run by the council's parks team.", []string{Hillcrest}},
	{"360G-northern-lights-0008", NorthernLights, "o-age-friendly", "2022-04-04", 4200000, "Healthy Ageing",
		"Healthy Ageing in Hillcrest, phase two", "The Healthy Ageing programme in Hillcrest continues and adds a digital inclusion café.", []string{Hillcrest}},
	{"360G-northern-lights-0009", NorthernLights, "o-coproduction-lab", "2022-10-05", 4500000, "Research and Learning",
		"Mapping voice and power in Millbrook", "Researchers map who takes part in decisions in Millbrook and who is left out.", []string{Town}},
	{"360G-northern-lights-0010", NorthernLights, "o-st-annes", "2022-11-28", 980000, "Thriving Communities",
		"Warm space at St Anne's", "Opening St Anne's Community Hall as a warm space on weekday afternoons through the winter.", []string{OldTown}},
	{"360G-northern-lights-0011", NorthernLights, "o-coproduction-lab", "2024-09-18", 3875000, "Research and Learning",
		"Co-production in practice", "A second study of the Partnership Board, with training for its members in sharing power.", []string{Town}},
	{"360G-northern-lights-0012", NorthernLights, "o-age-friendly", "2024-11-12", 2850000, "Healthy Ageing",
		"Healthy Ageing in Hillcrest, phase three", "A third phase of the Healthy Ageing programme, led by the Hillcrest Neighbourhood Forum.", []string{Hillcrest}},
	{"360G-northern-lights-0013", NorthernLights, "o-age-friendly", "2025-02-03", 1500000, "Healthy Ageing",
		"Digital skills for older residents", "Tablets, data and weekly help sessions for older residents of Hillcrest.", []string{Hillcrest}},

	// The Ashgrove Foundation: a national funder of buildings and local
	// projects, reached by those who know how to apply.
	{"360G-ashgrove-0001", AshgroveFoundation, "o-st-annes", "2019-10-14", 2800000, "Community Buildings",
		"Community hall kitchen", "A new kitchen for St Anne's Community Hall, so that it can host lunch clubs and events.", []string{OldTown}},
	{"360G-ashgrove-0002", AshgroveFoundation, "o-family-hub", "2021-05-04", 1500000, "Local Grants",
		"Family Hub garden", "A garden and outdoor play space at Millbrook Family Hub in Northgate.", []string{Northgate}},
	{"360G-ashgrove-0003", AshgroveFoundation, "o-bowls-club", "2021-08-30", 2499000, "Community Buildings",
		"New green and pavilion roof", "Relaying the green and replacing the pavilion roof at Hillcrest Bowls Club.", []string{Hillcrest}},
	{"360G-ashgrove-0004", AshgroveFoundation, "o-mind", "2023-01-15", 1240000, "Local Grants",
		"Winter wellbeing", "Wellbeing walks, a helpline and drop-ins across Millbrook through the winter.", []string{Town}},
	{"360G-ashgrove-0005", AshgroveFoundation, "o-community-transport", "2023-03-21", 2160000, "Local Grants",
		"Dial-a-ride minibus", "An accessible minibus for door-to-door journeys for older and disabled residents of Hillcrest and Old Town.", []string{Hillcrest, OldTown}},

	// The Fieldfare Trust: a national funder of young people's futures.
	{"360G-fieldfare-0001", FieldfareTrust, "o-millbrook-academy", "2022-01-24", 1200000, "Young Futures",
		"Mentoring for Year 9 pupils", "Volunteer mentors from local employers for Year 9 pupils at Millbrook Academy.", []string{Northgate}},
	{"360G-fieldfare-0002", FieldfareTrust, "o-riverside-primary", "2022-09-12", 300000, "Young Futures",
		"Breakfast club", "A free breakfast club at Riverside Primary School.", []string{Riverside}},
	{"360G-fieldfare-0003", FieldfareTrust, "o-jobs-hub", "2023-09-11", 1850000, "Young Futures",
		"Youth employment coaching", "Coaching and work placements for young people aged 16 to 24 through the Jobs and Skills Hub.", []string{Northgate}},
}

// Grants returns the Millbrook demo grants (see the package doc): the two
// national funders it adds, as organisations of kind FUNDER located in the
// town, and 44 grants in GBP awarded from 2019 to 2025 by the four funders
// to organisations of Network, for the benefit of its places. Import it
// after Network. It returns an equal batch on every call; each call builds
// fresh slices, so the caller may modify the result.
func Grants() store.GrantBatch {
	b := store.GrantBatch{
		Organisations: []store.Organisation{
			{ID: AshgroveFoundation, Name: "The Ashgrove Foundation", Kind: store.OrgFunder, PlaceID: Town},
			{ID: FieldfareTrust, Name: "The Fieldfare Trust", Kind: store.OrgFunder, PlaceID: Town},
		},
		Grants: make([]store.Grant, 0, len(demoGrants)),
	}
	for _, g := range demoGrants {
		b.Grants = append(b.Grants, store.Grant{
			ID: g.id, Title: g.title, Description: g.desc,
			Amount: g.amount, Currency: "GBP", AwardedOn: *date(g.date),
			FunderID: g.funder, RecipientID: g.recipient,
			PlaceIDs: append([]string(nil), g.places...), Programme: g.programme,
		})
	}
	return b
}
