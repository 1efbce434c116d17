package registry

import (
	"slices"
	"strings"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/fold"
)

type searchEntry struct {
	full, short string // fold.Name keys
}

func (r *Registry) buildSearch() {
	r.search = make([]searchEntry, len(r.units))
	var buf []byte
	for i := range r.units {
		buf = fold.AppendName(buf[:0], r.units[i].Name)
		full := string(buf)
		short := full
		buf = fold.AppendName(buf[:0], r.units[i].ShortName)
		if string(buf) != full {
			short = string(buf)
		}
		r.search[i] = searchEntry{full: full, short: short}
	}
}

// Query is a name search.
type Query struct {
	Text  string
	At    dvhc.Date  // only units in force on this day; zero: any day
	Level dvhc.Level // zero: every level
	Limit int        // at most this many matches; zero: 10
}

// MatchKind says how a name matched, best first.
type MatchKind uint8

// The kinds of match, from the best.
const (
	MatchExact  MatchKind = iota // the full name, type included
	MatchName                    // the name without its type
	MatchPrefix                  // the name starts with the query
	MatchWords                   // every word of the query is a word of the name
	MatchTypo                    // one letter off (names of five letters or more)
)

var matchNames = [...]string{"exact", "name", "prefix", "words", "typo"}

// String returns "exact", "name", "prefix", "words" or "typo".
func (k MatchKind) String() string { return matchNames[k] }

// Match is one search result.
type Match struct {
	Unit *dvhc.Unit
	Kind MatchKind
}

// typeWords are folded type prefixes and their abbreviations; a query that
// starts with one is also tried without it.
var typeWords = []string{
	"thanh pho", "thi tran", "thi xa", "dac khu", "tinh", "quan", "huyen", "phuong", "xa",
	"tp", "tt", "tx", "q", "h", "p", "x",
}

// Search finds units by name. Matching folds case, tones and đ and accepts
// tone-mark placement and i/y variants; a one-letter typo is tolerated in
// names of five letters or more. Exact matches come first.
func (r *Registry) Search(q Query) []Match {
	r.searchOnce.Do(r.buildSearch)
	key := fold.Name(q.Text)
	if key == "" {
		return nil
	}
	bare := key
	for _, t := range typeWords {
		if rest, ok := strings.CutPrefix(key, t+" "); ok {
			bare = rest
			break
		}
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 10
	}
	typo := len(strings.ReplaceAll(bare, " ", "")) >= 5
	var out []Match
	for i := range r.units {
		u := &r.units[i]
		if (q.Level != 0 && u.Level != q.Level) || (!q.At.IsZero() && !u.ValidAt(q.At)) {
			continue
		}
		e := &r.search[i]
		kind, ok := matchName(e, key, bare, typo)
		if ok {
			out = append(out, Match{Unit: u, Kind: kind})
		}
	}
	slices.SortStableFunc(out, func(a, b Match) int {
		if a.Kind != b.Kind {
			return int(a.Kind) - int(b.Kind)
		}
		if a.Unit.Level != b.Unit.Level {
			return int(a.Unit.Level) - int(b.Unit.Level)
		}
		return b.Unit.Valid.From.Compare(a.Unit.Valid.From)
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

func matchName(e *searchEntry, key, bare string, typo bool) (MatchKind, bool) {
	switch {
	case e.full == key:
		return MatchExact, true
	case e.short == key || e.short == bare:
		return MatchName, true
	case strings.HasPrefix(e.short, bare+" ") || strings.HasPrefix(e.full, key+" "):
		return MatchPrefix, true
	case allWords(e.full, key):
		return MatchWords, true
	case typo && fold.Within1(e.short, bare):
		return MatchTypo, true
	}
	return 0, false
}

// allWords reports whether every word of q is a word of name.
func allWords(name, q string) bool {
	for w := range strings.FieldsSeq(q) {
		found := false
		for n := range strings.FieldsSeq(name) {
			if n == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
