package gen

import "testing"

func TestDated(t *testing.T) {
	for source, want := range map[string]string{
		"Amazon Q4 2025 earnings release dated 2026-02-05 (Business Wire text)":         "2026-02-05",
		"10-Q 0001564590-22-002324 (FY22 Q2, filed 2022-01-25; read in XBRL R6.htm":     "2022-01-25",
		"secondary compilation of XBRL filing values; filing 10-Q 0001018724-23-000008": "",
		"release dated 2026-02-31":    "",
		"undated 2026-02-05 mirrored": "",
	} {
		if got := dated(source); got != want {
			t.Errorf("dated(%q) = %q, want %q", source, got, want)
		}
	}
}
