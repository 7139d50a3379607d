"""One episode's video in the studio: upload with progress, processing progress, publish."""

from __future__ import annotations

import asyncio

import reflex as rx

from microshort.bootstrap import video_provider
from microshort.config import get_settings
from microshort.content import studio, video
from microshort.content.schemas import StudioEpisode
from microshort.db import session_scope
from microshort.errors import DomainError, Forbidden, NotFound
from microshort.ui import routes
from microshort.ui.state.gate import GateState, pass_gate
from microshort.ui.state.session_state import require_user
from microshort.users.permissions import Access, owns_creator_profile
from microshort.users.schemas import CurrentUser

POLL_SECONDS = 1.0
POLL_LIMIT = 1800  # half an hour of processing at most on one page


def _read(episode_id: int) -> StudioEpisode | None:
    with session_scope() as session:
        return studio.studio_episode(session, episode_id)


def _owned(user: CurrentUser, episode_id: int) -> StudioEpisode:
    """The episode, if this creator owns it; Forbidden otherwise (checked on the server)."""
    found = _read(episode_id)
    if found is None:
        raise NotFound("This episode does not exist.")
    if not owns_creator_profile(user, found.creator_id):
        raise Forbidden("This episode belongs to another creator.")
    return found


class EpisodeVideoState(rx.State):
    episode: StudioEpisode | None = None
    upload_url: str = ""
    upload_percent: int = -1  # -1: no upload running
    error: str = ""
    polling: bool = False

    @rx.var
    def max_bytes(self) -> int:
        return get_settings().max_upload_bytes

    def _episode_id(self) -> int:
        text = routes.slug_from_path(self.router.url.path, routes.STUDIO_EPISODE)
        return int(text) if text.isdigit() else 0

    async def _me(self) -> tuple[CurrentUser, StudioEpisode]:
        user = await require_user(self, Access.CREATOR)
        return user, await asyncio.to_thread(_owned, user, self._episode_id())

    @rx.event
    async def load(self):
        self.error, self.upload_url, self.upload_percent = "", "", -1
        user, redirect = await pass_gate(self, routes.STUDIO_EPISODE)
        if user is None:
            return redirect
        try:
            self.episode = await asyncio.to_thread(_owned, user, self._episode_id())
        except DomainError as error:
            gate = await self.get_state(GateState)
            gate.status, gate.message = "denied", str(error)
            return None
        if self.episode.status in {"uploading", "processing"}:
            return EpisodeVideoState.poll
        return None

    @rx.event
    async def start_upload(self, file_name: str, size: int) -> None:
        _user, episode = await self._me()
        provider = video_provider()
        base_url = get_settings().base_url

        def work() -> str:
            with session_scope() as session:
                asset = video.new_asset(session, provider.name)
                upload = provider.create_upload(passthrough=str(asset.id), cors_origin=base_url)
                video.begin_upload(
                    session,
                    episode_id=episode.id,
                    provider=provider.name,
                    upload=upload,
                    asset=asset,
                )
                return upload.url

        self.error = ""
        try:
            self.upload_url = await asyncio.to_thread(work)
        except DomainError as error:
            self.error = str(error)
            return
        self.upload_percent = 0
        self.episode = await asyncio.to_thread(_read, episode.id)

    @rx.event
    def upload_progress(self, percent: int) -> None:
        self.upload_percent = max(0, min(100, int(percent)))

    @rx.event
    def upload_done(self, _status: int):
        self.upload_percent, self.upload_url = 100, ""
        return EpisodeVideoState.poll

    @rx.event
    async def upload_failed(self, message: str) -> None:
        self.error, self.upload_percent, self.upload_url = message, -1, ""
        if self.episode is not None:
            self.episode = await asyncio.to_thread(_read, self.episode.id)

    @rx.event(background=True)
    async def poll(self):
        """Follow processing live until the video is ready or failed."""
        async with self:
            if self.polling or self.episode is None:
                return
            self.polling, episode_id = True, self.episode.id
        try:
            for _ in range(POLL_LIMIT):
                current = await asyncio.to_thread(_read, episode_id)
                async with self:
                    self.episode = current
                if current is None or current.status not in {"uploading", "processing"}:
                    break
                await asyncio.sleep(POLL_SECONDS)
        finally:
            async with self:
                self.polling = False

    @rx.event
    async def publish(self) -> None:
        _user, episode = await self._me()

        def work() -> None:
            with session_scope() as session:
                studio.publish_episode(session, episode.id)

        try:
            await asyncio.to_thread(work)
        except DomainError as error:
            self.error = str(error)
            return
        self.episode = await asyncio.to_thread(_read, episode.id)
