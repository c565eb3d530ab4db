"""The landscape's text in every language (django-modeltranslation): one column per
language, English when a translation is empty. Company and product names, numbers and
people's names are not translated."""

from modeltranslation.translator import TranslationOptions, register

from landscape.models import Company, Country, Highlight, KeyFigure, Overview, Program


@register(Overview)
class OverviewTranslation(TranslationOptions):
    fields = ("title", "intro", "drivers_intro", "growth_drivers", "closing_remarks", "as_of")


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name", "regulatory_progress", "trials_activity", "growth_indicators", "summary")


@register(KeyFigure)
class KeyFigureTranslation(TranslationOptions):
    fields = ("display", "as_of", "source")


@register(Highlight)
class HighlightTranslation(TranslationOptions):
    fields = ("text",)


@register(Company)
class CompanyTranslation(TranslationOptions):
    fields = ("description", "headquarters")


@register(Program)
class ProgramTranslation(TranslationOptions):
    fields = ("indication", "status_note", "source")
