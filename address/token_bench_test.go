package address

// FrontTokens tokenizes and classifies text as the front of parse does
// (before the search), and with names set looks up the names ending at
// every token, for the benchmarks of package address_test (which may
// generate the mixed set: package evalset imports this one). It returns
// the number of tokens.
func (c *Converter) FrontTokens(text string, names bool) int {
	s := c.getScratch()
	defer c.putScratch(s)
	s.toks, s.buf, _ = tokenizeValid(text, s.toks[:0], s.buf[:0])
	c.classify(s)
	n := len(s.toks)
	if names {
		if cap(s.memo) < n+1 {
			s.memo = make([]hitsMemo, n+1)
		}
		s.memo = s.memo[:n+1]
		clear(s.memo)
		s.hits = s.hits[:0]
		for j := 1; j <= n; j++ {
			c.hitsAt(s, int32(j))
		}
	}
	return n
}
