"""Real servers the tests start on loopback: Redis for the shared cache, gunicorn with
production settings. Each is a plain process, stopped when the test is done."""

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port} after {timeout} s")


def start_redis(tmp_path):
    """Debian's redis-server on a free loopback port, without persistence. Returns
    (process, url)."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise pytest.UsageError("redis-server not found: apt-get install redis-server")
    port = free_port()
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
    )
    wait_for_port(port, process)
    return process, f"redis://127.0.0.1:{port}/0"


def production_env(tmp_path, **extra):
    """The environment of a production deployment on this machine: debug off, a secret
    key, an SQLite file, static files collected into tmp_path."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "CACHE_URL"))
    }
    return {
        **env,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "production-test-" + "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "cgt.example,127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_SITE_URL": "https://cgt.example",
        "CACHE_URL": f"filecache://{tmp_path / 'cache'}",
        **extra,
    }


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        **kwargs,
    )


def fresh_database_url(tmp_path):
    """A database of its own for a test that runs the site in other processes: a SQLite file,
    or, when the suite runs on PostgreSQL, a new database on the same server. Returns
    (url, drop)."""
    suite_url = os.environ.get("DATABASE_URL", "")
    if not suite_url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp_path / 'site.sqlite3'}", lambda: None

    server, _, _suite_database = suite_url.rpartition("/")
    name = f"cgt_test_{os.getpid()}_{free_port()}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"{server}/{name}", drop


def start_gunicorn(env, *, workers=2, timeout=30):
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cgt_event.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            str(timeout),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_for_port(port, process)
    return process, port


def start_task_worker(env, worker_id="test-worker"):
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--interval",
            "0.2",
            "--no-reload",
            "--no-startup-delay",
            "--worker-id",
            worker_id,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def stop(process):
    process.terminate()
    try:
        return process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate()


def http_get(port, path, headers=None, timeout=10):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.request("GET", path, headers={"Host": "cgt.example", **(headers or {})})
    response = connection.getresponse()
    return response, response.read()


def register_over_http(port, email, *, timeout=30):
    """GET the form and POST a registration, as a browser does. Returns (status, seconds
    the POST took)."""
    https = {"Host": "cgt.example", "X-Forwarded-Proto": "https"}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.request("GET", "/register/", headers=https)
    response = connection.getresponse()
    body = response.read().decode()
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
    form = urlencode(
        {
            "csrfmiddlewaretoken": re.search(
                r'name="csrfmiddlewaretoken" value="([^"]+)"', body
            ).group(1),
            "given_name": "Test",
            "family_name": email.split("@")[0],
            "email": email,
            "organization": "Example Bio",
            "country": "KR",
            "sector": "biotech",
            "ticket_type": re.search(r'name="ticket_type" value="(\d+)"', body).group(1),
            "consent_privacy": "on",
        }
    )
    started = time.perf_counter()
    connection.request(
        "POST",
        "/register/",
        form,
        {
            **https,
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
            "Referer": "https://cgt.example/register/",
        },
    )
    response = connection.getresponse()
    response.read()
    return response.status, time.perf_counter() - started
