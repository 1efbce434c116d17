package address

import (
	"slices"
	"testing"
)

// eagerParseBoth is parseBoth without the deferred second pass: the
// forward reading in full, then the reversed one when it places no
// commune or had to guess.
func (c *Converter) eagerParseBoth(text string, s *scratch) (string, parseOut, bool) {
	po := c.parse(text, s)
	if !po.invalid && po.nTok > 0 && (!readable(&po) || guessed(&po) && !endsInProvince(&po)) {
		if t2, po2, ok := c.parseReversed(text, s, !readable(&po)); ok {
			return t2, po2, true
		} else if len(t2) > 0 {
			po = c.parse(text, s)
		}
	}
	return text, po, false
}

// TestDeferredSecondPass checks that parseBoth, which may skip the
// forward second pass of a text written province first (deferrable),
// reads every text as the eager order does, and that it does skip it
// where it can be proved useless.
func TestDeferredSecondPass(t *testing.T) {
	c := conv(t)
	tests := []struct {
		in       string
		deferred bool // the forward second pass is deferred
	}{
		{"Hà Nội, Hoàn Kiếm, Hàng Bạc", true},
		{"Ha Noi, Hoan Kiem, Hang Bacc", true},
		{"TP.HCM - Quận 5 - Phường 7 - 12 Nguyễn Trãi", true},
		{"Bình Định, Xã Hoài Phú", true},
		{"Nghệ An, Thành phố Vinh, P.Quán Bàu", false},
		{"Cà Mau, Xã Hưng Mỹ, Số 8 Đường Hòa Bình", false},
		{"Phường Hàng Bạc, Quận Hoàn Kiếm, Hà Nội", false},
		{"Phường Hàng Bạx, Quận Hoàn Kiếm, Hà Nội", false},
		{"Hoàn Kiếm, Hàng Bạc", false},
		// readable forward only with a typo or a component left aside
		{"thanh hoa; thanh ha; ngoc trao", false},
		{"Quảng Trị, 2, Quảng Trị", false},
		{"Bình Phước, Bù Đăng, X.Đồng Nai", false},
		{"12 Nguyễn Trãi", false},
		{"", false},
	}
	for _, tc := range tests {
		s := c.getScratch()
		s.margin = nearMargin
		t1, po1, rev1 := c.eagerParseBoth(tc.in, s)
		ties1 := append([]combo(nil), s.ties...)
		near1 := append([]combo(nil), s.near...)
		s.lazy = true
		po := c.parse(tc.in, s)
		s.lazy = false
		if po.deferred != tc.deferred {
			t.Errorf("%q: deferred %v, want %v", tc.in, po.deferred, tc.deferred)
		}
		t2, po2, rev2 := c.parseBoth(tc.in, s)
		if t1 != t2 || po1 != po2 || rev1 != rev2 {
			t.Errorf("%q: parseBoth read %q %+v %v, the eager order %q %+v %v", tc.in, t2, po2, rev2, t1, po1, rev1)
		}
		if !slices.Equal(ties1, s.ties) || !slices.Equal(near1, s.near) {
			t.Errorf("%q: ties or near readings differ from the eager order's", tc.in)
		}
		c.putScratch(s)
	}
}
