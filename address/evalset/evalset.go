// Package evalset generates a labelled set of messy Vietnamese addresses
// from the registry's own data, and scores an address converter on it.
//
// Each case is an address of an old (2025-06-30) commune written in one
// style — full with tones, without tones, lower or upper case,
// abbreviations, numbered forms, province nicknames, no separators, no
// district, a typo, a person's name as street, a former name — or of a new
// commune as written today, with the new commune(s) the lineage gives: one
// for a commune that moved whole, every successor for a split commune.
package evalset

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/dataset"
	"github.com/dvhc-vn/dvhc/fold"
	"github.com/dvhc-vn/dvhc/registry"
	"golang.org/x/text/unicode/norm"
)

// The styles, in report order.
var Styles = []string{
	"full", "no_tones", "lower", "upper", "abbrev", "numbered", "nickname",
	"no_separators", "no_district", "typo", "new_units", "person_street", "former_name",
}

// Case is one labelled address.
type Case struct {
	Input string
	Style string
	// From is the unit the address was written with: an old commune, or a
	// new one for the new_units style.
	From *dvhc.Unit
	// Want lists the codes of the new communes the address may belong to:
	// one unless the old commune was split.
	Want []dvhc.Code
	// Split is set when the old commune was split (len(Want) > 1).
	Split bool
	// Street is the street part written before the units.
	Street string
}

var (
	reformDay = dvhc.NewDate(2025, 7, 1)
	lastOld   = dvhc.NewDate(2025, 6, 30)
)

// person names that are streets and, somewhere, units.
var personStreets = []string{
	"Nguyễn Trãi", "Lê Lợi", "Trần Hưng Đạo", "Quang Trung", "Hai Bà Trưng", "Lý Thường Kiệt",
	"Nguyễn Du", "Hoàng Hoa Thám", "Phan Chu Trinh", "Nguyễn Văn Cừ", "Lê Hồng Phong", "Trần Phú",
	"Hùng Vương", "Nguyễn Huệ", "Lê Lai", "Võ Thị Sáu", "Nguyễn Thái Học", "Bạch Đằng",
}

var plainStreets = []string{"Đường 3/2", "Đường số 7", "Hẻm 45 Lê Văn Sỹ", "Ngõ 12 Phố Huế", "Tổ 5", "Ấp 3", "Thôn Đông", "Khu phố 2", "Xóm Mới", "Kiệt 20 Hoà Bình", "Số 8 Đường Hoà Bình"}

type gen struct {
	r    *registry.Registry
	rng  *rand.Rand
	to   dvhc.Date
	old  []*dvhc.Unit // old communes
	news []*dvhc.Unit // new communes today
	num  []*dvhc.Unit // old communes with numbered names in numbered districts or not
	nick []*dvhc.Unit // old communes of provinces with nicknames
	keys map[string]bool
	// per old province: folded names of its old communes, with counts
	oldNames map[string]int // province|key → count
	newNames map[string]dvhc.Code
	display  map[string]string // compact key → a written name
}

// Generate builds n cases (spread evenly over the styles) from the units
// of r, reproducibly for a seed. Expected communes are those in force today.
func Generate(r *registry.Registry, seed int64, n int) []Case {
	g := &gen{r: r, rng: rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15)), to: dvhc.Today(),
		keys: map[string]bool{}, oldNames: map[string]int{}, newNames: map[string]dvhc.Code{}, display: map[string]string{}}
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
	}
	for _, u := range r.Units() {
		k := key(u.ShortName)
		g.keys[k] = true
		if _, ok := g.display[k]; !ok {
			g.display[k] = u.ShortName
		}
	}
	for _, a := range r.Data().Aliases {
		g.keys[strings.ReplaceAll(a.Key, "y", "i")] = true
	}
	for _, u := range r.At(g.to, registry.Filter{Level: dvhc.LevelCommune}) {
		g.news = append(g.news, u)
		g.newNames[string(u.Province)+"|"+key(u.ShortName)] = u.Code
	}
	aliases := r.Data().Aliases
	var cases []Case
	for i := 0; len(cases) < n && i < 50*n+100; i++ {
		style := Styles[i%len(Styles)]
		if c, ok := g.one(style, aliases); ok {
			cases = append(cases, c)
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

func (g *gen) pick1(ss []string) string { return ss[g.rng.IntN(len(ss))] }

// one makes a case of a style, or reports false when the random unit does
// not suit it (the generator then tries again).
func (g *gen) one(style string, aliases []dataset.Alias) (Case, bool) {
	var u *dvhc.Unit
	switch style {
	case "numbered":
		u = g.pick(g.num)
	case "nickname":
		u = g.pick(g.nick)
	case "new_units":
		u = g.pick(g.news)
	case "former_name":
		a := aliases[g.rng.IntN(len(aliases))]
		if a.Level != dvhc.LevelCommune || a.SplitFrom {
			return Case{}, false
		}
		v, err := g.r.Lookup(dvhc.LevelCommune, a.Code, lastOld)
		if err != nil {
			return Case{}, false
		}
		// a former name that is also the name of a unit of the same
		// province today or then is not a former name any more
		k := strings.ReplaceAll(a.Key, "y", "i")
		if g.oldNames[string(v.Province)+"|"+k] > 0 || g.newNames[string(g.newProvince(v))+"|"+k] != "" {
			return Case{}, false
		}
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
		return g.label(style, u, st, join(st, typ+" "+name, d.Name, p.Name))
	default:
		u = g.pick(g.old)
	}
	st := g.street()
	if style == "person_street" {
		st = "Số " + strconv.Itoa(1+g.rng.IntN(300)) + " " + g.pick1(personStreets)
	}
	if style == "new_units" {
		p, _ := g.r.Lookup(dvhc.LevelProvince, u.Province, g.to)
		return Case{Input: join(st, u.Name, p.Name), Style: style, From: u, Want: []dvhc.Code{u.Code}, Street: st}, true
	}
	d, p := g.parents(u)
	var in string
	switch style {
	case "full", "person_street":
		in = join(st, u.Name, d.Name, p.Name)
	case "no_tones":
		if g.oldNames[string(u.Parent)+"|"+key(u.ShortName)] > 1 {
			return Case{}, false // without tones the text cannot tell which one
		}
		in = join(stripTones(st), stripTones(u.Name), stripTones(d.Name), stripTones(p.ShortName))
		st = stripTones(st)
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
		if g.rng.IntN(2) == 0 && g.oldNames[string(u.Parent)+"|"+key(u.ShortName)] == 1 {
			in = stripTones(strings.ToLower(in))
			st = stripTones(strings.ToLower(st))
		}
	case "no_district":
		k := key(u.ShortName)
		if g.oldNames[string(u.Province)+"|"+k] > 1 {
			return Case{}, false // the text cannot tell which one
		}
		if code := g.newNames[string(g.newProvince(u))+"|"+k]; code != "" {
			// a commune of today has the name: the text reads as that one
			links, _ := g.r.Successors(u, g.to)
			if len(links) != 1 || links[0].Unit.Code != code {
				return Case{}, false
			}
		}
		in = join(st, u.Name, p.Name)
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
	}
	return g.label(style, u, st, in)
}

func (g *gen) label(style string, u *dvhc.Unit, st, in string) (Case, bool) {
	links, err := g.r.Successors(u, g.to)
	if err != nil || len(links) == 0 {
		return Case{}, false
	}
	c := Case{Input: in, Style: style, From: u, Street: st, Split: len(links) > 1}
	for _, l := range links {
		c.Want = append(c.Want, l.Unit.Code)
	}
	return c, true
}

func (g *gen) parents(u *dvhc.Unit) (d, p *dvhc.Unit) {
	d, _ = g.r.Lookup(dvhc.LevelDistrict, u.Parent, lastOld)
	p, _ = g.r.Lookup(dvhc.LevelProvince, u.Province, lastOld)
	return d, p
}

func (g *gen) newProvince(u *dvhc.Unit) dvhc.Code {
	p, _ := g.r.Lookup(dvhc.LevelProvince, u.Province, lastOld)
	if p == nil {
		return ""
	}
	links, _ := g.r.Successors(p, g.to)
	if len(links) == 0 {
		return ""
	}
	return links[0].Unit.Code
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
	}
	return g.pick1(ns)
}

// typo changes one letter of a name of five letters or more, so that the
// result is no other unit's name.
func (g *gen) typo(name string) (string, bool) {
	if len(key(name)) < 5 || isNumber(name) {
		return "", false
	}
	rs := []rune(norm.NFC.String(name))
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

// stripTones removes tones and other marks but keeps case and spacing.
func stripTones(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteRune('d')
		case r == 'Đ':
			b.WriteRune('D')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
