#!/usr/bin/env python3
"""Gatling's per-request statistics from its HTML report (index.html's Stats table), one line each:
name, total, errors (KO), p50, p99, with the tab as separator; "ALL" for Gatling's All Requests row.

Gatling 3.15 writes no statistics file besides the report and its binary simulation.log; the table
is the same figures its console summary prints. Columns are taken by their header text, not their
position, so a reordered table fails loudly instead of mixing figures up.
"""
import html
import re
import sys

page = open(sys.argv[1], encoding="utf-8").read()
headers = re.findall(r'<th id="(col-\d+)"[^>]*><span>(?:<abbr[^>]*>)?([^<]+)', page)
column = {text.strip(): col for col, text in headers}
wanted = {"total": "Total", "ko": "KO", "p50": "50th pct", "p99": "99th pct"}
missing = [text for text in wanted.values() if text not in column]
if missing:
    sys.exit(f"{sys.argv[1]}: no column {missing} in the Stats table")
rows = re.findall(r'<tr id="([^"]+)"[^>]*>(.*?)</tr>', page, re.S)
if not rows:
    sys.exit(f"{sys.argv[1]}: no rows in the Stats table")
for row_id, body in rows:
    name = re.search(r'class="ellipsed-name">([^<]*)<', body)
    if name is None:
        continue
    values = dict(re.findall(r'<td class="value [a-z]+ (col-\d+)">([^<]*)</td>', body))
    label = "ALL" if row_id == "ROOT" else html.unescape(name.group(1))
    print("\t".join([label] + [values.get(column[text], "-").replace(",", "") for text in wanted.values()]))
