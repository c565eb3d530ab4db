"""The acceptance test of the mail queue, on the real thing: gunicorn with production
settings and `manage.py db_worker` as processes of their own, on SQLite (or PostgreSQL when
the suite runs there), and a real SMTP server that is first down, then hangs, then accepts.
Registrations answer in under a second throughout; every e-mail arrives exactly once, sent
by the worker, after the server comes back."""

import time
from collections import Counter

import pytest

from tests.servers import (
    fresh_database_url,
    http_get,
    manage,
    production_env,
    register_over_http,
    start_gunicorn,
    start_task_worker,
    stop,
)
from tests.smtp import BrokenServer, SmtpServer

MAKE_IT_UPCOMING = """
from datetime import timedelta
from django.utils import timezone
from registration.models import Event
event = Event.objects.get()
event.start = timezone.now() + timedelta(days=30)
event.end = event.start + timedelta(days=1)
event.save()
"""

SENT = """
from collections import Counter
from registration.models import Email
from django_tasks_db.models import DBTaskResult
print(dict(Counter(Email.objects.values_list("state", flat=True))))
print(sorted({w for ids in DBTaskResult.objects.filter(status="SUCCESSFUL").values_list(
    "worker_ids", flat=True) for w in ids}))
"""


@pytest.fixture
def site(tmp_path):
    url, drop = fresh_database_url(tmp_path)
    smtp_port = SmtpServer().port
    env = production_env(
        tmp_path,
        DATABASE_URL=url,
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}?timeout=1",
        DJANGO_EMAIL_RETRY_DELAYS="1,1,1,2,2,2,2,2,2,2",
        REGISTRATION_RATE_LIMIT="1000/m",
    )
    for args in (["migrate", "--no-input"], ["collectstatic", "--no-input"], ["seed"]):
        result = manage(env, *args)
        assert result.returncode == 0, result.stderr
    assert manage(env, "shell", "-c", MAKE_IT_UPCOMING).returncode == 0
    web, port = start_gunicorn(env, workers=2)
    worker = start_task_worker(env, worker_id="the-worker")
    yield env, port, smtp_port
    stop(web)
    output, _ = stop(worker)
    print(output)
    drop()


def test_mail_server_down_then_hanging_then_back(site):
    env, port, smtp_port = site
    timings = []

    # Down: nothing listens on the mail port.
    for index in range(3):
        status, seconds = register_over_http(port, f"down{index}@example.com")
        assert status == 302
        timings.append(seconds)

    # Hanging: the port accepts connections and never answers.
    hanging = BrokenServer("hang", port=smtp_port).start()
    try:
        for index in range(3):
            status, seconds = register_over_http(port, f"hang{index}@example.com")
            assert status == 302
            timings.append(seconds)
        started = time.monotonic()
        response, body = http_get(port, "/healthz")
        assert (response.status, body) == (200, b"ok")
        assert time.monotonic() - started < 1
        time.sleep(2)  # the worker meets the hanging server at least once
    finally:
        hanging.stop()
    assert hanging.connections >= 1

    assert max(timings) < 1, timings

    # Back: a real SMTP server accepts. Every e-mail arrives once, by the retries.
    server = SmtpServer(smtp_port).start()
    try:
        expected = {f"{phase}{i}@example.com" for phase in ("down", "hang") for i in range(3)}
        deadline = time.monotonic() + 60
        while set(server.recorder.recipients()) != expected and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(3)  # any duplicate would have arrived by now
        received = Counter(server.recorder.recipients())
    finally:
        server.stop()
    assert received == dict.fromkeys(expected, 1)
    states, workers = manage(env, "shell", "-c", SENT).stdout.strip().splitlines()[-2:]
    assert states == "{'sent': 6}"
    assert workers == "['the-worker']"  # sent by the worker, never by a web request
