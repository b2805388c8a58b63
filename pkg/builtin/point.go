package builtin

import (
	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/series"
)

// point is a figure as data_gen.go holds it.
type point struct {
	period period.Period
	basis  series.Basis
	months uint8
	symbol amount.Symbol
	coef   int64 // the value is coef × 10^exp
	exp    int32
	about  int // index in the metric's abouts, or -1
	line   int32
}

// point is p as a series point of the file at.
func (p point) point(abouts []*series.About, at series.Pos) series.Point {
	pt := series.Point{Period: p.period, Basis: p.basis, Months: p.months, Symbol: p.symbol,
		Value: amount.NewExact(p.coef, p.exp), Pos: at.WithLine(int(p.line))}
	if p.about >= 0 {
		pt.About = abouts[p.about]
	}
	return pt
}
