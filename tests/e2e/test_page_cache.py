"""An organizer's edit shows to visitors on their next request, in every language, while
the pages come from the page cache."""

from playwright.sync_api import expect

from cgt_event import pagecache
from landscape.models import Company
from tests.e2e.conftest import ARTIFACTS
from tests.helpers import admin_log_in

EDITS = {
    "en": ("", "Edited in the admin: a second GMP site opened."),
    "ko": ("/ko", "관리자에서 고쳤습니다: 두 번째 GMP 시설을 열었습니다."),
    "ja": ("/ja", "管理画面で編集しました：第二のGMP施設を開設しました。"),
    "zh_hans": ("/zh-hans", "已在后台编辑：第二座GMP工厂已启用。"),
    "zh_hant": ("/zh-hant", "已在後台編輯：第二座GMP工廠已啟用。"),
}


def test_an_admin_edit_shows_on_the_next_request_in_every_language(
    browser, site, superuser, settings
):
    settings.PAGE_CACHE = True
    company = Company.objects.get(slug="gc-cell")
    path = f"/landscape/companies/{company.slug}/"

    visitor = browser.new_context(locale="en-GB").new_page()
    for prefix, _text in EDITS.values():
        for _ in range(2):
            response = visitor.goto(site + prefix + path)
            assert response.ok
        expect(visitor.locator("main")).not_to_contain_text("Edited in the admin")
    kept = len(pagecache.store)
    assert kept >= len(EDITS)  # each language's page is kept

    organizer = browser.new_context(locale="en-GB").new_page()
    admin_log_in(
        organizer,
        f"{site}/admin/login/?next=/admin/landscape/company/{company.pk}/change/",
        "organizer",
        "a-long-test-password",
    )
    for language, (_prefix, text) in EDITS.items():
        organizer.locator(f'a[href="#tab_id_description_{language}"]').click()
        organizer.locator(f"#id_description_{language}").fill(text)
    organizer.get_by_role("button", name="Save", exact=True).click()
    expect(organizer.locator(".messagelist")).to_contain_text("was changed successfully")

    for prefix, text in EDITS.values():
        response = visitor.goto(site + prefix + path)
        assert response.ok
        expect(visitor.locator("main")).to_contain_text(text)
    ARTIFACTS.mkdir(exist_ok=True)
    visitor.screenshot(path=ARTIFACTS / "page-cache-edit-zh-hant.png", full_page=True)
