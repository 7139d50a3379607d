"""Replay window and heat strip reads over 10 million reactions.

    TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/replay_window.py [--windows 2000] [--reactions 10000000]
    .venv/bin/python bench/replay_window.py --database-url postgresql://…/bench_replay [--keep]

Without --database-url, creates a database on the TEST_DATABASE_URL server, migrates it, fills
it with bench/replay_data.py (2,000 episodes, 5 hot ones with ~1 M reactions each), VACUUM
ANALYZE, measures, and drops it. With --database-url, that database is migrated, filled only if
it has no reactions, and kept. Each call runs in its own session (as a page state would), warm,
in-process. Prints one table; target p99 ≤ 5 ms per replay window.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import secrets
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import psycopg
import sqlalchemy as sa
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.replay_data import ANONYMOUS_VIEWERS, Episodes, episodes_of, fill  # noqa: E402
from microshort import migrations, pgserver  # noqa: E402
from microshort.db import make_engine  # noqa: E402
from microshort.realtime.replay import ReplayItem, heat_strip, replay_window  # noqa: E402

WINDOW_MS = 10_000
Call = Callable[[Session], Any]


def _percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _database(args: argparse.Namespace) -> tuple[str, Callable[[], None]]:
    """The database URL, and what to do at the end (drop it, or nothing)."""
    if args.database_url:
        return args.database_url, lambda: None
    server = os.environ.get("TEST_DATABASE_URL")
    if not server:
        raise SystemExit("set TEST_DATABASE_URL to a PostgreSQL server URL, or --database-url")
    name = f"ms_bench_replay_{secrets.token_hex(3)}"
    pgserver.ensure_database(server, name)
    base, _, query = server.partition("?")
    url = base.rsplit("/", 1)[0] + f"/{name}" + (f"?{query}" if query else "")
    if args.keep:
        print(f"keeping {url}")
        return url, lambda: None
    return url, lambda: pgserver.drop_database(server, name)


def _prepare(url: str, reactions: int) -> Episodes:
    migrations.upgrade(url)
    with psycopg.connect(url) as conn:
        filled = conn.execute("SELECT EXISTS (SELECT 1 FROM reactions)").fetchone()
    if filled and filled[0]:
        return episodes_of(url)
    started = time.perf_counter()
    plan = fill(url, reactions=reactions)
    print(f"filled in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    print(f"VACUUM ANALYZE in {time.perf_counter() - started:.0f} s")
    return plan


def _viewer(rng: random.Random) -> dict[str, Any]:
    """Whose own reactions to leave out: a signed-in or an anonymous viewer, as in the app."""
    if rng.random() < 0.2:
        return {"exclude_user_id": rng.randint(2, 2001)}
    anonymous = str(rng.randrange(ANONYMOUS_VIEWERS)).encode()
    return {"exclude_anonymous_id": hashlib.md5(anonymous, usedforsecurity=False).hexdigest()}


def _reactions(result: list[Any]) -> int:
    """How many reactions a replay result stands for (0 for a heat strip)."""
    return sum(item.n for item in result if isinstance(item, ReplayItem))


def _time(engine: sa.Engine, calls: list[Call]) -> tuple[list[float], int]:
    """Milliseconds per call (a session each), and the most reactions one result stood for."""
    samples, most = [], 0
    for call in calls[:20]:  # warm the pool, the prepared statements and the buffers
        with Session(engine) as session:
            call(session)
    for call in calls:
        started = time.perf_counter()
        with Session(engine) as session:
            result = call(session)
            session.commit()
        samples.append((time.perf_counter() - started) * 1000)
        most = max(most, _reactions(result))
    return samples, most


def _windows(
    plan: Episodes, episodes: list[int], count: int, length: int, rng: random.Random
) -> list[Call]:
    calls: list[Call] = []
    for _ in range(count):
        episode = rng.choice(episodes)
        start = rng.randrange(0, plan.duration_ms[episode] - length)
        kwargs: dict[str, Any] = {
            "episode_id": episode,
            "start_ms": start,
            "end_ms": start + length,
        }
        kwargs |= _viewer(rng)
        calls.append(partial(replay_window, **kwargs))
    return calls


def _heats(plan: Episodes, episodes: list[int], count: int, rng: random.Random) -> list[Call]:
    calls: list[Call] = []
    for _ in range(count):
        episode = rng.choice(episodes)
        kwargs: dict[str, Any] = {"episode_id": episode, "duration_ms": plan.duration_ms[episode]}
        calls.append(partial(heat_strip, **kwargs))
    return calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url")
    parser.add_argument("--keep", action="store_true", help="keep the database it creates")
    parser.add_argument("--reactions", type=int, default=10_000_000)
    parser.add_argument("--windows", type=int, default=2_000)
    parser.add_argument("--heats", type=int, default=200)
    args = parser.parse_args()
    url, finish = _database(args)
    engine = make_engine(url)
    rng = random.Random(3)
    try:
        plan = _prepare(url, args.reactions)
        cases = {
            f"replay 10 s, typical episodes ({len(plan.typical):,})": _windows(
                plan, plan.typical, args.windows, WINDOW_MS, rng
            ),
            f"replay 10 s, hot episodes ({len(plan.hot)}, ~1 M reactions each)": _windows(
                plan, plan.hot, args.windows, WINDOW_MS, rng
            ),
            "replay 30 s (the largest allowed), hot episodes": _windows(
                plan, plan.hot, args.windows // 4, 3 * WINDOW_MS, rng
            ),
            "heat strip (48 buckets), typical episodes": _heats(
                plan, plan.typical, args.heats, rng
            ),
            "heat strip (48 buckets), hot episodes": _heats(plan, plan.hot, args.heats, rng),
        }
        with psycopg.connect(url) as conn:
            total = conn.execute("SELECT count(*) FROM reactions").fetchone()
        results = [(name, len(calls), *_time(engine, calls)) for name, calls in cases.items()]
    finally:
        engine.dispose()
        finish()
    print(f"\n{total[0] if total else 0:,} reactions; warm, in-process, a session per call\n")
    print("| read | calls | p50 ms | p95 ms | p99 ms | max ms | most reactions in one window |")
    print("|---|---|---|---|---|---|---|")
    for name, calls, samples, most in results:
        print(
            f"| {name} | {calls:,} | {statistics.median(samples):.2f} | "
            f"{_percentile(samples, 95):.2f} | {_percentile(samples, 99):.2f} | "
            f"{max(samples):.2f} | {f'{most:,}' if most else '–'} |"
        )


if __name__ == "__main__":
    main()
