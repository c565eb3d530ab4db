"""The privacy notice names the data controller: the organizer, their address and the
event's contact e-mail, in one block."""

import re

from tests.factories import EventFactory


def controller_block(text):
    match = re.search(r'<section class="data-controller".*?</section>', text, re.S)
    return match and re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0))).strip()


def test_privacy_notice_names_the_data_controller_with_address_and_email(client, db):
    EventFactory(
        organizer_name="Example Events Co., Ltd.",
        organizer_address="123 Convensia-daero\nYeonsu-gu, Incheon 21998\nSouth Korea",
        contact_email="privacy@example.com",
    )
    text = client.get("/privacy/").content.decode()
    assert controller_block(text) == (
        "Data controller "
        "Example Events Co., Ltd. organizes the event and is the controller of your personal "
        "data. "
        "Example Events Co., Ltd. 123 Convensia-daero Yeonsu-gu, Incheon 21998 South Korea "
        "E-mail: privacy@example.com"
    )
    assert '<a href="mailto:privacy@example.com">privacy@example.com</a>' in text


def test_privacy_notice_without_organizer_details_has_no_empty_block(client, db):
    EventFactory(organizer_name="", organizer_address="", contact_email="")
    text = client.get("/privacy/").content.decode()
    assert controller_block(text) is None
    assert "Data controller" not in text
