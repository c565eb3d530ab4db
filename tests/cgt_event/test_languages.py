"""The site in English, Korean, Japanese, Simplified and Traditional Chinese: interface,
content and e-mails, each page in its own language at its own address."""

import re

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from landscape.models import Country
from registration.models import Registration, Speaker
from tests.helpers import text_of

LOCALE = settings.BASE_DIR / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
OTHER = [code for code in LANGUAGES if code != settings.LANGUAGE_CODE]
HTML_LANG = {"en": "en", "ko": "ko", "ja": "ja", "zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}
PAGES = [
    "/",
    "/landscape/",
    "/landscape/japan/",
    "/landscape/companies/",
    "/landscape/companies/helixmith/",
    "/speakers/",
    "/speakers/phil-huang/",
    "/agenda/",
    "/register/",
    "/privacy/",
    "/venue/",
    "/about/",
    "/faq/",
    "/code-of-conduct/",
    "/my-schedule/",
    "/landscape/companies/?q=cart&view=table",
]


def in_language(path, language):
    return path if language == "en" else f"/{language}{path}"


@pytest.mark.parametrize("language", OTHER)
def test_catalogue_is_complete_with_nothing_fuzzy(language):
    po = polib.pofile(str(LOCALE / translation.to_locale(language) / "LC_MESSAGES" / "django.po"))
    assert not po.metadata_is_fuzzy
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert (untranslated, fuzzy) == ([], [])
    assert po.percent_translated() == 100


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_speaks_its_language(client, upcoming, language):
    with translation.override(language):
        navigation = [gettext(word) for word in ("Landscape", "Speakers", "Agenda", "Register")]
        country = Country.objects.get(slug="japan").name
    if language != "en":
        assert navigation != ["Landscape", "Speakers", "Agenda", "Register"]
    for path in PAGES:
        response = client.get(in_language(path, language))
        assert response.status_code == 200, path
        text = text_of(response)
        assert f'<html lang="{HTML_LANG[language]}" class="no-js">' in text, path
        for label in navigation:
            assert label in text, (path, label)
    overview = text_of(client.get(in_language("/landscape/", language)))
    assert country in overview


def test_each_language_has_its_own_content_and_chinese_scripts_differ(client, seeded):
    texts = {
        language: text_of(client.get(in_language("/landscape/taiwan/", language)))
        for language in LANGUAGES
    }
    names = {}
    for language in LANGUAGES:
        with translation.override(language):
            names[language] = Country.objects.get(slug="taiwan").name
    assert names["en"] == "Taiwan"
    # 대만, 台湾 (ja and zh-hans write it alike), 台灣: the two Chinese scripts differ.
    assert len({names[language] for language in ("en", "ko", "zh-hans", "zh-hant")}) == 4
    for language, text in texts.items():
        assert names[language] in text
    # Numbers and product names survive translation.
    for language, text in texts.items():
        for kept in ("102", "51", "28%", "82%", "Stemchymal®", "Magicell-NK", "REGENECYTE™"):
            assert kept in text, (language, kept)
    assert texts["zh-hans"] != texts["zh-hant"]


def test_every_page_names_its_alternates(client, seeded):
    text = text_of(client.get("/ja/speakers/phil-huang/"))
    for language in LANGUAGES:
        href = f"http://testserver{in_language('/speakers/phil-huang/', language)}"
        assert f'hreflang="{HTML_LANG[language]}" href="{href}"' in text
    assert 'hreflang="x-default" href="http://testserver/speakers/phil-huang/"' in text


def test_the_sitemap_lists_each_page_in_every_language(client, seeded):
    text = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/ko/landscape/japan/</loc>" in text
    assert (
        '<xhtml:link rel="alternate" hreflang="zh-hant" '
        'href="http://testserver/zh-hant/speakers/phil-huang/"/>' in text
    )


def test_the_switcher_is_plain_links_that_remember_the_choice(client, seeded):
    page = text_of(client.get("/speakers/phil-huang/"))
    links = re.findall(r'href="(/lang/[^"]+)"', page)
    assert len(links) == 5
    assert "csrfmiddlewaretoken" not in page
    [korean] = [link for link in links if link.startswith("/lang/ko/")]
    response = client.get(korean)
    assert response.status_code == 302
    assert response.url == "/ko/speakers/phil-huang/"
    assert response.cookies["language"].value == "ko"
    # Back on an unprefixed page, the choice holds.
    assert client.get("/agenda/").url == "/ko/agenda/"
    client.get("/lang/en/?next=/speakers/")
    assert client.get("/agenda/").status_code == 200


@pytest.mark.parametrize(
    ("accept", "destination"),
    [
        ("ko-KR,ko;q=0.9,en;q=0.8", "/ko/landscape/"),
        ("ja", "/ja/landscape/"),
        ("zh-CN,zh;q=0.9", "/zh-hans/landscape/"),
        ("zh-TW", "/zh-hant/landscape/"),
        ("zh-HK", "/zh-hant/landscape/"),
        ("zh-Hant-TW", "/zh-hant/landscape/"),
        ("fr-FR,ko;q=0.5", "/ko/landscape/"),
        ("en-US,en", None),
        ("fr, de", None),
        ("", None),
    ],
)
def test_accept_language_picks_the_language_on_a_first_visit(client, seeded, accept, destination):
    response = client.get("/landscape/?country=japan", HTTP_ACCEPT_LANGUAGE=accept)
    if destination is None:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response.url == destination + "?country=japan"
    assert "Accept-Language" in response["Vary"]


def test_a_saved_english_choice_beats_the_browser(client, seeded):
    client.cookies["language"] = "en"
    response = client.get("/landscape/", HTTP_ACCEPT_LANGUAGE="ko")
    assert response.status_code == 200


def test_the_switcher_never_redirects_off_the_site(client, seeded):
    for target in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = client.get("/lang/ko/", {"next": target})
        assert response.url == "/ko/"


def test_the_admin_follows_the_organizers_language(organizer):
    text = text_of(organizer.get("/ko/admin/"))
    assert '<html lang="ko"' in text
    with translation.override("ko"):
        assert gettext("Log out") in text


@pytest.mark.parametrize(
    ("language", "first"),
    [
        ("en", "given_name"),
        ("ko", "family_name"),
        ("ja", "family_name"),
        ("zh-hant", "family_name"),
    ],
)
def test_the_form_asks_for_names_in_the_languages_order(client, upcoming, language, first):
    text = client.get(in_language("/register/", language)).content.decode()
    order = [name for name in re.findall(r'name="(given_name|family_name)"', text)]
    assert order[0] == first
    assert ('name="latin_name"' in text) is (language != "en")


@pytest.mark.parametrize(
    ("given", "family", "shown"),
    [("헌주", "이", "이헌주"), ("太郎", "山田", "山田太郎"), ("Min-ji", "Kim", "Min-ji Kim")],
)
def test_names_display_as_their_script_writes_them(given, family, shown):
    assert Registration(given_name=given, family_name=family).full_name == shown


def test_registering_in_korean_sends_the_korean_email_with_korean_links(
    client, upcoming, deliver, mailoutbox
):
    ticket = upcoming.ticket_types.get()
    response = client.post(
        "/ko/register/",
        {
            "family_name": "이",
            "given_name": "헌주",
            "latin_name": "Heon-Ju Lee",
            "email": "heonju@example.com",
            "organization": "CarBio Therapeutics",
            "country": "KR",
            "sector": "biotech",
            "ticket_type": ticket.pk,
            "consent_privacy": "on",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.language, registration.full_name) == ("ko", "이헌주")
    deliver()
    [message] = mailoutbox
    with translation.override("ko"):
        assert message.subject == gettext("Your ticket for %(event)s") % {"event": upcoming.name}
    assert f"/ko/register/{registration.token}/" in message.body
    assert "이헌주" not in message.subject
    html = message.alternatives[0][0]
    assert '<html lang="ko">' in html
    assert "Dear" not in message.body


def test_speaker_pages_keep_peoples_names_and_translate_roles(client, seeded):
    with translation.override("ja"):
        role = Speaker.objects.get(slug="phil-huang").role
    text = text_of(client.get("/ja/speakers/phil-huang/"))
    assert "Phil Huang" in text
    assert role != "Technical Director"
    assert role in text


def test_dates_read_as_each_language_writes_them(client, seeded):
    expected = {
        "en": "25 September 2025",
        "ko": "2025년 9월 25일",
        "ja": "2025年9月25日",
        "zh-hans": "2025年9月25日",
        "zh-hant": "2025年9月25日",
    }
    for language, date in expected.items():
        assert date in text_of(client.get(in_language("/", language))), language
