"""The production posture, checked on the real thing: Django's deploy checklist, and the
headers the site sends when gunicorn serves it with production settings."""

import http.client
import re

import brotli
import pytest

from tests.servers import manage, production_env, start_gunicorn, stop


def test_the_deploy_checklist_passes_with_production_settings(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_deploy_checklist_warns_of_a_local_site_url_and_a_per_process_cache(tmp_path):
    env = production_env(
        tmp_path, DJANGO_SITE_URL="http://127.0.0.1:8000", CACHE_URL="locmemcache://"
    )
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "(cgt_event.W001) DJANGO_SITE_URL is http://127.0.0.1:8000" in result.stderr
    assert "(cgt_event.W002) The cache is kept in each process" in result.stderr


def test_without_cache_url_production_shares_a_file_cache_between_workers(tmp_path):
    env = production_env(tmp_path)
    del env["CACHE_URL"]
    result = manage(
        env,
        "shell",
        "--verbosity=0",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
    )
    assert result.stdout.strip() == "django.core.cache.backends.filebased.FileBasedCache"


def test_without_a_secret_key_the_site_refuses_to_start(tmp_path):
    env = production_env(tmp_path)
    del env["DJANGO_SECRET_KEY"]
    result = manage(env, "check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("production")
    env = production_env(tmp_path)
    for args in (["migrate", "--no-input"], ["collectstatic", "--no-input"], ["seed"]):
        result = manage(env, *args)
        assert result.returncode == 0, result.stderr
    server, port = start_gunicorn(env, workers=1)
    yield port
    stop(server)


def fetch(port, path, https=True, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Host": "cgt.example", **(headers or {})}
    if https:
        headers["X-Forwarded-Proto"] = "https"  # as the TLS proxy in front says
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    return response, body


@pytest.mark.parametrize(
    "path", ["/", "/landscape/", "/speakers/", "/agenda/", "/register/", "/admin/login/"]
)
def test_every_page_sends_the_security_headers(gunicorn, path):
    response, body = fetch(gunicorn, path)
    assert response.status == 200
    csp = response.getheader("Content-Security-Policy")
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert response.getheader("X-Frame-Options") == "DENY"
    assert response.getheader("Strict-Transport-Security") == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert_no_inline_code(body.decode())


SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.I | re.S)


def assert_no_inline_code(html):
    """Only external scripts, no <style> element, no style or on* attribute: what a
    CSP without 'unsafe-inline' demands."""
    scripts = SCRIPT.findall(html)
    assert scripts, "the page loads no script at all"
    for attributes, content in scripts:
        assert re.search(r"\bsrc=", attributes), attributes
        assert content.strip() == "", content[:80]
    assert len(scripts) == html.lower().count("<script")
    assert not re.search(r"<style\b", html, re.I)
    assert not re.search(r"\sstyle=", html, re.I)
    assert not re.search(r"\son[a-z]+=", html, re.I)


@pytest.mark.parametrize(
    "html",
    [
        '<script src="/a.js"></script><script type="module">alert(1)</script>',
        '<script src="/a.js"></script><script nonce="x">alert(1)</script>',
        '<script src="/a.js"></script><p style="color:red">',
        '<script src="/a.js"></script><img src=x onerror="alert(1)">',
        '<script src="/a.js"></script><style>p{}</style>',
    ],
)
def test_the_inline_code_check_catches_what_it_should(html):
    with pytest.raises(AssertionError):
        assert_no_inline_code(html)


def test_plain_http_is_redirected_to_https_except_the_health_check(gunicorn):
    response, _body = fetch(gunicorn, "/landscape/", https=False)
    assert response.status == 301
    assert response.getheader("Location") == "https://cgt.example/landscape/"
    response, body = fetch(gunicorn, "/healthz", https=False)
    assert (response.status, body) == (200, b"ok")


def test_static_files_are_served_compressed_and_cacheable(gunicorn):
    response, body = fetch(gunicorn, "/")
    css = body.decode().split('href="/static/css/site.')[1].split('"')[0]
    response, _body = fetch(gunicorn, f"/static/css/site.{css}")
    assert response.status == 200
    assert "max-age=315360000" in response.getheader("Cache-Control")


LINKED = re.compile(r'<(?:link|script)\b[^>]*?(?:href|src)="(/static/[^"]+\.(?:css|js|woff2))"')


def test_the_home_page_weighs_under_100_kb_compressed_on_first_load(gunicorn):
    """What a browser fetches for the home page, images aside: the page, its stylesheets,
    scripts and the preloaded typeface, as sent to a browser that accepts brotli. (The
    second font file covers accented Latin only and loads only where such text appears.)"""
    accept = {"Accept-Encoding": "gzip, deflate, br, zstd"}
    total = 0
    response, body = fetch(gunicorn, "/", headers=accept)
    assert response.getheader("Content-Encoding") == "br"
    total += len(body)
    html = brotli.decompress(body).decode()
    assets = set(LINKED.findall(html))
    assert {path.split("/")[-1].split(".")[0] for path in assets} >= {
        "bootstrap",
        "site",
        "theme",
        "ibm-plex-sans-latin-wght-normal",
    }
    for path in assets:
        response, body = fetch(gunicorn, path, headers=accept)
        assert response.status == 200, path
        total += len(body)
    assert total <= 100 * 1024, f"{total / 1024:.1f} KB"
