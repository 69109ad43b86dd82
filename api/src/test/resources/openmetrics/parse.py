"""Parses a scrape with Prometheus' Python client (OpenMetrics or the 0.0.4 text format) and
prints its families as JSON, so a test can check what a real scraper reads. A malformed scrape
raises, and the test sees the parser's message on stderr."""
import json
import sys

from prometheus_client.openmetrics.parser import text_string_to_metric_families as openmetrics
from prometheus_client.parser import text_string_to_metric_families as prometheus

text = sys.stdin.read()
parse = openmetrics if sys.argv[1] == "openmetrics" else prometheus
families = [
    {
        "name": family.name,
        "type": family.type,
        "unit": family.unit,
        "samples": [
            {"name": sample.name, "labels": sample.labels, "value": sample.value}
            for sample in family.samples
        ],
    }
    for family in parse(text)
]
json.dump(families, sys.stdout)
