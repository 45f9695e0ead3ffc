package service

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/store"
)

// The Self rule of the holder of a survey link (policy.go), and the place
// tests surveys share.

// respondent is what the Self rule gives a respondent's operation: their
// invitation, its survey and their own person record.
type respondent struct {
	in     store.Invitation
	survey store.Survey
	person store.Person
}

// errLink is the one refusal of a link that grants nothing: unknown,
// malformed, expired, or its invitation or person deleted since.
func errLink() error {
	return store.Errorf(store.EUNAUTHORIZED, "the survey link is not valid or has expired")
}

// self applies the Self rule: the invitation the principal's link holds,
// while it has not expired, with its survey and its person. Nothing else
// is reachable from a link: every respondent operation starts here.
func (a *access) self(ctx context.Context) (respondent, error) {
	if err := a.rule(Self); err != nil {
		return respondent{}, err
	}
	if a.p.Role != auth.RoleRespondent || a.p.Invitation == "" {
		return respondent{}, errLink()
	}
	in, err := a.s.st.Invitation(ctx, a.p.Invitation)
	if store.ErrorCode(err) == store.ENOTFOUND {
		return respondent{}, errLink()
	} else if err != nil {
		return respondent{}, err
	}
	if !a.s.now().Before(in.ExpiresAt) {
		return respondent{}, errLink()
	}
	sv, err := a.s.st.Survey(ctx, in.SurveyID)
	if err != nil {
		return respondent{}, err
	}
	act, err := a.s.st.Actor(ctx, in.PersonID)
	if store.ErrorCode(err) == store.ENOTFOUND || (err == nil && act.Person == nil) {
		return respondent{}, errLink()
	} else if err != nil {
		return respondent{}, err
	}
	a.act.add(in.PersonID) // every answer to a link concerns its holder
	return respondent{in: in, survey: sv, person: *act.Person}, nil
}

// LinkPrincipal returns the principal of the holder of a survey link's
// token: the respondent of its invitation. A token of the wrong form, one
// no invitation holds, and one whose invitation has expired are all
// EUNAUTHORIZED with the same message, so a link cannot be probed.
func (s *Service) LinkPrincipal(ctx context.Context, token string) (auth.Principal, error) {
	return run(ctx, s, "LinkPrincipal", func(a *access) (auth.Principal, error) {
		if !auth.IsLinkToken(token) {
			return auth.Principal{}, errLink()
		}
		in, err := s.st.InvitationByToken(ctx, auth.Hash(token))
		if store.ErrorCode(err) == store.ENOTFOUND {
			return auth.Principal{}, errLink()
		} else if err != nil {
			return auth.Principal{}, err
		}
		if !s.now().Before(in.ExpiresAt) {
			return auth.Principal{}, errLink()
		}
		return auth.Respondent(in.ID), nil
	})
}

// under reports whether place id is ancestor or one of its descendants.
func (s *Service) under(ctx context.Context, id, ancestor string) (bool, error) {
	for depth := 0; id != "" && depth < maxPlaceDepth; depth++ {
		if id == ancestor {
			return true, nil
		}
		pl, err := s.st.Place(ctx, id)
		if store.ErrorCode(err) == store.ENOTFOUND {
			return false, nil
		} else if err != nil {
			return false, err
		}
		id = pl.ParentID
	}
	return false, nil
}

// today is the day of the survey clock.
func (s *Service) today() time.Time { return store.Day(s.now()) }

// open refuses answers to a survey that has closed (EINVALID).
func (s *Service) open(sv store.Survey) error {
	if sv.ClosesOn != nil && s.today().After(*sv.ClosesOn) {
		return store.Errorf(store.EINVALID, "the survey closed on %s", sv.ClosesOn.Format(time.DateOnly))
	}
	return nil
}

// newID returns prefix and 16 random hex digits: the id of a record a
// survey creates (an invitation, a dispute, a correction, a person named).
func newID(prefix string) (string, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("service: new id: %w", err)
	}
	return prefix + hex.EncodeToString(b[:]), nil
}
