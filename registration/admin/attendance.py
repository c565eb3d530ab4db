"""Attendance in the admin: ticket types and registrations, their counts, actions and
export. Every rule is a service's; the admin only calls it."""

from django import forms
from django.contrib import admin, messages
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries.filters import CountryFilter
from modeltranslation.admin import TabbedTranslationAdmin

from common.money import format_amount
from common.spreadsheets import csv_response
from registration import badges
from registration.admin.defaults import CurrentEventDefaultsMixin
from registration.admin.payments import (
    InvoiceInline,
    PaymentInline,
    bank_statement_view,
    record_payment_view,
)
from registration.forms import NormalizedEmailField
from registration.models import CheckIn, Email, Registration, TicketType
from registration.services import checkin, privacy, registrations, tickets


@admin.register(TicketType)
class TicketTypeAdmin(CurrentEventDefaultsMixin, TabbedTranslationAdmin):
    list_display = [
        "name",
        "event",
        "price_label",
        "confirmed",
        "capacity",
        "waitlisted",
        "checked_in",
    ]
    list_filter = ["event"]
    actions = ["print_badges"]
    list_select_related = ["event"]
    search_fields = ["name"]
    fields = [
        "event",
        "name",
        "description",
        ("price", "currency"),
        "payment_days",
        "capacity",
        ("on_sale_from", "on_sale_until"),
        "order",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            return
        promoted = tickets.ticket_type_update(ticket_type=obj, fields=form.changed_data)
        if promoted:
            self.message_user(
                request,
                ngettext(
                    "%(n)d person was promoted from the waiting list and e-mailed.",
                    "%(n)d people were promoted from the waiting list and e-mailed.",
                    len(promoted),
                )
                % {"n": len(promoted)},
                messages.SUCCESS,
            )

    @admin.display(description=_("price"), ordering="price")
    def price_label(self, obj):
        return obj.price_label

    @admin.display(description=_("confirmed"), ordering="n_confirmed")
    def confirmed(self, obj):
        return obj.n_confirmed

    @admin.display(description=_("waitlisted"), ordering="n_waitlisted")
    def waitlisted(self, obj):
        return obj.n_waitlisted

    @admin.display(description=_("checked in"), ordering="n_checked_in")
    def checked_in(self, obj):
        return obj.n_checked_in

    @admin.action(
        description=_("Print badges for these ticket types (PDF, 4 per A4 sheet)"),
        permissions=["check_in"],
    )
    def print_badges(self, request, queryset):
        people = Registration.objects.filter(ticket_type__in=queryset)
        return badges_response(self, request, people, layout="a4", name="badges")

    def has_check_in_permission(self, request):
        return request.user.has_perm("registration.check_in")


class CheckedInFilter(admin.SimpleListFilter):
    title = _("checked in")
    parameter_name = "checked_in"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(checked_in_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(checked_in_at__isnull=True)
        return queryset


class RegistrationAdminForm(forms.ModelForm):
    email = NormalizedEmailField(label=_("e-mail"), max_length=254)

    class Meta:
        model = Registration
        fields = [
            "given_name",
            "family_name",
            "email",
            "organization",
            "job_title",
            "country",
            "sector",
            "consent_marketing",
        ]

    def clean_email(self):
        email = self.cleaned_data["email"]
        clash = Registration.objects.active_for(event=self.instance.event_id, email=email).exclude(
            pk=self.instance.pk
        )
        if self.instance.is_active and clash.exists():
            raise forms.ValidationError(
                _("Another active registration for this event uses this e-mail.")
            )
        return email


class EmailInline(admin.TabularInline):
    """Every e-mail the registration caused, newest first, with its state: what the desk
    needs when someone says "I never got my ticket"."""

    model = Email
    fk_name = "registration"
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["created", "kind", "state", "attempts", "sent_at", "next_attempt_at", "last_error"]
    readonly_fields = fields
    ordering = ["-created"]
    verbose_name_plural = _("e-mails sent to this person")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CheckInInline(admin.TabularInline):
    """Every action at the door for this person: check-ins and their undoing, with who."""

    model = CheckIn
    extra = 0
    can_delete = False
    fields = ["at", "action", "by_name"]
    readonly_fields = fields
    verbose_name_plural = _("at the door")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


BADGE_LIMIT = 1000


def badges_response(model_admin, request, registrations, *, layout, name):
    """The badges of the confirmed people among these registrations, as a PDF download; a
    message instead when there are none, too many, or the fonts are missing."""
    people = (
        registrations.badge_holders()
        .select_related("event", "ticket_type")
        .order_by("family_name", "given_name", "pk")
    )
    count = people.count()
    skipped = registrations.count() - count
    if not count:
        model_admin.message_user(
            request, _("No badges: none of these registrations is confirmed."), messages.WARNING
        )
        return None
    if count > BADGE_LIMIT:
        model_admin.message_user(
            request,
            _("%(count)d badges are too many for one PDF: choose at most %(limit)d at a time.")
            % {"count": count, "limit": BADGE_LIMIT},
            messages.ERROR,
        )
        return None
    try:
        pdf = badges.badges_pdf(
            registrations=list(people),
            layout=layout,
            url_for=lambda person: request.build_absolute_uri(person.checkin_url()),
        )
    except badges.BadgeFontsMissing:
        model_admin.message_user(
            request,
            _(
                "Badges cannot be printed: the badge font (Noto Sans CJK) is not installed on "
                "the server."
            ),
            messages.ERROR,
        )
        return None
    if skipped:
        # Shown on the next page the organizer opens: the download itself has no page.
        model_admin.message_user(
            request,
            ngettext(
                "%(n)d registration was left out: only confirmed people get a badge.",
                "%(n)d registrations were left out: only confirmed people get a badge.",
                skipped,
            )
            % {"n": skipped},
            messages.WARNING,
        )
    return badges.pdf_response(pdf, f"{name}.pdf")


CSV_COLUMNS = [
    ("reference", _("Reference")),
    ("status", _("Status")),
    ("ticket", _("Ticket type")),
    ("given_name", _("Given name")),
    ("family_name", _("Family name")),
    ("email", _("E-mail")),
    ("organization", _("Organization")),
    ("job_title", _("Job title")),
    ("country", _("Country")),
    ("sector", _("Sector")),
    ("consent_marketing", _("News e-mails")),
    ("created", _("Registered (KST)")),
    ("checked_in", _("Checked in (KST)")),
    ("amount", _("Amount due")),
    ("currency", _("Currency")),
    ("paid", _("Paid")),
    ("payment_deadline", _("Pay by (KST)")),
    ("paid_at", _("Paid (KST)")),
    ("invoice", _("Invoice")),
]


def _kst(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    # Status early, so it shows without scrolling at 1280 px; the e-mail is searchable, not
    # a column.
    list_display = [
        "reference",
        "full_name",
        "status",
        "payment",
        "ticket_type",
        "organization",
        "country",
        "sector",
        "language",
        "checked_in_at",
        "created",
    ]
    list_filter = [
        "status",
        "ticket_type",
        ("country", CountryFilter),
        "sector",
        "language",
        CheckedInFilter,
        "event",
    ]
    list_select_related = ["ticket_type"]
    search_fields = ["reference", "given_name", "family_name", "email", "organization"]
    date_hierarchy = "created"
    actions = [
        "resend_confirmation",
        "check_in",
        "print_badges_a6",
        "print_badges_a4",
        "cancel",
        "anonymize",
        "export_csv",
    ]
    inlines = [PaymentInline, InvoiceInline, CheckInInline, EmailInline]
    # The attendee's page is behind their secret token; staff never get a link to it.
    view_on_site = False
    form = RegistrationAdminForm
    readonly_fields = [
        "reference",
        "status",
        "created",
        "updated",
        "promoted_at",
        "cancelled_at",
        "checked_in_at",
        "anonymized_at",
        "consent_privacy",
        "amount",
        "currency",
        "payment_deadline",
        "paid_at",
        "payment_reminded_at",
        "hold_expired_at",
    ]
    fields = [
        ("reference", "status"),
        "event",
        "ticket_type",
        ("given_name", "family_name"),
        "email",
        ("organization", "job_title"),
        ("country", "sector"),
        ("consent_privacy", "consent_marketing"),
        ("created", "updated"),
        ("promoted_at", "cancelled_at"),
        ("checked_in_at", "anonymized_at"),
        ("amount", "currency"),
        ("payment_deadline", "paid_at"),
        ("payment_reminded_at", "hold_expired_at"),
        "billing_address",
        "billing_business_number",
    ]

    def get_queryset(self, request):
        # n_paid for the payment column: money received less refunds, in the same query.
        return super().get_queryset(request).with_money()

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/payment/",
                view(lambda request, object_id: record_payment_view(self, request, object_id)),
                name="registration_registration_payment",
            ),
            path(
                "bank-statement/",
                view(lambda request: bank_statement_view(self, request)),
                name="registration_registration_bank_statement",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra = {"may_record_payment": request.user.has_perm("registration.add_payment")}
        return super().changelist_view(request, {**extra, **(extra_context or {})})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = {"may_record_payment": request.user.has_perm("registration.add_payment")}
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    @admin.display(description=_("payment"))
    def payment(self, obj):
        """The amount and where it stands, for priced tickets; nothing for free ones."""
        if not obj.amount:
            return ""
        if obj.status == Registration.Status.CANCELLED and obj.n_paid > 0:
            state = _("refund owed: %(amount)s") % {
                "amount": format_amount(obj.n_paid, obj.currency)
            }
        elif obj.paid_at:
            state = _("paid")
        elif obj.status == Registration.Status.PENDING_PAYMENT:
            state = _("due %(date)s") % {"date": _kst(obj.payment_deadline)[:10]}
        else:
            state = _("unpaid")
        return f"{format_amount(obj.amount, obj.currency)} · {state}"

    def has_add_permission(self, request):
        # Registrations come through the public form (capacity, waiting list, e-mails).
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting would free a seat without promoting anyone and lose the counts; the
        # "Delete personal data" action anonymizes through the service instead.
        return False

    def get_readonly_fields(self, request, obj=None):
        # The seat decision belongs to the services: the ticket type cannot be swapped here.
        return [*self.readonly_fields, "event", "ticket_type"]

    @admin.display(description=_("name"), ordering="family_name")
    def full_name(self, obj):
        return obj.full_name

    @admin.action(
        description=_("Send the e-mail for their current status again"), permissions=["change"]
    )
    def resend_confirmation(self, request, queryset):
        for registration in queryset.select_related("event"):
            registrations.registration_resend(registration=registration)
        self.message_user(
            request, _("E-mails queued for %(n)d registrations.") % {"n": queryset.count()}
        )

    @admin.action(description=_("Check in"), permissions=["check_in"])
    def check_in(self, request, queryset):
        done, refused = 0, 0
        for registration in queryset:
            try:
                checkin.attendee_check_in(registration=registration, by=request.user)
                done += 1
            except checkin.CheckInRefused:
                refused += 1
        self.message_user(
            request,
            _("%(done)d checked in; %(refused)d refused (waitlisted or cancelled).")
            % {"done": done, "refused": refused},
            messages.SUCCESS if not refused else messages.WARNING,
        )

    def has_check_in_permission(self, request):
        return request.user.has_perm("registration.check_in")

    @admin.action(description=_("Print badges (PDF, A6)"), permissions=["check_in"])
    def print_badges_a6(self, request, queryset):
        return badges_response(self, request, queryset, layout="a6", name="badges-a6")

    @admin.action(description=_("Print badges (PDF, 4 per A4 sheet)"), permissions=["check_in"])
    def print_badges_a4(self, request, queryset):
        return badges_response(self, request, queryset, layout="a4", name="badges-a4")

    @admin.action(description=_("Cancel (promotes the waiting list)"), permissions=["change"])
    def cancel(self, request, queryset):
        promoted = 0
        for registration in queryset:
            promoted += len(registrations.registration_cancel(registration=registration))
        self.message_user(
            request,
            _("Cancelled %(n)d registrations; %(p)d promoted from the waiting list.")
            % {"n": queryset.count(), "p": promoted},
        )

    @admin.action(
        description=_("Delete personal data (cancels, keeps the counts)"), permissions=["change"]
    )
    def anonymize(self, request, queryset):
        for registration in queryset.filter(anonymized_at__isnull=True):
            privacy.registration_anonymize(registration=registration)
        self.message_user(request, _("Personal data deleted."))

    @admin.action(description=_("Export selected as CSV"), permissions=["change"])
    def export_csv(self, request, queryset):
        rows = (
            [
                r.reference,
                r.get_status_display(),
                r.ticket_type.name,
                r.given_name,
                r.family_name,
                r.email,
                r.organization,
                r.job_title,
                r.country.name,
                r.get_sector_display(),
                _("yes") if r.consent_marketing else _("no"),
                _kst(r.created),
                _kst(r.checked_in_at),
                r.amount if r.amount else "",
                r.currency if r.amount else "",
                r.n_paid if r.amount else "",
                _kst(r.payment_deadline),
                _kst(r.paid_at),
                r.invoice_number or "",
            ]
            for r in queryset.with_money().select_related("ticket_type").order_by("created")
        )
        return csv_response(
            "registrations.csv", header=[label for _key, label in CSV_COLUMNS], rows=rows
        )
