from django.urls import path, register_converter

from registration import views
from registration.models import Page


class TokenConverter:
    """A secret token: URL-safe base64, nothing else, so odd paths 404 before any query."""

    regex = r"[A-Za-z0-9_-]{20,64}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TokenConverter, "token")

app_name = "registration"

urlpatterns = [
    path("speakers/", views.speaker_list, name="speakers"),
    path("speakers/<slug:slug>/", views.speaker_detail, name="speaker"),
    path("agenda/", views.agenda, name="agenda"),
    path("agenda.ics", views.agenda_ics, name="agenda_ics"),
    path("agenda.json", views.agenda_json, name="agenda_json"),
    path("agenda/schedule.json", views.schedule_json, name="schedule_json"),
    path("agenda/schedule.xml", views.schedule_xml, name="schedule_xml"),
    path("agenda/<int:pk>/", views.session_detail, name="session"),
    path("agenda/sessions/<int:pk>.ics", views.session_ics, name="session_ics"),
    path("my-schedule/", views.my_schedule, name="my_schedule"),
    path("my-schedule.ics", views.my_schedule_ics, name="my_schedule_ics"),
    path("venue/", views.page, {"kind": Page.Kind.VENUE}, name="venue"),
    path("about/", views.page, {"kind": Page.Kind.ABOUT}, name="about"),
    path("faq/", views.page, {"kind": Page.Kind.FAQ}, name="faq"),
    path("code-of-conduct/", views.page, {"kind": Page.Kind.CONDUCT}, name="code-of-conduct"),
    path("sponsors/", views.sponsors, name="sponsors"),
    path("register/", views.register, name="register"),
    path("register/thanks/", views.register_done, name="register_done"),
    path("register/deleted/", views.registration_deleted, name="deleted"),
    path("register/<token:token>/", views.manage, name="manage"),
    path("register/<token:token>/ticket.svg", views.manage_qr, name="manage_qr"),
    path("register/<token:token>/event.ics", views.manage_calendar, name="manage_calendar"),
    path(
        "register/<token:token>/documents/<str:number>.pdf",
        views.manage_document,
        name="manage_document",
    ),
    path(
        "register/<token:token>/receipts/<str:number>.pdf",
        views.manage_receipt,
        name="manage_receipt",
    ),
    path("register/<token:token>/cancel/", views.manage_cancel, name="manage_cancel"),
    path("register/<token:token>/delete/", views.manage_delete, name="manage_delete"),
    path("checkin/", views.checkin_desk, name="checkin_desk"),
    path("checkin/counts.json", views.checkin_counts, name="checkin_counts"),
    path("checkin/<token:token>/", views.checkin, name="checkin"),
    path("checkin/<token:token>/undo/", views.checkin_undo, name="checkin_undo"),
    path("checkin/<token:token>/badge.pdf", views.checkin_badge, name="checkin_badge"),
]
