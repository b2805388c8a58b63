package sec

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/load"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/series"
)

// fixture reads a companyfacts document from the repository's testdata,
// unpacking a .gz.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", "sec", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(name, ".gz") {
		if r, err = gzip.NewReader(f); err != nil {
			t.Fatal(err)
		}
	}
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func importFixture(t *testing.T, name string, opts Options) *Import {
	t.Helper()
	d, err := Parse(fixture(t, name))
	if err != nil {
		t.Fatal(err)
	}
	opts.Out = amount.Million
	im, err := Run(d, opts)
	if err != nil {
		t.Fatal(err)
	}
	return im
}

// quarters derives each discrete quarter from the import's points, as
// capex does when it reads the file, keyed by label.
func quarters(im *Import) map[string]string {
	l, conflicts := series.NewLedger(seriesPoints(im.Points))
	if len(conflicts) > 0 {
		panic("conflicting points")
	}
	first, last, _ := l.Bounds()
	out := map[string]string{}
	for s := first; s <= last; s++ {
		if v, ok := l.Span(s, s); ok {
			out[im.Calendar.Label(period.FromSeq(s))] = amount.Convert(v, amount.One, im.Unit).String() + " " +
				period.ISO(im.Calendar.SpanStart(s)) + ".." + period.ISO(im.Calendar.SpanEnd(s))
		}
	}
	return out
}

func TestRealDocuments(t *testing.T) {
	tests := []struct {
		file     string
		calendar string
		concepts []string
		quarters map[string]string
		absent   []string
	}{
		{
			file:     "companyfacts-CIK0000320193-AAPL.json.gz",
			calendar: "last-saturday-of-september-53rd-week-in-q1",
			concepts: []string{"us-gaap:PaymentsToAcquireProductiveAssets FY2007–FY2013", "us-gaap:PaymentsToAcquirePropertyPlantAndEquipment FY2014–FY2024"},
			quarters: map[string]string{
				"FY2024Q1": "2392 2023-10-01..2023-12-30",
				"FY2024Q2": "1996 2023-12-31..2024-03-30",
				"FY2024Q3": "2151 2024-03-31..2024-06-29",
				"FY2024Q4": "2908 2024-06-30..2024-09-28",
				"FY2023Q1": "3787 2022-09-25..2022-12-31", // 14 weeks
				"FY2023Q4": "2163 2023-07-02..2023-09-30",
			},
			absent: []string{"FY2008Q1", "FY2025Q1"},
		},
		{
			file:     "companyfacts-CIK0001018724-AMZN-capex.json",
			calendar: "12-31",
			concepts: []string{"us-gaap:PaymentsToAcquireProductiveAssets FY2016–FY2026"},
			quarters: map[string]string{
				"2024Q4": "27834 2024-10-01..2024-12-31",
				"2025Q4": "39522 2025-10-01..2025-12-31",
				"2017Q4": "3619 2017-10-01..2017-12-31", // FY 11,955 − 9M 8,336,
			},
			absent: []string{"2017Q1", "2026Q3"},
		},
		{
			file:     "companyfacts-CIK0001045810-NVDA-capex.json",
			calendar: "last-sunday-of-january",
			concepts: []string{"us-gaap:PaymentsToAcquirePropertyPlantAndEquipment FY2010–FY2020", "us-gaap:PaymentsToAcquireProductiveAssets FY2021–FY2025"},
			quarters: map[string]string{
				"FY2025Q2": "977 2024-04-29..2024-07-28",
				"FY2024Q4": "254 2023-10-30..2024-01-28",
			},
			absent: []string{"FY2021Q4"},
		},
		{
			// Restated: FY2014 without its 9 months, 9M 2015 against the
			// quarters filed, 2016's first half (see TestVintages).
			file:     "companyfacts-CIK0001652044-GOOGL-capex.json",
			calendar: "12-31",
			concepts: []string{"us-gaap:PaymentsToAcquirePropertyPlantAndEquipment FY2013–FY2026"},
			quarters: map[string]string{
				"2014Q4": "3551 2014-10-01..2014-12-31", // FY 10,959 − 9M 7,408, as filed
				"2015Q1": "2927 2015-01-01..2015-03-31", // filed, not 9M − Q2 − Q3
				"2015Q4": "2102 2015-10-01..2015-12-31", // FY 9,950 − 9M 7,848, both restated
				"2016Q1": "2444 2016-01-01..2016-03-31",
				"2016Q4": "3078 2016-10-01..2016-12-31",
				"2026Q1": "35674 2026-01-01..2026-03-31",
			},
			absent: []string{"2014Q3"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			im := importFixture(t, tt.file, Options{})
			if got := im.Calendar.String(); got != tt.calendar {
				t.Errorf("calendar %s, want %s", got, tt.calendar)
			}
			if got := strings.Join(im.Concepts, "; "); got != strings.Join(tt.concepts, "; ") {
				t.Errorf("concepts %s, want %s", got, strings.Join(tt.concepts, "; "))
			}
			qs := quarters(im)
			for label, want := range tt.quarters {
				if got := qs[label]; got != want {
					t.Errorf("%s = %q, want %q", label, got, want)
				}
			}
			for _, label := range tt.absent {
				if got, ok := qs[label]; ok {
					t.Errorf("%s = %q, want none", label, got)
				}
			}
			// One point per period and basis, and every one has a source.
			seen := map[[2]int]bool{}
			for _, p := range im.Points {
				k := [2]int{p.Seq, int(p.Months)}
				if seen[k] {
					t.Errorf("two points for %s (%d months)", p.Label(im.Calendar), p.Months)
				}
				seen[k] = true
				if p.Source() == "" || p.From == nil && (p.Fact.Accn == "" || p.Fact.Form == "" || p.Fact.Filed.IsZero()) {
					t.Errorf("%s has no source", p.Label(im.Calendar))
				}
			}
		})
	}
}

// Amazon's 10-Qs carry trailing twelve months, one with the frame CY2026;
// none becomes a year.
func TestTrailingTwelveMonthsAreNotYears(t *testing.T) {
	im := importFixture(t, "companyfacts-CIK0001018724-AMZN-capex.json", Options{})
	for _, p := range im.Points {
		if p.Months == 12 && !p.Fact.Annual() {
			t.Errorf("%s (%s) from a %s taken for a year", p.Label(im.Calendar), p.Fact.Period(), p.Fact.Form)
		}
		if p.Months == 12 && (p.Fact.Start.Month() != 1 || p.Fact.Start.Day() != 1) {
			t.Errorf("%s starts %s", p.Label(im.Calendar), period.ISO(p.Fact.Start))
		}
	}
	if !hasWarning(im, "left out 48 trailing-twelve-month facts") {
		t.Errorf("warnings %q", im.Warnings)
	}
}

// warnings is the import's warnings, a line each.
func warnings(im *Import) string {
	var b strings.Builder
	for _, w := range im.Warnings {
		b.WriteString(w.Msg + "\n")
	}
	return b.String()
}

func hasWarning(im *Import, s string) bool {
	for _, w := range im.Warnings {
		if strings.Contains(w.Msg, s) {
			return true
		}
	}
	return false
}

func TestRestated(t *testing.T) {
	latest := importFixture(t, "companyfacts-CIK0001234567-RSTD.json", Options{})
	first := importFixture(t, "companyfacts-CIK0001234567-RSTD.json", Options{AsReported: true})
	if got, want := quarters(latest)["2023Q1"], "110 2023-01-01..2023-03-31"; got != want {
		t.Errorf("latest 2023Q1 = %q, want %q", got, want)
	}
	if got, want := quarters(first)["2023Q1"], "100 2023-01-01..2023-03-31"; got != want {
		t.Errorf("as reported 2023Q1 = %q, want %q", got, want)
	}
	// FY2023 appears twice with the same value: no restatement.
	for _, im := range []*Import{latest, first} {
		if !hasWarning(im, "2023Q1: restated: 100 in 10-Q 0001234567-23-000010 filed 2023-05-01, then 110 in 10-Q 0001234567-24-000010 filed 2024-05-01") {
			t.Errorf("no restatement warning in %q", im.Warnings)
		}
		if hasWarning(im, "FY2023: restated") {
			t.Errorf("an unchanged value reported as restated: %q", im.Warnings)
		}
		// A year-to-date figure is named as one, not as the quarter it
		// ends at.
		for _, want := range []string{"6M 2023: restated: 230 in 10-Q 0001234567-23-000020 filed 2023-08-01, then 240",
			"9M 2023: restated: 360 in 10-Q 0001234567-23-000030 filed 2023-11-01, then 370"} {
			if !hasWarning(im, want) {
				t.Errorf("no warning %q in %q", want, im.Warnings)
			}
		}
		for _, wrong := range []string{"2023Q2: restated", "2023Q3: restated"} {
			if hasWarning(im, wrong) {
				t.Errorf("a year-to-date figure named as a quarter: %q", im.Warnings)
			}
		}
	}
}

func TestSameFigure(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		same bool
	}{
		{"106798000", "106800000", true}, // 106.798 filed again as 106.8 (Marvell)
		{"106800000", "106798000", true}, // either order
		{"29068000", "29000000", true},   // 29.068 as 29 (NVIDIA FY2015Q1)
		{"106798000", "106900000", false},
		{"106798000", "106700000", false},
		{"51595000", "52000000", true}, // 51.6 rounds half away from zero to 52
		{"51500000", "52000000", true},
		{"-51500000", "-52000000", true},
		{"51499000", "52000000", false},
		// A round figure is taken to the million, not to its last
		// non-zero digit: 2,000 then 2,013 (millions) is a restatement.
		{"2000000000", "2013000000", false},
		{"2000000000", "2000400000", true},
		{"0", "400000", false},
		{"1.5", "1.50", true},
		{"1.5", "2", true},
		{"1.25", "1.2", false}, // 1.25 rounds to 1.3
	} {
		a, b := decimal.RequireFromString(tt.a), decimal.RequireFromString(tt.b)
		if got := sameFigure(a, b); got != tt.same {
			t.Errorf("sameFigure(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}

// A figure filed again rounded (106.798 as 106.8) is the same figure: the
// precise one is kept, in either order, and no restatement is reported;
// a figure filed again with another value is restated.
func TestRoundingIsNotRestatement(t *testing.T) {
	doc := func(first, again string) string {
		return `{"cik": 9, "entityName": "X", "facts": {"us-gaap": {"PaymentsToAcquireProductiveAssets": {"units": {"USD": [
		 {"start": "2023-01-01", "end": "2023-03-31", "val": ` + first + `, "accn": "a1", "form": "10-Q", "filed": "2023-05-01"},
		 {"start": "2023-01-01", "end": "2023-03-31", "val": ` + again + `, "accn": "b1", "form": "10-Q", "filed": "2024-05-01"},
		 {"start": "2022-01-01", "end": "2022-12-31", "val": 400000000, "accn": "k1", "form": "10-K", "filed": "2023-02-01"},
		 {"start": "2023-01-01", "end": "2023-12-31", "val": 500000000, "accn": "k2", "form": "10-K", "filed": "2024-02-01"}]}}}}}`
	}
	for _, tt := range []struct {
		first, again string
		asReported   bool
		want, source string
		restated     bool
	}{
		{"106798000", "106800000", false, "106.798", "a1", false},
		{"106798000", "106800000", true, "106.798", "a1", false},
		{"106800000", "106798000", false, "106.798", "b1", false},
		{"106798000", "106900000", false, "106.9", "b1", true},
		{"106798000", "106900000", true, "106.798", "a1", true},
	} {
		d, err := Parse([]byte(doc(tt.first, tt.again)))
		if err != nil {
			t.Fatal(err)
		}
		im, err := Run(d, Options{Out: amount.Million, AsReported: tt.asReported})
		if err != nil {
			t.Fatal(err)
		}
		var q1 *Point
		for i, p := range im.Points {
			if p.Seq == 2023*4 && p.Months == 3 {
				q1 = &im.Points[i]
			}
		}
		if q1 == nil {
			t.Fatalf("%s then %s: no 2023Q1 point", tt.first, tt.again)
		}
		got := amount.Convert(q1.Fact.Value, amount.One, amount.Million).String()
		if got != tt.want || q1.Fact.Accn != tt.source {
			t.Errorf("%s then %s (as reported %v): 2023Q1 = %s from %s, want %s from %s", tt.first, tt.again, tt.asReported, got, q1.Fact.Accn, tt.want, tt.source)
		}
		if hasWarning(im, "restated") != tt.restated {
			t.Errorf("%s then %s: restated reported %v, want %v: %q", tt.first, tt.again, !tt.restated, tt.restated, im.Warnings)
		}
		if !tt.restated && !strings.Contains(q1.Note, "also filed rounded: 106.8 in 10-Q ") {
			t.Errorf("%s then %s: note %q does not name the rounded filing", tt.first, tt.again, q1.Note)
		}
	}
}

func TestUnderivable(t *testing.T) {
	im := importFixture(t, "companyfacts-CIK0007654321-GAPS.json", Options{})
	qs := quarters(im)
	if _, ok := qs["2023Q2"]; ok {
		t.Error("2023Q2 derived without a 6-month figure")
	}
	if got := qs["2023Q4"]; got != "140 2023-10-01..2023-12-31" {
		t.Errorf("2023Q4 = %q", got)
	}
	if !hasWarning(im, "6 quarters cannot be derived from the facts and are left out: 2022Q1..2022Q4, 2023Q2, 2023Q3") {
		t.Errorf("warnings %q", im.Warnings)
	}
}

func TestFiftyThreeWeeks(t *testing.T) {
	im := importFixture(t, "companyfacts-CIK0000000053-WEEK.json", Options{})
	if got := im.Calendar.String(); got != "last-saturday-of-june" {
		t.Errorf("calendar %s", got)
	}
	if got := quarters(im)["FY2024Q4"]; got != "98 2024-03-24..2024-06-29" {
		t.Errorf("FY2024Q4 = %q", got)
	}
}

// factsDoc builds a companyfacts document of one concept from rows of
// "start end value accn form filed", values in millions.
func factsDoc(t *testing.T, rows ...string) *Document {
	t.Helper()
	var facts []string
	for _, r := range rows {
		f := strings.Fields(r)
		if len(f) != 6 {
			t.Fatalf("row %q: want start end value accn form filed", r)
		}
		facts = append(facts, fmt.Sprintf(`{"start": %q, "end": %q, "val": %s000000, "accn": %q, "form": %q, "filed": %q}`,
			f[0], f[1], f[2], f[3], f[4], f[5]))
	}
	d, err := Parse([]byte(`{"cik": 9, "entityName": "X", "facts": {"us-gaap": {"PaymentsToAcquireProductiveAssets": {"units": {"USD": [` +
		strings.Join(facts, ",\n") + `]}}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Every derived quarter comes from the figures of one vintage; a quarter
// filed as a quarter is kept as filed; what cannot be reconciled is
// reported as a difference given to no quarter.
func TestVintages(t *testing.T) {
	prior := "2022-01-01 2022-12-31 400 k0 10-K 2023-02-01" // a year before, for the calendar
	tests := []struct {
		name       string
		rows       []string
		asReported bool
		quarters   map[string]string // label → value in millions ("" for none)
		warnings   []string
		absent     []string // warnings that must not be given
	}{
		{
			// Alphabet FY2014: the total restated, its 9 months never filed
			// again. 2014Q4 is derived as filed; the restatement is a
			// difference of FY2014.
			name: "a total restated without its parts",
			rows: []string{prior,
				"2023-01-01 2023-09-30 300 q3 10-Q 2023-11-01",
				"2023-01-01 2023-12-31 400 k1 10-K 2024-02-01",
				"2023-01-01 2023-12-31 420 k2 10-K 2025-02-01"},
			quarters: map[string]string{"2023Q4": "100"},
			warnings: []string{"FY2023: restated: 400 in 10-K k1 filed 2024-02-01, then 420 in 10-K k2 filed 2025-02-01; no filing gives 2023Q4 with the latest figure, " +
				"so it is derived from the figures as of 10-K k1 filed 2024-02-01 (FY2023 400 − 9M 2023 300), and the restatement, +20 in 10-K k2, is an unallocated difference of FY2023, given to no quarter"},
		},
		{
			name:       "as reported, the first vintage",
			rows:       []string{prior, "2023-01-01 2023-09-30 300 q3 10-Q 2023-11-01", "2023-01-01 2023-12-31 400 k1 10-K 2024-02-01", "2023-01-01 2023-12-31 420 k2 10-K 2025-02-01"},
			asReported: true,
			quarters:   map[string]string{"2023Q4": "100"},
			warnings:   []string{"FY2023: restated: 400 in 10-K k1 filed 2024-02-01, then 420 in 10-K k2 filed 2025-02-01; the first filed is kept (as reported)"},
		},
		{
			// The total and its parts restated together: the latest vintage
			// gives them all.
			name: "a year restated whole",
			rows: []string{prior,
				"2023-01-01 2023-09-30 300 q3 10-Q 2023-11-01",
				"2023-01-01 2023-12-31 400 k1 10-K 2024-02-01",
				"2023-01-01 2023-09-30 310 r3 10-Q 2024-11-01",
				"2023-01-01 2023-12-31 420 k2 10-K 2025-02-01"},
			quarters: map[string]string{"2023Q4": "110"},
			warnings: []string{"9M 2023: restated: 300 in 10-Q q3 filed 2023-11-01, then 310 in 10-Q r3 filed 2024-11-01; the latest filed is kept",
				"FY2023: restated: 400 in 10-K k1 filed 2024-02-01, then 420 in 10-K k2 filed 2025-02-01; the latest filed is kept"},
			absent: []string{"unallocated"},
		},
		{
			// A quarter filed as a quarter is kept, though a later filing
			// restates the 6-month figure it is part of; the 6-month
			// figure's difference is reported, not folded into a quarter.
			name: "a printed quarter is never replaced",
			rows: []string{prior,
				"2023-01-01 2023-03-31 100 a1 10-Q 2023-05-01",
				"2023-04-01 2023-06-30 40 q2 10-Q 2023-08-01",
				"2023-01-01 2023-06-30 145 r2 10-Q 2024-08-01"},
			quarters: map[string]string{"2023Q1": "100", "2023Q2": "40"},
			warnings: []string{"6M 2023: 145 in 10-Q r2 filed 2024-08-01 differs from 2023Q1 100 + 2023Q2 40 = 140 by +5: an unallocated difference, given to no quarter; left out"},
		},
		{
			// A 6-month figure below the first quarter is no contradiction
			// (a refund can make a quarter negative).
			name:     "a negative quarter",
			rows:     []string{prior, "2023-01-01 2023-03-31 100 a1 10-Q 2023-05-01", "2023-01-01 2023-06-30 90 a2 10-Q 2023-08-01"},
			quarters: map[string]string{"2023Q1": "100", "2023Q2": "-10"},
			absent:   []string{"differs", "restated", "2023Q"},
		},
		{
			// Q1 restated (110) with a new 6M (240), while 9M and FY were
			// filed only before: 2023Q3 = 9M 360 − 6M 240 would mix two
			// vintages, so it is not derived; 2023Q4 = FY − 9M as filed is
			// written as a figure of its own, since 9M and FY do not agree
			// with the restated first half.
			name: "no quarter from two vintages",
			rows: []string{prior,
				"2023-01-01 2023-03-31 100 a1 10-Q 2023-05-01",
				"2023-01-01 2023-09-30 360 a3 10-Q 2023-11-01",
				"2023-01-01 2023-12-31 500 k1 10-K 2024-02-01",
				"2023-01-01 2023-03-31 110 b1 10-Q 2024-05-01",
				"2023-01-01 2023-06-30 240 b2 10-Q 2024-08-01"},
			quarters: map[string]string{"2023Q1": "110", "2023Q2": "130", "2023Q3": "", "2023Q4": "140"},
			warnings: []string{"2023Q4 = FY2023 500 − 9M 2023 360 = 140, derived from the figures as of 10-K k1 filed 2024-02-01; written as a figure of its own",
				"9M 2023: 360 in 10-Q a3 filed 2023-11-01 is left out: with the figures kept it would give a quarter that no one vintage of the filings gives",
				"FY2023: 500 in 10-K k1 filed 2024-02-01 is left out",
				"5 quarters cannot be derived from the facts and are left out: 2022Q1..2022Q4, 2023Q3"},
		},
		{
			// Alphabet 2016, as reported: the 9M figure already holds the
			// restated first half (its Q3 and 9M imply 6M 4,580, not the
			// 4,551 filed), so it restates the first half and no quarter
			// is derived from it with the first-half figures as filed.
			name: "a restatement implied by a filing's own figures",
			rows: []string{prior,
				"2023-01-01 2023-03-31 2428 a1 10-Q 2023-05-03",
				"2023-01-01 2023-06-30 4551 a2 10-Q 2023-08-04",
				"2023-04-01 2023-06-30 2123 a2 10-Q 2023-08-04",
				"2023-01-01 2023-09-30 7134 a3 10-Q 2023-11-03",
				"2023-07-01 2023-09-30 2554 a3 10-Q 2023-11-03",
				"2023-01-01 2023-12-31 10212 k1 10-K 2024-02-03",
				"2023-01-01 2023-03-31 2444 b1 10-Q 2024-05-02",
				"2023-01-01 2023-06-30 4580 b2 10-Q 2024-07-25",
				"2023-04-01 2023-06-30 2136 b2 10-Q 2024-07-25"},
			asReported: true,
			quarters:   map[string]string{"2023Q1": "2428", "2023Q2": "2123", "2023Q3": "2554", "2023Q4": "3078"},
			warnings: []string{"9M 2023: 7,134 in 10-Q a3 filed 2023-11-03 differs from 6M 2023 4,551 + 2023Q3 2,554 = 7,105 by +29: an unallocated difference",
				"2023Q4 = FY2023 10,212 − 9M 2023 7,134 = 3,078, derived from the figures as of 10-K k1 filed 2024-02-03"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			im, err := Run(factsDoc(t, tt.rows...), Options{Out: amount.Million, AsReported: tt.asReported})
			if err != nil {
				t.Fatal(err)
			}
			qs := quarters(im)
			for label, want := range tt.quarters {
				got, _, _ := strings.Cut(qs[label], " ")
				if got != want {
					t.Errorf("%s = %q, want %q", label, got, want)
				}
			}
			for _, w := range tt.warnings {
				if !hasWarning(im, w) {
					t.Errorf("no warning %q in\n%s", w, warnings(im))
				}
			}
			for _, w := range tt.absent {
				if hasWarning(im, w) {
					t.Errorf("a warning with %q:\n%s", w, warnings(im))
				}
			}
		})
	}
}

// With none of the concepts asked for, the error names the concepts like
// capex the document has: flows, payments and purchases first, with their
// units; never a balance.
func TestNoFactsNamesCapexLikeConcepts(t *testing.T) {
	flow := func(unit string) string {
		return `{"units": {"` + unit + `": [{"start": "2024-01-01", "end": "2024-12-31", "val": 5, "accn": "a", "form": "10-K", "filed": "2025-02-01"}]}}`
	}
	balance := `{"units": {"USD": [{"end": "2024-12-31", "val": 5, "accn": "a", "form": "10-K", "filed": "2025-02-01"}]}}`
	for _, tt := range []struct {
		facts string
		want  string
	}{
		{`{"us-gaap": {"Revenues": ` + flow("USD") + `}}`,
			"no USD facts for us-gaap:X; the document has no concept like capex (a flow named for property, plant and equipment, productive assets or capital expenditure)"},
		{`{"us-gaap": {"PropertyPlantAndEquipmentNet": ` + balance + `, "IncreaseDecreaseInCapitalExpenditureAccruals": ` + flow("USD") +
			`, "PaymentsToAcquireOtherProductiveAssets": ` + flow("USD") + `}, "ifrs-full": {"PurchaseOfPropertyPlantAndEquipment": ` + flow("EUR") + `}}`,
			"no USD facts for us-gaap:X; of concepts like capex, the document has ifrs-full:PurchaseOfPropertyPlantAndEquipment (EUR), " +
				"us-gaap:PaymentsToAcquireOtherProductiveAssets (USD), us-gaap:IncreaseDecreaseInCapitalExpenditureAccruals (USD)"},
	} {
		d, err := Parse([]byte(`{"cik": 1, "facts": ` + tt.facts + `}`))
		if err != nil {
			t.Fatal(err)
		}
		_, err = Run(d, Options{Concepts: []string{"us-gaap:X"}})
		var nf *NoFactsError
		if !errors.As(err, &nf) || err.Error() != tt.want {
			t.Errorf("%v\nwant %s", err, tt.want)
		}
	}
}

// A series of capex concepts is defined as capex; one of other concepts
// by what the document says of them.
func TestDefinition(t *testing.T) {
	runs := func(cs ...string) []conceptRun {
		var out []conceptRun
		for i, c := range cs {
			out = append(out, conceptRun{c, 2020 + i, 2020 + i})
		}
		return out
	}
	labels := map[string]string{"us-gaap:FinanceLeasePrincipalPayments": "Finance Lease, Principal Payments", "us-gaap:Other": "Other"}
	descriptions := map[string]string{"us-gaap:FinanceLeasePrincipalPayments": "Amount of cash outflow for principal payment on finance lease."}
	for _, tt := range []struct {
		runs []conceptRun
		want string
	}{
		{runs("us-gaap:PaymentsToAcquireProductiveAssets", "us-gaap:PaymentsToAcquirePropertyPlantAndEquipment"),
			"Cash paid for capital expenditure as tagged in SEC XBRL filings: us-gaap:PaymentsToAcquireProductiveAssets FY2020; us-gaap:PaymentsToAcquirePropertyPlantAndEquipment FY2021 (companyfacts; values as filed, outflows positive)"},
		{runs("us-gaap:FinanceLeasePrincipalPayments"),
			"Finance Lease, Principal Payments: Amount of cash outflow for principal payment on finance lease. As tagged in SEC XBRL filings: us-gaap:FinanceLeasePrincipalPayments FY2020 (companyfacts; values as filed)"},
		// No description: the label; no label either (trimmed documents): the concept.
		{runs("us-gaap:Other", "us-gaap:Bare"),
			"Other. us-gaap:Bare. As tagged in SEC XBRL filings: us-gaap:Other FY2020; us-gaap:Bare FY2021 (companyfacts; values as filed)"},
	} {
		if got := definition(tt.runs, labels, descriptions); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
}

func TestInferCalendar(t *testing.T) {
	fact := func(form, start, end string) Fact {
		s, _ := time.Parse(time.DateOnly, start)
		e, _ := time.Parse(time.DateOnly, end)
		return Fact{Start: s, End: e, Form: form}
	}
	year := func(start, end string) Fact { return fact("10-K", start, end) }
	// Micron-like: years end on the Thursday nearest 31 August.
	fy2024, fy2025 := year("2023-09-01", "2024-08-29"), year("2024-08-30", "2025-08-28")
	tests := []struct {
		name  string
		facts []Fact
		want  string
		tied  string // the rules that fit as well, when the facts cannot tell them apart
	}{
		{"month and day", []Fact{year("2023-07-01", "2024-06-30"), year("2022-07-01", "2023-06-30")}, "06-30", ""},
		{"end of February", []Fact{year("2023-03-01", "2024-02-29"), year("2022-03-01", "2023-02-28")}, "02-28", ""},
		{"last Saturday", []Fact{year("2023-10-01", "2024-09-28"), year("2022-09-25", "2023-09-30"), year("2021-09-26", "2022-09-24")}, "last-saturday-of-september", ""},
		// 2022-10-01 is the Saturday nearest 30 September, not the last of it.
		{"nearest Saturday", []Fact{year("2021-10-03", "2022-10-01"), year("2022-10-02", "2023-09-30"), year("2020-10-04", "2021-10-02")}, "nearest-saturday-to-09-30", ""},
		// 2024-01-28 and 2023-01-29 are the last Sundays of January and the
		// Sundays nearest its end alike.
		{"two year ends, two rules", []Fact{year("2023-01-30", "2024-01-28"), year("2022-01-31", "2023-01-29")}, "last-sunday-of-january", "last-sunday-of-january nearest-sunday-to-01-31"},
		{"Micron's two year ends", []Fact{fy2024, fy2025}, "last-thursday-of-august", "last-thursday-of-august nearest-thursday-to-08-31"},
		// Quarters that fit only one rule decide: FY2023 began 2022-09-02,
		// the day after the Thursday nearest 31 August 2022 (the last
		// Thursday of August was the 25th).
		{"Micron with a quarter", []Fact{fy2024, fy2025, fact("10-Q", "2022-09-02", "2022-12-01")}, "nearest-thursday-to-08-31", ""},
		{"Micron with a year's start", []Fact{fy2024, fy2025, year("2022-09-02", "2023-08-31")}, "nearest-thursday-to-08-31", ""},
	}
	for _, tt := range tests {
		inf, err := inferCalendar(tt.facts)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		var tied []string
		for _, c := range inf.tied {
			tied = append(tied, c.String())
		}
		if inf.cal.String() != tt.want || strings.Join(tied, " ") != tt.tied {
			t.Errorf("%s: %s, tied with %q; want %s, tied with %q", tt.name, inf.cal, tied, tt.want, tt.tied)
		}
	}
	// A 10-Q's twelve months prove nothing.
	if _, err := inferCalendar([]Fact{fact("10-Q", "2022-10-01", "2023-09-30")}); err == nil {
		t.Error("a calendar inferred from a 10-Q's trailing twelve months")
	}
}

// A fiscal year end the facts cannot pin down is reported, with the rule
// taken and how to choose another; the document's quarters decide when
// they can.
func TestAmbiguousCalendar(t *testing.T) {
	im := importFixture(t, "companyfacts-CIK0000000831-THUR.json", Options{})
	if got := im.Calendar.String(); got != "last-thursday-of-august" {
		t.Errorf("calendar %s", got)
	}
	var w *Warning
	for i := range im.Warnings {
		if strings.Contains(im.Warnings[i].Msg, "fiscal year end is ambiguous") {
			w = &im.Warnings[i]
		}
	}
	if w == nil {
		t.Fatalf("no ambiguity warning in\n%s", warnings(im))
	}
	want := Warning{
		Msg: "the fiscal year end is ambiguous: the annual reports' year ends (2024-08-29, 2025-08-28) and the dates of every other fact fit " +
			"last-thursday-of-august and nearest-thursday-to-08-31 alike; last-thursday-of-august is taken",
		Hint:  "set the fiscal year end to the rule the company states, such as nearest-thursday-to-08-31, to pin it",
		Param: "fiscal-year-end",
	}
	if *w != want {
		t.Errorf("warning\n%+v\nwant\n%+v", *w, want)
	}
	cal, err := period.ParseFiscalYearEnd("nearest-thursday-to-08-31")
	if err != nil {
		t.Fatal(err)
	}
	if im := importFixture(t, "companyfacts-CIK0000000831-THUR.json", Options{Calendar: &cal}); hasWarning(im, "ambiguous") {
		t.Errorf("a calendar given is reported ambiguous:\n%s", warnings(im))
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", "not a companyfacts document"},
		{"{\n\"cik\": 1,\n\"facts\": [1]\n}", `line 3: "facts" is a JSON array where a companyfacts document has an object`},
		{`{"cik": 1}`, `no "facts" object`},
		{`{"cik": "12x", "facts": {}}`, `cik "12x": not a CIK`},
		{`{"facts": {}} {}`, "more than one JSON value"},
	} {
		_, err := Parse([]byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want %q", tt.in, err, tt.want)
		}
	}
	bad := func(fact string) error {
		d, err := Parse([]byte(`{"facts": {"us-gaap": {"PaymentsToAcquireProductiveAssets": {"units": {"USD": [` + fact + `]}}}}}`))
		if err != nil {
			t.Fatal(err)
		}
		_, err = Run(d, Options{})
		return err
	}
	for _, tt := range []struct{ fact, want string }{
		{`{"start": "2023-01-01", "end": "2023-13-31", "val": 1, "accn": "a", "form": "10-K", "filed": "2024-01-01"}`, `end: "2023-13-31" is not a date`},
		{`{"start": "2023-01-01", "end": "2022-12-31", "val": 1, "accn": "a", "form": "10-K", "filed": "2024-01-01"}`, "ends 2022-12-31 before it starts"},
		{`{"start": "2023-01-01", "end": "2023-12-31", "val": 1e999999, "accn": "a", "form": "10-K", "filed": "2024-01-01"}`, "exponent beyond"},
		{`{"start": "2023-01-01", "end": "2023-12-31", "val": 1, "accn": "", "form": "10-K", "filed": "2024-01-01"}`, "no accn or form"},
		{`{"start": "1800-01-01", "end": "1800-12-31", "val": 1, "accn": "a", "form": "10-K", "filed": "2024-01-01"}`, "outside the years"},
		{`{"start": "2023-06-20", "end": "2024-06-27", "val": 1, "accn": "a", "form": "10-K", "filed": "2024-08-01"}`, "none of the 1 facts is a quarter, year to date or year of a fiscal year ending"},
	} {
		if err := bad(tt.fact); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.fact, err, tt.want)
		}
	}
}

// The client sends the User-Agent and refuses to run without one.
func TestClient(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("User-Agent") != testAgent {
			http.Error(w, "no agent", http.StatusForbidden)
			return
		}
		io.WriteString(w, testDoc)
	}))
	defer srv.Close()
	c := testClient(srv.URL, newFakeClock())
	data, addr, err := c.CompanyFacts(context.Background(), 1018724)
	if err != nil {
		t.Fatal(err)
	}
	if addr != srv.URL+"/api/xbrl/companyfacts/CIK0001018724.json" || string(data) != testDoc {
		t.Errorf("%s: %s", addr, data)
	}
	// A mirror's long address is named whole.
	mirror := testClient(srv.URL+"/"+strings.Repeat("mirror/", 20), newFakeClock())
	mirror.UserAgent = "someone else"
	want := srv.URL + "/" + strings.Repeat("mirror/", 20) + "api/xbrl/companyfacts/CIK0000000001.json: refused (403 Forbidden); the SEC wants a User-Agent with a name and email address, and at most 10 requests a second"
	if _, _, err := mirror.CompanyFacts(context.Background(), 1); err == nil || err.Error() != want {
		t.Errorf("403: %v\nwant %s", err, want)
	}
	if _, _, err := (&Client{BaseURL: srv.URL}).CompanyFacts(context.Background(), 1); err != ErrNoUserAgent {
		t.Errorf("no User-Agent: %v", err)
	}
	c.MaxBytes = 5
	c.UserAgent = testAgent
	if _, _, err := c.CompanyFacts(context.Background(), 1); err == nil || !strings.Contains(err.Error(), "larger than the 5-byte limit") {
		t.Errorf("limit: %v", err)
	}
}

// FuzzParse: no document makes the importer panic or hang, and whatever
// it writes, capex reads back without a problem.
func FuzzParse(f *testing.F) {
	f.Add(fixture(f, "companyfacts-CIK0001234567-RSTD.json"))
	f.Add(fixture(f, "companyfacts-CIK0007654321-GAPS.json"))
	f.Add(fixture(f, "companyfacts-CIK0000000053-WEEK.json"))
	// A restatement that leaves a derived quarter to be written as a
	// figure of its own (see TestVintages).
	f.Add([]byte(`{"cik": 9, "facts": {"us-gaap": {"PaymentsToAcquireProductiveAssets": {"units": {"USD": [
	 {"start": "2022-01-01", "end": "2022-12-31", "val": 400, "accn": "k0", "form": "10-K", "filed": "2023-02-01"},
	 {"start": "2023-01-01", "end": "2023-03-31", "val": 100, "accn": "a1", "form": "10-Q", "filed": "2023-05-01"},
	 {"start": "2023-01-01", "end": "2023-09-30", "val": 360, "accn": "a3", "form": "10-Q", "filed": "2023-11-01"},
	 {"start": "2023-01-01", "end": "2023-12-31", "val": 500, "accn": "k1", "form": "10-K", "filed": "2024-02-01"},
	 {"start": "2023-01-01", "end": "2023-03-31", "val": 110, "accn": "b1", "form": "10-Q", "filed": "2024-05-01"},
	 {"start": "2023-01-01", "end": "2023-06-30", "val": 240, "accn": "b2", "form": "10-Q", "filed": "2024-08-01"}]}}}}}`))
	f.Add([]byte(`{"cik": 1, "facts": {"us-gaap": {"PaymentsToAcquireProductiveAssets": {"units": {"USD": [{"start": "2023-01-01", "end": "2023-12-31", "val": 1.5e3, "accn": "a", "form": "10-K", "filed": "2024-01-01"}]}}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse(data)
		if err != nil {
			return
		}
		im, err := Run(d, Options{Out: amount.Million})
		if err != nil {
			return
		}
		out, err := YAML([]Series{{Import: im, Ticker: "FUZZ", Metric: "capex", From: "fuzz"}})
		if err != nil {
			t.Fatal(err)
		}
		b := series.NewBuilder()
		load.Bytes(b, "fuzz.yaml", out, load.Options{Format: "yaml"})
		b.Build(nil)
		if err := b.Problems.Err(); err != nil {
			t.Fatalf("the import does not read back: %v\n%s", err, out)
		}
	})
}
