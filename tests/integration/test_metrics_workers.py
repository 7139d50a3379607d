"""Several web worker processes, one scrape: in multiprocess mode (PROMETHEUS_MULTIPROC_DIR, as
the launcher runs them) a scrape of any worker adds up every worker's requests, and open
sockets of a worker that died stop counting."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from microshort import metrics
from microshort.config import PROJECT_ROOT

# A worker: answers `requests` requests, then holds one socket open (counted as the room
# socket does) until told to exit; it never closes it, as a killed worker would not.
WORKER = """
import sys
from starlette.testclient import TestClient
from microshort import metrics
from microshort.api.routes import api_app

client = TestClient(api_app())
for _ in range(int(sys.argv[1])):
    client.get("/api/openapi.json")
metrics.websocket_connections.labels("/ws/rooms/{episode_id}").inc()
print("ready", flush=True)
sys.stdin.readline()
"""


def _worker(folder: Path, requests: int) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(requests)],
        cwd=PROJECT_ROOT,
        env={**os.environ, metrics.MULTIPROC_ENV: str(folder)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    return process


def _figures() -> tuple[float, float]:
    samples = {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(metrics.render().decode())
        for sample in family.samples
    }
    served = (("method", "GET"), ("route", "/api/openapi.json"), ("status", "200"))
    room = (("route", "/ws/rooms/{episode_id}"),)
    return (
        samples.get(("microshort_http_requests_total", served), 0.0),
        samples.get(("microshort_websocket_connections", room), 0.0),
    )


def test_a_scrape_adds_up_every_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "metrics"
    metrics.reset_multiprocess_dir(folder)
    monkeypatch.setenv(metrics.MULTIPROC_ENV, str(folder))
    first, second = _worker(folder, 3), _worker(folder, 4)
    try:
        assert _figures() == (7, 2)
        second.kill()  # dies with its socket open
        second.wait()
        assert _figures() == (7, 1)  # its requests still count; its socket no longer does
    finally:
        for process in (first, second):
            process.kill()
            process.wait()
    assert _figures() == (7, 0)
