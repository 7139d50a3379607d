"""Millions of reactions for bench/replay_window.py, generated inside PostgreSQL (a few minutes).

Shapes: one creator, `viewers` signed-in viewers, 2,000 published episodes of 60–180 s (10 per
series). The reactions are spread over 10,000 equal "slots": each hot episode owns 1,000 slots
(~1 M reactions at 10 M), the other episodes share the rest on a long tail (at least 1 slot, ~1,000
reactions). Rows are written slot after slot in turn, so an episode's reactions are scattered
over the table as they would be when they arrive live. Within an episode 25 % of the reactions
fall in a 10 s "big moment", the rest evenly; emojis are skewed (❤️ 35 %, 🔥 25 %, …); one
reaction in five is from a signed-in viewer, the rest from 300,000 anonymous ids.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import psycopg

SLOTS = 10_000
EPISODES_PER_SERIES = 10
ANONYMOUS_VIEWERS = 300_000


@dataclass(frozen=True)
class Episodes:
    hot: list[int]
    typical: list[int]
    duration_ms: dict[int, int]


def _slot_counts(typical: int, slots: int, rng: random.Random) -> list[int]:
    """At least one slot each, the rest by a long-tailed weight (largest remainder)."""
    extra = slots - typical
    weights = [1 / (rank + 5) for rank in range(typical)]
    rng.shuffle(weights)
    total = sum(weights)
    shares = [extra * weight / total for weight in weights]
    counts = [1 + int(share) for share in shares]
    by_remainder = sorted(range(typical), key=lambda k: shares[k] - int(shares[k]), reverse=True)
    for k in by_remainder[: slots - sum(counts)]:
        counts[k] += 1
    return counts


def _catalogue(conn: psycopg.Connection, episodes: int, viewers: int, rng: random.Random) -> None:
    now = datetime.now(UTC)
    conn.execute(
        "INSERT INTO users (id, email, display_name, role, status, created_at, updated_at) "
        "SELECT n, 'u' || n || '@bench.test', 'Viewer ' || n, "
        "CASE WHEN n = 1 THEN 'creator' ELSE 'viewer' END, 'active', %s, %s "
        "FROM generate_series(1, %s) n",
        (now, now, viewers + 1),
    )
    conn.execute(
        "INSERT INTO creator_profiles (id, user_id, slug, display_name, bio, links, "
        "approval_status, payouts_enabled, created_at, updated_at) "
        "VALUES (1, 1, 'bench-studio', 'Bench Studio', '', '[]', 'approved', false, %s, %s)",
        (now, now),
    )
    series = episodes // EPISODES_PER_SERIES
    conn.execute(
        "INSERT INTO series (id, creator_id, slug, title, logline, description, genre, language, "
        "status, free_episode_count, published_at, created_at, updated_at) "
        "SELECT n, 1, 'bench-' || n, 'Bench ' || n, '', '', 'Drama', 'en', 'published', 3, "
        "%s, %s, %s "
        "FROM generate_series(1, %s) n",
        (now, now, now, series),
    )
    conn.execute(
        "INSERT INTO seasons (id, series_id, number, title, price_cents, currency, created_at, "
        "updated_at) SELECT n, n, 1, '', 499, 'USD', %s, %s FROM generate_series(1, %s) n",
        (now, now, series),
    )
    with conn.cursor().copy(
        "COPY episodes (id, season_id, number, title, synopsis, duration_seconds, status, "
        "published_at, created_at, updated_at) FROM STDIN"
    ) as copy:
        for n in range(1, episodes + 1):
            number = (n - 1) % EPISODES_PER_SERIES + 1
            season = (n - 1) // EPISODES_PER_SERIES + 1
            duration = rng.randint(60, 180)
            copy.write_row(
                (n, season, number, f"Ep {number}", "", duration, "published", now, now, now)
            )
    for table in ("users", "creator_profiles", "series", "seasons", "episodes"):
        conn.execute(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))")


def _plan(conn: psycopg.Connection, hot: int, rng: random.Random) -> Episodes:
    rows = conn.execute("SELECT id, duration_seconds * 1000 FROM episodes ORDER BY id").fetchall()
    duration_ms = {int(row[0]): int(row[1]) for row in rows}
    ids = list(duration_ms)
    rng.shuffle(ids)
    hot_ids, typical_ids = ids[:hot], ids[hot:]
    owners = [episode for episode in hot_ids for _ in range(SLOTS // 10)]
    counts = _slot_counts(len(typical_ids), SLOTS - len(owners), rng)
    owners += [
        episode for episode, count in zip(typical_ids, counts, strict=True) for _ in range(count)
    ]
    rng.shuffle(owners)
    conn.execute(
        "CREATE TEMP TABLE bench_slots "
        "(slot int PRIMARY KEY, episode_id int, duration_ms int, peak_ms int)"
    )
    with conn.cursor().copy("COPY bench_slots FROM STDIN") as copy:
        peaks = {episode: rng.randint(5_000, ms - 5_000) for episode, ms in duration_ms.items()}
        for slot, episode in enumerate(owners):
            copy.write_row((slot, episode, duration_ms[episode], peaks[episode]))
    return Episodes(hot=sorted(hot_ids), typical=sorted(typical_ids), duration_ms=duration_ms)


INSERT_REACTIONS = f"""
INSERT INTO reactions (episode_id, user_id, anonymous_id, emoji, timestamp_ms, created_at)
SELECT s.episode_id,
       CASE WHEN g.i %% 5 = 0 THEN 2 + (g.i / 5) %% %(viewers)s END,
       CASE WHEN g.i %% 5 <> 0 THEN md5(((g.i * 7919) %% {ANONYMOUS_VIEWERS})::text) END,
       CASE WHEN g.e < 0.35 THEN '❤️' WHEN g.e < 0.60 THEN '🔥' WHEN g.e < 0.75 THEN '😂'
            WHEN g.e < 0.85 THEN '😮' WHEN g.e < 0.93 THEN '😭' ELSE '👏' END,
       CASE WHEN g.m < 0.25 THEN s.peak_ms - 5000 + floor(g.t * 10000)::int
            ELSE floor(g.t * s.duration_ms)::int END,
       now()
-- random() in the subquery's select list: one draw per row (volatile, so never flattened).
FROM (SELECT i, random() AS e, random() AS m, random() AS t
      FROM generate_series(%(low)s::bigint, %(high)s::bigint) i) g
JOIN bench_slots s ON s.slot = g.i %% {SLOTS}
"""


def fill(
    url: str,
    *,
    reactions: int = 10_000_000,
    episodes: int = 2_000,
    hot: int = 5,
    viewers: int = 2_000,
    chunk: int = 1_000_000,
    seed: int = 11,
) -> Episodes:
    """Fill an empty, migrated database; prints progress per chunk."""
    rng = random.Random(seed)
    with psycopg.connect(url) as conn:
        _catalogue(conn, episodes, viewers, rng)
        plan = _plan(conn, hot, rng)
        conn.commit()
        for low in range(0, reactions, chunk):
            started = time.perf_counter()
            high = min(reactions, low + chunk) - 1
            conn.execute(INSERT_REACTIONS, {"low": low, "high": high, "viewers": viewers})
            conn.commit()
            print(f"  reactions {high + 1:>11,}  ({time.perf_counter() - started:.1f} s)")
    return plan


def episodes_of(url: str, hot_threshold: int = 200_000) -> Episodes:
    """The hot and typical episodes of an already filled database."""
    with psycopg.connect(url) as conn:
        counts: dict[int, int] = dict(
            conn.execute("SELECT episode_id, count(*) FROM reactions GROUP BY 1").fetchall()
        )
        rows = conn.execute("SELECT id, duration_seconds * 1000 FROM episodes").fetchall()
    duration_ms = {int(row[0]): int(row[1]) for row in rows}
    hot = sorted(e for e, n in counts.items() if n >= hot_threshold)
    typical = sorted(e for e in duration_ms if e not in set(hot))
    return Episodes(hot=hot, typical=typical, duration_ms=duration_ms)
