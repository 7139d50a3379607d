"""GET /metrics: requests by route template, webhook failures, open sockets and the job queue
read from the database; served to this machine or to a bearer token only."""

from __future__ import annotations

import io
import json
import logging
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from prometheus_client.parser import text_string_to_metric_families
from starlette.testclient import TestClient

from microshort import migrations
from microshort.api.routes import api_app
from microshort.config import get_settings
from microshort.db import session_scope
from microshort.logs import JsonFormatter
from microshort.realtime.tickets import issue_ticket
from tests.factories import episode_ids, make_creator, make_series

LOCAL = ("127.0.0.1", 40000)
TOKEN = "a-scrape-token-long-enough"


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _value(text: str, name: str, **labels: str) -> float:
    return _samples(text).get((name, tuple(sorted(labels.items()))), 0.0)


@pytest.fixture(scope="module")
def jobs_database(make_database: Callable[[], str]) -> str:
    url = make_database()
    migrations.upgrade(url)
    with psycopg.connect(url) as conn:
        conn.execute("SET search_path TO procrastinate")
        for queue, task, status, count in [
            ("default", "deliver_email", "todo", 3),
            ("default", "deliver_email", "doing", 1),
            ("default", "deliver_email", "succeeded", 50),
            ("video", "transcode_episode", "todo", 2),
            ("video", "transcode_episode", "failed", 4),
        ]:
            for _ in range(count):
                conn.execute(
                    "INSERT INTO procrastinate_jobs (queue_name, task_name, status) "
                    "VALUES (%s, %s, %s)",
                    (queue, task, status),
                )
    return url


@pytest.fixture
def local(app_settings: Callable[[str], Path], jobs_database: str) -> TestClient:
    app_settings(jobs_database)
    return TestClient(api_app(), client=LOCAL)


def test_requests_are_counted_by_route_template_and_status(local: TestClient) -> None:
    before = local.get("/metrics").text
    for episode in (11, 12, 13):
        local.post(f"/api/progress/{episode}", content=b"{}")  # not {seconds, duration}: 400
    local.get("/no/such/page")
    after = local.get("/metrics").text
    labels = {"method": "POST", "route": "/api/progress/{episode_id}", "status": "400"}
    counted = _value(after, "microshort_http_requests_total", **labels)
    assert counted - _value(before, "microshort_http_requests_total", **labels) == 3
    assert "/api/progress/11" not in after  # raw paths never become series
    latency = {"method": "POST", "route": "/api/progress/{episode_id}"}
    assert _value(after, "microshort_http_request_duration_seconds_count", **latency) >= 3
    assert _value(after, "microshort_http_requests_total", method="GET", route="frontend",
                  status="404") >= 1  # fmt: skip


def test_webhook_failures_are_counted_by_provider(
    local: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = local.get("/metrics").text
    local.post("/api/webhooks/stripe", content=b"{}")  # not configured here: 503
    local.post("/api/webhooks/mux", content=b"{}")
    local.post("/api/webhooks/mux", content=b"{}")
    after = local.get("/metrics").text
    for provider, sent in (("stripe", 1), ("mux", 2)):
        labels = {"provider": provider, "status": "503"}
        grew = _value(after, "microshort_webhook_failures_total", **labels) - _value(
            before, "microshort_webhook_failures_total", **labels
        )
        assert grew == sent


def test_job_queue_depth_and_failures_come_from_the_database(local: TestClient) -> None:
    text = local.get("/metrics").text
    assert _value(text, "microshort_job_stats_up") == 1
    assert _value(text, "microshort_job_queue_depth", queue="default", status="todo") == 3
    assert _value(text, "microshort_job_queue_depth", queue="default", status="doing") == 1
    assert _value(text, "microshort_job_queue_depth", queue="video", status="todo") == 2
    assert _value(text, "microshort_job_queue_depth", queue="video", status="doing") == 0
    assert _value(text, "microshort_jobs_failed", queue="video", task="transcode_episode") == 4


def test_job_figures_say_when_the_database_is_gone(app_settings: Callable[[str], Path]) -> None:
    app_settings("postgresql://nobody@127.0.0.1:1/none?connect_timeout=1")
    response = TestClient(api_app(), client=LOCAL).get("/metrics")
    assert response.status_code == 200
    assert _value(response.text, "microshort_job_stats_up") == 0


def test_open_room_sockets_are_a_gauge(local: TestClient) -> None:
    with session_scope() as session:
        series = make_series(session, make_creator(session), episodes=(1,))
        session.flush()
        [episode_id] = episode_ids(session, series)
    ticket = issue_ticket(
        get_settings().signing_key(), episode_id=episode_id, viewer=f"a{uuid.uuid4().hex}"
    )
    room = {"route": "/ws/rooms/{episode_id}"}

    def open_rooms(client: TestClient) -> float:
        return _value(client.get("/metrics").text, "microshort_websocket_connections", **room)

    with TestClient(api_app(), client=LOCAL) as client:  # one event loop for socket and scrapes
        before = open_rooms(client)
        with client.websocket_connect(f"/ws/rooms/{episode_id}?ticket={ticket}") as socket:
            socket.receive_json()  # hello
            during = open_rooms(client)
        deadline = time.monotonic() + 5
        while open_rooms(client) != before and time.monotonic() < deadline:
            time.sleep(0.05)
        after = open_rooms(client)
    assert (during - before, after) == (1, before)


def test_metrics_are_refused_to_other_machines(local: TestClient) -> None:
    remote = TestClient(api_app(), client=("203.0.113.9", 5000))
    assert remote.get("/metrics").status_code == 403
    # A proxy on this machine forwards outside clients: they are not local.
    assert local.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 403


def test_a_bearer_token_opens_metrics_to_a_remote_scraper(
    app_settings: Callable[[str], Path], jobs_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MICROSHORT_METRICS_TOKEN", TOKEN)
    app_settings(jobs_database)
    remote = TestClient(api_app(), client=("203.0.113.9", 5000))
    assert remote.get("/metrics").status_code == 401
    wrong = remote.get(
        "/metrics", headers={b"authorization": "Bearer wrong-\xe9".encode("latin-1")}
    )
    assert wrong.status_code == 401
    assert wrong.headers["www-authenticate"] == "Bearer"
    right = remote.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert right.status_code == 200
    assert right.headers["content-type"].startswith("text/plain")
    assert "microshort_job_queue_depth" in right.text


def test_every_answer_carries_a_request_id(local: TestClient) -> None:
    generated = local.get("/api/openapi.json").headers["x-request-id"]
    assert len(generated) == 32
    given = local.get("/api/openapi.json", headers={"X-Request-ID": "edge-42.a"})
    assert given.headers["x-request-id"] == "edge-42.a"
    hostile = local.get("/api/openapi.json", headers={"X-Request-ID": "a\tb" * 40})
    assert hostile.headers["x-request-id"] != "a\tb" * 40


def test_lines_logged_while_serving_carry_the_request_id(
    monkeypatch: pytest.MonkeyPatch, app_settings: Callable[[str], Path], jobs_database: str
) -> None:
    monkeypatch.setenv("MICROSHORT_MUX_WEBHOOK_SECRET", "a-mux-secret")
    app_settings(jobs_database)
    written = io.StringIO()
    handler = logging.StreamHandler(written)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("microshort.api.webhooks")
    logger.addHandler(handler)
    try:
        response = TestClient(api_app()).post(
            "/api/webhooks/mux", content=b"{}", headers={"X-Request-ID": "trace-7"}
        )
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 400
    [line] = [json.loads(text) for text in written.getvalue().splitlines()]
    assert line["request_id"] == "trace-7"
    assert line["message"].startswith("Mux webhook rejected")
