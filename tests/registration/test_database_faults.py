"""A database that stays locked or freezes: the visitor gets a clear page in seconds and
loses nothing they typed; /healthz keeps answering."""

import os
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.urls import reverse

from registration.models import Registration, TicketType
from tests.factories import RegistrationFactory
from tests.helpers import text_of
from tests.servers import free_port, http_get, manage, production_env, start_gunicorn, stop


@pytest.fixture
def short_lock_wait(settings):
    """The app's database connection waits 1 s for a lock instead of 10."""
    options = connection.settings_dict.setdefault("OPTIONS", {})
    saved = dict(options)
    if connection.vendor == "sqlite":
        options["timeout"] = 1
    else:
        options["options"] = "-c lock_timeout=1000 -c statement_timeout=5000"
    connection.close()
    yield
    options.clear()
    options.update(saved)
    connection.close()


@pytest.fixture
def held_lock(transactional_db):
    """Another connection holding the lock a registration needs: SQLite's write lock, or the
    ticket type's row (or the given row) on PostgreSQL."""

    def hold(row=None):
        if connection.vendor == "sqlite":
            other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
            other.execute("BEGIN IMMEDIATE")
        else:
            params = connection.get_connection_params()
            params.pop("cursor_factory", None)
            params.pop("options", None)
            other = psycopg.connect(**params)
            row = row or TicketType.objects.get()
            other.execute(
                f"SELECT id FROM {row._meta.db_table} WHERE id = %s FOR UPDATE",
                [row.pk],
            )
        return other

    return hold


def test_a_locked_database_gives_a_busy_page_that_keeps_what_was_typed(
    client, upcoming, short_lock_wait, held_lock
):
    ticket = TicketType.objects.get()
    client.get("/register/")
    other = held_lock()
    try:
        started = time.monotonic()
        response = client.post(
            "/register/",
            {
                "given_name": "Min-ji",
                "family_name": "Kim",
                "email": "minji@example.com",
                "organization": "Example Bio",
                "job_title": "Head of CMC",
                "country": "KR",
                "sector": "biotech",
                "ticket_type": ticket.pk,
                "consent_privacy": "on",
            },
        )
        elapsed = time.monotonic() - started
    finally:
        other.rollback()
        other.close()
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert elapsed < 5
    text = text_of(response)
    assert "Please send the form again" in text
    assert "Nothing was saved and nothing is lost" in text
    for typed in ("Min-ji", "Kim", "minji@example.com", "Example Bio", "Head of CMC"):
        assert f'value="{typed}"' in text
    assert not Registration.objects.exists()


def postgres_binaries():
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl is None:
        raise pytest.UsageError("PostgreSQL server programs (pg_ctl, initdb) are not on PATH")
    return pg_ctl


@pytest.fixture
def own_postgres():
    """A PostgreSQL cluster of this test's own on loopback, which it may freeze."""
    postgres_binaries()
    workdir = Path(tempfile.mkdtemp(prefix="cgt-frozen-pg-"))
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(workdir, "postgres")
    port = free_port()
    data = workdir / "data"

    def run(*args):
        subprocess.run([*as_postgres, *args], check=True, capture_output=True)

    run("initdb", "-D", str(data), "-A", "trust", "-U", "postgres")
    run(
        "pg_ctl",
        "-D",
        str(data),
        "-l",
        str(workdir / "log"),
        "-w",
        "-o",
        f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1",
        "start",
    )
    run("createdb", "-h", "127.0.0.1", "-p", str(port), "frozen")
    postmaster = int((data / "postmaster.pid").read_text().split()[0])
    yield f"postgres://postgres@127.0.0.1:{port}/frozen", postmaster
    os.kill(postmaster, signal.SIGCONT)
    subprocess.run(
        [*as_postgres, "pg_ctl", "-D", str(data), "-m", "immediate", "stop"],
        capture_output=True,
        check=False,
    )
    shutil.rmtree(workdir, ignore_errors=True)


def test_a_frozen_postgresql_gives_the_error_page_in_seconds(own_postgres, tmp_path):
    """A page the page cache keeps is still served while the database is frozen; one it
    does not keep gives the error page within the connect timeout, never a hung worker."""
    url, postmaster = own_postgres
    env = production_env(tmp_path, DATABASE_URL=url, DJANGO_DB_CONNECT_TIMEOUT="2")
    for args in (["migrate", "--no-input"], ["collectstatic", "--no-input"], ["seed"]):
        result = manage(env, *args)
        assert result.returncode == 0, result.stderr
    # One worker, so the page kept before the freeze is in the memory that answers after it.
    web, port = start_gunicorn(env, workers=1, timeout=30)
    https = {"X-Forwarded-Proto": "https"}
    try:
        response, _ = http_get(port, "/landscape/", https)
        assert response.status == 200
        os.kill(postmaster, signal.SIGSTOP)  # the database server stops answering
        try:
            kept, _ = http_get(port, "/landscape/", https, timeout=30)
            started = time.monotonic()
            response, body = http_get(port, "/speakers/", https, timeout=30)
            page_seconds = time.monotonic() - started
            started = time.monotonic()
            ready, ready_body = http_get(port, "/readyz", https, timeout=30)
            ready_seconds = time.monotonic() - started
            health, health_body = http_get(port, "/healthz", https)
        finally:
            os.kill(postmaster, signal.SIGCONT)
    finally:
        stop(web)
    assert (kept.status, kept.getheader("X-Cache")) == (200, "hit")
    assert response.status == 500
    assert b"Something went wrong on our side" in body
    assert page_seconds < 5  # connect_timeout, well inside gunicorn's 30 s
    assert (ready.status, ready_seconds < 5) == (503, True)
    assert b'"database": "unavailable"' in ready_body
    assert (health.status, health_body) == (200, b"ok")


def test_a_database_fault_that_is_not_a_lock_is_not_called_busy(upcoming, client):
    """A missing table is a fault of ours: the error page and a logged traceback, not a
    page telling the visitor to try again."""
    ticket = TicketType.objects.get()
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE registration_email")  # rolled back with the test
    client.raise_request_exception = True
    with pytest.raises(Exception, match="registration_email"):
        client.post(
            "/register/",
            {
                "given_name": "Min-ji",
                "family_name": "Kim",
                "email": "minji@example.com",
                "organization": "Example Bio",
                "country": "KR",
                "sector": "biotech",
                "ticket_type": ticket.pk,
                "consent_privacy": "on",
            },
        )


def test_a_locked_database_at_the_door_says_so_and_changes_nothing(
    client, upcoming, short_lock_wait, held_lock, django_user_model
):
    registration = RegistrationFactory(ticket_type=TicketType.objects.get())
    desk = django_user_model.objects.create_user("door", password="x" * 20, is_staff=True)
    desk.user_permissions.add(Permission.objects.get(codename="check_in"))
    client.force_login(desk)
    url = reverse("registration:checkin", kwargs={"token": registration.checkin_token})
    other = held_lock(registration)
    try:
        started = time.monotonic()
        page = client.post(url)
        answer = client.post(url, headers={"accept": "application/json"})
        elapsed = time.monotonic() - started
    finally:
        other.rollback()
        other.close()
    assert (page.status_code, answer.status_code) == (503, 503)
    assert elapsed < 10
    assert "Not saved: the system is busy. Press the button again." in text_of(page)
    assert ">Check in</button>" in text_of(page)
    assert answer.json() == {"kind": "busy"}
    registration.refresh_from_db()
    assert registration.checked_in_at is None
    assert client.post(url, follow=True).status_code == 200  # once free, it goes through
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
