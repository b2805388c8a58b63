package sec

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/capexdev/capex/pkg/period"
)

// inference is a fiscal calendar inferred from facts, and the rules that
// fit the facts as well as it does, when there are several.
type inference struct {
	cal  period.Calendar
	tied []period.Calendar // every rule that fits as well, cal first; nil when none does
	ends []time.Time       // the year ends of the annual reports
}

// inferCalendar finds the fiscal year end that the twelve-month facts of
// annual reports follow: a month and day, the last weekday of a month, or
// the weekday nearest a month end. A 10-Q's twelve-month facts are left
// out, since they may be trailing twelve months (Amazon files those), and
// a CY#### frame proves nothing either. The rule that fits the most year
// ends wins. Among rules that fit as many, the one that the dates of the
// most facts fit (quarters and year-to-date spans included, with the
// 53rd week of a 52/53-week rule in the quarter that fits best) wins; a
// tie after that goes to the simpler rule and is reported, since the
// facts cannot tell the rules apart (Micron's years end on the Thursday
// nearest 31 August; two year ends, 2024-08-29 and 2025-08-28, fit
// last-thursday-of-august as well).
func inferCalendar(facts []Fact) (inference, error) {
	ends := map[time.Time]bool{}
	for _, f := range facts {
		days := int(f.End.Sub(f.Start)/(24*time.Hour)) + 1
		if f.Annual() && days >= 357 && days <= 378 {
			ends[f.End] = true
		}
	}
	if len(ends) == 0 {
		return inference{}, fmt.Errorf("no twelve-month facts from annual reports to infer the fiscal year end from")
	}
	var list []time.Time
	for e := range ends {
		list = append(list, e)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Before(list[j]) })
	type candidate struct {
		cal   period.Calendar
		rank  int // 0 month-day, 1 last weekday, 2 nearest weekday
		score int // year ends it fits
		fit   int // facts whose dates it fits
	}
	seen := map[string]bool{}
	var cs []candidate
	add := func(rule string, rank int) {
		if seen[rule] {
			return
		}
		seen[rule] = true
		cal, err := period.ParseFiscalYearEnd(rule)
		if err != nil {
			return
		}
		c := candidate{cal: cal, rank: rank}
		for _, e := range list {
			if fits(cal, e) {
				c.score++
			}
		}
		cs = append(cs, c)
	}
	for _, e := range list {
		add(mmdd(e), 0)
		wd := strings.ToLower(e.Weekday().String())
		for _, m := range []time.Time{e, e.AddDate(0, 0, -7)} {
			add(fmt.Sprintf("last-%s-of-%s", wd, strings.ToLower(m.Month().String())), 1)
		}
		for _, m := range []time.Time{e, e.AddDate(0, -1, 0)} {
			last := time.Date(m.Year(), m.Month()+1, 0, 0, 0, 0, 0, time.UTC)
			add("nearest-"+wd+"-to-"+mmdd(last), 2)
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].score > cs[j].score })
	if len(cs) == 0 || cs[0].score*2 <= len(list) {
		return inference{}, fmt.Errorf("the fiscal years in the annual reports end on %s, which no one fiscal year end fits", strings.Join(isoDates(list), ", "))
	}
	// The rules that fit the most year ends, judged by every fact.
	top := cs[:1]
	for len(top) < len(cs) && cs[len(top)].score == cs[0].score {
		top = cs[:len(top)+1]
	}
	for i := range top {
		top[i].cal, top[i].fit = placeWeek53(top[i].cal, facts)
	}
	sort.SliceStable(top, func(i, j int) bool {
		if top[i].fit != top[j].fit {
			return top[i].fit > top[j].fit
		}
		return top[i].rank < top[j].rank
	})
	inf := inference{cal: top[0].cal, ends: list}
	for _, c := range top {
		if c.fit == top[0].fit && c.cal.String() != top[0].cal.String() {
			if inf.tied == nil {
				inf.tied = []period.Calendar{top[0].cal}
			}
			inf.tied = append(inf.tied, c.cal)
		}
	}
	return inf, nil
}

// warning says that the facts fit several rules, which was taken, and how
// to choose another.
func (inf inference) warning() Warning {
	names := make([]string, len(inf.tied))
	for i, c := range inf.tied {
		names[i] = c.String()
	}
	return Warning{
		Msg: fmt.Sprintf("the fiscal year end is ambiguous: the annual reports' year ends (%s) and the dates of every other fact fit %s alike; %s is taken",
			strings.Join(isoDates(inf.ends), ", "), strings.Join(names, " and "), names[0]),
		Hint:  fmt.Sprintf("set the fiscal year end to the rule the company states, such as %s, to pin it", names[1]),
		Param: "fiscal-year-end",
	}
}

// placeWeek53 puts the extra week of a 52/53-week calendar's long years in
// the quarter that the facts of such years fit best (the fourth on a tie),
// and counts the facts whose dates fit the calendar: a quarter, or a span
// from the start of a fiscal year.
func placeWeek53(cal period.Calendar, facts []Fact) (period.Calendar, int) {
	count := func(cal period.Calendar) int {
		n := 0
		for _, f := range facts {
			if first, last, ok := quartersOf(cal, f); ok && (first == last || first%4 == 0) {
				n++
			}
		}
		return n
	}
	if !cal.Weeks() {
		return cal, count(cal)
	}
	best, out := -1, cal
	for _, q := range []int{4, 1, 2, 3} {
		try := cal.WithWeek53(q)
		if n := count(try); n > best {
			best, out = n, try
		}
	}
	return out, best
}

func isoDates(ts []time.Time) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = period.ISO(t)
	}
	return out
}

// fits reports whether a fiscal year of cal ends on day e.
func fits(cal period.Calendar, e time.Time) bool {
	for y := e.Year() - 1; y <= e.Year()+1; y++ {
		if cal.End(period.FY(y)).Equal(e) {
			return true
		}
	}
	return false
}

// mmdd writes a day as MM-DD, 29 February as 02-28 (the end of
// February, as a fiscal year end means it).
func mmdd(t time.Time) string {
	d := t.Day()
	if t.Month() == time.February && d == 29 {
		d = 28
	}
	return fmt.Sprintf("%02d-%02d", int(t.Month()), d)
}
