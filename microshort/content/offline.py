"""Saving an episode for offline viewing: who may, and which files of its stream to keep.

The browser keeps the files (Cache Storage); this decides, on the server, whether this viewer
may keep this episode at all (the same rule as streaming it: free, bought, or overseen) and
names the lowest rendition of its HLS ladder: a 60-second episode at 480p is a few MB.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import Session

from microshort.content.models import VideoProvider
from microshort.content.playback import EpisodeContext, episode_context, may_watch

MAX_SAVED_EPISODES = 10  # per device; the browser's store enforces it (it holds the files)

_STREAM_INF = re.compile(r"^#EXT-X-STREAM-INF:(?P<attributes>.*)$")
_ATTRIBUTE = re.compile(r'([A-Z0-9-]+)=("[^"]*"|[^,]*)')
_RENDITION_PLAYLIST = re.compile(r"^(\d{1,2})/index\.m3u8$")
_MEDIA_FILE = re.compile(r"^(init_\d{1,2}\.mp4|seg_\d{1,5}\.m4s)$")
_MAP_URI = re.compile(r'^#EXT-X-MAP:URI="([^"]+)"')


class OfflineRefused(Exception):
    """Why this episode cannot be saved; `status` is the HTTP answer."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Rendition:
    folder: str  # "1": the rung's folder under the episode's HLS prefix
    height: int
    codecs: str


@dataclass(frozen=True)
class OfflineGrant:
    context: EpisodeContext
    playback_id: str  # the local HLS folder name (private/hls/<playback_id>)


def offline_grant(session: Session, episode_id: int, user_id: int) -> OfflineGrant:
    """The episode this viewer may keep, or OfflineRefused saying why not."""
    context = episode_context(session, episode_id)
    if context is None:
        raise OfflineRefused("This episode is not available.", 404)
    if not may_watch(session, context, user_id):
        raise OfflineRefused("Unlock this season to save its episodes for offline.", 403)
    asset = context.asset
    if asset is None or not context.playable or not asset.playback_id:
        raise OfflineRefused("This episode's video is not ready yet.", 409)
    if asset.provider != VideoProvider.LOCAL:
        raise OfflineRefused(
            "This episode streams from our video partner and cannot be saved for offline.", 409
        )
    return OfflineGrant(context, asset.playback_id)


def lowest_rendition(master_playlist: str) -> Rendition | None:
    """The smallest rung of a master playlist (by RESOLUTION height), or None."""
    found: list[Rendition] = []
    lines = master_playlist.splitlines()
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        match = _STREAM_INF.match(line.strip())
        folder = _RENDITION_PLAYLIST.match(following.strip())
        if not match or not folder:
            continue
        attributes = {
            key: value.strip('"') for key, value in _ATTRIBUTE.findall(match["attributes"])
        }
        _, _, height = attributes.get("RESOLUTION", "").partition("x")
        found.append(
            Rendition(
                folder=folder.group(1),
                height=int(height) if height.isdigit() else 0,
                codecs=attributes.get("CODECS", ""),
            )
        )
    return min(found, key=lambda rendition: rendition.height) if found else None


def media_files(media_playlist: str) -> list[str]:
    """A rendition playlist's init segment then its media segments, in playing order; names
    that are not our own pipeline's are left out (never a path outside the folder)."""
    files: list[str] = []
    for raw in media_playlist.splitlines():
        line = raw.strip()
        mapped = _MAP_URI.match(line)
        name = mapped.group(1) if mapped else line if line and not line.startswith("#") else ""
        if _MEDIA_FILE.fullmatch(name) and name not in files:
            files.append(name)
    return files
