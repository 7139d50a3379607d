"""The tab-close progress beacon writes only the caller's own progress, validated."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from microshort import migrations
from microshort.api.routes import api_app
from microshort.content.models import Episode, WatchProgress
from microshort.db import make_engine
from tests.factories import make_creator, make_series
from tests.visitors import VISITOR_COOKIE, signed_visitor


def test_beacon_saves_for_the_cookie_viewer_only(
    make_database: Callable[[], str], app_settings: Callable[[str], Path]
) -> None:
    url = make_database()
    migrations.upgrade(url)
    app_settings(url)
    engine = make_engine(url)
    with Session(engine) as session:
        make_series(session, make_creator(session), episodes=(4,), free_episode_count=3)
        session.commit()
        ids = [e.id for e in session.exec(select(Episode).order_by(col(Episode.number)))]
    client = TestClient(api_app())
    body = json.dumps({"seconds": 12.5, "duration": 90})
    assert client.post(f"/api/progress/{ids[0]}", content=body).status_code == 401  # nobody
    client.cookies.set(VISITOR_COOKIE, signed_visitor("visitor0042"))
    assert client.post(f"/api/progress/{ids[0]}", content=body).status_code == 204
    assert client.post(f"/api/progress/{ids[3]}", content=body).status_code == 403  # locked
    assert client.post(f"/api/progress/{ids[0]}", content="nonsense").status_code == 400
    bad = json.dumps({"seconds": -5, "duration": 90})
    assert client.post(f"/api/progress/{ids[0]}", content=bad).status_code == 400
    assert client.post(f"/api/progress/{ids[0]}", content="x" * 600).status_code == 413
    with Session(engine) as session:
        rows = session.exec(select(WatchProgress)).all()
    assert [(r.anonymous_id, r.position_seconds) for r in rows] == [("visitor0042", 12.5)]
    engine.dispose()
