"""A priced ticket in Chromium, as the attendee and the desk meet it: registering in Korean
holds a seat and mails an invoice; the attendee's page says how to pay; the desk imports a
bank statement, previews it and records the match; the attendee's page then shows the
ticket and the receipt."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from playwright.sync_api import expect

from registration.models import Event, Registration, TicketType
from tests.helpers import admin_log_in

PASSWORD = "a-long-test-password"


@pytest.fixture
def priced_site(site, settings, django_user_model):
    settings.SITE_URL = site
    event = Event.objects.get()
    event.organizer_name = "CGT Korea Co., Ltd."
    event.business_number = "123-45-67890"
    event.bank_details = "Shinhan Bank 110-123-456789\nCGT Korea Co., Ltd."
    event.vat_rate = Decimal(10)
    event.save()
    ticket = TicketType.objects.get(name="Conference pass")
    ticket.price = Decimal(150000)
    ticket.capacity = 10
    ticket.save()
    django_user_model.objects.create_superuser("organizer", "", PASSWORD)
    return site


def test_a_delegate_pass_is_held_invoiced_paid_by_transfer_and_ticketed(
    browser, page, priced_site, screenshot, deliver, tmp_path
):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(priced_site + "/ko/register/")
    page.locator("#id_family_name").fill("김")
    page.locator("#id_given_name").fill("민지")
    page.locator("#id_email").fill("minji.kim@example.com")
    page.locator("#id_organization").fill("바이오 주식회사")
    page.locator("#id_country").select_option("KR")
    page.locator("#id_sector").select_option("biotech")
    page.locator("#id_billing_address").fill("인천광역시 연수구 센트럴로 123")
    page.locator("#id_consent_privacy").check()
    screenshot("paid-register-ko-390")
    page.locator("#submit-id-register").click()
    expect(page.locator("h1")).to_be_visible()

    deliver()
    [message] = [m for m in mail.outbox if m.to == ["minji.kim@example.com"]]
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.PENDING_PAYMENT
    assert "KRW 150,000" in message.body
    manage = re.search(r"https?://\S+/register/[A-Za-z0-9_-]{40,}/", message.body).group(0)

    page.goto(manage)
    expect(page.locator(".payment-details")).to_contain_text("KRW 150,000")
    expect(page.locator(".payment-details")).to_contain_text(registration.reference)
    expect(page.locator(".qr-ticket")).to_have_count(0)
    screenshot("paid-manage-pending-ko-390")

    # The desk imports the bank's statement: a CP949 export, as Korean banks give it.
    statement = tmp_path / "statement.csv"
    statement.write_bytes(
        (
            "거래일자,적요,출금액,입금액,잔액\n"
            f'2026.11.20,김민지 {registration.reference},0,"150,000","1,150,000"\n'
            '2026.11.20,이체 수수료,500,0,"1,149,500"\n'
        ).encode("cp949")
    )
    desk = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    admin_log_in(desk, priced_site + "/admin/login/", "organizer", PASSWORD)
    desk.goto(priced_site + "/admin/registration/registration/")
    desk.get_by_role("link", name="Import a bank statement").click()
    desk.locator("input[type=file]").set_input_files(statement)
    desk.get_by_role("button", name="Preview").click()
    expect(desk.locator("table.statement-preview")).to_contain_text("Will be recorded as paid")
    desk.screenshot(path="test-artifacts/paid-statement-preview-1280.png", full_page=True)
    desk.get_by_role("button", name="Record the matched transfers").click()
    expect(desk.locator(".messagelist")).to_contain_text("1 transfer recorded")

    deliver()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    paid = mail.outbox[-1]
    assert paid.to == ["minji.kim@example.com"]
    page.goto(manage)
    expect(page.locator(".qr-ticket")).to_be_visible()
    expect(page.locator(".documents")).to_contain_text(registration.invoices.get().number)
    screenshot("paid-manage-confirmed-ko-390")
