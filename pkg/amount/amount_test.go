package amount

import (
	"errors"
	"math/big"
	"regexp"
	"testing"

	"github.com/shopspring/decimal"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in     string
		comma  bool
		want   string
		unit   Unit
		scaled bool
	}{
		{in: "26.3", want: "26.3"},
		{in: "  27834 ", want: "27834"},
		{in: "26,300", want: "26300"},
		{in: "1,234,567.89", want: "1234567.89"},
		{in: "(1,234)", want: "-1234"},
		{in: "($1,234)", want: "-1234"},
		{in: "$(1,234)", want: "-1234"},
		{in: "-1,234", want: "-1234"},
		{in: "−12", want: "-12"},
		{in: "+12", want: "12"},
		{in: "-$5", want: "-5"},
		{in: "$-5", want: "-5"},
		{in: "26.3B", want: "26.3", unit: Billion, scaled: true},
		{in: "26,300M", want: "26300", unit: Million, scaled: true},
		{in: "$26.3bn", want: "26.3", unit: Billion, scaled: true},
		{in: "12 K", want: "12", unit: Thousand, scaled: true},
		{in: "4.5 billion", want: "4.5", unit: Billion, scaled: true},
		{in: "72,215mm", want: "72215", unit: Million, scaled: true},
		{in: "€3", want: "3"},
		{in: "£3.50", want: "3.5"},
		{in: ".5", want: "0.5"},
		{in: "5.", want: "5"},
		{in: "0.000", want: "0"},
		{in: "-0", want: "0"},
		{in: "1e3", want: "1000"},
		{in: "1.5E-3", want: "0.0015"},
		{in: "2e+30", want: "2000000000000000000000000000000"},
		{in: "1000000000e30", want: "1000000000000000000000000000000000000000"},
		{in: "1234567890123456789012345678901234567890", want: "1234567890123456789012345678901234567890"},
		{in: "0.0000000000000000000000000000000000000001", want: "0.0000000000000000000000000000000000000001"},
		{in: "1.234,5", comma: true, want: "1234.5"},
		{in: "26,3", comma: true, want: "26.3"},
		{in: "1.234", comma: true, want: "1234"},
		{in: "(1.234,50) M", comma: true, want: "-1234.5", unit: Million, scaled: true},
	}
	for _, tt := range tests {
		a, err := Parse(tt.in, markOf(tt.comma))
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if !a.Value.Equal(decimal.RequireFromString(tt.want)) {
			t.Errorf("Parse(%q) = %s, want %s", tt.in, a.Value, tt.want)
		}
		if a.Scaled != tt.scaled || a.Unit != tt.unit {
			t.Errorf("Parse(%q) unit = %v scaled=%v, want %v scaled=%v", tt.in, a.Unit, a.Scaled, tt.unit, tt.scaled)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in    string
		comma bool
		msg   string
		hint  string
	}{
		{in: "", msg: "value is empty"},
		{in: "   ", msg: "value is empty"},
		{in: "NaN", msg: `value "NaN": not a finite number`},
		{in: "-Inf", msg: `value "-Inf": not a finite number`},
		{in: ".inf", msg: `value ".inf": not a finite number`},
		{in: "Infinity", msg: `value "Infinity": not a finite number`},
		{in: "1.234,5", msg: `value "1.234,5": ambiguous decimal separator`, hint: `if "," is the decimal separator, declare it (a first line "# decimal_mark: ," in CSV, "decimal_mark: ','" in YAML)`},
		{in: "1,234.5", comma: true, msg: `value "1,234.5": ambiguous decimal separator`},
		{in: "12,5", msg: `value "12,5": misplaced thousands separator`, hint: `use "." as the decimal point (commas group thousands in threes), or declare the file's decimal comma (a first line "# decimal_mark: ," in CSV, "decimal_mark: ','" in YAML)`},
		{in: "1,23", msg: `value "1,23": misplaced thousands separator`},
		{in: "1234,567", msg: `value "1234,567": misplaced thousands separator`},
		{in: ",123", msg: `value ",123": misplaced thousands separator`},
		{in: "1.5", comma: true, msg: `value "1.5": misplaced thousands separator`},
		{in: "12345678901234567890123456789012345678901", msg: `value "123456789012345678901234567890123456789…": more than 40 digits written out`},
		{in: "10000000000000e27", msg: `value "10000000000000e27": more than 40 digits written out`},
		{in: "1e99999999999999999999", msg: `value "1e99999999999999999999": more than 40 digits written out`},
		{in: "1e", msg: `value "1e": exponent without digits`},
		{in: "1e+", msg: `value "1e+": exponent without digits`},
		{in: "26.3X", msg: `value "26.3X": unknown scale suffix "X"`, hint: "use K, M, B or bn after the number"},
		{in: "abc", msg: `value "abc": unknown scale suffix "abc"`},
		{in: "$", msg: `value "$": not a number`},
		{in: "(12", msg: `value "(12": unbalanced parentheses or repeated sign`},
		{in: "--12", msg: `value "--12": not a number`},
		{in: "-(12)", msg: `value "-(12)": unbalanced parentheses or repeated sign`},
		{in: "1 2", msg: `value "1 2": not a number`},
		{in: "0x1A", msg: `value "0x1A": unknown scale suffix "A"`},
		{in: "1_000", msg: `value "1_000": not a number`},
		{in: "12%", msg: `value "12%": not a number`},
		{in: "1.2.3", msg: `value "1.2.3": ambiguous decimal separator`},
		{in: "12345678901234567890123456789012345678901234567890123456789012345", msg: `value "123456789012345678901234567890123456789…": longer than 64 bytes`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in, markOf(tt.comma))
		if err == nil {
			t.Errorf("Parse(%q) succeeded, want %q", tt.in, tt.msg)
			continue
		}
		if err.Error() != tt.msg {
			t.Errorf("Parse(%q) error = %q, want %q", tt.in, err, tt.msg)
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Parse(%q) error is %T, not *Error", tt.in, err)
		} else if tt.hint != "" && e.Hint() != tt.hint {
			t.Errorf("Parse(%q) hint = %q, want %q", tt.in, e.Hint(), tt.hint)
		}
	}
}

func TestUnits(t *testing.T) {
	for in, want := range map[string]Unit{"one": One, "K": Thousand, "thousand": Thousand, "M": Million, "mm": Million, "million": Million, "Millions": Million, "B": Billion, "bn": Billion, "billion": Billion} {
		got, err := ParseUnit(in)
		if err != nil || got != want {
			t.Errorf("ParseUnit(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseUnit("trillion"); err == nil || err.Error() != `unit "trillion": not a unit` {
		t.Errorf("ParseUnit(trillion) error = %v", err)
	}
	tests := []struct {
		v        string
		from, to Unit
		want     string
	}{
		{"26.3", Billion, Million, "26300"},
		{"105.2", Billion, Million, "105200"},
		{"27834", Million, Billion, "27.834"},
		{"1", Thousand, One, "1000"},
		{"0.001", One, Billion, "0.000000000001"},
		{"5", Million, Million, "5"},
	}
	for _, tt := range tests {
		got := Convert(decimal.RequireFromString(tt.v), tt.from, tt.to)
		if got.String() != tt.want {
			t.Errorf("Convert(%s, %v, %v) = %s, want %s", tt.v, tt.from, tt.to, got, tt.want)
		}
	}
}

func TestAmountIn(t *testing.T) {
	a, err := Parse("26.3B", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := a.In(Million, Million).String(); got != "26300" {
		t.Errorf("26.3B in millions = %s", got)
	}
	b, _ := Parse("26.3", Options{})
	if got := b.In(Billion, Million).String(); got != "26300" {
		t.Errorf("26.3 (billion by default) in millions = %s", got)
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		v      string
		places int32 // -1: Group
		want   string
	}{
		{"0", -1, "0"},
		{"999", -1, "999"},
		{"1000", -1, "1,000"},
		{"111336", -1, "111,336"},
		{"-1234567.891", -1, "-1,234,567.891"},
		{"123062.6666666666666666666666666667", -1, "123,062.6666666666666666666666666667"},
		{"2.345", 2, "2.35"},
		{"-2.345", 2, "-2.35"},
		{"2.344", 2, "2.34"},
		{"7", 2, "7.00"},
		{"1234.5", 0, "1,235"},
		{"-1234.5", 0, "-1,235"},
		{"0.5", 0, "1"},
	}
	for _, tt := range tests {
		d := decimal.RequireFromString(tt.v)
		var got string
		if tt.places < 0 {
			got = Group(d)
		} else {
			got = Fixed(d, tt.places)
		}
		if got != tt.want {
			t.Errorf("format %s (%d) = %s, want %s", tt.v, tt.places, got, tt.want)
		}
	}
}

var plainNumber = regexp.MustCompile(`^[+-]?[0-9]*\.?[0-9]*([eE][+-]?[0-9]+)?$`)

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"26.3", "26,300", "(1,234)", "$26.3bn", "26,300M", "1.234,5", "1e3", "-0.5", "NaN", "12,5", "99999999999999999999.5"} {
		f.Add(s, false)
	}
	f.Add("1.234,5", true)
	f.Fuzz(func(t *testing.T, s string, comma bool) {
		opt := markOf(comma)
		a, err := Parse(s, opt)
		if err != nil {
			return
		}
		// The canonical text parses back to the same value.
		b, err := Parse(a.Value.String(), Options{})
		if err != nil || !b.Value.Equal(a.Value) || b.Scaled {
			t.Fatalf("Parse(%q) = %s, which re-parses as %v, %v", s, a.Value, b.Value, err)
		}
		// So does the grouped display form.
		c, err := Parse(Group(a.Value), Options{})
		if err != nil || !c.Value.Equal(a.Value) {
			t.Fatalf("Group(%s) = %q re-parses as %v, %v", a.Value, Group(a.Value), c.Value, err)
		}
		// A plain number means exactly what math/big says it means.
		if !comma && plainNumber.MatchString(s) {
			r, ok := new(big.Rat).SetString(s)
			if ok && r.Cmp(a.Value.Rat()) != 0 {
				t.Fatalf("Parse(%q) = %s, but the text is %s", s, a.Value, r.RatString())
			}
		}
	})
}

// TestPlain holds the quick path to the full parser.
func TestPlain(t *testing.T) {
	for _, s := range []string{"670.032", "-5", "0", "-0", "0.000", "123456789012345678", "1234567890123456789", "5.", ".5", "-", "", "1.2.3", "12a", "-.5", "00012.50"} {
		v, ok := plain(s)
		full, err := Parse(s, Options{})
		if !ok {
			continue
		}
		if err != nil || !full.Value.Equal(v.Decimal()) || full.Scaled {
			t.Errorf("plain(%q) = %s, Parse = %v, %v", s, v, full.Value, err)
		}
	}
	if _, ok := plain("5."); ok {
		t.Error(`plain("5.") took it`)
	}
	if _, ok := plain("1234567890123456789"); ok {
		t.Error("plain took 19 digits")
	}
}

func markOf(comma bool) Options {
	if comma {
		return Options{Mark: CommaMark}
	}
	return Options{}
}
