"""Browser-side probes for the vertical player (microshort/ui/components/player), for e2e tests.

Helpers only (no tests). They read the `<video data-testid="player-video">` and the player's root
(`.vp-root`, which carries `data-state` = buffering/paused/playing/error and `data-engine`
= hls/native). Use the sync Playwright API (see tests/e2e/conftest.py for the browser fixtures).
Autoplay with sound needs Chromium started with `--autoplay-policy=no-user-gesture-required`;
without it the player falls back to muted autoplay, which these helpers handle too.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

VIDEO = '[data-testid="player-video"]'
ROOT = ".vp-root"
SURFACE = ".vp-root .vp-surface"
SCRUBBER = '.vp-root [role="slider"]'
TAP_DELAY_MS = 250  # the player waits this long to tell a tap from a double-tap

_READ = """(video) => {
  const root = video.closest('.vp-root');
  const quality = video.getVideoPlaybackQuality ? video.getVideoPlaybackQuality() : null;
  const alert = root && root.querySelector('[role="alert"]');
  const tracks = Array.from(video.textTracks || []);
  return {
    currentTime: video.currentTime,
    duration: Number.isFinite(video.duration) ? video.duration : null,
    paused: video.paused,
    ended: video.ended,
    muted: video.muted,
    readyState: video.readyState,
    videoWidth: video.videoWidth,
    videoHeight: video.videoHeight,
    totalVideoFrames: quality ? quality.totalVideoFrames : null,
    droppedVideoFrames: quality ? quality.droppedVideoFrames : null,
    firstFrameMs: video.dataset.firstFrameMs ? Number(video.dataset.firstFrameMs) : null,
    state: root ? root.dataset.state : null,
    engine: root ? root.dataset.engine : null,
    controlsHidden: root ? root.hasAttribute('data-idle') : null,
    error: alert ? alert.innerText : null,
    textTracks: tracks.map((t) => ({ kind: t.kind, mode: t.mode, language: t.language })),
  };
}"""


def read_player(page: Page) -> dict[str, Any]:
    """A snapshot of the player: video timing/size/frames, state, engine, any error shown.

    `firstFrameMs` is when the first frame was presented, in ms since the page's navigation
    started (performance.now()), when the browser supports requestVideoFrameCallback.
    """
    page.wait_for_selector(VIDEO, state="attached")
    return page.eval_on_selector(VIDEO, _READ)


def wait_until_playing(
    page: Page, min_seconds: float = 1.0, timeout_ms: float = 30_000
) -> dict[str, Any]:
    """Wait until the video is playing past `min_seconds` with decoded frames; return the snapshot.

    Fails fast, with the snapshot, if the player shows an error.
    """
    page.wait_for_selector(VIDEO, state="attached", timeout=timeout_ms)
    try:
        page.wait_for_function(
            """([selector, minSeconds]) => {
              const v = document.querySelector(selector);
              if (!v) return false;
              const root = v.closest('.vp-root');
              if (root && root.dataset.state === 'error') return true;
              const q = v.getVideoPlaybackQuality ? v.getVideoPlaybackQuality() : null;
              return !v.paused && v.currentTime >= minSeconds && v.videoWidth > 0
                && (!q || q.totalVideoFrames > 0);
            }""",
            arg=[VIDEO, min_seconds],
            timeout=timeout_ms,
            polling=100,
        )
    except PlaywrightTimeoutError as exc:
        raise AssertionError(f"the player did not play: {read_player(page)}") from exc
    snapshot = read_player(page)
    if snapshot["state"] == "error":
        raise AssertionError(f"the player failed: {snapshot}")
    return snapshot


def wait_for_state(page: Page, state: str, timeout_ms: float = 10_000) -> dict[str, Any]:
    """Wait for the player's data-state (buffering, paused, playing, error)."""
    page.wait_for_selector(f'{ROOT}[data-state="{state}"]', timeout=timeout_ms)
    return read_player(page)


def tap_video(page: Page) -> None:
    """One tap/click in the middle of the picture (toggles play/pause after the tap delay)."""
    page.locator(SURFACE).click()
    page.wait_for_timeout(TAP_DELAY_MS + 150)


def double_tap_video(page: Page) -> None:
    """A double-tap/double-click on the picture: a reaction, never a play/pause toggle."""
    page.locator(SURFACE).dblclick()
    page.wait_for_timeout(TAP_DELAY_MS + 150)


def swipe(page: Page, direction: str = "up", distance: float = 0.4) -> None:
    """A touch swipe over the stage ("up" = next episode, "down" = previous) via CDP touch events.

    Needs Chromium; `distance` is a fraction of the stage height.
    """
    box = page.locator(SURFACE).bounding_box()
    assert box is not None, "the player is not on screen"
    x = box["x"] + box["width"] / 2
    travel = box["height"] * distance * (-1 if direction == "up" else 1)
    y0 = box["y"] + box["height"] / 2 - travel / 2
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send(
            "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y0}]}
        )
        for step in range(1, 9):
            point = {"x": x, "y": y0 + travel * step / 8}
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    finally:
        cdp.detach()


def seek_with_keys(page: Page, key: str = "ArrowRight") -> None:
    """Focus the scrubber (role=slider) and press a key: ArrowLeft/ArrowRight step 5 s."""
    page.locator(SCRUBBER).focus()
    page.keyboard.press(key)
