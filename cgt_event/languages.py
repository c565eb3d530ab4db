"""Which language a visitor reads: the one in the URL's prefix (/ko/, /ja/, /zh-hans/,
/zh-hant/; English has none). On an unprefixed page, a saved choice (the language cookie,
set by the switcher's links) or else the browser's Accept-Language sends the visitor to
their language's page. Pages themselves never set cookies, so they stay cacheable."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_from_path
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

OFFERED = [code for code, _name in settings.LANGUAGES]

# Browsers name Chinese by region or script; the site offers it by script.
CHINESE = {
    "zh": "zh-hans",
    "zh-cn": "zh-hans",
    "zh-sg": "zh-hans",
    "zh-my": "zh-hans",
    "zh-hans": "zh-hans",
    "zh-tw": "zh-hant",
    "zh-hk": "zh-hant",
    "zh-mo": "zh-hant",
    "zh-hant": "zh-hant",
}


def offered_language(tag):
    """The language we offer for a browser's tag ("ko-KR" → "ko", "zh-TW" → "zh-hant"), or
    None."""
    tag = tag.lower().replace("_", "-")
    parts = tag.split("-")
    for candidate in (tag, "-".join(parts[:2]), parts[0]):
        if candidate in CHINESE:
            return CHINESE[candidate]
        if candidate in OFFERED:
            return candidate
    if parts[0] == "zh" and len(parts) > 1:
        # zh-Hant-TW, zh-Hans-CN
        return "zh-hant" if "hant" in parts else "zh-hans"
    return None


def preferred_language(request):
    """The saved choice, else the first language of Accept-Language we offer, else None."""
    saved = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if saved in OFFERED:
        return saved
    for tag, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if tag == "*":
            break
        language = offered_language(tag)
        if language:
            return language
    return None


class PreferredLanguageMiddleware:
    """Send a visitor on an unprefixed (English) page to the page in their language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        unprefixed = get_language_from_path(request.path_info) is None
        if unprefixed and request.method in ("GET", "HEAD"):
            language = preferred_language(request)
            if language and language != settings.LANGUAGE_CODE:
                # Unprefixed paths resolve in the default language (this runs before
                # LocaleMiddleware, so the page cache behind it never sees such a visitor).
                with translation.override(settings.LANGUAGE_CODE):
                    target = translate_url(request.get_full_path(), language)
                if target != request.get_full_path():
                    response = HttpResponseRedirect(target)
                    patch_vary_headers(response, ("Accept-Language", "Cookie"))
                    return response
        response = self.get_response(request)
        if unprefixed:
            # Who gets this page rather than a redirect depends on these headers.
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


@never_cache
@require_safe
def choose_language(request, language):
    """The switcher's links end here: remember the choice, then show the page in it. Each
    link carries the page's address in that language as `next`."""
    if language not in OFFERED:
        language = settings.LANGUAGE_CODE
    target = request.GET.get("next", "")
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        with translation.override(language):
            target = reverse("home")
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        httponly=True,
    )
    return response
