package demo

import (
	"github.com/voicemap/voicemap/store"
)

// forums adds the six forums and who takes part in them, at what level and
// from what stage.
func forums(d *builder, youth, parents, hillcrest []string) {
	all := []string{"young person", "parent", "older person", "disabled person", "carer"}
	d.forum(PartnershipBoard, "Millbrook Partnership Board", Town, true, all...)
	d.forum(YouthCommissioning, "Youth Services Commissioning Panel", Town, true, "young person")
	d.forum("f-youth-voice", "Riverside Youth Voice", Riverside, false, "young person")
	d.forum(FamilyHubSteering, "Family Hub Steering Group", Northgate, true, "parent")
	d.forum("f-grants-panel", "Community Grants Panel", Town, true, "older person", "carer", "disabled person")
	d.forum("f-hillcrest-forum", "Hillcrest Neighbourhood Forum", Hillcrest, true, "older person")

	const (
		inform, consult, coDesign, coProduce, lead = store.LevelInform, store.LevelConsult, store.LevelCoDesign, store.LevelCoProduce, store.LevelLead
		idea, design, delivery, evaluation         = store.StageIdea, store.StageDesign, store.StageDelivery, store.StageEvaluation
	)

	// The Partnership Board: three professionals hold most decision seats;
	// the one community seat came late; one parent is consulted for all.
	d.seat("p-helen-marsh", PartnershipBoard, lead, idea, "2019-04-01", "")
	d.seat("p-david-okoye", PartnershipBoard, coProduce, idea, "2019-04-01", "")
	d.seat("p-sarah-whitfield", PartnershipBoard, coProduce, idea, "2019-04-01", "")
	d.seat("p-owen-price", PartnershipBoard, coDesign, design, "2019-09-01", "2023-05-04")
	d.seat("p-grace-mensah", PartnershipBoard, consult, design, "2020-01-15", "")
	d.seat("p-dev-patel", PartnershipBoard, consult, delivery, "2022-02-01", "")
	d.seat("p-tariq-hussain", PartnershipBoard, coProduce, delivery, "2023-05-01", "")
	d.seat("p-fiona-grant", PartnershipBoard, inform, delivery, "2021-01-01", "")
	d.seat("o-council", PartnershipBoard, coDesign, idea, "2019-04-01", "")

	// Decisions about young people, with no young person deciding.
	d.seat("p-gareth-lloyd", YouthCommissioning, lead, idea, "2021-06-01", "")
	d.seat("p-helen-marsh", YouthCommissioning, coProduce, idea, "2021-06-01", "")
	d.seat("p-david-okoye", YouthCommissioning, coProduce, design, "2021-09-01", "")
	d.seat("p-tom-hughes", YouthCommissioning, coDesign, design, "2021-09-01", "")
	d.seat(YouthWorker, YouthCommissioning, consult, delivery, "2022-01-10", "")

	// Where young people are heard, which decides nothing.
	d.seat(FormerYouthWorker, "f-youth-voice", lead, idea, "2019-01-01", "2020-12-31")
	d.seat(YouthWorker, "f-youth-voice", lead, delivery, "2021-03-01", "")
	for i, id := range youth[:10] {
		level, stage, since := consult, delivery, "2021-04-01"
		if i < 4 {
			level, stage, since = coDesign, design, "2019-05-01"
		}
		d.seat(id, "f-youth-voice", level, stage, since, "")
	}

	// Parents consulted, never deciding.
	d.seat("p-ruth-adeyemi", FamilyHubSteering, lead, idea, "2020-09-01", "")
	d.seat("p-helen-marsh", FamilyHubSteering, coProduce, idea, "2020-09-01", "")
	d.seat("p-tom-hughes", FamilyHubSteering, coProduce, design, "2020-11-01", "")
	d.seat("p-grace-mensah", FamilyHubSteering, consult, design, "2020-11-01", "")
	for i, id := range parents[:12] {
		stage, since, until := delivery, "2021-05-01", ""
		if i%3 == 0 {
			stage, since, until = evaluation, "2023-09-01", "2024-03-31"
		}
		d.seat(id, FamilyHubSteering, consult, stage, since, until)
	}

	// The grants panel shares power with one older resident.
	d.seat("p-fiona-grant", "f-grants-panel", lead, idea, "2019-06-01", "")
	d.seat("p-sarah-whitfield", "f-grants-panel", coProduce, idea, "2019-06-01", "")
	d.seat("p-margaret-ellis", "f-grants-panel", coProduce, idea, "2020-01-01", "")
	d.seat("p-dev-patel", "f-grants-panel", coDesign, design, "2021-04-01", "")
	d.seat("p-claire-benson", "f-grants-panel", consult, delivery, "2022-01-01", "")
	d.seat("o-community-foundation", "f-grants-panel", coDesign, idea, "2019-06-01", "")

	// Hillcrest: residents lead from the first meeting.
	d.seat("p-margaret-ellis", "f-hillcrest-forum", lead, idea, "2019-02-01", "")
	for _, id := range hillcrest[:4] {
		d.seat(id, "f-hillcrest-forum", coProduce, idea, "2019-02-01", "")
	}
	d.seat("p-gareth-lloyd", "f-hillcrest-forum", inform, design, "2019-09-01", "")
}
