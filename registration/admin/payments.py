"""Money in the admin: the invoices issued and the payments recorded (read-only lists), the
desk's "record a payment or refund" page for one registration, and the bank statement
import that records every transfer it can match, after a preview. Every rule is a
service's (registration.services.payments); these pages only call it."""

from datetime import date
from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from registration import badges
from registration.admin.defaults import ReadOnlyAdmin
from registration.bankstatements import (
    Due,
    StatementError,
    Transaction,
    match_statement,
    read_statement,
)
from registration.models import Invoice, Payment, Registration
from registration.selectors.programme import current_event
from registration.services import payments
from registration.services.invoices import document_filename, document_pdf

# An upload larger than this is not a bank statement of one event's transfers.
STATEMENT_MAX_BYTES = 5 * 1024 * 1024
STATEMENT_SALT = "registration.bank-statement"


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = ["number", "kind", "buyer_name", "buyer_organization", "amount", "currency"]
    list_display += ["issued_at", "registration"]
    list_filter = ["kind", "event"]
    list_select_related = ["registration"]
    search_fields = ["number", "buyer_name", "buyer_organization", "registration__reference"]
    actions = ["download"]

    @admin.action(description=_("Download as PDF"), permissions=["view"])
    def download(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose one document to download."), messages.WARNING)
            return None
        invoice = queryset.select_related("event", "cancels").get()
        try:
            pdf = document_pdf(invoice)
        except badges.BadgeFontsMissing:
            self.message_user(
                request,
                _("The document cannot be made: the font (Noto Sans CJK) is not installed."),
                messages.ERROR,
            )
            return None
        return badges.pdf_response(pdf, document_filename(invoice))


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["registration", "kind", "amount", "currency", "received_on", "source"]
    list_display += ["recorded_by_name", "note"]
    list_filter = ["kind", "source", "received_on"]
    list_select_related = ["registration"]
    search_fields = ["registration__reference", "note"]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class InvoiceInline(ReadOnlyInline):
    model = Invoice
    fk_name = "registration"
    fields = ["number", "kind", "amount", "currency", "issued_at"]
    show_change_link = True


class PaymentInline(ReadOnlyInline):
    model = Payment
    fields = ["kind", "amount", "currency", "received_on", "source", "recorded_by_name", "note"]


class PaymentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What happened"), choices=Payment.Kind.choices, widget=forms.RadioSelect
    )
    amount = forms.DecimalField(
        label=_("Amount"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2
    )
    received_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    record_anyway = forms.BooleanField(
        label=_("Record it even though nothing is owed (money that really arrived again)"),
        required=False,
    )


def _require_payment_permission(request):
    if not request.user.has_perm("registration.add_payment"):
        raise PermissionDenied


def record_payment_view(model_admin, request, object_id):
    """Record money received for one registration, or paid back to its buyer."""
    _require_payment_permission(request)
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=object_id)
    change_url = reverse("admin:registration_registration_change", args=[registration.pk])
    balance = registration.amount - payments.paid_total(registration)
    if request.method == "POST":
        form = PaymentForm(request.POST)
        if (
            form.is_valid()
            and form.cleaned_data["kind"] == Payment.Kind.PAYMENT
            and (balance <= 0 or registration.status != Registration.Status.PENDING_PAYMENT)
            and not form.cleaned_data["record_anyway"]
        ):
            # A second click, or the statement import a moment ago, already recorded it.
            form.add_error(
                None,
                _(
                    "This registration owes nothing now: the payment may have been recorded "
                    "already. Tick the box below only if money really arrived again."
                ),
            )
        if form.is_valid():
            data = form.cleaned_data
            if data["kind"] == Payment.Kind.REFUND:
                payments.refund_record(
                    registration=registration,
                    amount=data["amount"],
                    refunded_on=data["received_on"],
                    note=data["note"],
                    by=request.user,
                )
                model_admin.message_user(request, _("Refund recorded."))
            else:
                result = payments.payment_record(
                    registration=registration,
                    amount=data["amount"],
                    received_on=data["received_on"],
                    note=data["note"],
                    by=request.user,
                )
                model_admin.message_user(request, *PAYMENT_MESSAGES[result.outcome])
            return redirect(change_url)
    else:
        form = PaymentForm(
            initial={
                "kind": Payment.Kind.PAYMENT,
                "amount": max(balance, Decimal(0)) or None,
                "received_on": timezone.localdate(),
            }
        )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Registration._meta,
        "original": registration,
        "title": _("Record a payment or refund: %(reference)s")
        % {"reference": registration.reference},
        "form": form,
        "balance": balance,
        "overpaid": -balance if balance < 0 else None,
        "change_url": change_url,
    }
    return TemplateResponse(request, "admin/registration/record_payment.html", context)


PAYMENT_MESSAGES = {
    payments.PaymentOutcome.CONFIRMED: (
        _("Payment recorded: the seat is confirmed and the ticket is on its way."),
        messages.SUCCESS,
    ),
    payments.PaymentOutcome.PARTLY_PAID: (
        _("Payment recorded: part of the amount is still owed, so the seat stays held."),
        messages.WARNING,
    ),
    payments.PaymentOutcome.NOT_PAYABLE: (
        _("Payment recorded, but this registration owed nothing: refund it."),
        messages.WARNING,
    ),
}


class StatementForm(forms.Form):
    currency = forms.CharField(
        label=_("The account's currency"),
        initial="KRW",
        max_length=3,
        required=False,
        help_text=_("Only transfers for tickets priced in it are matched."),
    )

    def clean_currency(self):
        return self.cleaned_data["currency"].strip().upper() or "KRW"

    statement = forms.FileField(
        label=_("Bank statement (CSV)"),
        help_text=_("The CSV export of the account's transactions, as the bank gives it."),
    )

    def clean_statement(self):
        upload = self.cleaned_data["statement"]
        if upload.size > STATEMENT_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB: is it a statement?"))
        try:
            return read_statement(upload.read())
        except StatementError as error:
            raise forms.ValidationError(str(error)) from error


def _dues(event, currency):
    """What each registration of the event owes, by payment reference; payable only when
    awaiting payment in the statement's currency. One query."""
    rows = Registration.objects.filter(event=event, amount__gt=0).values_list(
        "reference", "amount", "currency", "status"
    )
    return {
        reference: Due(
            reference,
            amount,
            due_currency,
            status == Registration.Status.PENDING_PAYMENT and due_currency == currency.upper(),
        )
        for reference, amount, due_currency, status in rows
    }


def _pack(currency, transactions):
    rows = [
        [t.line, t.date.isoformat() if t.date else None, str(t.amount), t.text]
        for t in transactions
    ]
    return signing.dumps([currency, rows], salt=STATEMENT_SALT, compress=True)


def _unpack(payload):
    currency, rows = signing.loads(payload, salt=STATEMENT_SALT, max_age=60 * 60)
    return currency, [
        Transaction(line, date.fromisoformat(day) if day else None, Decimal(amount), text)
        for line, day, amount, text in rows
    ]


def bank_statement_view(model_admin, request):
    """Upload a statement, see what matches, then record the matched transfers."""
    _require_payment_permission(request)
    event = current_event()
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Registration._meta,
        "title": _("Import a bank statement"),
        "event": event,
    }
    if request.method == "POST" and "payload" in request.POST:
        try:
            currency, transactions = _unpack(request.POST["payload"])
        except signing.BadSignature:
            model_admin.message_user(
                request, _("The preview is too old or was changed: upload again."), messages.ERROR
            )
            return redirect(request.path)
        recorded = confirmed = 0
        for match in match_statement(transactions, _dues(event, currency)):
            if match.outcome != "match":
                continue
            registration = Registration.objects.get(reference=match.reference)
            result = payments.payment_record(
                registration=registration,
                amount=match.transaction.amount,
                received_on=match.transaction.date,
                note=_("Statement line %(line)d: %(text)s")
                % {"line": match.transaction.line, "text": match.transaction.text[:200]},
                source=Payment.Source.STATEMENT,
                by=request.user,
                require_pending=True,
            )
            if result.payment is None:
                continue  # recorded meanwhile (another import, or the desk)
            recorded += 1
            confirmed += result.outcome == payments.PaymentOutcome.CONFIRMED
        model_admin.message_user(
            request,
            ngettext(
                "%(recorded)d transfer recorded; %(confirmed)d seats confirmed and tickets sent.",
                "%(recorded)d transfers recorded; %(confirmed)d seats confirmed and tickets sent.",
                recorded,
            )
            % {"recorded": recorded, "confirmed": confirmed},
        )
        return redirect(reverse("admin:registration_registration_changelist"))
    form = StatementForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        transactions = form.cleaned_data["statement"]
        currency = form.cleaned_data["currency"].upper()
        matches = match_statement(transactions, _dues(event, currency))
        context.update(
            matches=matches,
            currency=currency,
            to_record=sum(match.outcome == "match" for match in matches),
            payload=_pack(currency, transactions),
        )
    context["form"] = form
    return TemplateResponse(request, "admin/registration/bank_statement.html", context)
