"""Bank statements: the CSV export of the organizer's account, read into money received,
and matched to the payment references attendees write on their transfers ("CGT-7K2QX").

Reads any of: UTF-8 (with or without a byte-order mark), UTF-16 (as spreadsheet programs
export), or CP949/EUC-KR (as Korean banks export); comma, semicolon or tab separated; with a
header row naming a date column and either a credit ("deposit", "입금액") column, or one
signed amount column. Amounts may carry thousands separators, a currency sign or "원".
Imports no model: the caller passes what each reference owes.
"""

import csv
import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from common.money import quantize

MAX_ROWS = 20_000
# "CGT-7K2QX", as written by hand: any case, the hyphen or a space or nothing between.
REFERENCE = re.compile(r"CGT[\s\-_]?([23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5})(?![0-9A-Z])", re.I)

HEADERS = {
    "date": (
        "date",
        "booking date",
        "value date",
        "transaction date",
        "거래일",
        "거래일자",
        "거래일시",
        "일자",
        "거래 일자",
        "取引日",
        "日付",
    ),
    "credit": (
        "credit",
        "deposit",
        "deposits",
        "money in",
        "paid in",
        "입금",
        "입금액",
        "맡기신금액",
        "맡기신 금액",
        "入金",
        "入金額",
        "お預入金額",
    ),
    "debit": (
        "debit",
        "withdrawal",
        "withdrawals",
        "money out",
        "paid out",
        "출금",
        "출금액",
        "찾으신금액",
        "찾으신 금액",
        "出金",
        "出金額",
        "お引出金額",
    ),
    "amount": ("amount", "금액", "거래금액", "金額"),
    "text": (
        "description",
        "reference",
        "memo",
        "details",
        "payee",
        "counterparty",
        "text",
        "remittance information",
        "name",
        "적요",
        "내용",
        "거래내용",
        "기재내용",
        "받는분",
        "보낸분",
        "의뢰인",
        "입금자",
        "입금자명",
        "摘要",
        "お取引内容",
        "振込依頼人",
    ),
}


@dataclass(frozen=True)
class Transaction:
    line: int  # 1-based line of the file, for messages
    date: date | None
    amount: Decimal  # money received
    text: str  # the row's text columns, joined


class StatementError(Exception):
    """A statement that cannot be read; str() is the message for the page."""


@dataclass(frozen=True)
class Due:
    reference: str
    amount: Decimal
    currency: str
    payable: bool  # False once paid, cancelled or expired


@dataclass
class Match:
    transaction: Transaction
    reference: str | None
    due: Due | None
    # "match", "amount_differs", "not_payable", "unknown_reference", "no_reference",
    # "ambiguous" (two references in one text), "duplicate" (paid earlier in this file)
    outcome: str


def _not_csv():
    return _(
        "The file is not a CSV text file (UTF-8, UTF-16 or CP949). Download the account's "
        "transactions from the bank as CSV, and upload that file."
    )


def _decode(data):
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    for encoding in ("utf-8", "cp949"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise StatementError(_not_csv())


def _rows(text):
    if "\x00" in text:
        raise StatementError(_not_csv())
    sample = text[:10_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return csv.reader(io.StringIO(text), dialect)


def _key(cell):
    return " ".join(unicodedata.normalize("NFKC", cell).strip().lower().split())


def _columns(row):
    """{role: [column indexes]} when the row is a header naming a date and some money."""
    found = {}
    for index, cell in enumerate(row):
        key = _key(cell)
        for role, names in HEADERS.items():
            if key in names or any(key.startswith(f"{name} (") for name in names):
                found.setdefault(role, []).append(index)
    if "date" in found and ("credit" in found or "amount" in found):
        return found
    return None


def _amount(cell, line):
    value = unicodedata.normalize("NFKC", cell).strip()
    value = re.sub(r"[\s,₩¥$€£원円]|KRW|JPY|USD|EUR", "", value, flags=re.I)
    if value in ("", "-"):
        return Decimal(0)
    negative = value.startswith("(") and value.endswith(")")
    try:
        amount = Decimal(value.strip("()"))
    except InvalidOperation:
        raise StatementError(
            _("Line %(line)d: the amount “%(value)s” is not a number.")
            % {"line": line, "value": cell.strip()[:40]}
        ) from None
    if not amount.is_finite():
        raise StatementError(
            _("Line %(line)d: the amount “%(value)s” is not a number.")
            % {"line": line, "value": cell.strip()[:40]}
        )
    return -amount if negative else amount


def _date(cell):
    value = unicodedata.normalize("NFKC", cell).strip()
    match = re.match(r"(\d{4})[-./년\s]+(\d{1,2})[-./월\s]+(\d{1,2})", value)
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


def read_statement(data):
    """The money received in a statement's rows, in file order (withdrawals left out).
    Raises StatementError with a message naming the problem (and the line)."""
    if not data.strip():
        raise StatementError(_("The file is empty."))
    rows = _rows(_decode(data))
    columns = None
    transactions = []
    try:
        for line, row in enumerate(rows, start=1):
            if columns is None:
                columns = _columns(row)
                if line > 50 and columns is None:
                    break
                continue
            if not any(cell.strip() for cell in row):
                continue
            if len(transactions) >= MAX_ROWS:
                raise StatementError(
                    _("The statement has more than %(n)d rows: split it.") % {"n": MAX_ROWS}
                )

            cells = {
                role: [row[i] for i in indexes if i < len(row)] for role, indexes in columns.items()
            }
            money = cells["credit"] if "credit" in cells else cells["amount"]
            amount = sum((_amount(cell, line) for cell in money), Decimal(0))
            if amount <= 0:
                continue  # a withdrawal, a fee or an empty credit
            dates = [_date(cell) for cell in cells["date"]]
            text = " ".join(cell.strip() for cell in cells.get("text", []) if cell.strip())
            transactions.append(Transaction(line, next(filter(None, dates), None), amount, text))
    except csv.Error as error:
        raise StatementError(
            _("The file cannot be read as CSV: %(error)s") % {"error": error}
        ) from error
    if columns is None:
        raise StatementError(
            _(
                "No header row names a date column and an amount or deposit column: is this "
                "the bank's CSV export?"
            )
        )
    return transactions


def references_in(text):
    """The distinct payment references written in a transfer's text, normalized."""
    normalized = unicodedata.normalize("NFKC", text).upper()
    return sorted({f"CGT-{code.upper()}" for code in REFERENCE.findall(normalized)})


def match_statement(transactions, dues: Mapping[str, Due]):
    """What each transaction pays, if anything: one Match a transaction, in order."""
    matches, paid = [], set()
    for transaction in transactions:
        found = references_in(transaction.text)
        if not found:
            matches.append(Match(transaction, None, None, "no_reference"))
            continue
        if len(found) > 1:
            matches.append(Match(transaction, None, None, "ambiguous"))
            continue
        reference = found[0]
        due = dues.get(reference)
        if due is None:
            outcome = "unknown_reference"
        elif reference in paid:
            outcome = "duplicate"
        elif not due.payable:
            outcome = "not_payable"
        elif quantize(transaction.amount, due.currency) != quantize(due.amount, due.currency):
            outcome = "amount_differs"
        else:
            outcome = "match"
            paid.add(reference)
        matches.append(Match(transaction, reference, due, outcome))
    return matches
