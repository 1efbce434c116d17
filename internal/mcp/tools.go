package mcp

import (
	"context"
	"fmt"
	"strings"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/internal/api"
	"github.com/dvhc-vn/dvhc/internal/wire"
	"github.com/dvhc-vn/dvhc/registry"
)

// Version is the data version that every answer carries.
type Version struct {
	DataVersion string `json:"data_version" jsonschema:"date of the latest legal event in dvhc's data (YYYY-MM-DD); later changes are unknown to it"`
}

// ConvertAddressInput is the input of convert_address.
type ConvertAddressInput struct {
	Address string   `json:"address" jsonschema:"a Vietnamese address as written, with old (before 2025-07-01) or new units, with or without diacritics or abbreviations"`
	To      string   `json:"to,omitempty" jsonschema:"date of the units to convert to, YYYY-MM-DD; default today"`
	Lat     *float64 `json:"lat,omitempty" jsonschema:"latitude of the address (WGS 84), if known: it decides between the successors of a split commune"`
	Lon     *float64 `json:"lon,omitempty" jsonschema:"longitude of the address (WGS 84), with lat"`
	Prefer  string   `json:"prefer,omitempty" jsonschema:"when the words and the point disagree: text (trust the words), point (trust the point) or both (default: they must agree, else the answer is ambiguous with both communes)"`
}

// ConvertAddressOutput is the output of convert_address: the conversion as
// the API's GET /v1/convert gives it.
type ConvertAddressOutput struct {
	wire.Conversion
	To string `json:"to" jsonschema:"date of the units converted to"`
	Version
}

// ConvertAddressesInput is the input of convert_addresses.
type ConvertAddressesInput struct {
	Addresses []string      `json:"addresses" jsonschema:"the addresses, one per item; at most the API's batch limit"`
	To        string        `json:"to,omitempty" jsonschema:"date of the units to convert to, YYYY-MM-DD; default today"`
	Points    []*wire.Point `json:"points,omitempty" jsonschema:"optional: one position (or null) per address, in the same order; a position decides between the successors of a split commune"`
	Prefer    string        `json:"prefer,omitempty" jsonschema:"when an address's words and point disagree: text (trust the words), point (trust the point) or both (default: they must agree, else the answer is ambiguous with both communes)"`
}

// ConvertAddressesOutput is the output of convert_addresses: the API's
// answer to POST /v1/convert, with the count of each status.
type ConvertAddressesOutput struct {
	api.ConvertBatch
	Statuses map[string]int `json:"statuses" jsonschema:"number of results of each status (ok, ambiguous, not_found, invalid)"`
	Version
}

// UnitInput names a unit by code, or by name, as of a date.
type UnitInput struct {
	Code  string `json:"code,omitempty" jsonschema:"code of the unit: 2 digits province, 3 district, 5 commune (leading zeros may be left out with level)"`
	Name  string `json:"name,omitempty" jsonschema:"name of the unit, instead of code (case, tones and đ folded)"`
	Level string `json:"level,omitempty" jsonschema:"province, district or commune; default from the code's width, any level for a name"`
	At    string `json:"at,omitempty" jsonschema:"the date the code or name is read on, YYYY-MM-DD; default today. Codes were reused on 2025-07-01: commune 00004 is Phường Trúc Bạch on 2025-06-30 and Phường Ba Đình on 2025-07-01"`
}

// LookupUnitOutput is the output of lookup_unit.
type LookupUnitOutput struct {
	At    string            `json:"at"`
	Units []wire.UnitDetail `json:"units" jsonschema:"the unit; several when a name is shared by several units on that date"`
	Note  string            `json:"note,omitempty"`
	Version
}

// SearchUnitsInput is the input of search_units.
type SearchUnitsInput struct {
	Query string `json:"query" jsonschema:"words of the name; case, tones and đ are folded and a one-letter typo is tolerated"`
	At    string `json:"at,omitempty" jsonschema:"only units in force on this date, YYYY-MM-DD; default any date"`
	Level string `json:"level,omitempty" jsonschema:"province, district or commune; default every level"`
	Limit int    `json:"limit,omitempty" jsonschema:"most matches, 1 to 100; default 10"`
}

// SearchUnitsOutput is the output of search_units: the API's answer to
// GET /v1/search.
type SearchUnitsOutput struct {
	api.SearchResult
	Version
}

// LineageInput is the input of lineage.
type LineageInput struct {
	UnitInput
	To string `json:"to,omitempty" jsonschema:"the date to walk to, YYYY-MM-DD; default today. Later than at: successors; earlier: predecessors"`
}

// LineageOutput is the output of lineage: the API's answer to
// GET /v1/lineage/{level}/{code}.
type LineageOutput struct {
	wire.Lineage
	Version
}

// LocateInput is the input of locate.
type LocateInput struct {
	Lat float64 `json:"lat" jsonschema:"latitude, decimal degrees (WGS 84)"`
	Lon float64 `json:"lon" jsonschema:"longitude, decimal degrees (WGS 84)"`
	At  string  `json:"at,omitempty" jsonschema:"date, YYYY-MM-DD, from 2025-07-01 (boundaries exist for the new units only); default today"`
}

// LocateOutput is the output of locate: the API's answer to GET /v1/locate.
type LocateOutput struct {
	wire.Location
	Version
}

func (s *Server) addTools() {
	ro := &sdk.ToolAnnotations{ReadOnlyHint: true, IdempotentHint: true, OpenWorldHint: ptr(false)}
	sdk.AddTool(s.s, &sdk.Tool{Name: "convert_address", Title: "Convert an address", Annotations: ro,
		Description: "Converts one free-text Vietnamese address to the administrative units in force on a date (default today): " +
			"old communes, districts and provinces (before 2025-07-01) become the new commune and province, and the address is rewritten. " +
			"status ok: one commune. status ambiguous: the commune was split; candidates lists every successor with its share and official note, " +
			"most likely first — there is no default: ask the user which one, or for the address's coordinates (lat, lon), which decide. " +
			"A point is checked against the words: when they disagree the answer is ambiguous with both communes, unless prefer says which to trust (text or point)."},
		s.convertAddress)
	sdk.AddTool(s.s, &sdk.Tool{Name: "convert_addresses", Title: "Convert addresses", Annotations: ro,
		Description: fmt.Sprintf("Converts up to %d addresses in one call, like convert_address, one result per address in the order given. "+
			"Results with status ambiguous have no commune: report their candidates and ask the user; never choose one.", s.cfg.MaxBatch)},
		s.convertAddresses)
	sdk.AddTool(s.s, &sdk.Tool{Name: "lookup_unit", Title: "Look a unit up", Annotations: ro,
		Description: "Shows the unit that a code (or a name) names on a date: name, type, parent and province, validity dates, " +
			"area, population, seat, the resolution that created it, and for a commune created on 2025-07-01 the official text listing what it was formed from. " +
			"A code means nothing without its date: give at."},
		s.lookupUnit)
	sdk.AddTool(s.s, &sdk.Tool{Name: "search_units", Title: "Search units by name", Annotations: ro,
		Description: "Finds units by name, optionally only those in force on a date or of one level; exact matches first."},
		s.searchUnits)
	sdk.AddTool(s.s, &sdk.Tool{Name: "lineage", Title: "Follow a unit's lineage", Annotations: ro,
		Description: "Walks the lineage of the unit in force on at to the date to, across any number of events: its successors when to is later, " +
			"its predecessors when to is earlier. Each link has its share (whole, or part when the unit was split or only part of it merged), " +
			"the government's official note and the resolution. Example: commune 00004 at 2025-06-30 to 2025-07-01 (what Phường Trúc Bạch became); " +
			"commune 00004 at 2025-07-01 to 2025-06-30 (what Phường Ba Đình was formed from)."},
		s.lineage)
	sdk.AddTool(s.s, &sdk.Tool{Name: "locate", Title: "Locate a point", Annotations: ro,
		Description: "Finds the commune and province (units in force from 2025-07-01) containing a point given in decimal degrees (WGS 84). " +
			"Points at sea or abroad are an error."},
		s.locate)
	s.addTableTool(ro)
}

func ptr[T any](v T) *T { return &v }

func (s *Server) convertAddress(ctx context.Context, _ *sdk.CallToolRequest, in ConvertAddressInput) (*sdk.CallToolResult, ConvertAddressOutput, error) {
	var out ConvertAddressOutput
	if strings.TrimSpace(in.Address) == "" {
		return nil, out, dvhc.Errorf(dvhc.EINVALID, "argument address is required")
	}
	if len(in.Address) > api.MaxAddressBytes {
		return nil, out, dvhc.Errorf(dvhc.EINVALID, "argument address is longer than %d bytes", api.MaxAddressBytes)
	}
	to, err := date("to", in.To, s.cfg.Today())
	if err != nil {
		return nil, out, err
	}
	p, err := point(in.Lat, in.Lon)
	if err != nil {
		return nil, out, err
	}
	prefer, err := preferArg(in.Prefer)
	if err != nil {
		return nil, out, err
	}
	out.Conversion = wire.NewConversion(s.conv.Convert(in.Address, address.Options{To: to, Point: p, Prefer: prefer}))
	out.To, out.DataVersion = to.String(), s.version
	return nil, out, nil
}

func (s *Server) convertAddresses(ctx context.Context, _ *sdk.CallToolRequest, in ConvertAddressesInput) (*sdk.CallToolResult, ConvertAddressesOutput, error) {
	var out ConvertAddressesOutput
	if len(in.Addresses) == 0 {
		return nil, out, dvhc.Errorf(dvhc.EINVALID, "argument addresses is required: a list of at least one address")
	}
	if n := len(in.Addresses); n > s.cfg.MaxBatch {
		return nil, out, dvhc.Errorf(dvhc.EINVALID, "%d addresses in one call; at most %d: split the list", n, s.cfg.MaxBatch)
	}
	if in.Points != nil && len(in.Points) != len(in.Addresses) {
		return nil, out, dvhc.Errorf(dvhc.EINVALID, "%d points for %d addresses: give one point (or null) per address", len(in.Points), len(in.Addresses))
	}
	to, err := date("to", in.To, s.cfg.Today())
	if err != nil {
		return nil, out, err
	}
	prefer, err := preferArg(in.Prefer)
	if err != nil {
		return nil, out, err
	}
	opts := make([]address.Options, len(in.Addresses))
	for i, a := range in.Addresses {
		if len(a) > api.MaxAddressBytes {
			return nil, out, dvhc.Errorf(dvhc.EINVALID, "address %d is longer than %d bytes", i, api.MaxAddressBytes)
		}
		opts[i].To = to
		opts[i].Prefer = prefer
		if in.Points != nil && in.Points[i] != nil {
			p := dvhc.LatLon{Lat: in.Points[i].Lat, Lon: in.Points[i].Lon}
			if !p.IsValid() {
				return nil, out, dvhc.Errorf(dvhc.EINVALID, "point %d (%g, %g) is not a WGS 84 position", i, p.Lat, p.Lon)
			}
			opts[i].Point = &p
		}
	}
	res, err := wire.ConvertAll(ctx, s.conv, in.Addresses, opts)
	if err != nil {
		return nil, out, err
	}
	out.ConvertBatch = api.ConvertBatch{To: to.String(), Count: len(res), Results: res}
	out.Statuses = map[string]int{}
	for _, r := range res {
		out.Statuses[r.Status]++
	}
	out.DataVersion = s.version
	return nil, out, nil
}

// unit finds the unit named by in: by code (the version in force on day
// at), or by name (every unit of that exact name in force on day at).
func (s *Server) unit(in UnitInput, at dvhc.Date) ([]*dvhc.Unit, error) {
	code, name := strings.TrimSpace(in.Code), strings.TrimSpace(in.Name)
	l, err := level(in.Level)
	if err != nil {
		return nil, err
	}
	switch {
	case code != "" && name != "":
		return nil, dvhc.Errorf(dvhc.EINVALID, "give code or name, not both")
	case code != "":
		if l == 0 {
			l = dvhc.LevelOfCode(code)
		}
		c, err := dvhc.ParseCode(l, code)
		if err != nil {
			return nil, err
		}
		u, err := s.reg.Lookup(l, c, at)
		if err != nil {
			return nil, err
		}
		return []*dvhc.Unit{u}, nil
	case name != "":
		if len(name) > api.MaxQueryBytes {
			return nil, dvhc.Errorf(dvhc.EINVALID, "argument name is longer than %d bytes", api.MaxQueryBytes)
		}
		ms := s.reg.Search(registry.Query{Text: name, At: at, Level: l, Limit: api.MaxSearchLimit})
		// The best matches, exact (full name) before name (without the
		// type), if they are either.
		var us []*dvhc.Unit
		for _, m := range ms {
			if m.Kind <= registry.MatchName && m.Kind == ms[0].Kind {
				us = append(us, m.Unit)
			}
		}
		if len(us) == 0 {
			return nil, dvhc.Errorf(dvhc.ENOTFOUND, "no unit named %q in force on %s; try search_units, or another date", name, at)
		}
		return us, nil
	}
	return nil, dvhc.Errorf(dvhc.EINVALID, "give the code or the name of the unit")
}

func (s *Server) lookupUnit(ctx context.Context, _ *sdk.CallToolRequest, in UnitInput) (*sdk.CallToolResult, LookupUnitOutput, error) {
	var out LookupUnitOutput
	at, err := date("at", in.At, s.cfg.Today())
	if err != nil {
		return nil, out, err
	}
	us, err := s.unit(in, at)
	if err != nil {
		return nil, out, err
	}
	out.At, out.DataVersion = at.String(), s.version
	out.Units = make([]wire.UnitDetail, len(us))
	for i, u := range us {
		out.Units[i] = wire.NewUnitDetail(s.reg, u, at)
	}
	if len(us) > 1 {
		out.Note = fmt.Sprintf("%d units are named %q on %s: ask the user which one is meant, or use a code", len(us), strings.TrimSpace(in.Name), at)
	}
	return nil, out, nil
}

func (s *Server) searchUnits(ctx context.Context, _ *sdk.CallToolRequest, in SearchUnitsInput) (*sdk.CallToolResult, SearchUnitsOutput, error) {
	var out SearchUnitsOutput
	text := strings.TrimSpace(in.Query)
	if text == "" {
		return nil, out, dvhc.Errorf(dvhc.EINVALID, "argument query is required")
	}
	if len(text) > api.MaxQueryBytes {
		return nil, out, dvhc.Errorf(dvhc.EINVALID, "argument query is longer than %d bytes", api.MaxQueryBytes)
	}
	at, err := date("at", in.At, dvhc.Date{})
	if err != nil {
		return nil, out, err
	}
	l, err := level(in.Level)
	if err != nil {
		return nil, out, err
	}
	limit := in.Limit
	if limit == 0 {
		limit = api.DefaultSearchLimit
	}
	if limit < 1 || limit > api.MaxSearchLimit {
		return nil, out, dvhc.Errorf(dvhc.EINVALID, "argument limit: want an integer from 1 to %d, got %d", api.MaxSearchLimit, in.Limit)
	}
	ms := s.reg.Search(registry.Query{Text: text, At: at, Level: l, Limit: limit})
	out.SearchResult = api.SearchResult{Query: text, At: at.String(), Matches: wire.NewMatches(ms)}
	out.DataVersion = s.version
	return nil, out, nil
}

func (s *Server) lineage(ctx context.Context, _ *sdk.CallToolRequest, in LineageInput) (*sdk.CallToolResult, LineageOutput, error) {
	var out LineageOutput
	at, err := date("at", in.At, s.cfg.Today())
	if err != nil {
		return nil, out, err
	}
	to, err := date("to", in.To, s.cfg.Today())
	if err != nil {
		return nil, out, err
	}
	us, err := s.unit(in.UnitInput, at)
	if err != nil {
		return nil, out, err
	}
	if len(us) > 1 {
		return nil, out, dvhc.Errorf(dvhc.EINVALID, "%d units are named %q on %s (codes %s): give the code", len(us), strings.TrimSpace(in.Name), at, codes(us))
	}
	out.Lineage, err = wire.NewLineage(s.reg, us[0], at, to)
	if err != nil {
		return nil, out, err
	}
	out.DataVersion = s.version
	return nil, out, nil
}

func codes(us []*dvhc.Unit) string {
	cs := make([]string, len(us))
	for i, u := range us {
		cs[i] = u.Level.String() + " " + string(u.Code)
	}
	return strings.Join(cs, ", ")
}

func (s *Server) locate(ctx context.Context, _ *sdk.CallToolRequest, in LocateInput) (*sdk.CallToolResult, LocateOutput, error) {
	var out LocateOutput
	p, err := point(&in.Lat, &in.Lon)
	if err != nil {
		return nil, out, err
	}
	at, err := date("at", in.At, s.cfg.Today())
	if err != nil {
		return nil, out, err
	}
	out.Location, err = wire.Locate(s.reg, *p, at)
	if err != nil {
		return nil, out, err
	}
	out.DataVersion = s.version
	return nil, out, nil
}
