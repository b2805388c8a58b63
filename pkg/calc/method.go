package calc

import (
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/series"
)

// NamedRate is a scenario: a growth rate with a name.
type NamedRate struct {
	Name string
	Rate Rate
}

// Methods is a choice of projection methods, as given to capex project
// (or to a projection check): every method set makes one projection.
type Methods struct {
	Annualize *Spec
	Trailing  bool
	Growth    *Rate
	Trend     bool
	Scenarios []NamedRate
	Window    int            // quarters of the trend; 0 means 8
	Horizon   int            // years of growth; 0 means 1
	AsOf      *period.Period // base of trailing, growth, trend and scenarios; nil means the latest quarter
}

// Count is how many projections the methods make.
func (ms Methods) Count() int {
	n := len(ms.Scenarios)
	for _, on := range []bool{ms.Annualize != nil, ms.Trailing, ms.Growth != nil, ms.Trend} {
		if on {
			n++
		}
	}
	return n
}

// Project makes every chosen method's projection of metric m of company
// c, in the order annualize, trailing, growth, trend, scenarios.
func (ms Methods) Project(c *series.Company, m *series.Metric) ([]*Projection, error) {
	var out []*Projection
	add := func(p *Projection, err error) error {
		if err == nil {
			out = append(out, p)
		}
		return err
	}
	if ms.Annualize != nil {
		if err := add(Annualize(c, m, *ms.Annualize)); err != nil {
			return nil, err
		}
	}
	if !ms.Trailing && ms.Growth == nil && !ms.Trend && len(ms.Scenarios) == 0 {
		return out, nil
	}
	window, horizon := ms.Window, ms.Horizon
	if window == 0 {
		window = 8
	}
	if horizon == 0 {
		horizon = 1
	}
	q := NewQuarters(c, m)
	asOf, err := q.AsOf(ms.AsOf)
	if err != nil {
		return nil, err
	}
	if ms.Trailing {
		if err := add(q.Trailing(asOf)); err != nil {
			return nil, err
		}
	}
	if ms.Growth != nil {
		if err := add(q.Grow(asOf, *ms.Growth, horizon, "")); err != nil {
			return nil, err
		}
	}
	if ms.Trend {
		if err := add(q.Trend(asOf, window)); err != nil {
			return nil, err
		}
	}
	for _, sc := range ms.Scenarios {
		if err := add(q.Grow(asOf, sc.Rate, horizon, "scenario "+sc.Name+" "+sc.Rate.Text)); err != nil {
			return nil, err
		}
	}
	return out, nil
}
