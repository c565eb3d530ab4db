"""What people type: e-mail addresses compared as one person, and short fields kept to plain
text on one line (names, organizations, job titles) so no one can make our mail say more
than their name; and text cut to fit, such as a page's description."""

import contextlib
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _


def normalize_email(value):
    """One address, one form, so look-alikes compare equal (and the database's unique
    constraint on Lower(email) catches them):

    - invisible characters (soft hyphen, zero-width space and joiners, BOM: Unicode's
      format category) are removed, and surrounding spaces;
    - NFKC folds full-width letters and compatibility forms (the Kelvin sign) into the
      letters people mean;
    - the domain is lowercased and written in its IDNA (ASCII) form.
    """
    value = "".join(ch for ch in str(value) if unicodedata.category(ch) != "Cf")
    value = unicodedata.normalize("NFKC", value).strip()
    local, at, domain = value.rpartition("@")
    if not at:
        return value
    domain = domain.lower().rstrip(".")
    with contextlib.suppress(UnicodeError):  # not a domain: the e-mail validator says so
        domain = domain.encode("idna").decode("ascii")
    return f"{local}@{domain}"


def validate_deliverable_email(value):
    """Refuse an address no mail server will deliver to: a non-ASCII part before the @
    needs SMTPUTF8, which neither our mail library nor most servers offer."""
    local = str(value).rpartition("@")[0]
    odd = sorted({ch for ch in local if not ch.isascii()})
    if odd:
        raise ValidationError(
            _(
                "Mail servers cannot deliver to an address with “%(characters)s” before the @. "
                "Check the address, or use another one."
            ),
            code="undeliverable",
            params={"characters": "".join(odd)},
        )


# Line and paragraph separators, C0/C1 controls (tab and newline among them), and the
# bidirectional overrides and isolates that reorder what a reader sees.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
# Anything a mail client would turn into a link: a scheme, www., an e-mail address, or a
# domain in a common top-level domain ("evil-pay.com"). "Dr. Kim" and "St.Mary's" pass.
TLDS = (
    "com|net|org|info|biz|io|co|ai|app|dev|me|ly|to|cc|tv|xyz|top|site|online|shop|store|"
    "link|click|live|vip|pro|club|win|kr|jp|cn|tw|hk|sg|uk|de|fr|us|eu|ru|in|au|ca"
)
URL = re.compile(
    rf"(?i)(?:[a-z][a-z0-9+.-]*://|\bwww\.|@|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:{TLDS})\b"
    r"|\b[a-z0-9-]+\.[a-z]{2,}/)"
)


def validate_plain_text(value):
    """One line of plain text: no control characters or line breaks, no web addresses,
    looked for after folding full-width letters and removing invisible characters."""
    value = str(value)
    if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") or ch in BIDI_CONTROLS for ch in value):
        raise ValidationError(
            _("Use plain text on one line: no line breaks or control characters."),
            code="control_characters",
        )
    folded = unicodedata.normalize(
        "NFKC", "".join(ch for ch in value if unicodedata.category(ch) != "Cf")
    )
    if URL.search(folded):
        raise ValidationError(_("Web and e-mail addresses are not allowed here."), code="url")


def is_east_asian_script(text):
    """Whether a name is written in Hangul, kana or Han characters."""
    for ch in text:
        code = ord(ch)
        if (
            0xAC00 <= code <= 0xD7A3  # Hangul syllables
            or 0x1100 <= code <= 0x11FF  # Hangul jamo
            or 0x3130 <= code <= 0x318F  # Hangul compatibility jamo
            or 0x3040 <= code <= 0x30FF  # hiragana and katakana
            or 0x3400 <= code <= 0x4DBF  # Han extension A
            or 0x4E00 <= code <= 0x9FFF  # Han unified ideographs
            or 0xF900 <= code <= 0xFAFF  # Han compatibility ideographs
        ):
            return True
    return False


# Katakana (ァ..ヶ) sit 0x60 above their hiragana; folding them lets a desk type either.
KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
SEPARATORS = re.compile(r"[\s\-‐‑‒–—・·.,'’]+")


def search_key(text):
    """Text folded for a forgiving search: case, width, Latin accents and kana kind do not
    matter, and spacing collapses ("  José  Müller" and "jose muller", "ＣＧＴ" and "cgt",
    "ヤマダ" and "やまだ" compare equal). Hangul and Han characters stay as they are; only
    the Latin combining accents (U+0300–U+036F) are dropped, so Japanese voiced marks
    (が) survive."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    text = "".join(ch for ch in text if not 0x300 <= ord(ch) <= 0x36F)
    text = unicodedata.normalize("NFC", text).translate(KATAKANA_TO_HIRAGANA)
    return " ".join(text.split())


def search_text(*values):
    """One string to search in: each value folded by search_key, plus its form without
    spaces or hyphens ("Min-ji Kim" is found by "minji" and "min ji"), each once."""
    seen = []
    for value in values:
        key = search_key(value or "")
        for form in (key, SEPARATORS.sub("", key)):
            if form and form not in seen:
                seen.append(form)
    # One part a line: no search term can match a separator shared by every row.
    return "\n".join(seen)


def breaks_anywhere(ch):
    """Han characters, kana and CJK punctuation: Japanese and Chinese put no spaces between
    words, so a line (or a summary) may end after any of them. Hangul is written with
    spaces between words and breaks at those, like Latin letters."""
    code = ord(ch)
    return (
        0x3000 <= code <= 0x30FF  # CJK punctuation, hiragana and katakana
        or 0x3400 <= code <= 0x4DBF  # Han extension A
        or 0x4E00 <= code <= 0x9FFF  # Han unified ideographs
        or 0xF900 <= code <= 0xFAFF  # Han compatibility ideographs
        or 0xFF00 <= code <= 0xFFEF  # full-width forms (，：！)
    )


# A page's description (meta description, og:description): search engines show about this
# many characters, and one shorter than the minimum says too little to be worth showing.
DESCRIPTION_LIMIT = 160
DESCRIPTION_MINIMUM = 50

# Left at the end of a cut text, these read as a dangling clause; the ellipsis replaces them.
TRAILING = " \t,;:–—-·、，；：（("
SENTENCE_ENDS = (".", "!", "?", "。", "！", "？")


def summarize(text, limit):
    """Text on one line, at most `limit` characters: when longer, cut at the last word
    boundary that fits (a space, or after a Han or kana character) and end with "…".
    Characters are counted, not bytes or display widths: a description of 160 reads as
    160 in every language. A single word longer than half the limit is cut inside."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    following = text[limit - 1]
    if not (following.isspace() or breaks_anywhere(following) or breaks_anywhere(cut[-1])):
        for position in range(len(cut) - 1, limit // 2, -1):
            if cut[position].isspace():
                cut = cut[:position]
                break
            if breaks_anywhere(cut[position]):
                cut = cut[: position + 1]
                break
    cut = cut.rstrip(TRAILING)
    # A whole sentence needs no ellipsis.
    return cut if cut.endswith(SENTENCE_ENDS) else cut + "…"


def join_sentences(parts):
    """Sentences on one line: a space between them, except after Chinese or Japanese
    punctuation (。！), which needs none."""
    text = ""
    for part in parts:
        part = " ".join(str(part).split())
        if not part:
            continue
        if text and not breaks_anywhere(text[-1]):
            text += " "
        text += part
    return text


def describe(*parts):
    """A page's description: the non-empty parts (markup stripped) as sentences on one line,
    cut to DESCRIPTION_LIMIT at a word boundary."""
    return summarize(join_sentences(strip_tags(part) for part in parts if part), DESCRIPTION_LIMIT)
