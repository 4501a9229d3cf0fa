"""What an operator's Prometheus reads: a scrape of /metrics, or of a registry, as numbers."""

from __future__ import annotations

import httpx
from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families

from bot.slack.metrics import Metrics


def samples(text: str) -> dict[str, float]:
    """Every sample of a Prometheus text exposition, by name and labels
    (`newsbot_command_seconds_bucket{le="0.1"}`)."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            labels = ",".join(f'{k}="{v}"' for k, v in sorted(sample.labels.items()))
            found[sample.name + (f"{{{labels}}}" if labels else "")] = sample.value
    return found


def scrape(http: httpx.Client, url: str) -> dict[str, float]:
    """GET `url` as Prometheus does (no signature, nothing but the path) and read its samples."""
    answer = http.get(url)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain; version=0.0.4")
    return samples(answer.text)


def exposed(metrics: Metrics) -> dict[str, float]:
    """The samples `metrics` would answer a scrape with."""
    return samples(generate_latest(metrics.registry).decode())
