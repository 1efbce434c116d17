package address

import (
	"testing"

	"encoding/csv"
	"os"
)

func TestZZHits(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open("/work/wt/_team/harness/b20.csv")
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := 0
	for i, h := range recs[0] {
		if h == "address" {
			col = i
		}
	}
	type cs struct{ Input string }
	var cases []cs
	for _, r := range recs[1:] {
		cases = append(cases, cs{r[col]})
	}
	var probes, fails, hits, slotsRead, failSlots, homeEmpty, k1fail, kfail, shortP, ext0 int
	for _, tc := range cases {
		s := &scratch{}
		s.toks, s.buf, _ = tokenizeValid(tc.Input, nil, nil)
		for j := int32(1); j <= int32(len(s.toks)); j++ {
			for k := int32(1); k <= int32(c.maxK) && j-k >= 0; k++ {
				key := s.buf[s.toks[j-k].fs:s.toks[j-1].fe]
				if len(key) > c.maxKey {
					break
				}
				if len(key) <= 8 {
					shortP++
				}
				h := keyHash(string(key))
				probes++
				mask := uint64(len(c.names.slots) - 1)
				i := (h * 0x9e3779b97f4a7c15) >> c.names.shift
				n := 1
				for ; c.names.slots[i].klen != 0; i = (i + 1) & mask {
					n++
				}
				if c.names.slots[(h*0x9e3779b97f4a7c15)>>c.names.shift].klen == 0 {
					homeEmpty++
				}
				sl := c.names.find(h, key)
				if sl == nil {
					fails++
					failSlots += n
					if k == 1 {
						k1fail++
					} else {
						kfail++
					}
					break
				}
				hits++
				slotsRead += n
				if !sl.ext {
					ext0++
					break
				}
			}
		}
	}
	n := float64(len(cases))
	full := 0
	for _, sl := range c.names.slots {
		if sl.klen != 0 {
			full++
		}
	}
	t.Logf("slots %d (%d KB) full %d; per address: probes %.1f (short %.1f) hits %.1f (stop !ext %.1f) fails %.1f (k=1 %.1f, k>1 %.1f) homeEmpty %.1f; slots to empty on fail %.2f",
		len(c.names.slots), len(c.names.slots)*16/1024, full, float64(probes)/n, float64(shortP)/n, float64(hits)/n, float64(ext0)/n, float64(fails)/n, float64(k1fail)/n, float64(kfail)/n, float64(homeEmpty)/n, float64(failSlots)/float64(fails))
}
