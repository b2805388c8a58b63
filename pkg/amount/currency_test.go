package amount

import (
	"sort"
	"testing"
)

func TestIsCurrency(t *testing.T) {
	if !sort.StringsAreSorted(iso4217) {
		t.Fatal("the code list is not sorted")
	}
	for code, want := range map[string]bool{
		"USD": true, "EUR": true, "JPY": true, "GBP": true, "CHF": true, "ZAR": true, "AED": true,
		"usd": false, "US": false, "USDD": false, "XXX": false, "ABC": false, "": false, "US\x1b": false, "€": false,
	} {
		if got := IsCurrency(code); got != want {
			t.Errorf("IsCurrency(%q) = %v", code, got)
		}
	}
}

func TestSymbols(t *testing.T) {
	tests := []struct {
		in       string
		symbol   Symbol
		currency string
		fits     bool
	}{
		{"$26.3", Dollar, "USD", true},
		{"$26.3", Dollar, "CAD", true},
		{"$26.3", Dollar, "EUR", false},
		{"US$26.3", USDollar, "USD", true},
		{"US$26.3", USDollar, "CAD", false},
		{"€5", Euro, "EUR", true},
		{"€5", Euro, "USD", false},
		{"-£5", Pound, "GBP", true},
		{"(£5)", Pound, "USD", false},
		{"¥500", Yen, "JPY", true},
		{"5", NoSymbol, "EUR", true},
		{"$26.3B", Dollar, "USD", true},
	}
	for _, tt := range tests {
		a, err := Parse(tt.in, Options{})
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if a.Symbol != tt.symbol || a.Symbol.Fits(tt.currency) != tt.fits {
			t.Errorf("Parse(%q): symbol %q fits %s = %v, want %q %v", tt.in, a.Symbol, tt.currency, a.Symbol.Fits(tt.currency), tt.symbol, tt.fits)
		}
	}
	if _, err := ParseValue("$5", Options{}); err == nil {
		t.Error("ParseValue took a currency symbol")
	}
}

// One rule on the value, however it is written.
func TestDigitsRule(t *testing.T) {
	for in, ok := range map[string]bool{
		"1e30": true, "0.1e31": true, "1e-31": true, "1e-40": true, "0.0000000000000000000000000000000000000001": true,
		"1234567890123456789012345678901234567890": true, "1.5e-39": true,
		"1e40": false, "1e-41": false, "0.1e-40": false, "1.5e-40": false, "10000000000000e27": false,
		"12345678901234567890123456789012345678901": false, "1e99999999999999999999": false, "1e-99999999": false,
		"100.000000000000000000000000000000000000000": true, // trailing zeros do not count
	} {
		_, err := Parse(in, Options{})
		if (err == nil) != ok {
			t.Errorf("Parse(%q) error = %v, want ok %v", in, err, ok)
		}
	}
}

func TestGuessedComma(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"1.234,5", "1234.5", ""},
		{"0,4199", "0.4199", ""},
		{"27834", "27834", ""},
		{"1,410", "1.41", ""},
		{"1.410", "", `value "1.410": ambiguous: 1410 with a decimal comma (guessed from the file's ";" separators), 1.41 with a decimal point`},
		{"1.41", "", `value "1.41": a decimal point in a file of decimal commas (guessed from its ";" separators): 1.41 with a point`},
	}
	for _, tt := range tests {
		a, err := Parse(tt.in, Options{Mark: GuessedComma})
		switch {
		case tt.err != "":
			if err == nil || err.Error() != tt.err {
				t.Errorf("Parse(%q) error = %v, want %s", tt.in, err, tt.err)
			} else if err.(*Error).Hint() != MarkHint {
				t.Errorf("Parse(%q) hint = %q", tt.in, err.(*Error).Hint())
			}
		case err != nil:
			t.Errorf("Parse(%q): %v", tt.in, err)
		case a.Value.String() != tt.want:
			t.Errorf("Parse(%q) = %s, want %s", tt.in, a.Value, tt.want)
		}
	}
	// Declared, the comma reads grouping dots.
	if a, err := Parse("1.410", Options{Mark: CommaMark}); err != nil || a.Value.String() != "1410" {
		t.Errorf("declared comma: %v %v", a.Value, err)
	}
}

func TestGuessed(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"1,5", "1.5", ""},
		{"1.5", "1.5", ""},
		{"1.234,5", "1234.5", ""},
		{"1,234.5", "1234.5", ""},
		{"27834", "27834", ""},
		{"1,234", "", `value "1,234": ambiguous: 1234 with a decimal point, 1.234 with a decimal comma`},
		{"1.234", "", `value "1.234": ambiguous: 1.234 with a decimal point, 1234 with a decimal comma`},
	}
	for _, tt := range tests {
		a, err := Parse(tt.in, Options{Mark: Guessed})
		switch {
		case tt.err != "":
			if err == nil || err.Error() != tt.err {
				t.Errorf("Parse(%q) error = %v, want %s", tt.in, err, tt.err)
			}
		case err != nil:
			t.Errorf("Parse(%q): %v", tt.in, err)
		case a.Value.String() != tt.want:
			t.Errorf("Parse(%q) = %s, want %s", tt.in, a.Value, tt.want)
		}
	}
}
