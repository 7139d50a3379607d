"""The running app's /metrics, as a Prometheus on the same machine scrapes it: every web
worker's figures in one answer (multiprocess files under the data folder), the job queue read
from the database, and request ids on every answer."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from prometheus_client.parser import text_string_to_metric_families
from websockets.sync.client import connect
from websockets.typing import Origin

from tests.e2e.conftest import RunningApp

pytestmark = pytest.mark.e2e


def _scrape(app: RunningApp, **headers: str) -> tuple[int, str]:
    request = urllib.request.Request(app.base_url + "/metrics", headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_metrics_of_the_running_app(running_app: RunningApp) -> None:
    with urllib.request.urlopen(running_app.base_url + "/api/health", timeout=30) as response:  # noqa: S310
        assert len(response.headers["X-Request-ID"]) == 32
    # Reflex's event socket, as a browser tab opens it.
    event_socket = running_app.base_url.replace("http", "ws") + "/_event/?EIO=4&transport=websocket"
    with connect(event_socket, origin=Origin(running_app.base_url)) as socket:
        socket.recv(timeout=10)  # socket.io's open packet
        status, text = _scrape(running_app)
    assert status == 200
    samples = {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }
    assert samples[("microshort_websocket_connections", (("route", "/_event"),))] >= 1
    health = (("method", "GET"), ("route", "/api/health"), ("status", "200"))
    assert samples[("microshort_http_requests_total", health)] >= 1
    assert samples[("microshort_job_stats_up", ())] == 1
    assert "# TYPE microshort_job_queue_depth gauge" in text
    assert list((running_app.data_dir / "metrics").glob("*.db")), "not in multiprocess mode"
    # Through a proxy (a forwarding header), the same machine is an outsider.
    assert _scrape(running_app, **{"X-Forwarded-For": "203.0.113.7"})[0] == 403
