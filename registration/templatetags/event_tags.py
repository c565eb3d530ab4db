"""How the event's dates read on pages, in e-mails and in meta tags."""

from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format

register = template.Library()


def event_days(event):
    """The first and last day of the event in Korea time. An event that ends at midnight
    (the whole-day convention) ends on the day before."""
    first = timezone.localdate(event.start)
    last = timezone.localdate(event.end - timedelta(microseconds=1))
    return first, max(first, last)


@register.filter
def event_dates(event):
    """ "25 September 2025", "25–26 September 2025" or "30 September – 1 October 2025"."""
    if not event:
        return ""
    first, last = event_days(event)
    if first == last:
        return date_format(first, "j F Y")
    if (first.year, first.month) == (last.year, last.month):
        return f"{date_format(first, 'j')}–{date_format(last, 'j F Y')}"
    if first.year == last.year:
        return f"{date_format(first, 'j F')} – {date_format(last, 'j F Y')}"
    return f"{date_format(first, 'j F Y')} – {date_format(last, 'j F Y')}"
