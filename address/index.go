package address

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/registry"
)

// reformDay is the first day of the units after the 2025 reform; the day
// before it is the last day of the old vintage (with districts).
var (
	reformDay = dvhc.NewDate(2025, 7, 1)
	lastOld   = dvhc.NewDate(2025, 6, 30)
)

// Kinds of index entries.
const (
	kindName  uint8 = iota // the official name
	kindAlias              // a former name (registry.Data().Aliases)
	kindNick               // a province nickname (HCM, HN, BR-VT…)
)

// entry is one name of one unit in the index.
type entry struct {
	u    int32 // index into Converter.units
	kind uint8
}

// unitInfo is a unit version the parser can match, with what the parser
// needs to check hierarchies quickly.
type unitInfo struct {
	u       *dvhc.Unit
	old     bool      // in force on 2025-06-30 (district tier exists)
	numeric bool      // the short name is a number: needs a type word
	newProv dvhc.Code // old unit: code of the new province containing it
	typ     uint8     // the unit's type as a typeWord id
	short   string    // compact key of the short name
}

// Levels as bits, for type words that fit several levels.
const (
	bitP uint8 = 1 << iota
	bitD
	bitC
)

func levelBit(l dvhc.Level) uint8 {
	switch l {
	case dvhc.LevelProvince:
		return bitP
	case dvhc.LevelDistrict:
		return bitD
	}
	return bitC
}

// typeWord is a type word or its abbreviation, as written before a name.
type typeWord struct {
	levels uint8 // levels it may introduce
	typ    uint8 // canonical type id (index into typeNames), 0 if vague
	long   bool  // a written-out word, never part of a street
}

var typeNames = []string{"", "Phường", "Xã", "Thị trấn", "Đặc khu", "Quận", "Huyện", "Thị xã", "Thành phố", "Tỉnh"}

func typeID(t string) uint8 {
	for i, n := range typeNames {
		if n == t {
			return uint8(i)
		}
	}
	return 0
}

// typeWordDefs lists the type words and abbreviations the parser knows.
// Abbreviations of one or two letters introduce only the level they name.
var typeWordDefs = []struct {
	text   string
	levels uint8
	typ    string
}{
	{"phường", bitC, "Phường"}, {"p", bitC, "Phường"}, {"f", bitC, "Phường"}, {"ph", bitC, "Phường"}, {"ward", bitC, "Phường"},
	{"xã", bitC, "Xã"}, {"x", bitC, "Xã"}, {"commune", bitC, "Xã"},
	{"thị trấn", bitC, "Thị trấn"}, {"tt", bitC, "Thị trấn"}, {"ttr", bitC, "Thị trấn"},
	{"đặc khu", bitC, "Đặc khu"}, {"dk", bitC, "Đặc khu"},
	{"quận", bitD, "Quận"}, {"q", bitD, "Quận"}, {"district", bitD, ""},
	{"huyện", bitD, "Huyện"}, {"h", bitD, "Huyện"},
	{"thị xã", bitD, "Thị xã"}, {"tx", bitD, "Thị xã"},
	{"thành phố", bitP | bitD, "Thành phố"}, {"tp", bitP | bitD, "Thành phố"}, {"city", bitP | bitD, "Thành phố"},
	{"tỉnh", bitP, "Tỉnh"}, {"t", bitP, "Tỉnh"}, {"province", bitP, "Tỉnh"},
}

// streetWordDefs are words that introduce a street, lane or hamlet: a name
// right after one of them (or after a house number) is part of the street
// unless a type word says otherwise.
var streetWordDefs = []string{
	"số", "đường", "đ", "dg", "phố", "ngõ", "ngách", "hẻm", "kiệt", "hẽm", "thôn", "ấp", "xóm", "tổ", "khu",
	"kp", "bản", "buôn", "khóm", "khối", "lô", "cụm", "toà", "tòa", "nhà", "lầu", "tầng", "căn", "km",
	"quốc lộ", "ql", "tỉnh lộ", "tl", "đại lộ", "khu phố", "tổ dân phố", "tdp", "st", "street", "road",
}

// countryWords are dropped from the end of an address.
var countryWords = map[string]bool{"vietnam": true, "vn": true, "vietnamese": true}

// nicknames are the informal names of provinces, written as folded
// token sequences. "ĐN" is deliberately absent: it is written for Đà Nẵng,
// Đồng Nai and Đắk Nông alike. "HP" and "CT" are absent for the same
// reason. Full names written without spaces ("hanoi", "danang") need no
// entry: every name is also indexed by its compact key.
var nicknames = []struct {
	code dvhc.Code
	keys []string
}{
	{"01", []string{"hn", "tphn", "ha noi city", "hanoi city"}},
	{"79", []string{"hcm", "tphcm", "hcmc", "tp hcm", "sai gon", "sg", "tpsg", "ho chi minh city", "hochiminh city", "tp ho chi minh"}},
	{"77", []string{"br vt", "brvt", "ba ria vung tau"}},
	{"46", []string{"tt hue", "tthue", "hue", "thua thien"}},
	{"48", []string{"da nang city"}},
	{"92", []string{"can tho city"}},
	{"31", []string{"hai phong city"}},
}

// Converter parses free-text Vietnamese addresses and converts them to the
// units in force on a date. A Converter is immutable once built and safe
// for concurrent use.
type Converter struct {
	r   *registry.Registry
	loc dvhc.Locator

	units    []unitInfo
	byKey    map[string][]entry
	maxK     int // most tokens in an indexed key
	maxKey   int // longest indexed key, bytes
	type1    map[string]typeWord
	type2    map[string]typeWord // two words joined by a space
	street1  map[string]bool
	street2  map[string]bool
	provOf   map[provKey]int32        // province unit by vintage and code
	kids     map[kidKey][]int32       // units by parent (vintage, level of parent, code)
	provs    []int32                  // every province (old and new)
	dists    []int32                  // every old district
	newByOld map[dvhc.Code]dvhc.Code // old province code → new province code

	today dvhc.Date // the date of the successor cache
	succ  []atomic.Pointer[[]registry.Link]

	scratch sync.Pool
}

type provKey struct {
	old  bool
	code dvhc.Code
}

type kidKey struct {
	old   bool
	level dvhc.Level // level of the parent
	code  dvhc.Code
}

// New builds a converter over the registry r. loc, which may be nil,
// decides between the successors of a split commune when an address comes
// with a point (package geo implements it).
func New(r *registry.Registry, loc dvhc.Locator) *Converter {
	runeTableOnce.Do(buildRuneTable)
	c := &Converter{
		r: r, loc: loc,
		byKey:    make(map[string][]entry, 16384),
		type1:    map[string]typeWord{},
		type2:    map[string]typeWord{},
		street1:  map[string]bool{},
		street2:  map[string]bool{},
		provOf:   map[provKey]int32{},
		kids:     make(map[kidKey][]int32, 1024),
		newByOld: map[dvhc.Code]dvhc.Code{},
		today:    dvhc.Today(),
	}
	for _, d := range typeWordDefs {
		w := wordsOf(d.text)
		tw := typeWord{levels: d.levels, typ: typeID(d.typ), long: len(d.text) > 3}
		if len(w) == 2 {
			c.type2[w[0]+" "+w[1]] = tw
		} else {
			c.type1[w[0]] = tw
		}
	}
	for _, d := range streetWordDefs {
		w := wordsOf(d)
		if len(w) == 1 {
			c.street1[w[0]] = true
		} else {
			c.street2[w[0]+" "+w[1]] = true
			if len(w) == 3 {
				c.street2[w[1]+" "+w[2]] = true
			}
		}
	}
	c.index()
	c.succ = make([]atomic.Pointer[[]registry.Link], len(c.units))
	c.scratch.New = func() any { return &scratch{} }
	return c
}

var (
	defaultOnce sync.Once
	defaultConv *Converter
	defaultErr  error
)

// Default returns the converter over registry.Default(), without
// boundaries, built on the first call. Use New with a geo locator to let
// points decide between the successors of split communes.
func Default() (*Converter, error) {
	defaultOnce.Do(func() {
		r, err := registry.Default()
		if err != nil {
			defaultErr = err
			return
		}
		defaultConv = New(r, nil)
	})
	return defaultConv, defaultErr
}

// Registry returns the registry the converter reads.
func (c *Converter) Registry() *registry.Registry { return c.r }

func (c *Converter) index() {
	all := c.r.Units()
	// new vintage: the latest version of each code that starts on or
	// after the reform; its earlier versions' names point to it.
	latest := map[dvhc.Key]int32{}
	type lk struct {
		l dvhc.Level
		c dvhc.Code
	}
	newest := map[lk]int{}
	for i := range all {
		u := &all[i]
		if u.Valid.From.Before(reformDay) {
			continue
		}
		k := lk{u.Level, u.Code}
		if j, ok := newest[k]; !ok || all[j].Valid.From.Before(u.Valid.From) {
			newest[k] = i
		}
	}
	oldIdx := map[dvhc.Key]int32{}
	for i := range all {
		u := &all[i]
		var ui unitInfo
		switch {
		case u.ValidAt(lastOld):
			ui = unitInfo{u: u, old: true}
		case !u.Valid.From.Before(reformDay):
			j := newest[lk{u.Level, u.Code}]
			if j != i {
				continue // indexed below under the newest version
			}
			ui = unitInfo{u: u}
		default:
			continue // older history
		}
		ui.typ = typeID(u.Type)
		ui.short = keyOf(u.ShortName)
		ui.numeric = ui.short != "" && ui.short[0] >= '0' && ui.short[0] <= '9'
		id := int32(len(c.units))
		c.units = append(c.units, ui)
		if ui.old {
			oldIdx[u.Key()] = id
		}
		latest[u.Key()] = id
	}
	// names of the earlier new versions point to the newest
	for i := range all {
		u := &all[i]
		if u.Valid.From.Before(reformDay) {
			continue
		}
		j := newest[lk{u.Level, u.Code}]
		id := latest[all[j].Key()]
		if j != i && keyOf(u.ShortName) != c.units[id].short {
			c.add(keyOf(u.ShortName), len(wordsOf(u.ShortName)), entry{u: id, kind: kindName})
		}
	}
	for id := range c.units {
		ui := &c.units[id]
		u := ui.u
		c.add(ui.short, len(wordsOf(u.ShortName)), entry{u: int32(id)})
		switch u.Level {
		case dvhc.LevelProvince:
			c.provOf[provKey{ui.old, u.Code}] = int32(id)
			c.provs = append(c.provs, int32(id))
		case dvhc.LevelDistrict:
			c.dists = append(c.dists, int32(id))
			c.kids[kidKey{true, dvhc.LevelProvince, u.Province}] = append(c.kids[kidKey{true, dvhc.LevelProvince, u.Province}], int32(id))
		case dvhc.LevelCommune:
			c.kids[kidKey{ui.old, dvhc.LevelProvince, u.Province}] = append(c.kids[kidKey{ui.old, dvhc.LevelProvince, u.Province}], int32(id))
			if ui.old {
				c.kids[kidKey{true, dvhc.LevelDistrict, u.Parent}] = append(c.kids[kidKey{true, dvhc.LevelDistrict, u.Parent}], int32(id))
			}
		}
	}
	// old province → new province, through the lineage
	for id := range c.units {
		ui := &c.units[id]
		if !ui.old || ui.u.Level != dvhc.LevelProvince {
			continue
		}
		links, err := c.r.Successors(ui.u, reformDay)
		if err == nil && len(links) > 0 {
			c.newByOld[ui.u.Code] = links[0].Unit.Province
		}
	}
	for id := range c.units {
		ui := &c.units[id]
		if ui.old {
			ui.newProv = c.newByOld[ui.u.Province]
		} else {
			ui.newProv = ui.u.Province
		}
	}
	// former names
	for _, a := range c.r.Data().Aliases {
		id, ok := oldIdx[dvhc.Key{Level: a.Level, Code: a.Code, From: c.oldFrom(a.Level, a.Code)}]
		if !ok {
			continue
		}
		k := normKey(a.Key)
		if k == "" || k == c.units[id].short {
			continue
		}
		c.add(k, 1, entry{u: id, kind: kindAlias})
	}
	// nicknames
	for _, n := range nicknames {
		for _, old := range []bool{true, false} {
			id, ok := c.provOf[provKey{old, n.code}]
			if !ok {
				continue
			}
			for _, k := range n.keys {
				if k == "hue" && !old {
					continue // the new province is named Huế already
				}
				c.add(keyOf(k), len(wordsOf(k)), entry{u: id, kind: kindNick})
			}
		}
	}
}

// oldFrom returns the start of the old-vintage version of (l, code).
func (c *Converter) oldFrom(l dvhc.Level, code dvhc.Code) dvhc.Date {
	u, err := c.r.Lookup(l, code, lastOld)
	if err != nil {
		return dvhc.Date{}
	}
	return u.Valid.From
}

// normKey applies the parser's folds to an already folded, space-free key.
func normKey(k string) string {
	k = strings.ReplaceAll(k, "y", "i")
	if k != "" && k[0] == '0' {
		allDigits := true
		for i := 0; i < len(k); i++ {
			if k[i] < '0' || k[i] > '9' {
				allDigits = false
			}
		}
		if allDigits {
			k = strings.TrimLeft(k, "0")
			if k == "" {
				k = "0"
			}
		}
	}
	return k
}

func (c *Converter) add(key string, ntok int, e entry) {
	if key == "" {
		return
	}
	for _, x := range c.byKey[key] {
		if x.u == e.u {
			return
		}
	}
	c.byKey[key] = append(c.byKey[key], e)
	if ntok > c.maxK {
		c.maxK = ntok
	}
	if len(key) > c.maxKey {
		c.maxKey = len(key)
	}
}
