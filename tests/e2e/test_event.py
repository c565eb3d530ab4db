import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from registration.models import Session, Speaker
from tests.factories import kst
from tests.helpers import admin_log_in


def test_visitor_goes_home_to_speakers_to_a_speaker_to_their_company(page, site):
    page.goto(site + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cell & Gene Therapy East Asia 2025")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Speakers").click()
    expect(page).to_have_url(site + "/speakers/")
    expect(page.locator(".speaker-card")).to_have_count(10)

    page.get_by_role("link", name="Phil Huang").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Phil Huang")
    expect(page.get_by_text("Technical Director")).to_be_visible()

    page.get_by_role("link", name="StemCyte", exact=True).click()
    expect(page).to_have_url(site + "/landscape/companies/stemcyte/")
    expect(page.get_by_role("rowheader", name="REGENECYTE™")).to_be_visible()
    expect(page.get_by_role("link", name="Phil Huang")).to_be_visible()


def choose_speaker(page, row, name):
    page.locator(f"#appearances-{row} .select2-selection").click()
    page.locator(".select2-search__field").fill(name.split()[0])
    page.get_by_role("option", name=name).click()


def test_organizer_adds_a_session_with_two_speakers_and_sees_it_on_the_agenda(
    page, site, screenshot
):
    get_user_model().objects.create_superuser("organizer", "", "a-long-test-password")
    admin_log_in(page, site + "/admin/login/", "organizer", "a-long-test-password")

    page.goto(site + "/admin/registration/session/add/")
    page.get_by_label("Event").select_option(label="Cell & Gene Therapy East Asia 2025")
    page.locator("#id_title_en").fill("Scaling CAR-NK manufacturing in Korea")
    page.get_by_label("Kind").select_option("panel")
    page.locator("#id_start_0").fill("2025-09-25")
    page.locator("#id_start_1").fill("09:30:00")
    page.locator("#id_end_0").fill("2025-09-25")
    page.locator("#id_end_1").fill("10:30:00")
    page.locator("#id_room_en").fill("Room 101")
    choose_speaker(page, 0, "KwangJun Yoon")
    page.locator("#id_appearances-0-role").select_option("moderator")
    choose_speaker(page, 1, "Phil Huang")
    page.locator("#id_appearances-1-role").select_option("panelist")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    session = Session.objects.get(title="Scaling CAR-NK manufacturing in Korea")
    assert session.start == kst(2025, 9, 25, 9, 30)
    assert sorted(session.speakers.values_list("name", flat=True)) == [
        "KwangJun Yoon",
        "Phil Huang",
    ]

    page.goto(site + "/agenda/")
    card = page.locator(f"#session-{session.pk}")
    expect(card.get_by_role("heading")).to_have_text("Scaling CAR-NK manufacturing in Korea")
    # The time once, beside its slot; the room on the card.
    slot = page.locator(".agenda-slot", has=card)
    expect(slot.locator(".agenda-time")).to_contain_text("09:30–10:30 KST")
    expect(card).to_contain_text("Room 101")
    expect(card.get_by_role("link", name="KwangJun Yoon")).to_be_visible()
    expect(card).to_contain_text("(Moderator)")
    expect(card.get_by_role("link", name="Phil Huang")).to_be_visible()
    screenshot("agenda-after-admin-add")


@pytest.fixture
def agenda(site):
    """A morning with a keynote, two parallel sessions and a break."""
    event = Speaker.objects.first().event

    def add(title, kind, start, end, room, speakers=()):
        session = Session.objects.create(
            event=event, title=title, kind=kind, start=start, end=end, room=room
        )
        for slug in speakers:
            session.appearances.create(speaker=Speaker.objects.get(slug=slug))

    add(
        "Opening keynote",
        "keynote",
        kst(2025, 9, 25, 9),
        kst(2025, 9, 25, 9, 45),
        "Hall",
        ["bryan-choi"],
    )
    add(
        "iPSC platforms",
        "talk",
        kst(2025, 9, 25, 10),
        kst(2025, 9, 25, 10, 30),
        "Room 101",
        ["seokjoong-kim"],
    )
    add(
        "CDMO capacity across the region",
        "panel",
        kst(2025, 9, 25, 10),
        kst(2025, 9, 25, 11),
        "Hall",
        ["phil-huang", "kwangjun-yoon"],
    )
    add("Coffee break", "break", kst(2025, 9, 25, 11), kst(2025, 9, 25, 11, 30), "")
    return site


@pytest.mark.parametrize("width", [390, 1280])
def test_agenda_reads_well_on_phones_and_desktops(browser, agenda, width, screenshot):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(agenda + "/agenda/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    parallel = page.locator(".agenda-slot").nth(1).locator(".session-card")
    expect(parallel).to_have_count(2)
    first, second = (parallel.nth(i).bounding_box() for i in range(2))
    if width >= 768:
        assert first["y"] == second["y"], "parallel sessions sit side by side"
    else:
        assert second["y"] > first["y"] + first["height"] - 1, "and stack on a phone"
    page.screenshot(path=f"test-artifacts/agenda-{width}.png", full_page=True)
    context.close()


@pytest.mark.parametrize("path", ["/speakers/", "/speakers/bryan-choi/", "/agenda/"])
def test_event_pages_have_no_horizontal_scroll_on_a_phone(browser, site, path):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_agenda_calendar_link_downloads_an_ics(page, agenda):
    page.goto(agenda + "/agenda/")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("whole agenda")).click()
    assert download.value.suggested_filename == "cgt-east-asia-2025-agenda.ics"


@pytest.mark.parametrize("width", [390, 1280])
def test_agenda_lists_its_feeds_for_apps(browser, agenda, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(agenda + "/agenda/")
    page.get_by_role("link", name="Apps and feeds").click()
    section = page.get_by_role("region", name="Apps and feeds")
    expect(section).to_be_in_viewport()
    links = section.get_by_role("link")
    expect(links).to_have_text(
        [
            "Calendar file .ics",
            "Conference schedule XML",
            "Conference schedule JSON",
            "Agenda data JSON",
            "Landscape data JSON",
        ]
    )
    hrefs = [links.nth(index).get_attribute("href") for index in range(5)]
    assert hrefs == [
        "/agenda.ics",
        "/agenda/schedule.xml",
        "/agenda/schedule.json",
        "/agenda.json",
        "/landscape/data.json",
    ]
    # The address to paste into an app is the whole one, and each answers.
    expect(section.locator(".feed-address")).to_have_text([agenda + href for href in hrefs])
    for href in hrefs:
        assert page.request.get(agenda + href).status == 200
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=f"test-artifacts/agenda-feeds-{width}.png", full_page=True)
    context.close()
