"""What a country's or a company's page says of itself in search results and shared links
(the meta description and og:description): a sentence in the page's language, then the
object's own text, 50 to 160 characters in all."""

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from common.text import DESCRIPTION_MINIMUM, join_sentences
from common.text import describe as text_describe

LANDSCAPE = gettext_noop(
    "A live map of East Asia's cell and gene therapy companies, pipelines and regulation."
)


def describe(*parts):
    """common.text.describe; when the parts say less than DESCRIPTION_MINIMUM characters (a
    short name, written densely in Chinese or Japanese), what the landscape is follows."""
    text = join_sentences(strip_tags(part) for part in parts if part)
    if len(text) < DESCRIPTION_MINIMUM:
        text = join_sentences([text, _(LANDSCAPE)])
    return text_describe(text)


def country_description(country):
    """ "Cell and gene therapy in Japan: regulatory progress, clinical trials, companies and
    pipelines." then the country's summary or its regulatory progress."""
    sentence = _(
        "Cell and gene therapy in %(name)s: regulatory progress, clinical trials, "
        "highlights, companies and pipelines."
    ) % {"name": country.name}
    return describe(sentence, country.summary or country.regulatory_progress)


def company_description(company):
    """ "StemCyte (Taiwan): its cell and gene therapy programs and news in the East Asia
    landscape." then its programs (prefetched by the page's selector) and its
    description."""
    home = company.country.name if company.country else company.headquarters
    if home:
        sentence = _(
            "%(name)s (%(country)s): its cell and gene therapy programs and news in the "
            "East Asia landscape."
        ) % {"name": company.name, "country": home}
    else:
        sentence = _(
            "%(name)s: its cell and gene therapy programs and news in the East Asia landscape."
        ) % {"name": company.name}
    names = [program.name for program in company.programs.all()]
    programs = _("Programs: %(names)s.") % {"names": ", ".join(names)} if names else ""
    return describe(sentence, programs, company.description)
