"""Bank statements: what Korean, Japanese and international banks export is read, each
transfer is matched to the registration it pays, and a file that cannot be read says which
line and why, in the uploader's language, never with anything but a StatementError."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from registration.bankstatements import (
    MAX_BYTES,
    MAX_ROWS,
    Due,
    Match,
    StatementError,
    Transaction,
    find_references,
    match_statement,
    read_statement,
)
from registration.models import new_reference


def statement(*rows, header="Date,Amount,Memo"):
    """A small English CSV export in UTF-8."""
    return "\n".join([header, *rows]).encode()


def error_of(data):
    with pytest.raises(StatementError) as raised:
        read_statement(data)
    return raised.value


# Reading: encodings, delimiters and headers


def test_read_statement_utf8_english_export():
    data = statement(
        "2025-09-01,150000.00,Transfer CGT-7K2QX Kim Minji",
        "2025-09-02,-4.50,Coffee",
        "2025-09-03,120000,KIM MINJI",
        header="Date,Amount,Description",
    )

    assert read_statement(data) == [
        Transaction(2, date(2025, 9, 1), Decimal("150000.00"), "Transfer CGT-7K2QX Kim Minji"),
        Transaction(4, date(2025, 9, 3), Decimal("120000"), "KIM MINJI"),
    ]


def test_read_statement_cp949_korean_bank_export():
    text = "\r\n".join(
        [
            "거래내역조회",
            "계좌번호,110-123-456789",
            "조회기간,2025.09.01 ~ 2025.09.30",
            "",
            "거래일자,적요,출금액,입금액,잔액,거래점",
            '2025.09.01 10:12:13,김민지 CGT-7K2QX,0,"150,000","1,150,000",인천',
            '2025.09.02 09:00:00,카드대금,"30,000",0,"1,120,000",본점',
            '2025.09.03 14:55:02,이서준 cgt7k2qx,,"150,000원","1,270,000",',
            ',합계,"30,000","300,000",,',
        ]
    )

    assert read_statement(text.encode("cp949")) == [
        Transaction(6, date(2025, 9, 1), Decimal(150000), "김민지 CGT-7K2QX"),
        Transaction(8, date(2025, 9, 3), Decimal(150000), "이서준 cgt7k2qx"),
    ]


def test_read_statement_utf8_bom_with_semicolons():
    text = (
        "\ufeffBooking date;Counterparty;Memo;Credit;Debit\n"
        "2025/09/04;Tanaka Hana;Fee, CGT-ABCDE;150,000;\n"
        "2025/09/05;Shop;Paper;;12,000\n"
    )

    assert read_statement(text.encode("utf-8")) == [
        Transaction(2, date(2025, 9, 4), Decimal(150000), "Tanaka Hana / Fee, CGT-ABCDE")
    ]


def test_read_statement_utf16_with_tabs_as_excel_saves_unicode_text():
    text = (
        "거래일시\t기재내용\t찾으신금액\t맡기신금액\t거래후잔액\r\n"
        "2025-09-06 11:00\t박지훈 CGT 7K2QX\t\t150000\t1420000\r\n"
        "2025-09-07 08:30\tATM\t50000\t\t1370000\r\n"
    )

    assert read_statement(text.encode("utf-16")) == [
        Transaction(2, date(2025, 9, 6), Decimal(150000), "박지훈 CGT 7K2QX")
    ]


def test_read_statement_shift_jis_japanese_export():
    text = (
        "取引日,摘要,お引出金額,お預入金額,残高\n"
        "2025/09/08,振込 ヤマダ タロウ CGT-7K2QX,,150000,3150000\n"
        "2025/09/09,カード,5000,,3145000\n"
    )

    assert read_statement(text.encode("cp932")) == [
        Transaction(2, date(2025, 9, 8), Decimal(150000), "振込 ヤマダ タロウ CGT-7K2QX")
    ]


def test_read_statement_signed_amount_column_skips_withdrawals():
    data = statement(
        "2025-09-01,150000,CGT-7K2QX",
        "2025-09-02,-30000,rent",
        "2025-09-03,−4.50,coffee",
        "2025-09-04,(1200),fee",
        "2025-09-05,0,interest",
        "2025-09-06,+80000,CGT-ABCDE",
    )

    assert [(t.line, t.amount) for t in read_statement(data)] == [
        (2, Decimal(150000)),
        (7, Decimal(80000)),
    ]


def test_read_statement_direction_column_marks_withdrawals():
    data = statement(
        "2025.09.01 10:00,입금,150000,김민지 CGT-7K2QX",
        "2025.09.02 11:00,출금,150000,환불",
        header="거래일시,구분,거래금액,내용",
    )

    assert [t.line for t in read_statement(data)] == [2]


def test_read_statement_without_a_text_column_searches_the_other_columns():
    data = statement(
        "2025-09-01,150000,1150000,김민지,CGT-7K2QX",
        header="거래일자,입금액,잔액,의뢰인명,통장표시",
    )

    assert read_statement(data)[0].text == "김민지 / CGT-7K2QX"


def test_read_statement_header_names_ignore_case_width_and_units():
    data = statement("2025-09-01,150000,CGT-7K2QX", header="ＤＡＴＥ,입금액(원),Memo ")

    assert read_statement(data) == [Transaction(2, date(2025, 9, 1), Decimal(150000), "CGT-7K2QX")]


def test_read_statement_skips_blank_rows_and_a_repeated_header():
    data = statement("2025-09-01,150000,CGT-7K2QX", "", ",,", "Date,Amount,Memo", "2025-09-02,1,x")

    assert [t.line for t in read_statement(data)] == [2, 6]


def test_read_statement_line_counts_a_cell_that_spans_lines():
    data = statement('2025-09-01,1,"two\nlines"', "2025-09-02,2,x")

    assert [t.line for t in read_statement(data)] == [2, 4]


def test_read_statement_empty_date_gives_no_date():
    assert read_statement(statement(",150000,CGT-7K2QX"))[0].date is None


def test_read_statement_keeps_a_formula_like_cell_as_text():
    formula = "=cmd|' /C calc'!A0"

    assert read_statement(statement(f"2025-09-01,150000,{formula}"))[0].text == formula


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("150000", Decimal(150000)),
        ('"150,000"', Decimal(150000)),
        ('"150,000원"', Decimal(150000)),
        ('"₩150,000"', Decimal(150000)),
        ('"￦150,000"', Decimal(150000)),
        ('"KRW 150,000"', Decimal(150000)),
        ('"１５０，０００"', Decimal(150000)),
        ('"150,000円"', Decimal(150000)),
        ('"1,234.56"', Decimal("1234.56")),
        ("US$12.50", Decimal("12.50")),
        ("150000.00", Decimal("150000.00")),
    ],
)
def test_read_statement_reads_amounts_as_banks_write_them(written, amount):
    assert read_statement(statement(f"2025-09-01,{written},x"))[0].amount == amount


@pytest.mark.parametrize(
    "written",
    [
        "2025-09-01",
        "2025.09.01",
        "2025/09/01",
        "2025. 9. 1.",
        "2025년 9월 1일",
        "2025年9月1日",
        "20250901",
        "2025-09-01 14:23:05",
        "2025-09-01T14:23:05+09:00",
        "2025.09.01 오후 2:23",
        "2025.09.01(월) 14:23",
    ],
)
def test_read_statement_reads_dates_as_banks_write_them(written):
    assert read_statement(statement(f"{written},1,x"))[0].date == date(2025, 9, 1)


# Reading: what cannot be read


@pytest.mark.parametrize("written", ["abc", "1.234,56", "1,23", "=1+1", "--5", "9" * 16])
def test_read_statement_unreadable_amount_names_its_line(written):
    error = error_of(statement("2025-09-01,1,x", f'2025-09-02,"{written}",x'))

    assert str(error) == f"Line 3: the amount “{written}” is not a number."
    assert error.line == 3


def test_read_statement_quotes_a_long_cell_shortened():
    error = error_of(statement("2025-09-01," + "x" * 100 + ",memo"))

    assert str(error) == f"Line 2: the amount “{'x' * 39}…” is not a number."


@pytest.mark.parametrize("written", ["01/09/2025", "2025-02-30", "yesterday"])
def test_read_statement_unreadable_date_names_its_line(written):
    error = error_of(statement(f"{written},150000,x"))

    assert str(error) == f"Line 2: the date “{written}” is not a date such as 2025-09-01."


@pytest.mark.parametrize("data", [b"", b" \r\n\t", b"\xef\xbb\xbf", "\n".encode("utf-16")])
def test_read_statement_empty_file(data):
    assert str(error_of(data)) == "The file is empty."


def test_read_statement_without_a_header():
    data = b"Name,E-mail\nKim,kim@example.com\n"

    assert str(error_of(data)).startswith("No header row found. Among its first 50 rows,")


def test_read_statement_junk_bytes_are_not_text():
    junk = bytes(range(256)) * 64

    assert str(error_of(junk)) == (
        "The file is not a CSV text file. Export the statement from the bank as CSV "
        "(UTF-8, UTF-16, Korean CP949/EUC-KR or Japanese Shift_JIS)."
    )


def test_read_statement_a_file_over_the_limit():
    assert str(error_of(b"x" * (MAX_BYTES + 1))) == (
        "The file is 10.0\xa0MB; the limit is 10.0\xa0MB. Export a shorter period."
    )


def test_read_statement_a_long_line_within_the_size_limit():
    error = error_of(statement("2025-09-01,1," + "x" * (MAX_BYTES - 100)))

    assert str(error) == ("Line 2 is longer than 10,000 characters, too long for a bank statement.")


def test_read_statement_a_quoted_cell_past_the_csv_limit():
    cell = "\n".join(["x" * 9000] * 20)

    error = error_of(statement(f'2025-09-01,1,"{cell}"'))

    assert str(error) == (
        "Line 2 is not valid CSV: a cell is too long, or a quotation mark is not closed."
    )


def test_read_statement_too_many_rows():
    data = statement(*["2025-09-01,1,x"] * (MAX_ROWS + 1))

    assert str(error_of(data)) == "The file has more than 20,000 rows. Export a shorter period."


def test_read_statement_rows_up_to_the_limit():
    assert len(read_statement(statement(*["2025-09-01,1,x"] * MAX_ROWS))) == MAX_ROWS


def test_read_statement_error_speaks_the_uploaders_language():
    with translation.override("ko"):
        message = str(error_of(statement("2025-09-01,abc,x")))

    assert message != "Line 2: the amount “abc” is not a number."
    assert "abc" in message
    assert "2" in message


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_read_statement_any_bytes_give_transactions_or_a_statement_error(data):
    try:
        transactions = read_statement(data)
    except StatementError:
        return
    assert all(transaction.amount > 0 for transaction in transactions)


CELL = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["150,000", "-1", "(3)", "2025-09-01", "=cmd|' /C calc'!A0", '"', "합계"]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(CELL, max_size=5), max_size=8))
def test_read_statement_any_rows_under_a_header_give_transactions_or_a_statement_error(rows):
    text = "거래일자,입금액,적요\n" + "\n".join(",".join(row) for row in rows)
    try:
        transactions = read_statement(text.encode())
    except StatementError:
        return
    assert all(transaction.amount > 0 for transaction in transactions)


# References


@pytest.mark.parametrize(
    "text",
    [
        "CGT-7K2QX",
        "cgt-7k2qx",
        "CGT7K2QX",
        "cgt 7k2qx",
        "CGT – 7K2QX",
        "ＣＧＴ－７Ｋ２ＱＸ",
        "ｃｇｔ７ｋ２ｑｘ",
        "CGT-\u200b7K2QX",
        "김민지CGT7K2QX",
        "fee (CGT-7K2QX) Kim",
        "CGT-7K2QX and again cgt7k2qx",
    ],
)
def test_find_references_as_people_type_them(text):
    assert find_references(text) == ("CGT-7K2QX",)


@pytest.mark.parametrize(
    "text", ["", "CGT-7K2Q", "CGT-7K2QXA", "XCGT-7K2QX", "CGT-7K2Q0", "CGT-ASIA1", "CGT 2025"]
)
def test_find_references_ignores_what_is_not_one(text):
    assert find_references(text) == ()


def test_find_references_finds_every_reference_we_issue():
    references = [new_reference() for _ in range(200)]

    assert [find_references(f"fee {ref.lower()} kim") for ref in references] == [
        (ref,) for ref in references
    ]


# Matching

KRW = Due("CGT-7K2QX", Decimal(150000), "KRW", payable=True)
USD = Due("CGT-USD23", Decimal("120.00"), "USD", payable=True)
PAID = Due("CGT-ABCDE", Decimal(150000), "KRW", payable=False)
DUES = {due.reference: due for due in (KRW, USD, PAID)}


def transfer(text, amount, line=2):
    return Transaction(line, date(2025, 9, 1), Decimal(amount), text)


@pytest.mark.parametrize(
    ("text", "amount", "outcome", "reference"),
    [
        ("Kim cgt 7k2qx", "150000", "match", "CGT-7K2QX"),
        ("Kim cgt 7k2qx", "150000.4", "match", "CGT-7K2QX"),
        ("Smith CGT-USD23", "120.004", "match", "CGT-USD23"),
        ("Kim CGT-7K2QX", "100000", "amount_differs", "CGT-7K2QX"),
        ("Smith CGT-USD23", "120.01", "amount_differs", "CGT-USD23"),
        ("Lee CGT-ABCDE", "150000", "not_payable", "CGT-ABCDE"),
        ("Park CGT-ZZZZZ", "150000", "unknown_reference", "CGT-ZZZZZ"),
        ("Park", "150000", "no_reference", None),
        ("CGT-7K2QX CGT-USD23", "150000", "ambiguous", None),
        ("CGT-ZZZZZ CGT-YYYYY", "150000", "ambiguous", None),
        ("CGT ENTRY CGT-7K2QX", "150000", "match", "CGT-7K2QX"),
    ],
)
def test_match_statement_outcome(text, amount, outcome, reference):
    [match] = match_statement([transfer(text, amount)], DUES)

    assert (match.outcome, match.reference) == (outcome, reference)
    assert match.due == DUES.get(reference)


def test_match_statement_reports_both_amounts_when_they_differ():
    transaction = transfer("CGT-7K2QX", "100000")

    assert match_statement([transaction], DUES) == [
        Match(transaction, "CGT-7K2QX", KRW, "amount_differs", ("CGT-7K2QX",))
    ]


def test_match_statement_ambiguous_lists_the_references():
    [match] = match_statement([transfer("CGT-7K2QX, CGT-USD23", "150000")], DUES)

    assert match.candidates == ("CGT-7K2QX", "CGT-USD23")


def test_match_statement_a_second_transfer_is_a_duplicate():
    first = transfer("Kim CGT-7K2QX", "150000", line=2)
    again = transfer("Kim again CGT7K2QX", "150000", line=3)
    less = transfer("CGT-7K2QX", "1000", line=4)

    outcomes = [match.outcome for match in match_statement([first, again, less], DUES)]

    assert outcomes == ["match", "duplicate", "duplicate"]


def test_match_statement_a_partial_transfer_does_not_make_the_next_a_duplicate():
    partial = transfer("CGT-7K2QX", "100000", line=2)
    full = transfer("CGT-7K2QX", "150000", line=3)

    outcomes = [match.outcome for match in match_statement([partial, full], DUES)]

    assert outcomes == ["amount_differs", "match"]


def test_match_statement_of_a_korean_export():
    text = "\r\n".join(
        [
            "거래일자,적요,출금액,입금액,잔액,거래점",
            '2025.09.01,김민지 ＣＧＴ７Ｋ２ＱＸ,0,"150,000","1,150,000",인천',
            '2025.09.02,이서준 cgt-abcde,0,"150,000","1,300,000",인천',
            '2025.09.03,김민지 CGT 7K2QX,0,"150,000","1,450,000",인천',
            '2025.09.04,최유나,0,"150,000","1,600,000",인천',
        ]
    )

    matches = match_statement(read_statement(text.encode("cp949")), DUES)

    assert [(m.transaction.line, m.outcome, m.reference) for m in matches] == [
        (2, "match", "CGT-7K2QX"),
        (3, "not_payable", "CGT-ABCDE"),
        (4, "duplicate", "CGT-7K2QX"),
        (5, "no_reference", None),
    ]
