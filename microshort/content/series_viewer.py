"""What one viewer sees on a series page: the locked seasons they may watch (playback's own
decision, never a copy of it) and the episode to continue with."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlmodel import Session

from microshort.content.models import Episode, Series, WatchProgress
from microshort.content.playback import EpisodeContext, may_watch


def watchable_seasons(
    session: Session,
    series: Series,
    viewer_id: int | None,
    first_locked: Mapping[int, tuple[Episode, int]],
    total: int,
) -> set[int]:
    """The seasons (ids) whose locked episodes the viewer may watch, given each season's first
    locked episode and its position. Access is sold per season (alone or in a bundle) and
    granted per series (its creator, admins), so one episode answers for its whole season:
    one check per season, never one per episode. Anonymous viewers cost no query."""
    return {
        season_id
        for season_id, (episode, position) in first_locked.items()
        if may_watch(
            session,
            EpisodeContext(episode, series, None, position, total, None, None),
            viewer_id,
        )
    }


def continue_index(order: Sequence[int], progress: Mapping[int, WatchProgress]) -> int | None:
    """Where to continue in `order` (episode ids, watching order): the episode watched last,
    or the one after it when that one is finished; None without progress."""
    if not progress:
        return None
    last = max(progress.values(), key=lambda row: row.updated_at)
    index = order.index(last.episode_id)
    if last.completed and index + 1 < len(order):
        index += 1
    return index
