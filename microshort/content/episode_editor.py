"""The studio's writes on one episode after it exists: its title and synopsis, and deleting it.

Like the rest of the studio (content/editor.py) every function takes the acting creator's
profile id and refuses (Forbidden) an episode of someone else's series.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from microshort.content.editor import owned_series
from microshort.content.models import (
    Episode,
    EpisodeStatus,
    Season,
    Series,
    SeriesStatus,
    VideoAsset,
)
from microshort.errors import InvalidInput, NotFound
from microshort.typed_input import user_id_of, user_text

TITLE_MAX = 120  # Episode.title
SYNOPSIS_MAX = 1000  # Episode.synopsis
# Numbers must stay positive (CHECK) and unique per season, so renumbering parks them high.
_STEP_ASIDE = 1_000_000


@dataclass(frozen=True)
class EpisodeText:
    id: int
    number: int
    title: str
    synopsis: str


def _owned_episode(session: Session, creator_id: int, episode_id: int) -> tuple[Episode, Series]:
    episode_id = user_id_of(episode_id, what="This episode")
    episode = session.exec(
        select(Episode).where(Episode.id == episode_id).with_for_update()
    ).first()
    if episode is None:
        raise NotFound("This episode does not exist.")
    season = session.get_one(Season, episode.season_id)
    series = owned_series(session, creator_id, season.series_id)
    return episode, series


def _clean(value: str, field: str, limit: int) -> str:
    value = user_text(value, field=field)
    cleaned = " ".join(value.split()) if field == "title" else value.strip()
    if field == "title" and not cleaned:
        raise InvalidInput("Give the episode a title.", field=field)
    if len(cleaned) > limit:
        raise InvalidInput(f"Keep the {field} under {limit} characters.", field=field)
    return cleaned


def episode_text(session: Session, *, creator_id: int, episode_id: int) -> EpisodeText:
    """What the edit form starts from (the owner's episode only)."""
    episode, _ = _owned_episode(session, creator_id, episode_id)
    return EpisodeText(episode.id or 0, episode.number, episode.title, episode.synopsis)


def edit_episode(
    session: Session, *, creator_id: int, episode_id: int, title: str, synopsis: str = ""
) -> Episode:
    """Change an episode's title (required) and synopsis (optional), in any state."""
    episode, series = _owned_episode(session, creator_id, episode_id)
    if series.deleted_at is not None:
        raise InvalidInput("Restore this series before editing it.")
    episode.title = _clean(title, "title", TITLE_MAX)
    episode.synopsis = _clean(synopsis, "synopsis", SYNOPSIS_MAX)
    session.add(episode)
    session.flush()
    return episode


def delete_episode(session: Session, *, creator_id: int, episode_id: int) -> None:
    """Delete the episode for good and renumber the rest of its season 1..n.

    Its comments (and their likes and reports), reactions, live counts, viewing progress,
    subtitles, share links and analytics events go with it (ON DELETE CASCADE); its video
    asset row goes too unless another episode plays it. The stored files (upload, renditions,
    poster) and any provider-side asset stay where they are: no storage cleanup exists yet.

    A published episode of a published series stays: buyers may have paid for it.
    """
    episode, series = _owned_episode(session, creator_id, episode_id)
    if series.deleted_at is not None:
        raise InvalidInput("Restore this series before editing it.")
    if episode.status == EpisodeStatus.PUBLISHED and series.status == SeriesStatus.PUBLISHED:
        raise InvalidInput(
            f"Episode {episode.number} is live and viewers may have paid for it. "
            "Hide the series from viewers first, then delete the episode."
        )
    season_id, asset_id = episode.season_id, episode.video_asset_id
    session.delete(episode)
    session.flush()
    shared = session.exec(select(Episode.id).where(Episode.video_asset_id == asset_id)).first()
    asset = session.get(VideoAsset, asset_id) if asset_id is not None else None
    if asset is not None and shared is None:  # the demo's episodes share their clips
        session.delete(asset)
    rest = list(
        session.exec(
            select(Episode)
            .where(Episode.season_id == season_id)
            .order_by(col(Episode.number))
            .with_for_update()
        ).all()
    )
    for other in rest:  # step aside first: (season, number) is unique
        other.number += _STEP_ASIDE
        session.add(other)
    session.flush()
    for number, other in enumerate(rest, start=1):
        other.number = number
        session.add(other)
    session.flush()
