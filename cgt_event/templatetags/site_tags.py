"""The layout's language links: the switcher, and the hreflang alternates search engines
read."""

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation

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
