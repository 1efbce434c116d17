package address

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc"
)

// TestDelHashes checks delHashes against delHashesRef, the three-array
// form it replaced, on random keys of every length up to 80.
func TestDelHashes(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := range 81 {
		for range 20 {
			b := make([]byte, n)
			for i := range b {
				b[i] = byte('a' + rng.IntN(26))
			}
			got := delHashes([]uint64{7}, string(b))
			want := delHashesRef([]uint64{7}, string(b))
			if !slices.Equal(got, want) {
				t.Fatalf("delHashes(%q) = %x, want %x", b, got, want)
			}
			if h := fullHash(string(b)); h != want[1] {
				t.Fatalf("fullHash(%q) = %x, want %x", b, h, want[1])
			}
		}
	}
}

// maxDelKey is the longest key delHashesRef hashes without allocating.
const maxDelKey = 63

// delHashesRef is delHashes as first written.
func delHashesRef(dst []uint64, s string) []uint64 {
	n := len(s)
	var pre, suf, pw [maxDelKey + 2]uint64
	var pres, sufs, pws []uint64
	if n <= maxDelKey {
		pres, sufs, pws = pre[:n+1], suf[:n+1], pw[:n+1]
	} else {
		pres, sufs, pws = make([]uint64, n+1), make([]uint64, n+1), make([]uint64, n+1)
	}
	pws[0] = 1
	for i := 0; i < n; i++ {
		pres[i+1] = pres[i]*polyP + uint64(s[i])
		pws[i+1] = pws[i] * polyP
	}
	sufs[n] = 0
	for i := n - 1; i >= 0; i-- {
		sufs[i] = uint64(s[i])*pws[n-1-i] + sufs[i+1]
	}
	dst = append(dst, mix64(pres[n]^uint64(n)<<56))
	for d := 0; d < n; d++ {
		dst = append(dst, mix64((pres[d]*pws[n-1-d]+sufs[d+1])^uint64(n-1)<<56))
	}
	return dst
}

// typoNames returns the names filed in the typo index, each once, in the
// order of their first entry.
func typoNames(ti *typoIndex) []string {
	var names []string
	seen := map[uint32]bool{}
	for i := range ti.ents {
		e := &ti.ents[i]
		if e.klen == 0 || seen[e.rec] {
			continue
		}
		seen[e.rec] = true
		names = append(names, ti.key(e))
	}
	return names
}

// TestTypoNeighbours checks that the hits of a key that is a name, listed
// in its record at build time, are those the probe of its deletions
// finds, in the same order, for every name and for a few keys one edit
// away from names (which probe).
func TestTypoNeighbours(t *testing.T) {
	c := conv(t)
	c.typoOnce.Do(c.buildTypoIndex)
	ti := c.typo
	var s scratch
	named := 0
	for _, key := range typoNames(ti) {
		for _, k := range []string{key, key[1:], key + "a", key[:len(key)-1] + "q"} {
			got := ti.hits(nil, k, 3, &s)
			s.dels = delHashes(s.dels[:0], k)
			want := ti.probe(nil, k, 3, &s)
			if !slices.Equal(got, want) {
				t.Fatalf("hits(%q) = %v, probe finds %v", k, got, want)
			}
			if k == key && len(got) > 0 {
				named++
			}
		}
	}
	if named == 0 {
		t.Fatal("no name has neighbours")
	}
}

// TestKeyRangeHoldsFits checks, on the embedded data, what typoOptions
// relies on: every unit that fits parts p and d (fit) has its sort key
// within keyRange of its level and p and d, for every province or none as
// p and every district or none as d (the parts search lists above a
// commune or a district; below a district, both look at the district
// only).
func TestKeyRangeHoldsFits(t *testing.T) {
	c := conv(t)
	provs, dists := []part{none}, []part{none}
	for id := range c.units {
		switch c.units[id].level {
		case dvhc.LevelProvince:
			provs = append(provs, part{u: int32(id)})
		case dvhc.LevelDistrict:
			dists = append(dists, part{u: int32(id)})
		}
	}
	if len(provs) < 60 || len(dists) < 600 {
		t.Fatalf("%d provinces, %d districts", len(provs)-1, len(dists)-1)
	}
	checked := 0
	for id := range c.units {
		ui := &c.units[id]
		sk := sortKey(ui)
		ds := dists
		if ui.level != dvhc.LevelCommune {
			ds = dists[:1] // a district or province has none above it
		}
		for pi := range provs {
			if ui.level == dvhc.LevelProvince && pi > 0 {
				break
			}
			for di := range ds {
				if pi > 0 && di > 0 {
					break // below a district, p is not looked at
				}
				p, d := &provs[pi], &ds[di]
				if !c.fit(ui, p, d) {
					continue
				}
				checked++
				if lo, hi := c.keyRange(ui.level, p, d); sk < lo || sk >= hi {
					t.Fatalf("unit %s fits p %d d %d, but its sort key %x is outside [%x, %x)", ui.u.Code, p.u, d.u, sk, lo, hi)
				}
			}
		}
	}
	if checked < len(c.units) {
		t.Fatalf("only %d fits checked", checked)
	}
}

// TestMayHit checks the proof of mayHit on every name: every key one edit
// away from it (each deletion, transposition, and a substitution and an
// insertion at each position) may hit, and so does the name; and that the
// filter does reject keys far from every name.
func TestMayHit(t *testing.T) {
	c := conv(t)
	c.typoOnce.Do(c.buildTypoIndex)
	ti := c.typo
	rng := rand.New(rand.NewPCG(5, 6))
	letter := func() string { return string(rune('a' + rng.IntN(26))) }
	for _, n := range typoNames(ti) {
		keys := []string{n}
		for p := 0; p <= len(n); p++ {
			keys = append(keys, n[:p]+letter()+n[p:])
			if p < len(n) {
				keys = append(keys, n[:p]+n[p+1:], n[:p]+letter()+n[p+1:])
			}
			if p+1 < len(n) {
				keys = append(keys, n[:p]+n[p+1:p+2]+n[p:p+1]+n[p+2:])
			}
		}
		for _, k := range keys {
			if len(k) >= 4 && !ti.mayHit(k) {
				t.Fatalf("mayHit(%q) is false, one edit from %q", k, n)
			}
		}
	}
	rejected := 0
	for range 1000 {
		k := ""
		for range 6 + rng.IntN(8) {
			k += letter()
		}
		if !ti.mayHit(k) {
			rejected++
		}
	}
	if rejected < 500 {
		t.Errorf("mayHit rejects %d random keys in 1000", rejected)
	}
}

// TestReverseTokens checks that the tokens reverseTokens makes of the
// forward ones are those tokenizeValid reads in the reversed text, on
// the province-first cases of the evaluation set and mangled versions
// of them (separators and words dropped or glued).
func TestReverseTokens(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	reverseHook = func(t2 string, s *scratch) {
		seen++
		checkReversed(t, t2, s)
	}
	defer func() { reverseHook = nil }()
	mangle := []func(string) string{
		func(s string) string { return s },
		func(s string) string { return strings.ReplaceAll(s, ", ", ",") },
		func(s string) string { return strings.ReplaceAll(s, ", ", " - ") },
		func(s string) string { return strings.ReplaceAll(s, ", ", "-") },
		func(s string) string { return strings.ReplaceAll(s, " ", "") },
		func(s string) string { return strings.ReplaceAll(s, ", ", " ") },
		func(s string) string { return "(" + strings.ReplaceAll(s, ",", ";") + ")." },
		func(s string) string { return strings.ReplaceAll(s, "Quận ", "Q") + ", Việt Nam 700000" },
		func(s string) string { return strings.ReplaceAll(s, "ư", "u\u031b\u0300") + " •" },
	}
	// every 23rd commune of the former units, written province first
	name := map[[2]int32]string{}
	for _, ui := range c.units {
		if ui.old && ui.level != dvhc.LevelCommune {
			name[[2]int32{int32(ui.level), ui.code}] = ui.u.Name
		}
	}
	for i, ui := range c.units {
		if !ui.old || ui.level != dvhc.LevelCommune || i%23 != 0 {
			continue
		}
		p, d := name[[2]int32{int32(dvhc.LevelProvince), ui.prov}], name[[2]int32{int32(dvhc.LevelDistrict), ui.parent}]
		for _, in := range []string{
			p + ", " + d + ", " + ui.u.Name + ", Số 12 Lê Lợi",
			p + ", " + d + ", " + ui.u.Name,
			p + " " + d + ", " + ui.u.Name + ", Ấp 3",
		} {
			for _, m := range mangle {
				c.Convert(m(in), Options{})
			}
		}
	}
	t.Logf("%d reversed texts", seen)
	if seen < 500 {
		t.Fatalf("only %d reversed texts", seen)
	}
}

// checkReversed fails t unless the tokens in s are those tokenizeValid
// reads in t2 (before classify).
func checkReversed(t *testing.T, t2 string, s *scratch) {
	t.Helper()
	want, wbuf, _ := tokenizeValid(t2, nil, nil)
	if len(want) != len(s.toks) {
		t.Fatalf("%q: %d tokens, tokenizer %d", t2, len(s.toks), len(want))
	}
	for i, w := range want {
		g := s.toks[i]
		if string(s.buf[g.fs:g.fe]) != string(wbuf[w.fs:w.fe]) || g.fs != w.fs || g.fe != w.fe {
			t.Fatalf("%q: token %d folds to %q at %d, tokenizer %q at %d", t2, i, s.buf[g.fs:g.fe], g.fs, wbuf[w.fs:w.fe], w.fs)
		}
		g.street, g.t1, g.t2 = false, 0, 0
		if g != w {
			t.Fatalf("%q: token %d %+v, tokenizer %+v", t2, i, g, w)
		}
	}
}

// FuzzReverseTokens checks reverseTokens against the tokenizer on any
// text after a province (so that parseReversed may read it reversed).
func FuzzReverseTokens(f *testing.F) {
	for _, s := range []string{", Hoàn Kiếm, Hàng Bạc", " - Quận 5 - Phường 7 - 12 Nguyễn Trãi", "Q5, P7", ",Ba Đình,,Kim Mã•", ";X.Tân Hưng-Tân Hòa ( Ấp 3 )"} {
		f.Add("Hà Nội", s)
		f.Add("TP.HCM", s)
	}
	c, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, prov, rest string) {
		reverseHook = func(t2 string, s *scratch) { checkReversed(t, t2, s) }
		defer func() { reverseHook = nil }()
		c.Convert(prov+rest, Options{})
	})
}
