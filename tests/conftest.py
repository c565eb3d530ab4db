import pytest
from django.core.management import call_command


@pytest.fixture
def seeded(db):
    """The site's content as `manage.py seed` loads it."""
    call_command("seed", verbosity=0)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Real hashing costs ~0.3 s a user by design; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
