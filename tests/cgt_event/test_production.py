"""The production posture, checked on the real thing: Django's deploy checklist, and the
headers the site sends when gunicorn serves it with production settings."""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def production_env(tmp_path, **extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    return {
        **env,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "production-test-" + "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "cgt.example,127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        **extra,
    }


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_the_deploy_checklist_passes_with_production_settings(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


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
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cgt_event.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    yield port
    server.terminate()
    server.wait(timeout=10)


def fetch(port, path, https=True):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Host": "cgt.example"}
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
    assert b"<script>" not in body


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
