"""Mail in the admin: every e-mail with its state for the desk, and announcements organizers
write, preview and send. Sending only queues: the worker does the rest."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from registration import emails
from registration.admin.defaults import ReadOnlyAdmin
from registration.models import Announcement, Email, Registration
from registration.services import announcements
from registration.services.emails import email_resend


def _can_resend(request):
    # Sending mail to attendees is a change to their registration, not a view of it.
    return request.user.has_perm("registration.change_registration")


@admin.register(Email)
class EmailAdmin(ReadOnlyAdmin):
    list_display = [
        "created",
        "registration_reference",
        "kind",
        "state",
        "attempts",
        "sent_at",
        "next_attempt_at",
        "last_error",
    ]
    list_filter = ["state", "kind", "registration__event"]
    list_select_related = ["registration"]
    search_fields = ["registration__reference"]
    date_hierarchy = "created"
    actions = ["send_again"]
    fields = [
        "registration_reference",
        "kind",
        "announcement",
        "state",
        "attempts",
        "last_error",
        "created",
        "next_attempt_at",
        "sent_at",
        "resend_of",
    ]
    readonly_fields = fields

    def has_send_again_permission(self, request):
        return _can_resend(request)

    @admin.display(description=_("registration"), ordering="registration__reference")
    def registration_reference(self, obj):
        url = reverse("admin:registration_registration_change", args=[obj.registration_id])
        return format_html('<a href="{}">{}</a>', url, obj.registration.reference)

    @admin.action(description=_("Send again"), permissions=["send_again"])
    def send_again(self, request, queryset):
        sent, skipped = 0, 0
        for email in queryset:
            if email_resend(email=email) is None:
                skipped += 1
            else:
                sent += 1
        self.message_user(
            request,
            ngettext(
                "%(n)d e-mail queued to be sent again.",
                "%(n)d e-mails queued to be sent again.",
                sent,
            )
            % {"n": sent},
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(n)d e-mail no longer says what is true of its registration (or its "
                    "personal data is deleted) and was not sent.",
                    "%(n)d e-mails no longer say what is true of their registrations (or their "
                    "personal data is deleted) and were not sent.",
                    skipped,
                )
                % {"n": skipped},
                messages.WARNING,
            )


class AnnouncementForm(forms.ModelForm):
    statuses = forms.MultipleChoiceField(
        label=_("To registrations that are"),
        choices=[
            (Registration.Status.CONFIRMED, _("Confirmed")),
            (Registration.Status.WAITLISTED, _("On the waiting list")),
        ],
        widget=forms.CheckboxSelectMultiple,
        initial=[Registration.Status.CONFIRMED],
    )

    class Meta:
        model = Announcement
        fields = ["event", "subject", "body", "statuses", "ticket_types"]
        widgets = {"ticket_types": forms.CheckboxSelectMultiple}


@admin.register(Announcement)
class AnnouncementAdmin(TabbedTranslationAdmin):
    form = AnnouncementForm
    list_display = ["subject", "event", "created", "sent_at", "recipient_count"]
    list_filter = ["event"]
    search_fields = ["subject"]

    def has_change_permission(self, request, obj=None):
        # A sent announcement is history: it can be read, not rewritten.
        if obj is not None and obj.sent_at is not None:
            return False
        return super().has_change_permission(request, obj)

    def get_urls(self):
        return [
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="registration_announcement_preview",
            ),
            *super().get_urls(),
        ]

    def response_add(self, request, obj, post_url_continue=None):
        return redirect("admin:registration_announcement_preview", pk=obj.pk)

    def response_change(self, request, obj):
        if obj.sent_at is None:
            return redirect("admin:registration_announcement_preview", pk=obj.pk)
        return super().response_change(request, obj)

    def preview_view(self, request, pk):
        """What the announcement will say and to how many people; sending happens here."""
        announcement = get_object_or_404(Announcement, pk=pk)
        if not self.has_view_permission(request, announcement):
            raise PermissionDenied
        may_send = request.user.has_perm("registration.send_announcement")
        recipients = announcement.recipients()
        if request.method == "POST":
            if not may_send:
                raise PermissionDenied
            try:
                count = announcements.announcement_send(announcement=announcement)
            except announcements.AlreadySent:
                self.message_user(request, _("This announcement was sent already."))
                return redirect("admin:registration_announcement_changelist")
            self.message_user(
                request,
                ngettext(
                    "The announcement is queued for %(n)d person.",
                    "The announcement is queued for %(n)d people.",
                    count,
                )
                % {"n": count},
                messages.SUCCESS,
            )
            return redirect("admin:registration_announcement_changelist")
        # A stand-in recipient: the preview shows no attendee's name or secret link.
        stand_in = Registration(
            event=announcement.event,
            given_name=_("(their given name)"),
            family_name="",
            token="x" * 43,
        )
        message = emails.build_message(
            Email(registration=stand_in, kind=Email.Kind.ANNOUNCEMENT, announcement=announcement)
        )
        preview = {"subject": message.subject, "body": message.body}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Preview: %(subject)s") % {"subject": announcement.subject},
            "announcement": announcement,
            "recipient_count": recipients.count(),
            "preview": preview,
            "may_send": may_send and announcement.sent_at is None,
        }
        return TemplateResponse(request, "admin/registration/announcement/preview.html", context)
