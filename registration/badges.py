"""Name badges as PDF: one A6 badge a page, or four A6 badges on an A4 sheet with cut marks
(an A4 sheet cut in four is A6, so any office printer makes them).

A badge carries the event's name on a teal band, the person's name as large as fits
(family name first for names in Hangul, kana or Han characters, with the Latin-letter name
beneath when given), organization, country, ticket type on a gold band, and a QR code of
the check-in link. Text is set in Noto Sans CJK (Debian's fonts-noto-cjk, or the folder
settings.BADGE_FONT_DIR names), whose Japanese, Korean, Simplified and Traditional Chinese
faces draw each script's own glyph shapes; it also holds Latin.

Reads only; no writes.
"""

import logging
from pathlib import Path

import segno
from django.conf import settings
from django.http import HttpResponse
from fpdf import FPDF
from fpdf.enums import WrapMode

# fontTools reports every glyph it subsets at INFO, and fpdf2 warns with the characters a
# font lacks, which would put part of an attendee's name in the logs.
logging.getLogger("fontTools").setLevel(logging.WARNING)
logging.getLogger("fpdf").setLevel(logging.ERROR)

A6 = (105.0, 148.0)
A4 = (210.0, 297.0)
LAYOUTS = ("a6", "a4")
MARGIN = 8.0
TEAL = (11, 61, 79)
GOLD = (246, 196, 83)
INK = (11, 37, 48)
MUTED = (75, 93, 102)

REGULAR = "NotoSansCJK-Regular.ttc"
BOLD = "NotoSansCJK-Bold.ttc"
# Faces in the Noto Sans CJK collections, in their order.
FACES = {"ja": 0, "ko": 1, "zh-hans": 2, "zh-hant": 3}


class BadgeFontsMissing(Exception):
    """The CJK font files are not where settings.BADGE_FONT_DIR says."""


def font_dir():
    folder = Path(settings.BADGE_FONT_DIR)
    if not all((folder / name).is_file() for name in (REGULAR, BOLD)):
        raise BadgeFontsMissing(folder)
    return folder


COUNTRY_FACES = {
    "CN": "zh-hans",
    "SG": "zh-hans",
    "TW": "zh-hant",
    "HK": "zh-hant",
    "MO": "zh-hant",
    "JP": "ja",
    "KR": "ko",
}


def face_for(registration):
    """Which script's glyph shapes to use (the same character is drawn differently in
    Japan, Korea, China and Taiwan): Hangul or kana decide; else the language the person
    registered in; else their country; else Korean, the event's country."""
    text = registration.full_name + registration.organization
    if any(0xAC00 <= ord(ch) <= 0xD7A3 or 0x1100 <= ord(ch) <= 0x11FF for ch in text):
        return "ko"
    if any(0x3040 <= ord(ch) <= 0x30FF for ch in text):
        return "ja"
    if registration.language in FACES:
        return registration.language
    return COUNTRY_FACES.get(str(registration.country), "ko")


class BadgeSheet(FPDF):
    def __init__(self, layout):
        super().__init__(unit="mm", format=A6 if layout == "a6" else A4)
        self.layout = layout
        self.set_auto_page_break(False)
        self.set_margin(0)
        self.set_creator("CGT East Asia")
        self.fonts_dir = font_dir()
        self.loaded = set()

    def use(self, face, bold=False, size=12):
        family = f"noto-{face}{'-bold' if bold else ''}"
        if family not in self.loaded:
            self.add_font(
                family,
                "",
                str(self.fonts_dir / (BOLD if bold else REGULAR)),
                collection_font_number=FACES[face],
            )
            self.loaded.add(family)
        self.set_font(family, size=size)

    def can_draw(self, text, face):
        """Whether the face has a glyph for every character (Noto Sans CJK covers Latin,
        Greek, Cyrillic, Hangul, kana and Han, not Arabic, Hebrew or Thai)."""
        self.use(face)
        cmap = self.current_font.cmap
        return all(ch.isspace() or ord(ch) in cmap for ch in text)

    def fit(self, text, *, width, sizes, max_lines, face, bold=False):
        """The largest size at which text fits in max_lines lines of width; the lines."""
        wrap = WrapMode.CHAR if " " not in text.strip() else WrapMode.WORD
        for size in sizes:
            self.use(face, bold=bold, size=size)
            lines = self.multi_cell(
                width, size * 0.45, text, dry_run=True, output="LINES", wrapmode=wrap
            )
            if len(lines) <= max_lines and all(
                self.get_string_width(line) <= width + 0.01 for line in lines
            ):
                return size, lines
        # Still too long at the smallest size: keep what fits and mark the cut.
        lines = lines[:max_lines]
        last = lines[-1]
        while last and self.get_string_width(last + "…") > width:
            last = last[:-1]
        return sizes[-1], [*lines[:-1], last + "…"]

    def lines(self, x, y, width, lines, size, color, align="L"):
        self.set_text_color(*color)
        height = size * 0.45
        for line in lines:
            self.set_xy(x, y)
            self.cell(width, height, line, align=align)
            y += height
        return y

    def qr(self, x, y, size, data):
        matrix = segno.make(data, error="m").matrix
        module = size / len(matrix)
        self.set_fill_color(*INK)
        for row, bits in enumerate(matrix):
            col = 0
            while col < len(bits):
                if bits[col]:
                    run = col
                    while run < len(bits) and bits[run]:
                        run += 1
                    self.rect(x + col * module, y + row * module, (run - col) * module, module, "F")
                    col = run
                else:
                    col += 1

    def cut_marks(self):
        """Short grey lines where the A4 sheet is cut into four A6 badges."""
        width, height = A4
        middle_x, middle_y = A6
        self.set_draw_color(150, 150, 150)
        self.set_line_width(0.2)
        self.line(middle_x, 0, middle_x, 6)
        self.line(middle_x, height - 6, middle_x, height)
        self.line(0, middle_y, 6, middle_y)
        self.line(width - 6, middle_y, width, middle_y)
        self.line(middle_x - 3, middle_y, middle_x + 3, middle_y)
        self.line(middle_x, middle_y - 3, middle_x, middle_y + 3)

    def badge(self, x0, y0, registration, url, event_name):
        width, height = A6
        inner = width - 2 * MARGIN
        face = face_for(registration)

        # The event's band.
        self.set_fill_color(*TEAL)
        self.rect(x0, y0, width, 22, "F")
        self.set_fill_color(*GOLD)
        self.rect(x0, y0 + 22, width, 1.2, "F")
        size, lines = self.fit(
            event_name, width=inner, sizes=(15, 13, 11, 9), max_lines=2, face=face, bold=True
        )
        self.lines(x0 + MARGIN, y0 + 11 - len(lines) * size * 0.225, inner, lines, size, (255,) * 3)

        # The person. A name in a script the font cannot draw prints its Latin-letter form
        # (the form asks for one for such names) rather than gaps.
        name, latin = registration.full_name, registration.latin_name
        if latin and not self.can_draw(name, face):
            name, latin = latin, ""
        y = y0 + 32
        size, lines = self.fit(
            name,
            width=inner,
            sizes=(32, 28, 24, 21, 18, 16, 14),
            max_lines=3,
            face=face,
            bold=True,
        )
        y = self.lines(x0 + MARGIN, y, inner, lines, size, INK) + 1
        if latin and latin != name:
            size, lines = self.fit(latin, width=inner, sizes=(15, 13, 11), max_lines=1, face=face)
            y = self.lines(x0 + MARGIN, y, inner, lines, size, MUTED) + 2
        if registration.organization:
            size, lines = self.fit(
                registration.organization,
                width=inner,
                sizes=(15, 13, 12, 11, 10, 9),
                max_lines=3,
                face=face,
                bold=True,
            )
            y = self.lines(x0 + MARGIN, y + 2, inner, lines, size, INK)
        country = registration.country.name if registration.country else ""
        if country:
            size, lines = self.fit(
                str(country), width=inner, sizes=(12, 10), max_lines=1, face=face
            )
            self.lines(x0 + MARGIN, y + 1.5, inner, lines, size, MUTED)

        # The QR code of the check-in link, and the ticket type's band beneath.
        band = 16
        code = 34
        self.qr(x0 + width - MARGIN - code, y0 + height - band - code - 5, code, url)
        self.use(face, size=8)
        self.set_text_color(*MUTED)
        self.set_xy(x0 + MARGIN, y0 + height - band - 10)
        self.cell(inner - code - 4, 4, registration.reference)
        self.set_fill_color(*GOLD)
        self.rect(x0, y0 + height - band, width, band, "F")
        size, lines = self.fit(
            registration.ticket_type.name,
            width=inner,
            sizes=(16, 14, 12, 10, 9),
            max_lines=2,
            face=face,
            bold=True,
        )
        self.lines(
            x0 + MARGIN,
            y0 + height - band / 2 - len(lines) * size * 0.225,
            inner,
            lines,
            size,
            INK,
            "C",
        )


def pdf_response(pdf, filename):
    """A PDF download that no cache keeps: badges carry names and check-in links."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def badges_pdf(*, registrations, layout, url_for):
    """The badges of these registrations as one PDF (bytes), in the given layout ("a6" or
    "a4"); url_for(registration) gives the absolute check-in URL for the QR code. Raises
    BadgeFontsMissing when the fonts are not installed."""
    if layout not in LAYOUTS:
        raise ValueError(layout)
    sheet = BadgeSheet(layout)
    positions = [(0, 0)] if layout == "a6" else [(0, 0), (A6[0], 0), (0, A6[1]), A6]
    for index, registration in enumerate(registrations):
        slot = index % len(positions)
        if slot == 0:
            sheet.add_page()
            if layout == "a4":
                sheet.cut_marks()
        x, y = positions[slot]
        event = registration.event
        sheet.badge(x, y, registration, url_for(registration), event.display_short_name)
    if not registrations:
        sheet.add_page()
    return bytes(sheet.output())
