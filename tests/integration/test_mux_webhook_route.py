"""POST /api/webhooks/mux against a real, committed database: signatures, size limit, and
exactly-once application of an event however often (and however concurrently) it arrives."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import func, select
from starlette.testclient import TestClient

from microshort import migrations
from microshort.api.routes import api_app
from microshort.content import video
from microshort.content.models import Episode, Season, VideoAsset
from microshort.db import session_scope
from microshort.integrations.video.base import DirectUpload
from microshort.payments.models import WebhookEvent
from tests.factories import make_creator, make_series
from tests.stubs.mux_standin import MuxStandIn, signature_header

URL = "/api/webhooks/mux"
SECRET = "route-test-webhook-secret"


@pytest.fixture(scope="module")
def migrated_url(make_database: Callable[[], str]) -> str:
    url = make_database()
    migrations.upgrade(url)
    return url


@pytest.fixture
def configured(
    migrated_url: str, app_settings: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> str:
    monkeypatch.setenv("MICROSHORT_MUX_WEBHOOK_SECRET", SECRET)
    app_settings(migrated_url)
    return migrated_url


@pytest.fixture
def mux() -> Iterator[MuxStandIn]:
    """Only its signing is used here (no server needed, but it is cheap)."""
    with MuxStandIn(webhook_secret=SECRET) as standin:
        yield standin


def waiting_episode(upload_id: str) -> tuple[int, int]:
    """A committed episode whose new Mux asset waits for upload_id; (episode id, asset id)."""
    with session_scope() as session:
        series = make_series(session, make_creator(session), episodes=(1,), episode_status="draft")
        episode = session.exec(
            select(Episode).join(Season).where(Season.series_id == series.id)
        ).one()
        asset = video.new_asset(session, "mux")
        video.begin_upload(
            session,
            episode_id=episode.id or 0,
            provider="mux",
            upload=DirectUpload(upload_id=upload_id, url="http://mux.invalid/u"),
            asset=asset,
        )
        return episode.id or 0, asset.id or 0


def ready_data(asset_id: int, upload_id: str, **extra: Any) -> dict[str, Any]:
    data = {
        "id": f"mux-asset-{upload_id}",
        "status": "ready",
        "upload_id": upload_id,
        "passthrough": str(asset_id),
        "duration": 33.2,
        "playback_ids": [{"id": f"pb-{upload_id}", "policy": "signed"}],
        "tracks": [{"type": "video", "id": "t", "max_width": 1080, "max_height": 1920}],
    }
    data.update(extra)
    return data


def stored(event_id: str) -> int:
    with session_scope() as session:
        return session.exec(
            select(func.count()).select_from(WebhookEvent).where(WebhookEvent.event_id == event_id)
        ).one()


def load(episode_id: int, asset_id: int) -> tuple[Episode, VideoAsset]:
    with session_scope() as session:
        return session.get_one(Episode, episode_id), session.get_one(VideoAsset, asset_id)


def post(body: bytes, headers: dict[str, str]) -> tuple[int, Any]:
    response = TestClient(api_app()).post(URL, content=body, headers=headers)
    return response.status_code, response.json()


def test_a_forged_event_is_refused_and_nothing_is_stored(configured: str) -> None:
    episode_id, asset_id = waiting_episode("up-forged")
    forger = MuxStandIn(webhook_secret="not-the-secret")
    body, headers = forger.signed_event(
        "video.asset.ready", ready_data(asset_id, "up-forged"), event_id="evt-forged"
    )
    status, answer = post(body, headers)
    assert status == 400
    assert "signature" in answer["error"].lower()
    assert stored("evt-forged") == 0
    assert load(episode_id, asset_id)[0].status == "uploading"


def test_an_unsigned_event_is_refused(configured: str) -> None:
    status, _ = post(b'{"id": "x", "type": "video.asset.ready", "data": {}}', {})
    assert status == 400


@pytest.mark.parametrize("age", [600, -600])
def test_a_stale_or_future_timestamp_is_refused(configured: str, mux: MuxStandIn, age: int) -> None:
    episode_id, asset_id = waiting_episode(f"up-old{age}")
    body, headers = mux.signed_event(
        "video.asset.ready",
        ready_data(asset_id, f"up-old{age}"),
        event_id=f"evt-old{age}",
        timestamp=int(time.time()) - age,
    )
    assert post(body, headers)[0] == 400
    assert stored(f"evt-old{age}") == 0
    assert load(episode_id, asset_id)[0].status == "uploading"


def test_signed_but_malformed_json_is_refused(configured: str, mux: MuxStandIn) -> None:
    for body in (b"{not json", b"[1, 2]", b'{"type": "video.asset.ready"}'):
        status, answer = post(body, {"mux-signature": signature_header(body, SECRET)})
        assert (status, answer) == (400, {"error": "Malformed event"})


def test_a_body_over_one_megabyte_is_refused(configured: str, mux: MuxStandIn) -> None:
    big = b'{"pad": "' + b"x" * (1024 * 1024) + b'"}'
    headers = {"mux-signature": signature_header(big, SECRET)}
    assert post(big, headers)[0] == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: the stream itself is counted
        for _ in range(5):
            yield b"y" * (300 * 1024)

    response = TestClient(api_app()).post(URL, content=chunks(), headers=headers)
    assert response.status_code == 413


def test_without_a_secret_the_route_says_mux_is_not_configured(
    migrated_url: str, app_settings: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MICROSHORT_MUX_WEBHOOK_SECRET", raising=False)
    app_settings(migrated_url)
    assert post(b"{}", {"mux-signature": "t=1,v1=00"}) == (503, {"error": "Mux is not configured"})


def test_the_same_event_ten_times_at_once_applies_once(configured: str, mux: MuxStandIn) -> None:
    episode_id, asset_id = waiting_episode("up-race")
    body, headers = mux.signed_event(
        "video.asset.ready", ready_data(asset_id, "up-race"), event_id="evt-race"
    )
    start = threading.Barrier(10)
    answers: list[tuple[int, Any]] = []

    def deliver() -> None:
        client = TestClient(api_app())
        start.wait()
        response = client.post(URL, content=body, headers=headers)
        answers.append((response.status_code, response.json()))

    threads = [threading.Thread(target=deliver) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(a[1]["status"] for a in answers) == ["duplicate"] * 9 + ["processed"]
    assert {a[0] for a in answers} == {200}
    assert stored("evt-race") == 1
    episode, asset = load(episode_id, asset_id)
    assert (episode.status, episode.duration_seconds) == ("ready", 33)
    assert (asset.status, asset.playback_id, asset.provider_asset_id) == (
        "ready",
        "pb-up-race",
        "mux-asset-up-race",
    )
    with session_scope() as session:
        row = session.exec(select(WebhookEvent).where(WebhookEvent.event_id == "evt-race")).one()
        assert row.provider == "mux"
        assert row.event_type == "video.asset.ready"
        assert row.processed_at is not None
        assert row.payload["data"]["passthrough"] == str(asset_id)


def test_a_redelivered_event_changes_nothing(configured: str, mux: MuxStandIn) -> None:
    episode_id, asset_id = waiting_episode("up-again")
    errored = ready_data(
        asset_id,
        "up-again",
        status="errored",
        errors={"type": "invalid_input", "messages": ["Unreadable file."]},
    )
    body, headers = mux.signed_event("video.asset.errored", errored, event_id="evt-again")
    assert post(body, headers) == (200, {"status": "processed"})
    assert load(episode_id, asset_id)[0].failure_reason == "Unreadable file."
    with session_scope() as session:  # the creator retries: the episode moves on
        session.get_one(Episode, episode_id).status = "draft"
    assert post(body, headers) == (200, {"status": "duplicate"})
    assert load(episode_id, asset_id)[0].status == "draft"
    assert stored("evt-again") == 1


def test_events_we_do_not_use_are_acknowledged_and_not_stored(
    configured: str, mux: MuxStandIn
) -> None:
    body, headers = mux.signed_event("video.asset.track.ready", {"id": "t"}, event_id="evt-ign")
    assert post(body, headers) == (200, {"status": "ignored"})
    assert stored("evt-ign") == 0


def test_an_event_for_an_unknown_asset_is_recorded_harmlessly(
    configured: str, mux: MuxStandIn
) -> None:
    body, headers = mux.signed_event(
        "video.asset.ready", ready_data(999_999, "up-nobody"), event_id="evt-nobody"
    )
    assert post(body, headers) == (200, {"status": "processed"})
    assert stored("evt-nobody") == 1
