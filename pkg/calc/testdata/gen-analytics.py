#!/usr/bin/env python3
"""Writes analytics.csv: generated quarterly series with the TTM, QoQ and
YoY that Python's decimal module computes (prec=34, ROUND_HALF_UP), the
oracle for capex's calculations. Run once; the file is committed so that
go test needs no Python:

    python3 gen-analytics.py > analytics.csv

Columns: company,period,value,ttm,qoq,yoy. An empty cell has no value
because the quarters needed precede the series; "zero base" marks growth
from zero. Values have up to three decimals; some are zero or negative.
"""
import csv
import random
import sys
from decimal import Decimal, getcontext, ROUND_HALF_UP

getcontext().prec = 34
getcontext().rounding = ROUND_HALF_UP
rnd = random.Random(3)

out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["company", "period", "value", "ttm", "qoq", "yoy"])
for c in range(8):
    ticker = "G%d" % c
    quarters = rnd.randint(150, 320)
    start = rnd.randint(1950, 2000) * 4
    level = rnd.uniform(1, 90000)
    hist = []
    for i in range(quarters):
        r = rnd.random()
        if r < 0.04:
            v = Decimal(0)
        elif r < 0.12:
            v = -Decimal(rnd.randint(1, 9999999)) / 1000
        else:
            level *= 1 + rnd.uniform(-0.2, 0.25)
            level = max(level, 0.5)
            v = Decimal(int(level * 1000)) / 1000
            if rnd.random() < 0.3:
                v = Decimal(int(level))
        hist.append(v)
        y, q = divmod(start + i, 4)

        def growth(prev):
            return "zero base" if prev == 0 else (v - prev) / prev

        ttm = hist[-1] + hist[-2] + hist[-3] + hist[-4] if len(hist) >= 4 else ""
        qoq = growth(hist[-2]) if len(hist) >= 2 else ""
        yoy = growth(hist[-5]) if len(hist) >= 5 else ""
        out.writerow([ticker, "%dQ%d" % (y, q + 1), v, ttm, qoq, yoy])
