"""Invoices and credit notes: issued as snapshots, numbered without gaps per event.

A number is taken by incrementing the event's counter inside the transaction that issues
the document: the UPDATE locks the event's row until commit (PostgreSQL), or the
transaction already holds SQLite's write lock, so two documents never share a number, and a
rolled-back document gives its number back. The counter is written with QuerySet.update(),
which sends no signal: issuing an invoice retires no cached public page.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from common.cache import MISSING, cache_get, cache_set
from registration import invoices
from registration.models import Event, Invoice


def _next_sequence(event):
    Event.objects.filter(pk=event.pk).update(invoice_count=F("invoice_count") + 1)
    return Event.objects.values_list("invoice_count", flat=True).get(pk=event.pk)


def invoice_number(event, sequence):
    """ "CGT2025-00007": the organizers' prefix, or the event's slug in capitals."""
    prefix = event.invoice_prefix or event.slug.upper()
    return f"{prefix}-{sequence:05d}"


def _issue(*, event, **fields):
    sequence = _next_sequence(event)
    return Invoice.objects.create(
        event=event, sequence=sequence, number=invoice_number(event, sequence), **fields
    )


@transaction.atomic
def invoice_issue(*, registration):
    """The invoice for a registration's held seat, as the event and the registration are now.

    Side effects: takes the event's next document number; inserts the Invoice. Returns it.
    """
    event = registration.event
    ticket_type = registration.ticket_type
    return _issue(
        event=event,
        registration=registration,
        kind=Invoice.Kind.INVOICE,
        description=f"{ticket_type.name} · {event.name}",
        amount=registration.amount,
        currency=registration.currency,
        vat_rate=event.vat_rate,
        seller_name=event.organizer_name or event.name,
        seller_address=event.organizer_address,
        seller_business_number=event.business_number,
        buyer_name=registration.full_name,
        buyer_organization=registration.organization,
        buyer_address=registration.billing_address,
        buyer_business_number=registration.billing_business_number,
        payment_reference=registration.reference,
        due=timezone.localdate(registration.payment_deadline)
        if registration.payment_deadline
        else None,
        bank_details=event.bank_details,
        language=registration.language,
    )


@transaction.atomic
def credit_note_issue(*, invoice):
    """The credit note cancelling an invoice, once: an invoice already cancelled returns
    its credit note. Side effects: takes the next number; inserts the credit note."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    existing = Invoice.objects.filter(cancels=invoice).first()
    if existing is not None:
        return existing
    copied = {
        name: getattr(invoice, name)
        for name in (
            "registration",
            "description",
            "currency",
            "vat_rate",
            "seller_name",
            "seller_address",
            "seller_business_number",
            "buyer_name",
            "buyer_organization",
            "buyer_address",
            "buyer_business_number",
            "language",
        )
    }
    return _issue(
        event=invoice.event,
        kind=Invoice.Kind.CREDIT_NOTE,
        cancels=invoice,
        amount=-invoice.amount,
        **copied,
    )


def open_invoice(registration):
    """The registration's invoice that no credit note cancels yet, or None."""
    return (
        registration.invoices.filter(kind=Invoice.Kind.INVOICE, credit_note__isnull=True)
        .order_by("-sequence")
        .first()
    )


def document(invoice, *, receipt_paid_on=None):
    """The printable document of an invoice or credit note (registration.invoices), or the
    receipt for a paid invoice when `receipt_paid_on` is given."""
    kind = "receipt" if receipt_paid_on else invoice.kind
    return invoices.Document(
        kind=kind,
        number=invoice.number,
        issued=receipt_paid_on or timezone.localdate(invoice.issued_at),
        seller=invoices.Party(
            name=invoice.seller_name,
            address=invoice.seller_address,
            business_number=invoice.seller_business_number,
        ),
        buyer=invoices.Party(
            name=invoice.buyer_name,
            organization=invoice.buyer_organization,
            address=invoice.buyer_address,
            business_number=invoice.buyer_business_number,
        ),
        lines=(invoices.Line(invoice.description, 1, abs(invoice.amount)),),
        currency=invoice.currency,
        vat_rate=invoice.vat_rate,
        language=invoice.language,
        event_name=invoice.event.name,
        payment_reference=invoice.payment_reference if kind == "invoice" else "",
        due=invoice.due if kind == "invoice" else None,
        bank_details=invoice.bank_details if kind == "invoice" else "",
        paid_on=receipt_paid_on,
        refers_to=invoice.cancels.number if invoice.cancels_id else "",
    )


def document_filename(invoice, *, receipt=False):
    name = "receipt" if receipt else invoice.kind.replace("_", "-")
    return f"{name}-{invoice.number}.pdf"


# Drawing a document costs about a second (subsetting the CJK fonts). A document never
# changes once issued, so its PDF is kept: the e-mail's rendering serves the downloads.
DOCUMENT_CACHE_TIMEOUT = 7 * 24 * 3600


def document_pdf(invoice, *, receipt_paid_on=None):
    key = f"registration:document:{invoice.number}:{receipt_paid_on or ''}"
    pdf = cache_get(key)
    if pdf is MISSING:
        pdf = invoices.render_pdf(document(invoice, receipt_paid_on=receipt_paid_on))
        cache_set(key, pdf, DOCUMENT_CACHE_TIMEOUT)
    return pdf
