"""axe-core on every public page, on a phone and on a desktop: no serious or critical violation
(contrast, names, landmarks, links told apart from text...). axe-core comes from npm
(`make setup` installs it into .tools/)."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser

from microshort.config import PROJECT_ROOT
from microshort.demo import catalogue
from tests.e2e.conftest import RunningApp

pytestmark = pytest.mark.e2e
AXE = PROJECT_ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
SERIES = catalogue.SERIES[0]
VIEWPORTS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
# What each page shows once its data is in (axe must see the page, not its loading skeleton).
READY = "h1, h2, [data-testid=player-video], form"
_RUN = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => [n.target.join(" "), n.failureSummary]) }));
}"""


def _paths(app: RunningApp) -> dict[str, str]:
    first = app.episode_ids(SERIES.slug)[0]
    return {
        "home": "/",
        "series": f"/series/{SERIES.slug}",
        "watch": f"/watch/{first}",
        "creator": f"/creators/{SERIES.creator_slug}",
        "genre": f"/genres/{SERIES.genre.lower()}",
        "search": "/search?q=love",
        "login": "/login",
        "signup": "/signup",
    }


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_public_pages_have_no_serious_axe_violations(
    running_app: RunningApp, browser: Browser, viewport: str
) -> None:
    assert AXE.exists(), f"axe-core is missing ({AXE}): run `make setup`"
    context = browser.new_context(**VIEWPORTS[viewport])  # type: ignore[arg-type]
    page = context.new_page()
    found = {}
    for name, path in _paths(running_app).items():
        page.goto(running_app.base_url + path)
        page.wait_for_selector(READY)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)  # the hero's and the player's overlays settle
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(_RUN)
        if violations:
            found[name] = violations
    context.close()
    assert not found, json.dumps(found, indent=1)
