package storetest

import (
	"testing"

	"github.com/voicemap/voicemap/store"
)

func testParticipations(t *testing.T, open Opener) {
	t.Run("RoundTrip", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		mustForum(t, s, "f1", "top")
		for i, level := range store.Levels {
			stage := store.Stages[i%len(store.Stages)]
			in := store.Participation{ID: "pa-" + string(level), ActorID: "p1", ForumID: "f1", Level: level, JoinedAtStage: stage,
				Since: date(2020, 1, 1+i), Until: date(2021, 1, 1)}
			got, err := s.RecordParticipation(t.Context(), in)
			noErr(t, err, "RecordParticipation")
			same(t, "RecordParticipation", canonPart(got), in)
			read, err := s.Participation(t.Context(), in.ID)
			noErr(t, err, "Participation")
			same(t, "Participation("+in.ID+")", canonPart(read), in)
			k, err := s.Kind(t.Context(), in.ID)
			noErr(t, err, "Kind")
			same(t, "Kind", k, store.KindParticipation)
		}
		openEnded := store.Participation{ID: "pa-open", ActorID: "o1", ForumID: "f1", Level: store.LevelLead, JoinedAtStage: store.StageEvaluation}
		got, err := s.RecordParticipation(t.Context(), openEnded)
		noErr(t, err, "RecordParticipation(open)")
		same(t, "RecordParticipation(open)", canonPart(got), openEnded)
		_, err = s.Participation(t.Context(), "f1")
		wantRefusal(t, err, store.ENOTFOUND, "Participation(forum id)")
	})

	t.Run("ReplaceAndIdempotent", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		mustForum(t, s, "f1", "top")
		mustForum(t, s, "f2", "other")
		in := store.Participation{ID: "pa", ActorID: "p1", ForumID: "f1", Level: store.LevelConsult, JoinedAtStage: store.StageIdea}
		_, err := s.RecordParticipation(t.Context(), in)
		noErr(t, err, "RecordParticipation")
		before := dump(t, s)
		_, err = s.RecordParticipation(t.Context(), in)
		noErr(t, err, "repeat RecordParticipation")
		unchanged(t, s, before, "repeat RecordParticipation")
		repl := store.Participation{ID: "pa", ActorID: "o1", ForumID: "f2", Level: store.LevelLead, JoinedAtStage: store.StageDelivery, Since: date(2022, 2, 2)}
		_, err = s.RecordParticipation(t.Context(), repl)
		noErr(t, err, "replace RecordParticipation")
		read, err := s.Participation(t.Context(), "pa")
		noErr(t, err, "Participation")
		same(t, "Participation(pa) after replace", canonPart(read), repl)
		same(t, "Participations(p1)", listParts(t, s, store.ParticipationFilter{ActorID: "p1"}), []string(nil))
		same(t, "Participations(f1)", listParts(t, s, store.ParticipationFilter{ForumID: "f1"}), []string(nil))
		same(t, "Participations(o1)", listParts(t, s, store.ParticipationFilter{ActorID: "o1"}), []string{"pa"})
		same(t, "Participations(f2)", listParts(t, s, store.ParticipationFilter{ForumID: "f2"}), []string{"pa"})
		snap, err := s.Snapshot(t.Context(), store.Scope{PlaceID: "top"})
		noErr(t, err, "Snapshot(top)")
		same(t, "Snapshot(top) participations after the move to f2", ids(snap.Participations, partID), []string(nil))
		noErr(t, s.DeleteActor(t.Context(), "p1"), "DeleteActor(p1)")
		same(t, "participations after DeleteActor(p1)", ids(dump(t, s).Participations, partID), []string{"pa"})
	})

	t.Run("Refused", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		mustForum(t, s, "f1", "top")
		mustPart(t, s, "pa0", "p1", "f1", nil, nil)
		before := dump(t, s)
		ok := store.Participation{ID: "pa", ActorID: "p1", ForumID: "f1", Level: store.LevelConsult, JoinedAtStage: store.StageIdea}
		tests := []struct {
			name   string
			change func(p *store.Participation)
			code   string
		}{
			{"empty id", func(p *store.Participation) { p.ID = "" }, store.EINVALID},
			{"no actor", func(p *store.Participation) { p.ActorID = "" }, store.EINVALID},
			{"no forum", func(p *store.Participation) { p.ForumID = "" }, store.EINVALID},
			{"unknown level", func(p *store.Participation) { p.Level = "SHOUT" }, store.EINVALID},
			{"no level", func(p *store.Participation) { p.Level = "" }, store.EINVALID},
			{"unknown stage", func(p *store.Participation) { p.JoinedAtStage = "LATE" }, store.EINVALID},
			{"until before since", func(p *store.Participation) { p.Since, p.Until = date(2021, 1, 2), date(2021, 1, 1) }, store.EINVALID},
			{"missing actor", func(p *store.Participation) { p.ActorID = "nobody" }, store.ENOTFOUND},
			{"actor is a forum", func(p *store.Participation) { p.ActorID = "f1" }, store.ENOTFOUND},
			{"missing forum", func(p *store.Participation) { p.ForumID = "nowhere" }, store.ENOTFOUND},
			{"forum is a person", func(p *store.Participation) { p.ForumID = "p2" }, store.ENOTFOUND},
			{"replace with missing forum", func(p *store.Participation) { p.ID, p.ForumID = "pa0", "nowhere" }, store.ENOTFOUND},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				p := ok
				tt.change(&p)
				_, err := s.RecordParticipation(t.Context(), p)
				wantRefusal(t, err, tt.code, "RecordParticipation("+tt.name+")")
				unchanged(t, s, before, "refused RecordParticipation")
			})
		}
	})

	t.Run("Filters", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		mustForum(t, s, "f1", "top")
		mustForum(t, s, "f2", "other")
		mustPart(t, s, "pa-2020", "p1", "f1", date(2020, 1, 1), date(2020, 12, 31))
		mustPart(t, s, "pa-open", "p2", "f1", nil, nil)
		mustPart(t, s, "pa-since", "p1", "f2", date(2021, 6, 1), nil)
		mustPart(t, s, "pa-until", "o1", "f2", nil, date(2019, 1, 1))
		tests := []struct {
			name string
			f    store.ParticipationFilter
			want []string
		}{
			{"all", store.ParticipationFilter{}, []string{"pa-2020", "pa-open", "pa-since", "pa-until"}},
			{"actor", store.ParticipationFilter{ActorID: "p1"}, []string{"pa-2020", "pa-since"}},
			{"forum", store.ParticipationFilter{ForumID: "f2"}, []string{"pa-since", "pa-until"}},
			{"actor and forum", store.ParticipationFilter{ActorID: "p1", ForumID: "f2"}, []string{"pa-since"}},
			{"since inclusive", store.ParticipationFilter{AsOf: date(2020, 1, 1)}, []string{"pa-2020", "pa-open"}},
			{"until inclusive", store.ParticipationFilter{AsOf: date(2019, 1, 1)}, []string{"pa-open", "pa-until"}},
			{"between", store.ParticipationFilter{AsOf: date(2021, 1, 1)}, []string{"pa-open"}},
			{"forum and date", store.ParticipationFilter{ForumID: "f2", AsOf: date(2022, 1, 1)}, []string{"pa-since"}},
			{"missing actor", store.ParticipationFilter{ActorID: "nobody"}, nil},
			{"missing forum", store.ParticipationFilter{ForumID: "nowhere"}, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				same(t, "Participations("+show(tt.f)+")", listParts(t, s, tt.f), tt.want)
			})
		}
	})
}
