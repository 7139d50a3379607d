"""Live room fan-out: N viewers in one episode, latency from a reaction's send to its receipt.

    TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/realtime_load.py [--viewers 1000] [--rate 50] [--seconds 30] \\
        [--redis-url redis://127.0.0.1:6379/14]

Three scenarios, one after the other, each with fresh servers (granian, as Reflex runs in
prod, serving bench/room_server.py) and fresh clients (this process, bench/ws_client.py):
  bare     the baseline: a websocket route that sends each frame straight on to everyone;
  hub 1    the room socket on one worker (in-process hub, in-memory rate limits);
  hub 2    two worker processes on two ports sharing Redis, viewers split evenly between them,
           so every reaction crosses Redis to reach half the room.
`--only room1|room2|sleep1` runs candidate hub writers (bench/hub_variants.py) instead.
Hub reactions are real: ticket-checked, rate-limited, saved (one INSERT + COMMIT each, in a
scratch database created, migrated and dropped here) and published after the commit.
Target (issue 7): 1,000 viewers, p95 ≤ 100 ms, p99 ≤ 250 ms, nothing lost, hub p95 ≤ 1.1×
the baseline's p95.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import os
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.realtime_viewers import (  # noqa: E402
    Run,
    close_all,
    drain,
    open_viewers,
    reaction_frame,
    send_reactions,
    summary,
)
from microshort import migrations, pgserver  # noqa: E402
from microshort.content.models import Episode, Season, Series  # noqa: E402
from microshort.db import make_engine, session_scope  # noqa: E402
from microshort.realtime.tickets import issue_ticket  # noqa: E402
from microshort.users.models import CreatorProfile, Role, User  # noqa: E402

GRANIAN = str(Path(sys.executable).parent / "granian")
FIRST_PORT = 8471


@dataclass(frozen=True)
class Scenario:
    name: str
    app: str  # bench.room_server:<app>
    workers: int
    redis: bool
    hub: str = ""  # a candidate writer from bench/hub_variants.py


SCENARIOS = (
    Scenario("bare websocket broadcast (baseline), 1 worker", "bare_app", 1, redis=False),
    Scenario("room hub, 1 worker", "hub_app", 1, redis=False),
    Scenario("room hub, 2 workers + Redis", "hub_app", 2, redis=True),
)
CANDIDATES = (
    Scenario("candidate: per-connection sleep batching, 1 worker", "hub_app", 1, False, "sleep"),
    Scenario("candidate: per-room batching, 1 worker", "hub_app", 1, False, "room"),
    Scenario("candidate: per-room batching, 2 workers + Redis", "hub_app", 2, True, "room"),
)
KEYS = ("bare", "hub1", "hub2", "sleep1", "room1", "room2")


def _wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server on port {port} exited ({process.returncode})")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"no server on port {port} after {timeout} s")


def _port_in_use(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@contextlib.contextmanager
def servers(scenario: Scenario, env: dict[str, str]) -> Iterator[list[subprocess.Popen[bytes]]]:
    """One granian process (one worker) per port, as separate servers, each in its own process
    group: a worker whose loop is too busy can miss SIGTERM (its wakeup pipe full), and a
    leftover worker would take the next scenario's connections on the same port."""
    processes: list[subprocess.Popen[bytes]] = []
    try:
        for k in range(scenario.workers):
            port = FIRST_PORT + k
            if _port_in_use(port):
                raise SystemExit(f"port {port} is taken: is an earlier server still running?")
            command = [GRANIAN, "--interface", "asgi", "--host", "127.0.0.1"]
            command += ["--port", str(port), "--workers", "1", "--log-level", "warning"]
            command.append(f"bench.room_server:{scenario.app}")
            processes.append(subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True))
            _wait_for_port(port, processes[-1])
        yield processes
    finally:
        for process in processes:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
        time.sleep(1)
        for process in processes:  # whatever of the group is still there
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)


def _tree(processes: list[subprocess.Popen[bytes]]) -> list[psutil.Process]:
    found = []
    for process in processes:
        parent = psutil.Process(process.pid)
        found += [parent, *parent.children(recursive=True)]
    return found


def _cpu_seconds(processes: list[psutil.Process]) -> float:
    total = 0.0
    for process in processes:
        with contextlib.suppress(psutil.Error):
            times = process.cpu_times()
            total += times.user + times.system
    return total


def _urls(scenario: Scenario, episode_id: int, viewers: int, secret: bytes) -> list[str]:
    urls = []
    for k in range(viewers):
        port = FIRST_PORT + k % scenario.workers  # split evenly between the servers
        if scenario.app == "bare_app":
            urls.append(f"ws://127.0.0.1:{port}/ws/bare")
            continue
        viewer = f"a{uuid.uuid4().hex}"  # a visitor each: rate limits are per viewer
        ticket = issue_ticket(secret, episode_id=episode_id, viewer=viewer, ttl_seconds=600)
        urls.append(f"ws://127.0.0.1:{port}/ws/rooms/{episode_id}?ticket={ticket}")
    return urls


async def _measure(
    scenario: Scenario, urls: list[str], servers: list[psutil.Process], args: argparse.Namespace
) -> tuple[Run, dict[str, float]]:
    """The run, and CPU use while sending and draining (% of one core; the machine: of both)."""
    run = Run(viewers=len(urls))
    hub = scenario.app == "hub_app"
    viewers = await open_viewers(urls, run, hub)
    stop = asyncio.Event()
    tasks = [asyncio.create_task(viewer.ping(stop)) for viewer in viewers]
    await asyncio.sleep(args.settle)  # presence bursts of the arrivals die down
    # The clients keep every frame until the end: a full collection over a growing heap would
    # pause them mid-run and show up as latency that no server caused. They make no cycles.
    gc.collect()
    gc.disable()
    me = [psutil.Process()]
    psutil.cpu_percent()
    server_before, client_before = _cpu_seconds(servers), _cpu_seconds(me)
    started = time.perf_counter()
    await send_reactions(viewers, run, args.rate, args.seconds, reaction_frame)
    await drain(run, timeout=10)
    elapsed = time.perf_counter() - started  # sending, and delivering what was sent
    cpu = {
        "server_cpu": (_cpu_seconds(servers) - server_before) / elapsed * 100,
        "client_cpu": (_cpu_seconds(me) - client_before) / elapsed * 100,
        "machine_cpu": psutil.cpu_percent(),
    }
    gc.enable()
    stop.set()
    await close_all(viewers)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    run.read_arrivals()
    return run, cpu


def _scenario(
    scenario: Scenario, env: dict[str, str], episode_id: int, args: argparse.Namespace
) -> dict[str, Any]:
    secret = env["MICROSHORT_SECRET_KEY"].encode()
    with servers(scenario, env) as processes:
        urls = _urls(scenario, episode_id, args.viewers, secret)
        run, cpu = asyncio.run(_measure(scenario, urls, _tree(processes), args))
    if scenario.workers > 1 and len(run.workers) != scenario.workers:
        print(f"  warning: hello named {len(run.workers)} workers, not {scenario.workers}")
    for reason in sorted(set(run.closed))[:3]:
        print(f"  a server closed a viewer: {reason}")
    for error in sorted(set(run.errors))[:3]:
        print(f"  error frame: {error}")
    return summary(run) | cpu


def _episode(url: str) -> int:
    """One published episode, with the creator, series and season it needs."""
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            user = User(email="studio@bench.test", display_name="Bench", role=Role.CREATOR)
            session.add(user)
            session.flush()
            studio = CreatorProfile(user_id=user.id or 0, slug="bench", display_name="Bench")
            session.add(studio)
            session.flush()
            series = Series(
                creator_id=studio.id or 0, slug="live", title="Live", genre="Drama",
                status="published",
            )  # fmt: skip
            session.add(series)
            session.flush()
            season = Season(series_id=series.id or 0, number=1, price_cents=0)
            session.add(season)
            session.flush()
            episode = Episode(
                season_id=season.id or 0, number=1, title="Live", status="published",
                duration_seconds=120,
            )  # fmt: skip
            session.add(episode)
            session.flush()
            return episode.id or 0
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--viewers", type=int, default=1_000)
    parser.add_argument("--rate", type=float, default=50.0, help="reactions per second in all")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long reactions flow")
    parser.add_argument("--settle", type=float, default=3.0, help="pause after connecting")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument(
        "--only", choices=KEYS, action="append", help="these scenarios (default: the first 3)"
    )
    args = parser.parse_args()
    if args.rate / args.viewers > 1.5:  # 120/min per viewer is the room's limit
        raise SystemExit("too few viewers for that rate: each would hit the per-viewer limit")
    server = os.environ.get("TEST_DATABASE_URL")
    if not server:
        raise SystemExit("set TEST_DATABASE_URL to a PostgreSQL server URL")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 8192)), hard))

    name = f"ms_bench_rooms_{secrets.token_hex(3)}"
    pgserver.ensure_database(server, name)
    base, _, query = server.partition("?")
    url = base.rsplit("/", 1)[0] + f"/{name}" + (f"?{query}" if query else "")
    chosen = [
        scenario
        for key, scenario in zip(KEYS, SCENARIOS + CANDIDATES, strict=True)
        if (key in args.only if args.only else scenario in SCENARIOS)
    ]
    results = []
    try:
        migrations.upgrade(url)
        episode_id = _episode(url)
        with tempfile.TemporaryDirectory(prefix="ms-rooms-") as data_dir:
            env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
            env |= {
                "PYTHONPATH": str(ROOT),
                "DATABASE_URL": url,
                "MICROSHORT_SECRET_KEY": secrets.token_urlsafe(48),
                "MICROSHORT_DATA_DIR": data_dir,
                "MICROSHORT_LOG_LEVEL": "warning",
            }
            for scenario in chosen:
                print(f"{scenario.name} ...", flush=True)
                scenario_env = env | ({"REDIS_URL": args.redis_url} if scenario.redis else {})
                scenario_env |= {"BENCH_HUB": scenario.hub} if scenario.hub else {}
                results.append((scenario, _scenario(scenario, scenario_env, episode_id, args)))
    finally:
        pgserver.drop_database(server, name)
    _print(results, args)


def _print(results: list[tuple[Scenario, dict[str, Any]]], args: argparse.Namespace) -> None:
    print(
        f"\n{args.viewers:,} viewers in one episode, {args.rate:g} reactions/s for "
        f"{args.seconds:g} s; latency = send → receipt at the other viewers\n"
    )
    print(
        "| server | p50 ms | p95 ms | p99 ms | max ms | delivered/s | expected | delivered "
        "| lost | errors, closed | CPU server / clients / machine |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for scenario, r in results:
        print(
            f"| {scenario.name} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | "
            f"{r['max']:.1f} | {r['per_second']:,.0f} | {r['expected']:,} | "
            f"{r['delivered']:,} | {r['lost']:,} | {r['errors']}, {r['closed']} | "
            f"{r['server_cpu']:.0f} % / {r['client_cpu']:.0f} % / {r['machine_cpu']:.0f} % |"
        )


if __name__ == "__main__":
    main()
