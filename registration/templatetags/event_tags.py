"""How the event's dates read on pages, in e-mails and in meta tags."""

from django import template
from django.utils import formats, translation
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

register = template.Library()


# How each language shortens a range of days: (first day in the same month, last day in the
# same month, first day in the same year, last day in the same year).
RANGES = {
    "en": ("j", "j F Y", "j F", "j F Y"),
    "ko": ("Y년 n월 j", "j일", "Y년 n월 j일", "n월 j일"),
    "ja": ("Y年n月j", "j日", "Y年n月j日", "n月j日"),
    "zh-hans": ("Y年n月j", "j日", "Y年n月j日", "n月j日"),
    "zh-hant": ("Y年n月j", "j日", "Y年n月j日", "n月j日"),
}


@register.filter
def event_dates(event):
    """The event's days as the current language writes them: "25 September 2025",
    "2025년 9월 25–26일", "2025年9月30日 – 10月1日"."""
    if not event:
        return ""
    first, last = event.days
    if first == last:
        return formats.date_format(first, "DATE_FORMAT")
    same_month_first, same_month_last, same_year_first, same_year_last = RANGES.get(
        translation.get_language(), RANGES["en"]
    )
    if (first.year, first.month) == (last.year, last.month):
        return f"{date_format(first, same_month_first)}–{date_format(last, same_month_last)}"
    if first.year == last.year:
        return f"{date_format(first, same_year_first)} – {date_format(last, same_year_last)}"
    full = "DATE_FORMAT"
    return f"{formats.date_format(first, full)} – {formats.date_format(last, full)}"


@register.filter
def event_times(event):
    """The day's times when organizers have set them: "09:00–18:00 KST, doors open 08:30";
    "" for an all-day event without a doors time."""
    if not event:
        return ""
    parts = []
    if event.programme_times:
        start, end = event.programme_times
        parts.append(f"{start:%H:%M}–{end:%H:%M} KST")
    if event.doors_open:
        parts.append(_("doors open %(time)s") % {"time": f"{event.doors_open:%H:%M}"})
    separator = (
        "，"
        if translation.get_language() in ("zh-hans", "zh-hant")
        else "、"
        if translation.get_language() == "ja"
        else ", "
    )
    return separator.join(parts)
