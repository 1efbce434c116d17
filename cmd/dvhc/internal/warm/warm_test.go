package warm

import (
	"strings"
	"testing"
)

func TestWants(t *testing.T) {
	for _, c := range []struct {
		args string
		want int
	}{
		{`convert --address X`, conv},
		{`convert -address X --json`, conv},
		{`convert --json --address=X`, conv},
		{`convert --address X --lat 11 --lon 108`, points},
		{`convert --address X -lat=11 -lon=108`, points},
		{`convert --address`, conv}, // refused by the command; the work is wasted, no more
		{`convert file.csv`, nothing},
		{`convert -o out.csv -- --address`, nothing}, // a file named --address
		{`--changes dir convert --address X`, nothing},
		{`lookup --address X`, nothing},
		{`convert`, nothing},
		{``, nothing},
	} {
		if got := wants(strings.Fields(c.args)); got != c.want {
			t.Errorf("wants(%q) = %d, want %d", c.args, got, c.want)
		}
	}
}
