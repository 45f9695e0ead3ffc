// Package giving reads grants published under the 360Giving Data Standard
// (schema 1.x, https://standard.threesixtygiving.org), in its two common
// forms: the JSON package ({"grants": [...]}) read by ParseJSON, and the flat
// CSV whose column titles follow the 360Giving spreadsheet template, read by
// ParseCSV.
//
// Both parsers stream: they read one grant at a time and hand each valid
// grant to a callback, so the memory they use does not grow with the size of
// the file. The one exception is the set of grant identifiers already seen,
// kept to refuse an identifier used twice in one file: it grows by one entry
// (the identifier and its row) per grant.
//
// # All or nothing
//
// A file is imported whole or not at all. The parsers report; the caller
// decides. fn receives the valid grants in file order, for example to add
// them to a batch or an uncommitted transaction. When the parser finds a
// problem it stops calling fn, reads on to the end of the file to find every
// other problem, and returns a *store.Error with code store.EINVALID whose
// Details list each problem (up to MaxProblems, then a count of the rest),
// each naming the row and the field:
//
//	line 12, Amount Awarded: "1,000.00" is not a number: ...
//	grants[3].awardDate: "03/02/2005" is not an ISO 8601 date: ...
//
// A non-nil error means the whole file is refused: the caller must discard
// (roll back) everything fn received. An error returned by fn stops the parse
// at once and is returned unchanged.
//
// # Fields
//
// The fields read, by their JSON name and CSV column title (titles are
// matched case-insensitively, ignoring spaces around words and around ":";
// a UTF-8 byte order mark is ignored; other columns and JSON fields are
// ignored):
//
//	id                        Identifier                  required; a usable id (store.ValidID)
//	title                     Title                       required
//	description               Description                 required
//	currency                  Currency                    required; an ISO 4217 code from the standard's list, in capitals
//	amountAwarded             Amount Awarded              required; a number, not negative (see Money)
//	awardDate                 Award Date                  required; YYYY-MM-DD or an ISO 8601 date-time
//	recipientOrganization[0]  Recipient Org:Identifier, Recipient Org:Name      required, both
//	fundingOrganization[0]    Funding Org:Identifier, Funding Org:Name          required, both
//	grantProgramme[0].title   Grant Programme:Title       optional
//	beneficiaryLocation[i]    Beneficiary Location:Name, :Geographic Code,
//	                          :Geographic Code Type       optional, any number;
//	                          numbered columns (Beneficiary Location:0:Name,
//	                          Beneficiary Location:1:Name, ...) give several
//
// Only the first funding and the first recipient organisation are read
// (numbered CSV columns Funding Org:0:Identifier are accepted for them).
// Beneficiary locations with neither a name nor a geographic code (for
// example a bare country code or latitude) are left out. Text is trimmed of
// surrounding space.
//
// Grants to individuals (recipientIndividual, Recipient Ind:Identifier) are
// refused with a problem naming the row: voicemap records money given to
// organisations, and does not hold personal data about grant recipients. A
// publisher's file that mixes both must have its grants to individuals
// removed before import.
//
// # Money
//
// Amounts are parsed exactly, as decimal text, never through a float:
// Grant.Amount is an int64 count of the currency's minor unit (pence for GBP,
// yen for JPY, fils for KWD; see CurrencyExponent). An amount with more
// decimal places than its currency has (10.005 GBP) is a problem rather than
// being rounded, so no penny is gained or lost. The standard asks for plain
// numbers ("do not include commas or currency symbols"), so "1,000.00" and
// "£1000" are problems. Negative amounts are refused: voicemap records
// awards, not later adjustments.
//
// # Dates
//
// Grant.AwardDate is the calendar date as written, at midnight UTC, whatever
// the time or offset that follows it ("2020-03-19T23:30:00-05:00" is 19
// March 2020). The standard's forms are YYYY-MM-DD and an RFC 3339
// date-time; a date-time without an offset, or with a space instead of "T",
// is also accepted. Day-first or month-first forms such as "26/03/2001" are
// ambiguous and refused, as is a year outside 1900 to 2100.
package giving
