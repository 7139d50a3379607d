"""A large synthetic catalogue for bench/catalogue.py, written with COPY (a few seconds).

Shapes: creators with profiles, viewers, series across the house genres (most published, some
drafts, hidden or deleted; a dozen featured), one to three seasons each, episodes (most
published), analytics events over 30 days with a long-tailed popularity, watch progress, follows
and favourites. Deterministic for a given seed.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg

from microshort.content.genres import GENRES

ADJECTIVES = (
    "Secret", "Hidden", "Midnight", "Broken", "Golden", "Silent", "Stolen", "Wild", "Last",
    "Forbidden", "Crimson", "Frozen", "Burning", "Lost", "Second", "Fake", "Royal", "Cursed",
    "Runaway", "Untold", "Bitter", "Sweet", "Dangerous", "Lucky", "Wicked", "Tender",
)  # fmt: skip
NOUNS = (
    "Bride", "Heir", "Billionaire", "Contract", "Promise", "Wedding", "Lighthouse", "Kitchen",
    "Tower", "Queen", "Detective", "Witness", "Revenge", "Letter", "Diary", "Island", "Empire",
    "Daughter", "Husband", "Fiancé", "Stranger", "Doctor", "Chef", "Twin", "Alpha", "Moon",
    "Ghost", "Inheritance", "Assistant", "Bodyguard", "Mafia", "Vow", "Kiss", "Crown",
)  # fmt: skip
PLACES = (
    "Harbor Street", "Hollow Pines", "the Tower", "Greyhaven", "the Old Mill", "Apartment 4B",
    "Silver Lake", "the Vance House", "Paris", "the Penthouse", "Seoul", "the Boardroom",
)  # fmt: skip
FIRST = ("Mira", "Kenji", "Ada", "Theo", "Rosa", "Lena", "Iris", "Omar", "June", "Priya", "Noor")
LAST = ("Okafor", "Ward", "Lind", "Vance", "Moreau", "Tanaka", "Silva", "Haddad", "Novak")
STUDIO = ("Studio", "Pictures", "Films", "Stories", "Productions", "Media")
EVENT_NAMES = ("episode_start", "episode_start", "episode_start", "series_view", "page_view")


@dataclass(frozen=True)
class Sizes:
    creators: int = 1_000
    viewers: int = 2_000
    series: int = 10_000
    episodes: int = 100_000
    events: int = 300_000
    progress_per_viewer: int = 25


def _copy(conn: psycopg.Connection, table: str, columns: Sequence[str], rows: Iterable[Any]) -> int:
    count = 0
    with conn.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _title(rng: random.Random, genre: str) -> str:
    shape = rng.randrange(4)
    noun = rng.choice((*NOUNS, genre))
    if shape == 0:
        return f"The {rng.choice(ADJECTIVES)} {noun}"
    if shape == 1:
        return f"{rng.choice(ADJECTIVES)} {noun} of {rng.choice(PLACES)}"
    if shape == 2:
        return f"My {rng.choice(ADJECTIVES)} {noun}"
    return f"{noun} at {rng.choice(PLACES)}"


def generate(
    url: str, sizes: Sizes, *, seed: int = 5, now: datetime | None = None
) -> dict[str, int]:
    """Fill an empty, migrated database; returns row counts per table."""
    rng = random.Random(seed)
    now = now or datetime.now(UTC)
    counts: dict[str, int] = {}
    with psycopg.connect(url) as conn:
        users: list[tuple[Any, ...]] = []
        for n in range(1, sizes.creators + sizes.viewers + 1):
            role = "creator" if n <= sizes.creators else "viewer"
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            users.append((n, f"u{n}@bench.test", name, role, "active", now, now))
        counts["users"] = _copy(
            conn,
            "users",
            ("id", "email", "display_name", "role", "status", "created_at", "updated_at"),
            users,
        )
        profiles = []
        for n in range(1, sizes.creators + 1):
            name = (
                f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                if n % 2
                else f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {rng.choice(STUDIO)}"
            )
            bio = f"Vertical dramas by {name}."
            profiles.append((n, n, f"creator-{n}", name, bio, "[]", "approved", False, now, now))
        counts["creator_profiles"] = _copy(
            conn,
            "creator_profiles",
            ("id", "user_id", "slug", "display_name", "bio", "links", "approval_status",
             "payouts_enabled", "created_at", "updated_at"),
            profiles,
        )  # fmt: skip

        series_rows, season_rows, episode_rows = [], [], []
        published: list[int] = []
        episodes_left = sizes.episodes
        season_id = episode_id = 0
        for n in range(1, sizes.series + 1):
            genre = GENRES[n % len(GENRES)]
            roll = rng.random()
            status = "published" if roll < 0.9 else "draft" if roll < 0.95 else "hidden"
            deleted = now if status == "published" and rng.random() < 0.01 else None
            featured = n if n <= 12 else None
            published_at = now - timedelta(minutes=rng.randint(0, 2 * 365 * 24 * 60))
            title = _title(rng, genre)
            logline = f"A {rng.choice(ADJECTIVES).lower()} {rng.choice(NOUNS).lower()} story: " + (
                f"{rng.choice(FIRST)} meets a {rng.choice(NOUNS).lower()} at {rng.choice(PLACES)}."
            )
            description = f"{logline} {genre} in one-minute episodes. " * 3
            series_rows.append((
                n, rng.randint(1, sizes.creators), f"series-{n}", title, logline, description,
                genre, "{}", "en", 3, status, featured,
                published_at if status == "published" else None, deleted, now, now,
            ))  # fmt: skip
            if status == "published" and deleted is None:
                published.append(n)
            # Episodes spread evenly: what is left over what is left to make.
            series_episodes = max(1, round(episodes_left / (sizes.series - n + 1)))
            episodes_left -= series_episodes
            seasons = min(series_episodes, rng.choice((1, 1, 2, 3)))
            per_season = [series_episodes // seasons] * seasons
            per_season[-1] += series_episodes - sum(per_season)
            for number, in_season in enumerate(per_season, start=1):
                season_id += 1
                season_rows.append((season_id, n, number, "", 499, "USD", now, now))
                for episode in range(1, in_season + 1):
                    episode_id += 1
                    ready = status == "published" and rng.random() < 0.95
                    episode_rows.append((
                        episode_id, season_id, episode, f"Episode {episode}", "", 90,
                        "published" if ready else "draft", now if ready else None, now, now,
                    ))  # fmt: skip
        counts["series"] = _copy(
            conn,
            "series",
            ("id", "creator_id", "slug", "title", "logline", "description", "genre", "tags",
             "language", "free_episode_count", "status", "featured_rank", "published_at",
             "deleted_at", "created_at", "updated_at"),
            series_rows,
        )  # fmt: skip
        counts["seasons"] = _copy(
            conn,
            "seasons",
            ("id", "series_id", "number", "title", "price_cents", "currency", "created_at",
             "updated_at"),
            season_rows,
        )  # fmt: skip
        counts["episodes"] = _copy(
            conn,
            "episodes",
            ("id", "season_id", "number", "title", "synopsis", "duration_seconds", "status",
             "published_at", "created_at", "updated_at"),
            episode_rows,
        )  # fmt: skip
        season_series = {row[0]: row[1] for row in season_rows}
        series_episodes_ids: dict[int, list[int]] = {}
        for row in episode_rows:
            series_episodes_ids.setdefault(season_series[row[1]], []).append(row[0])

        # Long-tailed popularity: a few series get most of the views.
        weights = [1 / (rank + 1) for rank in range(len(published))]
        popular = rng.choices(published, weights=weights, k=sizes.events)
        events = (
            (
                rng.choice(EVENT_NAMES),
                f"anon-{rng.randrange(50_000)}",
                series_id,
                json.dumps({}),
                now - timedelta(seconds=rng.randint(0, 30 * 86_400)),
            )
            for series_id in popular
        )
        counts["analytics_events"] = _copy(
            conn,
            "analytics_events",
            ("name", "anonymous_id", "series_id", "properties", "occurred_at"),
            events,
        )
        progress, follows, favourites = [], [], []
        for viewer in range(sizes.creators + 1, sizes.creators + sizes.viewers + 1):
            watched = rng.sample(published, sizes.progress_per_viewer)
            for series_id in watched:
                episode = rng.choice(series_episodes_ids[series_id])
                position = rng.randint(5, 90)
                when = now - timedelta(minutes=rng.randint(1, 60 * 24 * 30))
                progress.append((viewer, episode, float(position), position >= 87, when))
            for series_id in watched[:5]:
                follows.append((viewer, series_id, now))
            for series_id in watched[5:8]:
                favourites.append((viewer, series_id, now))
        counts["watch_progress"] = _copy(
            conn,
            "watch_progress",
            ("user_id", "episode_id", "position_seconds", "completed", "updated_at"),
            progress,
        )
        counts["follows"] = _copy(conn, "follows", ("user_id", "series_id", "created_at"), follows)
        counts["favourites"] = _copy(
            conn, "favourites", ("user_id", "series_id", "created_at"), favourites
        )
        for table in ("users", "creator_profiles", "series", "seasons", "episodes"):
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        conn.commit()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return counts
