"""A Redis outage degrades visibly and heals by itself: /api/health says so (503), log-in
answers at once with its limits still enforced (in process memory meanwhile), and a live room
tells its viewers "live paused", then resumes fan-out between workers when Redis is back.
Each test stops and restarts a redis-server of its own."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from redis import Redis
from sqlmodel import Session
from starlette.testclient import TestClient

from microshort import migrations
from microshort.api.routes import api_app
from microshort.db import make_engine
from microshort.errors import InvalidInput
from microshort.ratelimit import LOGIN_PER_ACCOUNT, REDIS_RETRY_SECONDS, limiter_for
from microshort.realtime.brokers import RedisBroker, live_message
from microshort.realtime.hub import RoomHub
from microshort.users import login
from microshort.users.models import User
from microshort.users.passwords import hash_password
from tests.integration.test_room_hub import Client
from tests.redis_server import RedisServer

PASSWORD = "the right passphrase"


@pytest.fixture
def with_redis(
    make_database: Callable[[], str],
    app_settings: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    private_redis: RedisServer,
) -> tuple[str, RedisServer]:
    url = make_database()
    migrations.upgrade(url)
    monkeypatch.setenv("REDIS_URL", private_redis.url)
    app_settings(url)
    return url, private_redis


def test_health_names_each_dependency_and_fails_while_redis_is_down(
    with_redis: tuple[str, RedisServer],
) -> None:
    _, redis = with_redis
    client = TestClient(api_app())
    up = client.get("/api/health")
    assert up.status_code == 200
    assert up.json()["database"] == "ok"
    assert up.json()["redis"] == "ok"
    assert up.json()["jobs"]["waiting"] == 0
    assert up.json()["jobs"]["state"] == "no worker"  # reported, not required

    redis.stop()
    started = time.monotonic()
    down = client.get("/api/health")
    assert time.monotonic() - started < 3
    assert down.status_code == 503
    assert down.json()["status"] == "degraded"
    assert down.json()["redis"] == "unreachable"
    assert down.json()["database"] == "ok"

    redis.start()
    assert client.get("/api/health").status_code == 200


def test_log_in_answers_at_once_and_stays_limited_while_redis_is_down(
    with_redis: tuple[str, RedisServer],
) -> None:
    url, redis = with_redis
    engine = make_engine(url)
    with Session(engine) as session:
        session.add(
            User(
                email="outage@example.com", display_name="O", password_hash=hash_password(PASSWORD)
            )
        )
        session.commit()
    engine.dispose()
    limiter = limiter_for(redis.url)

    def attempt(password: str) -> str:
        started = time.monotonic()
        try:
            login.log_in(
                limiter, email="outage@example.com", password=password, ip="10.0.0.1", next_path="/"
            )
        except InvalidInput as refused:
            outcome = str(refused)
        else:
            outcome = "signed in"
        assert time.monotonic() - started < 2, "log-in hung on Redis"
        return outcome

    assert attempt(PASSWORD) == "signed in"
    redis.stop()
    # Fails safe: the per-account limit (10 per 15 minutes) still holds, counted in memory.
    outcomes = [attempt("wrong passphrase") for _ in range(10)]
    assert outcomes == ["Wrong email or password."] * 10
    assert limiter.degraded
    assert attempt(PASSWORD).startswith("Too many log-in attempts")

    redis.start()
    time.sleep(REDIS_RETRY_SECONDS + 0.5)
    assert attempt(PASSWORD) == "signed in"  # Redis again: its count is fresh
    assert not limiter.degraded
    limiter.hit(LOGIN_PER_ACCOUNT, "counted-in-redis")
    assert any(b"counted-in-redis" in key for key in Redis.from_url(redis.url).keys("*"))


async def _until(condition: Callable[[], bool], timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_a_room_says_live_paused_and_resumes_when_redis_is_back(
    private_redis: RedisServer,
) -> None:
    room = f"test-{uuid.uuid4().hex}"
    worker_a = RedisBroker.from_url(RoomHub(), private_redis.url)
    worker_b = RedisBroker.from_url(RoomHub(), private_redis.url)
    on_a, on_b = Client(), Client()
    try:
        worker_a.hub.join(room, on_a.send, member="viewer-a")
        await worker_a.attach(room)
        worker_b.hub.join(room, on_b.send, member="viewer-b")
        await worker_b.attach(room)
        await worker_a.publish(room, {"type": "reaction", "emoji": "🔥"})
        await on_b.wait_for(1)

        private_redis.stop()
        await worker_a.publish(room, {"type": "reaction", "emoji": "😮"})  # does not raise
        await _until(lambda: live_message(False) in on_a.messages)
        await _until(lambda: live_message(False) in on_b.messages)
        assert not worker_a.live
        # Paused: this worker's own viewers still see reactions; the count is its own.
        assert {"type": "reaction", "emoji": "😮"} in on_a.messages
        assert await worker_a.arrive(room, "viewer-a") == 1

        private_redis.start()
        await _until(lambda: live_message(True) in on_a.messages)
        await _until(lambda: live_message(True) in on_b.messages)
        await worker_a.publish(room, {"type": "reaction", "emoji": "👏"})
        await _until(lambda: {"type": "reaction", "emoji": "👏"} in on_b.messages, timeout=5)
        assert await worker_b.arrive(room, "viewer-b") == 2  # counted across workers again
    finally:
        await worker_a.close()
        await worker_b.close()
