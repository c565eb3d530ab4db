"""The share cards: the 1200×630 PNG that a shared link to a speaker, a session, a company,
a country or any other page shows (its og:image), drawn with Pillow in the page's language.

A card is the site's share image (static/img/og-image.png: the teal gradient and the
helix) with the text area redrawn: what kind of page (in mint), the object's name as large
as fits in three lines (white), its subtitle (a speaker's affiliation, a session's time and
room, a company's country) and the event's name, dates and city (gold). Text is set in Noto
Sans CJK (the badges' fonts, registration.badges), in the face of the page's language, so
Korean, Japanese and Chinese names draw with their own glyph shapes; Japanese and Chinese
lines break between any two characters, the others at spaces.

Reads only; draws in memory.
"""

import functools
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from common.text import breaks_anywhere
from landscape.models import Company, Country
from registration.badges import BOLD, FACES, GOLD, REGULAR, BadgeFontsMissing, font_dir
from registration.descriptions import session_time
from registration.models import Session, Speaker
from registration.selectors.programme import current_event
from registration.templatetags.event_tags import event_dates

WIDTH, HEIGHT = 1200, 630
# The base image's text area: left of it, the gradient is redrawn; right of it, the helix.
TEXT_LEFT, TEXT_RIGHT = 80, 860
MINT = (94, 234, 212)
WHITE = (255, 255, 255)
SOFT = (215, 231, 236)
BASE_IMAGE = Path(settings.BASE_DIR) / "static" / "img" / "og-image.png"
# Raised when the drawing changes, so cached cards of the old drawing are never served.
DRAWING_VERSION = 1


class CardFontsMissing(Exception):
    """Noto Sans CJK is not installed: the view answers with the static share image."""


@dataclass(frozen=True)
class Card:
    kind: str  # "speaker", "session", "company", "country", "event"
    key: str  # the object's slug or pk; "" for the event
    eyebrow: str
    title: str
    subtitle: str
    footer: str

    @property
    def alt(self):
        """The card's text, for og:image:alt."""
        return " — ".join(part for part in (self.title, self.subtitle, self.footer) if part)

    def digest(self, language):
        """A hash of what the card shows in `language` and of the drawing's version: the
        view's ETag and cache key, and the page's ?v= on the card's address, so an edit
        that changes the card changes its address, and a save that changes nothing on it
        (or an edit of what the card does not show) changes nothing."""
        shown = (DRAWING_VERSION, language, self.eyebrow, self.title, self.subtitle, self.footer)
        return hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()


def event_footer(event):
    if event is None:
        return _("Cell & gene therapy in East Asia")
    return " · ".join(part for part in (event.name, event_dates(event), event.city) if part)


def speaker_card(speaker):
    return Card(
        "speaker",
        speaker.slug,
        _("Speaker"),
        speaker.name,
        speaker.affiliation,
        event_footer(speaker.event),
    )


def session_card(session):
    subtitle = " · ".join(part for part in (session_time(session), session.room) if part)
    return Card(
        "session",
        str(session.pk),
        session.get_kind_display(),
        session.title,
        subtitle,
        event_footer(session.event),
    )


def company_card(company, event):
    home = company.country.name if company.country else company.headquarters
    return Card(
        "company",
        company.slug,
        _("Company"),
        company.name,
        home,
        event_footer(event),
    )


def country_card(country, event):
    return Card(
        "country",
        country.slug,
        _("Cell & gene therapy landscape"),
        country.name,
        country.summary,
        event_footer(event),
    )


def event_card(event):
    if event is None:
        return Card("event", "", "", _("Cell & gene therapy in East Asia"), "", "")
    return Card(
        "event",
        "",
        event.tagline,
        event.name,
        " · ".join(part for part in (event_dates(event), event.location) if part),
        "",
    )


# --- drawing -------------------------------------------------------------------------------


def face_for(text, language):
    """The Noto Sans CJK face: Hangul or kana in the text decide, else the page's language
    (English pages: Korean, the event's country; Latin letters are alike in every face)."""
    if any(0xAC00 <= ord(ch) <= 0xD7A3 for ch in text):
        return FACES["ko"]
    if any(0x3040 <= ord(ch) <= 0x30FF for ch in text):
        return FACES["ja"]
    return FACES.get(language, FACES["ko"])


@functools.lru_cache(maxsize=64)
def _font(bold, size, face):
    try:
        folder = font_dir()
    except BadgeFontsMissing as error:
        raise CardFontsMissing(str(error)) from error
    return ImageFont.truetype(str(folder / (BOLD if bold else REGULAR)), size, index=face)


@functools.lru_cache(maxsize=1)
def _base():
    """The share image with its text area cleared: its left column (a vertical gradient)
    stretched over everything left of the helix."""
    image = Image.open(BASE_IMAGE).convert("RGB")
    column = image.crop((0, 0, 1, HEIGHT)).resize((TEXT_RIGHT + 40, HEIGHT))
    image.paste(column, (0, 0))
    return image


# Japanese and Chinese never begin a line with these: they stay with the character before.
NO_LINE_START = set("、。，．・：；？！）」』】〕ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ,.:;!?)")


def _tokens(text):
    """Words with the space after them; Han and kana characters one by one."""
    tokens, word = [], ""
    for ch in text:
        if ch in NO_LINE_START and not word and tokens and not tokens[-1].endswith(" "):
            tokens[-1] += ch
            continue
        if ch.isspace() or breaks_anywhere(ch):
            if word:
                tokens.append(word)
                word = ""
            if ch.isspace():
                if tokens:
                    tokens[-1] += " "
            else:
                tokens.append(ch)
        else:
            word += ch
    if word:
        tokens.append(word)
    return tokens


def wrap(text, font, width, max_lines):
    """The text in lines no wider than `width`, at most `max_lines` (the last one ending in
    "…" when the text does not fit). Returns (lines, whether it all fitted)."""
    lines, line = [], ""
    for token in _tokens(" ".join(text.split())):
        candidate = line + token
        if font.getlength(candidate.rstrip()) <= width:
            line = candidate
            continue
        if line:
            lines.append(line.rstrip())
            line = ""
        # A word wider than the line is cut between characters.
        while font.getlength(token.rstrip()) > width:
            cut = len(token)
            while cut > 1 and font.getlength(token[:cut]) > width:
                cut -= 1
            lines.append(token[:cut])
            token = token[cut:]
        line = token
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) <= max_lines:
        return lines, True
    kept = lines[:max_lines]
    last = kept[-1]
    while last and font.getlength(last + "…") > width:
        last = last[:-1]
    kept[-1] = last.rstrip(" ,·—-") + "…"
    return kept, False


def _fit(text, bold, sizes, face, width, max_lines):
    """The largest size at which the text fits in max_lines, else the smallest, cut."""
    for size in sizes:
        font = _font(bold, size, face)
        lines, fitted = wrap(text, font, width, max_lines)
        if fitted:
            return font, lines
    return font, lines


def draw_card(card, language):
    """The card as PNG bytes. Raises CardFontsMissing without the fonts."""
    text = card.title + card.subtitle + card.eyebrow
    face = face_for(text, language)
    image = _base().copy()
    draw = ImageDraw.Draw(image)
    width = TEXT_RIGHT - TEXT_LEFT

    title_font, title_lines = _fit(card.title, True, (76, 68, 60, 52, 46), face, width, 3)
    subtitle_font, subtitle_lines = _fit(card.subtitle, False, (36, 32), face, width, 2)
    eyebrow_font, eyebrow_lines = _fit(card.eyebrow, False, (30,), face, width, 1)
    footer_font, footer_lines = _fit(card.footer, False, (28, 24), face, width, 1)

    def height(font, lines, leading):
        return int(font.size * leading) * len(lines)

    block = (
        height(eyebrow_font, eyebrow_lines, 1.5)
        + (24 if eyebrow_lines else 0)
        + height(title_font, title_lines, 1.18)
        + (24 + height(subtitle_font, subtitle_lines, 1.35) if subtitle_lines else 0)
    )
    footer_top = HEIGHT - 80 - height(footer_font, footer_lines, 1.3)
    # The text block centred in the space above the footer (and the accent bar).
    y = max(56, (footer_top - 56 - block) // 2)

    def lines_at(font, lines, leading, color, y):
        for line in lines:
            draw.text((TEXT_LEFT, y), line, font=font, fill=color)
            y += int(font.size * leading)
        return y

    if eyebrow_lines:
        y = lines_at(eyebrow_font, eyebrow_lines, 1.5, MINT, y) + 24
    y = lines_at(title_font, title_lines, 1.18, WHITE, y)
    if subtitle_lines:
        y = lines_at(subtitle_font, subtitle_lines, 1.35, SOFT, y + 24)
    if footer_lines:
        draw.rectangle((TEXT_LEFT, footer_top - 36, TEXT_LEFT + 200, footer_top - 28), fill=MINT)
        lines_at(footer_font, footer_lines, 1.3, GOLD, footer_top)

    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


# --- reading -------------------------------------------------------------------------------


def load_card(kind, key):
    """The card of one object, from one query (none for the event's card: the current
    event is cached). Http404 for an unknown object."""
    event = current_event()
    if kind == "speaker":
        return speaker_card(get_object_or_404(Speaker.objects.select_related("event"), slug=key))
    if kind == "session":
        if event is None:
            raise Http404
        return session_card(
            get_object_or_404(Session.objects.select_related("event"), pk=key, event=event)
        )
    if kind == "company":
        return company_card(
            get_object_or_404(Company.objects.select_related("country"), slug=key), event
        )
    if kind == "country":
        return country_card(get_object_or_404(Country, slug=key), event)
    if kind == "event":
        return event_card(event)
    raise Http404
