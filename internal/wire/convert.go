package wire

import (
	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
)

// Conversion is the result of converting one address.
type Conversion struct {
	Status       string                `json:"status"` // ok, ambiguous, not_found, invalid
	Input        string                `json:"input"`
	Street       string                `json:"street"`
	CommuneCode  string                `json:"commune_code"`
	Commune      string                `json:"commune"`
	ProvinceCode string                `json:"province_code"`
	Province     string                `json:"province"`
	Address      string                `json:"address"`
	Candidates   []ConversionCandidate `json:"candidates"`
	Matched      []MatchedUnit         `json:"matched"`
	Confidence   float64               `json:"confidence"`
	Note         string                `json:"note"`
}

// ConversionCandidate is one possible new commune of an ambiguous address.
type ConversionCandidate struct {
	CommuneCode  string `json:"commune_code"`
	Commune      string `json:"commune"`
	ProvinceCode string `json:"province_code"`
	Province     string `json:"province"`
	Share        string `json:"share"` // whole or part
	Note         string `json:"note"`  // the official note of the lineage
	Address      string `json:"address"`
}

// MatchedUnit is a unit the parser read in the address, of whichever
// vintage.
type MatchedUnit struct {
	Level     string  `json:"level"`
	Code      string  `json:"code"`
	Name      string  `json:"name"`
	ValidFrom *string `json:"valid_from"`
	ValidTo   *string `json:"valid_to"` // last day in force, null if in force
}

// NewConversion converts an address conversion result.
func NewConversion(res address.Result) Conversion {
	w := Conversion{
		Status: res.Status.String(), Input: res.Input, Street: res.Street, Address: res.Address,
		Confidence: res.Confidence, Note: res.Note,
		Candidates: make([]ConversionCandidate, 0, len(res.Candidates)),
		Matched:    make([]MatchedUnit, 0, len(res.Matched)),
	}
	if res.Commune != nil {
		w.CommuneCode, w.Commune = string(res.Commune.Code), res.Commune.Name
	}
	if res.Province != nil {
		w.ProvinceCode, w.Province = string(res.Province.Code), res.Province.Name
	}
	for _, c := range res.Candidates {
		w.Candidates = append(w.Candidates, ConversionCandidate{
			CommuneCode: string(c.Commune.Code), Commune: c.Commune.Name,
			ProvinceCode: code(c.Province), Province: name(c.Province),
			Share: c.Share.String(), Note: c.Note, Address: c.Address,
		})
	}
	for _, u := range res.Matched {
		w.Matched = append(w.Matched, MatchedUnit{Level: u.Level.String(), Code: string(u.Code), Name: u.Name,
			ValidFrom: date(u.Valid.From), ValidTo: date(u.Valid.Last())})
	}
	return w
}

func code(u *dvhc.Unit) string {
	if u == nil {
		return ""
	}
	return string(u.Code)
}

func name(u *dvhc.Unit) string {
	if u == nil {
		return ""
	}
	return u.Name
}
