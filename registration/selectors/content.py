"""Reads for the pages organizers write and the sponsors: the site's navigation needs to
know which exist on every page, so that answer is cached."""

from dataclasses import dataclass, field
from itertools import groupby

from django.http import Http404

from common.cache import MISSING, cache_bump, cache_generation, cache_get, cache_set
from common.content import per_content_version
from registration.models import Page, Sponsor

SITE_CONTENT_GENERATION = "registration:site-content:generation"
# A backstop for what no signal reports (QuerySet.update(), another process's local cache).
SITE_CONTENT_TIMEOUT = 300


@dataclass
class SiteContent:
    """The published pages by kind and whether the current event has sponsors."""

    pages: dict = field(default_factory=dict)
    has_sponsors: bool = False

    def page(self, kind):
        return self.pages.get(kind)

    @property
    def conduct(self):
        return self.pages.get(Page.Kind.CONDUCT)


@per_content_version(SITE_CONTENT_TIMEOUT)
def site_content():
    """What the navigation and footer link to. No query while the cache is warm; two when
    cold; the database alone when the cache is down. Saving a page or a sponsor moves to a
    new generation on commit (see RegistrationConfig.ready)."""
    generation = cache_generation(SITE_CONTENT_GENERATION)
    key = f"registration:site-content:{generation}"
    content = cache_get(key)
    if content is MISSING:
        content = SiteContent(
            pages={page.kind: page for page in Page.objects.filter(published=True)},
            has_sponsors=Sponsor.objects.of_current_event().exists(),
        )
        cache_set(key, content, SITE_CONTENT_TIMEOUT)
    return content


def site_content_forget():
    cache_bump(SITE_CONTENT_GENERATION)
    site_content.forget()


def page_detail(*, kind):
    """A published page, from the same cache as the navigation; 404 otherwise."""
    page = site_content().page(kind)
    if page is None:
        raise Http404
    return page


@dataclass
class SponsorTier:
    tier: str
    label: str
    sponsors: list


def sponsor_tiers():
    """The current event's sponsors grouped by tier, in tier order. One query."""
    sponsors = sorted(
        Sponsor.objects.of_current_event(),
        key=lambda sponsor: (Sponsor.Tier.rank(sponsor.tier), sponsor.order, sponsor.name),
    )
    labels = dict(Sponsor.Tier.choices)
    return [
        SponsorTier(tier, labels.get(tier, tier), list(group))
        for tier, group in groupby(sponsors, key=lambda sponsor: sponsor.tier)
    ]


def sponsor_strip():
    """The current event's sponsors in tier order, for the home page's logo strip. One
    query."""
    return [sponsor for tier in sponsor_tiers() for sponsor in tier.sponsors]
