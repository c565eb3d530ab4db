"""axe-core in Chromium on every public page, at phone and desktop width, in the light and
the dark colour mode: no violations at all. Results per page are written to
test-artifacts/axe-results.txt."""

import json
import re
from pathlib import Path

import pytest

from registration.models import Registration, Session, Speaker, Sponsor, TicketType
from registration.services import registrations
from tests.factories import kst
from tests.helpers import image_upload

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
RESULTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "axe-results.txt"

PAGES = [
    "/",
    "/landscape/",
    "/landscape/china/",
    "/landscape/japan/",
    "/landscape/south-korea/",
    "/landscape/taiwan/",
    "/landscape/companies/",
    "/landscape/companies/?country=japan&phase=approved",
    "/landscape/companies/?phase=nothing",
    "/landscape/companies/helixmith/",
    "/speakers/",
    "/speakers/phil-huang/",
    "/agenda/",
    "SESSION",
    "/my-schedule/",
    "MY_SCHEDULE",
    "/venue/",
    "/about/",
    "/faq/",
    "/code-of-conduct/",
    "/sponsors/",
    "/landscape/companies/?q=engensis&view=table",
    "/register/",
    "/register/thanks/",
    "/privacy/",
    "/no-such-page/",
    "MANAGE",
    "MANAGE_PENDING",
    "/ko/",
    "/ja/landscape/",
    "/zh-hans/register/",
    "/zh-hant/speakers/phil-huang/",
]


@pytest.fixture
def full_site(site):
    event = Speaker.objects.first().event
    session = Session.objects.create(
        event=event,
        title="Opening keynote",
        kind="keynote",
        start=kst(2025, 9, 25, 9, 30),
        end=kst(2025, 9, 25, 10),
        room="Hall",
    )
    session.appearances.create(speaker=Speaker.objects.get(slug="phil-huang"))
    Sponsor.objects.create(
        event=event, name="Example Bio", tier="principal", logo=image_upload("logo.png", "PNG")
    )
    Sponsor.objects.create(event=event, name="Example Media", tier="media")
    registration = Registration.objects.create(
        event=event,
        ticket_type=TicketType.objects.get(name="Conference pass"),
        given_name="Min-ji",
        family_name="Kim",
        email="minji@example.com",
        organization="Example Bio",
        country="KR",
        sector="biotech",
        consent_privacy=True,
        status="confirmed",
    )
    # A second, priced ticket: the form then asks for billing details, and a hold awaiting
    # payment has its own page.
    delegate = TicketType.objects.create(event=event, name="Delegate pass", price=150000)
    pending = registrations.registration_create(
        event=event,
        ticket_type=delegate,
        given_name="민지",
        family_name="김",
        email="minji.kim@example.com",
        organization="Example Bio",
        country="KR",
        sector="biotech",
        billing_address="Songdo, Incheon",
    ).registration
    paths = {
        "MANAGE": registration.get_absolute_url(),
        "MANAGE_PENDING": pending.get_absolute_url(),
        "SESSION": session.get_absolute_url(),
        "MY_SCHEDULE": f"/my-schedule/?s={session.pk}",
    }
    return site, paths


@pytest.mark.parametrize(
    ("width", "scheme"), [(390, "light"), (1280, "light"), (390, "dark"), (1280, "dark")]
)
def test_public_pages_have_no_axe_violations(browser, full_site, width, scheme):
    site, paths = full_site
    # Injecting axe is an inline script: let this test context bypass our strict CSP.
    context = browser.new_context(
        viewport={"width": width, "height": 900}, bypass_csp=True, color_scheme=scheme
    )
    page = context.new_page()
    report, failures = [], []
    for path in PAGES:
        path = paths.get(path, path)
        page.goto(site + path)
        assert page.evaluate("document.documentElement.dataset.bsTheme") == scheme
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        violations = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"]]
        report.append(
            f"{width}px {scheme} {path}: {json.dumps(violations) if violations else 'none'}"
        )
        if violations:
            failures.append(
                (
                    path,
                    violations,
                    [node["target"] for v in result["violations"] for node in v["nodes"][:3]],
                )
            )
    context.close()
    RESULTS.parent.mkdir(exist_ok=True)
    with RESULTS.open("a") as out:
        out.write("\n".join(report) + "\n")
    assert failures == []


def test_the_registration_form_works_by_keyboard_alone(page, site):
    page.goto(site + "/register/")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Enter")
    page.locator("#id_given_name").focus()
    page.keyboard.type("Min-ji")
    page.keyboard.press("Tab")
    page.keyboard.type("Kim")
    page.keyboard.press("Tab")
    page.keyboard.type("minji.kb@example.com")
    page.keyboard.press("Tab")
    page.keyboard.type("Example Bio")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # job title is optional
    page.keyboard.press("ArrowDown")  # country: South Korea comes first
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # sector
    page.keyboard.press("Tab")  # the ticket radio (already chosen)
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # privacy consent
    page.keyboard.press("Tab")  # the link inside the consent label
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # marketing consent, left unticked
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/register/thanks/"))
    registration = Registration.objects.get(email="minji.kb@example.com")
    assert (registration.country.code, registration.sector) == ("KR", "biotech")
