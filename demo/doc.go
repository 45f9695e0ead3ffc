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
// # Money
//
// Grants adds the town's money: 44 grants in pounds, £587,695.50 in all,
// awarded from 2019 to 2025 by four funders. The Millbrook Community
// Foundation (23 small grants, £106,405.50) decides through the Community
// Grants Panel; the Northern Lights Trust (13 grants, £345,800) gives large
// grants to organisations it already knows; two national funders, the
// Ashgrove Foundation (community buildings and local projects, £101,990)
// and the Fieldfare Trust (young people's futures, £33,500), are added as
// organisations in the grant batch. Their identifiers, GB-CHC-1000001 and
// GB-CHC-1000002, have the form of 360Giving organisation identifiers, but
// the charity numbers are invented.
//
// Money follows connections, not need. Hillcrest, the least deprived
// neighbourhood, is well connected: its residents lead their own forum and
// Margaret Ellis sits on the Foundation's grants panel, and its Age Friendly
// group, bowls club and park draw one grant after another. Riverside Estate,
// the most deprived, whose young people are hidden voices, receives little.
// Grants that name the whole town (peer support from Millbrook Mind, the
// Co-Production Lab's research, the council's partnership work) are shared
// equally by the four neighbourhoods, as the funding analysis shares them;
// one grant, a dial-a-ride minibus, names two. Per head, with the
// need-weighted fair share of package analysis/funding:
//
//	neighbourhood      IMD decile   received    per head   gap per head   rank
//	Riverside Estate        1      £70,812.50    £11.42      +£22.39        1
//	Northgate               3     £146,962.50    £18.14       +£8.91        2
//	Old Town                5     £120,338.00    £22.28       −£2.00        3
//	Hillcrest               9     £249,582.50    £34.19      −£27.43        4
//
// so underservedPlaces ranks Riverside Estate the most under-served and
// finds Hillcrest over-served (a negative gap), for all funders and for
// each local funder alone.
//
// Whose money reaches hidden voices: the only organisation within two
// steps of a young person is Riverside Youth Club, through its youth
// worker, Jordan Blake (Kim Osei before him). The Community Foundation gives
// it three small grants, £13,350, 12.5% of its money; the Northern Lights
// Trust gives it nothing and most of its money goes to Age Friendly
// Hillcrest, Hillcrest Bowls Club, council-led work and research. The
// dates follow the story: the tenants' association is funded only after it
// forms in 2022, the carers' café only while the Foundation funds it, the
// Co-Production Lab from 2022. Grants are records of money, not ties: they
// add no relationship to the network, so its analyses are unchanged.
//
// The example files under examples/ at the root of the repository are
// these grants in the two 360Giving forms (millbrook-grants.csv with the
// spreadsheet template's column titles, millbrook-grants.json as a
// package) and the places as place data (millbrook-places.csv). Funders and
// recipients in them are identified by their demo ids, and places by their
// codes (DEMO-T01 for the town, written as a local authority district,
// LAD; DEMO-N01 to DEMO-N04 for the neighbourhoods, written as wards, WD),
// so that they import onto the demo network. They are regenerated with
//
//	go test ./demo -run TestExamples -update
//
// # Boundaries
//
// Every demo place has a boundary (store.Place.Geometry) for maps, invented
// and generated by Shapes: the town a wobbly disc about 4.5 km across on
// open moorland at 54°N 2°W, where there is no town, Old Town a smaller
// disc at its centre, and Northgate (north), Hillcrest (west) and Riverside
// Estate (south-east) the ring around it, cut by wandering lines. The
// shapes share their edges exactly and tile the town. They are also in
// examples/millbrook-boundaries.geojson, a FeatureCollection keyed by code.
//
// # Determinism
//
// Network builds the same batch on every call: the named characters are
// written out, and the other residents are drawn from a math/rand/v2 PCG
// source with a fixed seed. Every id is stable, so the README's example
// queries keep their answers.
package demo
