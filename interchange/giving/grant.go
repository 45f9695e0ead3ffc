package giving

import (
	"strconv"
	"time"
)

// MaxProblems caps the problems listed in an error's Details; the last entry
// then says how many more were found.
const MaxProblems = 100

// Limits on text fields, in bytes.
const (
	MaxTitleLen       = 1000
	MaxDescriptionLen = 20000
	MaxNameLen        = 1000
)

// Grant is one grant read from a 360Giving file: money from a funding
// organisation to a recipient organisation for the benefit of places.
type Grant struct {
	// ID is the grant's 360Giving identifier, e.g. "360G-woodward:WCT2962".
	ID          string
	Title       string
	Description string
	// Currency is an ISO 4217 code such as "GBP".
	Currency string
	// Amount is the amount awarded in minor units of Currency (pence for
	// GBP): exact, never rounded. See FormatAmount.
	Amount int64
	// AwardDate is the calendar date of the award decision at midnight UTC.
	AwardDate time.Time
	// FundingOrg is the funder; RecipientOrg the organisation funded.
	FundingOrg   Org
	RecipientOrg Org
	// Beneficiaries are the places the grant is for, in file order; empty
	// when the file names none.
	Beneficiaries []Location
	// Programme is the title of the funder's grant programme; optional.
	Programme string
	// Row locates the grant in its file: the line on which its CSV record
	// starts (the header is line 1), or its index in the JSON grants array.
	Row int
}

// Org is a funding or recipient organisation, keyed by its organisation
// identifier (e.g. "GB-CHC-1136547" for a charity registered in England and
// Wales, "GB-COH-11872527" for a company, "360G-..." for one the publisher
// identifies itself).
type Org struct {
	ID   string
	Name string
	// Locations are where the organisation is (for a recipient, its
	// registered or main address as the publisher gives it:
	// recipientOrganization[0].location, Recipient Org:Location:N:...);
	// not where the grant's money is for.
	Locations []Location
}

// Location is a beneficiary location. GeoCode is a code from a gazetteer,
// such as the ONS code "E09000022"; GeoCodeType names its kind from the
// 360Giving codelist (e.g. "LONB", "WD", "MSOA"). Either Name or GeoCode is
// set, often both.
type Location struct {
	Name        string
	GeoCode     string
	GeoCodeType string
}

// AmountString returns g.Amount as a decimal in major units, e.g. "10000.00".
func (g Grant) AmountString() string { return FormatAmount(g.Amount, g.Currency) }

// FormatAmount writes an amount of minor units of currency as a decimal in
// major units with the currency's number of decimal places: FormatAmount(
// 1000050, "GBP") is "10000.50", FormatAmount(500, "JPY") is "500".
func FormatAmount(minor int64, currency string) string {
	exp := CurrencyExponent(currency)
	neg := minor < 0
	u := uint64(minor)
	if neg {
		u = -u
	}
	s := strconv.FormatUint(u, 10)
	if exp > 0 {
		for len(s) <= exp {
			s = "0" + s
		}
		s = s[:len(s)-exp] + "." + s[len(s)-exp:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// CurrencyExponent returns the number of decimal places of a currency's minor
// unit, from ISO 4217: 0 for currencies without one (JPY, KRW, ISK, ...), 3
// for BHD, IQD, JOD, KWD, LYD, OMR and TND, and 2 for every other code.
func CurrencyExponent(code string) int {
	switch code {
	case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG",
		"RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF":
		return 0
	case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND":
		return 3
	}
	return 2
}

// ValidCurrency reports whether code is one of the currency codes the
// 360Giving schema (1.x, definitions.currency.enum) allows.
func ValidCurrency(code string) bool {
	_, ok := currencies[code]
	return ok
}

// currencies is the enumeration of definitions.currency in the 360Giving
// schema, https://github.com/ThreeSixtyGiving/standard, schema/360-giving-schema.json.
var currencies = func() map[string]struct{} {
	codes := []string{"AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN",
		"BAM", "BBD", "BDT", "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN",
		"BWP", "BYR", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUC", "CUP",
		"CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP",
		"GBP", "GEL", "GGP", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HRK",
		"HTG", "HUF", "IDR", "ILS", "IMP", "INR", "IQD", "IRR", "ISK", "JEP", "JMD", "JOD",
		"JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP",
		"LKR", "LRD", "LSL", "LTL", "LVL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT",
		"MOP", "MRO", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK",
		"NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON",
		"RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLL", "SOS",
		"SPL", "SRD", "STD", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY",
		"TTD", "TVD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VEF", "VND", "VUV",
		"WST", "XAF", "XCD", "XDR", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWD"}
	m := make(map[string]struct{}, len(codes))
	for _, c := range codes {
		m[c] = struct{}{}
	}
	return m
}()
