"""The sitemap: every public page in every language, each entry listing the others as
alternates (and English as x-default), with the time its content last changed.

Queries: one for each object kind (countries, companies, speakers, sessions) and four
aggregates for the fixed pages, whatever the amount of content; the current event and the
published pages come from the cache.
"""

from dataclasses import dataclass, field

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from landscape.models import Company, Country, Overview
from registration.models import Page, Session, Speaker
from registration.selectors.content import site_content
from registration.selectors.programme import current_event


class I18nSitemap(Sitemap):
    """Every page in every language, each entry listing the others as alternates."""

    i18n = True
    alternates = True
    x_default = True

    def lastmod(self, item):
        return item.updated


@dataclass(frozen=True)
class FixedPage:
    """A page that is not one object: its URL name and when what it shows last changed
    (None when nothing it shows records that)."""

    url_name: str
    lastmod: object = field(default=None, compare=False)


def latest(*times):
    return max((time for time in times if time is not None), default=None)


class PageSitemap(I18nSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        event = current_event()
        event_updated = event.updated if event else None
        speakers = sessions = None
        if event is not None:
            speakers = Speaker.objects.filter(event=event).aggregate(t=Max("updated"))["t"]
            sessions = Session.objects.filter(event=event).aggregate(t=Max("updated"))["t"]
        overview = latest(
            Overview.objects.aggregate(t=Max("updated"))["t"],
            Country.objects.aggregate(t=Max("updated"))["t"],
        )
        companies = Company.objects.aggregate(t=Max("updated"))["t"]
        pages = [
            FixedPage("home", latest(event_updated, speakers, overview)),
            FixedPage("landscape:overview", overview),
            FixedPage("landscape:companies", companies),
            FixedPage("registration:speakers", latest(event_updated, speakers)),
            FixedPage("registration:agenda", latest(event_updated, sessions)),
        ]
        if event is not None:
            pages.append(FixedPage("registration:register", event_updated))
        content = site_content()
        for kind in Page.Kind.values:
            page = content.page(kind)
            if page is not None:
                pages.append(FixedPage(f"registration:{kind}", page.updated))
        if content.has_sponsors:
            # Sponsors record no update time; the page is listed without one.
            pages.append(FixedPage("registration:sponsors"))
        pages.append(FixedPage("privacy", event_updated))
        return pages

    def location(self, item):
        return reverse(item.url_name)

    def lastmod(self, item):
        return item.lastmod


class CountrySitemap(I18nSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return Country.objects.only("slug", "updated")


class CompanySitemap(I18nSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Company.objects.only("slug", "updated")


class SpeakerSitemap(I18nSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Speaker.objects.only("slug", "updated")


class SessionSitemap(I18nSitemap):
    """The current event's sessions (the only ones with a page)."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        event = current_event()
        if event is None:
            return []
        return Session.objects.for_event(event).only("pk", "updated")


SITEMAPS = {
    "pages": PageSitemap,
    "countries": CountrySitemap,
    "companies": CompanySitemap,
    "speakers": SpeakerSitemap,
    "sessions": SessionSitemap,
}
