package excerpt

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestOf(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"2024Q4", "2024Q4"},
		{strings.Repeat("a", 40), strings.Repeat("a", 40)},
		{strings.Repeat("a", 41), strings.Repeat("a", 39) + "…"},
		{strings.Repeat("é", 41), strings.Repeat("é", 39) + "…"},
		{strings.Repeat("9", 1000000), strings.Repeat("9", 39) + "…"},
	}
	for _, tt := range tests {
		got := Of(tt.in)
		if got != tt.want {
			t.Errorf("Of(%d chars) = %q, want %q", len(tt.in), got, tt.want)
		}
		if n := utf8.RuneCountInString(got); n > Max {
			t.Errorf("Of(%d chars) has %d characters", len(tt.in), n)
		}
	}
}
