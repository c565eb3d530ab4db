"""Reading banks' CSV exports and matching transfers to payment references."""

from datetime import date
from decimal import Decimal

import pytest

from registration.bankstatements import (
    Due,
    StatementError,
    match_statement,
    read_statement,
    references_in,
)


def test_an_english_export():
    data = b"Date,Description,Amount\n2026-11-20,KIM CGT-7K2QX,150000.00\n2026-11-21,Fee,-500\n"
    [row] = read_statement(data)
    assert (row.line, row.date, row.amount, row.text) == (
        2,
        date(2026, 11, 20),
        Decimal("150000.00"),
        "KIM CGT-7K2QX",
    )


def test_a_korean_banks_cp949_export_with_deposit_and_withdrawal_columns():
    text = (
        "신한은행 거래내역조회\n"
        "거래일자,적요,출금액,입금액,잔액,거래점\n"
        '2026.11.20 14:03,김민지 CGT-7K2QX,0,"150,000원","1,150,000",인천\n'
        '2026.11.20 15:00,이체수수료,500,0,"1,149,500",인천\n'
    )
    [row] = read_statement(text.encode("cp949"))
    assert (row.line, row.date, row.amount) == (3, date(2026, 11, 20), Decimal(150000))
    assert "김민지" in row.text


def test_bom_semicolons_and_utf16_tabs():
    semicolons = "\ufeffDate;Memo;Amount\n20/11/2026;x;1\n2026/11/20;CGT 7K2QX;99.5\n"
    rows = read_statement(semicolons.encode("utf-8"))
    assert [row.amount for row in rows] == [Decimal(1), Decimal("99.5")]
    assert rows[0].date is None  # a day-first date is not guessed
    tabs = "Date\tDetails\tAmount\n2026-11-20\tcgt7k2qx\t10\n".encode("utf-16")
    assert read_statement(tabs)[0].amount == Decimal(10)


@pytest.mark.parametrize(
    "text",
    ["CGT-7K2QX", "cgt-7k2qx", "CGT7K2QX", "cgt 7k2qx", "ＣＧＴ－７Ｋ２ＱＸ", "ref:CGT_7K2QX."],
)
def test_references_as_people_type_them(text):
    assert references_in(text) == ["CGT-7K2QX"]


def test_no_reference_in_longer_codes():
    assert references_in("CGT-7K2QXA") == []


def due(reference="CGT-7K2QX", amount=150000, payable=True):
    return {reference: Due(reference, Decimal(amount), "KRW", payable)}


def outcomes(text, dues):
    data = ("Date,Description,Amount\n" + text).encode()
    return [match.outcome for match in match_statement(read_statement(data), dues)]


def test_every_outcome():
    dues = {
        **due(),
        **due("CGT-AAAAA", payable=False),
        **due("CGT-BBBBB", amount=200000),
    }
    text = (
        "2026-11-20,CGT-7K2QX,150000\n"
        "2026-11-20,CGT-7K2QX again,150000\n"
        "2026-11-20,CGT-AAAAA,150000\n"
        "2026-11-20,CGT-BBBBB,150000\n"
        "2026-11-20,CGT-CCCCC,150000\n"
        "2026-11-20,no reference,150000\n"
        "2026-11-20,CGT-7K2QX and CGT-BBBBB,350000\n"
    )
    assert outcomes(text, dues) == [
        "match",
        "duplicate",
        "not_payable",
        "amount_differs",
        "unknown_reference",
        "no_reference",
        "ambiguous",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02\xff\xfe junk", "not a CSV text file"),
        (b"a,b,c\n1,2,3\n", "No header row"),
        (b"Date,Amount\n2026-11-20,abc\n", "Line 2: the amount"),
        (b"Date,Amount\n2026-11-20,=cmd|' /C calc'!A0\n", "Line 2"),
    ],
)
def test_bad_files_are_explained(data, message):
    with pytest.raises(StatementError, match=message):
        read_statement(data)


def test_a_huge_statement_is_refused_by_rows():
    data = ("Date,Amount\n" + "2026-11-20,1\n" * 20_001).encode()
    with pytest.raises(StatementError, match="more than 20000 rows"):
        read_statement(data)
