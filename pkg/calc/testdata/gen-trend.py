#!/usr/bin/env python3
"""Writes trend.txt: least-squares forecasts (as Excel's FORECAST.LINEAR
and TREND compute them, for x = 1..n) in exact rational arithmetic, each
rounded once to 34 significant digits, ties away from zero:

    python3 gen-trend.py > trend.txt

Line: y1,y2,...,yn f(n+1) f(n+2) f(n+3) f(n+4) sum
"""
import random
from decimal import Decimal, Context, ROUND_HALF_UP
from fractions import Fraction

rnd = random.Random(11)
ctx = Context(prec=34, rounding=ROUND_HALF_UP)


def rounded(fr):
    return ctx.divide(Decimal(fr.numerator), Decimal(fr.denominator))


def fit(ys):
    n = len(ys)
    xs = range(1, n + 1)
    mx = Fraction(sum(xs), n)
    my = sum(ys, Fraction(0)) / n
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    a = my - b * mx
    return lambda x: a + b * x


print("# ys forecasts at n+1..n+4, and their sum (exact, rounded once to 34 digits)")
cases = [[10, 12, 15, 19], [14925, 17620, 22620, 27834, 25019, 32183, 35095, 39522]]
for _ in range(300):
    n = rnd.randint(2, 16)
    cases.append([Fraction(rnd.randint(-100000, 9999999), 1000) for _ in range(n)])
for ys in cases:
    ys = [Fraction(y) for y in ys]
    f = fit(ys)
    n = len(ys)
    fs = [f(n + i) for i in range(1, 5)]
    print(",".join(str(Decimal(y.numerator) / Decimal(y.denominator)) for y in ys),
          " ".join(str(rounded(v)) for v in fs), rounded(sum(fs)))
