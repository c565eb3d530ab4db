from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from common.feeds import public_feed, set_last_modified
from registration import calendar, descriptions, identifiers, schedule
from registration.selectors import content, programme


@require_safe
def speaker_list(request):
    event = programme.current_event()
    page_obj = programme.speaker_list(event=event, page=request.GET.get("page", 1))
    return render(
        request,
        "registration/speaker_list.html",
        {
            "event": event,
            "speakers": page_obj.object_list,
            "page_obj": page_obj,
            "page_range": page_obj.paginator.get_elided_page_range(
                page_obj.number, on_each_side=2, on_ends=1
            ),
        },
    )


@require_safe
def speaker_detail(request, slug):
    speaker = programme.speaker_detail(slug=slug)
    context = {"speaker": speaker, "description": descriptions.speaker_description(speaker)}
    return render(request, "registration/speaker_detail.html", context)


@require_safe
def agenda(request):
    # Free text, like the explorer's filters: an unknown track or kind shows nothing.
    track = request.GET.get("track", "")[:100] or None
    kind = request.GET.get("kind", "")[:20] or None
    context = programme.agenda(track=track, kind=kind)
    context.update(track=track, kind=kind, filtered=bool(track or kind))
    return render(request, "registration/agenda.html", context)


@require_safe
def session_detail(request, pk):
    session = programme.session_detail(pk=pk)
    context = {"session": session, "description": descriptions.session_description(session)}
    return render(request, "registration/session_detail.html", context)


@require_safe
def my_schedule(request):
    """The sessions a visitor starred. The stars live in the browser (localStorage), which
    puts their ids in the address (?s=3,7), so the server renders the list and the page
    can be cached and bookmarked like any other."""
    ids = programme.parse_session_ids(request.GET.get("s"))
    return render(
        request,
        "registration/my_schedule.html",
        {
            "sessions": programme.my_schedule(ids=ids),
            "asked": "s" in request.GET,
            "ids": ",".join(map(str, ids)),
        },
    )


@public_feed
@require_safe
def my_schedule_ics(request):
    event = programme.current_event()
    sessions = programme.my_schedule(ids=programme.parse_session_ids(request.GET.get("s")))
    content = calendar.agenda_calendar(
        event,
        sessions,
        base_url=request.build_absolute_uri("/")[:-1],
        name=_("My schedule"),
    )
    slug = event.slug if event else "agenda"
    return _ics_response(content, f"{slug}-my-schedule.ics")


@require_safe
def page(request, kind):
    return render(request, "registration/page.html", {"page": content.page_detail(kind=kind)})


@require_safe
def sponsors(request):
    tiers = content.sponsor_tiers()
    if not tiers:
        raise Http404
    return render(request, "registration/sponsors.html", {"tiers": tiers})


def _ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@public_feed
@require_safe
def agenda_ics(request):
    event = programme.current_event()
    sessions = programme.agenda_sessions(event=event)
    content = calendar.agenda_calendar(
        event, sessions, base_url=request.build_absolute_uri("/")[:-1]
    )
    return _ics_response(content, calendar.agenda_filename(event))


@public_feed
@require_safe
def session_ics(request, pk):
    session = programme.session_detail(pk=pk)
    content = calendar.session_calendar(session, base_url=request.build_absolute_uri("/")[:-1])
    response = _ics_response(content, f"{session.event.slug}-session-{session.pk}.ics")
    return set_last_modified(response, calendar.session_revised(session, session.event))


@public_feed
@require_safe
def agenda_json(request):
    """Our own schedule format for screens and scripts: ISO 8601 times with their offset
    (+09:00), each session's calendar file and its speakers' roles, which the frab formats
    have no place for. The guids are those of the schedule feeds (registration.identifiers)."""
    event = programme.current_event()
    sessions = programme.agenda_sessions(event=event)
    absolute = request.build_absolute_uri

    def iso(moment):
        return timezone.localtime(moment).isoformat()

    data = {
        "event": None
        if event is None
        else {
            "guid": str(identifiers.event_guid(event)),
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
                "guid": str(identifiers.session_guid(event, session.pk)),
                "title": session.title,
                "kind": session.kind,
                "description": session.description,
                "start": iso(session.start),
                "end": iso(session.end),
                "room": session.room,
                "language": session.language or None,
                "url": absolute(session.get_absolute_url()),
                "ics": absolute(reverse("registration:session_ics", kwargs={"pk": session.pk})),
                "speakers": [
                    {
                        "guid": str(identifiers.speaker_guid(event, appearance.speaker.pk)),
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


def _schedule_document(request):
    """The current event's schedule for the conference-app feeds; a 404 without an event,
    since a schedule without a conference (title, acronym, dates) is not a valid one."""
    event = programme.current_event()
    if event is None:
        raise Http404
    sessions = programme.agenda_sessions(event=event)
    return schedule.schedule_document(event, sessions, absolute=request.build_absolute_uri)


@public_feed
@require_safe
def schedule_json(request):
    """The c3voc schedule JSON (frab, pretalx) that conference apps read. Two queries."""
    return JsonResponse(_schedule_document(request), json_dumps_params={"ensure_ascii": False})


@public_feed
@require_safe
def schedule_xml(request):
    """The frab schedule.xml (Giggity, ConfClerk), the same data as schedule_json."""
    content = schedule.schedule_xml(
        _schedule_document(request), url=request.build_absolute_uri(request.path)
    )
    return HttpResponse(content, content_type="application/xml; charset=utf-8")
