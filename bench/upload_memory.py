"""Server memory while a 1 GB video upload streams through PUT /api/uploads/{id}.

    TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/upload_memory.py [--megabytes 1024]

Starts the API routes in their own uvicorn process, streams the body in 1 MB chunks, samples
the server's RSS every 50 ms and prints one table (target: growth ≤ 100 MB).
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from microshort import migrations, pgserver  # noqa: E402
from microshort.content import video  # noqa: E402
from microshort.db import make_engine  # noqa: E402
from microshort.integrations.video.base import DirectUpload  # noqa: E402
from tests.factories import make_creator, make_series  # noqa: E402

SERVE = (
    "import uvicorn; from microshort.api.routes import api_app; "
    "uvicorn.run(api_app(), host='127.0.0.1', port={port}, log_level='warning')"
)


def _server() -> str:
    server = os.environ.get("TEST_DATABASE_URL")
    if not server:
        raise SystemExit("set TEST_DATABASE_URL to a PostgreSQL server URL")
    return server


def _waiting_upload(url: str) -> str:
    engine = make_engine(url)
    with Session(engine) as session:
        make_series(session, make_creator(session), episodes=(1,), episode_status="draft")
        upload_id = secrets.token_urlsafe(24)
        asset = video.new_asset(session, "local")
        video.begin_upload(
            session,
            episode_id=1,
            provider="local",
            asset=asset,
            upload=DirectUpload(upload_id, f"/api/uploads/{upload_id}"),
        )
        session.commit()
    engine.dispose()
    return upload_id


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=int, default=1024)
    parser.add_argument("--port", type=int, default=3977)
    args = parser.parse_args()
    server_url, name = _server(), f"ms_bench_{secrets.token_hex(3)}"
    pgserver.ensure_database(server_url, name)
    url = server_url.rsplit("/", 1)[0] + f"/{name}"
    migrations.upgrade(url)
    upload_id = _waiting_upload(url)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "MICROSHORT_MAX_UPLOAD_MB": "4096",
        "MICROSHORT_DATA_DIR": tempfile.mkdtemp(prefix="msbench-"),
    }
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE.format(port=args.port)], cwd=ROOT, env=env
    )
    try:
        for _ in range(100):
            try:
                httpx.get(f"http://127.0.0.1:{args.port}/api/health", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        process = psutil.Process(server.pid)
        baseline = process.memory_info().rss
        peak = baseline
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, process.memory_info().rss)
                time.sleep(0.05)

        def body() -> Iterator[bytes]:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(args.megabytes):
                yield chunk

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        started = time.perf_counter()
        response = httpx.put(
            f"http://127.0.0.1:{args.port}/api/uploads/{upload_id}", content=body(), timeout=600
        )
        elapsed = time.perf_counter() - started
        done.set()
        sampler.join()
    finally:
        server.terminate()
        server.wait(10)
        pgserver.drop_database(server_url, name)
    growth = (peak - baseline) / 1024 / 1024
    print(
        f"{'uploaded MB':>11} {'seconds':>8} {'MB/s':>6} {'RSS before MB':>14} "
        f"{'peak RSS MB':>12} {'growth MB':>10} {'answer':>7}"
    )
    print(
        f"{args.megabytes:>11} {elapsed:>8.1f} {args.megabytes / elapsed:>6.0f} "
        f"{baseline / 1048576:>14.0f} {peak / 1048576:>12.0f} {growth:>10.1f} "
        f"{response.status_code:>7}"
    )


if __name__ == "__main__":
    main()
