package service_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis/voice"
	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// demoService is the Millbrook demo (package demo) in an embedded store.
func demoService(t *testing.T) *service.Service {
	t.Helper()
	st := servicetest.MustOpenStore(t)
	if _, err := st.Import(admin(context.Background()), demo.Network()); err != nil {
		t.Fatalf("Import(demo): %v", err)
	}
	return service.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// TestDemoStory checks that the analyses tell the demo's built-in story
// (see demo/doc.go) as of 2024: young people reach power only through the
// youth worker; parents are consulted but never decide; professionals hold
// most decision seats; the youth commissioning panel decides about young
// people without them.
func TestDemoStory(t *testing.T) {
	t.Parallel()
	svc := demoService(t)
	ctx := admin(context.Background())
	town := store.Scope{PlaceID: demo.Town, AsOf: dayPtr("2024-06-01")}

	t.Run("young people gated by the youth worker", func(t *testing.T) {
		vs, err := svc.UnheardVoices(ctx, town, service.VoiceFilter{Group: "young person", First: 50})
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) != 18 {
			t.Errorf("UnheardVoices(young person) lists %d, want the 18 young people", len(vs))
		}
		for _, v := range vs {
			if !v.Unheard || !slices.Contains(v.Reasons, voice.SingleGatekeeper) || v.Gatekeeper == nil || v.Gatekeeper.ID() != demo.YouthWorker {
				t.Errorf("UnheardVoices(%s) = %v gated by %v, want SINGLE_GATEKEEPER via %s", v.Person.ID, v.Reasons, v.Gatekeeper, demo.YouthWorker)
			}
			if n := len(v.PathToPower); n < 3 || v.PathToPower[n-2].ID() != demo.YouthWorker {
				t.Errorf("UnheardVoices(%s).pathToPower = %v, want it to reach power through %s", v.Person.ID, ids(v.PathToPower), demo.YouthWorker)
			}
		}
		r, err := svc.PowerConcentration(ctx, town)
		if err != nil {
			t.Fatal(err)
		}
		if g := r.Gatekeepers[0]; g.Actor.ID() != demo.YouthWorker || g.CutsOff != 18 {
			t.Errorf("PowerConcentration(town).gatekeepers[0] = %s cutting off %d, want %s cutting off 18", g.Actor.ID(), g.CutsOff, demo.YouthWorker)
		}
	})

	t.Run("parents consulted only", func(t *testing.T) {
		vs, err := svc.UnheardVoices(ctx, town, service.VoiceFilter{Group: "parent", First: 100})
		if err != nil {
			t.Fatal(err)
		}
		consulted := 0
		for _, v := range vs {
			if slices.Contains(v.Reasons, voice.ConsultedOnly) {
				consulted++
			}
		}
		// Grace Mensah and the parents on the Family Hub Steering Group.
		if consulted < 5 {
			t.Errorf("UnheardVoices(parent) has %d CONSULTED_ONLY, want at least 5", consulted)
		}
		rows, err := svc.Representation(ctx, town)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(rows, func(r service.GroupRepresentation) bool { return r.Group == "parent" })
		if i < 0 || rows[i].Seats != 0 || rows[i].Representatives != 0 || rows[i].ShareSource != "POPULATION" || rows[i].CommunityShare <= 0.2 {
			t.Errorf("Representation(parent) = %+v, want no seat against a population share above 0.2", rows)
		}
		ex, err := svc.NothingAboutUsWithoutUs(ctx, town)
		if err != nil {
			t.Fatal(err)
		}
		j := slices.IndexFunc(ex, func(e service.Exclusion) bool { return e.Forum.ID == demo.PartnershipBoard && e.Group == "parent" })
		if j < 0 || !slices.Equal(ids(ex[j].Present), []string{"p-grace-mensah"}) {
			t.Errorf("NothingAboutUsWithoutUs(board, parent) missing or present %v, want only Grace Mensah (consulted)", ex)
		}
	})

	t.Run("seats concentrated in professionals", func(t *testing.T) {
		r, err := svc.PowerConcentration(ctx, town)
		if err != nil {
			t.Fatal(err)
		}
		s := r.Seats
		if s.ProfessionalShare <= 0.5 || s.ProfessionalShare <= s.CommunityShare {
			t.Errorf("seats: professional share %v, community %v; want professionals above half", s.ProfessionalShare, s.CommunityShare)
		}
		board := 0
		for _, h := range s.HolderList {
			if slices.Contains(demo.BoardProfessionals, h.Actor.ID()) {
				board += h.Seats
			}
		}
		// Helen Marsh 3 seats, David Okoye 2, Sarah Whitfield 2, of 18.
		if board != 7 || s.Seats != 18 || s.HolderList[0].Actor.ID() != "p-helen-marsh" {
			t.Errorf("seats: board professionals hold %d of %d, top holder %s; want 7 of 18, Helen Marsh", board, s.Seats, s.HolderList[0].Actor.ID())
		}
	})

	t.Run("nothing about young people without them", func(t *testing.T) {
		ex, err := svc.NothingAboutUsWithoutUs(ctx, town)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(ex, func(e service.Exclusion) bool {
			return e.Forum.ID == demo.YouthCommissioning && e.Group == "young person" && len(e.Present) == 0
		}) {
			t.Errorf("NothingAboutUsWithoutUs(town) = %v, want the youth commissioning panel for young person", ex)
		}
	})

	t.Run("trend", func(t *testing.T) {
		points, err := svc.PowerTrend(ctx, demo.Town, day("2019-01-01"), day("2025-01-01"), service.StepYear)
		if err != nil {
			t.Fatal(err)
		}
		if len(points) != 7 || points[6].UnheardVoices >= points[0].UnheardVoices || points[0].CommunitySeatShare != 0 {
			t.Errorf("PowerTrend(town, yearly) = %+v, want 7 points, fewer unheard voices in 2025 than 2019, no seats on 2019-01-01", points)
		}
	})
}
