package compile

import "testing"

func TestResolveSeat(t *testing.T) {
	oldP := []map[string]string{
		{"code": "24", "name": "Tỉnh Bắc Giang", "short_name": "Bắc Giang"},
		{"code": "27", "name": "Tỉnh Bắc Ninh", "short_name": "Bắc Ninh"},
		{"code": "79", "name": "Thành phố Hồ Chí Minh", "short_name": "Hồ Chí Minh"},
		{"code": "04", "name": "Tỉnh Cao Bằng", "short_name": "Cao Bằng"},
	}
	oldD := []map[string]string{
		{"code": "213", "name": "Thành phố Bắc Giang", "province_code": "24"},
		{"code": "760", "name": "Quận 1", "province_code": "79"},
		{"code": "040", "name": "Thành phố Cao Bằng", "province_code": "04"},
	}
	tests := []struct{ code, in, want string }{
		{"24", "Bắc Giang (cũ)", "Thành phố Bắc Giang (cũ), Tỉnh Bắc Giang (cũ) — nguồn: “Bắc Giang (cũ)”"},
		{"04", "giữ nguyên", "Thành phố Cao Bằng (cũ), Tỉnh Cao Bằng (cũ) — nguồn: “giữ nguyên”"},
		{"79", "Tp. HCM (cũ)", "Quận 1 (cũ), Thành phố Hồ Chí Minh (cũ) — nguồn: “Tp. HCM (cũ)”"},
		{"24", "Số 1, đường X", "Số 1, đường X"},
	}
	for _, tt := range tests {
		got, err := resolveSeat(tt.code, tt.in, oldP, oldD)
		if err != nil || got != tt.want {
			t.Errorf("resolveSeat(%s, %q) = %q, %v; want %q", tt.code, tt.in, got, err, tt.want)
		}
	}
	if _, err := resolveSeat("27", "Bắc Kạn (cũ)", oldP, oldD); err == nil {
		t.Error("unknown province: no error")
	}
}
