package address

import (
	"strconv"
	"strings"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/registry"
)

// Convert parses text and converts the commune it names to the units in
// force on opt.To (today when zero). See the package documentation for
// the statuses.
func (c *Converter) Convert(text string, opt Options) Result {
	to := opt.To
	if to.IsZero() {
		to = c.todayDate()
	}
	res := Result{Input: text}
	s := c.getScratch()
	defer c.putScratch(s)
	po := c.parse(text, s)
	if po.nTok == 0 {
		res.Status = StatusInvalid
		res.Note = "empty address: no letters or digits"
		return res
	}
	if !po.ok {
		res.Status = StatusNotFound
		res.Note = "no administrative unit recognised"
		return res
	}
	b := po.best
	n := int32(po.nTok)
	res.Street = c.streetOf(text, s, po.streetEnd, b.first(n))
	nm := b2i(b.c.u >= 0) + b2i(b.d.u >= 0) + b2i(b.p.u >= 0)
	res.Matched = make([]*dvhc.Unit, 0, nm)
	for _, pt := range [3]part{b.c, b.d, b.p} {
		if pt.u >= 0 {
			res.Matched = append(res.Matched, c.units[pt.u].u)
		}
	}
	var notes []string
	if b.c.typo || b.d.typo || b.p.typo {
		notes = append(notes, c.typoNote(text, s, b))
	}
	for _, pt := range [3]part{b.c, b.d, b.p} {
		if pt.u >= 0 && pt.kind == kindAlias {
			notes = append(notes, "former name "+quote(c.words(text, s, pt))+" read as "+c.units[pt.u].u.Name)
		}
	}
	if b.c.u < 0 && b.d.u >= 0 && len(c.r.Children(c.units[b.d.u].u, lastOld)) == 0 {
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
		res.Province, _ = c.r.Lookup(dvhc.LevelProvince, c.newProvCode(tu), to)
		if res.Province == nil || to.Before(reformDay) {
			res.Province, _ = c.r.Lookup(dvhc.LevelProvince, tu.u.Province, to)
		}
		what := tu.u.Name
		if top.u == b.d.u && b.p.u >= 0 {
			what += ", " + c.units[b.p.u].u.Name
		}
		notes = append(notes, "no commune in the address: it names only "+what+
			"; the commune (phường, xã) is needed to place it among the new communes")
		res.Note = strings.Join(notes, "; ")
		return res
	}
	comms := c.tiedCommunes(s)
	if len(comms) == 0 {
		comms = append(comms, b.c.u)
	}
	var cands []registry.Link
	for i, id := range comms {
		links, err := c.successors(id, to)
		if err != nil {
			res.Status = StatusInvalid
			res.Note = err.Error()
			return res
		}
		if i == 0 && len(comms) == 1 {
			cands = links
			break
		}
	add:
		for _, l := range links {
			for _, x := range cands {
				if x.Unit == l.Unit {
					continue add
				}
			}
			cands = append(cands, l)
		}
	}
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
	cu := c.units[comms[0]].u
	if len(cands) == 1 {
		c.finishOK(&res, cands[0].Unit, to)
		res.Confidence = conf
		if len(comms) > 1 {
			notes = append(notes, "the name fits "+strconv.Itoa(len(comms))+" units, which all became "+cands[0].Unit.Name)
		}
		if opt.Point != nil && c.loc != nil {
			if code, err := c.loc.LocateCommune(*opt.Point, to); err == nil && code != cands[0].Unit.Code {
				notes = append(notes, "the point given lies in commune "+string(code)+", not in "+cands[0].Unit.Name)
				res.Confidence -= 0.2
			}
		}
		res.Note = strings.Join(notes, "; ")
		return res
	}
	// several candidates
	if len(comms) > 1 {
		notes = append(notes, "the name fits "+strconv.Itoa(len(comms))+" units ("+unitList(c, comms)+"): add the district or province")
	} else {
		notes = append(notes, cu.Name+" was split among "+strconv.Itoa(len(cands))+" communes; coordinates of the address (lat, lon) decide which one holds it")
	}
	if opt.Point != nil {
		if c.loc == nil {
			notes = append(notes, "a point was given but the converter has no boundaries to use it")
		} else {
			code, err := c.loc.LocateCommune(*opt.Point, to)
			if err == nil {
				for _, l := range cands {
					if l.Unit.Code == code {
						c.finishOK(&res, l.Unit, to)
						res.Confidence = 0.99
						res.Note = strings.Join(append(notes, "the point decided it: it lies in "+l.Unit.Name), "; ")
						return res
					}
				}
				notes = append(notes, "the point lies in commune "+string(code)+", outside every successor: check the point or the address")
			} else {
				notes = append(notes, "the point lies in no commune: "+err.Error())
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
	res.Note = strings.Join(notes, "; ")
	return res
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
