import pytest

from landscape.services import landscape_seed


@pytest.fixture
def seeded(db):
    """The site's content as `manage.py seed` loads it."""
    landscape_seed()
