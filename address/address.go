// Package address parses free-text Vietnamese addresses and converts them
// from the administrative units they were written with (before or after
// the 2025-07-01 reform) to the units in force on a date, keeping the
// street verbatim.
//
// # Parsing
//
// The parser folds the text into tokens (case, tones, tone placement, đ,
// i/y and leading zeros of numbers do not matter) that remember their byte
// offsets and the separators between them, and reads the address as a
// whole: a reading assigns the trailing components to units of one
// vintage — old: province ⊃ district ⊃ commune as of 2025-06-30; new:
// province ⊃ commune — each a whole-token match of an official name, a
// former name (registry.FormerNames) or an informal name, with or
// without its type word (Phường, P., F, Quận, Q., Huyện, H., Thị xã, TX.,
// T.X, Thành phố, TP., T.P, Tỉnh, T., Xã, X., Thị trấn, TT., T.T…). Every
// reading consistent with the hierarchy is scored by the evidence it
// explains: how many components it accounts for and how long their names
// are, whether the type words written agree with the level and type,
// whether the vintages agree (a former commune of a renamed province
// under today's province is a weaker reading), typos and former names
// needed. Whatever precedes the units is the street (house number, lane,
// street, hamlet), cut from the input verbatim.
//
// Street-level words — số, đường, phố, ngõ, ngách, hẻm, kiệt, thôn, xóm,
// ấp, bản, buôn, khóm, khu, khu phố/KP, tổ, tổ dân phố/TDP, cụm, đội… —
// with a number or a name after them start the street: "Thôn Vĩnh Nhơn"
// is a hamlet, never Xã Vĩnh Nhơn. A name that starts a component of its
// own (after a comma, a dash…) is read as a unit even after a house or
// hamlet number ("Thôn 3, Cự Khê, Thanh Oai"); inside a component, a name
// after a house number or a street word is the street's ("12 Nguyễn
// Trãi"). Numbered units need their type word (P7, F.07, Q1), or must be a
// component of their own before their district ("12, Gò Vấp"); former
// names that are a number or a short word (7, I, VII) need their type
// word. A type word applies only within its component.
//
// When the exact reading leaves a component unexplained before the units
// it read, or reads fewer than two units, a second pass allows one typo
// (names of five letters or more) and one unrecognised component between
// units ("Phường Tự An, TP XYZ, Đắk Lắk"), which lowers the confidence and
// is named in the note.
//
// Informal names: HN, TP.HCM, HCM, HCMC, Sài Gòn, SG, BR-VT, BRVT, TT
// Huế, HP for provinces; BMT for Buôn Ma Thuột. "ĐN" names Đà Nẵng, Đồng
// Nai and Đắk Nông alike: the units under it decide, and alone it places
// nothing.
//
// # Evidence and ambiguity
//
// A lone name without a type word, district or province ("thanh", "y") is
// too little evidence: StatusNotFound. Readings that score within a small
// margin of the best one and lead to other new communes (a commune of
// today and a former commune of the same name, written without its
// district) make the answer StatusAmbiguous with the communes of both,
// the best reading's first, and a note naming the two readings; a reading
// whose names disagree with the tones written is no rival. Invalid UTF-8
// is StatusInvalid.
//
// # Conversion
//
// Convert follows the lineage (registry.Successors) of the matched commune
// to the target date. A commune that moved whole gives one answer
// (StatusOK). A commune split among several new communes gives
// StatusAmbiguous with every successor as a candidate, most likely first;
// a split is never resolved silently. An address that names a district or
// a province but no commune is StatusNotFound with the new province
// filled: a former district is spread over several new communes and the
// street alone cannot place it. Empty text and invalid UTF-8 are
// StatusInvalid; text without any unit is StatusNotFound.
//
// # Points
//
// With Options.Point and a Converter built with a Locator, the point is
// checked against the words by one rule (Options.Prefer zero: both must
// agree):
//
//	words say                 point says                           answer
//	one commune X             in X                                 ok X
//	one commune X             in Y, another reading gives Y        ok Y, note "the point chose between readings"
//	one commune X             in Y, no reading gives Y             ambiguous X, Y; note: distance, "outside" the province
//	one commune X             swapped (lon, lat) in X              ok X, note "swapped", confidence ≤ 0.8
//	one commune X             in no commune (sea, abroad)          ok X, note, confidence ≤ 0.5
//	candidates (a split…)     in one of them                       ok that one, note "the point decided it"
//	candidates                in Y outside them, no reading        ambiguous: the candidates and Y
//	a former district only    in a commune that took its land      ok, note "placed by coordinates"
//	a former district only    elsewhere                            not_found, note
//
// PreferText lets the words win (the point only chooses among their
// candidates); PreferPoint lets the point win whenever it lies in a
// commune. The same rule applies on every door (dvhc convert --address and
// FILE, the API, the MCP tools, the web page), each reading the choice
// (--prefer, or prefer, text|point|both) with ParsePrefer.
package address

import (
	"strings"

	"github.com/dvhc-vn/dvhc"
)

// Status is the outcome of a conversion.
type Status uint8

// The statuses.
const (
	StatusOK        Status = iota // one new commune
	StatusAmbiguous               // several candidates (a split commune, or a name found in several places)
	StatusNotFound                // no commune recognised
	StatusInvalid                 // empty input, or a target date the units cannot reach
)

var statusNames = [...]string{"ok", "ambiguous", "not_found", "invalid"}

// String returns "ok", "ambiguous", "not_found" or "invalid".
func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return "unknown"
}

// MarshalText implements encoding.TextMarshaler.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Options are the parameters of one conversion.
type Options struct {
	// To is the date of the units to convert to; zero means today.
	To dvhc.Date
	// Point is where the address is, if known. With a Locator it is
	// checked against the words (see the package documentation, "Points").
	Point *dvhc.LatLon
	// Prefer says which evidence wins when the words and the point
	// disagree: PreferBoth (default: they must agree, or the answer is
	// ambiguous), PreferText or PreferPoint.
	Prefer Prefer
}

// Prefer chooses between the words and the point when they disagree.
type Prefer uint8

// The preferences.
const (
	PreferBoth  Prefer = iota // both must agree for an ok
	PreferText                // the words win; the point only chooses among their candidates
	PreferPoint               // the point wins whenever it lies in a commune
)

// ParsePrefer parses "both" (or ""), "text" or "point", case and
// surrounding spaces ignored. It is the one parser of the value on every
// door (the CLI's --prefer, the API's and the MCP tools' prefer); its
// error does not name the parameter, which each door adds.
func ParsePrefer(s string) (Prefer, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "both":
		return PreferBoth, nil
	case "text":
		return PreferText, nil
	case "point":
		return PreferPoint, nil
	}
	return 0, dvhc.Errorf(dvhc.EINVALID, "want both, text or point, got %q", s)
}

// String returns "both", "text" or "point".
func (p Prefer) String() string {
	switch p {
	case PreferText:
		return "text"
	case PreferPoint:
		return "point"
	}
	return "both"
}

// Candidate is one possible new commune of an ambiguous address.
type Candidate struct {
	Commune, Province *dvhc.Unit
	// Share is whole when the old commune went entirely to Commune, part
	// when it was split.
	Share dvhc.Share
	// Note is the official note of the lineage ("Nhập một phần"…).
	Note string
	// Address is the address rewritten with this candidate.
	Address string
}

// Result is the outcome of converting one address.
type Result struct {
	Status Status
	Input  string
	// Street is what precedes the units in the input (house number, lane,
	// street, hamlet), verbatim, NFC, without the separators around it.
	Street string
	// Commune is the new commune; nil unless Status is StatusOK.
	Commune *dvhc.Unit
	// Province is the province of the result on the target date, set
	// whenever it is known (also for ambiguous and not-found results).
	Province *dvhc.Unit
	// Address is Street, the commune's name and the province's name,
	// comma-separated, in the official style with type words.
	Address string
	// Candidates lists, for StatusAmbiguous, every possible new commune,
	// most likely first.
	Candidates []Candidate
	// Matched lists the units the parser read in the input (commune,
	// district, province, of whichever vintage). Results of the same
	// reading share it: read it, do not modify it.
	Matched []*dvhc.Unit
	// Confidence is a rough probability, 0 to 1, that Commune is right.
	Confidence float64
	// Note explains the result for people: splits, points, corrected
	// typos, former names.
	Note string
}

// Token is a token of the input that the parser used for a unit.
type Token struct {
	Text  string     // as written in the input
	Key   string     // folded
	Level dvhc.Level // level of the unit it belongs to
	Type  bool       // a type word (Phường, Q., TP…), not part of the name
}

// Parsed is what the parser read in an address.
type Parsed struct {
	Input  string
	Street string // see Result.Street
	// Province, District and Commune are the units of the best reading, of
	// the vintage they were written in; nil when absent.
	Province, District, Commune *dvhc.Unit
	// Communes lists the communes of every equally good reading, when the
	// text names a commune found in several places; Commune is the first.
	Communes []*dvhc.Unit
	// Vintage is the vintage of the lowest unit read.
	Vintage dvhc.Vintage
	// Tokens are the tokens used for the units, in input order.
	Tokens []Token
	Typo   bool    // a name was read with one letter off
	Alias  bool    // a former name was read
	Score  float64 // the parser's score of the reading (higher is better)
}

// Parse reads the units an address names.
func (c *Converter) Parse(text string) Parsed {
	s := c.getScratch()
	defer c.putScratch(s)
	s.margin = nearMargin
	p := Parsed{Input: text}
	text, po, rev := c.parseBoth(text, s)
	if !po.ok { // nothing read, or invalid UTF-8 (Convert says StatusInvalid)
		return p
	}
	b := po.best
	n := int32(po.nTok)
	p.Street = c.streetOf(text, s, po.streetEnd, b.first(n))
	p.Score = float64(b.score)
	for _, pt := range []part{b.c, b.d, b.p} {
		if pt.u < 0 {
			continue
		}
		u := c.units[pt.u].u
		switch u.Level {
		case dvhc.LevelProvince:
			p.Province = u
		case dvhc.LevelDistrict:
			p.District = u
		case dvhc.LevelCommune:
			p.Commune = u
		}
		if p.Vintage == dvhc.VintageNone {
			p.Vintage = dvhc.VintageOf(u)
		}
		p.Typo = p.Typo || pt.typo
		p.Alias = p.Alias || pt.kind == kindAlias
	}
	parts := []part{b.c, b.d, b.p}
	if rev {
		parts = []part{b.p, b.d, b.c} // written province first
	}
	for _, pt := range parts {
		if pt.u < 0 {
			continue
		}
		l := c.units[pt.u].u.Level
		for i := pt.start; i < pt.end; i++ {
			t := s.toks[i]
			p.Tokens = append(p.Tokens, Token{Text: text[t.start:t.end], Key: string(s.buf[t.fs:t.fe]), Level: l, Type: i < pt.nameStart})
		}
	}
	// the parts were appended commune first: the input order
	for _, id := range c.tiedCommunes(s) {
		p.Communes = append(p.Communes, c.units[id].u)
	}
	return p
}

// tiedCommunes returns the distinct communes of the best readings.
func (c *Converter) tiedCommunes(s *scratch) []int32 {
	s.comms = s.comms[:0]
outer:
	for i := range s.ties { // by index: a combo is large
		u := s.ties[i].c.u
		if u < 0 {
			continue
		}
		for _, x := range s.comms {
			if x == u {
				continue outer
			}
		}
		s.comms = append(s.comms, u)
	}
	return s.comms
}

// ParseAddress parses text with the Default converter.
func ParseAddress(text string) Parsed {
	c, err := Default()
	if err != nil {
		return Parsed{Input: text}
	}
	return c.Parse(text)
}

// ConvertAddress converts text to the units in force on day to (zero:
// today) with the Default converter, which has no boundaries: a point is
// then only reported, never used to decide.
func ConvertAddress(text string, to dvhc.Date, point *dvhc.LatLon) Result {
	c, err := Default()
	if err != nil {
		return Result{Status: StatusInvalid, Input: text, Note: err.Error()}
	}
	return c.Convert(text, Options{To: to, Point: point})
}
