"""Bank statements: the transfers in a bank's CSV export, and the registration each one pays.

`read_statement` reads what Korean, Japanese and international banks export; it raises
`StatementError`, with a translated message that names the line, for anything it cannot
read. `match_statement` finds the payment reference in each transfer's text and says
whether the transfer can confirm that registration. Neither touches the database: the
caller passes what is due, and decides what to do with each match.

What `read_statement` accepts:

- Encodings: a byte order mark decides (UTF-8, UTF-16 as Excel's "Unicode text", UTF-32);
  without one, UTF-8, then CP949 (which includes EUC-KR), then CP932 (Shift_JIS) when
  only that reading has a header row.
- Delimiters: comma, semicolon or tab, whichever gives a header row.
- The header: the first of the first 50 rows that names a date column and a deposit (or
  signed amount) column, in English, Korean, Japanese or Chinese (the `*_COLUMNS` sets
  below). Names are compared ignoring case, width, spaces and a unit in brackets
  ("입금액(원)", "Amount (KRW)"). The rows above it (account number, period) are skipped.
- Amounts: "150000", "150,000", "150,000원", "₩150,000", "KRW 150,000", "1,234.56",
  full-width digits, signed as "-150,000", "−150,000", "(150,000)" or "150,000-". Commas
  group thousands and a point starts the decimals: "1.234,56" is refused, not misread.
- Dates: "2025-09-01", "2025.09.01", "2025/09/01", "2025. 9. 1.", "2025년 9월 1일",
  "2025年9月1日" and "20250901", with an optional weekday ("(월)") and time ("14:23:05",
  "오후 2:23"). Day-first and month-first dates ("01/09/2025") are refused: January or
  September? An empty date cell gives a transaction without a date.
- Money received only: with a deposit column, rows where it is empty, "-" or zero are
  withdrawals and skipped; with one signed amount column, rows at or below zero are, and
  rows whose direction column ("구분", "Type") says "출금" or "Debit". Blank rows, a
  repeated header and total rows ("합계", "Total") are skipped too.

Cell text is kept as it is, formula-like cells ("=cmd|...") included: whoever writes it
into a spreadsheet again goes through `common.spreadsheets.csv_safe`.
"""

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from common.money import quantize

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
# Banks put the account, the period and the owner above the header.
HEADER_ROWS = 50
MAX_COLUMNS = 100
# No bank writes a row this long; checking lines first keeps a hostile file from making
# the csv module build millions of cells.
MAX_LINE_CHARS = 10_000
DELIMITERS = (",", ";", "\t")
BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),  # before UTF-16 little-endian, which starts alike
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
ENCODINGS = ("utf-8", "cp949", "cp932")

# As registration.models.new_reference: no 0/O or 1/I/L.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE = re.compile(
    rf"(?<![A-Z0-9])CGT[\s\-_.‐‑‒–—―−]{{0,3}}([{REFERENCE_ALPHABET}]{{5}})(?![A-Z0-9])"
)


def _key(name):
    """A column name as compared: "Amount (KRW)", "ＡＭＯＵＮＴ" and "amount" are one."""
    name = unicodedata.normalize("NFKC", name).casefold()
    name = re.sub(r"\(.*?\)|\[.*?\]", "", name)
    return "".join(ch for ch in name if ch.isalnum())


def _keys(*names):
    return frozenset(_key(name) for name in names)


DATE_COLUMNS = _keys(
    "date", "booking date", "value date", "transaction date", "posting date", "posted date",
    "거래일", "거래일자", "거래일시", "일자", "거래날짜", "날짜", "입금일", "입금일자", "입금일시",
    "取引日", "日付", "取引日時", "年月日", "交易日期", "日期",
)  # fmt: skip
CREDIT_COLUMNS = _keys(
    "credit", "credits", "credit amount", "deposit", "deposits", "deposit amount",
    "paid in", "money in", "in",
    "입금", "입금액", "입금금액", "맡기신금액", "入金", "入金額", "お預入金額", "預入金額",
    "お預り金額", "收入", "收入金额", "存入", "存入金額",
)  # fmt: skip
AMOUNT_COLUMNS = _keys(
    "amount", "transaction amount", "금액", "거래금액", "金額", "取引金額", "金额", "交易金额",
    "交易金額",
)  # fmt: skip
DEBIT_COLUMNS = _keys(
    "debit", "debits", "debit amount", "withdrawal", "withdrawals", "withdrawal amount",
    "paid out", "money out", "out",
    "출금", "출금액", "출금금액", "찾으신금액", "지급액", "出金", "出金額", "お引出金額",
    "支払金額", "支出", "支出金额", "支取", "支出金額",
)  # fmt: skip
DIRECTION_COLUMNS = _keys(
    "type", "transaction type", "credit/debit", "cr/dr", "dr/cr",
    "구분", "입출금구분", "입출구분", "거래구분", "入出金区分", "区分", "收支",
)  # fmt: skip
TEXT_COLUMNS = _keys(
    "description", "reference", "memo", "details", "payee", "payer", "counterparty", "text",
    "name", "purpose", "narrative", "particulars", "remittance information", "note",
    "적요", "내용", "거래내용", "기재내용", "받는분", "보낸분", "받는분/보낸분", "의뢰인",
    "입금자", "입금자명", "메모", "비고", "통장표시내용", "통장메모", "거래기록사항", "상대방",
    "예금주", "摘要", "内容", "取引内容", "お取引内容", "振込依頼人", "備考", "备注", "附言",
    "对方户名", "對方戶名", "說明", "说明",
)  # fmt: skip
# Neither money received nor its text: kept out of the text when no text column is named.
OTHER_COLUMNS = _keys(
    "balance", "잔액", "거래후잔액", "残高", "余额", "餘額", "time", "시간", "거래시간", "時刻",
    "交易時間", "交易时间",
)  # fmt: skip
WITHDRAWALS = _keys("출금", "지급", "debit", "dr", "d", "withdrawal", "out", "出金", "支払", "支出")
TOTALS = _keys("합계", "총계", "소계", "total", "totals", "sum", "合計", "小計", "合计", "总计")

AMOUNT = re.compile(
    r"(?P<sign>[+-])?"
    r"(?:KRW|JPY|USD|EUR|CNY|RMB|TWD|NTD|HKD|SGD|GBP|US\$|NT\$|HK\$|[$₩¥€£])?"
    r"(?P<inner_sign>[+-])?"
    r"(?P<number>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<fraction>[0-9]+))?"
    r"(?:KRW|JPY|USD|EUR|CNY|RMB|TWD|NTD|HKD|SGD|GBP|원|円|元)?"
    r"(?P<trailing_sign>-)?"
)
DATE = re.compile(
    r"(?P<year>[0-9]{4})\s*[-./년年]\s*(?P<month>[0-9]{1,2})\s*[-./월月]\s*"
    r"(?P<day>[0-9]{1,2})\s*[.일日]?"
    r"|(?P<compact_year>[0-9]{4})(?P<compact_month>[0-9]{2})(?P<compact_day>[0-9]{2})"
)
TIME = re.compile(
    r"\s*(?:\(\w{1,3}\))?\s*T?(?:오전|오후|AM|PM|午前|午後)?\s*"
    r"(?:[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?)?"
    r"\s*(?:오전|오후|AM|PM|午前|午後|Z|[+-][0-9]{2}:?[0-9]{2})?\s*",
    re.IGNORECASE,
)


class StatementError(Exception):
    """A statement we cannot read. str() is a translated message for the person who
    uploaded it; `line` is the 1-based line it names, if any."""

    def __init__(self, message, *, line=None):
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Transaction:
    line: int  # 1-based line in the file, for messages
    date: date | None
    amount: Decimal  # money received (credit); rows that are withdrawals are skipped
    text: str  # the transfer's text/counterparty/memo columns joined


@dataclass(frozen=True)
class Due:
    reference: str  # e.g. "CGT-7K2QX"
    amount: Decimal
    currency: str
    payable: bool  # False when the registration is already paid, cancelled or expired


class Outcome(StrEnum):
    MATCH = "match"
    AMOUNT_DIFFERS = "amount_differs"
    NOT_PAYABLE = "not_payable"
    UNKNOWN_REFERENCE = "unknown_reference"
    NO_REFERENCE = "no_reference"
    AMBIGUOUS = "ambiguous"
    DUPLICATE = "duplicate"


@dataclass
class Match:
    transaction: Transaction
    reference: str | None
    due: Due | None
    outcome: str  # an Outcome
    # Every reference found in the text, in order: the choices when the outcome is
    # "ambiguous".
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Layout:
    delimiter: str
    header_index: int  # of the header among the file's rows
    header: tuple[str, ...]
    date: int
    credit: int | None
    amount: int | None
    direction: int | None
    text: tuple[int, ...]


def read_statement(data: bytes) -> list[Transaction]:
    """The money received in a bank's CSV export, in the file's order. Raises
    StatementError, with a message for the uploader, for a file it cannot read."""
    data = bytes(data)
    if len(data) > MAX_BYTES:
        raise StatementError(
            _("The file is %(size)s; the limit is %(limit)s. Export a shorter period.")
            % {"size": filesizeformat(len(data)), "limit": filesizeformat(MAX_BYTES)}
        )
    if not data.strip():
        raise StatementError(_("The file is empty."))
    is_text = False
    for text in _decodings(data):
        is_text = True
        layout = _find_layout(text)
        if layout is not None:
            return _transactions(text, layout)
    if not is_text:
        raise StatementError(
            _(
                "The file is not a CSV text file. Export the statement from the bank as CSV "
                "(UTF-8, UTF-16, Korean CP949/EUC-KR or Japanese Shift_JIS)."
            )
        )
    raise StatementError(
        _(
            "No header row found. Among its first %(rows)s rows, the file needs one that "
            "names a date column and an amount column, such as “Date” and “Amount”, or "
            "“거래일자” and “입금액”."
        )
        % {"rows": HEADER_ROWS}
    )


def _decodings(data):
    """The file's text in each encoding it may be in, most likely first."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            encodings = (encoding,)
            break
    else:
        encodings = ENCODINGS
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:  # binary, or UTF-16 without its mark: not a text export
            continue
        if not text.strip():
            raise StatementError(_("The file is empty."))
        yield text


def _rows(text, delimiter):
    """(line, row) for each CSV row, the line being where the row starts."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise StatementError(
                _(
                    "Line %(line)s is not valid CSV: a cell is too long, or a quotation mark "
                    "is not closed."
                )
                % {"line": line},
                line=line,
            ) from error
        yield line, row
        line = reader.line_num + 1


def _find_layout(text):
    """The columns of the header row, with the delimiter that best finds one."""
    head = text[: HEADER_ROWS * MAX_LINE_CHARS]
    found = []
    for delimiter in DELIMITERS:
        try:
            for index, (_line, row) in enumerate(_rows(head, delimiter)):
                if index >= HEADER_ROWS:
                    break
                layout = _layout(row, delimiter, index)
                if layout is not None:
                    found.append(layout)
                    break
        except StatementError:
            continue
    # The wrong delimiter leaves a header as one cell, so rarely finds one at all.
    return max(found, key=lambda layout: len(layout.header), default=None)


def _layout(row, delimiter, index):
    if len(row) > MAX_COLUMNS:
        return None
    roles = {}
    text = []
    for column, name in enumerate(row):
        key = _key(name)
        for role, names in (
            ("date", DATE_COLUMNS),
            ("credit", CREDIT_COLUMNS),
            ("amount", AMOUNT_COLUMNS),
            ("debit", DEBIT_COLUMNS),
            ("direction", DIRECTION_COLUMNS),
            ("other", OTHER_COLUMNS),
        ):
            if key in names:
                roles.setdefault(role, column)
                break
        else:
            if key in TEXT_COLUMNS:
                text.append(column)
    if "date" not in roles or ("credit" not in roles and "amount" not in roles):
        return None
    if not text:  # the bank names its text otherwise: search every other column
        named = {column for column, name in enumerate(row) if _key(name) in _NAMED}
        text = [column for column in range(len(row)) if column not in named]
    return _Layout(
        delimiter=delimiter,
        header_index=index,
        header=tuple(cell.strip() for cell in row),
        date=roles["date"],
        credit=roles.get("credit"),
        amount=roles.get("amount"),
        direction=roles.get("direction"),
        text=tuple(text),
    )


_NAMED = (
    DATE_COLUMNS | CREDIT_COLUMNS | AMOUNT_COLUMNS | DEBIT_COLUMNS | DIRECTION_COLUMNS
) | OTHER_COLUMNS


def _transactions(text, layout):
    for line, physical in enumerate(io.StringIO(text, newline=""), start=1):
        if len(physical) > MAX_LINE_CHARS:
            raise StatementError(
                _(
                    "Line %(line)s is longer than %(limit)s characters, too long for a bank "
                    "statement."
                )
                % {"line": line, "limit": number_format(MAX_LINE_CHARS, force_grouping=True)},
                line=line,
            )
    transactions = []
    count = 0
    width = len(layout.header)
    for index, (line, row) in enumerate(_rows(text, layout.delimiter)):
        if index <= layout.header_index:
            continue
        cells = [cell.strip() for cell in row[:width]]
        if not any(cells) or tuple(cells) == layout.header:
            continue
        count += 1
        if count > MAX_ROWS:
            raise StatementError(
                _("The file has more than %(limit)s rows. Export a shorter period.")
                % {"limit": number_format(MAX_ROWS, force_grouping=True)}
            )
        transaction = _transaction(line, cells, layout)
        if transaction is not None:
            transactions.append(transaction)
    return transactions


def _transaction(line, cells, layout):
    """The row's transfer, or None for a withdrawal or a total."""

    def cell(column):
        return cells[column] if column is not None and column < len(cells) else ""

    written_date = cell(layout.date)
    day = _date(written_date)
    if day is None and any(_key(value) in TOTALS for value in cells):
        return None
    column = layout.credit if layout.credit is not None else layout.amount
    written_amount = cell(column)
    if written_amount in ("", "-", "−"):
        return None
    amount = _amount(written_amount)
    if amount is None:
        raise StatementError(
            _("Line %(line)s: the amount “%(value)s” is not a number.")
            % {"line": line, "value": _excerpt(written_amount)},
            line=line,
        )
    if amount <= 0 or _key(cell(layout.direction)) in WITHDRAWALS:
        return None
    if written_date and day is None:
        raise StatementError(
            _("Line %(line)s: the date “%(value)s” is not a date such as 2025-09-01.")
            % {"line": line, "value": _excerpt(written_date)},
            line=line,
        )
    text = " / ".join(cell(column) for column in layout.text if cell(column))
    return Transaction(line=line, date=day, amount=amount, text=text)


def _amount(value):
    """The signed amount written in a cell, or None if it is not one."""
    value = unicodedata.normalize("NFKC", value).replace("−", "-").upper()
    value = "".join(ch for ch in value if not ch.isspace())
    negative = value.startswith("(") and value.endswith(")")
    if negative:
        value = value[1:-1]
    found = AMOUNT.fullmatch(value)
    if found is None:
        return None
    signs = [found[name] for name in ("sign", "inner_sign", "trailing_sign") if found[name]]
    integer, fraction = found["number"].replace(",", ""), found["fraction"] or ""
    if len(signs) > 1 or (negative and signs) or len(integer) > 15 or len(fraction) > 6:
        return None
    amount = Decimal(f"{integer}.{fraction}" if fraction else integer)
    return -amount if negative or signs == ["-"] else amount


def _date(value):
    """The date written in a cell, or None if it is not one."""
    value = unicodedata.normalize("NFKC", value).strip()
    found = DATE.match(value)
    if found is None or not TIME.fullmatch(value, found.end()):
        return None
    year = found["year"] or found["compact_year"]
    month = found["month"] or found["compact_month"]
    day = found["day"] or found["compact_day"]
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _excerpt(value, limit=40):
    return value if len(value) <= limit else value[: limit - 1] + "…"


def find_references(text: str) -> tuple[str, ...]:
    """The payment references in a transfer's text, each once, in order and written as we
    write them: "cgt 7k2qx", "CGT7K2QX" and "ＣＧＴ－７Ｋ２ＱＸ" are all "CGT-7K2QX"."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf").upper()
    return tuple(dict.fromkeys("CGT-" + found[1] for found in REFERENCE.finditer(text)))


def match_statement(transactions: Iterable[Transaction], dues: Mapping[str, Due]) -> list[Match]:
    """For each transaction, in order, the registration it pays and whether it can confirm
    it. `dues` maps references ("CGT-7K2QX") to what is due.

    A text naming one known reference and words that only look like one ("CGT ENTRY")
    pays the known one; naming two known references, or two unknown ones, is ambiguous.
    A reference matched earlier in the statement makes a later transfer a duplicate, so
    one registration is never confirmed twice; a partial transfer does not count."""
    matched = set()
    matches = []
    for transaction in transactions:
        candidates = find_references(transaction.text)
        known = [reference for reference in candidates if reference in dues]
        if not candidates:
            matches.append(Match(transaction, None, None, Outcome.NO_REFERENCE, candidates))
            continue
        if len(known) > 1 or (not known and len(candidates) > 1):
            matches.append(Match(transaction, None, None, Outcome.AMBIGUOUS, candidates))
            continue
        reference = known[0] if known else candidates[0]
        due = dues.get(reference)
        if due is None:
            outcome = Outcome.UNKNOWN_REFERENCE
        elif reference in matched:
            outcome = Outcome.DUPLICATE
        elif not due.payable:
            outcome = Outcome.NOT_PAYABLE
        elif quantize(transaction.amount, due.currency) == quantize(due.amount, due.currency):
            outcome = Outcome.MATCH
            matched.add(reference)
        else:
            outcome = Outcome.AMOUNT_DIFFERS
        matches.append(Match(transaction, reference, due, outcome, candidates))
    return matches
