package compile

import (
	"fmt"
	"strings"

	"github.com/dvhc-vn/dvhc/fold"
)

// seatDistricts names, by the code of a province on 2025-06-30, the
// district that held its government: the provincial capital, or, for a
// centrally governed city, the urban district of its city hall.
var seatDistricts = map[string]string{
	"01": "002", "04": "040", "08": "070", "11": "094", "12": "105", "14": "116", "15": "132", "19": "164",
	"20": "178", "22": "193", "24": "213", "25": "227", "31": "303", "33": "323", "37": "374", "38": "380",
	"40": "412", "42": "436", "44": "450", "46": "474", "48": "492", "51": "522", "52": "540", "56": "568",
	"66": "643", "68": "672", "75": "731", "79": "760", "80": "794", "82": "815", "86": "855", "91": "899",
	"92": "916", "96": "964",
}

// seatAliases are the province names of the map service's admin_centre
// texts that are not a province's short name.
var seatAliases = map[string]string{fold.Key("Tp. HCM"): "79"}

// resolveSeat turns the admin_centre text that the map service gives a new
// province — "giữ nguyên" (unchanged: the seat of the old province of the
// same code) or "X (cũ)" (the seat of the old province X) — into the seat
// it names, the district that held the old province's government on
// 2025-06-30, keeping the source text as a note:
// `Thành phố Bắc Giang (cũ), Tỉnh Bắc Giang (cũ) — nguồn: “Bắc Giang (cũ)”`.
// Other texts are kept as they are. An unknown name is an error.
func resolveSeat(code, text string, oldProvinces, oldDistricts []map[string]string) (string, error) {
	t := strings.TrimSpace(text)
	old := ""
	switch {
	case fold.Key(t) == fold.Key("giữ nguyên"):
		old = code
	case strings.HasSuffix(t, "(cũ)"):
		name := fold.Key(strings.TrimSpace(strings.TrimSuffix(t, "(cũ)")))
		old = seatAliases[name]
		for _, p := range oldProvinces {
			if fold.Key(p["short_name"]) == name {
				old = p["code"]
			}
		}
	default:
		return text, nil
	}
	district := seatDistricts[old]
	var pName, dName string
	for _, p := range oldProvinces {
		if p["code"] == old {
			pName = p["name"]
		}
	}
	for _, d := range oldDistricts {
		if d["code"] == district && d["province_code"] == old {
			dName = d["name"]
		}
	}
	if pName == "" || dName == "" {
		return "", fmt.Errorf("province %s: admin_centre %q names no known seat", code, text)
	}
	return fmt.Sprintf("%s (cũ), %s (cũ) — nguồn: “%s”", dName, pName, t), nil
}
