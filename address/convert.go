package address

import (
	"slices"
	"strconv"
	"strings"

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
	rd, done := c.read(text, s, &res, to)
	if done {
		res.Note = strings.Join(rd.notes, "; ")
		return res
	}
	cands, err := c.resolve(&rd, s, to)
	if err != nil {
		res.Status = StatusInvalid
		res.Note = err.Error()
		return res
	}
	c.decide(&res, &rd, cands, opt, to)
	res.Note = strings.Join(rd.notes, "; ")
	return res
}

// reading is what read found: the best reading, the communes of the
// readings tied with it and of near readings that lead elsewhere.
type reading struct {
	b     combo
	comms []int32 // communes of the best readings (ties)
	alt   []combo // near readings whose communes lead elsewhere
	notes []string
	text  string
}

// read parses text and fills the street and the units read; it reports
// done when the result is already final (invalid, not found).
func (c *Converter) read(text string, s *scratch, res *Result, to dvhc.Date) (reading, bool) {
	var rd reading
	po := c.parse(text, s)
	if po.invalid {
		res.Status = StatusInvalid
		rd.notes = append(rd.notes, "the address is not valid UTF-8 text")
		return rd, true
	}
	if po.nTok == 0 {
		res.Status = StatusInvalid
		rd.notes = append(rd.notes, "empty address: no letters or digits")
		return rd, true
	}
	if !po.ok {
		res.Status = StatusNotFound
		rd.notes = append(rd.notes, "no administrative unit recognised")
		return rd, true
	}
	b := po.best
	n := int32(po.nTok)
	rd.b = b
	res.Street = c.streetOf(text, s, po.streetEnd, b.first(n))
	nm := b2i(b.c.u >= 0) + b2i(b.d.u >= 0) + b2i(b.p.u >= 0)
	res.Matched = make([]*dvhc.Unit, 0, nm)
	for _, pt := range [3]part{b.c, b.d, b.p} {
		if pt.u >= 0 {
			res.Matched = append(res.Matched, c.units[pt.u].u)
		}
	}
	if b.c.typo || b.d.typo || b.p.typo {
		rd.notes = append(rd.notes, c.typoNote(text, s, b))
	}
	for _, pt := range [3]part{b.c, b.d, b.p} {
		if pt.u >= 0 && pt.kind == kindAlias {
			rd.notes = append(rd.notes, "former name "+quote(c.words(text, s, pt))+" read as "+c.units[pt.u].u.Name)
		}
		if pt.u >= 0 && pt.skip {
			if w := c.skipped(text, s, b, pt, n); w != "" {
				rd.notes = append(rd.notes, "words not recognised, left aside: "+quote(w))
			}
		}
	}
	if b.c.u < 0 && b.d.u >= 0 && len(c.r.Children(c.units[b.d.u].u, lastOld)) == 0 {
		// an island district without communes became a commune itself
		// (Côn Đảo, Lý Sơn, Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa)
		b.c = b.d
		rd.b = b
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
				return rd, true
			}
		}
		res.Province, _ = c.r.Lookup(dvhc.LevelProvince, c.newProvCode(tu), to)
		if res.Province == nil || to.Before(reformDay) {
			res.Province, _ = c.r.Lookup(dvhc.LevelProvince, tu.u.Province, to)
		}
		what := tu.u.Name
		if top.u == b.d.u && b.p.u >= 0 {
			what += ", " + c.units[b.p.u].u.Name
		}
		rd.notes = append(rd.notes, "no commune in the address: it names only "+what+
			"; the commune (phường, xã) is needed to place it among the new communes")
		return rd, true
	}
	if b.d.u < 0 && b.p.u < 0 && !b.c.typed {
		// a lone name without a type word is too little evidence: it may
		// be a hamlet, a street, a person
		res.Status = StatusNotFound
		rd.notes = append(rd.notes, "only "+quote(c.words(text, s, b.c))+" was recognised, without a type word (Phường, Xã…) or a district or province: too little to place the address")
		return rd, true
	}
	rd.comms = c.tiedCommunes(s) // scratch: valid until Convert returns
	if len(rd.comms) == 0 {
		rd.comms = append(rd.comms, b.c.u)
	}
	rd.alt = s.near
	rd.text = text
	return rd, false
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
// other communes (kept in rd.alt, with a note naming both readings).
func (c *Converter) resolve(rd *reading, s *scratch, to dvhc.Date) ([]registry.Link, error) {
	var cands []registry.Link
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
		links, err := c.successors(id, to)
		if err != nil {
			return nil, err
		}
		if i == 0 && len(rd.comms) == 1 {
			cands = links
			break
		}
		add(links)
	}
	if len(rd.alt) == 0 {
		return cands, nil
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
	return cands, nil
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
					if d, err := c.r.Parent(u, lastOld); err == nil {
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
func (c *Converter) decide(res *Result, rd *reading, cands []registry.Link, opt Options, to dvhc.Date) {
	b := rd.b
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
	if len(cands) == 1 {
		c.finishOK(res, cands[0].Unit, to)
		res.Confidence = conf
		if len(rd.comms) > 1 {
			rd.notes = append(rd.notes, "the name fits "+strconv.Itoa(len(rd.comms))+" units, which all became "+cands[0].Unit.Name)
		}
		if opt.Point != nil && c.loc != nil {
			if code, err := c.loc.LocateCommune(*opt.Point, to); err == nil && code != cands[0].Unit.Code {
				rd.notes = append(rd.notes, "the point given lies in commune "+string(code)+", not in "+cands[0].Unit.Name)
				res.Confidence -= 0.2
			}
		}
		return
	}
	// several candidates
	switch {
	case len(rd.alt) > 0:
	case len(rd.comms) > 1:
		rd.notes = append(rd.notes, "the name fits "+strconv.Itoa(len(rd.comms))+" units ("+unitList(c, rd.comms)+"): add the district or province")
	default:
		rd.notes = append(rd.notes, c.units[rd.comms[0]].u.Name+" was split among "+strconv.Itoa(len(cands))+" communes; coordinates of the address (lat, lon) decide which one holds it")
	}
	if opt.Point != nil {
		if c.loc == nil {
			rd.notes = append(rd.notes, "a point was given but the converter has no boundaries to use it")
		} else {
			code, err := c.loc.LocateCommune(*opt.Point, to)
			if err == nil {
				for _, l := range cands {
					if l.Unit.Code == code {
						c.finishOK(res, l.Unit, to)
						res.Confidence = 0.99
						rd.notes = append(rd.notes, "the point decided it: it lies in "+l.Unit.Name)
						return
					}
				}
				rd.notes = append(rd.notes, "the point lies in commune "+string(code)+", outside every successor: check the point or the address")
			} else {
				rd.notes = append(rd.notes, "the point lies in no commune: "+err.Error())
			}
		}
	}
	res.Status = StatusAmbiguous
	res.Candidates = make([]Candidate, len(cands))
	var prov *dvhc.Unit
	sameProv := true
	for i, l := range cands {
		p := c.province(l.Unit.Province, to)
		res.Candidates[i] = Candidate{Commune: l.Unit, Province: p, Share: l.Share, Note: l.Note(), Address: join(res.Street, l.Unit, p)}
		if i == 0 {
			prov = p
		} else if p != prov {
			sameProv = false
		}
	}
	if sameProv {
		res.Province = prov
	}
	res.Confidence = 1 / float64(len(cands))
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

func (c *Converter) finishOK(res *Result, u *dvhc.Unit, to dvhc.Date) {
	res.Status = StatusOK
	res.Commune = u
	res.Province = c.province(u.Province, to)
	res.Address = join(res.Street, u, res.Province)
}

func join(street string, u, p *dvhc.Unit) string {
	pn := ""
	if p != nil {
		pn = p.Name
	}
	if street == "" {
		return u.Name + ", " + pn
	}
	return street + ", " + u.Name + ", " + pn
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
	if e := c.succ[id].Load(); e != nil && e.to == to {
		return e.links, nil
	}
	u := c.units[id].u
	var links []registry.Link
	if u.ValidAt(to) {
		links = []registry.Link{{Unit: u, Share: dvhc.ShareWhole}}
	} else if to.Before(u.Valid.From) {
		// a new unit asked for before the reform: go back to its own
		// earlier version if any, else refuse
		v, err := c.r.Lookup(u.Level, u.Code, to)
		if err != nil || VintageOf(u) == VintageNew && VintageOf(v) == VintageOld {
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
	c.succ[id].Store(&succEntry{to: to, links: links})
	return links, nil
}

// words returns the input text of a part's name.
func (c *Converter) words(text string, s *scratch, pt part) string {
	return text[s.toks[pt.nameStart].start:s.toks[pt.end-1].end]
}

func (c *Converter) typoNote(text string, s *scratch, b combo) string {
	for _, pt := range [3]part{b.c, b.d, b.p} {
		if pt.u >= 0 && pt.typo {
			return "typo corrected: " + quote(c.words(text, s, pt)) + " read as " + c.units[pt.u].u.Name
		}
	}
	return ""
}

func quote(s string) string { return "“" + s + "”" }
