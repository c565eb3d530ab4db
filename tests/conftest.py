import pytest
from django.core.management import call_command


@pytest.fixture
def seeded(db):
    """The site's content as `manage.py seed` loads it."""
    call_command("seed", verbosity=0)
