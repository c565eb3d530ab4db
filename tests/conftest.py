import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from cgt_event import pagecache
from cgt_event.roles import CONTENT_EDITORS, FINANCE, REGISTRATION_DESK
from common import content
from registration.models import Event
from registration.selectors.content import site_content
from registration.selectors.programme import current_event
from tests.factories import days_from_today
from tests.servers import start_redis


@pytest.fixture
def seeded(db):
    """The site's content as `manage.py seed` loads it."""
    call_command("seed", verbosity=0)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Real hashing costs ~0.3 s a user by design; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def english():
    """Each test starts in English: a request to /ko/… leaves Korean active in the thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: the current event, rate limits and pages are
    cached, and a test's database rows are gone when the next test runs."""
    cache.clear()
    pagecache.store.clear()
    content.version.forget()
    yield
    cache.clear()
    pagecache.store.clear()
    content.version.forget()


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("organizer", "", "a-long-test-password")


@pytest.fixture
def organizer(client, superuser, settings, tmp_path):
    """A test client logged in as a superuser; uploads go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path
    client.force_login(superuser)
    return client


def _staff(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, password="x" * 20, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor_user(db, django_user_model):
    """A member of the "Content editors" group."""
    return _staff(django_user_model, "editor", CONTENT_EDITORS)


@pytest.fixture
def desk_user(db, django_user_model):
    """A member of the "Registration desk" group."""
    return _staff(django_user_model, "desk", REGISTRATION_DESK)


@pytest.fixture
def finance_user(db, django_user_model):
    """A member of the "Finance" group."""
    return _staff(django_user_model, "finance", FINANCE)


@pytest.fixture
def warm_event():
    """Read the current event and the site's pages once, as any earlier request would have:
    the layout then reads them from the cache. Query-count tests measure a page in this
    steady state; a cold cache costs a query or two more, once per process until the event,
    a page or a sponsor changes."""

    def warm():
        current_event()
        site_content()

    return warm


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real Debian redis-server on a free loopback port for the whole run."""
    process, url = start_redis(tmp_path_factory.mktemp("redis"))
    yield url
    process.terminate()
    process.wait(timeout=10)


class Deliver:
    """Runs the queued tasks (e-mails) in this process, as `manage.py db_worker` would, until
    none is ready; `with deliver:` runs them when the block ends. A task that fails with an
    error (a bug, not a mail failure) fails the test."""

    worker_id = "test-worker"

    def __call__(self):
        worker = Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=self.worker_id,
            excluded_queue_names=[],
        )
        ran = 0
        while (task := DBTaskResult.objects.ready().first()) is not None:
            task.claim(self.worker_id)
            worker.run_task(task)
            ran += 1
        failed = DBTaskResult.objects.failed().first()
        if failed is not None:
            raise AssertionError(f"task {failed.task_path} failed:\n{failed.traceback}")
        return ran

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, traceback):
        if exc_type is None:
            self()


@pytest.fixture
def deliver(db):
    return Deliver()


@pytest.fixture
def upcoming(seeded):
    """The seeded site with its edition moved 60 days ahead, so registration is open: the
    source's edition took place on 25 September 2025."""
    event = Event.objects.get()
    event.start, event.end = days_from_today(60), days_from_today(61)
    event.save()
    return event


@pytest.fixture(params=[code for code, _name in settings.LANGUAGES])
def page_language(request):
    """Each language in turn: query-count tests measure every page in every language."""
    return request.param
