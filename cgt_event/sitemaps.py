from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from landscape.models import Company, Country
from registration.models import Speaker


class I18nSitemap(Sitemap):
    """Every page in every language, each entry listing the others as alternates."""

    i18n = True
    alternates = True
    x_default = True


class PageSitemap(I18nSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return [
            "home",
            "landscape:overview",
            "landscape:companies",
            "registration:speakers",
            "registration:agenda",
        ]

    def location(self, item):
        return reverse(item)


class CountrySitemap(I18nSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return Country.objects.all()


class CompanySitemap(I18nSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Company.objects.all()


class SpeakerSitemap(I18nSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Speaker.objects.all()


SITEMAPS = {
    "pages": PageSitemap,
    "countries": CountrySitemap,
    "companies": CompanySitemap,
    "speakers": SpeakerSitemap,
}
