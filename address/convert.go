package address

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/registry"
)

// Convert parses text and converts the commune it names to the units in
// force on opt.To (today when zero). See the package documentation for
// the statuses. It reads (read), follows the lineage of every reading
// worth keeping (resolve), then decides the status with the point if any
// (decide), each step adding its notes.
func (c *Converter) Convert(text string, opt Options) Result {
	to := opt.To
	if to.IsZero() {
		to = c.todayDate()
	}
	res := Result{Input: text}
	s := c.getScratch()
	defer c.putScratch(s)
	s.margin = nearMargin
	if opt.Point != nil && c.loc != nil {
		s.margin = pointMargin
	}
	var rd reading // filled in place: read's result is too large to return by value
	done := c.read(text, s, &res, &rd, to, opt)
	if !done {
		cands, first, err := c.resolve(&rd, s, to)
		if err != nil {
			res.Status = StatusInvalid
			res.Note = err.Error()
			return res
		}
		c.decide(&res, &rd, cands, first, opt, to)
	}
	seal(&res, rd.notes, rd.ok)
	s.notes = rd.notes[:0] // its backing array, for the next call
	return res
}

// seal writes the texts of a result — its address, the addresses of its
// candidates (join) and its notes joined by "; " — into one allocation.
// finishOK and decide leave them to it. ok, if not nil, is the cached
// successor the answer is made of, whose address is written already.
func seal(res *Result, notes []string, ok *succEntry) {
	n := 0
	if ok != nil && (res.Commune != ok.u0 || res.Province != ok.prov0) {
		ok = nil
	}
	if ok != nil {
		n += len(ok.tail)
		if res.Street != "" {
			n += len(res.Street) + 2
		}
	} else if res.Commune != nil {
		n += joinLen(res.Street, res.Commune, res.Province)
	}
	for i := range res.Candidates {
		cd := &res.Candidates[i]
		n += joinLen(res.Street, cd.Commune, cd.Province)
	}
	for i, x := range notes {
		if i > 0 {
			n += 2
		}
		n += len(x)
	}
	if n == 0 {
		return
	}
	buf := make([]byte, 0, n)
	view := func(from int) string {
		if len(buf) == from {
			return ""
		}
		return unsafe.String(&buf[from], len(buf)-from)
	}
	if ok != nil {
		k := len(buf)
		if res.Street != "" {
			buf = append(buf, res.Street...)
			buf = append(buf, ", "...)
		}
		buf = append(buf, ok.tail...)
		res.Address = view(k)
	} else if res.Commune != nil {
		k := len(buf)
		buf = appendJoin(buf, res.Street, res.Commune, res.Province)
		res.Address = view(k)
	}
	for i := range res.Candidates {
		cd := &res.Candidates[i]
		k := len(buf)
		buf = appendJoin(buf, res.Street, cd.Commune, cd.Province)
		cd.Address = view(k)
	}
	k := len(buf)
	for i, x := range notes {
		if i > 0 {
			buf = append(buf, "; "...)
		}
		buf = append(buf, x...)
	}
	res.Note = view(k)
}

// reading is what read found: the best reading, the communes of the
// readings tied with it and of near readings that lead elsewhere.
type reading struct {
	b     combo
	comms []int32 // communes of the best readings (ties)
	alt   []combo // near readings whose communes lead elsewhere
	notes []string
	text  string
	wide  []combo    // every reading with a commune that a point may choose
	ok    *succEntry // the cached successors the ok answer is the first of (decide)
}

// read parses text and fills rd (zero), the street and the units read;
// it reports done when the result is already final (invalid, not found).
func (c *Converter) read(text string, s *scratch, res *Result, rd *reading, to dvhc.Date, opt Options) bool {
	rd.notes = s.notes[:0]
	s.noteBuf = s.noteBuf[:0] // the notes of the last call are copied (seal)
	text, po, rev := c.parseBoth(text, s)
	if rev {
		rd.notes = append(rd.notes, "read in reverse order: the province is written first")
	}
	if po.invalid {
		res.Status = StatusInvalid
		rd.notes = append(rd.notes, "the address is not valid UTF-8 text")
		return true
	}
	if po.nTok == 0 {
		res.Status = StatusInvalid
		rd.notes = append(rd.notes, "empty address: no letters or digits")
		return true
	}
	if !po.ok {
		res.Status = StatusNotFound
		rd.notes = append(rd.notes, "no administrative unit recognised")
		return true
	}
	rd.b = po.best
	b := &rd.b // the reading, in place (a combo is large)
	n := int32(po.nTok)
	res.Street = c.streetOf(text, s, po.streetEnd, b.first(n))
	nm := b2i(b.c.u >= 0) + b2i(b.d.u >= 0) + b2i(b.p.u >= 0)
	res.Matched = c.matched(b, nm)
	if b.c.typo || b.d.typo || b.p.typo {
		rd.notes = append(rd.notes, c.typoNote(text, s, *b))
	}
	if b.c.kind == kindAlias || b.d.kind == kindAlias || b.p.kind == kindAlias || b.c.skip || b.d.skip || b.p.skip {
		c.partNotes(text, s, rd, b, n) // (rare: the loop over the parts is skipped without)
	}
	if b.c.u < 0 && b.d.u >= 0 && len(c.r.Children(c.units[b.d.u].u, dvhc.LastOldDay)) == 0 {
		// an island district without communes became a commune itself
		// (Côn Đảo, Lý Sơn, Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa)
		b.c = b.d
	}
	if b.c.u < 0 {
		res.Status = StatusNotFound
		top := b.d
		if top.u < 0 {
			top = b.p
		}
		tu := c.units[top.u]
		for _, t := range s.ties {
			x := t.d
			if x.u < 0 {
				x = t.p
			}
			if x.u >= 0 && c.newProvCode(c.units[x.u]) != c.newProvCode(tu) {
				rd.notes = append(rd.notes, quote(c.words(text, s, top))+" may name several provinces; no commune in the address")
				return true
			}
		}
		res.Province, _ = c.r.Lookup(dvhc.LevelProvince, c.newProvCode(tu), to)
		if res.Province == nil || to.Before(dvhc.ReformDay) {
			res.Province, _ = c.r.Lookup(dvhc.LevelProvince, tu.u.Province, to)
		}
		what := tu.u.Name
		if top.u == b.d.u && b.p.u >= 0 {
			what += ", " + c.units[b.p.u].u.Name
		}
		rd.notes = append(rd.notes, "no commune in the address: it names only "+what+
			"; the commune (phường, xã) is needed to place it among the new communes")
		if top.u == b.d.u && opt.Point != nil && c.loc != nil && opt.Prefer != PreferText {
			c.districtByPoint(res, rd, tu.u, *opt.Point, to)
		}
		return true
	}
	if b.d.u < 0 && b.p.u < 0 && !b.c.typed {
		// a lone name without a type word is too little evidence: it may
		// be a hamlet, a street, a person
		res.Status = StatusNotFound
		rd.notes = append(rd.notes, "only "+quote(c.words(text, s, b.c))+" was recognised, without a type word (Phường, Xã…) or a district or province: too little to place the address")
		return true
	}
	rd.comms = c.tiedCommunes(s) // scratch: valid until Convert returns
	if len(rd.comms) == 0 {
		rd.comms = append(rd.comms, b.c.u)
	}
	rd.wide = s.near
	s.alt = s.alt[:0]
	for i := range s.near { // by index: a combo is large
		if s.near[i].score > b.score-nearMargin {
			s.alt = append(s.alt, s.near[i])
		}
	}
	rd.alt = s.alt
	rd.text = text
	return false
}

// partNotes notes the parts of b read by a former name or after a
// component left aside.
func (c *Converter) partNotes(text string, s *scratch, rd *reading, b *combo, n int32) {
	for _, pt := range [3]*part{&b.c, &b.d, &b.p} {
		if pt.u >= 0 && pt.kind == kindAlias {
			rd.notes = append(rd.notes, s.note("former name “", c.words(text, s, *pt), "” read as ", c.units[pt.u].u.Name))
		}
		if pt.u >= 0 && pt.skip {
			if w := c.skipped(text, s, *b, *pt, n); w != "" {
				rd.notes = append(rd.notes, s.note("words not recognised, left aside: “", w, "”"))
			}
		}
	}
}

// parseBoth parses text forward and, when that reading places no commune
// or had to guess, in reverse order (parseReversed); it returns the text
// read (the reordered one when rev) and its parse, left in s.
func (c *Converter) parseBoth(text string, s *scratch) (string, parseOut, bool) {
	s.lazy = true
	po := c.parse(text, s)
	s.lazy = false
	if po.deferred {
		// the forward reading, whatever its second pass, is not readable
		// (deferrable): what follows would read the text reversed, lost
		t2, po2, ok := c.parseReversed(text, s, true)
		if ok {
			return t2, po2, true
		}
		return text, c.parseAgain(text, s, t2), false
	}
	if !po.invalid && po.nTok > 0 && (!readable(&po) || guessed(&po) && !endsInProvince(&po)) {
		if t2, po2, ok := c.parseReversed(text, s, !readable(&po)); ok {
			return t2, po2, true
		} else if len(t2) > 0 {
			po = c.parseAgain(text, s, t2) // the forward reading again, into s
		}
	}
	return text, po, false
}

// parseAgain parses text again, in full, after parseReversed failed (t2,
// the last text it parsed, empty if none): from the forward tokens, kept
// in s.ftoks and s.fbuf by parseReversed (swapped back), or still in s.toks and s.buf
// (classify reads them again as it did: it only sets what it set).
// Spares tokenizing the text a second time.
func (c *Converter) parseAgain(text string, s *scratch, t2 string) parseOut {
	if len(t2) > 0 {
		s.toks, s.ftoks = s.ftoks, s.toks[:0]
		s.buf, s.fbuf = s.fbuf, s.buf[:0]
	}
	return c.parseTokens(text, s)
}

// readable reports whether the forward reading places a commune within a
// district or province: a lone commune ("Phường 7") may be the last
// component of an address written province first.
func readable(po *parseOut) bool {
	b := &po.best
	return po.ok && b.c.u >= 0 && (b.d.u >= 0 || b.p.u >= 0)
}

// guessed reports whether the forward reading needed a typo or left an
// unrecognised component aside ("Nghệ An, Thành phố Vinh, P.Quán Bàu"
// read from the end: "Nghệ An" as a misspelt Xã Nghi Ân).
func guessed(po *parseOut) bool {
	b := &po.best
	return b.p.typo || b.d.typo || b.c.typo || b.p.skip || b.d.skip || b.c.skip
}

// endsInProvince reports whether the forward reading found a province at
// the end of the text, read exactly: the text is then written in the
// usual order.
func endsInProvince(po *parseOut) bool {
	p := &po.best.p
	return p.u >= 0 && !p.typo && !p.skip
}

// provinceEnd returns the token after the province the parsed text starts
// with: a province name, with at most a type word before it, that ends a
// component ("Hà Nội, …"; it may span separators: "Bà Rịa - Vũng Tàu, …")
// or is followed by more words of its component ("TP.HCM Quận 5, …"). It
// returns 0 when the text does not start so. It reuses the name slots of
// the forward parse, and is kept for the rest of the parse (s.pe, of
// parse generation s.peGen): deferrable then parseReversed ask it.
func (c *Converter) provinceEnd(s *scratch) int32 {
	if s.peGen == s.gen {
		return s.pe
	}
	end := int32(0)
	for j := int32(1); j < int32(len(s.toks)) && j < int32(len(s.memo)) && j <= 8; j++ {
		for _, g := range c.hitsAt(s, j) {
			switch st := j - g.k; {
			case st == 0, st == 1 && s.toks[0].t1 != 0, st == 2 && s.toks[0].t2 != 0:
			default:
				continue // not at the start, after a type word at most
			}
			// entries are sorted by sort key, whose top bits are the
			// level (sortKey): a province's come first. Read so, not in
			// each unit's unitInfo (a cache miss each, most of them
			// communes of common names)
			if g.e[0].sk>>40 == uint64(dvhc.LevelProvince) {
				end = j
			}
		}
	}
	s.pe, s.peGen = end, s.gen
	return end
}

// parseReversed reads an address written largest unit first ("Hà Nội,
// Hoàn Kiếm, Hàng Bạc", "TP.HCM - Quận 5 - Phường 7 - 12 Nguyễn Trãi"),
// tried only when the forward reading places no commune (lost) or had to
// guess: the first k components, in reverse order, follow the rest kept
// verbatim (the street), for the largest k whose components are all read
// as units, the province being the first component as a whole (or the
// first words of it, the rest then a component of its own: "TP.HCM Quận
// 5"). A hyphen without spaces joins (Phan Rang-Tháp Chàm, TT-Huế). Unless lost, the
// reversed reading must need no guess. It returns the text it read and
// its parse; t2 is empty when nothing was parsed (s then still holds the
// forward parse).
func (c *Converter) parseReversed(text string, s *scratch, lost bool) (t2 string, po parseOut, ok bool) {
	pe := c.provinceEnd(s)
	if pe == 0 {
		return "", po, false
	}
	// byte ranges of the components, from the forward parse's tokens,
	// and their first tokens (ct; ct[nc] = the number of tokens)
	var cs [8][2]int32
	var ct [9]int32
	nc := 0
	for i := range s.toks {
		t := &s.toks[i]
		if i == 0 || int32(i) == pe || t.comma && int32(i) > pe && text[s.toks[i-1].end:t.start] != "-" {
			if nc == len(cs) {
				return "", po, false
			}
			cs[nc] = [2]int32{t.start, t.end}
			ct[nc] = int32(i)
			nc++
		}
		cs[nc-1][1] = t.end
	}
	if nc < 2 {
		return "", po, false
	}
	ct[nc] = int32(len(s.toks))
	// the reversed texts are made of the forward tokens (reverseTokens):
	// kept aside, as each parse overwrites s.toks and s.buf (their
	// arrays swapped, not copied)
	s.ftoks, s.toks = s.toks, s.ftoks[:0]
	s.fbuf, s.buf = s.buf, s.fbuf[:0]
	b := s.rev[:0]
	defer func() { s.rev = b[:0] }() // its room, for the next call
	parsed := false
	for k := nc; k >= 2; k-- {
		b = b[:0]
		kept := 0
		if k < nc {
			b = append(b, text[cs[k][0]:]...)
			kept = len(b)
			b = append(b, ", "...)
		}
		var at [8]int32 // where each component starts in b
		for i := k - 1; i >= 0; i-- {
			at[i] = int32(len(b))
			b = append(b, text[cs[i][0]:cs[i][1]]...)
			if i > 0 {
				b = append(b, ", "...)
			}
		}
		// the text of k = nc is that of k = nc-1 when the last component
		// runs to the end of the text ("Hà Nội, Quận 5, 12 Lê Lợi" both
		// times reads "12 Lê Lợi, Quận 5, Hà Nội"): its parse, still in s,
		// serves again, only the test of the street differs
		if !parsed || string(b) != t2 {
			t2 = string(b)
			s.exact = !lost // a reading that must not guess needs no second pass
			reverseTokens(s, &cs, &ct, &at, k, nc)
			if reverseHook != nil {
				reverseHook(t2, s)
			}
			po = c.parseTokens(t2, s)
			s.exact = false
			parsed = true
		}
		if !readable(&po) || !lost && guessed(&po) || kept > 0 && po.streetEnd != kept+2 || kept == 0 && po.streetEnd > 0 {
			continue
		}
		p := &po.best.p
		if p.u < 0 || p.skip || p.typo || int(p.end) != po.nTok || !s.toks[p.start].comma {
			continue // the first component is not a province as a whole
		}
		return t2, po, true
	}
	return t2, po, false
}

// reverseHook, set by a test, sees each text parseReversed parses with
// the tokens reverseTokens made of it.
var reverseHook func(t2 string, s *scratch)

// reverseTokens writes into s.toks and s.buf the tokens of the text
// parseReversed builds for k (the components from k on kept as they are,
// then components k-1 to 0, joined by ", "), as tokenizeValid would read
// that text, from the forward tokens kept in s.ftoks and s.fbuf: the
// tokens of a component are those of its bytes, copied verbatim, at
// their new offsets; the first token of each piece follows ", " (or
// starts the text): a separator of components. classify then reads them
// afresh (a type word of two tokens may span the new joins). Spares
// tokenizing the text again (the costliest step of a parse).
func reverseTokens(s *scratch, cs *[8][2]int32, ct *[9]int32, at *[8]int32, k, nc int) {
	// every token is in the new text, each piece's folded text in one
	// piece of s.fbuf: one copy a piece, the tokens moved by index
	n, nb := len(s.ftoks), len(s.fbuf)
	toks := slices.Grow(s.toks[:0], n)[:n]
	buf := slices.Grow(s.buf[:0], nb+8)[:nb] // 8 more: as tokenizeValid (word8)
	w, fw := 0, int32(0)
	piece := func(t0, t1, shift int32) {
		src := s.ftoks[t0:t1]
		fshift := fw - src[0].fs
		fw += int32(copy(buf[fw:], s.fbuf[src[0].fs:src[len(src)-1].fe]))
		for i := range src {
			t := &toks[w]
			*t = src[i]
			t.start += shift
			t.end += shift
			t.fs += fshift
			t.fe += fshift
			t.street, t.t1, t.t2 = false, 0, 0
			w++
		}
		toks[w-len(src)].sepBefore, toks[w-len(src)].comma = true, true
	}
	if k < nc {
		piece(ct[k], ct[nc], -cs[k][0]) // the kept text starts the reversed one
	}
	for i := k - 1; i >= 0; i-- {
		piece(ct[i], ct[i+1], at[i]-cs[i][0])
	}
	s.toks, s.buf = toks, buf
}

// skipped returns the words left aside after part pt.
func (c *Converter) skipped(text string, s *scratch, b combo, pt part, n int32) string {
	end := n
	for _, q := range [3]part{b.c, b.d, b.p} {
		if q.u >= 0 && q.start >= pt.end && q.start < end {
			end = q.start
		}
	}
	if end <= pt.end {
		return ""
	}
	return trimSeps(text[s.toks[pt.end].start:s.toks[end-1].end])
}

// resolve follows the lineage of the communes read: the union of the
// successors of tied readings, then those of near readings that lead to
// other communes (kept in rd.alt, with a note naming both readings). It
// also returns the cached successors of the first commune read, which
// know the province of their first.
func (c *Converter) resolve(rd *reading, s *scratch, to dvhc.Date) ([]registry.Link, *succEntry, error) {
	var cands []registry.Link
	var first *succEntry // the successors of the first commune, with the province of the first
	add := func(links []registry.Link) bool {
		added := false
	next:
		for _, l := range links {
			for _, x := range cands {
				if x.Unit == l.Unit {
					continue next
				}
			}
			cands = append(cands, l)
			added = true
		}
		return added
	}
	for i, id := range rd.comms {
		e, err := c.successorsOf(id, to)
		if err != nil {
			return nil, nil, err
		}
		links := e.links
		if i == 0 {
			first = e
		}
		if i == 0 && len(rd.comms) == 1 {
			cands = links
			break
		}
		add(links)
	}
	if len(rd.alt) == 0 {
		return cands, first, nil
	}
	own := len(cands)
	cands = cands[:own:own] // copy on append: cands may be the cache's
	alts := rd.alt[:0]
	m := -1.0
	for _, cb := range rd.alt {
		if slices.Contains(rd.comms, cb.c.u) {
			continue
		}
		links, err := c.successors(cb.c.u, to)
		if err != nil || !adds(cands, links) {
			continue
		}
		// a near reading whose names disagree with the marks written
		// (Tân Thành for "Tân Thạnh") is no rival
		if m < 0 {
			m = c.marksAgree(rd.text, s, rd.b)
		}
		if c.marksAgree(rd.text, s, cb) < m {
			continue
		}
		add(links)
		alts = append(alts, cb)
	}
	rd.alt = alts
	if len(alts) > 0 {
		rd.notes = append(rd.notes, "read as "+c.describe(rd.b)+", or as "+c.describe(alts[0])+": the address does not tell which")
	}
	return cands, first, nil
}

// adds reports whether links has a unit that cands lacks.
func adds(cands, links []registry.Link) bool {
	for _, l := range links {
		if !slices.ContainsFunc(cands, func(x registry.Link) bool { return x.Unit == l.Unit }) {
			return true
		}
	}
	return false
}

// describe names the units of a reading, for notes.
func (c *Converter) describe(cb combo) string {
	var b strings.Builder
	for _, pt := range [3]part{cb.c, cb.d, cb.p} {
		if pt.u < 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		u := c.units[pt.u].u
		b.WriteString(u.Name)
		if pt.u == cb.c.u {
			if ui := &c.units[pt.u]; ui.old {
				if cb.d.u < 0 {
					if d, err := c.r.Parent(u, dvhc.LastOldDay); err == nil {
						b.WriteString(" of " + d.Name)
					}
				}
				b.WriteString(" (until 2025-06-30)")
			} else {
				b.WriteString(" (from 2025-07-01)")
			}
		}
	}
	return b.String()
}

// decide sets the status: one candidate is ok; several are ambiguous
// unless the point lies in one of them.
func (c *Converter) decide(res *Result, rd *reading, cands []registry.Link, first *succEntry, opt Options, to dvhc.Date) {
	b := &rd.b
	conf := 1.0
	if b.c.typo || b.d.typo || b.p.typo {
		conf -= 0.1
	}
	if b.c.kind == kindAlias {
		conf -= 0.05
	}
	if b.d.u < 0 && b.p.u < 0 {
		conf -= 0.1
	}
	if !b.c.typed {
		conf -= 0.05
	}
	if b.c.skip || b.d.skip || b.p.skip {
		conf -= 0.15
	}
	if len(cands) == 1 && len(rd.comms) > 1 {
		rd.notes = append(rd.notes, "the name fits "+strconv.Itoa(len(rd.comms))+" units, which all became "+cands[0].Unit.Name)
	}
	if len(cands) > 1 {
		switch {
		case len(rd.alt) > 0:
		case len(rd.comms) > 1:
			rd.notes = append(rd.notes, "the name fits "+strconv.Itoa(len(rd.comms))+" units ("+unitList(c, rd.comms)+"): add the district or province")
		default:
			rd.notes = append(rd.notes, c.units[rd.comms[0]].u.Name+" was split among "+strconv.Itoa(len(cands))+" communes; coordinates of the address (lat, lon) decide which one holds it")
		}
	}
	var extra *dvhc.Unit // the point's commune, added to the candidates
	if opt.Point != nil {
		if c.loc == nil {
			if len(cands) > 1 {
				rd.notes = append(rd.notes, "a point was given but the converter has no boundaries to use it")
			}
		} else {
			var done bool
			if done, extra = c.byPoint(res, rd, cands, opt, to, conf); done {
				return
			}
		}
	}
	if len(cands) == 1 && extra == nil {
		if first != nil && len(first.links) > 0 && unsafe.SliceData(cands) == unsafe.SliceData(first.links) {
			// the first's own links (resolve): its unit, province and
			// address are in the entry, no need to read the links
			okWith(res, first.u0, first.prov0)
			rd.ok = first
		} else if u := cands[0].Unit; first != nil && len(first.links) > 0 && first.links[0].Unit == u {
			okWith(res, u, first.prov0) // its province is known
		} else {
			c.finishOK(res, u, to)
		}
		res.Confidence = conf
		return
	}
	res.Status = StatusAmbiguous
	res.Candidates = make([]Candidate, len(cands), len(cands)+1)
	var prov *dvhc.Unit
	sameProv := true
	for i, l := range cands {
		p := c.province(l.Unit.Province, to)
		res.Candidates[i] = Candidate{Commune: l.Unit, Province: p, Share: l.Share, Note: l.Note()} // Address: seal
		if i == 0 {
			prov = p
		} else if p != prov {
			sameProv = false
		}
	}
	if extra != nil {
		p := c.province(extra.Province, to)
		res.Candidates = append(res.Candidates, Candidate{Commune: extra, Province: p, Note: "the point given lies here"}) // Address: seal
		sameProv = sameProv && p == prov
	}
	if sameProv {
		res.Province = prov
	}
	res.Confidence = 1 / float64(len(res.Candidates))
}

// newProvCode returns the code of the new province containing a unit.
func (c *Converter) newProvCode(ui unitInfo) dvhc.Code {
	if !ui.old {
		return ui.u.Province
	}
	return c.newByOld[ui.u.Province]
}

// province returns the province of code on day to, cached for the
// converter's default date.
func (c *Converter) province(code dvhc.Code, to dvhc.Date) *dvhc.Unit {
	n := num(code)
	cache := n >= 0 && int(n) < len(c.provCache)
	if cache {
		if e := c.provCache[n].Load(); e != nil && e.to == to {
			return e.u
		}
	}
	p, _ := c.r.Lookup(dvhc.LevelProvince, code, to)
	if cache && p != nil {
		c.provCache[n].Store(&provEntry{to: to, u: p})
	}
	return p
}

// finishOK makes res an ok answer with commune u; seal writes its
// address.
func (c *Converter) finishOK(res *Result, u *dvhc.Unit, to dvhc.Date) {
	okWith(res, u, c.province(u.Province, to))
}

// okWith makes res an ok answer with commune u in province p.
func okWith(res *Result, u, p *dvhc.Unit) {
	res.Status = StatusOK
	res.Commune = u
	res.Province = p
}

// appendJoin appends the address of a commune: the street, the commune's
// name and the province's name, comma-separated.
func appendJoin(dst []byte, street string, u, p *dvhc.Unit) []byte {
	if street != "" {
		dst = append(dst, street...)
		dst = append(dst, ", "...)
	}
	dst = append(dst, u.Name...)
	dst = append(dst, ", "...)
	if p != nil {
		dst = append(dst, p.Name...)
	}
	return dst
}

// joinLen is the length of what appendJoin appends.
func joinLen(street string, u, p *dvhc.Unit) int {
	n := len(u.Name) + 2
	if street != "" {
		n += len(street) + 2
	}
	if p != nil {
		n += len(p.Name)
	}
	return n
}

// matchedEntry is the Matched list of a reading, cached per lowest unit
// read (Converter.matched).
type matchedEntry struct {
	c, d, p int32
	units   []*dvhc.Unit
}

// matched returns the units of reading b (commune, district, province,
// those read), a slice shared by the results of the same reading: the
// last one built per lowest unit is kept.
func (c *Converter) matched(b *combo, nm int) []*dvhc.Unit {
	low := b.c.u
	if low < 0 {
		low = b.d.u
	}
	if low < 0 {
		low = b.p.u
	}
	if low < 0 {
		return make([]*dvhc.Unit, 0)
	}
	if ui := &c.units[low]; int32(ui.cd) == b.d.u && int32(ui.cdp) == b.p.u && (ui.level == dvhc.LevelCommune) == (b.c.u >= 0) {
		// the usual reading: its list is built (nm of its 3 slots are
		// used: the parts read are those of the list)
		i := 3 * int(low)
		return c.chain[i : i+nm : i+nm]
	}
	slot := &c.cache[low].matched
	if e := slot.Load(); e != nil && e.c == b.c.u && e.d == b.d.u && e.p == b.p.u {
		return e.units
	}
	us := make([]*dvhc.Unit, 0, nm)
	for _, pt := range [3]part{b.c, b.d, b.p} {
		if pt.u >= 0 {
			us = append(us, c.units[pt.u].u)
		}
	}
	slot.Store(&matchedEntry{c: b.c.u, d: b.d.u, p: b.p.u, units: us})
	return us
}

func unitList(c *Converter, ids []int32) string {
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteString(", ")
		}
		u := c.units[id].u
		b.WriteString(u.Name + " " + string(u.Code))
	}
	return b.String()
}

// successors returns the units in force on day to that unit id became,
// most likely first; cached per unit for the last date asked.
func (c *Converter) successors(id int32, to dvhc.Date) ([]registry.Link, error) {
	e, err := c.successorsOf(id, to)
	if err != nil {
		return nil, err
	}
	return e.links, nil
}

// successorsOf is successors with the province of the first successor.
func (c *Converter) successorsOf(id int32, to dvhc.Date) (*succEntry, error) {
	t := c.dense.Load()
	if t == nil {
		c.dense.CompareAndSwap(nil, &denseSucc{to: to, recs: make([]succRec, len(c.units))})
		t = c.dense.Load()
	}
	if t.to != to {
		if e := c.cache[id].succ.Load(); e != nil && e.to == to {
			return e, nil
		}
		e, err := c.newSucc(id, to)
		if err == nil {
			c.cache[id].succ.Store(e)
		}
		return e, err
	}
	r := &t.recs[id]
	if r.state.Load() == 2 {
		return &r.succEntry, nil
	}
	e, err := c.newSucc(id, to)
	if err != nil || !r.state.CompareAndSwap(0, 1) {
		return e, err
	}
	r.to, r.links, r.u0, r.prov0, r.tail = e.to, e.links, e.u0, e.prov0, e.tail
	if n := len(e.tail); n > 0 && n <= len(r.buf) {
		copy(r.buf[:], e.tail)
		r.tail = unsafe.String(&r.buf[0], n) // never written again
	}
	r.state.Store(2)
	return &r.succEntry, nil
}

// newSucc computes what successorsOf caches.
func (c *Converter) newSucc(id int32, to dvhc.Date) (*succEntry, error) {
	if err := c.r.Covers(0, to); err != nil {
		// before the registry is complete a unit may stand without its
		// province: no answer rather than half of one
		return nil, err
	}
	u := c.units[id].u
	var links []registry.Link
	if u.ValidAt(to) {
		links = []registry.Link{{Unit: u, Share: dvhc.ShareWhole}}
	} else if to.Before(u.Valid.From) {
		// a new unit asked for before the reform: go back to its own
		// earlier version if any, else refuse
		v, err := c.r.Lookup(u.Level, u.Code, to)
		if err != nil || dvhc.VintageOf(u) == dvhc.VintageNew && dvhc.VintageOf(v) == dvhc.VintageOld {
			return nil, dvhc.Errorf(dvhc.EINVALID, "%s starts on %s, after the target date %s", u.Name, u.Valid.From, to)
		}
		links = []registry.Link{{Unit: v, Share: dvhc.ShareWhole}}
	} else {
		var err error
		links, err = c.r.Successors(u, to)
		if err != nil {
			return nil, err
		}
	}
	e := &succEntry{to: to, links: links}
	if len(links) > 0 {
		e.u0 = links[0].Unit
		e.prov0 = c.province(e.u0.Province, to)
		e.tail = string(appendJoin(nil, "", e.u0, e.prov0))
	}
	return e, nil
}

// words returns the input text of a part's name.
func (c *Converter) words(text string, s *scratch, pt part) string {
	return text[s.toks[pt.nameStart].start:s.toks[pt.end-1].end]
}

// typoNote returns the note of the first part of b read with a typo
// (scratch.note: a view, valid until the next read).
func (c *Converter) typoNote(text string, s *scratch, b combo) string {
	for _, pt := range [3]part{b.c, b.d, b.p} {
		if pt.u >= 0 && pt.typo {
			return s.note("typo corrected: “", c.words(text, s, pt), "” read as ", c.units[pt.u].u.Name)
		}
	}
	return ""
}

func quote(s string) string { return "“" + s + "”" }

// byPoint checks the point against the words (the policy of the package
// documentation, "Points"). It reports done when it set the result, and
// otherwise the point's commune to add to the candidates, if any.
func (c *Converter) byPoint(res *Result, rd *reading, cands []registry.Link, opt Options, to dvhc.Date, conf float64) (bool, *dvhc.Unit) {
	p := *opt.Point
	pc, perr := c.loc.LocateCommune(p, to)
	var pu *dvhc.Unit
	if perr == nil {
		pu, _ = c.r.Lookup(dvhc.LevelCommune, pc, to)
	}
	if pu != nil {
		for _, l := range cands {
			if l.Unit.Code == pc {
				c.finishOK(res, l.Unit, to)
				res.Confidence = conf
				if len(cands) > 1 {
					res.Confidence = 0.99
					rd.notes = append(rd.notes, "the point decided it: it lies in "+l.Unit.Name)
				}
				return true, nil
			}
		}
	}
	words := cands[0].Unit
	switch opt.Prefer {
	case PreferPoint:
		if pu != nil {
			c.finishOK(res, pu, to)
			res.Confidence = 0.9
			rd.notes = append(rd.notes, "placed by the point (prefer point): it lies in "+pu.Name+"; the words read "+words.Name)
			return true, nil
		}
	case PreferText:
		where := "in no commune"
		if pu != nil {
			where = "in commune " + string(pc)
		}
		if len(cands) == 1 {
			c.finishOK(res, words, to)
			res.Confidence = conf - 0.2
			rd.notes = append(rd.notes, "the point given lies "+where+", not in "+words.Name+" (prefer text: the words win)")
			return true, nil
		}
		rd.notes = append(rd.notes, "the point lies "+where+", outside every successor: check the point or the address")
		return false, nil
	}
	// another reading of the same words that leads where the point is
	if pu != nil {
		for _, cb := range rd.wide {
			links, err := c.successors(cb.c.u, to)
			if err != nil {
				continue
			}
			for _, l := range links {
				if l.Unit.Code == pc {
					c.finishOK(res, l.Unit, to)
					res.Confidence = 0.9
					rd.notes = append(rd.notes, "the point chose between readings: read as "+c.describe(cb)+", the address lies in "+
						l.Unit.Name+", where the point is; read as "+c.describe(rd.b)+", it would be "+words.Name)
					return true, nil
				}
			}
		}
	}
	// latitude and longitude swapped?
	if sw := (dvhc.LatLon{Lat: p.Lon, Lon: p.Lat}); sw.IsValid() && sw != p {
		if sc, err := c.loc.LocateCommune(sw, to); err == nil {
			for _, l := range cands {
				if l.Unit.Code == sc {
					c.finishOK(res, l.Unit, to)
					res.Confidence = min(conf, 0.8)
					rd.notes = append(rd.notes, "latitude and longitude seem swapped: swapped, the point lies in "+l.Unit.Name+", as the words say")
					return true, nil
				}
			}
		}
	}
	if pu == nil {
		rd.notes = append(rd.notes, "the point given lies in no commune (at sea, abroad or invalid: "+perr.Error()+"): it was not used")
		if len(cands) == 1 {
			c.finishOK(res, words, to)
			res.Confidence = min(conf, 0.5)
			return true, nil
		}
		return false, nil
	}
	// the words and the point disagree: both are candidates
	note := "the point lies in " + pu.Name + " (" + string(pc) + ")"
	if len(cands) > 1 {
		note += ", outside every successor"
	}
	if d, ok := distanceKm(p, words); ok {
		note += ", " + strconv.Itoa(int(d+0.5)) + " km from " + words.Name
	}
	note += ": the words and the point disagree; check them, or say which to trust (prefer text or point)"
	if pu.Province != words.Province {
		if wp := c.province(words.Province, to); wp != nil {
			note += "; the point is outside " + wp.Name + " (a geocoder's default point, or swapped coordinates?)"
		}
	}
	rd.notes = append(rd.notes, note)
	return false, pu
}

// districtByPoint places an address that names a former district but no
// commune by its point, when the point lies in one of the communes that
// took the district's territory.
func (c *Converter) districtByPoint(res *Result, rd *reading, d *dvhc.Unit, p dvhc.LatLon, to dvhc.Date) {
	pc, err := c.loc.LocateCommune(p, to)
	if err != nil {
		rd.notes = append(rd.notes, "the point given lies in no commune: "+err.Error())
		return
	}
	for _, ch := range c.r.Children(d, dvhc.LastOldDay) {
		links, err := c.r.Successors(ch, to)
		if err != nil {
			continue
		}
		for _, l := range links {
			if l.Unit.Code == pc {
				c.finishOK(res, l.Unit, to)
				res.Confidence = 0.8
				rd.notes = append(rd.notes[:0], "placed by coordinates: the address names only "+d.Name+"; the point lies in "+l.Unit.Name+", one of the communes that took its territory")
				return
			}
		}
	}
	rd.notes = append(rd.notes, "the point lies in commune "+string(pc)+", outside the communes that took the territory of "+d.Name)
}

// distanceKm returns the great-circle distance from p to the inner point
// of u, if u has one.
func distanceKm(p dvhc.LatLon, u *dvhc.Unit) (float64, bool) {
	q := u.InnerPoint
	if q.IsZero() {
		return 0, false
	}
	const r = 6371.0
	rad := math.Pi / 180
	dlat, dlon := (q.Lat-p.Lat)*rad, (q.Lon-p.Lon)*rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(p.Lat*rad)*math.Cos(q.Lat*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(min(a, 1))), true
}
