"""The public pages, kept rendered in each worker's memory.

A hit is answered here, before sessions, CSRF, authentication and the view, at about the
cost of a static file. The key is the content version (common.content) plus the page's full
address, scheme, host, path with its language prefix, and query string. A page is kept only
when nothing in it can be personal:

- the request is a GET (or a HEAD, which is answered from what a GET kept) without a
  session or messages cookie (staff, flash messages) and without credentials;
- the response is a complete 200 that sets no cookie, does not vary on Cookie and is not
  private or no-store. A page with a CSRF token varies on Cookie, so the forms (register,
  manage, check-in, the admin's login) are never kept.

Unprefixed addresses are the English pages; a visitor who prefers another language is sent
to theirs by PreferredLanguageMiddleware, which therefore runs just before this one.

Each page is kept for PAGE_CACHE_TIMEOUT seconds at most, so what depends on the clock
(the countdown, now and next, registration opening and closing) is never older than that.
Pages carry a weak ETag, a hash of the body, that is the same in every worker and across
renders of the same content: a browser's conditional GET gets a 304. Bodies are compressed
once, when kept (gzip, and brotli when installed); no page kept here holds a secret, so
compression reveals nothing (BREACH).
"""

import gzip
import hashlib
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import get_max_age
from django.utils.http import parse_http_date_safe, split_directive_names, split_header_value

from common.content import content_version

try:
    import brotli
except ImportError:  # pragma: no cover - brotli is a dependency; gzip alone still works
    brotli = None

# Cookies that mean the page may be personal: a logged-in person, a flash message.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
# Kept bodies larger than this are not worth the memory.
MAX_BODY = 1024 * 1024
# Headers that describe the representation or vary by request, set afresh on each answer.
OWN_HEADERS = {"content-length", "etag", "vary", "content-encoding", "cache-control", "x-cache"}
# Kept headers a 304 repeats: those Django's own 304 keeps (RFC 9110, 15.4.5, and
# Last-Modified), and the public feeds' CORS header, so a partner page's conditional fetch
# is answered as the view itself would answer it.
NOT_MODIFIED_HEADERS = {
    "content-location",
    "date",
    "expires",
    "last-modified",
    "access-control-allow-origin",
}


class Page:
    """One kept response: its headers, body in each encoding, ETag and expiry."""

    __slots__ = ("bodies", "etag", "expires", "headers", "last_modified", "size", "vary")

    def __init__(self, response, expires):
        body = response.content
        self.headers = [
            (name, value) for name, value in response.items() if name.lower() not in OWN_HEADERS
        ]
        self.last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        vary = list(split_header_value(response.get("Vary", "")))
        self.vary = ", ".join([*vary, "Accept-Encoding"])
        digest = hashlib.blake2b(body, digest_size=16).hexdigest()
        self.etag = f'W/"{digest}"'
        self.bodies = {"identity": body}
        if len(body) > 512:
            self.bodies["gzip"] = gzip.compress(body, compresslevel=6, mtime=0)
            if brotli is not None:
                self.bodies["br"] = brotli.compress(body, quality=6)
        # What the page costs in memory: its bodies, its headers and the objects around them
        # (the store adds its address, which a crawler can make kilobytes long).
        self.size = (
            sum(len(b) for b in self.bodies.values())
            + sum(len(name) + len(value) for name, value in self.headers)
            + 1024
        )
        self.expires = expires

    def answer(self, request, hit):
        meta = request.META  # not request.headers, which copies every header on first use
        coding = self._coding(meta.get("HTTP_ACCEPT_ENCODING", ""))
        if self._not_modified(meta):
            response = HttpResponseNotModified(
                headers=[(n, v) for n, v in self.headers if n.lower() in NOT_MODIFIED_HEADERS]
            )
        else:
            body = self.bodies[coding]
            head = request.method == "HEAD"
            response = HttpResponse(b"" if head else body, headers=self.headers)
            response["Content-Length"] = str(len(body))
            if coding != "identity":
                response["Content-Encoding"] = coding
        response["ETag"] = self.etag
        response["Vary"] = self.vary
        # Browsers may keep the page but must ask first: the ETag makes asking cheap, and
        # an edit shows on the next visit.
        response["Cache-Control"] = "no-cache"
        response["X-Cache"] = "hit" if hit else "miss"
        return response

    def _not_modified(self, meta):
        """As RFC 9110 (13.2.2) orders the conditions: If-None-Match when sent, else
        If-Modified-Since against the page's Last-Modified, when it has one."""
        if_none_match = meta.get("HTTP_IF_NONE_MATCH", "")
        if if_none_match:
            return _matches(if_none_match, self.etag)
        since = parse_http_date_safe(meta.get("HTTP_IF_MODIFIED_SINCE", ""))
        return None not in (since, self.last_modified) and self.last_modified <= since

    def _coding(self, accept):
        if len(self.bodies) == 1 or not accept:
            return "identity"
        offered = set()
        for part in accept.split(","):
            name, _, params = part.partition(";")
            if params.replace(" ", "").lower() in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
                continue
            offered.add(name.strip().lower())
        for coding in ("br", "gzip"):
            if coding in self.bodies and coding in offered:
                return coding
        return "identity"


def _matches(if_none_match, etag):
    """Weak comparison, as RFC 9110 asks for If-None-Match."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    opaque = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == opaque for tag in if_none_match.split(","))


class PageStore:
    """Pages of one content version, least recently used first, within a byte budget."""

    def __init__(self):
        self._lock = threading.Lock()
        self._pages = OrderedDict()
        self._version = None
        self._bytes = 0

    def get(self, version, key):
        with self._lock:
            if version != self._version:
                self._reset(version)
                return None
            page, _size = self._pages.get(key, (None, 0))
            if page is None:
                return None
            if page.expires <= time.monotonic():
                self._drop(key)
                return None
            self._pages.move_to_end(key)
            return page

    def put(self, version, key, page, budget):
        with self._lock:
            size = page.size + len(key)
            if version != self._version or size > budget:
                return  # rendered under a version that has since been retired
            if key in self._pages:
                self._drop(key)
            self._pages[key] = (page, size)
            self._bytes += size
            while self._bytes > budget:
                self._drop(next(iter(self._pages)))

    def clear(self):
        with self._lock:
            self._reset(None)

    def __len__(self):
        return len(self._pages)

    def _reset(self, version):
        self._pages.clear()
        self._bytes = 0
        self._version = version

    def _drop(self, key):
        self._bytes -= self._pages.pop(key)[1]


store = PageStore()


def cache_key(request):
    """The page's address, or None when the request may get a personal page."""
    if request.method not in ("GET", "HEAD"):
        return None
    cookies = request.COOKIES
    if any(name in cookies for name in PERSONAL_COOKIES) or "HTTP_AUTHORIZATION" in request.META:
        return None
    return f"{request.scheme}://{request.get_host()}{request.get_full_path()}"


def storable(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Content-Encoding"):
        return False
    if {"cookie", "*"} & set(split_directive_names(response.get("Vary", ""))):
        return False
    if {"private", "no-store", "no-cache"} & set(
        split_directive_names(response.get("Cache-Control", ""))
    ):
        return False
    # A response that names its own lifetime (share cards, the favicon) is kept by browsers
    # for that long; kept here, it would be answered with no-cache, and images would crowd
    # the pages out of the budget.
    if (get_max_age(response) or 0) > 0:
        return False
    return len(response.content) <= MAX_BODY


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE:
            return self.get_response(request)
        key = cache_key(request)
        version = content_version() if key else None
        if version is None:
            return self.get_response(request)
        page = store.get(version, key)
        if page is not None:
            return page.answer(request, hit=True)
        response = self.get_response(request)
        if not storable(request, response):
            return response
        page = Page(response, expires=time.monotonic() + settings.PAGE_CACHE_TIMEOUT)
        store.put(version, key, page, settings.PAGE_CACHE_MAX_BYTES)
        return page.answer(request, hit=False)
