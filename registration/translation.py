"""The event's text in every language (django-modeltranslation): one column per language,
English when a translation is empty. People's names are not translated."""

from modeltranslation.translator import TranslationOptions, register

from registration.models import Announcement, Event, Page, Session, Speaker, Sponsor, TicketType


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("name", "short_name", "tagline", "description", "venue", "city", "country")


@register(Speaker)
class SpeakerTranslation(TranslationOptions):
    fields = ("role", "organization", "bio")


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "description", "room")


@register(TicketType)
class TicketTypeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Announcement)
class AnnouncementTranslation(TranslationOptions):
    fields = ("subject", "body")


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "summary", "body")


@register(Sponsor)
class SponsorTranslation(TranslationOptions):
    fields = ("description",)
