"""What a speaker's or a session's page says of itself in search results and shared links
(the meta description and og:description): a sentence built from the object's fields in the
page's language, then the object's own text, 50 to 160 characters in all."""

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from common.text import DESCRIPTION_MINIMUM, describe
from registration.models.programme import LIST_SEPARATORS
from registration.templatetags.event_tags import event_dates


def speaker_description(speaker):
    """ "Phil Huang (CEO, StemCyte) speaks at Cell & Gene Therapy East Asia 2025 in Incheon
    on 25 September 2025." then the biography."""
    event = speaker.event
    facts = {
        "name": speaker.name,
        "affiliation": speaker.affiliation,
        "event": event.name,
        "city": event.city,
        "dates": event_dates(event),
    }
    if speaker.affiliation:
        sentence = _("%(name)s (%(affiliation)s) speaks at %(event)s in %(city)s on %(dates)s.")
    else:
        sentence = _("%(name)s speaks at %(event)s in %(city)s on %(dates)s.")
    sentence %= facts
    # A short name in a language that writes densely can leave the sentence too short to
    # say much: the event's tagline then follows, before the biography.
    tagline = event.tagline if len(sentence) < DESCRIPTION_MINIMUM else ""
    return describe(sentence, tagline, speaker.bio)


def session_time(session):
    """ "25 September 2025, 10:00–11:00 KST", as the page's language writes it (also on the
    session's share card)."""
    start, end = timezone.localtime(session.start), timezone.localtime(session.end)
    return _("%(date)s, %(start)s–%(end)s KST") % {
        "date": formats.date_format(start, "DATE_FORMAT"),
        "start": f"{start:%H:%M}",
        "end": f"{end:%H:%M}",
    }


def session_description(session):
    """ "Panel at Cell & Gene Therapy East Asia 2025, 25 September 2025, 10:00–11:00 KST,
    Hall A. With Phil Huang and Jane Doe." then the session's description."""
    when = session_time(session)
    if session.room:
        when = _("%(when)s, %(room)s") % {"when": when, "room": session.room}
    sentence = _("%(kind)s at %(event)s, %(when)s.") % {
        "kind": session.get_kind_display(),
        "event": session.event.name,
        "when": when,
    }
    names = [appearance.speaker.name for appearance in getattr(session, "appearance_list", [])]
    with_speakers = ""
    if names:
        separator = LIST_SEPARATORS.get(translation.get_language(), ", ")
        with_speakers = _("With %(names)s.") % {"names": separator.join(names)}
    return describe(sentence, with_speakers, session.description)
