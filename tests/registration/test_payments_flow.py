"""Priced tickets as the attendee and the desk meet them: the form, the e-mails and their
documents, the attendee's page, and the admin's payment, statement and money pages."""

from decimal import Decimal
from email import message_from_bytes

import pytest
from django.test import Client

from registration.models import Payment, Registration
from registration.services import payments
from tests.factories import TicketTypeFactory
from tests.helpers import text_of
from tests.registration.test_registrations import register

REGISTER = "/register/"


def form_data(ticket, **overrides):
    return {
        "given_name": "민지",
        "family_name": "김",
        "email": "minji@example.com",
        "organization": "바이오 주식회사",
        "country": "KR",
        "sector": "biotech",
        "ticket_type": ticket.pk,
        "consent_privacy": "on",
        "billing_address": "인천광역시 연수구 센트럴로 123",
        **overrides,
    }


def parts(message):
    """(content type, file name) of each part of a sent message."""
    parsed = message_from_bytes(message.message().as_bytes())
    return [(part.get_content_type(), part.get_filename()) for part in parsed.walk()]


def test_the_form_asks_for_billing_details_only_when_a_ticket_has_a_price(client, priced):
    assert "billing_address" in text_of(client.get(REGISTER))
    priced.price = 0
    priced.save()
    assert "billing_address" not in text_of(client.get(REGISTER))


def test_a_priced_ticket_needs_a_billing_address(client, priced):
    response = client.post(REGISTER, form_data(priced, billing_address=" "))
    assert response.status_code == 200
    assert "Paid tickets need a billing address" in text_of(response)
    assert Registration.objects.count() == 0


def test_the_hold_email_carries_the_invoice_and_how_to_pay_but_no_ticket(
    client, priced, mailoutbox, deliver
):
    with deliver:
        response = client.post("/ko/register/", form_data(priced))
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.PENDING_PAYMENT
    [message] = mailoutbox
    body = message.body
    assert "KRW 150,000" in body
    assert registration.reference in body
    assert "Shinhan Bank 110-123-456789" in body
    names = [name for _type, name in parts(message) if name]
    assert f"invoice-{registration.invoices.get().number}.pdf" in names
    assert not any(name.startswith("ticket-") for name in names)  # no QR until paid
    html = message.alternatives[0].content
    assert "cid:qr-ticket" not in html
    assert "KRW 150,000" in html


def test_paid_sends_the_ticket_and_the_receipt(priced, mailoutbox, deliver, desk_user):
    registration = register(priced).registration
    with deliver:
        payments.payment_record(registration=registration, amount=150000, by=desk_user)
    paid = mailoutbox[-1]
    assert paid.subject.startswith("Payment received: your ticket")
    names = [name for _type, name in parts(paid) if name]
    assert f"ticket-{registration.reference}.png" in names
    assert any(name.startswith("receipt-") for name in names)


def test_an_expired_hold_is_told_with_the_credit_note(priced, mailoutbox, deliver):
    registration = register(priced).registration
    with deliver:
        payments.hold_expire(
            registration_id=registration.pk,
            now=registration.payment_deadline,
        )
    expired = mailoutbox[-1]
    assert expired.subject.startswith("Your held seat")
    names = [name for _type, name in parts(expired) if name]
    assert any(name.startswith("credit-note-") for name in names)
    assert not any(name.endswith(".ics") for name in names)


def test_the_attendees_page_says_how_to_pay_and_offers_the_invoice(client, priced):
    registration = register(priced).registration
    page = text_of(client.get(registration.get_absolute_url()))
    assert "KRW 150,000" in page
    assert "Shinhan Bank 110-123-456789" in page
    assert "ticket.svg" not in page
    invoice = registration.invoices.get()
    response = client.get(f"{registration.get_absolute_url()}documents/{invoice.number}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert "no-store" in response["Cache-Control"]
    # Another registration's link does not reach this invoice.
    other = register(priced, "other@example.com").registration
    assert (
        client.get(f"{other.get_absolute_url()}documents/{invoice.number}.pdf").status_code == 404
    )
    # No receipt before the money arrives.
    assert (
        client.get(f"{registration.get_absolute_url()}receipts/{invoice.number}.pdf").status_code
        == 404
    )


@pytest.fixture
def finance(finance_user):
    client = Client()
    client.force_login(finance_user)
    return client


def test_finance_records_a_payment_from_the_registrations_page(finance, priced, finance_user):
    registration = register(priced).registration
    url = f"/admin/registration/registration/{registration.pk}/payment/"
    page = finance.get(url)
    assert page.status_code == 200
    response = finance.post(
        url, {"kind": "payment", "amount": "150000", "received_on": "2026-11-20", "note": "Shinhan"}
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    payment = Payment.objects.get()
    assert (payment.recorded_by, payment.note) == (finance_user, "Shinhan")


def test_content_editors_cannot_record_payments(client, editor_user, priced):
    registration = register(priced).registration
    client.force_login(editor_user)
    url = f"/admin/registration/registration/{registration.pk}/payment/"
    assert client.get(url).status_code == 403
    assert client.get("/admin/registration/registration/bank-statement/").status_code == 403


def test_a_bank_statement_is_previewed_then_its_matches_recorded(finance, priced):
    first, second = (register(priced, f"p{i}@example.com").registration for i in range(2))
    csv = (
        "Date,Description,Amount\n"
        f"2026-11-20,KIM MINJI {first.reference.lower()},150000\n"
        f"2026-11-20,PARK {second.reference},100000\n"
        "2026-11-21,UNKNOWN TRANSFER,50000\n"
    ).encode()
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    url = "/admin/registration/registration/bank-statement/"
    preview = finance.post(url, {"statement": SimpleUploadedFile("s.csv", csv, "text/csv")})
    text = text_of(preview)
    assert preview.status_code == 200
    assert "Will be recorded as paid" in text
    assert "Not recorded: 150000" in text or "150000.00 is due" in text
    assert "Not recorded: no payment reference" in text
    assert Payment.objects.count() == 0  # nothing before confirming
    payload = preview.context["payload"]
    done = finance.post(url, {"payload": payload})
    assert done.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Registration.Status.CONFIRMED
    assert second.status == Registration.Status.PENDING_PAYMENT
    assert Payment.objects.get().source == Payment.Source.STATEMENT
    # Confirming the same preview again records nothing twice.
    finance.post(url, {"payload": payload})
    assert Payment.objects.count() == 1


def test_a_bad_statement_is_explained_on_the_page(finance, priced):
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    url = "/admin/registration/registration/bank-statement/"
    response = finance.post(url, {"statement": SimpleUploadedFile("s.csv", b"\x00\xff junk")})
    assert response.status_code == 200
    assert response.context["form"].errors["statement"]


def test_the_csv_export_and_the_dashboard_show_the_money(organizer, priced):
    paid = register(priced, "a@example.com").registration
    register(priced, "b@example.com")
    payments.payment_record(registration=paid, amount=150000)
    response = organizer.post(
        "/admin/registration/registration/",
        {"action": "export_csv", "_selected_action": [r.pk for r in Registration.objects.all()]},
    )
    text = response.content.decode("utf-8-sig")
    assert "Amount due" in text.splitlines()[0]
    assert paid.invoices.get().number in text
    board = organizer.get("/admin/dashboard/")
    [row] = board.context["board"].money
    assert (row.received, row.outstanding, row.holds) == (Decimal(150000), Decimal(150000), 1)


def test_free_tickets_show_no_payment_section(client, db):
    TicketTypeFactory(capacity=5)
    assert "billing_address" not in text_of(client.get(REGISTER))


def test_the_door_refuses_an_unpaid_hold_and_says_why(client, priced, desk_user):
    from registration.services import checkin  # noqa: PLC0415

    registration = register(priced).registration
    with pytest.raises(checkin.CheckInRefused) as refusal:
        checkin.attendee_check_in(registration=registration, by=desk_user)
    assert refusal.value.kind == "unpaid"
    client.force_login(desk_user)
    page = text_of(client.get(registration.checkin_url()))
    assert "Not paid yet: no ticket" in page


@pytest.mark.parametrize("size", [2, 20], ids=["2", "20"])
def test_money_pages_query_counts(organizer, warm_event, priced, size, django_assert_num_queries):
    """The invoice and payment lists, the dashboard's money and the attendee's documents
    cost the same number of queries with 2 holds as with 20."""
    priced.capacity = None
    priced.save()
    holds = [register(priced, f"p{i}@example.com").registration for i in range(size)]
    for hold in holds[::2]:
        payments.payment_record(registration=hold, amount=150000)
    warm_event()
    # No query per row: the same counts at either size.
    with django_assert_num_queries(7):
        assert organizer.get("/admin/registration/invoice/").status_code == 200
    with django_assert_num_queries(6):
        assert organizer.get("/admin/registration/payment/").status_code == 200
    # The counts' seven queries, and the money's three grouped ones.
    with django_assert_num_queries(10):
        assert organizer.get("/admin/dashboard/").status_code == 200
    # The registration, and its documents.
    with django_assert_num_queries(2):
        assert Client().get(holds[0].get_absolute_url()).status_code == 200


def test_deleting_personal_data_keeps_the_invoices_as_issued(priced):
    """Invoices are accounting records the organizer must keep: the registration's personal
    data goes, the documents issued to it stay as they were."""
    from registration.services import privacy  # noqa: PLC0415

    registration = register(priced).registration
    payments.payment_record(registration=registration, amount=150000)
    privacy.registration_anonymize(registration=registration)
    registration.refresh_from_db()
    assert registration.anonymized_at is not None
    invoice, credit_note = registration.invoices.order_by("sequence")
    assert (invoice.buyer_name, credit_note.kind) == ("Ada Park", "credit_note")


def test_only_superusers_change_where_attendees_send_money(client, organizer, editor_user, priced):
    event = priced.event
    url = f"/admin/registration/event/{event.pk}/change/"
    assert 'name="bank_details"' in organizer.get(url).content.decode()
    client.force_login(editor_user)
    page = client.get(url).content.decode()
    assert "Shinhan Bank 110-123-456789" in page  # shown, not editable
    assert 'name="bank_details"' not in page


def test_a_document_is_drawn_once_then_served_from_the_cache(priced, monkeypatch):
    from registration import invoices  # noqa: PLC0415
    from registration.services.invoices import document_pdf  # noqa: PLC0415

    invoice = register(priced).registration.invoices.get()
    drawn = []
    render = invoices.render_pdf
    monkeypatch.setattr(invoices, "render_pdf", lambda doc: drawn.append(doc.kind) or render(doc))
    first = document_pdf(invoice)
    assert document_pdf(invoice) == first
    receipt = document_pdf(invoice, receipt_paid_on=invoice.issued_at.date())
    assert receipt != first
    assert drawn == ["invoice", "receipt"]


# The hostile review's findings, each as a test.


def test_saving_an_event_loaded_before_an_invoice_keeps_the_numbering(priced):
    stale = type(priced.event).objects.get(pk=priced.event.pk)
    register(priced, "a@example.com")
    stale.tagline = "Edited meanwhile"
    stale.save()
    second = register(priced, "b@example.com").registration
    assert second.invoices.get().number == "CGT2025-00002"


def test_an_invoice_prefix_belongs_to_one_event(priced):
    from django.core.exceptions import ValidationError  # noqa: PLC0415

    from tests.factories import EventFactory  # noqa: PLC0415

    other = EventFactory(invoice_prefix="cgt2025")
    with pytest.raises(ValidationError, match="Another event"):
        other.full_clean()
    other.invoice_prefix = "CGT/2025"
    with pytest.raises(ValidationError, match="Capital letters"):
        other.full_clean()


def test_the_prefix_is_fixed_once_numbers_are_issued(organizer, priced):
    url = f"/admin/registration/event/{priced.event.pk}/change/"
    assert 'name="invoice_prefix"' in organizer.get(url).content.decode()
    register(priced)
    assert 'name="invoice_prefix"' not in organizer.get(url).content.decode()


def test_deleting_personal_data_clears_billing_details_and_statement_notes(priced):
    from registration.services import privacy  # noqa: PLC0415

    registration = register(priced, billing_business_number="987-65-43210").registration
    payments.payment_record(registration=registration, amount=150000, note="홍길동 CGT-XXXXX")
    privacy.registration_anonymize(registration=registration)
    registration.refresh_from_db()
    assert (registration.billing_address, registration.billing_business_number) == ("", "")
    assert Payment.objects.get().note == ""


def test_a_second_click_on_record_payment_records_nothing(finance, priced):
    registration = register(priced).registration
    url = f"/admin/registration/registration/{registration.pk}/payment/"
    data = {"kind": "payment", "amount": "150000", "received_on": "2026-11-20"}
    assert finance.post(url, data).status_code == 302
    again = finance.post(url, data)
    assert again.status_code == 200
    assert "owes nothing now" in text_of(again)
    assert Payment.objects.count() == 1
    assert finance.post(url, {**data, "record_anyway": "on"}).status_code == 302
    assert Payment.objects.count() == 2


def test_importing_a_statement_twice_records_each_transfer_once(finance, priced):
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    registration = register(priced).registration
    csv = f"Date,Description,Amount\n2026-11-20,{registration.reference},150000\n".encode()
    url = "/admin/registration/registration/bank-statement/"
    payloads = [
        finance.post(url, {"statement": SimpleUploadedFile("s.csv", csv)}).context["payload"]
        for _ in range(2)
    ]
    for payload in payloads:
        finance.post(url, {"payload": payload})
    assert Payment.objects.count() == 1


def test_a_statement_matches_only_tickets_priced_in_the_accounts_currency(finance, db):
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    usd = TicketTypeFactory(price=150, currency="USD")
    registration = register(usd, billing_address="Seattle").registration
    csv = f"Date,Description,Amount\n2026-11-20,{registration.reference},150\n".encode()
    url = "/admin/registration/registration/bank-statement/"
    preview = finance.post(url, {"currency": "KRW", "statement": SimpleUploadedFile("s.csv", csv)})
    assert "owed in USD" in text_of(preview)
    assert preview.context["to_record"] == 0
    preview = finance.post(url, {"currency": "USD", "statement": SimpleUploadedFile("s.csv", csv)})
    assert preview.context["to_record"] == 1


def test_a_cancelled_paid_registration_shows_the_refund_owed(organizer, priced):
    from registration.services import registrations  # noqa: PLC0415

    registration = register(priced).registration
    payments.payment_record(registration=registration, amount=150000)
    registrations.registration_cancel(registration=registration)
    page = text_of(organizer.get("/admin/registration/registration/"))
    assert "refund owed: KRW 150,000" in page
    payments.refund_record(registration=registration, amount=150000)
    assert "refund owed" not in text_of(organizer.get("/admin/registration/registration/"))


def test_no_priced_seat_is_offered_once_the_event_has_started(priced):
    from datetime import timedelta  # noqa: PLC0415

    from registration.services import registrations  # noqa: PLC0415

    first, _second = (register(priced, f"p{i}@example.com").registration for i in range(2))
    waiting = register(priced, "wait@example.com").registration
    event = priced.event
    event.start = first.created - timedelta(hours=1)
    event.end = first.created + timedelta(hours=8)
    event.save()
    registrations.registration_cancel(registration=first)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.WAITLISTED


def test_outstanding_money_counts_what_a_hold_paid_in_part(organizer, priced):
    registration = register(priced).registration
    payments.payment_record(registration=registration, amount=100000)
    [row] = organizer.get("/admin/dashboard/").context["board"].money
    assert (row.received, row.outstanding) == (Decimal(100000), Decimal(50000))


def test_without_the_fonts_the_hold_email_still_goes_without_its_pdf(
    priced, mailoutbox, deliver, settings, tmp_path
):
    settings.BADGE_FONT_DIR = tmp_path  # no Noto Sans CJK here
    with deliver:
        registration = register(priced).registration
    [message] = mailoutbox
    assert registration.reference in message.body
    assert "KRW 150,000" in message.body
    names = [name for _type, name in parts(message) if name]
    assert not any(name.endswith(".pdf") for name in names)


def test_without_the_fonts_the_attendee_is_told_and_keeps_the_page(
    client, priced, settings, tmp_path
):
    registration = register(priced).registration
    settings.BADGE_FONT_DIR = tmp_path
    url = f"{registration.get_absolute_url()}documents/{registration.invoices.get().number}.pdf"
    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == registration.get_absolute_url()
    assert "cannot be made right now" in text_of(response)
