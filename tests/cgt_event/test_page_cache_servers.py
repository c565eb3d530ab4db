"""Two app servers behind a load balancer share one Redis: an organizer's edit through one
retires the pages the other keeps in memory."""

import http.cookiejar
import re
import time
import urllib.parse
import urllib.request
from html.parser import HTMLParser

from common.content import REREAD_AFTER
from tests.servers import manage, production_env, start_gunicorn, stop

PASSWORD = "a-long-organizer-password-1"


class FormFields(HTMLParser):
    """The values a browser would submit from the page's main form (#company_form)."""

    def __init__(self):
        super().__init__()
        self.fields, self.inside, self._textarea, self._select = {}, False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "company_form":
            self.inside = True
        if not self.inside or (not attrs.get("name") and tag != "option"):
            return
        if tag == "input" and attrs.get("type") not in ("submit", "file", "checkbox"):
            self.fields[attrs["name"]] = attrs.get("value") or ""
        elif tag == "input" and attrs.get("type") == "checkbox" and "checked" in attrs:
            self.fields[attrs["name"]] = attrs.get("value") or "on"
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.fields[self._textarea] = ""
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


class Browser:
    """A browser with cookies, talking to one server."""

    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, path):
        request = urllib.request.Request(self.base + path, headers={"Accept-Language": "en"})
        with self.opener.open(request, timeout=10) as response:
            return response.headers, response.read().decode()

    def post(self, path, data):
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + path}
        )
        with self.opener.open(request, timeout=10) as response:
            return response.url, response.read().decode()

    def csrf(self):
        return next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")


def test_an_edit_through_one_server_is_seen_by_the_other(redis_url, tmp_path):
    env = production_env(
        tmp_path,
        CACHE_URL=redis_url,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
    )
    for command in (
        ["migrate", "--no-input"],
        ["collectstatic", "--no-input"],
        ["seed"],
        ["createsuperuser", "--no-input", "--username", "organizer", "--email", "o@example.com"],
    ):
        result = manage(env, *command)
        assert result.returncode == 0, result.stderr
    first, first_port = start_gunicorn(env, workers=2)
    second, second_port = start_gunicorn(env, workers=2)
    try:
        visitor = Browser(second_port)
        page = "/landscape/companies/heartseed/"
        korean = "/ko/landscape/companies/heartseed/"
        # Warm both of the second server's workers, in English and Korean.
        seen = {(path, visitor.get(path)[0]["X-Cache"]) for path in [page, korean] * 6}
        assert (page, "hit") in seen
        assert (korean, "hit") in seen

        organizer = Browser(first_port)
        organizer.get("/admin/login/")
        url, _ = organizer.post(
            "/admin/login/?next=/admin/",
            {
                "username": "organizer",
                "password": PASSWORD,
                "csrfmiddlewaretoken": organizer.csrf(),
            },
        )
        assert not url.endswith("/admin/login/"), "login failed"
        _, html = organizer.get("/admin/landscape/company/?q=heartseed")
        company_id = re.search(r"/admin/landscape/company/(\d+)/change/", html).group(1)
        form_url = f"/admin/landscape/company/{company_id}/change/"
        parser = FormFields()
        parser.feed(organizer.get(form_url)[1])
        fields = parser.fields
        assert "description_ko" in fields
        fields["description_en"] = "Edited on the first server."
        fields["description_ko"] = "첫 번째 서버에서 고쳤습니다."
        fields["_save"] = "Save"
        url, _ = organizer.post(form_url, fields)
        assert url.endswith("/admin/landscape/company/"), "the change was not saved"

        # Each worker of the other server trusts the version it read for at most a second.
        time.sleep(REREAD_AFTER + 0.1)
        for _ in range(2):  # whichever worker answers
            english = visitor.get(page)[1]
            assert "Edited on the first server." in english
            assert "첫 번째 서버에서 고쳤습니다." in visitor.get(korean)[1]
    finally:
        stop(first)
        stop(second)
