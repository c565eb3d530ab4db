"""Invoices, receipts and credit notes as A4 PDFs, drawn from plain data.

The payments code builds a Document (seller, buyer, lines, the kind and its particulars)
and keeps or mails the bytes render_pdf() returns; nothing here reads or writes the
database, so a document can be drawn again from what was stored about it.

Prices are gross (VAT included), as the ticket page shows them; VAT is worked out of the
total the way Korean VAT is (gross × rate / (100 + rate), rounded half-up to the
currency's minor unit). Labels follow the document's language; text is set in Noto Sans
CJK (the badges' fonts) in the face of that language, so Korean, Japanese and Chinese
names all print.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext
from fpdf import FPDF
from fpdf.enums import WrapMode

from common.money import format_amount, quantize
from registration.badges import BOLD, FACES, GOLD, INK, MUTED, REGULAR, TEAL, font_dir

__all__ = ["KINDS", "Document", "Line", "Party", "format_amount", "render_pdf", "totals"]

KINDS = ("invoice", "receipt", "credit_note")

PAGE_WIDTH, PAGE_HEIGHT = 210.0, 297.0
MARGIN = 18.0
WIDTH = PAGE_WIDTH - 2 * MARGIN
BOTTOM = PAGE_HEIGHT - 22.0  # the footer lives below
RULE = (205, 213, 217)
TINT = (239, 245, 247)
LEADING = 0.46  # mm of line height per point of type: about 1.3 lines


@dataclass(frozen=True)
class Party:
    name: str  # person or company legal name, any script (Korean, Japanese, Chinese, Latin)
    address: str = ""  # multi-line
    organization: str = ""
    business_number: str = ""  # business registration number (사업자등록번호), if any
    email: str = ""


@dataclass(frozen=True)
class Line:
    description: str
    quantity: int
    unit_price: Decimal  # gross, VAT included


@dataclass(frozen=True)
class Document:
    """One invoice, receipt or credit note. Lines carry prices as sold (positive); a credit
    note prints them, and its totals, negated."""

    kind: str  # "invoice", "receipt" or "credit_note"
    number: str  # e.g. "CGT2025-0007"
    issued: date
    seller: Party
    buyer: Party
    lines: tuple[Line, ...]
    currency: str  # ISO 4217, KRW by default in the project
    vat_rate: Decimal  # percent, e.g. Decimal("10"); 0 = no VAT line
    language: str = "en"  # "en", "ko", "ja", "zh-hans", "zh-hant": labels in it
    event_name: str = ""
    payment_reference: str = ""  # invoices: what to write on the transfer (e.g. "CGT-7K2QX")
    due: date | None = None  # invoices: pay by
    bank_details: str = ""  # invoices: organizer's bank account, multi-line
    paid_on: date | None = None  # receipts
    refers_to: str = ""  # credit notes: the number of the invoice it cancels

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {self.kind!r}")
        object.__setattr__(self, "lines", tuple(self.lines))


def _sign(document):
    return -1 if document.kind == "credit_note" else 1


def line_total(document, line):
    """A line's amount, gross, rounded to the currency (negative on a credit note)."""
    return _sign(document) * quantize(line.unit_price * line.quantity, document.currency)


def totals(document):
    """(net, vat, gross) of the document, Decimals rounded to its currency. VAT is taken out
    of the gross total once, not line by line, so the three always add up. A credit note's
    are its invoice's negated, to the last won."""
    currency = document.currency
    gross = sum(
        (quantize(line.unit_price * line.quantity, currency) for line in document.lines),
        quantize(0, currency),
    )
    rate = document.vat_rate
    vat = quantize(gross * rate / (100 + rate) if rate else 0, currency)
    sign = _sign(document)
    return sign * (gross - vat), sign * vat, sign * gross


def render_pdf(document):
    """The document as an A4 PDF (bytes), its labels in document.language, its fonts
    subset. Raises registration.badges.BadgeFontsMissing when Noto Sans CJK is not
    installed. Reads and writes nothing else."""
    with translation.override(document.language):
        sheet = Sheet(document)
        sheet.draw()
        return bytes(sheet.output())


def _wrap(text):
    """Japanese and Chinese do not put spaces between words, so their lines break between
    any two characters; Korean and Latin text breaks at spaces."""
    if any(0x3040 <= ord(ch) <= 0x30FF or 0x3400 <= ord(ch) <= 0x9FFF for ch in text):
        return WrapMode.CHAR
    return WrapMode.WORD


def _rate(rate):
    """10 → "10", 7.70 → "7.7"."""
    return f"{Decimal(rate).normalize():f}"


class Sheet(FPDF):
    def __init__(self, document):
        super().__init__(unit="mm", format="A4")
        self.document = document
        self.face = document.language if document.language in FACES else "ko"
        self.fonts_dir = font_dir()
        self.loaded = set()
        self.set_auto_page_break(False)  # blocks are measured and moved whole
        self.set_margin(0)
        self.c_margin = 0
        self.set_creator("CGT East Asia")
        self.set_author(document.seller.name)
        self.set_title(f"{self.title_label()} {document.number}")
        self.set_lang(document.language)

    # Type --------------------------------------------------------------------------------

    def use(self, *, bold=False, size=10):
        family = f"noto-{self.face}{'-bold' if bold else ''}"
        if family not in self.loaded:
            self.add_font(
                family,
                "",
                str(self.fonts_dir / (BOLD if bold else REGULAR)),
                collection_font_number=FACES[self.face],
            )
            self.loaded.add(family)
        self.set_font(family, size=size)

    def text_block(
        self, x, y, width, text, *, size=9.5, bold=False, color=INK, align="L", dry=False
    ):
        """Text wrapped in width from (x, y); the y below it. With dry, only measures."""
        text = "\n".join(line.rstrip() for line in text.strip().splitlines())  # \r\n too
        if not text:
            return y
        self.use(bold=bold, size=size)
        self.set_text_color(*color)
        self.set_xy(x, y)
        height = self.multi_cell(
            width,
            size * LEADING,
            text,
            align=align,
            wrapmode=_wrap(text),
            new_x="LEFT",
            new_y="NEXT",
            dry_run=dry,
            output="HEIGHT",
        )
        return y + height

    def rule(self, x, y, width, color=RULE, thickness=0.2):
        self.set_draw_color(*color)
        self.set_line_width(thickness)
        self.line(x, y, x + width, y)

    def room(self, y, height):
        """Where a block of this height starts: here, or atop a new page if it would run
        into the footer."""
        if y + height <= BOTTOM:
            return y
        self.add_page()
        return self.top

    # Words ---------------------------------------------------------------------------------

    def title_label(self):
        return {
            "invoice": gettext("Invoice"),
            "receipt": gettext("Receipt"),
            "credit_note": gettext("Credit note"),
        }[self.document.kind]

    def day(self, value):
        return date_format(value, "DATE_FORMAT")

    def business_number(self, party):
        return gettext("Business registration no. %(number)s") % {"number": party.business_number}

    def money(self, amount):
        return format_amount(amount, self.document.currency)

    # Pages -------------------------------------------------------------------------------

    def header(self):
        self.set_fill_color(*TEAL)
        self.rect(0, 0, PAGE_WIDTH, 5, "F")
        self.set_fill_color(*GOLD)
        self.rect(0, 5, PAGE_WIDTH, 0.8, "F")
        self.top = 16.0
        if self.page_no() > 1:
            # Later pages say whose document they continue.
            doc = self.document
            self.text_block(
                MARGIN, 11, WIDTH, f"{self.title_label()} {doc.number}", size=8, color=MUTED
            )
            self.top = 20.0

    def footer(self):
        doc = self.document
        y = PAGE_HEIGHT - 15
        self.rule(MARGIN, y, WIDTH)
        page = gettext("Page %(page)s of %(pages)s") % {
            "page": self.page_no(),
            # The page count, filled in at the end. It is measured as three digits, so it
            # ends the left-aligned part, where the room to spare does not show.
            "pages": self.str_alias_nb_pages,
        }
        seller = doc.seller
        right = seller.name
        if seller.business_number:
            right += f" · {self.business_number(seller)}"
        self.text_block(
            MARGIN, y + 2, WIDTH * 0.35, f"{doc.number} · {page}", size=7.5, color=MUTED
        )
        self.text_block(
            MARGIN + WIDTH * 0.35, y + 2, WIDTH * 0.65, right, size=7.5, color=MUTED, align="R"
        )

    def draw(self):
        self.add_page()
        y = self.heading(self.top)
        y = self.parties(y + 9)
        y = self.line_table(y + 9)
        y = self.sums(y + 3)
        self.closing(y + 9)

    # Blocks ------------------------------------------------------------------------------

    def heading(self, y):
        """Title, event and number on the left; the dates and references on the right."""
        doc = self.document
        left_width = WIDTH * 0.55
        left = self.text_block(
            MARGIN, y, left_width, self.title_label(), size=24, bold=True, color=TEAL
        )
        left = self.text_block(MARGIN, left + 1, left_width, doc.event_name, size=10.5, color=MUTED)

        facts = [
            (pgettext("invoice", "Number"), doc.number),
            (gettext("Date of issue"), self.day(doc.issued)),
        ]
        if doc.kind == "invoice" and doc.due:
            facts.append((gettext("Due date"), self.day(doc.due)))
        if doc.kind == "receipt" and doc.paid_on:
            facts.append((gettext("Paid on"), self.day(doc.paid_on)))
        if doc.kind == "credit_note" and doc.refers_to:
            facts.append((gettext("Cancels invoice"), doc.refers_to))
        x = MARGIN + WIDTH * 0.58
        label_width = WIDTH * 0.17
        value_width = WIDTH * 0.25
        right = y + 1.5
        for label, value in facts:
            below_label = self.text_block(x, right, label_width - 2, label, size=8.5, color=MUTED)
            below_value = self.text_block(
                x + label_width, right - 0.3, value_width, value, size=9.5, bold=True
            )
            right = max(below_label, below_value) + 1.6
        return max(left, right)

    def party(self, x, y, width, label, party, dry=False):
        y = self.text_block(x, y, width, label, size=8.5, bold=True, color=TEAL, dry=dry)
        if not dry:
            self.rule(x, y + 0.8, width, GOLD, 0.5)
        y += 2.8
        y = self.text_block(x, y, width, party.name, size=11.5, bold=True, dry=dry)
        if party.organization and party.organization != party.name:
            y = self.text_block(x, y + 0.5, width, party.organization, size=10, dry=dry)
        y = self.text_block(x, y + 1, width, party.address, size=9.5, dry=dry)
        if party.business_number:
            y = self.text_block(
                x,
                y + 1,
                width,
                self.business_number(party),
                size=9,
                color=MUTED,
                dry=dry,
            )
        return self.text_block(x, y + 0.5, width, party.email, size=9, color=MUTED, dry=dry)

    def parties(self, y):
        doc = self.document
        gap = 10
        width = (WIDTH - gap) / 2
        blocks = [
            (MARGIN, pgettext("invoice", "Seller"), doc.seller),
            (MARGIN + width + gap, pgettext("invoice", "Buyer"), doc.buyer),
        ]
        height = max(self.party(x, y, width, label, who, dry=True) for x, label, who in blocks) - y
        y = self.room(y, height)
        return max(self.party(x, y, width, label, who) for x, label, who in blocks)

    COLUMNS = (0.49, 0.11, 0.20, 0.20)  # description, quantity, unit price, amount

    def columns(self):
        x = MARGIN
        for share in self.COLUMNS:
            yield x, WIDTH * share
            x += WIDTH * share

    def table_head(self, y):
        names = (
            pgettext("invoice", "Description"),
            pgettext("invoice", "Quantity"),
            gettext("Unit price"),
            pgettext("invoice", "Amount"),
        )
        cells = [
            (x + 2, width - 4, name, "L" if index == 0 else "R")
            for index, ((x, width), name) in enumerate(zip(self.columns(), names, strict=True))
        ]
        style = {"size": 8.5, "bold": True, "color": (255, 255, 255)}
        height = max(self.text_block(x, y, w, name, dry=True, **style) for x, w, name, _ in cells)
        height = height - y + 4
        self.set_fill_color(*TEAL)
        self.rect(MARGIN, y, WIDTH, height, "F")
        for x, w, name, align in cells:
            self.text_block(x, y + 2, w, name, align=align, **style)
        return y + height

    def line_table(self, y):
        doc = self.document
        sign = _sign(doc)
        y = self.room(y, 7.5 + 12)
        y = self.table_head(y)
        for line in doc.lines:
            cells = (
                line.description,
                f"{line.quantity:,}",
                self.money(sign * line.unit_price),
                self.money(line_total(doc, line)),
            )
            height = (
                max(
                    self.text_block(x + 2, 0, width - 4, text, dry=True)
                    for (x, width), text in zip(self.columns(), cells, strict=True)
                )
                + 5
            )
            if y + height > BOTTOM:
                self.add_page()
                y = self.table_head(self.top)
            for index, ((x, width), text) in enumerate(zip(self.columns(), cells, strict=True)):
                self.text_block(x + 2, y + 2.5, width - 4, text, align="L" if index == 0 else "R")
            y += height
            self.rule(MARGIN, y, WIDTH)
        return y

    def sums(self, y):
        doc = self.document
        net, vat, gross = totals(doc)
        rows = []
        if doc.vat_rate:
            rows.append((gettext("Net amount"), self.money(net)))
            rows.append(
                (gettext("VAT (%(rate)s%%)") % {"rate": _rate(doc.vat_rate)}, self.money(vat))
            )
        width = WIDTH * 0.48
        x = MARGIN + WIDTH - width
        y = self.room(y, 8 * len(rows) + 14)
        for label, value in rows:
            self.text_block(x + 2, y + 1.5, width * 0.5, label, color=MUTED)
            y = self.text_block(x + width * 0.5, y + 1.5, width * 0.5 - 2, value, align="R") + 1.5
        self.rule(x, y + 0.5, width, TEAL, 0.5)
        y += 2.5
        self.text_block(
            x + 2, y + 0.5, width * 0.5, pgettext("invoice", "Total"), size=11.5, bold=True
        )
        return self.text_block(
            x + width * 0.5, y, width * 0.5 - 2, self.money(gross), size=13, bold=True, align="R"
        )

    def closing(self, y):
        """The kind's own words in a tinted box: how to pay, that it was paid, or what it
        cancels."""
        height = self.closing_box(y, dry=True) - y
        if height <= 0:
            return y
        y = self.room(y, height)
        self.set_fill_color(*TINT)
        self.rect(MARGIN, y, WIDTH, height, "F")
        self.set_fill_color(*TEAL)
        self.rect(MARGIN, y, 1.6, height, "F")
        return self.closing_box(y, dry=False)

    def closing_box(self, y, *, dry):
        doc = self.document
        gross = self.money(totals(doc)[2])
        x = MARGIN + 7
        width = WIDTH - 12
        if doc.kind == "invoice":
            return self.payment(x, y, width, gross, dry=dry)
        if doc.kind == "receipt":
            heading = gettext("Payment received")
            if doc.paid_on:
                words = gettext("We received %(amount)s on %(date)s. Thank you.") % {
                    "amount": gross,
                    "date": self.day(doc.paid_on),
                }
            else:
                words = gettext("We received %(amount)s. Thank you.") % {"amount": gross}
        elif doc.refers_to:
            heading = pgettext("invoice", "Cancellation")
            words = gettext("This credit note cancels invoice %(number)s.") % {
                "number": doc.refers_to
            }
        else:
            return y
        y = self.text_block(x, y + 5, width, heading, size=11, bold=True, color=TEAL, dry=dry)
        return self.text_block(x, y + 1.5, width, words, size=10, dry=dry) + 5

    def payment(self, x, y, width, gross, *, dry):
        doc = self.document
        values = {"amount": gross, "reference": doc.payment_reference}
        if doc.due:
            values["due"] = self.day(doc.due)
        if doc.payment_reference and doc.due:
            words = gettext(
                "Please transfer %(amount)s by %(due)s, with the reference %(reference)s so "
                "that we can match your payment."
            )
        elif doc.payment_reference:
            words = gettext(
                "Please transfer %(amount)s with the reference %(reference)s so that we can "
                "match your payment."
            )
        elif doc.due:
            words = gettext("Please transfer %(amount)s by %(due)s.")
        else:
            words = gettext("Please transfer %(amount)s.")
        y = self.text_block(
            x,
            y + 5,
            width,
            gettext("Payment by bank transfer"),
            size=11,
            bold=True,
            color=TEAL,
            dry=dry,
        )
        y = self.text_block(x, y + 1.5, width, words % values, size=10, dry=dry) + 3
        rows = [
            (gettext("Payment reference"), doc.payment_reference, 15),
            (gettext("Amount to pay"), gross, 11),
            (gettext("Bank account"), doc.bank_details, 10),
        ]
        label_width = 42
        for label, value, size in rows:
            if not value:
                continue
            below_label = self.text_block(
                x, y + size * 0.1, label_width - 3, label, size=8.5, color=MUTED, dry=dry
            )
            below_value = self.text_block(
                x + label_width, y, width - label_width, value, size=size, bold=size > 10, dry=dry
            )
            y = max(below_label, below_value) + 2
        return y + 3
