"""The local pipeline for real: upload over HTTP, ffmpeg job, HLS ladder, poster; bad uploads
leave nothing behind."""

from __future__ import annotations

import asyncio
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select
from starlette.testclient import TestClient

from microshort import migrations
from microshort.api.routes import api_app
from microshort.content import video
from microshort.content.models import Episode, VideoAsset
from microshort.db import make_engine
from microshort.integrations.video.formats import NOT_ACCEPTED
from microshort.integrations.video.local import LocalVideo
from microshort.jobs import app as jobs
from tests.factories import make_creator, make_series
from tests.media import make_clip


@dataclass
class Setup:
    engine: sa.Engine
    data_dir: Path
    client: TestClient
    episode_id: int


@pytest.fixture
def setup(
    make_database: Callable[[], str],
    app_settings: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Setup]:
    url = make_database()
    migrations.upgrade(url)
    monkeypatch.setenv("MICROSHORT_MAX_UPLOAD_MB", "3")
    data_dir = app_settings(url)
    jobs.use_database(url)
    engine = make_engine(url)
    with Session(engine) as session:
        series = make_series(session, make_creator(session), episodes=(1,), episode_status="draft")
        episode = session.exec(select(Episode)).one()
        assert series.id
        session.commit()
        episode_id = episode.id or 0
    yield Setup(engine, data_dir, TestClient(api_app()), episode_id)
    engine.dispose()


def _upload_link(setup: Setup) -> str:
    with Session(setup.engine) as session:
        asset = video.new_asset(session, "local")
        upload = LocalVideo().create_upload(passthrough=str(asset.id), cors_origin="")
        video.begin_upload(
            session, episode_id=setup.episode_id, provider="local", upload=upload, asset=asset
        )
        session.commit()
    return str(upload.url)


def _episode(setup: Setup) -> Episode:
    with Session(setup.engine) as session:
        return session.get_one(Episode, setup.episode_id)


def _stored_files(setup: Setup) -> list[str]:
    root = setup.data_dir / "media"
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


async def _work() -> None:
    async with jobs.job_app.open_async():
        await jobs.job_app.run_worker_async(
            wait=False, install_signal_handlers=False, queues=["video"]
        )


def test_a_real_clip_becomes_a_vertical_hls_ladder(setup: Setup, tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "clip.mp4", seconds=4)
    link = _upload_link(setup)
    assert _episode(setup).status == "uploading"
    response = setup.client.put(link, content=clip.read_bytes())
    assert response.status_code == 202, response.text
    assert _episode(setup).status == "processing"
    asyncio.run(_work())
    episode = _episode(setup)
    assert episode.status == "ready"
    assert episode.duration_seconds == 4
    assert episode.poster_key
    assert episode.poster_key.startswith("public/posters/")
    with Session(setup.engine) as session:
        asset = session.get_one(VideoAsset, episode.video_asset_id)
    assert [(r["width"], r["height"]) for r in asset.renditions] == [(720, 1280), (480, 854)]
    master = (setup.data_dir / "media" / f"private/hls/{asset.id}/master.m3u8").read_text()
    assert 'CODECS="avc1' in master
    assert "RESOLUTION=720x1280" in master
    assert "RESOLUTION=1080x1920" not in master  # never upscaled
    playlist = (setup.data_dir / "media" / f"private/hls/{asset.id}/0/index.m3u8").read_text()
    assert "#EXT-X-MAP:URI=" in playlist  # fMP4
    assert playlist.count("#EXTINF:2.0") == 2  # keyframes every 2 s: equal segments


def test_text_named_mp4_is_refused_and_leaves_nothing(setup: Setup) -> None:
    link = _upload_link(setup)
    response = setup.client.put(
        link, content=b"this is not a video at all", headers={"X-Upload-Filename": "../../x.mp4"}
    )
    assert response.status_code == 422
    assert response.json()["error"] == NOT_ACCEPTED
    assert _stored_files(setup) == []
    assert _episode(setup).status == "draft"
    with Session(setup.engine) as session:
        assert session.exec(select(VideoAsset)).all() == []
    assert not (setup.data_dir.parent / "x.mp4").exists()


def test_truncated_mp4_is_refused(setup: Setup, tmp_path: Path) -> None:
    data = make_clip(tmp_path / "clip.mp4", seconds=3).read_bytes()
    response = setup.client.put(_upload_link(setup), content=data[: len(data) // 3])
    assert response.status_code == 422
    assert _stored_files(setup) == []
    assert _episode(setup).video_asset_id is None


def test_oversize_upload_is_stopped_while_streaming(setup: Setup) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit must hold mid-stream
        for _ in range(8):
            yield b"\0" * (512 * 1024)

    response = setup.client.put(_upload_link(setup), content=chunks())
    assert response.status_code == 413
    assert "larger than 3 MB" in response.json()["error"]
    assert _stored_files(setup) == []
    assert _episode(setup).status == "draft"


def test_declared_oversize_is_refused_before_reading(setup: Setup) -> None:
    response = setup.client.put(
        _upload_link(setup), content=b"x", headers={"Content-Length": str(50 * 1024 * 1024)}
    )
    assert response.status_code == 413
    assert _episode(setup).status == "draft"  # not stuck "uploading": the creator can retry


def test_an_upload_link_works_once(setup: Setup, tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "clip.mp4", seconds=2).read_bytes()
    link = _upload_link(setup)
    assert setup.client.put(link, content=clip).status_code == 202
    again = setup.client.put(link, content=clip)
    assert again.status_code == 404
    assert (
        setup.client.put("/api/uploads/not-a-real-link-at-all-123", content=clip).status_code == 404
    )


def _another_creators_hls(setup: Setup, tmp_path: Path) -> Path:
    """Private segments of someone else's asset, where the local storage keeps them."""
    folder = setup.data_dir / "media" / "private" / "hls" / "999" / "0"
    folder.mkdir(parents=True)
    clip = make_clip(tmp_path / "private.mp4", seconds=2)
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-i",
            str(clip),
            "-c",
            "copy",
            "-f",
            "hls",
            "-hls_playlist_type",
            "vod",
            str(folder / "index.m3u8"),
        ],
        check=True,
        timeout=60,
    )
    return folder


def test_a_playlist_upload_is_refused_and_opens_nobody_elses_files(
    setup: Setup, tmp_path: Path
) -> None:
    folder = _another_creators_hls(setup, tmp_path)
    before = _stored_files(setup)
    # The other asset's own playlist, its segment lines pointed there from the upload folder.
    playlist = "".join(
        line if line.startswith("#") else f"../hls/999/0/{line}"
        for line in (folder / "index.m3u8").read_text().splitlines(keepends=True)
    )
    response = setup.client.put(_upload_link(setup), content=playlist.encode())
    assert response.status_code == 422
    assert response.json()["error"] == (
        "This file is not a video format we accept: export it as MP4, MOV, MKV or WebM."
    )
    assert _stored_files(setup) == before
    assert _episode(setup).status == "draft"
    with Session(setup.engine) as session:
        assert session.exec(select(VideoAsset)).all() == []


@pytest.mark.parametrize("container", ["mov", "webm"])
def test_editors_containers_are_accepted(setup: Setup, tmp_path: Path, container: str) -> None:
    source = make_clip(tmp_path / "clip.mp4", seconds=2)
    converted = tmp_path / f"clip.{container}"
    codec = (
        ["-c:v", "libvpx-vp9", "-b:v", "200k", "-c:a", "libopus"]
        if container == "webm"
        else ["-c", "copy"]
    )
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-i",
            str(source),
            *codec,
            "-deadline",
            "realtime",
            str(converted),
        ]
        if container == "webm"
        else ["ffmpeg", "-v", "error", "-i", str(source), *codec, str(converted)],
        check=True,
        timeout=120,
    )
    response = setup.client.put(_upload_link(setup), content=converted.read_bytes())
    assert response.status_code == 202, response.text
