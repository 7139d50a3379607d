"""The installable app over plain HTTP: the manifest, the service worker (versioned per build,
never touching private paths), the offline page and the icons; and /api/offline/check, which
decides on the server which episodes a signed-in viewer may keep offline, and which files."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from microshort import migrations
from microshort.api.public_pages import shell
from microshort.api.routes import api_app
from microshort.bootstrap import install_entitlements
from microshort.config import PROJECT_ROOT
from microshort.content.models import Episode, Season, VideoAsset
from microshort.content.playback import set_entitlement_check
from microshort.db import make_engine
from microshort.payments import ledger, refunds
from microshort.payments.models import PaymentProvider
from microshort.ui.styles import tokens
from microshort.users import sessions
from microshort.users.models import User
from tests.factories import make_creator, make_series
from tests.payments_support import NOW, make_viewer, purchase

ASSETS = PROJECT_ROOT / "assets"
MASTER = (
    "#EXTM3U\n#EXT-X-VERSION:7\n"
    '#EXT-X-STREAM-INF:BANDWIDTH=3220800,RESOLUTION=720x1280,CODECS="avc1.64001f,mp4a.40.2"\n'
    "0/index.m3u8\n\n"
    '#EXT-X-STREAM-INF:BANDWIDTH=1460800,RESOLUTION=480x854,CODECS="avc1.64001e,mp4a.40.2"\n'
    "1/index.m3u8\n"
)
MEDIA = (
    '#EXTM3U\n#EXT-X-MAP:URI="init_{n}.mp4"\n#EXTINF:2.0,\nseg_000.m4s\n'
    "#EXTINF:2.0,\nseg_001.m4s\n#EXT-X-ENDLIST\n"
)


@pytest.fixture
def client(
    make_database: Callable[[], str], app_settings: Callable[[str], Path], tmp_path: Path
) -> Iterator[TestClient]:
    url = make_database()
    app_settings(url)
    build = tmp_path / "build"
    build.mkdir()
    (build / "__spa-fallback.html").write_text(
        '<html><head><link rel="modulepreload" href="/assets/entry-abc123.js"/>'
        '<link rel="stylesheet" href="/assets/app-def456.css"/></head><body></body></html>'
    )
    shell.use_build_dir(build)
    yield TestClient(api_app())
    shell.use_build_dir(shell.FRONTEND_BUILD)


def test_the_manifest_makes_the_app_installable(client: TestClient) -> None:
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/manifest+json")
    manifest = response.json()
    assert manifest["name"] == manifest["short_name"] == "MicroShort"
    assert manifest["display"] == "standalone"
    assert manifest["orientation"] == "portrait"
    assert manifest["scope"] == "/"
    assert manifest["start_url"].startswith("/")
    assert manifest["theme_color"] == manifest["background_color"] == tokens.BACKGROUND_DARK
    icons = {(icon["sizes"], icon["purpose"]): icon["src"] for icon in manifest["icons"]}
    assert set(icons) == {(s, p) for s in ("192x192", "512x512") for p in ("any", "maskable")}
    for (sizes, _purpose), src in icons.items():
        with Image.open(ASSETS / src.lstrip("/")) as image:  # served from assets/ at the root
            assert f"{image.width}x{image.height}" == sizes
    assert [s["url"] for s in manifest["shortcuts"]] == ["/library", "/search"]


def test_icons_and_favicon_are_real_pictures() -> None:
    with Image.open(ASSETS / "favicon.ico") as favicon:
        assert favicon.format == "ICO"
    with Image.open(ASSETS / "icons" / "apple-touch-icon.png") as apple:
        assert apple.size == (180, 180)
        assert apple.mode == "RGB"
    with Image.open(ASSETS / "icons" / "maskable-512.png") as maskable:
        assert maskable.getchannel("A").getextrema() == (255, 255)  # full bleed: no hole at all
    with Image.open(ASSETS / "icons" / "icon-512.png") as icon:
        assert icon.getchannel("A").getpixel((0, 0)) == 0  # rounded corners of its own


def _worker(client: TestClient) -> tuple[str, str, list[str], list[str]]:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["service-worker-allowed"] == "/"
    assert response.headers["cache-control"] == "no-cache"  # a deploy is seen at once
    text = response.text
    version = text.split('const VERSION = "', 1)[1].split('"', 1)[0]
    precache = json.loads(text.split("const PRECACHE = ", 1)[1].split(";\n", 1)[0])
    never = json.loads(text.split("const NEVER_CACHE = ", 1)[1].split(";\n", 1)[0])
    return text, version, precache, never


def test_the_service_worker_precaches_the_shell_and_leaves_private_paths_alone(
    client: TestClient,
) -> None:
    _text, version, precache, never = _worker(client)
    assert len(version) == 16
    assert "/offline.html" in precache
    assert {"/assets/entry-abc123.js", "/assets/app-def456.css"} <= set(precache)
    for private in ("/api/", "/_event", "/ws/", "/media/hls/", "/checkout", "/login", "/account"):
        assert private in never


def test_a_new_build_is_a_new_worker_version(client: TestClient) -> None:
    _, first, _, _ = _worker(client)
    assert _worker(client)[1] == first  # stable while the build is the same
    fallback = shell.shells.folder / "__spa-fallback.html"
    fallback.write_text(fallback.read_text().replace("entry-abc123", "entry-fff999"))
    _, second, precache, _ = _worker(client)
    assert second != first
    assert "/assets/entry-fff999.js" in precache


def test_the_offline_page(client: TestClient) -> None:
    response = client.get("/offline.html")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "You are offline" in response.text
    assert tokens.BACKGROUND_DARK in response.text
    assert '<script type="module" src="/pwa/offline-page.js">' in response.text
    assert (ASSETS / "pwa" / "offline-page.js").is_file()


@dataclass
class World:
    client: TestClient
    free_id: int
    locked_id: int
    mux_id: int
    season: Season
    viewer_cookie: str
    viewer_id: int
    creator_cookie: str
    database_url: str


@pytest.fixture
def world(make_database: Callable[[], str], app_settings: Callable[[str], Path]) -> Iterator[World]:
    url = make_database()
    migrations.upgrade(url)
    data_dir = app_settings(url)
    files = {"master.m3u8": MASTER}
    for n in (0, 1):
        files |= {
            f"{n}/index.m3u8": MEDIA.format(n=n),
            f"{n}/init_{n}.mp4": "init" * (n + 1),
            f"{n}/seg_000.m4s": "segment-0" * 100,
            f"{n}/seg_001.m4s": "segment-1" * 100,
        }
    for name, body in files.items():
        path = data_dir / "media" / "private/hls/offline-1" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body)
    engine = make_engine(url)
    with Session(engine, expire_on_commit=False) as session:
        creator = make_creator(session)
        make_series(session, creator, episodes=(3,), free_episode_count=2)
        local = VideoAsset(provider="local", status="ready", playback_id="offline-1")
        mux = VideoAsset(provider="mux", status="ready", playback_id="mux-playback-1")
        session.add_all([local, mux])
        session.flush()
        episodes = session.exec(select(Episode).order_by(col(Episode.number))).all()
        for episode, asset in zip(episodes, (local, mux, local), strict=True):
            episode.video_asset_id = asset.id
            session.add(episode)
        season = session.exec(select(Season)).one()
        viewer = make_viewer(session)
        viewer_cookie = sessions.create(session, user_id=viewer.id or 0, days=1)
        creator_cookie = sessions.create(session, user_id=creator.user_id, days=1)
        session.commit()
        ids = [episode.id or 0 for episode in episodes]
    install_entitlements()
    yield World(
        TestClient(api_app()),
        ids[0],
        ids[2],
        ids[1],
        season,
        viewer_cookie,
        viewer.id or 0,
        creator_cookie,
        url,
    )
    set_entitlement_check(None)
    engine.dispose()


def _check(world: World, episode_id: object, cookie: str | None) -> tuple[int, dict[str, object]]:
    client = TestClient(api_app())
    if cookie:
        client.cookies.set(sessions.SESSION_COOKIE, cookie)
    response = client.post("/api/offline/check", json={"episode_id": episode_id})
    assert response.headers["cache-control"] == "no-store"
    return response.status_code, response.json()


def test_a_free_episode_may_be_kept_at_its_lowest_rendition(world: World) -> None:
    status, answer = _check(world, world.free_id, world.viewer_cookie)
    assert status == 200, answer
    assert answer["height"] == 854
    assert answer["codecs"] == "avc1.64001e,mp4a.40.2"
    files = answer["files"]
    assert isinstance(files, list)
    base = f"/media/hls/{world.free_id}/1/"
    assert [f["url"] for f in files] == [
        base + n for n in ("init_1.mp4", "seg_000.m4s", "seg_001.m4s")
    ]
    assert answer["bytes"] == sum(f["bytes"] for f in files) == 8 + 900 + 900
    assert answer["max_saved"] == 10
    for file in files:  # exactly what the stream route then serves
        assert world.client.get(file["url"]).status_code == 200


def test_a_locked_episode_only_for_its_buyer_and_only_until_a_refund(world: World) -> None:
    status, answer = _check(world, world.locked_id, world.viewer_cookie)
    assert status == 403
    assert answer == {"error": "Unlock this season to save its episodes for offline."}

    engine = make_engine(world.database_url)
    with Session(engine) as session:
        viewer = session.get(User, world.viewer_id)
        assert viewer is not None
        ledger.record_purchase(
            session,
            purchase(viewer, season=world.season, payment_id="pi_offline_refund"),
            provider=PaymentProvider.LOCAL,
            platform_fee_percent=20,
            now=NOW,
        )
        session.commit()
    status, answer = _check(world, world.locked_id, world.viewer_cookie)
    assert status == 200, answer
    files = answer["files"]
    assert isinstance(files, list)
    signed = TestClient(api_app())
    signed.cookies.set(sessions.SESSION_COOKIE, world.viewer_cookie)
    for file in files:
        assert "?token=" in file["url"]
        assert "?" not in file["key"]
        assert signed.get(file["url"]).status_code == 200
        assert world.client.get(file["key"]).status_code == 403  # the key alone opens nothing

    with Session(engine) as session:
        refunds.record_refund(
            session,
            provider=PaymentProvider.LOCAL,
            payment_id="pi_offline_refund",
            refunded_total_cents=499,
            now=NOW,
        )
        session.commit()
    engine.dispose()
    assert _check(world, world.locked_id, world.viewer_cookie)[0] == 403  # the browser drops it


def test_the_series_creator_may_keep_a_locked_episode(world: World) -> None:
    assert _check(world, world.locked_id, world.creator_cookie)[0] == 200


def test_refusals_say_why(world: World) -> None:
    status, answer = _check(world, world.free_id, None)
    assert (status, answer) == (401, {"error": "Log in to save episodes for offline."})
    status, answer = _check(world, world.mux_id, world.viewer_cookie)
    assert status == 409
    assert "cannot be saved for offline" in str(answer["error"])
    assert _check(world, 999999, world.viewer_cookie)[0] == 404
    for bad in ("1", True, -3, None, 10**20):
        assert _check(world, bad, world.viewer_cookie)[0] == 400
