"""Browser tests: Playwright drives the system Chromium against the live server."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from registration.models import Event
from tests.factories import days_from_today

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make for
# arranging data are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
        elif "browser_name" in getattr(getattr(item, "callspec", None), "params", {}):
            # A Playwright fixture outside the browser tests (often a parameter named "page")
            # gives the test the browser's session parameter; pytest then runs the browser
            # tests beside it, before the database tests, and their flushes take the roles
            # (groups made by migrations) away from every test after them.
            raise pytest.UsageError(
                f"{item.nodeid} uses a Playwright fixture outside tests/e2e: "
                "rename a parameter called page, browser or context."
            )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        raise pytest.UsageError(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium or set CHROMIUM."
        )
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
        ],
    }


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot to test-artifacts/ for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name):
        page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)

    return take


@pytest.fixture
def site(live_server, transactional_db):
    """The seeded site with its edition 60 days ahead (registration open), served by a live
    server; returns its base URL."""
    call_command("seed", verbosity=0)
    Event.objects.update(start=days_from_today(60), end=days_from_today(61))
    return live_server.url


@pytest.fixture(scope="session")
def base_url():
    # Replaces pytest-playwright's fallback fixture, which pytest 9 deprecates; tests build
    # absolute URLs from the live server instead.
    return None
