package address

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/fold"
)

// scratch holds the reusable buffers of one parse.
type scratch struct {
	toks  []token
	buf   []byte
	memo  []hitsMemo // hitsAt's, by token
	hits  []group
	pOpts []part
	dOpts []part
	cOpts []part
	ties  []combo
	saved []combo
	near  []combo // readings with a commune within margin of the best
	alt   []combo // those of near within nearMargin
	nsave []combo
	// margin is how far below the best a reading may score and still be
	// kept in near: nearMargin, or pointMargin when a point may choose
	margin  float32
	tmemo   []memo
	thits   []hit
	tseen   []uint32 // typoHitsAt's names met (their records)
	dels    []uint64 // typoHitsAt's deletion hashes
	gen     uint32   // parse generation, for tmemo
	comms   []int32
	notes   []string // the notes of Convert
	rev     []byte   // parseReversed's text being built
	ftoks   []token  // parseReversed's copy of the forward tokens
	fbuf    []byte   // and of their folded text
	pe      int32    // provinceEnd of the parse of generation peGen (0: none yet; gen starts at 1)
	peGen   uint32
	noteBuf []byte // the room of note
	// buffers of marksAgree
	mb             fold.MarkBuf
	marksA, marksB []rune
	// bareNum lets addParts read a bare number as a numbered commune
	// (set while listing communes below a district)
	bareNum bool
	// exact makes parse skip its second pass (typos, components left
	// aside): set while trying a reading that must not guess
	exact bool
	// lazy lets parse defer its second pass when no reading can place a
	// commune within a district or province (parseBoth; see deferrable)
	lazy bool
}

type hit struct {
	k int32
	e entry
}

// group is the index slot of the name of k tokens ending at a position.
type group struct {
	k int32
	e []entry // sorted by sort key
}

type memo struct {
	done   bool
	gen    uint32
	lo, hi int32
}

// hitsMemo holds the hits of a token once looked up (a part of
// scratch.hits, or of an earlier array of it: appends leave it as it was).
type hitsMemo struct {
	g    []group
	done bool
}

// part is one matched unit: its name and the type word before it.
type part struct {
	u         int32 // index into Converter.units; -1: none
	start     int32 // first token consumed (the type word, if any)
	nameStart int32
	end       int32 // token after the name
	typed     bool
	kind      uint8
	typo      bool
	weak      bool // untyped and glued to the words before it
	skip      bool // an unrecognised component lies between it and the part after it
	old       bool // the unit is in force on 2025-06-30 (unitInfo.old, for comboBonus)
	score     float32
}

var none = part{u: -1}

type combo struct {
	p, d, c part
	score   float32
}

// weak reports whether the reading is poor enough to try typos: fewer
// than two units, or a commune or district glued to the words before it
// (a province glued to the rest, at the end, is the usual way to write
// without separators).
func (cb *combo) weak() bool {
	return b2i(cb.p.u >= 0)+b2i(cb.d.u >= 0)+b2i(cb.c.u >= 0) < 2 || cb.c.weak || cb.d.weak
}

func (cb *combo) first(n int32) int32 {
	switch {
	case cb.c.u >= 0:
		return cb.c.start
	case cb.d.u >= 0:
		return cb.d.start
	case cb.p.u >= 0:
		return cb.p.start
	}
	return n
}

// parseOut is the result of the internal parse.
type parseOut struct {
	invalid   bool // not valid UTF-8
	ok        bool // at least one unit matched
	best      combo
	streetEnd int // byte offset where the units start
	nTok      int
	// deferred: parse stopped before its second pass (lazy, deferrable);
	// best is not the answer, only known not to be readable
	deferred bool
}

func (c *Converter) getScratch() *scratch { return c.scratch.Get().(*scratch) }

func (c *Converter) putScratch(s *scratch) {
	if cap(s.toks) > 1024 || cap(s.buf) > 1<<14 || cap(s.rev) > 1<<14 || cap(s.ftoks) > 1024 || cap(s.fbuf) > 1<<14 || cap(s.noteBuf) > 1<<14 {
		return
	}
	c.scratch.Put(s)
}

// note returns the concatenation of parts, written after the notes
// before it in s.noteBuf, which read empties: a view, not an allocation,
// valid until the next read on s. Convert's notes are copied into its
// result (seal) before that; a growth of the room leaves the views
// already made in the old one, untouched.
func (s *scratch) note(parts ...string) string {
	k := len(s.noteBuf)
	for _, x := range parts {
		s.noteBuf = append(s.noteBuf, x...)
	}
	return unsafeString(s.noteBuf[k:])
}

// parse tokenizes text into s and finds the best interpretation.
func (c *Converter) parse(text string, s *scratch) parseOut {
	var valid bool
	s.toks, s.buf, valid = tokenizeValid(text, s.toks[:0], s.buf[:0])
	if !valid {
		return parseOut{invalid: true}
	}
	return c.parseTokens(text, s)
}

// parseTokens is parse after the tokenizer: it reads the tokens of text
// in s.toks and their folded text in s.buf (parseReversed builds them
// from the forward tokens).
func (c *Converter) parseTokens(text string, s *scratch) parseOut {
	c.classify(s)
	n := int32(len(s.toks))
	// drop the country and postal codes from the end
	for n > 0 {
		t := s.toks[n-1]
		w := s.buf[t.fs:t.fe]
		if countryWord(w) || (t.num && t.end-t.start >= 5) {
			n--
			continue
		}
		if n >= 2 && string(w) == "nam" && string(s.buf[s.toks[n-2].fs:s.toks[n-2].fe]) == "viet" {
			n -= 2
			continue
		}
		break
	}
	out := parseOut{nTok: int(n)}
	if n == 0 {
		return out
	}
	if cap(s.memo) < int(n)+1 {
		s.memo = make([]hitsMemo, n+1)
	}
	s.memo = s.memo[:n+1]
	clear(s.memo)
	s.hits = s.hits[:0]
	s.thits = s.thits[:0]
	s.gen++
	best, ok := c.search(s, n, false, false, noFloor)
	if weak := !ok || best.c.u < 0 || best.weak(); !s.exact && (weak || c.unexplained(s, best.first(n))) {
		// (a first reading that ends in a province is the usual order,
		// a typo elsewhere: not worth the try)
		if s.lazy && (!ok || best.p.u < 0) && c.deferrable(s, n) {
			out.deferred = true
			return out
		}
		s.saved = append(s.saved[:0], s.ties...)
		s.nsave = append(s.nsave[:0], s.near...)
		// the second pass counts only if it beats the first: it may skip
		// whatever cannot come near the first's score
		floor := float32(noFloor)
		if ok {
			floor = best.score
		}
		if b2, ok2 := c.search(s, n, true, weak, floor); ok2 && (!ok || b2.score > best.score) {
			best, ok = b2, true
		} else {
			s.ties = append(s.ties[:0], s.saved...)
			s.near = append(s.near[:0], s.nsave...)
		}
	}
	if !ok {
		return out
	}
	if len(s.ties) > 1 {
		best = c.breakTies(text, s)
	}
	out.ok = true
	out.best = best
	f := best.first(n)
	if f < int32(len(s.toks)) {
		out.streetEnd = int(s.toks[f].start)
	} else {
		out.streetEnd = len(text)
	}
	return out
}

// deferrable reports, after the first (exact) pass of a parse that would
// run the second one, whether that second pass is provably of no use to
// parseBoth: the text starts with a province (provinceEnd), so that
// parseBoth may read it reversed, and no reading of either pass can be
// readable (a commune within a district or province), so that parseBoth
// will read it reversed with lost set, whatever the second pass returns.
//
// The argument: mayReadable lists the parts as search does in its second
// pass (optionsAt, with typos, and skipping a component wherever a part
// may: skip is only a superset of the second pass's weak), without
// pruning (which only removes readings) and without scores, and looks for
// a reading with a commune and a province or district that search would
// score (one typo and one skipped component at most). The first pass's
// readings are among them (no typo, no skip). When there is none, no
// reading of either pass, nor any tie breakTies may pick, is readable:
// parseBoth then calls parseReversed with lost set, which reads only
// s.toks and the name slots (the same after either pass), and needs the
// forward reading only when the reversed one fails: it then parses again
// in full. The names looked up here are memoised for the parse: when this
// returns false, the second pass finds them ready.
func (c *Converter) deferrable(s *scratch, n int32) bool {
	// provinceEnd first: it looks up the first names only (which
	// parseReversed needs anyway), where mayReadable lists every part
	// with typos; most texts that get here and do not start with a
	// province have a typo, and a readable reading (measured: a third of
	// the typo style's texts spared mayReadable; 1 % of their
	// instructions)
	return c.provinceEnd(s) > 0 && !c.mayReadable(s, n)
}

// mayReadable reports whether search, with typos and skipped components,
// could list a readable reading of the first n tokens (see deferrable).
// It uses the option buffers of search.
func (c *Converter) mayReadable(s *scratch, n int32) bool {
	s.pOpts = c.optionsAt(s, s.pOpts[:0], n, dvhc.LevelProvince, &none, &none, true, true)
	s.pOpts = append(s.pOpts, none)
	for pi := range s.pOpts {
		p := &s.pOpts[pi]
		e1 := n
		if p.u >= 0 {
			e1 = p.start
		}
		s.dOpts = c.optionsAt(s, s.dOpts[:0], e1, dvhc.LevelDistrict, p, &none, true, true)
		if p.u >= 0 {
			s.dOpts = append(s.dOpts, none) // without a province, a reading needs a district
		}
		for di := range s.dOpts {
			d := &s.dOpts[di]
			e2 := e1
			if d.u >= 0 {
				e2 = d.start
			}
			s.cOpts = c.optionsAt(s, s.cOpts[:0], e2, dvhc.LevelCommune, p, d, true, true)
			for ci := range s.cOpts {
				cp := &s.cOpts[ci]
				if b2i(p.typo)+b2i(d.typo)+b2i(cp.typo) <= 1 && b2i(p.skip)+b2i(d.skip)+b2i(cp.skip) <= 1 {
					return true
				}
			}
		}
	}
	return false
}

// nearMargin is how close in score a reading that leads elsewhere must be
// to the best one for the answer to be ambiguous.
const nearMargin = 1.0

// pointMargin is how far below the best reading a reading may score and
// still be chosen by a point that lies in the commune it leads to.
const pointMargin = 8.0

// skipPenalty is the cost of an unrecognised component between units.
const skipPenalty = 3

// segStart returns the first token of the component (the tokens after the
// last separator of components) that ends before token j, or -1 when
// there is none, it is the first component, or it is long.
func (c *Converter) segStart(s *scratch, j int32) int32 {
	if j <= 0 || j < int32(len(s.toks)) && !s.toks[j].comma {
		return -1
	}
	for i := j - 1; i > 0 && i >= j-3; i-- {
		if s.toks[i].comma {
			return i
		}
	}
	return -1
}

// unexplained reports whether the component right before token f (the
// first unit read) is a name the exact reading did not recognise (a typo,
// an informal name): it starts with a type word, or it has no number and
// does not start with a street word.
func (c *Converter) unexplained(s *scratch, f int32) bool {
	if f <= 0 || f >= int32(len(s.toks)) || !s.toks[f].comma {
		return false
	}
	i := f - 1
	for i > 0 && !s.toks[i].comma {
		i--
	}
	if f-i > 5 {
		return false
	}
	if s.toks[i].t1 != 0 || s.toks[i].t2 != 0 {
		return true // a type word and a name the exact reading did not know
	}
	for k := i; k < f; k++ {
		if s.toks[k].num {
			return false // a house or hamlet number: a street
		}
	}
	if s.toks[i].street {
		// a street word and a name (Thôn Đông), or a misspelt name that
		// folds to a street word (Bàn Giản: bản): worth a second look only
		// when the whole component is one letter off a name
		for _, h := range c.typoHitsAt(s, f) {
			if h.k == f-i {
				return true
			}
		}
		return false
	}
	return true
}

// optionsAt lists the parts of level l ending at token j (with one typo
// when typo is set) and, with skip, those ending before an unrecognised
// component that ends at j (one such component per reading).
func (c *Converter) optionsAt(s *scratch, dst []part, j int32, l dvhc.Level, p, d *part, typo, skip bool) []part {
	dst = c.options(s, dst, j, l, p, d, typo)
	if skip && !p.skip && !d.skip {
		if i := c.segStart(s, j); i > 0 {
			n0 := len(dst)
			dst = c.options(s, dst, i, l, p, d, false)
			for k := n0; k < len(dst); k++ {
				dst[k].score -= skipPenalty
				dst[k].skip = true
			}
		}
	}
	return dst
}

// noFloor is the floor of a search that has none.
const noFloor = -math.MaxFloat32

// search enumerates province, district and commune parts from the end and
// returns the best combination; s.ties gets every combination as good,
// s.near those with a commune nearly as good. It need not look at the
// readings that cannot score above floor - s.margin: a caller that keeps
// the best only if it scores above floor then gets the same best, ties
// and near readings.
func (c *Converter) search(s *scratch, n int32, typo, skip bool, floor float32) (combo, bool) {
	s.ties = s.ties[:0]
	s.near = s.near[:0]
	var best combo
	found := false
	// bar is what a reading must come within s.margin of to count: the
	// best score so far, or floor if higher
	bar := floor
	if skip {
		s.pOpts = c.optionsAt(s, s.pOpts[:0], n, dvhc.LevelProvince, &none, &none, typo, skip)
	} else { // (optionsAt without a skip: options, one call less)
		s.pOpts = s.pOpts[:0]
		c.optionsTo(s, &s.pOpts, n, dvhc.LevelProvince, &none, &none, typo)
	}
	s.pOpts = append(s.pOpts, none)
	// the loops read the option lists through locals (none of them
	// changes while a loop below runs over it), and what depends only on
	// the outer parts is worked out once per outer part
	ps := s.pOpts
	for pi := range ps {
		p := &ps[pi]
		e1 := n
		if p.u >= 0 {
			e1 = p.start
		}
		// the bound of a commune right before p: also that of the
		// reading without a district
		cb1 := c.communeBound(s, e1, p, &none, skip)
		if p.score+cb1+13.5+float32(c.maxK) < bar-s.margin-0.01 {
			// no district here, whatever commune follows it, can reach
			// the best reading's margin (a district part is bounded as a
			// commune part, and so is the commune after it, by its
			// longest name); nor any commune right before p: the
			// reading of p alone is left if it may count (see below)
			if p.u < 0 || found && p.score <= best.score-1e-4 {
				continue
			}
			s.dOpts = append(s.dOpts[:0], none)
		} else {
			if skip {
				s.dOpts = c.optionsAt(s, s.dOpts[:0], e1, dvhc.LevelDistrict, p, &none, typo, skip)
			} else {
				s.dOpts = s.dOpts[:0]
				c.optionsTo(s, &s.dOpts, e1, dvhc.LevelDistrict, p, &none, typo)
			}
			s.dOpts = append(s.dOpts, none)
		}
		ds := s.dOpts
		for di := range ds {
			d := &ds[di]
			e2, cb2 := e1, cb1
			if d.u >= 0 {
				e2 = d.start
				cb2 = c.communeBound(s, e2, p, d, skip)
			}
			pd := p.score + d.score // the first sum of every score below
			noPD := p.u < 0 && d.u < 0
			if pd+cb2 < bar-s.margin-0.01 {
				// no commune here can reach the best reading's margin:
				// only the reading without one counts, if it may (see
				// below)
				if noPD || found && pd <= best.score-1e-4 {
					continue
				}
				s.cOpts = append(s.cOpts[:0], none)
			} else {
				if skip {
					s.cOpts = c.optionsAt(s, s.cOpts[:0], e2, dvhc.LevelCommune, p, d, typo, skip)
				} else {
					s.cOpts = s.cOpts[:0]
					c.optionsTo(s, &s.cOpts, e2, dvhc.LevelCommune, p, d, typo)
				}
				s.cOpts = append(s.cOpts, none)
			}
			typos, skips := b2i(p.typo)+b2i(d.typo), b2i(p.skip)+b2i(d.skip)
			cs := s.cOpts
			for ci := range cs {
				cp := &cs[ci]
				// readings that cannot count are left before comboBonus:
				// without a commune, it adds nothing above 0 and a reading
				// no better than the best is not kept (near needs a
				// commune); with one, it adds at most 0.5
				if cp.u < 0 {
					if noPD || found && pd <= best.score-1e-4 {
						continue
					}
				} else if found && pd+cp.score+0.6 < best.score-s.margin {
					continue
				}
				if typos+b2i(cp.typo) > 1 || skips+b2i(cp.skip) > 1 {
					continue
				}
				sc := pd + cp.score + c.comboBonus(s, p, d, cp)
				// (each reading kept is built once, then copied)
				switch {
				case !found || sc > best.score+1e-4:
					best, found = combo{p: *p, d: *d, c: *cp, score: sc}, true
					s.ties = append(s.ties[:0], best)
					bar = max(bar, sc)
					if cp.u >= 0 { // near as the best (margin >= 1)
						s.near = append(s.near, best)
					}
				case sc > best.score-1e-4:
					cb := combo{p: *p, d: *d, c: *cp, score: sc}
					s.ties = append(s.ties, cb)
					if cp.u >= 0 { // near as a tie
						s.near = append(s.near, cb)
					}
				case cp.u >= 0 && sc > best.score-s.margin:
					s.near = append(s.near, combo{p: *p, d: *d, c: *cp, score: sc})
				}
			}
		}
	}
	// keep the near readings of the final best score only
	k := 0
	for i := range s.near { // by index: a combo is large
		if sc := s.near[i].score; sc > best.score-s.margin && sc < best.score-1e-4 {
			if k != i {
				s.near[k] = s.near[i]
			}
			k++
		}
	}
	s.near = s.near[:k]
	return best, found
}

// communeBound is an upper bound of what a commune part ending at token
// j (or, with skip, before the component ending there) adds to the score
// of a reading with p and d: the part's score (addParts: at most 10 +
// its tokens + 3 for a type word that fits; a typo, at most 4 tokens,
// costs 4, a skipped component 3) and comboBonus's (at most 0.3 + 0.2).
func (c *Converter) communeBound(s *scratch, j int32, p, d *part, skip bool) float32 {
	// the longest name ending at a token is the last of its groups
	// (findHits lists them by growing length, as findHitsPlain, its
	// fuzzed reference, does): no loop over them
	k := int32(0)
	if j > 0 {
		if gs := c.hitsAt(s, j); len(gs) > 0 {
			k = gs[len(gs)-1].k
		}
	}
	if skip && !p.skip && !d.skip {
		if i := c.segStart(s, j); i > 0 {
			if gs := c.hitsAt(s, i); len(gs) > 0 {
				k = max(k, gs[len(gs)-1].k-3)
			}
		}
	}
	return 13.5 + float32(k)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// comboBonus scores what depends on the parts together: vintages and
// what is left before the first part. It adds its terms in a fixed order
// (float32 sums), reading the parts' old rather than their units. search
// relies on its bounds (keep them with any new term): at most 0 without
// a commune, at most 0.5 with one.
func (c *Converter) comboBonus(s *scratch, p, d, cp *part) float32 {
	var b float32
	f := p.start
	if cp.u >= 0 {
		f = cp.start
		if !cp.old && d.u < 0 {
			b += 0.3 // no district: the text is valid as written today
		}
		if p.u >= 0 {
			switch {
			case !cp.old && p.old:
				b -= 1
			case cp.old && !p.old && c.renamed[c.units[cp.u].prov&0x7f]:
				b -= 1 // a former commune of another province under today's (Nghĩa Lộ of Yên Bái, "Lào Cai")
			case cp.old == p.old:
				b += 0.2 // one vintage throughout
			}
		}
	} else if d.u >= 0 {
		f = d.start
	}
	if d.u >= 0 && p.u >= 0 && !p.old {
		b -= 0.2 // old district in a new province: fine, but less usual
	}
	if cp.u >= 0 && p.u < 0 && d.u < 0 && !cp.typed {
		b -= 2 // a lone untyped name is too little for a commune (Convert says so): a province or district of that name reads better
	}
	// a type word dangles before the first part (search skips the
	// reading without parts)
	if toks := s.toks; f > 0 && c.tw[toks[f-1].t1].long || f > 1 && toks[f-2].t2 != 0 {
		b -= 5
	}
	return b
}

// hitsAt returns the index slots of the names ending at token j.
func (c *Converter) hitsAt(s *scratch, j int32) []group {
	if m := &s.memo[j]; m.done { // small enough to be inlined: most calls end here
		return m.g
	}
	return c.findHits(s, j)
}

// findHits looks the names ending at token j up for hitsAt.
func (c *Converter) findHits(s *scratch, j int32) []group {
	lo := len(s.hits)
	// the key of tokens [j-k, j) is their folded text, which lies in one
	// piece in s.buf (the tokenizer writes it token after token); its
	// hash is extended by one token to the left for each k: h is the hash
	// of the key, pw hashP to the power of its length (keyHash)
	h, pw := uint64(0), uint64(1)
	for k := int32(1); k <= int32(c.maxK) && j-k >= 0; k++ {
		t := &s.toks[j-k]
		key := s.buf[t.fs:s.toks[j-1].fe]
		if len(key) > c.maxKey {
			break // longer than every indexed key (at most 255 bytes)
		}
		h += t.h * pw
		pw *= powP[uint8(t.fe-t.fs)]
		var sl *nameSlot
		if len(key) <= 8 {
			// nameTab.find for a short key written inline (most keys
			// are; a call costs more than the probe)
			w8, slots := word8(key), c.names.slots
			mask := uint64(len(slots) - 1)
			for p := (h * 0x9e3779b97f4a7c15) >> c.names.shift; ; p = (p + 1) & mask {
				if x := &slots[p]; x.key == w8 && int(x.klen) == len(key) {
					sl = x
					break
				} else if x.klen == 0 {
					break
				}
			}
		} else {
			sl = c.names.find(h, key)
		}
		if sl == nil {
			break
		}
		if sl.n > 0 {
			s.hits = append(s.hits, group{k: k, e: c.names.entriesOf(sl)})
		}
		if !sl.ext {
			break
		}
	}
	g := s.hits[lo:len(s.hits):len(s.hits)]
	s.memo[j] = hitsMemo{g: g, done: true}
	return g
}

// options appends the parts of level l whose name ends at token j and
// that fit the parts p and d already chosen.
func (c *Converter) options(s *scratch, dst []part, j int32, l dvhc.Level, p, d *part, typo bool) []part {
	c.optionsTo(s, &dst, j, l, p, d, typo)
	return dst
}

// optionsTo is options appending to *dst (search passes its lists in
// scratch: one word, no slice to return; see addParts).
func (c *Converter) optionsTo(s *scratch, dst *[]part, j int32, l dvhc.Level, p, d *part, typo bool) {
	if j <= 0 {
		return
	}
	s.bareNum = l == dvhc.LevelCommune && d.u >= 0
	gs := c.hitsAt(s, j)
	if len(gs) == 0 { // (no name ends at j, often a type word: keyRange's call spared)
		if typo && !p.typo && !d.typo {
			*dst = c.typoOptions(s, *dst, j, l, p, d)
		}
		return
	}
	lo, hi := c.keyRange(l, p, d)
	for _, g := range gs {
		es := g.e
		if len(es) > 8 && es[0].sk < lo { // (provinces, first in every list, need no search)
			// the first entry with a key >= lo (slices.BinarySearchFunc's
			// index, without its calls of a comparison function)
			i, h := 0, len(es)
			for i < h {
				m := int(uint(i+h) >> 1)
				if es[m].sk < lo {
					i = m + 1
				} else {
					h = m
				}
			}
			es = es[i:]
		}
		for _, e := range es {
			if e.sk < lo {
				continue
			}
			if e.sk >= hi {
				break
			}
			if !c.fit(&c.units[e.u], p, d) {
				continue
			}
			c.addParts(s, dst, e.u, j-g.k, j, e.kind, false)
		}
	}
	if typo && !p.typo && !d.typo { // one typo per reading
		*dst = c.typoOptions(s, *dst, j, l, p, d)
	}
}

// Sort keys order index entries so that the units that may sit below a
// province or a district are contiguous: level, new province, vintage,
// province, parent.
func sortKey(ui *unitInfo) uint64 {
	old := uint64(0)
	if ui.old {
		old = 1
	}
	par := uint64(0)
	if ui.parent >= 0 {
		par = uint64(ui.parent)
	}
	return uint64(ui.level)<<40 | uint64(ui.newProv&0xff)<<32 | old<<31 | uint64(ui.prov&0xff)<<16 | par&0xffff
}

// keyRange returns the range of sort keys of the units of level l that
// may fit p and d (fit has the last word).
func (c *Converter) keyRange(l dvhc.Level, p, d *part) (lo, hi uint64) {
	lv := uint64(l) << 40
	switch {
	case l == dvhc.LevelCommune && d.u >= 0:
		du := &c.units[d.u]
		k := lv | uint64(du.newProv&0xff)<<32 | 1<<31 | uint64(du.prov&0xff)<<16 | uint64(du.code)&0xffff
		return k, k + 1
	case l != dvhc.LevelProvince && p.u >= 0:
		pu := &c.units[p.u]
		k := lv | uint64(pu.newProv&0xff)<<32
		return k, k + 1<<32
	}
	return lv, lv + 1<<40
}

// fit checks that unit ui can sit below the chosen parts.
func (c *Converter) fit(ui *unitInfo, p, d *part) bool {
	switch ui.level {
	case dvhc.LevelDistrict:
		if p.u >= 0 {
			pu := &c.units[p.u]
			if pu.old {
				return ui.prov == pu.code
			}
			return ui.newProv == pu.code
		}
	case dvhc.LevelCommune:
		if d.u >= 0 {
			return ui.old && ui.parent == c.units[d.u].code
		}
		if p.u >= 0 {
			pu := &c.units[p.u]
			switch {
			case ui.old == pu.old:
				return ui.prov == pu.code
			case ui.old:
				return ui.newProv == pu.code
			default:
				return pu.newProv == ui.prov
			}
		}
	}
	return true
}

// addParts appends to *dst the parts of unit id named by tokens [ns, j): with
// the type word before it when there is one that fits the level, and
// without it (the word may belong to the name before). A name cannot be a
// unit here when it is a number without a type word, or follows a house
// number or a street word without a type word.
//
// It appends through a pointer rather than returning the slice: options's
// loop then keeps its list in memory, not in three registers, and passes
// one word for it (the loop is short of registers: options 1,019 -> 878
// instructions a batch row).
func (c *Converter) addParts(s *scratch, dst *[]part, id int32, ns, j int32, kind uint8, typo bool) {
	ui := &c.units[id]
	pt := part{u: id, start: ns, nameStart: ns, end: j, kind: kind, typo: typo, old: ui.old}
	bit := levelBit(ui.level)
	var sc float32 = 10 + float32(j-ns)
	switch kind {
	case kindAlias:
		sc -= 1.5
	}
	if typo {
		sc -= 4
	}
	tw, tn := c.typeBefore(s, ns)
	if tn > 0 && tw.levels&bit != 0 {
		t := pt
		t.typed = true
		t.start = ns - tn
		t.score = sc + 2
		if tw.typ == ui.typ || tw.typ == 0 {
			t.score++
		}
		*dst = append(*dst, t)
	}
	// untyped
	if ui.numeric {
		// a bare number is a numbered commune only as a whole component
		// before its district: "12, Gò Vấp"
		if !s.bareNum || j-ns != 1 || !s.toks[ns].comma || int(j) >= len(s.toks) || !s.toks[j].comma || typo {
			return
		}
		pt.score = sc - 2
		*dst = append(*dst, pt)
		return
	}
	if kind == kindAlias {
		// a former name that is a number or a short word (7, I, VII)
		// needs its type word
		n := int32(0)
		for i := ns; i < j; i++ {
			n += s.toks[i].fe - s.toks[i].fs
		}
		if n <= 3 || s.toks[ns].num {
			return
		}
	}
	if tn > 0 && !tw.inName && tw.levels&bit != 0 {
		return // the type word cannot end a name: it is this one's
	}
	if ui.level != dvhc.LevelProvince && ns > 0 {
		prev := &s.toks[ns-1]
		// a number ends a numbered unit (P12, Gò Vấp) or is a house number
		// (12 Nguyễn Trãi)
		numbered := prev.num && ns >= 2 && c.tw[s.toks[ns-2].t1].levels&(bitC|bitD) != 0
		// a name starting a component of its own is not the street's
		// (Thôn 3, Cự Khê, …)
		if prev.street && !numbered && !s.toks[ns].comma {
			return
		}
		if !s.toks[ns].comma && c.inStreet(s, ns) {
			return
		}
	}
	if ns > 0 && !s.toks[ns].sepBefore {
		if typo {
			return
		}
		sc -= 4 // the tail of a longer phrase
		pt.weak = true
	}
	pt.score = sc
	*dst = append(*dst, pt)
}

// inStreet reports whether the name starting at token ns, glued to the
// words before it, belongs to a street: its component starts with a
// number or a street word ("Số 289 Nguyễn Thái Học") and has no type word
// before the name.
func (c *Converter) inStreet(s *scratch, ns int32) bool {
	for i := ns - 1; i >= 0; i-- {
		t := &s.toks[i]
		if t.t1 != 0 || t.t2 != 0 {
			return false
		}
		if t.comma {
			return t.street
		}
	}
	return false
}

// typeBefore finds a type word ending just before token ns; it returns
// the word and its length in tokens (0: none).
func (c *Converter) typeBefore(s *scratch, ns int32) (typeWord, int32) {
	if ns < int32(len(s.toks)) && s.toks[ns].comma {
		return typeWord{}, 0 // a type word ends its component: "Đoàn X, Kiến Thụy"
	}
	if ns >= 2 && s.toks[ns-2].t2 != 0 {
		return c.tw[s.toks[ns-2].t2], 2
	}
	if ns >= 1 && s.toks[ns-1].t1 != 0 {
		return c.tw[s.toks[ns-1].t1], 1
	}
	return typeWord{}, 0
}

// classify marks the type words and street words among the tokens
// (classifyPlain, in the tests, does it with the maps of the words).
func (c *Converter) classify(s *scratch) {
	// in locals: the compiler then need not read them again after each
	// store into a token
	toks, buf := s.toks, s.buf
	words, shift, maxWord := c.wordIdx.slots, c.wordIdx.shift, c.maxWord
	mask := uint64(len(words) - 1)
	for i := range toks {
		t := &toks[i]
		if t.num {
			t.street = true
			continue
		}
		n := int(t.fe - t.fs)
		if n > maxWord {
			continue
		}
		// the word's slot in wordIndex, probed here rather than by a call
		// for every word: most are no type or street word and stop at the
		// first, empty slot, before the word's bytes are read
		var info *wordInfo
		for p := (t.h * 0x9e3779b97f4a7c15) >> shift; ; p = (p + 1) & mask {
			sl := &words[p]
			if sl.klen == 0 {
				break
			}
			if int(sl.klen) == n && sl.key == word8(buf[t.fs:t.fe]) {
				info = &sl.info
				break
			}
		}
		if info == nil {
			continue
		}
		t.t1 = info.t1
		t.street = t.street || info.street
		if i+1 < len(toks) && info.first2 {
			// the two words together: the few pairs of this first word
			// compared with the next one
			nt := &toks[i+1]
			next := unsafeString(buf[nt.fs:nt.fe])
			for _, p := range c.pairs[info.pairLo:info.pairHi] {
				if p.second == next {
					t.t2 = p.t2
					if p.street {
						nt.street = true
					}
					break
				}
			}
		}
	}
}

// typoOptions appends parts whose name is one edit away from the tokens
// ending at j (names of five letters or more only) and that fit p and d.
func (c *Converter) typoOptions(s *scratch, dst []part, j int32, l dvhc.Level, p, d *part) []part {
	hits := c.typoHitsAt(s, j)
	// the units outside keyRange do not fit (TestKeyRangeHoldsFits): told
	// by their sort key, without reading their unitInfo (a cache miss
	// each, most of them of another level or province)
	lo, hi := c.keyRange(l, p, d)
	for _, h := range hits {
		if sk := c.typo.sk[h.e.u]; sk < lo || sk >= hi {
			continue
		}
		ui := &c.units[h.e.u]
		if ui.level != l {
			continue
		}
		if !c.fit(ui, p, d) {
			continue
		}
		c.addParts(s, &dst, h.e.u, j-h.k, j, kindName, true)
	}
	return dst
}

// typoHitsAt returns the units whose name is one edit away from the
// tokens ending at j, found through the deletion index.
func (c *Converter) typoHitsAt(s *scratch, j int32) []hit {
	c.typoOnce.Do(c.buildTypoIndex)
	if cap(s.tmemo) < len(s.memo) {
		s.tmemo = make([]memo, len(s.memo))
	}
	s.tmemo = s.tmemo[:len(s.memo)]
	m := &s.tmemo[j]
	if m.done && m.gen == s.gen {
		return s.thits[m.lo:m.hi]
	}
	*m = memo{done: true, gen: s.gen, lo: int32(len(s.thits))}
	// a misspelt name is read only between separators or type words:
	// it must end at one…
	if j < int32(len(s.toks)) && !s.toks[j].sepBefore && s.toks[j].t1 == 0 && s.toks[j].t2 == 0 {
		m.hi = m.lo
		return nil
	}
	for k := int32(1); k <= 4 && j-k >= 0; k++ {
		// …and start at one
		if ns := j - k; ns > 0 && !s.toks[ns].sepBefore && s.toks[ns-1].t1 == 0 && (ns < 2 || s.toks[ns-2].t2 == 0) {
			continue
		}
		key := unsafeString(s.buf[s.toks[j-k].fs:s.toks[j-1].fe]) // the tokens' folded text, in one piece
		if len(key) > c.typo.maxLen+1 {
			break
		}
		if len(key) < 4 {
			continue
		}
		s.thits = c.typo.hits(s.thits, key, k, s)
	}
	m.hi = int32(len(s.thits))
	return s.thits[m.lo:m.hi]
}

// polyP is the base of the polynomial hash of delHashes (odd).
const polyP = 0x100000001b3

// delHashes appends to dst the hash of s, then the hash of s without
// each of its bytes in turn, in O(len(s)): with the polynomial hash
// h(x) = Σ x[i]·P^(len-1-i), the hash without byte d is the hash of the
// prefix before d shifted by the length of the suffix after it, plus the
// hash of that suffix. Each is then mixed (with the length) so that
// every bit depends on every byte. The prefix hashes are kept in dst's
// own room until the hashes replace them, from the last byte down.
func delHashes(dst []uint64, s string) []uint64 {
	n := len(s)
	base := len(dst)
	dst = slices.Grow(dst, n+1)[:base+n+1]
	out := dst[base:]
	// out[d+1] = the hash of s[:d]
	pre := uint64(0)
	for d := 0; d < n; d++ {
		out[d+1] = pre
		pre = pre*polyP + uint64(s[d])
	}
	out[0] = mix64(pre ^ uint64(n)<<56)
	// from the last byte down: suf is the hash of s[d+1:], pw = P^(n-1-d)
	suf, pw := uint64(0), uint64(1)
	for d := n - 1; d >= 0; d-- {
		out[d+1] = mix64((out[d+1]*pw + suf) ^ uint64(n-1)<<56)
		suf += uint64(s[d]) * pw
		pw *= polyP
	}
	return dst
}

// fullHash is the first hash of delHashes(nil, s): that of s itself.
func fullHash(s string) uint64 {
	h := uint64(0)
	for i := 0; i < len(s); i++ {
		h = h*polyP + uint64(s[i])
	}
	return mix64(h ^ uint64(len(s))<<56)
}

// mix64 is the finalizer of MurmurHash3.
func mix64(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// streetOf cuts the street from the text: everything before the units,
// without the separators around it and without a dangling type word; NFC.
func (c *Converter) streetOf(text string, s *scratch, end int, first int32) string {
	// drop type words left at the end of the street
	for first > 0 {
		t := s.toks[first-1]
		if c.tw[t.t1].long {
			first--
			end = int(t.start)
			continue
		}
		if first > 1 && s.toks[first-2].t2 != 0 {
			first -= 2
			end = int(s.toks[first].start)
			continue
		}
		break
	}
	st := trimSeps(text[:end])
	if !fold.IsNFC(st) { // (byte by byte for the usual streets: fold's stableOnly)
		st = fold.NFC(st)
	}
	return st
}

// isSep reports whether r separates components (trimSeps).
func isSep(r rune) bool {
	switch r {
	case ' ', ',', ';', '-', '–', '—', '|', '/', '.', ':', '\t', '\n', '\r', '\u00a0', utf8.RuneError:
		return true
	}
	return false
}

// asciiSep marks the ASCII bytes isSep holds.
var asciiSep = [utf8.RuneSelf]bool{' ': true, ',': true, ';': true, '-': true, '|': true, '/': true, '.': true, ':': true, '\t': true, '\n': true, '\r': true}

// trimSeps trims the separators (isSep) around s: ASCII ones byte by
// byte, as strings.TrimFunc would (an ASCII byte is a rune of its own),
// and from the first other byte on each side, with TrimFunc.
func trimSeps(s string) string {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf && asciiSep[s[i]] {
		i++
	}
	if i < len(s) && s[i] >= utf8.RuneSelf {
		s = strings.TrimLeftFunc(s[i:], isSep)
	} else {
		s = s[i:]
	}
	j := len(s)
	for j > 0 && s[j-1] < utf8.RuneSelf && asciiSep[s[j-1]] {
		j--
	}
	if j > 0 && s[j-1] >= utf8.RuneSelf {
		return strings.TrimRightFunc(s[:j], isSep)
	}
	return s[:j]
}
