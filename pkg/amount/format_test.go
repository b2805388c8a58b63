package amount

import "testing"

func TestGroupText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"0", "0"}, {"-1", "-1"}, {"123", "123"}, {"-123.45", "-123.45"}, {"1234", "1,234"},
		{"-1234.5", "-1,234.5"}, {"1234567.891", "1,234,567.891"}, {"-100000", "-100,000"},
		{"0.0001", "0.0001"}, {"12345678901234567890.5", "12,345,678,901,234,567,890.5"}, {"", ""},
	} {
		if got := GroupText(c.in); got != c.want {
			t.Errorf("GroupText(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := string(AppendGroup([]byte("x"), []byte(c.in))); got != "x"+c.want {
			t.Errorf("AppendGroup(x, %q) = %q, want x%s", c.in, got, c.want)
		}
	}
}
