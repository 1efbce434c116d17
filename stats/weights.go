package stats

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/tabular"
)

// WeightTable holds weights given by the user: per piece (an old unit and
// a new unit it went to, or came from) or per old unit.
type WeightTable struct {
	Name string // where the table comes from, for reports
	edge map[[2]string]float64
	unit map[string]float64
}

// NewWeightTable returns an empty weight table named name.
func NewWeightTable(name string) *WeightTable {
	return &WeightTable{Name: name, edge: map[[2]string]float64{}, unit: map[string]float64{}}
}

// SetPiece sets the weight of the piece of the old unit with code old that
// went to the new unit with code new (codes of the conversion's source
// level; leading zeros may be omitted): forward, a split unit's figure is
// apportioned in proportion to its pieces; backward, a new unit's figure in
// proportion to the pieces it is made of.
func (t *WeightTable) SetPiece(old, new string, w float64) {
	t.edge[[2]string{codeKey(old), codeKey(new)}] = w
}

// SetUnit sets the weight of the old unit with code old (its population,
// say): backward, a new unit's figure is apportioned among its
// predecessors in proportion to this weight times the share of each that
// went into it.
func (t *WeightTable) SetUnit(old string, w float64) { t.unit[codeKey(old)] = w }

// Len returns the number of weights in the table.
func (t *WeightTable) Len() int { return len(t.edge) + len(t.unit) }

func codeKey(c string) string {
	c = strings.TrimSpace(c)
	for len(c) > 1 && c[0] == '0' {
		c = c[1:]
	}
	return c
}

// applyTable replaces the weights of the leaves of source u by those of
// the table when it covers all of them, and reports whether it did.
func applyTable(t *WeightTable, u *dvhc.Unit, leaves []leaf, forward bool) bool {
	if len(leaves) <= 1 {
		return true
	}
	sizes := make([]float64, len(leaves))
	total := 0.0
	assumed := make([]bool, len(leaves))
	for i, l := range leaves {
		old, new := string(u.Code), string(l.u.Code)
		if !forward {
			old, new = new, old
		}
		if v, ok := t.edge[[2]string{codeKey(old), codeKey(new)}]; ok {
			sizes[i] = v
		} else if v, ok := t.unit[codeKey(old)]; ok && !forward {
			sizes[i] = v * l.fw
			assumed[i] = l.fw > 0 && l.fw < 1 && l.assumed
		} else {
			return false
		}
		total += sizes[i]
	}
	if total <= 0 {
		return false
	}
	for i := range leaves {
		leaves[i].w = sizes[i] / total
		leaves[i].assumed = assumed[i]
		leaves[i].kind = dvhc.WeightUser
		if assumed[i] {
			leaves[i].kind = dvhc.WeightAssumed
		}
	}
	return true
}

// MaxWeightRows bounds the rows of a weight table.
const MaxWeightRows = 1_000_000

// ReadWeightTable reads a user's weight table named name. Its columns: the
// old unit's code ("old", "from", "old_code", "ma_cu"; else the first
// column), optionally the new unit's code ("new", "to", "new_code",
// "ma_moi") when the weights are per piece, and the weight (the column col;
// empty: "weight", "trong_so", else the last column). A row without a new
// code gives the old unit's weight (see SetUnit), a row with one the
// piece's (see SetPiece). Weights must be numbers ≥ 0; a bad row is an
// error naming it.
func ReadWeightTable(r tabular.Reader, name, col string) (*WeightTable, error) {
	h := r.Header()
	if len(h) < 2 {
		return nil, dvhc.Errorf(dvhc.EINVALID, "weight table %s: want at least an old code and a weight column", name)
	}
	pick := func(names []string, def int) int {
		for _, n := range names {
			if i, err := findColumn(h, n, ""); err == nil {
				return i
			}
		}
		return def
	}
	oi := pick([]string{"old", "from", "old_code", "ma_cu", "ma cu"}, 0)
	ni := pick([]string{"new", "to", "new_code", "ma_moi", "ma moi"}, -1)
	wi := pick([]string{"weight", "trong_so", "trong so"}, len(h)-1)
	if col != "" {
		var err error
		if wi, err = findColumn(h, col, "weight"); err != nil {
			return nil, dvhc.Errorf(dvhc.EINVALID, "weight table %s: %v", name, err)
		}
	}
	if wi == oi || wi == ni {
		return nil, dvhc.Errorf(dvhc.EINVALID, "weight table %s: no weight column (columns: %s)", name, strings.Join(h, ", "))
	}
	t := NewWeightTable(name)
	var row tabular.Row
	for n := 0; ; n++ {
		if err := r.Next(&row); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, dvhc.Errorf(dvhc.EINVALID, "weight table %s: %v", name, err)
		}
		if n == MaxWeightRows {
			return nil, dvhc.Errorf(dvhc.EINVALID, "weight table %s: more than %d rows", name, MaxWeightRows)
		}
		if row.Err != nil {
			return nil, dvhc.Errorf(dvhc.EINVALID, "weight table %s: %v", name, row.Err)
		}
		old := strings.TrimSpace(row.Fields[oi])
		v, err := ParseNumber(row.Fields[wi])
		if err == nil && v < 0 {
			err = fmt.Errorf("negative weight %s", FormatNumber(v))
		}
		if err == nil && old == "" {
			err = fmt.Errorf("no old code in column %q", h[oi])
		}
		if err != nil {
			return nil, dvhc.Errorf(dvhc.EINVALID, "weight table %s: row %d (line %d), column %q: %v", name, row.Num, row.Line, h[wi], err)
		}
		if ni >= 0 && strings.TrimSpace(row.Fields[ni]) != "" {
			t.SetPiece(old, row.Fields[ni], v)
		} else {
			t.SetUnit(old, v)
		}
	}
	return t, nil
}
