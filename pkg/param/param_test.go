package param

import (
	"errors"
	"fmt"
	"testing"
)

func TestIntRange(t *testing.T) {
	r := IntRange{Name: "window", Min: 2, Max: 400, Of: "quarters"}
	tests := []struct {
		in      string
		want    int
		wantErr string
	}{
		{"8", 8, ""},
		{"2", 2, ""},
		{"400", 400, ""},
		{"1", 0, "window 1: out of range"},
		{"401", 0, "window 401: out of range"},
		{"1.7", 0, "window 1.7: not a whole number"},
		{"abc", 0, "window abc: not a whole number"},
		{"", 0, `window "": not a whole number`},
		{"8 quarters", 0, `window "8 quarters": not a whole number`},
	}
	for _, tt := range tests {
		got, err := r.Parse(tt.in)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("Parse(%q): %v", tt.in, err)
		case tt.wantErr != "" && (err == nil || err.Error() != tt.wantErr):
			t.Errorf("Parse(%q) error = %v, want %q", tt.in, err, tt.wantErr)
		case tt.wantErr == "" && got != tt.want:
			t.Errorf("Parse(%q) = %d, want %d", tt.in, got, tt.want)
		}
		if tt.wantErr != "" {
			var pe *Error
			if !errors.As(err, &pe) || pe.Hint() != "give 2 to 400 quarters" {
				t.Errorf("Parse(%q): hint of %v", tt.in, err)
			}
		}
	}
}

func TestErrorCalled(t *testing.T) {
	e := Errorf("as-of", "2024-12", "a quarter such as 2024Q4, or FY2024", "a month is not a fiscal period")
	if got := e.Called("--as-of"); got != "--as-of 2024-12: a month is not a fiscal period" {
		t.Errorf("As = %q", got)
	}
	wrapped := fmt.Errorf("check: %w", e)
	if pe, ok := Is(wrapped, "as-of"); !ok || pe != e {
		t.Errorf("Is did not find the error")
	}
	if _, ok := Is(wrapped, "window"); ok {
		t.Errorf("Is found the wrong parameter")
	}
}

func ExampleIntRange_Parse() {
	horizon := IntRange{Name: "horizon", Min: 1, Max: 50, Of: "years"}
	_, err := horizon.Parse("0")
	fmt.Println(err)
	fmt.Println(err.(*Error).Hint())
	fmt.Println(err.(*Error).Called("--horizon"))
	// Output:
	// horizon 0: out of range
	// give 1 to 50 years
	// --horizon 0: out of range
}
