from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from registration import calendar
from registration.selectors import programme


@require_safe
def speaker_list(request):
    event = programme.current_event()
    return render(
        request,
        "registration/speaker_list.html",
        {"event": event, "speakers": programme.speaker_list(event=event)},
    )


@require_safe
def speaker_detail(request, slug):
    speaker = programme.speaker_detail(slug=slug)
    return render(request, "registration/speaker_detail.html", {"speaker": speaker})


@require_safe
def agenda(request):
    return render(request, "registration/agenda.html", programme.agenda())


def _ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def agenda_ics(request):
    event = programme.current_event()
    sessions = programme.agenda_sessions(event=event)
    content = calendar.agenda_calendar(
        event, sessions, domain=request.get_host(), base_url=request.build_absolute_uri("/")[:-1]
    )
    return _ics_response(content, calendar.agenda_filename(event))


@require_safe
def session_ics(request, pk):
    session = programme.session_detail(pk=pk)
    content = calendar.session_calendar(
        session, domain=request.get_host(), base_url=request.build_absolute_uri("/")[:-1]
    )
    return _ics_response(content, f"{session.event.slug}-session-{session.pk}.ics")


@require_safe
def agenda_json(request):
    """The schedule for apps and screens: ISO 8601 times with their offset (+09:00)."""
    event = programme.current_event()
    sessions = programme.agenda_sessions(event=event)
    absolute = request.build_absolute_uri

    def iso(moment):
        return timezone.localtime(moment).isoformat()

    data = {
        "event": None
        if event is None
        else {
            "name": event.name,
            "start": iso(event.start),
            "end": iso(event.end),
            "venue": event.venue,
            "city": event.city,
            "country": event.country,
            "timezone": "Asia/Seoul",
        },
        "sessions": [
            {
                "id": session.pk,
                "title": session.title,
                "kind": session.kind,
                "description": session.description,
                "start": iso(session.start),
                "end": iso(session.end),
                "room": session.room,
                "url": absolute(session.get_absolute_url()),
                "ics": absolute(reverse("registration:session_ics", kwargs={"pk": session.pk})),
                "speakers": [
                    {
                        "name": appearance.speaker.name,
                        "role": appearance.role,
                        "url": absolute(appearance.speaker.get_absolute_url()),
                    }
                    for appearance in session.appearance_list
                ],
            }
            for session in sessions
        ],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
