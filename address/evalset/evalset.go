// Package evalset generates a labelled set of messy Vietnamese addresses
// from the registry's own data, and scores an address converter on it.
//
// Each case is an address of an old (2025-06-30) commune written in one
// style — full with tones, without tones, lower or upper case,
// abbreviations, numbered forms, province nicknames, no separators, no
// district, a typo, a person's name as street, a former name, type words
// dropped, hamlet prefixes, odd separators, district or province names
// that are also commune names, bare numbers, dotted abbreviations, the
// province first and the street last — or of a new commune as written
// today. No case is skipped for having no single
// answer: every case carries the truth (Want: the new communes the lineage
// gives for the unit written) and the set of answers an `ok` may give
// (Accept: empty when the text, read with every unit that bears its names
// in the scope it gives, leads to several new communes, or when the
// commune was split).
package evalset

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/fold"
	"github.com/dvhc-vn/dvhc/registry"
)

// The styles, in report order.
var Styles = []string{
	"full", "no_tones", "lower", "upper", "abbrev", "numbered", "nickname",
	"no_separators", "no_district", "typo", "new_units", "person_street", "former_name",
	// the ways people write without the official form
	"untyped", "partly_typed", "hamlet", "separators", "district_is_commune",
	"province_is_commune", "new_merged", "bare_numbered", "typo_untyped", "mixed_case", "dotted",
	// appended styles: generated after the others, with a random source of
	// their own, so that the cases of the styles above do not move
	"province_first",
}

// baseStyles is how many of Styles share the main random sequence.
const baseStyles = 24

// Case is one labelled address.
type Case struct {
	Input string
	Style string
	// From is the unit the address was written with: an old commune, or a
	// new one for the new_units and new_merged styles.
	From *dvhc.Unit
	// Want lists the codes of the new communes From became (the truth):
	// one unless the commune was split.
	Want []dvhc.Code
	// Accept lists the communes an ok answer may give: Want when the text
	// has a single answer, empty when it has none (a split commune, or
	// names that several units bear in the scope written).
	Accept []dvhc.Code
	// Split is set when the commune was split (len(Want) > 1).
	Split bool
	// Street is the street part written before the units.
	Street string
}

// Ambiguous reports whether the case has no single answer: the right
// answer is then ambiguous with every commune of Want among the
// candidates.
func (c Case) Ambiguous() bool { return len(c.Accept) == 0 }

// lastOld is the last day of the old vintage.
var lastOld = dvhc.LastOldDay

// person names that are streets and, somewhere, units.
var personStreets = []string{
	"Nguyễn Trãi", "Lê Lợi", "Trần Hưng Đạo", "Quang Trung", "Hai Bà Trưng", "Lý Thường Kiệt",
	"Nguyễn Du", "Hoàng Hoa Thám", "Phan Chu Trinh", "Nguyễn Văn Cừ", "Lê Hồng Phong", "Trần Phú",
	"Hùng Vương", "Nguyễn Huệ", "Lê Lai", "Võ Thị Sáu", "Nguyễn Thái Học", "Bạch Đằng",
}

var plainStreets = []string{"Đường 3/2", "Đường số 7", "Hẻm 45 Lê Văn Sỹ", "Ngõ 12 Phố Huế", "Tổ 5", "Ấp 3", "Thôn Đông", "Khu phố 2", "Xóm Mới", "Kiệt 20 Hoà Bình", "Số 8 Đường Hoà Bình"}

// hamlet words, written before a number or a name.
var hamletWords = []string{"Thôn", "Xóm", "Ấp", "Tổ", "Khu phố", "KP", "TDP", "Tổ dân phố", "Bản", "Khóm", "Khu", "Buôn", "Làng", "Cụm", "Đội", "thôn", "xóm", "ấp", "tổ", "kp"}

// scope is what a text says about its units, for labelling: the folded
// names written and the type words written with them ("" untyped).
type scope struct {
	ckey, ctype string
	dkey, dtype string    // dkey "": no district written
	prov        dvhc.Code // new province written or implied; "": none
	// oldProv is the old province written when its name is not the new
	// province's (Yên Bái, Bến Tre): it bounds the old communes
	oldProv dvhc.Code
	// cmarks and dmarks are the marks of the names written (see marksOf),
	// "" when written without tones: names that differ by a tone are
	// then different names.
	cmarks, dmarks string
}

type gen struct {
	r    *registry.Registry
	rng  *rand.Rand
	to   dvhc.Date
	old  []*dvhc.Unit // old communes
	news []*dvhc.Unit // new communes today
	num  []*dvhc.Unit // old communes with numbered names
	nick []*dvhc.Unit // old communes of provinces with nicknames
	keys map[string]bool
	// names in scope, for labelling
	oldByKey  map[string][]*dvhc.Unit // key → old communes (names and former names)
	newByKey  map[string][]*dvhc.Unit // key → new communes today
	distByKey map[string][]*dvhc.Unit // key → old districts
	newProv   map[dvhc.Code]dvhc.Code // old province → new province
	renamed   map[dvhc.Code]bool      // old provinces whose name no new province bears
	sameName  map[dvhc.Code]dvhc.Code // new province → old province of the same name
	formerTyp map[string]string       // code|key of a former name → its former type
	newNames  map[string]dvhc.Code    // new province|key → new commune
	oldNames  map[string]int          // old province|key → count
	display   map[string]string       // compact key → a written name
	succ      map[*dvhc.Unit][]dvhc.Code

	distIsComm []*dvhc.Unit // old communes whose district's name is a new commune's
	provIsComm []*dvhc.Unit // old communes whose province's name is a commune's
	merged     []*dvhc.Unit // new communes named as a district of another old province
}

// Generate builds n cases (spread evenly over the first 24 styles), then
// n/24 cases of each appended style (province_first), from the units of
// r, reproducibly for a seed. Expected communes are those in force today.
func Generate(r *registry.Registry, seed int64, n int) []Case {
	g := &gen{r: r, rng: rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15)), to: dvhc.Today(),
		keys: map[string]bool{}, oldNames: map[string]int{}, newNames: map[string]dvhc.Code{}, display: map[string]string{},
		oldByKey: map[string][]*dvhc.Unit{}, newByKey: map[string][]*dvhc.Unit{}, distByKey: map[string][]*dvhc.Unit{},
		newProv: map[dvhc.Code]dvhc.Code{}, succ: map[*dvhc.Unit][]dvhc.Code{}, renamed: map[dvhc.Code]bool{}, sameName: map[dvhc.Code]dvhc.Code{}, formerTyp: map[string]string{}}
	for _, p := range r.At(lastOld, registry.Filter{Level: dvhc.LevelProvince}) {
		if links, _ := r.Successors(p, g.to); len(links) > 0 {
			g.newProv[p.Code] = links[0].Unit.Province
		}
	}
	for _, u := range r.At(lastOld, registry.Filter{Level: dvhc.LevelCommune}) {
		g.old = append(g.old, u)
		if isNumber(u.ShortName) {
			g.num = append(g.num, u)
		}
		switch u.Province {
		case "01", "79", "77", "46":
			g.nick = append(g.nick, u)
		}
		g.oldNames[string(u.Province)+"|"+key(u.ShortName)]++
		g.oldNames[string(u.Parent)+"|"+key(u.ShortName)]++
		g.oldByKey[key(u.ShortName)] = append(g.oldByKey[key(u.ShortName)], u)
	}
	for _, a := range r.FormerNames() {
		if a.Level != dvhc.LevelCommune {
			continue
		}
		if v, err := r.Lookup(dvhc.LevelCommune, a.Code, lastOld); err == nil {
			k := strings.ReplaceAll(a.Key, "y", "i")
			g.formerTyp[string(v.Code)+"|"+k] = a.FormerType
			if !slices.Contains(g.oldByKey[k], v) {
				g.oldByKey[k] = append(g.oldByKey[k], v)
			}
		}
	}
	for _, u := range r.At(lastOld, registry.Filter{Level: dvhc.LevelDistrict}) {
		g.distByKey[key(u.ShortName)] = append(g.distByKey[key(u.ShortName)], u)
	}
	for _, u := range r.Units() {
		k := key(u.ShortName)
		g.keys[k] = true
		if _, ok := g.display[k]; !ok {
			g.display[k] = u.ShortName
		}
	}
	for _, a := range r.FormerNames() {
		g.keys[strings.ReplaceAll(a.Key, "y", "i")] = true
	}
	for _, u := range r.At(g.to, registry.Filter{Level: dvhc.LevelCommune}) {
		g.news = append(g.news, u)
		g.newNames[string(u.Province)+"|"+key(u.ShortName)] = u.Code
		g.newByKey[key(u.ShortName)] = append(g.newByKey[key(u.ShortName)], u)
	}
	oldProvName := map[dvhc.Code]string{}
	for _, p := range r.At(lastOld, registry.Filter{Level: dvhc.LevelProvince}) {
		oldProvName[p.Code] = key(p.ShortName)
	}
	newProvName := map[dvhc.Code]string{}
	for _, p := range r.At(g.to, registry.Filter{Level: dvhc.LevelProvince}) {
		newProvName[p.Code] = key(p.ShortName)
	}
	for code, k := range oldProvName {
		if newProvName[g.newProv[code]] != k {
			g.renamed[code] = true
		} else {
			g.sameName[g.newProv[code]] = code
		}
	}
	for _, u := range g.old {
		np := g.newProv[u.Province]
		if d, _ := r.Lookup(dvhc.LevelDistrict, u.Parent, lastOld); d != nil && g.newNames[string(np)+"|"+key(d.ShortName)] != "" {
			g.distIsComm = append(g.distIsComm, u)
		}
		pk := oldProvName[u.Province]
		if g.oldNames[string(u.Province)+"|"+pk] > 0 || g.newNames[string(np)+"|"+pk] != "" {
			g.provIsComm = append(g.provIsComm, u)
		}
	}
	for _, u := range g.news {
		for _, d := range g.distByKey[key(u.ShortName)] {
			if g.newProv[d.Province] == u.Province && oldProvName[d.Province] != newProvName[u.Province] {
				g.merged = append(g.merged, u)
				break
			}
		}
	}
	aliases := r.FormerNames()
	var cases []Case
	for i := 0; len(cases) < n && i < 50*n+100; i++ {
		style := Styles[i%baseStyles]
		if c, ok := g.one(style, aliases); ok {
			cases = append(cases, c)
		}
	}
	// the appended styles: as many cases each as a base style has
	for k, style := range Styles[baseStyles:] {
		g.rng = rand.New(rand.NewPCG(uint64(seed), 0x5851f42d4c957f2d+uint64(k)))
		m := 0
		for i := 0; m < n/baseStyles && i < 50*n+100; i++ {
			if c, ok := g.one(style, aliases); ok {
				cases = append(cases, c)
				m++
			}
		}
	}
	return cases
}

func (g *gen) pick(us []*dvhc.Unit) *dvhc.Unit { return us[g.rng.IntN(len(us))] }

func (g *gen) street() string {
	switch g.rng.IntN(4) {
	case 0:
		return ""
	case 1:
		return g.pick1(plainStreets)
	}
	return "Số " + strconv.Itoa(1+g.rng.IntN(300)) + " " + g.pick1(personStreets)
}

// hamlet returns a hamlet or group written with its word and a number or
// a name (the name of some unit, to make it a trap).
func (g *gen) hamlet() string {
	w := g.pick1(hamletWords)
	switch g.rng.IntN(3) {
	case 0:
		return w + " " + g.pick(g.old).ShortName
	case 1:
		if w == "KP" || w == "kp" {
			return w + strconv.Itoa(1+g.rng.IntN(12))
		}
	}
	return w + " " + strconv.Itoa(1+g.rng.IntN(15))
}

func (g *gen) pick1(ss []string) string { return ss[g.rng.IntN(len(ss))] }

// one makes a case of a style, or reports false when the random unit does
// not suit it (the generator then tries again).
func (g *gen) one(style string, aliases []dvhc.FormerName) (Case, bool) {
	var u *dvhc.Unit
	switch style {
	case "numbered", "bare_numbered":
		u = g.pick(g.num)
	case "nickname":
		u = g.pick(g.nick)
	case "new_units":
		u = g.pick(g.news)
	case "new_merged":
		u = g.pick(g.merged)
	case "district_is_commune":
		u = g.pick(g.distIsComm)
	case "province_is_commune":
		u = g.pick(g.provIsComm)
	case "former_name":
		a := aliases[g.rng.IntN(len(aliases))]
		if a.Level != dvhc.LevelCommune {
			return Case{}, false
		}
		v, err := g.r.Lookup(dvhc.LevelCommune, a.Code, lastOld)
		if err != nil {
			return Case{}, false
		}
		k := strings.ReplaceAll(a.Key, "y", "i")
		u = v
		name := a.Key
		if d, ok := g.display[k]; ok {
			name = d
		}
		typ := a.FormerType
		if typ == "" {
			typ = v.Type
		}
		d, p := g.parents(u)
		st := g.street()
		return g.label(style, u, st, join(st, typ+" "+name, d.Name, p.Name),
			scope{ckey: k, ctype: typ, dkey: key(d.ShortName), dtype: d.Type, prov: g.newProv[p.Code], cmarks: fold.MarkKey(name), dmarks: fold.MarkKey(d.ShortName)})
	default:
		u = g.pick(g.old)
	}
	st := g.street()
	if style == "person_street" {
		st = "Số " + strconv.Itoa(1+g.rng.IntN(300)) + " " + g.pick1(personStreets)
	}
	if style == "hamlet" {
		st = g.hamlet()
		if g.rng.IntN(3) == 0 {
			st = "Số " + strconv.Itoa(1+g.rng.IntN(300)) + ", " + st
		}
	}
	if style == "new_units" || style == "new_merged" {
		p, _ := g.r.Lookup(dvhc.LevelProvince, u.Province, g.to)
		cn, pn, ct := u.Name, p.Name, u.Type
		if style == "new_merged" && g.rng.IntN(2) == 0 {
			cn, pn, ct = u.ShortName, p.ShortName, ""
		}
		return g.labelNew(style, u, st, join(st, cn, pn), scope{ckey: key(u.ShortName), ctype: ct, prov: u.Province})
	}
	d, p := g.parents(u)
	ck, dk := key(u.ShortName), key(d.ShortName)
	np := g.newProv[p.Code]
	full := scope{ckey: ck, ctype: u.Type, dkey: dk, dtype: d.Type, prov: np}
	bare := scope{ckey: ck, dkey: dk, prov: np}
	var in string
	sc := full
	switch style {
	case "full", "person_street":
		in = join(st, u.Name, d.Name, p.Name)
	case "no_tones":
		in = join(fold.Unaccent(st), fold.Unaccent(u.Name), fold.Unaccent(d.Name), fold.Unaccent(p.ShortName))
		st = fold.Unaccent(st)
	case "lower":
		in = strings.ToLower(join(st, u.Name, d.Name, p.ShortName))
		st = strings.ToLower(st)
	case "upper":
		in = strings.ToUpper(join(st, u.Name, d.Name, p.Name))
		st = strings.ToUpper(st)
	case "abbrev":
		in = join(st, abbrev(u), abbrev(d), abbrev(p))
	case "numbered":
		in = join(st, numbered(g, u), numbered(g, d), p.ShortName)
	case "nickname":
		in = join(st, u.Name, d.Name, g.nickname(p.Code))
	case "no_separators":
		in = strings.Join(nonEmpty(st, u.Name, d.Name, p.ShortName), " ")
		if g.rng.IntN(2) == 0 {
			in = fold.Unaccent(strings.ToLower(in))
			st = fold.Unaccent(strings.ToLower(st))
		}
	case "no_district":
		in = join(st, u.Name, p.Name)
		sc = scope{ckey: ck, ctype: u.Type, prov: np}
	case "typo":
		which := g.rng.IntN(3)
		names := []*dvhc.Unit{u, d, p}
		t := names[which]
		typoed, ok := g.typo(t.ShortName)
		if !ok {
			return Case{}, false
		}
		parts := []string{u.Name, d.Name, p.Name}
		parts[which] = t.Type + " " + typoed
		in = join(st, parts...)
	case "untyped", "district_is_commune", "province_is_commune":
		sc = bare
		cn, dn := u.ShortName, d.ShortName
		if isNumber(cn) {
			cn, sc.ctype = u.Name, u.Type
		}
		if isNumber(dn) {
			dn, sc.dtype = d.Name, d.Type
		}
		switch g.rng.IntN(4) {
		case 0:
			in = join(st, cn, p.ShortName)
			sc.dkey = ""
		case 1:
			in = strings.ToLower(fold.Unaccent(join(st, cn, dn, p.ShortName)))
			st = strings.ToLower(fold.Unaccent(st))
		default:
			in = join(st, cn, dn, p.ShortName)
		}
	case "partly_typed":
		parts := []string{u.ShortName, d.ShortName, p.ShortName}
		sc = bare
		if isNumber(u.ShortName) || g.rng.IntN(2) == 0 {
			parts[0], sc.ctype = u.Name, u.Type
		}
		if isNumber(d.ShortName) || g.rng.IntN(2) == 0 {
			parts[1], sc.dtype = d.Name, d.Type
		}
		if g.rng.IntN(2) == 0 {
			parts[2] = p.Name
		}
		if g.rng.IntN(3) == 0 && !isNumber(u.ShortName) {
			parts[0], sc.ctype = abbrev(u), u.Type
		}
		in = join(st, parts...)
	case "hamlet":
		if g.rng.IntN(2) == 0 {
			in = join(st, u.Name, d.Name, p.Name)
		} else {
			sc = bare
			in = join(st, numbered(g, u), d.ShortName, p.ShortName)
			if isNumber(u.ShortName) {
				sc.ctype = u.Type
			}
		}
	case "separators":
		sep := g.pick1([]string{" - ", " , ", ",", " ", " – ", "; "})
		in = strings.Join(nonEmpty(st, u.Name, d.Name, p.Name), sep)
	case "bare_numbered":
		switch g.rng.IntN(3) {
		case 0: // P12, Q10 (no province)
			in = join(st, numbered(g, u), numbered(g, d))
			sc.prov = ""
		case 1: // 12, Gò Vấp, HCM
			if isNumber(d.ShortName) {
				return Case{}, false
			}
			in = join(st, u.ShortName, d.ShortName, p.ShortName)
			sc = bare
		default: // p12 q10 hcm
			in = strings.ToLower(strings.Join(nonEmpty(st, numbered(g, u), numbered(g, d), g.nickname(p.Code)), " "))
			st = strings.ToLower(st)
		}
	case "typo_untyped":
		which := g.rng.IntN(2)
		parts := []string{u.ShortName, d.ShortName, p.ShortName}
		typoed, ok := g.typo(parts[which])
		if !ok || isNumber(u.ShortName) || isNumber(d.ShortName) {
			return Case{}, false
		}
		parts[which] = typoed
		in = join(st, parts...)
		sc = bare
	case "mixed_case":
		if g.rng.IntN(2) == 0 || isNumber(u.ShortName) || isNumber(d.ShortName) {
			st = mixCase(g, st)
			in = join(st, mixCase(g, u.Name), mixCase(g, d.Name), mixCase(g, p.ShortName))
		} else {
			st = strings.ToUpper(st)
			in = join(st, strings.ToUpper(u.ShortName), strings.ToUpper(d.ShortName), strings.ToUpper(p.ShortName))
			sc = bare
		}
	case "dotted":
		in = join(st, dotted(g, u), dotted(g, d), dotted(g, p))
	case "province_first":
		// largest unit first, the street last: "Hà Nội, Hoàn Kiếm, Hàng
		// Bạc", "TP.HCM - Quận 5 - Phường 7 - 12 Nguyễn Trãi"
		sep := g.pick1([]string{", ", " - ", " , ", "; "})
		var parts []string
		switch g.rng.IntN(4) {
		case 0:
			parts = []string{p.Name, d.Name, u.Name}
		case 1: // untyped, as in the first example
			sc = bare
			cn, dn := u.ShortName, d.ShortName
			if isNumber(cn) {
				cn, sc.ctype = u.Name, u.Type
			}
			if isNumber(dn) {
				dn, sc.dtype = d.Name, d.Type
			}
			parts = []string{g.nickname(p.Code), dn, cn}
		case 2: // no district
			parts = []string{p.ShortName, u.Name}
			sc = scope{ckey: ck, ctype: u.Type, prov: np}
		default: // abbreviated or numbered, as in the second example
			parts = []string{g.nickname(p.Code), numbered(g, d), numbered(g, u)}
		}
		in = strings.Join(nonEmpty(append(parts, st)...), sep)
	}
	return g.label(style, u, st, in, sc)
}

// successors returns the codes of the new communes u became, cached.
func (g *gen) successors(u *dvhc.Unit) []dvhc.Code {
	if s, ok := g.succ[u]; ok {
		return s
	}
	var out []dvhc.Code
	if u.ValidAt(g.to) {
		out = []dvhc.Code{u.Code}
	} else {
		links, _ := g.r.Successors(u, g.to)
		for _, l := range links {
			out = append(out, l.Unit.Code)
		}
	}
	g.succ[u] = out
	return out
}

// readings returns every unit the scope's names may denote: old communes
// (by name or former name) of that type in that district, or in that
// province when no district is written; new communes of that name in the
// province when no district is written. A former name counts only when no
// unit in the scope bears the name officially.
func (g *gen) readings(sc scope) []*dvhc.Unit {
	var out []*dvhc.Unit
	official := false
	if sc.dkey == "" {
		for _, u := range g.newByKey[sc.ckey] {
			if sc.prov != "" && u.Province != sc.prov || sc.ctype != "" && u.Type != sc.ctype ||
				sc.cmarks != "" && fold.MarkKey(u.ShortName) != sc.cmarks {
				continue
			}
			out = append(out, u)
			official = true
		}
	}
	var formers []*dvhc.Unit
	for _, u := range g.oldByKey[sc.ckey] {
		if sc.prov != "" && g.newProv[u.Province] != sc.prov || sc.oldProv != "" && u.Province != sc.oldProv {
			continue
		}
		former := key(u.ShortName) != sc.ckey
		if !former && sc.ctype != "" && u.Type != sc.ctype {
			continue
		}
		if !former && sc.cmarks != "" && fold.MarkKey(u.ShortName) != sc.cmarks {
			continue
		}
		if ft := g.formerTyp[string(u.Code)+"|"+sc.ckey]; former && sc.ctype != "" && ft != "" && ft != sc.ctype {
			continue // a former name of another type than the one written
		}
		if sc.dkey != "" {
			d, _ := g.r.Lookup(dvhc.LevelDistrict, u.Parent, lastOld)
			if d == nil || key(d.ShortName) != sc.dkey || sc.dtype != "" && d.Type != sc.dtype ||
				sc.dmarks != "" && fold.MarkKey(d.ShortName) != sc.dmarks {
				continue
			}
		}
		if former {
			formers = append(formers, u)
			continue
		}
		out = append(out, u)
		official = true
	}
	if !official {
		out = append(out, formers...)
	}
	return out
}

// label makes the case of unit u: Want is the lineage of u; Accept is
// Want when every reading of the text leads to the same single commune.
func (g *gen) label(style string, u *dvhc.Unit, st, in string, sc scope) (Case, bool) {
	want := g.successors(u)
	if len(want) == 0 {
		return Case{}, false
	}
	if sc.prov != "" {
		// the province written bounds the former communes to those of
		// the province of that name
		sc.oldProv = u.Province
		if dvhc.VintageOf(u) != dvhc.VintageOld {
			sc.oldProv = g.sameName[u.Province]
			if sc.oldProv == "" {
				sc.oldProv = "none"
			}
		}
	}
	if in != fold.Unaccent(in) && sc.cmarks == "" {
		sc.cmarks = fold.MarkKey(u.ShortName)
		if u.Level == dvhc.LevelCommune && sc.dkey != "" {
			if d, _ := g.r.Lookup(dvhc.LevelDistrict, u.Parent, lastOld); d != nil {
				sc.dmarks = fold.MarkKey(d.ShortName)
			}
		}
	}
	c := Case{Input: in, Style: style, From: u, Street: st, Split: len(want) > 1, Want: want}
	if len(want) == 1 {
		c.Accept = want
		for _, v := range g.readings(sc) {
			if s := g.successors(v); len(s) != 1 || s[0] != want[0] {
				c.Accept = nil
				break
			}
		}
	}
	return c, true
}

// labelNew labels an address written in new units.
func (g *gen) labelNew(style string, u *dvhc.Unit, st, in string, sc scope) (Case, bool) {
	c, ok := g.label(style, u, st, in, sc)
	// an old commune of the same name in the province is another reading
	// unless it became this one
	return c, ok
}

func (g *gen) parents(u *dvhc.Unit) (d, p *dvhc.Unit) {
	d, _ = g.r.Lookup(dvhc.LevelDistrict, u.Parent, lastOld)
	p, _ = g.r.Lookup(dvhc.LevelProvince, u.Province, lastOld)
	return d, p
}

func (g *gen) nickname(code dvhc.Code) string {
	var ns []string
	switch code {
	case "01":
		ns = []string{"HN", "Hà Nội", "TP Hà Nội", "Tp.HN"}
	case "79":
		ns = []string{"TP.HCM", "HCM", "Sài Gòn", "TPHCM", "Tp. Hồ Chí Minh", "hcmc"}
	case "77":
		ns = []string{"BR-VT", "BRVT", "Bà Rịa Vũng Tàu"}
	case "46":
		ns = []string{"TT Huế", "TT-Huế", "Thừa Thiên-Huế", "Huế"}
	default:
		p, _ := g.r.Lookup(dvhc.LevelProvince, code, lastOld)
		return p.ShortName
	}
	return g.pick1(ns)
}

// typo changes one letter of a name of five letters or more, so that the
// result is no other unit's name.
func (g *gen) typo(name string) (string, bool) {
	if len(key(name)) < 5 || isNumber(name) {
		return "", false
	}
	rs := []rune(fold.NFC(name))
	for try := 0; try < 10; try++ {
		i := g.rng.IntN(len(rs))
		if !unicode.IsLetter(rs[i]) {
			continue
		}
		out := slices.Clone(rs)
		switch g.rng.IntN(3) {
		case 0: // substitution
			out[i] = rune('a' + g.rng.IntN(26))
		case 1: // deletion
			out = append(out[:i], out[i+1:]...)
		case 2: // duplication
			out = slices.Insert(out, i, out[i])
		}
		s := string(out)
		k := key(s)
		if k == key(name) || g.keys[k] || len(strings.Fields(s)) != len(strings.Fields(name)) {
			continue
		}
		return s, true
	}
	return "", false
}

func abbrev(u *dvhc.Unit) string {
	a := map[string]string{"Phường": "P.", "Xã": "X.", "Thị trấn": "TT.", "Quận": "Q.", "Huyện": "H.", "Thị xã": "TX.", "Thành phố": "TP.", "Tỉnh": "T."}[u.Type]
	if a == "" {
		return u.Name
	}
	return a + u.ShortName
}

// dotted writes a type word in one of its dotted or short forms.
func dotted(g *gen, u *dvhc.Unit) string {
	var forms []string
	switch u.Type {
	case "Thành phố":
		forms = []string{"T.P ", "TP. ", "Tp ", "Tp. ", "T.P. ", "TP "}
	case "Thị xã":
		forms = []string{"T.X ", "TX. ", "Tx ", "Tx. ", "T.X. ", "TX "}
	case "Thị trấn":
		forms = []string{"T.T ", "TT. ", "Tt ", "T.Tr ", "TT "}
	case "Phường":
		forms = []string{"P. ", "Ph. ", "P."}
	case "Xã":
		forms = []string{"X. ", "Xã ", "x. "}
	case "Quận":
		forms = []string{"Q. ", "Q.", "Q "}
	case "Huyện":
		forms = []string{"H. ", "H.", "Huyện "}
	case "Tỉnh":
		forms = []string{"T. ", "Tỉnh ", ""}
	default:
		return u.Name
	}
	return g.pick1(forms) + u.ShortName
}

// mixCase changes the case of some words.
func mixCase(g *gen, s string) string {
	ws := strings.Split(s, " ")
	for i, w := range ws {
		switch g.rng.IntN(3) {
		case 0:
			ws[i] = strings.ToUpper(w)
		case 1:
			ws[i] = strings.ToLower(w)
		}
	}
	return strings.Join(ws, " ")
}

func numbered(g *gen, u *dvhc.Unit) string {
	if !isNumber(u.ShortName) {
		if g.rng.IntN(2) == 0 {
			return abbrev(u)
		}
		return u.Name
	}
	n := u.ShortName
	pad := n
	if len(n) == 1 {
		pad = "0" + n
	}
	if u.Level == dvhc.LevelDistrict {
		return g.pick1([]string{"Q" + n, "Q." + n, "Quận " + pad, "q" + n})
	}
	return g.pick1([]string{"P" + n, "F" + n, "P." + pad, "Phường " + pad, "F." + n, "p" + pad})
}

func join(street string, parts ...string) string {
	return strings.Join(nonEmpty(append([]string{street}, parts...)...), ", ")
}

func nonEmpty(ss ...string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// key is the folded compact key with the i/y variant folded as the
// address parser does (every y read as i).
func key(s string) string { return strings.ReplaceAll(fold.Compact(s), "y", "i") }
