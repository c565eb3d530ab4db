"""Organizer-written text with a little formatting, made safe with nh3 before it is shown."""

import re
from functools import lru_cache

import markdown
import nh3
from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils.safestring import SafeData, mark_safe

register = template.Library()

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
LOOKS_LIKE_HTML = re.compile(r"</?[a-zA-Z][^>]*>")


# Both filters are pure functions of their input, and the same bios and descriptions are
# shown on page after page: their output is remembered by input (bounded, per process).
# Whether the input is already safe is part of the key, as linebreaks escapes only text
# that is not.
MEMO_SIZE = 2048


@register.filter(is_safe=True)
def rich_text(value):
    """Plain text becomes paragraphs; HTML keeps only simple formatting and safe links."""
    if not value:
        return ""
    return _rich_text(str(value), isinstance(value, SafeData))


@lru_cache(maxsize=MEMO_SIZE)
def _rich_text(value, is_safe):
    if LOOKS_LIKE_HTML.search(value):
        html = value
    else:
        html = linebreaks_filter(mark_safe(value) if is_safe else value, autoescape=True)
    return mark_safe(
        nh3.clean(
            str(html),
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer nofollow",
        )
    )


PAGE_TAGS = ALLOWED_TAGS | {"h2", "h3", "h4"}


@register.filter(is_safe=True)
def markdown_text(value):
    """A page organizers write in Markdown, made safe with nh3: headings, lists, links and
    emphasis survive; scripts, styles, images and attributes other than a link's do not."""
    if not value:
        return ""
    return _markdown_text(str(value))


@lru_cache(maxsize=MEMO_SIZE)
def _markdown_text(value):
    html = markdown.markdown(value, output_format="html")
    return mark_safe(
        nh3.clean(
            html,
            tags=PAGE_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer nofollow",
        )
    )
