"""Name badges: the PDF read back with poppler (text, fonts, pages, pixels), the names in
their own order and script, long text that never leaves the badge, and who may print."""

import logging
import re
import subprocess

import pytest
from django.urls import reverse

from registration import badges
from registration.services import checkin, privacy
from tests.factories import RegistrationFactory, TicketTypeFactory


@pytest.fixture
def ticket(db):
    return TicketTypeFactory(name="Conference pass")


@pytest.fixture
def people(ticket):
    return [
        RegistrationFactory(
            ticket_type=ticket,
            given_name="헌주",
            family_name="이",
            latin_name="Heon-Ju Lee",
            organization="CarBio Therapeutics",
            language="ko",
        ),
        RegistrationFactory(
            ticket_type=ticket,
            given_name="太郎",
            family_name="山田",
            latin_name="Taro Yamada",
            organization="大阪大学 未来医療開発部",
            country="JP",
            language="ja",
        ),
        RegistrationFactory(
            ticket_type=ticket, given_name="Min-ji", family_name="Kim", organization="Example Bio"
        ),
    ]


def render(registrations, layout="a6"):
    return badges.badges_pdf(
        registrations=registrations,
        layout=layout,
        url_for=lambda person: "https://cgt.example" + person.checkin_url(),
    )


def poppler(tool, pdf, tmp_path, *args):
    path = tmp_path / "badges.pdf"
    path.write_bytes(pdf)
    to_stdout = ["-"] if tool == "pdftotext" else []
    return subprocess.run(
        [tool, *args, str(path), *to_stdout], check=True, capture_output=True, text=True
    ).stdout


def page_count(info):
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def test_badges_carry_names_in_their_own_order_with_the_latin_name(people, tmp_path):
    text = poppler("pdftotext", render(people), tmp_path, "-layout")
    for expected in (
        "이헌주",
        "Heon-Ju Lee",
        "山田太郎",
        "Taro Yamada",
        "Min-ji Kim",
        "CarBio Therapeutics",
        "大阪大学 未来医療開発部",
        "South Korea",
        "Japan",
        "Conference pass",
        people[0].reference,
    ):
        assert expected in text, expected
    fonts = poppler("pdffonts", render(people), tmp_path)
    assert "NotoSansCJKKR" in fonts  # Hangul in the Korean face
    assert "NotoSansCJKJP" in fonts  # kanji in the Japanese face
    rows = fonts.splitlines()[2:]
    assert rows
    assert all(" yes yes yes " in row for row in rows)  # embedded, subset, with Unicode


@pytest.mark.parametrize(("layout", "pages"), [("a6", 3), ("a4", 1)])
def test_one_badge_a_page_or_four_on_an_a4_sheet(people, tmp_path, layout, pages):
    pdf = render(people, layout)
    info = poppler("pdfinfo", pdf, tmp_path)
    assert page_count(info) == pages
    width, height = (
        float(n) for n in re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups()
    )
    # A6 is 105 x 148 mm, A4 210 x 297 mm (1 mm = 72 / 25.4 pt).
    expected = (105, 148) if layout == "a6" else (210, 297)
    assert (round(width * 25.4 / 72), round(height * 25.4 / 72)) == expected
    path = tmp_path / "badges.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(path), str(tmp_path / "page")], check=True)
    assert len(list(tmp_path.glob("page-*.png"))) == pages


def test_long_names_and_organizations_stay_inside_the_badge(ticket, tmp_path):
    person = RegistrationFactory(
        ticket_type=TicketTypeFactory(
            event=ticket.event, name="Speaker and exhibitor all-access pass with workshop"
        ),
        given_name="Maximilian Alexander Christopher",
        family_name="Montgomery-Worthington",
        organization="International Society for Cell & Gene Therapy Manufacturing and "
        "Regulatory Affairs Asia-Pacific Working Group",
    )
    pdf = render([person])
    boxes = poppler("pdftotext", pdf, tmp_path, "-bbox")
    words = [line for line in boxes.splitlines() if line.strip().startswith("<word")]
    assert words
    for word in words:
        x_min = float(word.split('xMin="')[1].split('"')[0])
        x_max = float(word.split('xMax="')[1].split('"')[0])
        assert x_min >= 0, word
        assert x_max <= 297.64, word  # A6 is 297.64 pt wide
    text = poppler("pdftotext", pdf, tmp_path)
    assert "Montgomery-Worthington" in text  # wrapped and shrunk, never cut
    assert "Working Group" in text


def test_the_qr_code_is_drawn_as_vectors(people):
    pdf = render(people[:1])
    assert b"/Subtype /Image" not in pdf


def test_missing_fonts_raise_a_clear_error(people, settings, tmp_path):
    settings.BADGE_FONT_DIR = str(tmp_path)
    with pytest.raises(badges.BadgeFontsMissing):
        render(people)


# The desk and the admin -----------------------------------------------------------------


def badge_url(person):
    return reverse("registration:checkin_badge", kwargs={"token": person.checkin_token})


def test_the_desk_prints_one_a6_badge_after_a_check_in(client, people, desk_user):
    client.force_login(desk_user)
    page = client.post(
        reverse("registration:checkin", kwargs={"token": people[0].checkin_token}), follow=True
    )
    assert badge_url(people[0]) in page.content.decode()
    response = client.get(badge_url(people[0]))
    assert response["Content-Type"] == "application/pdf"
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    assert f"badge-{people[0].reference}.pdf" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("status", ["waitlisted", "cancelled"])
def test_no_badge_without_a_seat(client, ticket, desk_user, status):
    person = RegistrationFactory(ticket_type=ticket, status=status)
    client.force_login(desk_user)
    assert client.get(badge_url(person)).status_code == 404


def test_no_badge_once_personal_data_is_deleted(client, people, desk_user):
    privacy.registration_anonymize(registration=people[0])
    client.force_login(desk_user)
    assert client.get(badge_url(people[0])).status_code == 404


def test_the_desk_says_so_when_the_fonts_are_missing(client, people, desk_user, settings, tmp_path):
    settings.BADGE_FONT_DIR = str(tmp_path)
    client.force_login(desk_user)
    response = client.get(badge_url(people[0]))
    assert response.status_code == 503
    assert "Badges cannot be printed" in response.content.decode()


def admin_action(client, model, action, pks):
    return client.post(
        reverse(f"admin:registration_{model}_changelist"),
        {"action": action, "_selected_action": pks},
        follow=False,
    )


@pytest.mark.parametrize(("action", "pages"), [("print_badges_a6", 2), ("print_badges_a4", 1)])
def test_the_admin_prints_a_selection_and_leaves_out_people_without_a_seat(
    client, people, ticket, desk_user, tmp_path, action, pages
):
    waiting = RegistrationFactory(ticket_type=ticket, status="waitlisted")
    client.force_login(desk_user)
    pks = [people[0].pk, people[2].pk, waiting.pk]
    response = admin_action(client, "registration", action, pks)
    assert response["Content-Type"] == "application/pdf"
    assert page_count(poppler("pdfinfo", response.content, tmp_path)) == pages
    follow = client.get(reverse("admin:registration_registration_changelist"))
    assert "1 registration was left out: only confirmed people get a badge." in (
        follow.content.decode()
    )


def test_the_admin_prints_a_whole_ticket_type(client, people, ticket, desk_user, tmp_path):
    checkin.attendee_check_in(registration=people[0])
    client.force_login(desk_user)
    response = admin_action(client, "tickettype", "print_badges", [ticket.pk])
    text = poppler("pdftotext", response.content, tmp_path)
    assert ("이헌주" in text, "山田太郎" in text, "Min-ji Kim" in text) == (True, True, True)


def test_the_admin_says_so_when_nobody_has_a_seat(client, ticket, desk_user):
    person = RegistrationFactory(ticket_type=ticket, status="cancelled")
    client.force_login(desk_user)
    response = admin_action(client, "registration", "print_badges_a6", [person.pk])
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "No badges: none of these registrations is confirmed." in page


@pytest.mark.parametrize(
    ("person", "allowed"),
    [("anonymous", False), ("editor", False), ("desk", True), ("superuser", True)],
)
def test_who_may_print_badges(client, people, desk_user, superuser, editor_user, person, allowed):
    user = {"anonymous": None, "editor": editor_user, "desk": desk_user, "superuser": superuser}
    if user[person]:
        client.force_login(user[person])
    desk_pdf = client.get(badge_url(people[0]))
    assert (desk_pdf.get("Content-Type") == "application/pdf") is allowed
    assert (b"%PDF" in desk_pdf.content) is allowed
    for model, action, pks in [
        ("registration", "print_badges_a6", [people[0].pk]),
        ("tickettype", "print_badges", [people[0].ticket_type.pk]),
    ]:
        response = admin_action(client, model, action, pks)
        assert (response.get("Content-Type") == "application/pdf") is allowed, (model, person)


@pytest.mark.parametrize(
    ("given", "family", "language", "country", "face"),
    [
        ("헌주", "이", "en", "US", "ko"),
        ("たろう", "やまだ", "en", "US", "ja"),
        ("伟", "王", "zh-hans", "US", "zh-hans"),
        ("偉", "王", "en", "TW", "zh-hant"),
        ("太郎", "山田", "en", "JP", "ja"),
        ("Min-ji", "Kim", "en", "DE", "ko"),
    ],
)
def test_each_name_is_drawn_in_its_own_script_s_glyphs(
    ticket, given, family, language, country, face
):
    person = RegistrationFactory.build(
        ticket_type=ticket,
        given_name=given,
        family_name=family,
        language=language,
        country=country,
        organization="",
    )
    assert badges.face_for(person) == face


def test_a_name_the_font_cannot_draw_prints_its_latin_form_and_logs_no_letters(
    ticket, tmp_path, caplog
):
    person = RegistrationFactory(
        ticket_type=ticket, given_name="محمد", family_name="العربي", latin_name="Mohamed Alarabi"
    )
    with caplog.at_level(logging.DEBUG):
        pdf = render([person])
    text = " ".join(poppler("pdftotext", pdf, tmp_path).split())
    assert "Mohamed Alarabi" in text
    assert "م" not in text
    assert not [record for record in caplog.records if "م" in record.getMessage()]
