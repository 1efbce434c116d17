package address

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/internal/gcpause"
	"github.com/dvhc-vn/dvhc/registry"
)

// Kinds of index entries.
const (
	kindName  uint8 = iota // the official name
	kindAlias              // a former name (registry.FormerNames)
	kindNick               // a province nickname (HCM, HN, BR-VT…)
)

// slot is the value of the index for a key: the units named so, and
// whether the key is also the end of a longer key (so that the parser
// stops extending a name to the left as soon as no name can match).
type slot struct {
	e   []entry
	ext bool
}

// cslot is the compact form of a slot in the final index: its entries
// are Converter.entries[off : off+n].
type cslot struct {
	off uint32
	n   uint16
	ext bool
}

// entry is one name of one unit in the index.
type entry struct {
	sk   uint64 // sort key (see sortKey)
	u    int32  // index into Converter.units
	kind uint8
}

// wordInfo says what one folded word may be.
type wordInfo struct {
	t1     uint8 // type word id, 0: none
	street bool  // starts a street or hamlet
	first2 bool  // first word of a two-word type or street word
	// the words that may follow it in a two-word type or street word:
	// Converter.pairs[pairLo:pairHi]
	pairLo, pairHi uint8
}

// wordPair is a word that may follow a first2 word: what the two words
// are together (classify reads them so, with no map and no key to build).
type wordPair struct {
	second string
	t2     uint8 // type word id of the two words (type2), 0: none
	street bool  // they start a street or hamlet (street2)
}

// unitInfo is a unit version the parser can match, with what the parser
// needs to check hierarchies quickly.
type unitInfo struct {
	u       *dvhc.Unit
	level   dvhc.Level
	old     bool  // in force on 2025-06-30 (district tier exists)
	numeric bool  // the short name is a number: needs a type word
	typ     uint8 // the unit's type as a typeWord id
	code    int32 // u.Code as a number
	parent  int32 // u.Parent as a number
	prov    int32 // u.Province as a number
	newProv int32 // code of the province containing it from 2025-07-01
	// the district and province ids of the unit's usual reading (a
	// commune within its district and province, a district within its
	// province — its own id as cd —, a province alone — its own id as
	// cdp —; -1 for none), whose Matched list is Converter.chain[3*id:]:
	// held here, in the padding of a line the parse has just read, for
	// matched to answer without a cache miss
	cd, cdp int16
	short   string // compact key of the short name
}

// num reads a code as a number (codes are digits); -1 for none.
func num(c dvhc.Code) int32 {
	if c == "" {
		return -1
	}
	n := int32(0)
	for i := 0; i < len(c); i++ {
		n = n*10 + int32(c[i]-'0')
	}
	return n
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
	inName bool  // also the last word of some unit's name
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
	// dotted forms, one type word each: T.P, T.X, T.T, T.Tr
	{"t.p", bitP | bitD, "Thành phố"}, {"t.x", bitD, "Thị xã"}, {"t.t", bitC, "Thị trấn"}, {"t.tr", bitC, "Thị trấn"},
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

// districtNicknames are informal names of former districts (cities of
// provinces) in common use: "TP BMT" for Buôn Ma Thuột is how the city
// writes itself in its own street signs and notices.
var districtNicknames = []struct {
	code dvhc.Code
	keys []string
}{
	{"643", []string{"bmt"}},
}

// countryWord reports whether the folded word w is dropped from the end
// of an address (a switch: no map look-up on the parser's path).
func countryWord(w []byte) bool {
	switch string(w) {
	case "vietnam", "vn", "vietnamese":
		return true
	}
	return false
}

// nicknames are the informal names of provinces, written as folded
// token sequences, as they are written in forms, newspapers and shop
// addresses (HN, SG, HCM, BR-VT, TT-Huế: the abbreviations of the
// provinces' names in common use). "ĐN" is written for Đà Nẵng, Đồng Nai
// and Đắk Nông alike: it names all three, and the rest of the address
// (the district or commune under it) decides; alone it places nothing.
// Full names written without spaces ("hanoi", "danang") need no entry:
// every name is also indexed by its compact key.
var nicknames = []struct {
	code dvhc.Code
	keys []string
}{
	{"48", []string{"dn"}}, {"75", []string{"dn"}}, {"67", []string{"dn"}},
	{"31", []string{"hp"}},
	{"01", []string{"hn", "tphn", "ha noi city", "hanoi city"}},
	{"79", []string{"hcm", "tphcm", "hcmc", "tp hcm", "sai gon", "sg", "tpsg", "ho chi minh city", "hochiminh city", "tp ho chi minh"}},
	{"77", []string{"br vt", "brvt", "ba ria vung tau"}},
	{"46", []string{"tt hue", "tthue", "thua thien hue", "thua thien"}},
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
	names    *nameTab         // the index: compact key → units named so
	keys     *keyTab          // while building, compact key → slot number
	slots    []slot           // while building, by slot number
	maxK     int              // most tokens in an indexed key
	maxKey   int              // longest indexed key, bytes
	tw       []typeWord       // type words by id; id 0 is none
	type1    map[string]uint8 // one-word type words → id
	type2    map[string]uint8 // two words joined by a space → id
	first2   map[string]bool  // first words of two-word type and street words
	street1  map[string]bool
	street2  map[string]bool
	wordTab  *keyTab                 // while building, type1, street1 and first2 in one look-up: word → id
	wordInfo []wordInfo              // while building, by id of wordTab
	wordIdx  *wordIndex              // wordTab and wordInfo in one table, as classify reads them
	maxWord  int                     // longest key of words
	pairs    []wordPair              // the second words of type2 and street2, by first word (wordInfo)
	provOf   map[provKey]int32       // province unit by vintage and code
	provs    []int32                 // every province (old and new)
	dists    []int32                 // every old district
	newByOld map[dvhc.Code]dvhc.Code // old province code → new province code
	renamed  [128]bool               // old province codes whose new province has another name

	today atomic.Pointer[day] // today, refreshed every minute
	// caches by unit: the successors on the last date asked, and the
	// last Matched list with the unit the lowest read (side by side: a
	// conversion asks for both of its commune)
	cache     []unitCache
	dense     atomic.Pointer[denseSucc] // successors on the first date asked, made on the first call
	chain     []*dvhc.Unit              // 3 per unit: the Matched list of its usual reading (chains)
	provCache [100]atomic.Pointer[provEntry]

	typoOnce sync.Once
	typo     *typoIndex // the names by their one-letter deletions, built on the first typo search

	scratch sync.Pool
}

// unitCache is what Converter caches for a unit.
type unitCache struct {
	succ    atomic.Pointer[succEntry]
	matched atomic.Pointer[matchedEntry]
}

// day caches today's date until a time.
type day struct {
	d     dvhc.Date
	until int64 // unix seconds
}

// succEntry caches the successors of a unit on a date. Its 64 bytes
// (one cache line) hold all that an ok answer with the first successor
// needs (decide, seal): the successor, its province and the address they
// make, without reading the links or the units.
type succEntry struct {
	to    dvhc.Date
	state atomic.Uint32 // in a denseSucc: 0 empty, 1 being filled, 2 filled
	links []registry.Link
	u0    *dvhc.Unit // links[0].Unit
	prov0 *dvhc.Unit // the province of links[0] on to
	tail  string     // appendJoin of u0 and prov0 without a street
}

// denseSucc caches the successors of every unit on one date, the first
// asked (most conversions ask for one date: today or a batch's): a
// unit's entry is read where the unit's slot would be, one load less
// than Converter.cache. It is filled lazily, each entry once.
type denseSucc struct {
	to   dvhc.Date
	recs []succRec // by unit id
}

// succRec is an entry of denseSucc, with the bytes of its tail next to
// it (the line after, fetched with it) when they fit.
type succRec struct {
	succEntry
	buf [64]byte
}

// provEntry caches the province of a code on a date.
type provEntry struct {
	to dvhc.Date
	u  *dvhc.Unit
}

// todayDate returns today in Vietnam, read from the clock at most once a
// minute.
func (c *Converter) todayDate() dvhc.Date {
	now := time.Now().Unix()
	if d := c.today.Load(); d != nil && now < d.until {
		return d.d
	}
	d := &day{d: dvhc.Today(), until: now + 60}
	c.today.Store(d)
	return d.d
}

type provKey struct {
	old  bool
	code dvhc.Code
}

// New builds a converter over the registry r. loc, which may be nil,
// decides between the successors of a split commune when an address comes
// with a point (package geo implements it).
func New(r *registry.Registry, loc dvhc.Locator) *Converter {
	// the indexes (about 4 MB) stay live: no collection while building them
	defer gcpause.Pause()()
	c := &Converter{
		r: r, loc: loc,
		keys:     newKeyTab(16384),
		slots:    make([]slot, 0, 16384),
		tw:       []typeWord{{}},
		type1:    map[string]uint8{},
		type2:    map[string]uint8{},
		first2:   map[string]bool{},
		street1:  map[string]bool{},
		street2:  map[string]bool{},
		provOf:   map[provKey]int32{},
		newByOld: map[dvhc.Code]dvhc.Code{},
	}
	for _, d := range typeWordDefs {
		w := wordsOf(d.text)
		tw := typeWord{levels: d.levels, typ: typeID(d.typ), long: len(d.text) > 3}
		id := uint8(len(c.tw))
		c.tw = append(c.tw, tw)
		if len(w) == 2 {
			c.type2[w[0]+" "+w[1]] = id
			c.first2[w[0]] = true
		} else {
			c.type1[w[0]] = id
		}
	}
	for _, d := range streetWordDefs {
		w := wordsOf(d)
		if len(w) == 1 {
			c.street1[w[0]] = true
		} else {
			c.street2[w[0]+" "+w[1]] = true
			c.first2[w[0]] = true
			if len(w) == 3 {
				c.street2[w[1]+" "+w[2]] = true
				c.first2[w[1]] = true
			}
		}
	}
	c.wordTab = newKeyTab(256) // sparse: most tokens are no such word, and a miss stops at an empty slot
	for w, id := range c.type1 {
		c.word(w).t1 = id
	}
	for w := range c.street1 {
		c.word(w).street = true
	}
	for w := range c.first2 {
		c.word(w).first2 = true
	}
	c.pairWords()
	c.wordIdx = newWordIndex(c.wordTab, c.wordInfo)
	c.wordTab, c.wordInfo = nil, nil
	c.index()
	c.cache = make([]unitCache, len(c.units))
	c.chains()
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

// chains fills the usual reading of every unit (unitInfo.cd, cdp) and its
// Matched list (Converter.chain): the unit, the district it lies in
// (communes in force before the reform), the province it lies in.
func (c *Converter) chains() {
	c.chain = make([]*dvhc.Unit, 3*len(c.units))
	if len(c.units) > math.MaxInt16 {
		for id := range c.units {
			c.units[id].cd, c.units[id].cdp = -1, -1 // ids too large: matched builds every list
		}
		return
	}
	// the districts and provinces by the number of their code (arrays,
	// not maps: this runs on the cold start); a look-up is checked
	// against the code itself
	var dist [1000]int16
	var prov [2][100]int16 // [old]
	for i := range dist {
		dist[i] = -1
	}
	for i := range prov[0] {
		prov[0][i], prov[1][i] = -1, -1
	}
	for _, id := range c.dists {
		if ui := &c.units[id]; ui.old && ui.code >= 0 && ui.code < int32(len(dist)) {
			dist[ui.code] = int16(id)
		}
	}
	for _, id := range c.provs {
		if ui := &c.units[id]; ui.code >= 0 && ui.code < int32(len(prov[0])) {
			prov[b2i(ui.old)][ui.code] = int16(id)
		}
	}
	for id := range c.units {
		ui := &c.units[id]
		ui.cd, ui.cdp = -1, -1
		ch := c.chain[3*id : 3*id+3] // the unit, then its district and province if any
		ch[0] = ui.u
		k := 1
		switch ui.level {
		case dvhc.LevelProvince:
			ui.cdp = int16(id)
			continue
		case dvhc.LevelDistrict:
			ui.cd = int16(id)
		case dvhc.LevelCommune:
			if ui.old && ui.parent >= 0 && ui.parent < int32(len(dist)) {
				if d := dist[ui.parent]; d >= 0 && c.units[d].u.Code == ui.u.Parent {
					ui.cd = d
					ch[k] = c.units[d].u
					k++
				}
			}
		}
		if ui.prov < 0 || ui.prov >= int32(len(prov[0])) {
			continue
		}
		// the province of the unit's own vintage, else the other's (a
		// new commune in a province unchanged by the reform)
		p := prov[b2i(ui.old)][ui.prov]
		if p < 0 {
			p = prov[b2i(!ui.old)][ui.prov]
		}
		if p >= 0 && c.units[p].u.Code == ui.u.Province {
			ui.cdp = p
			ch[k] = c.units[p].u
		}
	}
}

func (c *Converter) index() {
	all := c.r.Units()
	c.units = make([]unitInfo, 0, 15000)
	oldComm := make(map[dvhc.Code]int32, 10100)
	oldDist := make(map[dvhc.Code]int32, 700)
	var key []byte
	var bounds []int
	type later struct {
		id     int32
		key    string
		bounds []int
	}
	var pending []later // names of earlier new versions, for the newest
	for i := range all {
		u := &all[i]
		var ui unitInfo
		switch {
		case u.ValidAt(dvhc.LastOldDay):
			ui = unitInfo{u: u, old: true}
		case !u.Valid.From.Before(dvhc.ReformDay):
			if i+1 < len(all) && all[i+1].Level == u.Level && all[i+1].Code == u.Code {
				// a newer version follows (units are sorted by level, code
				// and start): index this name under the newest
				key, bounds = appendKeyBounds(key[:0], bounds[:0], u.ShortName)
				pending = append(pending, later{id: int32(len(c.units)), key: string(key), bounds: append([]int(nil), bounds...)})
				continue
			}
			ui = unitInfo{u: u}
		default:
			continue // older history
		}
		id := int32(len(c.units))
		for len(pending) > 0 && pending[len(pending)-1].id == id {
			p := pending[len(pending)-1]
			pending = pending[:len(pending)-1]
			c.add(p.key, p.bounds, entry{u: id})
		}
		pending = pending[:0]
		ui.typ = typeID(u.Type)
		ui.level, ui.code, ui.parent, ui.prov = u.Level, num(u.Code), num(u.Parent), num(u.Province)
		key, bounds = appendKeyBounds(key[:0], bounds[:0], u.ShortName)
		ui.short = string(key)
		c.markInName(ui.short, bounds)
		ui.numeric = ui.short != "" && ui.short[0] >= '0' && ui.short[0] <= '9'
		c.units = append(c.units, ui)
		c.add(ui.short, bounds, entry{u: id})
		switch u.Level {
		case dvhc.LevelProvince:
			c.provOf[provKey{ui.old, u.Code}] = id
			c.provs = append(c.provs, id)
		case dvhc.LevelDistrict:
			oldDist[u.Code] = id
			c.dists = append(c.dists, id)
		case dvhc.LevelCommune:
			if ui.old {
				oldComm[u.Code] = id
			}
		}
	}
	// old province → new province, through the lineage
	for _, id := range c.provs {
		ui := &c.units[id]
		if !ui.old {
			continue
		}
		links, err := c.r.Successors(ui.u, dvhc.ReformDay)
		if err == nil && len(links) > 0 {
			c.newByOld[ui.u.Code] = links[0].Unit.Province
		}
	}
	for _, id := range c.provs {
		ui := &c.units[id]
		if !ui.old {
			continue
		}
		if np, ok := c.provOf[provKey{false, c.newByOld[ui.u.Code]}]; ok && c.units[np].short != ui.short && ui.code < 128 {
			c.renamed[ui.code] = true
		}
	}
	for id := range c.units {
		ui := &c.units[id]
		if ui.old {
			ui.newProv = num(c.newByOld[ui.u.Province])
		} else {
			ui.newProv = ui.prov
		}
	}
	// former names
	for _, a := range c.r.FormerNames() {
		var id int32
		var ok bool
		switch a.Level {
		case dvhc.LevelCommune:
			id, ok = oldComm[a.Code]
		case dvhc.LevelDistrict:
			id, ok = oldDist[a.Code]
		}
		if !ok {
			continue
		}
		k := normKey(a.Key)
		if k == "" || k == c.units[id].short {
			continue
		}
		c.add(k, nil, entry{u: id, kind: kindAlias})
	}
	// nicknames
	for _, n := range nicknames {
		for _, old := range []bool{true, false} {
			id, ok := c.provOf[provKey{old, n.code}]
			if !ok {
				continue
			}
			for _, k := range n.keys {
				key, bounds = appendKeyBounds(key[:0], bounds[:0], k)
				c.add(string(key), bounds, entry{u: id, kind: kindNick})
			}
		}
	}
	for _, n := range districtNicknames {
		if id, ok := oldDist[n.code]; ok {
			for _, k := range n.keys {
				key, bounds = appendKeyBounds(key[:0], bounds[:0], k)
				c.add(string(key), bounds, entry{u: id, kind: kindNick})
			}
		}
	}
	if c.maxK < 6 {
		c.maxK = 6 // former names are keyed without spaces
	}
	// compact the index: small values, entries in one array
	n := 0
	for _, sl := range c.slots {
		n += len(sl.e)
	}
	entries := make([]entry, 0, n)
	cslots := make([]cslot, len(c.slots))
	for i, sl := range c.slots {
		for i := range sl.e {
			sl.e[i].sk = sortKey(&c.units[sl.e[i].u])
		}
		if len(sl.e) > 1 {
			slices.SortFunc(sl.e, func(a, b entry) int { return cmp.Compare(a.sk, b.sk) })
		}
		cslots[i] = cslot{off: uint32(len(entries)), n: uint16(len(sl.e)), ext: sl.ext}
		entries = append(entries, sl.e...)
	}
	c.names = newNameTab(c.keys, cslots, entries)
	c.slots, c.keys = nil, nil
}

// pairWords lists, for each first word of type2 and street2, the words
// that may follow it (wordInfo.pairLo, pairHi).
func (c *Converter) pairWords() {
	var keys []string
	for k := range c.type2 {
		keys = append(keys, k)
	}
	for k := range c.street2 {
		if _, ok := c.type2[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for i := 0; i < len(keys); {
		first, _, _ := strings.Cut(keys[i], " ")
		info := c.word(first)
		info.pairLo = uint8(len(c.pairs))
		for ; i < len(keys) && strings.HasPrefix(keys[i], first+" "); i++ {
			_, second, _ := strings.Cut(keys[i], " ")
			c.pairs = append(c.pairs, wordPair{second: second, t2: c.type2[keys[i]], street: c.street2[keys[i]]})
		}
		info.pairHi = uint8(len(c.pairs))
	}
}

// word returns the information of word w, added if need be.
func (c *Converter) word(w string) *wordInfo {
	id, added := c.wordTab.add(w)
	if added {
		c.wordInfo = append(c.wordInfo, wordInfo{})
		c.maxWord = max(c.maxWord, len(w))
	}
	return &c.wordInfo[id]
}

// bitset is a one-hash Bloom filter of 64-bit hashes: has is false for
// every hash never added and true for most that were, with about 8 bits
// per hash (false positives ~12%), small enough to stay in cache where
// the map it guards does not.
type bitset struct {
	words []uint64
	shift uint8
}

func newBitset(n int) bitset {
	lg := uint8(6)
	for 1<<lg < 8*n {
		lg++
	}
	return bitset{words: make([]uint64, 1<<(lg-6)), shift: 64 - lg}
}

func (b *bitset) bit(h uint64) uint64 { return (h * 0x9e3779b97f4a7c15) >> b.shift }

func (b *bitset) add(h uint64) {
	i := b.bit(h)
	b.words[i>>6] |= 1 << (i & 63)
}

func (b *bitset) has(h uint64) bool {
	i := b.bit(h)
	return b.words[i>>6]&(1<<(i&63)) != 0
}

// markInName notes the type words that also end a name (Sơn Tịnh, Văn
// Quan, Đan Phượng): a name after them may also be read without them.
func (c *Converter) markInName(key string, bounds []int) {
	n := len(bounds)
	if n == 0 {
		return
	}
	if id, ok := c.type1[key[bounds[n-1]:]]; ok {
		c.tw[id].inName = true
	}
	if n >= 2 && c.first2[key[bounds[n-2]:bounds[n-1]]] {
		pair := key[bounds[n-2]:bounds[n-1]] + " " + key[bounds[n-1]:]
		if id, ok := c.type2[pair]; ok {
			c.tw[id].inName = true
		}
	}
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

// add indexes unit e under key, whose tokens start at the offsets
// bounds; with bounds nil (former names, keyed without spaces) every
// suffix of the key may be a token.
func (c *Converter) add(key string, bounds []int, e entry) {
	if key == "" {
		return
	}
	sl := c.slot(key)
	for _, x := range sl.e {
		if x.u == e.u {
			return
		}
	}
	sl.e = append(sl.e, e)
	ntok := len(bounds)
	if bounds == nil {
		ntok = 1
		for i := 1; i < len(key); i++ {
			c.extend(key[i:])
		}
	} else {
		for _, b := range bounds[1:] {
			c.extend(key[b:])
		}
	}
	if ntok > c.maxK {
		c.maxK = ntok
	}
	if len(key) > c.maxKey {
		c.maxKey = len(key)
	}
}

// extend marks key as the end of a longer key.
func (c *Converter) extend(key string) {
	c.slot(key).ext = true
}

// slot returns the slot of key, created if need be.
func (c *Converter) slot(key string) *slot {
	id, added := c.keys.add(key)
	if added {
		c.slots = append(c.slots, slot{})
	}
	return &c.slots[id]
}
