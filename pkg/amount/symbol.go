package amount

import "strings"

// Symbol is a currency symbol written before a value ("$26.3"). A value
// carries it so that a reader can hold it to the series' currency: "€5"
// in a USD series is refused, never read as 5 USD.
type Symbol uint8

// The symbols read.
const (
	NoSymbol Symbol = iota
	Dollar          // $: any dollar (USD, CAD, AUD, …)
	USDollar        // US$
	Euro            // €
	Pound           // £
	Yen             // ¥: yen or yuan
)

var symbols = [...]struct {
	text       string
	currencies []string
}{
	NoSymbol: {},
	Dollar:   {"$", []string{"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "TWD", "MXN"}},
	USDollar: {"US$", []string{"USD"}},
	Euro:     {"€", []string{"EUR"}},
	Pound:    {"£", []string{"GBP"}},
	Yen:      {"¥", []string{"JPY", "CNY"}},
}

func (s Symbol) String() string { return symbols[s].text }

// Fits reports whether a value written with the symbol can be in the
// currency (an ISO 4217 code): "$" fits USD and the other dollars, "€"
// only EUR. No symbol fits every currency.
func (s Symbol) Fits(currency string) bool {
	if s == NoSymbol {
		return true
	}
	for _, c := range symbols[s].currencies {
		if c == currency {
			return true
		}
	}
	return false
}

// leadingSymbol is the currency symbol t starts with, or NoSymbol.
func leadingSymbol(t string) Symbol {
	for s := USDollar; s <= Yen; s++ { // US$ before $
		if strings.HasPrefix(t, symbols[s].text) {
			return s
		}
	}
	if strings.HasPrefix(t, symbols[Dollar].text) {
		return Dollar
	}
	return NoSymbol
}
