package param

import (
	"slices"
	"testing"
)

func TestClosest(t *testing.T) {
	keys := []string{"output", "unit", "decimals", "data", "no-builtin", "metric", "gaps", "calendar", "columns"}
	tests := []struct {
		word string
		want []string
	}{
		{"outptu", []string{"output"}},
		{"decimal", []string{"decimals"}},
		{"no_builtin", []string{"no-builtin"}},
		{"colour", nil},
		{"UNIT", []string{"unit"}},
		{"col", []string{"columns"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Closest(tt.word, keys, 3); !slices.Equal(got, tt.want) {
			t.Errorf("Closest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"kitten", "sitting", 3}, {"outptu", "output", 1}, {"amzn", "amnz", 1},
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
