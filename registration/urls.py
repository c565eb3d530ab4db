from django.urls import path

from registration import views

app_name = "registration"

urlpatterns = [
    path("speakers/", views.speaker_list, name="speakers"),
    path("speakers/<slug:slug>/", views.speaker_detail, name="speaker"),
    path("agenda/", views.agenda, name="agenda"),
    path("agenda.ics", views.agenda_ics, name="agenda_ics"),
    path("agenda.json", views.agenda_json, name="agenda_json"),
    path("agenda/sessions/<int:pk>.ics", views.session_ics, name="session_ics"),
]
