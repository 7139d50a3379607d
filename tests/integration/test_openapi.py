"""GET /api/openapi.json describes every /api route, and schemathesis fuzzing each operation
against the real routes (real PostgreSQL, webhooks configured) gets no server error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from sqlmodel import Session
from starlette.routing import Route
from starlette.testclient import TestClient

from microshort import migrations
from microshort.api.metrics import template_of
from microshort.api.openapi import DOCUMENT, PATHS
from microshort.api.routes import ROUTES, api_app
from microshort.db import make_engine
from tests.factories import make_creator, make_series
from tests.visitors import VISITOR_COOKIE, signed_visitor


def _api_routes() -> dict[str, set[str]]:
    return {
        template_of(route): {method.lower() for method in route.methods or ()} - {"head"}
        for route in ROUTES
        if isinstance(route, Route) and route.path.startswith("/api/")
    }


def test_every_api_route_is_described() -> None:
    described = {path: set(operations) for path, operations in PATHS.items()}
    assert described == _api_routes()


def test_the_description_is_served(client: TestClient) -> None:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.json() == DOCUMENT


@pytest.fixture(scope="module")
def fuzz_database(make_database: Callable[[], str]) -> str:
    """Its own database: the routes commit for real. A series whose episodes have the first
    ids, so some fuzzed ids hit real episodes."""
    url = make_database()
    migrations.upgrade(url)
    engine = make_engine(url)
    with Session(engine) as session:
        make_series(session, make_creator(session, "Fuzzed"), episodes=(1, 2))
        session.commit()
    engine.dispose()
    return url


@pytest.fixture
def client(
    app_settings: Callable[[str], Path], fuzz_database: str, monkeypatch: pytest.MonkeyPatch
) -> TestClient:
    # Configured providers, so their handlers parse what the fuzzer sends instead of a 503.
    monkeypatch.setenv("MICROSHORT_MUX_WEBHOOK_SECRET", "fuzz-mux-webhook-secret")
    monkeypatch.setenv("MICROSHORT_STRIPE_WEBHOOK_SECRET", "whsec_fuzz")
    monkeypatch.setenv("MICROSHORT_STRIPE_SECRET_KEY", "sk_test_fuzz")
    app_settings(fuzz_database)
    return TestClient(api_app())


# Loaded at collection from the app itself (the description needs no database); the routes
# read their settings per request, so the `client` fixture's configuration applies.
schema = schemathesis.openapi.from_asgi("/api/openapi.json", api_app())


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_fuzzed_requests_get_no_server_error(client: TestClient, case: schemathesis.Case) -> None:
    response = case.call(cookies={VISITOR_COOKIE: signed_visitor("a" + "0" * 32)})
    assert response.status_code < 500, (response.status_code, case.as_curl_command())
