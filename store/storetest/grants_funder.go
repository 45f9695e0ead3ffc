package storetest

import (
	"strings"
	"testing"

	"github.com/voicemap/voicemap/store"
)

// testGrantFunderKind checks the funder-kind rule: an organisation that
// funds at least one grant keeps kind FUNDER. Changing its kind by
// UpsertOrganisation, Import or ImportGrants is refused with ECONFLICT,
// nothing is written, and the message says how many grants it funds.
func testGrantFunderKind(t *testing.T, open Opener) {
	org := func(id, place string, kind store.OrgKind) store.Organisation {
		return store.Organisation{ID: id, Name: "Renamed " + id, PlaceID: place, Kind: kind}
	}
	writes := []struct {
		name  string
		write func(s store.Store, o store.Organisation) error
	}{
		{"UpsertOrganisation", func(s store.Store, o store.Organisation) error {
			_, err := s.UpsertOrganisation(t.Context(), o)
			return err
		}},
		{"Import", func(s store.Store, o store.Organisation) error {
			_, err := s.Import(t.Context(), store.Batch{Organisations: []store.Organisation{o}})
			return err
		}},
		{"ImportGrants", func(s store.Store, o store.Organisation) error {
			_, err := s.ImportGrants(t.Context(), store.GrantBatch{Organisations: []store.Organisation{o}})
			return err
		}},
	}
	for _, w := range writes {
		t.Run(w.name, func(t *testing.T) {
			s := open(t)
			seedGrants(t, s)
			mustGrant(t, s, grant("g1", "o1", "r1", date(2024, 1, 2), 5000, "mid"))
			mustGrant(t, s, grant("g2", "o1", "r2", date(2024, 1, 3), 6000))
			mustGrant(t, s, grant("g3", "f2", "r1", date(2024, 1, 4), 7000))
			before := grantDump(t, s)
			for _, kind := range []store.OrgKind{store.OrgVoluntary, store.OrgPublicBody} {
				what := w.name + "(o1 as " + string(kind) + ")"
				err := w.write(s, org("o1", "top", kind))
				wantRefusal(t, err, store.ECONFLICT, what)
				if text := err.Error() + strings.Join(store.ErrorDetails(err), "; "); !strings.Contains(text, "funds 2 grant") || !strings.Contains(text, "o1") {
					t.Errorf("%s: error %q (details %q) does not say o1 funds 2 grants", what, err, store.ErrorDetails(err))
				}
				grantsUnchanged(t, s, before, what)
			}
			// With a missing place as well it is still refused: a clash with
			// stored data ranks above a reference to nothing.
			err := w.write(s, org("o1", "nowhere", store.OrgVoluntary))
			wantRefusal(t, err, store.ECONFLICT, w.name+"(o1 moved nowhere, VOLUNTARY)")
			grantsUnchanged(t, s, before, w.name+"(o1 moved nowhere)")
			// A funder may be renamed and moved while it stays a FUNDER; a
			// recipient may change kind; an organisation that funds
			// nothing may stop being a FUNDER.
			for _, o := range []store.Organisation{org("o1", "mid", store.OrgFunder), org("r1", "low", store.OrgHealth), org("c1", "mid", store.OrgFunder)} {
				noErr(t, w.write(s, o), w.name+"("+o.ID+" as "+string(o.Kind)+")")
				got, err := s.Organisation(t.Context(), o.ID)
				noErr(t, err, "Organisation("+o.ID+")")
				same(t, "Organisation("+o.ID+")", got, o)
			}
			noErr(t, w.write(s, org("c1", "mid", store.OrgVoluntary)), w.name+"(c1 back to VOLUNTARY)")
			// Once its grants are gone, the funder may change kind.
			noErr(t, s.DeleteGrant(t.Context(), "g1"), "DeleteGrant(g1)")
			err = w.write(s, org("o1", "top", store.OrgVoluntary))
			wantRefusal(t, err, store.ECONFLICT, w.name+"(o1 with one grant left)")
			if text := err.Error() + strings.Join(store.ErrorDetails(err), "; "); !strings.Contains(text, "funds 1 grant") {
				t.Errorf("%s(o1 with one grant left): error %q does not say it funds 1 grant", w.name, text)
			}
			noErr(t, s.DeleteGrant(t.Context(), "g2"), "DeleteGrant(g2)")
			noErr(t, w.write(s, org("o1", "top", store.OrgVoluntary)), w.name+"(o1 funding nothing)")
		})
	}
}
