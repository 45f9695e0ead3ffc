package store

import (
	"context"
	"time"
)

// Grant is money awarded by a funder to a recipient organisation for the
// benefit of places, as the 360Giving Data Standard describes a grant.
type Grant struct {
	ID          string
	Title       string
	Description string
	// Amount is the amount awarded in minor units of Currency (pence for
	// GBP), so that sums are exact.
	Amount int64
	// Currency is an ISO 4217 code such as "GBP".
	Currency  string
	AwardedOn time.Time
	// FunderID and RecipientID are organisations of any kind: funding is a
	// role a grant gives an organisation, not a kind.
	FunderID    string
	RecipientID string
	// PlaceIDs are the beneficiary places, sorted and de-duplicated.
	PlaceIDs  []string
	Programme string
	// Unmatched are the beneficiary locations the grant's source named
	// that matched no stored place, as written there ("Name (CODE)",
	// "Name" or "CODE"), sorted and de-duplicated; nil when none. The
	// share of the amount for them is unmatched money, never placed.
	Unmatched []string
}

// GrantFilter narrows Grants: by funder, by recipient, by beneficiary place
// (with its descendants), by programme (its title exactly), and by award
// date, From and To inclusive.
type GrantFilter struct {
	FunderID    string
	RecipientID string
	PlaceID     string
	Programme   string
	From, To    *time.Time
}

// GrantStore persists grants; every Store embeds it.
//
// UpsertGrant returns EINVALID for invalid fields (NormalizeGrant),
// ENOTFOUND when the funder, the recipient or a beneficiary place does not
// exist (a person is not an organisation), and ECONFLICT when the id belongs to an entity of another kind; nothing
// is written on error. ImportGrants writes places, organisations and
// grants all or nothing, references resolving within the batch or to
// stored entities, with every problem in the error's Details. Deleting an
// organisation that funds or receives a grant is refused with ECONFLICT
// (DeleteActor), so that no grant is left dangling. An organisation of any
// kind may fund, receive or both, and its kind may change whatever grants
// it has.
type GrantStore interface {
	// UpsertGrant creates or replaces a grant.
	UpsertGrant(ctx context.Context, g Grant) (Grant, error)
	// DeleteGrant deletes a grant (ENOTFOUND if there is none).
	DeleteGrant(ctx context.Context, id string) error
	// Grant returns a grant by id.
	Grant(ctx context.Context, id string) (Grant, error)
	// Grants lists grants ordered by id.
	Grants(ctx context.Context, f GrantFilter, p Page) (Connection[Grant], error)
	// ImportGrants writes a batch of places, organisations and grants all
	// or nothing, and counts what it wrote.
	ImportGrants(ctx context.Context, b GrantBatch) (GrantCounts, error)
}

// GrantBatch is what a 360Giving import writes: the beneficiary places it
// creates, the funders and recipients, and the grants.
type GrantBatch struct {
	Places        []Place
	Organisations []Organisation
	Grants        []Grant
}

// GrantCounts counts what ImportGrants wrote.
type GrantCounts struct {
	Places, Organisations, Grants int
}

// KindGrant is the entity kind of grants.
const KindGrant EntityKind = "Grant"
