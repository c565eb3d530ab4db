"""The layout's language links (the switcher, and the hreflang alternates search engines
read), and what the layout tells search engines and shared links of each page: its
description and its share card."""

import html
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.html import format_html, strip_tags

from cgt_event import cards
from common.text import DESCRIPTION_LIMIT, summarize

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str  # this page in that language
    choose_url: str  # the switcher's link: remembers the choice, then goes to `url`
    current: bool

    @property
    def html_lang(self):
        """The BCP 47 tag: zh-Hans, zh-Hant."""
        return (
            translation.to_language(translation.to_locale(self.code))
            .replace("zh-hans", "zh-Hans")
            .replace("zh-hant", "zh-Hant")
        )


@register.simple_tag(takes_context=True)
def language_links(context):
    request = context.get("request")
    current = translation.get_language()
    path = request.get_full_path() if request else "/"
    links = []
    match = getattr(request, "resolver_match", None)
    for code, name in settings.LANGUAGES:
        url = _translated(path, match, code)
        choose = reverse("choose_language", kwargs={"language": code})
        links.append(
            LanguageLink(code, name, url, f"{choose}?{urlencode({'next': url})}", code == current)
        )
    return links


def _translated(path, match, code):
    """translate_url() without resolving the path again: the request's resolver match
    already names the view and its arguments (five resolves of the whole URLconf were a
    good part of every page's render)."""
    if match is None or not match.url_name:
        return translate_url(path, code)
    with translation.override(code):
        try:
            translated = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return path
    parts = urlsplit(path)
    return urlunsplit((parts.scheme, parts.netloc, translated, parts.query, parts.fragment))


@register.filter
def html_lang(code):
    """The lang attribute for a language code: "ko", "zh-Hans"."""
    return {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}.get(code, code)


class DescriptionNode(template.Node):
    """{% describe %}…{% enddescribe %}: the meta description and og:description, one text
    in both, on one line and at most DESCRIPTION_LIMIT characters (cut at a word boundary).
    The text inside is rendered once, blocks included, so pages keep overriding
    {% block meta_description %} inside it."""

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        text = summarize(
            html.unescape(strip_tags(self.nodelist.render(context))), DESCRIPTION_LIMIT
        )
        return format_html(
            '<meta name="description" content="{}">\n  <meta property="og:description" '
            'content="{}">',
            text,
            text,
        )


@register.tag
def describe(parser, token):
    nodelist = parser.parse(("enddescribe",))
    parser.delete_first_token()
    return DescriptionNode(nodelist)


CARDS = {
    "speaker": (cards.speaker_card, "og_speaker"),
    "session": (cards.session_card, "og_session"),
    "company": (cards.company_card, "og_company"),
    "country": (cards.country_card, "og_country"),
}


@register.inclusion_tag("partials.html#og_image", takes_context=True)
def og_image(context, kind="event", obj=None):
    """The page's share card: og:image with its address in the page's language, size, type
    and alt text. The address carries a digest of what the card shows (?v=), so sites that
    keep shared images by address fetch the new card after an edit that changes it."""
    event = context.get("site_event")
    event = event if event else None  # the layout's lazy object: None before any event
    if kind == "event" or obj is None:
        card, url = cards.event_card(event), reverse("og_event")
    else:
        build, url_name = CARDS[kind]
        card = build(obj) if kind in ("speaker", "session") else build(obj, event)
        url = reverse(url_name, kwargs={"key": card.key})
    request = context.get("request")
    base = f"{request.scheme}://{request.get_host()}" if request else ""
    return {
        "url": f"{base}{url}?{urlencode({'v': card.digest(translation.get_language())[:12]})}",
        "alt": card.alt,
        "width": cards.WIDTH,
        "height": cards.HEIGHT,
    }
