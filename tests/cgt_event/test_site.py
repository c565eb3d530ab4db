import pickle
from datetime import timedelta

import pytest
import redis
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cgt_event.views import server_error
from registration.models import Registration
from registration.services.emails import email_queue
from tests.factories import RegistrationFactory
from tests.servers import free_port, http_get, manage, production_env, start_gunicorn, stop


def test_healthz_answers_ok_without_the_database(client):
    # No `db` fixture: any query here would raise.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_every_page_links_the_main_sections(client, seeded):
    text = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("landscape:overview")}"' in text
    assert "25 September 2025" in text
    assert "Songdo Convensia, Incheon, South Korea" in text


def test_pages_carry_no_inline_scripts_or_styles(client, seeded):
    for url in ["/", "/landscape/", "/landscape/japan/", "/landscape/companies/"]:
        text = client.get(url).content.decode()
        assert "<script>" not in text
        assert "style=" not in text
        assert "<style" not in text


def test_server_error_page_is_styled(db):
    response = server_error(None)
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content


@pytest.mark.urls("tests.urls_raising")
def test_an_unhandled_error_gives_the_styled_500(db):
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content


def test_english_pages_have_no_language_prefix():
    assert reverse("landscape:overview") == "/landscape/"


def test_a_redis_cache_url_gives_a_working_cache_client(redis_url, tmp_path):
    """CACHE_URL=redis://... makes the settings use Redis: a value the site stores is in the
    Redis server, and one put there is read by the site."""
    env = production_env(tmp_path, CACHE_URL=redis_url)
    result = manage(
        env,
        "shell",
        "--verbosity=0",
        "-c",
        "from django.core.cache import cache; cache.set('written-by-site', 42, 60)",
    )
    assert result.returncode == 0, result.stderr
    client = redis.Redis.from_url(redis_url)
    client.set(":1:written-by-test", pickle.dumps("hello"))  # Django's key and pickle format
    result = manage(
        env,
        "shell",
        "--verbosity=0",
        "-c",
        "from django.core.cache import cache, caches; print(type(caches['default']).__name__, "
        "cache.get('written-by-test'), cache.get('written-by-site'))",
    )
    assert result.stdout.split() == ["RedisCache", "hello", "42"]
    assert client.get(":1:written-by-site") == b"42"  # Django stores integers unpickled


def test_a_cache_server_that_is_down_degrades_nothing_a_visitor_sees(client, upcoming, settings):
    """Redis refusing connections: every page and a registration still work, from the
    database, and the rate limit lets the registration through."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
        }
    }
    for path in ("/", "/landscape/", "/landscape/japan/", "/speakers/", "/agenda/", "/privacy/"):
        assert client.get(path).status_code == 200, path
    response = client.get("/register/")
    ticket = response.context["form"].fields["ticket_type"].rows[0]
    response = client.post(
        "/register/",
        {
            "given_name": "Ada",
            "family_name": "Park",
            "email": "ada@example.com",
            "organization": "Example Bio",
            "country": "KR",
            "sector": "biotech",
            "ticket_type": ticket.pk,
            "consent_privacy": "on",
        },
    )
    assert response.status_code == 302
    assert Registration.objects.filter(email="ada@example.com").exists()


def test_readyz_reports_a_reachable_database_and_a_moving_queue(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"ready": True, "checks": {"database": "ok", "tasks": "ok"}}


def test_readyz_reports_a_stuck_task_queue(client, db, settings):
    """No worker ran for longer than TASK_QUEUE_MAX_WAIT: e-mails are piling up."""
    registration = RegistrationFactory()
    email_queue(registration=registration, kind="confirmed")
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=6))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["tasks"] == "stuck: the oldest task has waited 360 s"
    settings.TASK_QUEUE_MAX_WAIT = 600
    assert client.get("/readyz").status_code == 200


def test_a_deferred_retry_counts_only_once_it_is_due(client, db):
    registration = RegistrationFactory()
    email_queue(registration=registration, kind="confirmed")
    DBTaskResult.objects.update(
        enqueued_at=timezone.now() - timedelta(hours=2),
        run_after=timezone.now() + timedelta(minutes=30),  # a retry, not due yet
    )
    assert client.get("/readyz").status_code == 200


def test_a_forged_host_header_logs_one_line_not_a_traceback(tmp_path):
    env = production_env(tmp_path)
    for args in (["migrate", "--no-input"], ["collectstatic", "--no-input"]):
        assert manage(env, *args).returncode == 0
    web, port = start_gunicorn(env, workers=1)
    try:
        response, _ = http_get(port, "/", {"Host": "evil.example", "X-Forwarded-Proto": "https"})
    finally:
        _, stderr = stop(web)
    assert response.status == 400
    lines = [line for line in stderr.splitlines() if "evil.example" in line]
    assert len(lines) == 1, stderr
    assert "Invalid HTTP_HOST header" in lines[0]
    assert "Traceback" not in stderr
