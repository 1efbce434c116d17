package address

import (
	"fmt"
	"os"
	"testing"
)

func TestDbg(t *testing.T) {
	in := os.Getenv("DBG")
	if in == "" {
		t.Skip()
	}
	c := conv(t)
	s := c.getScratch()
	po := c.parse(in, s)
	pr := func(cb combo) string {
		out := ""
		for _, pt := range [3]part{cb.c, cb.d, cb.p} {
			if pt.u >= 0 {
				out += fmt.Sprintf("%s(%s old=%v %.1f skip=%v typo=%v) ", c.units[pt.u].u.Name, c.units[pt.u].u.Code, c.units[pt.u].old, pt.score, pt.skip, pt.typo)
			}
		}
		return fmt.Sprintf("%.2f %s", cb.score, out)
	}
	fmt.Println("best", pr(po.best))
	for _, cb := range s.ties {
		fmt.Println("tie", pr(cb))
	}
	for _, cb := range s.near {
		fmt.Println("near", pr(cb))
	}
	fmt.Println("unexplained", c.unexplained(s, po.best.first(int32(po.nTok))))
	b2, ok := c.search(s, int32(po.nTok), true)
	fmt.Println("relaxed", ok, pr(b2))
	for _, g := range c.typoHitsAt(s, po.best.first(int32(po.nTok))) {
		fmt.Println("typohit", c.units[g.e.u].u.Name, g.k)
	}
}
