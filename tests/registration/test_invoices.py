"""Invoices, receipts and credit notes: VAT taken out of gross prices to the last won, and
the PDF read back with poppler (text, fonts, pages) in each kind and language.

A PDF takes about a second to draw (two CJK fonts are parsed and subset), so each document
below is drawn once for the module and read by several tests."""

import functools
import subprocess
from datetime import date
from decimal import Decimal

import pytest

from registration import badges
from registration.invoices import Document, Line, Party, format_amount, render_pdf, totals

SELLER = Party(
    name="주식회사 셀앤진 이스트아시아",
    organization="Cell & Gene Therapy East Asia 2025 사무국",
    address="서울특별시 강남구 테헤란로 123\n셀진타워 7층",
    business_number="123-45-67890",
    email="billing@cgt-eastasia.example",
)
BUYER = Party(
    name="김민지",
    organization="한국바이오제약 주식회사",
    address="경기도 성남시 분당구 판교역로 235\r\n에이치스퀘어 N동 5층",
    business_number="214-87-00123",
    email="minji.kim@example.kr",
)
BANK = "신한은행 (Shinhan Bank, SWIFT SHBKKRSE)\n계좌번호 110-123-456789"


ONE_PASS = (Line("Conference pass", 1, Decimal("150000")),)


def document(kind="invoice", *, lines=ONE_PASS, **rest):
    return Document(
        **{
            "kind": kind,
            "number": "CGT2025-0009",
            "issued": date(2025, 9, 1),
            "seller": SELLER,
            "buyer": BUYER,
            "lines": lines,
            "currency": "KRW",
            "vat_rate": Decimal("10"),
            "event_name": "Cell & Gene Therapy East Asia 2025",
            "payment_reference": "CGT-7K2QX",
            "due": date(2025, 9, 15),
            "bank_details": BANK,
            "paid_on": date(2025, 9, 10),
            "refers_to": "CGT2025-0007",
            **rest,
        }
    )


# Totals -------------------------------------------------------------------------------


def test_totals_take_vat_out_of_a_gross_krw_price():
    assert totals(document()) == (Decimal("136364"), Decimal("13636"), Decimal("150000"))


def test_totals_round_vat_to_the_cent_in_usd():
    usd = document(currency="USD", lines=(Line("Pass", 1, Decimal("99.99")),))
    assert totals(usd) == (Decimal("90.90"), Decimal("9.09"), Decimal("99.99"))


def test_totals_without_vat_have_no_vat():
    assert totals(document(vat_rate=Decimal("0"))) == (
        Decimal("150000"),
        Decimal("0"),
        Decimal("150000"),
    )


def test_totals_multiply_by_the_quantity():
    two = document(lines=(Line("Pass", 2, Decimal("150000")), Line("Dinner", 1, Decimal("80000"))))
    assert totals(two) == (Decimal("345455"), Decimal("34545"), Decimal("380000"))


def test_totals_of_a_credit_note_are_its_invoice_negated():
    invoice = document(lines=(Line("Pass", 3, Decimal("99.99")),), currency="USD")
    credit_note = document("credit_note", lines=invoice.lines, currency="USD")
    assert totals(credit_note) == tuple(-amount for amount in totals(invoice))
    assert totals(credit_note) == (Decimal("-272.70"), Decimal("-27.27"), Decimal("-299.97"))


def test_a_document_of_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="quote"):
        document("quote")


# Amounts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "currency", "written"),
    [
        (Decimal("150000"), "KRW", "KRW 150,000"),
        (Decimal("-13636"), "KRW", "KRW -13,636"),
        (Decimal("12000.00"), "JPY", "JPY 12,000"),
        (Decimal("1200.5"), "USD", "USD 1,200.50"),
        (Decimal("99.99"), "EUR", "EUR 99.99"),
        (Decimal("-0"), "EUR", "EUR 0.00"),
    ],
)
def test_format_amount_writes_the_currencys_minor_units(amount, currency, written):
    assert format_amount(amount, currency) == written


# The PDF --------------------------------------------------------------------------------

TWO_LINES = (
    Line("Conference pass", 2, Decimal("150000")),
    Line("Gala dinner", 1, Decimal("80000")),
)
# 58 more lines run a document onto more pages.
MANY_LINES = TWO_LINES + tuple(
    Line(f"Workshop seat for attendee {n}, with lunch and the site visit", 1, Decimal("1000"))
    for n in range(58)
)
# Each kind and each language at least once, one PDF each: drawing one takes a second.
DOCUMENTS = {
    ("invoice", "ko"): TWO_LINES,
    ("invoice", "zh-hant"): TWO_LINES,
    ("receipt", "en"): TWO_LINES,
    ("receipt", "zh-hans"): MANY_LINES,
    ("credit_note", "ja"): TWO_LINES,
}
CASES = list(DOCUMENTS)
# Net, VAT, total.
TOTALS = {TWO_LINES: ("345,455", "34,545", "380,000"), MANY_LINES: ("398,182", "39,818", "438,000")}
FONT = {"en": "KR", "ko": "KR", "ja": "JP", "zh-hans": "SC", "zh-hant": "TC"}
PAID = {"en": "Paid on", "zh-hans": "付款日期"}
DUE = {"ko": "2025년 9월 15일", "zh-hant": "2025年9月15日"}
TITLE = {
    ("invoice", "ko"): "청구서",
    ("invoice", "zh-hant"): "發票",
    ("receipt", "en"): "Receipt",
    ("receipt", "zh-hans"): "收据",
    ("credit_note", "ja"): "クレジットノート",
}


@functools.cache
def pdf_of(kind, language):
    return render_pdf(document(kind, language=language, lines=DOCUMENTS[kind, language]))


def poppler(tool, pdf):
    return subprocess.run(
        [tool, "-", "-"][: 3 if tool == "pdftotext" else 2],
        input=pdf,
        check=True,
        capture_output=True,
    ).stdout.decode()


@pytest.mark.parametrize(("kind", "language"), CASES)
def test_the_pdf_names_the_document_the_buyer_and_the_amounts(kind, language):
    pdf = pdf_of(kind, language)
    text = poppler("pdftotext", pdf)
    assert pdf.startswith(b"%PDF-")
    for words in (TITLE[kind, language], "CGT2025-0009", "김민지", "한국바이오제약 주식회사"):
        assert words in text
    amounts = ["300,000", "80,000", *TOTALS[DOCUMENTS[kind, language]]]
    sign = "-" if kind == "credit_note" else ""
    for amount in amounts:
        assert f"KRW {sign}{amount}" in text
    assert "123-45-67890" in text  # the seller's business registration number


@pytest.mark.parametrize(("kind", "language"), [case for case in CASES if case[0] == "invoice"])
def test_an_invoice_says_how_to_pay(kind, language):
    text = poppler("pdftotext", pdf_of(kind, language))
    assert text.count("CGT-7K2QX") == 2  # in the sentence, and large on its own
    for line in BANK.splitlines():
        assert line in text
    assert DUE[language] in text


@pytest.mark.parametrize(("kind", "language"), [case for case in CASES if case[0] == "receipt"])
def test_a_receipt_says_when_it_was_paid(kind, language):
    text = poppler("pdftotext", pdf_of(kind, language))
    assert PAID[language] in text
    assert "CGT-7K2QX" not in text


def test_a_credit_note_names_the_invoice_it_cancels():
    text = poppler("pdftotext", pdf_of("credit_note", "ja"))
    assert "CGT2025-0007" in text
    assert "請求書 CGT2025-0007 を取り消します" in text


def test_a_korean_invoice_speaks_korean():
    text = poppler("pdftotext", pdf_of("invoice", "ko"))
    for label in ("공급자", "공급받는자", "공급가액", "부가세 (10%)", "합계 금액", "입금 계좌"):
        assert label in text
    assert "2025년 9월 15일" in text
    assert "Invoice" not in text


@pytest.mark.parametrize(("kind", "language"), CASES)
def test_the_font_is_the_languages_face_and_a_subset(kind, language):
    pdf = pdf_of(kind, language)
    fonts = poppler("pdffonts", pdf).splitlines()[2:]
    assert {line.split()[0].split("+")[1] for line in fonts} == {
        f"NotoSansCJK{FONT[language]}",
        f"NotoSansCJK{FONT[language]}Bold",
    }
    assert all(line.split()[-4:-2] == ["yes", "yes"] for line in fonts)  # embedded, subset
    assert len(pdf) < 200_000  # the full fonts weigh 16 MB each


def test_a_long_document_runs_onto_pages_that_say_so():
    pdf = pdf_of("receipt", "zh-hans")
    pages = poppler("pdftotext", pdf).split("\f")[:-1]
    assert len(pages) > 1
    assert f"第 {len(pages)} 页，共 {len(pages)} 页" in pages[-1]
    assert all("项目" in page for page in pages if "attendee" in page)  # the table's head
    assert "attendee 57," in pages[-1]


def test_missing_fonts_raise_the_badges_clear_error(settings, tmp_path):
    settings.BADGE_FONT_DIR = str(tmp_path)
    with pytest.raises(badges.BadgeFontsMissing):
        render_pdf(document())
