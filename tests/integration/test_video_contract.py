"""One contract, both providers: the local ffmpeg pipeline and Mux (SDK against the stand-in).

Upload slot → the browser's PUT of the bytes → the provider's events reach the domain → the
episode is ready with a duration and something to play; a file that is not a video never
becomes ready and the creator gets a reason they can read.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import col, select
from starlette.testclient import TestClient

from microshort import migrations
from microshort.api.routes import api_app
from microshort.config import get_settings
from microshort.content import video
from microshort.content.models import Episode, VideoAsset
from microshort.db import session_scope
from microshort.integrations.video.base import VideoProvider
from microshort.integrations.video.local import LocalVideo
from microshort.jobs import app as jobs
from tests.factories import make_creator, make_series
from tests.integration.test_mux_provider import mux_app, put, rsa_pair, standin  # noqa: F401
from tests.media import make_clip

NOT_A_VIDEO = b"BROKEN: these bytes are not a video"


@dataclass
class Case:
    provider: VideoProvider
    send: Callable[[str, bytes], tuple[int, str]]  # PUT to the upload URL: (status, body)
    settle: Callable[[], None]  # let the provider finish (run the worker / nothing for Mux)


def _local_send(url: str, content: bytes) -> tuple[int, str]:
    response = TestClient(api_app()).put(url, content=content)
    return response.status_code, response.text


def _run_worker() -> None:
    async def work() -> None:
        async with jobs.job_app.open_async():
            await jobs.job_app.run_worker_async(
                wait=False, install_signal_handlers=False, queues=["video"]
            )

    asyncio.run(work())


@pytest.fixture(params=["local", "mux"])
def case(
    request: pytest.FixtureRequest,
    make_database: Callable[[], str],
    app_settings: Callable[[str], Path],
) -> Iterator[Case]:
    if request.param == "local":
        url = make_database()
        migrations.upgrade(url)
        app_settings(url)
        jobs.use_database(url)
        yield Case(LocalVideo(), _local_send, _run_worker)
    else:
        provider = request.getfixturevalue("mux_app")
        yield Case(provider, lambda url, content: (put(url, content), ""), lambda: None)


def _start(case: Case) -> tuple[int, str]:
    with session_scope() as session:
        make_series(session, make_creator(session), episodes=(1,), episode_status="draft")
        episode = session.exec(select(Episode).order_by(col(Episode.id).desc())).first()
        assert episode is not None
        asset = video.new_asset(session, case.provider.name)
        upload = case.provider.create_upload(
            passthrough=str(asset.id), cors_origin=get_settings().base_url
        )
        video.begin_upload(
            session,
            episode_id=episode.id or 0,
            provider=case.provider.name,
            upload=upload,
            asset=asset,
        )
        return episode.id or 0, upload.url


def _episode(episode_id: int) -> tuple[Episode, VideoAsset | None]:
    with session_scope() as session:
        episode = session.get_one(Episode, episode_id)
        asset = session.get(VideoAsset, episode.video_asset_id) if episode.video_asset_id else None
        return episode, asset


def test_slots_are_unique_and_describe_hides_secrets(case: Case) -> None:
    first, second = (
        case.provider.create_upload(passthrough=str(n), cors_origin="http://x") for n in (1, 2)
    )
    assert first.upload_id != second.upload_id
    assert first.url != second.url
    assert "secret" not in str(case.provider.describe()).lower()


def test_a_real_clip_becomes_ready_to_play(case: Case, tmp_path: Path) -> None:
    episode_id, url = _start(case)
    status, _body = case.send(url, make_clip(tmp_path / "clip.mp4", seconds=3).read_bytes())
    assert 200 <= status < 300
    case.settle()
    episode, asset = _episode(episode_id)
    assert episode.status == "ready"
    assert (episode.duration_seconds or 0) > 0
    assert asset is not None
    assert asset.playback_id
    assert asset.renditions


def test_a_file_that_is_not_a_video_never_becomes_ready(case: Case) -> None:
    episode_id, url = _start(case)
    status, body = case.send(url, NOT_A_VIDEO)
    case.settle()
    episode, _asset = _episode(episode_id)
    assert episode.status in {"draft", "failed"}
    # Local refuses at once (the upload's answer); Mux reports it by webhook (the episode).
    reason = episode.failure_reason or body
    assert ("not a video format we accept" in reason) or (
        "not recognized as a valid video" in reason
    )
    assert status < 500
