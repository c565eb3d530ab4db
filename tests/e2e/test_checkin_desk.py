"""The door at 390 px: a desk user searches and checks someone in, then scans a second
attendee's QR code with the device's camera (Chromium's fake camera plays a video file
made from the ticket's QR code), and the count moves by two."""

import io

import pytest
import segno
from django.contrib.auth.models import Group
from django.core.management import call_command
from PIL import Image
from playwright.sync_api import expect

from cgt_event.roles import REGISTRATION_DESK
from registration.models import Registration, TicketType
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_accessibility import AXE
from tests.helpers import admin_log_in

PASSWORD = "a-long-desk-password"


def qr_video(path, url, width=640, height=480, frames=10):
    """A Y4M video (what Chromium's fake camera plays) of a QR code on white."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=8, border=4)
    code = Image.open(buffer).convert("L")
    frame = Image.new("L", (width, height), 255)
    frame.paste(code, ((width - code.width) // 2, (height - code.height) // 2))
    luma = frame.tobytes()
    chroma = bytes([128]) * (width // 2) * (height // 2)
    with open(path, "wb") as video:
        video.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            video.write(b"FRAME\n" + luma + chroma + chroma)


@pytest.fixture
def attendees(site):
    ticket = TicketType.objects.first()
    made = []
    for given, family, email in [
        ("헌주", "이", "heonju@example.com"),
        ("Taro", "Yamada", "taro@example.com"),
    ]:
        registration = Registration(
            event=ticket.event,
            ticket_type=ticket,
            given_name=given,
            family_name=family,
            email=email,
            organization="CarBio Therapeutics",
            country="KR",
            sector="biotech",
            status="confirmed",
            consent_privacy=True,
        )
        registration.save()
        made.append(registration)
    return made


@pytest.fixture
def desk_login(site, django_user_model):
    call_command("sync_roles", verbosity=0)  # the live server's test flushes the groups
    user = django_user_model.objects.create_user("door1", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=REGISTRATION_DESK))

    def login(page):
        admin_log_in(page, site + "/admin/login/?next=/checkin/", "door1", PASSWORD)
        expect(page.get_by_label("Name, e-mail, organization or reference")).to_be_visible()

    return login


def test_desk_searches_checks_in_and_scans_a_ticket_at_390(
    playwright, browser_type_launch_args, site, attendees, desk_login, tmp_path
):
    first, second = attendees
    video = tmp_path / "ticket.y4m"
    qr_video(video, site + second.checkin_url())
    args = browser_type_launch_args["args"] + [
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    ]
    browser = playwright.chromium.launch(**{**browser_type_launch_args, "args": args})
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    context.grant_permissions(["camera"], origin=site)
    page = context.new_page()
    errors = []
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            # The admin's login page names no icon, so Chromium asks for /favicon.ico.
            and not message.location.get("url", "").endswith("/favicon.ico")
            and errors.append(f"{message.text} {message.location.get('url')}")
        ),
    )
    page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status} {r.url}"))
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        desk_login(page)
        count = page.locator("#door-count [data-count=checked_in]")
        expect(count).to_have_text("0")

        page.get_by_label("Name, e-mail, organization or reference").fill("헌주")
        page.get_by_role("button", name="Find").click()
        card = page.locator(".door-card")
        expect(card).to_have_count(1)
        expect(card).to_contain_text("이헌주")
        page.screenshot(path=ARTIFACTS / "desk-390-search.png", full_page=True)
        card.get_by_role("button", name="Check in").click()

        outcome = page.locator("#door-outcome")
        expect(outcome).to_have_count(1)
        expect(outcome).to_have_class("door-outcome door-outcome-ok")
        expect(outcome).to_contain_text("Checked in ")
        expect(outcome).not_to_contain_text("Already")
        expect(count).to_have_text("1")
        expect(outcome.get_by_role("link", name="Print badge (PDF)")).to_have_attribute(
            "href", first.badge_url()
        )
        page.screenshot(path=ARTIFACTS / "desk-390-checked-in.png", full_page=True)

        page.get_by_role("button", name="Scan tickets").click()
        expect(outcome).to_contain_text("Taro Yamada", timeout=15000)
        expect(page.locator("#door-outcome")).to_have_count(1)
        expect(page.locator("#door-outcome")).to_have_class("door-outcome door-outcome-ok")
        expect(count).to_have_text("2")
        expect(page.get_by_role("link", name="Print badge (PDF)")).to_have_attribute(
            "href", second.badge_url()
        )
        print("scan to state:", page.locator("#door-scan").get_attribute("data-last-scan-ms"), "ms")
        page.screenshot(path=ARTIFACTS / "desk-390-scanned.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") == 390
        page.get_by_role("button", name="Stop scanning").click()
    finally:
        context.close()
        browser.close()
    second.refresh_from_db()
    assert second.checked_in_at is not None
    assert second.checked_in_by.username == "door1"
    assert errors == [], errors


def test_the_qr_link_flow_on_a_phone_keeps_working(browser, site, attendees, desk_login):
    first, _second = attendees
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        desk_login(page)
        page.goto(site + first.checkin_url())
        expect(page.get_by_role("heading", name="이헌주")).to_be_visible()
        page.get_by_role("button", name="Check in").click()
        expect(page.locator("#door-outcome")).to_have_class("door-outcome door-outcome-ok")
        page.get_by_role("button", name="Undo check-in").click()
        expect(page.locator("#door-outcome")).to_contain_text("Check-in undone")
        assert page.evaluate("document.documentElement.scrollWidth") == 390
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_desk_has_no_axe_violations(browser, site, attendees, desk_login, scheme):
    _first, second = attendees
    # Injecting axe is an inline script: let this test context bypass our strict CSP.
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, bypass_csp=True, color_scheme=scheme
    )
    page = context.new_page()
    found = {}
    try:
        desk_login(page)
        page.get_by_label("Name, e-mail, organization or reference").fill("CarBio")
        page.get_by_role("button", name="Find").click()
        page.locator(".door-card").first.get_by_role("button", name="Check in").click()
        page.get_by_label("Name, e-mail, organization or reference").fill("CarBio")
        page.get_by_role("button", name="Find").click()  # one checked in, one not
        for url in (page.url, site + second.checkin_url()):
            page.goto(url)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(
                "async () => await axe.run(document, {resultTypes: ['violations']})"
            )
            found[url] = [
                (v["id"], v["impact"], [n["target"] for n in v["nodes"]])
                for v in result["violations"]
            ]
    finally:
        context.close()
    assert found == {url: [] for url in found}
