"""Server time and SQL statements of the catalogue reads at 10,000 series / 100,000 episodes.

    TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/catalogue.py [--iterations 300]

Creates a fresh database on that server, migrates it, fills it with bench/catalogue_data.py,
then times in-process, warm, the domain reads each page makes on load (exactly the calls the
page states make), counting the SQL statements of each. Prints one table; target p95 ≤ 50 ms
for home, series and search. The database is dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.catalogue_data import Sizes, generate  # noqa: E402
from microshort import migrations, pgserver  # noqa: E402
from microshort.analytics.trending import refresh_trending  # noqa: E402
from microshort.content.browse import creator_page, genre_page, more_from_creator  # noqa: E402
from microshort.content.queries import home_view, series_detail  # noqa: E402
from microshort.content.rails import continue_watching  # noqa: E402
from microshort.content.search import search_series  # noqa: E402
from microshort.db import make_engine  # noqa: E402
from microshort.social.queries import library_view, series_social  # noqa: E402

SEARCHES = (
    "billionaire", "billionare", "revnge", "revenge wedding", "secret bride", "midnight",
    "lighthose", "harbor street", "kenji ward", "mira okafr", "the", "fake fiance", "ghost",
    "crown of silver lake", "chef", "zzzz qqqq", "inheritance", "bodyguard", "twn", "moon",
)  # fmt: skip


class StatementCounter:
    def __init__(self, engine: sa.Engine) -> None:
        self.count = 0
        sa.event.listen(engine, "before_cursor_execute", self._on_execute)

    def _on_execute(self, *_args: Any) -> None:
        self.count += 1


def _server() -> str:
    server = os.environ.get("TEST_DATABASE_URL")
    if not server:
        raise SystemExit("set TEST_DATABASE_URL to a PostgreSQL server URL")
    return server


def _database_url(server: str, name: str) -> str:
    base, _, query = server.partition("?")
    return base.rsplit("/", 1)[0] + f"/{name}" + (f"?{query}" if query else "")


def _pages(engine: sa.Engine, rng: random.Random) -> dict[str, Callable[[], Any]]:
    with engine.connect() as conn:
        slugs = [
            row[0]
            for row in conn.execute(
                sa.text("SELECT slug FROM series WHERE status = 'published' AND deleted_at IS NULL")
            )
        ]
        viewers = [
            row[0] for row in conn.execute(sa.text("SELECT id FROM users WHERE role = 'viewer'"))
        ]
    genres = ["romance", "revenge", "billionaire", "thriller", "mystery"]

    def read(fn: Callable[[Session], Any]) -> Callable[[], Any]:
        def run() -> Any:
            # As a page state does: one session (one transaction) per page load.
            with Session(engine, expire_on_commit=False) as session:
                result = fn(session)
                session.commit()
                return result

        return run

    def home(session: Session) -> Any:
        return home_view(session), continue_watching(session, rng.choice(viewers))

    def series(session: Session) -> Any:
        slug = rng.choice(slugs)
        return (
            series_detail(session, slug),
            more_from_creator(session, slug),
            series_social(session, slug, rng.choice(viewers)),
        )

    return {
        "home (signed in: rails + continue watching)": read(home),
        "home (anonymous)": read(home_view),
        "series (detail + more from creator + follow state)": read(series),
        "search (20 queries incl. typos, first page)": read(
            lambda session: search_series(session, rng.choice(SEARCHES))
        ),
        "genre page (first page)": read(lambda session: genre_page(session, rng.choice(genres))),
        "genre page (page 10)": read(
            lambda session: genre_page(session, rng.choice(genres), offset=24 * 9)
        ),
        "creator page": read(
            lambda session: creator_page(session, f"creator-{rng.randint(1, 1000)}")
        ),
        "library": read(lambda session: library_view(session, rng.choice(viewers))),
    }


def _percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure(engine: sa.Engine, iterations: int) -> list[tuple[str, float, float, float, str]]:
    rng = random.Random(7)
    counter = StatementCounter(engine)
    rows = []
    for name, run in _pages(engine, rng).items():
        for _ in range(20):  # warm the pool, the plan caches and the buffers
            run()
        samples, statements = [], set()
        for _ in range(iterations):
            before = counter.count
            start = time.perf_counter()
            run()
            samples.append((time.perf_counter() - start) * 1000)
            statements.add(counter.count - before)
        counts = "–".join(str(n) for n in sorted({min(statements), max(statements)}))
        rows.append(
            (
                name,
                statistics.median(samples),
                _percentile(samples, 95),
                _percentile(samples, 99),
                counts,
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--iterations", type=int, default=300)
    args = parser.parse_args()
    server = _server()
    name = f"ms_bench_catalogue_{secrets.token_hex(3)}"
    pgserver.ensure_database(server, name)
    url = _database_url(server, name)
    engine = make_engine(url)
    try:
        migrations.upgrade(url)
        started = time.perf_counter()
        counts = generate(url, Sizes())
        generated = time.perf_counter() - started
        print(
            f"generated in {generated:.1f} s: "
            + ", ".join(f"{count:,} {table}" for table, count in counts.items())
        )
        started = time.perf_counter()
        with Session(engine) as session:  # what the periodic job does every few minutes
            kept = refresh_trending(session)
            session.commit()
        print(
            f"trending rollup rebuilt in {(time.perf_counter() - started) * 1000:.0f} ms "
            f"({kept} series kept)"
        )
        results = measure(engine, args.iterations)
    finally:
        engine.dispose()
        pgserver.drop_database(server, name)
    print(f"\n{args.iterations} warm iterations each, in-process, server time of the page reads\n")
    print("| page | p50 ms | p95 ms | p99 ms | SQL statements per load |")
    print("|---|---|---|---|---|")
    for page, p50, p95, p99, statements in results:
        print(f"| {page} | {p50:.1f} | {p95:.1f} | {p99:.1f} | {statements} |")


if __name__ == "__main__":
    main()
