package service

import (
	"strings"

	"github.com/voicemap/voicemap/store"
)

// orgSchemeKinds gives the kind of a new organisation from the scheme of
// its identifier (the org-id.guide list prefix, such as GB-CHC for the
// Charity Commission for England and Wales): public bodies, health and
// education bodies by their registers; charities, companies and others as
// VOLUNTARY, the kind of most organisations in 360Giving data.
var orgSchemeKinds = map[string]store.OrgKind{
	"GB-GOR": store.OrgPublicBody, "GB-LAE": store.OrgPublicBody, "GB-LAS": store.OrgPublicBody,
	"GB-LANI": store.OrgPublicBody, "GB-PLA": store.OrgPublicBody, "GB-UKCOH": store.OrgPublicBody,
	"GB-NHS": store.OrgHealth, "GB-EDU": store.OrgSchool, "GB-UKPRN": store.OrgSchool,
}

// orgKindOf is the kind given to an organisation a 360Giving file creates,
// read from its identifier alone, so that it does not depend on whether
// the organisation funds or receives, nor on which file named it first.
func orgKindOf(id string) store.OrgKind {
	parts := strings.SplitN(strings.ToUpper(id), "-", 3)
	if len(parts) == 3 {
		if k, ok := orgSchemeKinds[parts[0]+"-"+parts[1]]; ok {
			return k
		}
	}
	return store.OrgVoluntary
}
