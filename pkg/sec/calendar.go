package sec

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/capexdev/capex/pkg/period"
)

// inferCalendar finds the fiscal year end that the twelve-month facts of
// annual reports follow: a month and day, the last weekday of a month, or
// the weekday nearest a month end. A 10-Q's twelve-month facts are left
// out, since they may be trailing twelve months (Amazon files those), and
// a CY#### frame proves nothing either. The rule that fits the most year
// ends wins; ties go to the simpler rule.
func inferCalendar(facts []Fact) (period.Calendar, error) {
	ends := map[time.Time]bool{}
	for _, f := range facts {
		days := int(f.End.Sub(f.Start)/(24*time.Hour)) + 1
		if f.Annual() && days >= 357 && days <= 378 {
			ends[f.End] = true
		}
	}
	if len(ends) == 0 {
		return period.Calendar{}, fmt.Errorf("no twelve-month facts from annual reports to infer the fiscal year end from")
	}
	var list []time.Time
	for e := range ends {
		list = append(list, e)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Before(list[j]) })
	type candidate struct {
		cal   period.Calendar
		rank  int // 0 month-day, 1 last weekday, 2 nearest weekday
		score int
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
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].score != cs[j].score {
			return cs[i].score > cs[j].score
		}
		return cs[i].rank < cs[j].rank
	})
	if len(cs) == 0 || cs[0].score*2 <= len(list) {
		var iso []string
		for _, e := range list {
			iso = append(iso, period.ISO(e))
		}
		return period.Calendar{}, fmt.Errorf("the fiscal years in the annual reports end on %s, which no one fiscal year end fits", strings.Join(iso, ", "))
	}
	return cs[0].cal, nil
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
