"""A memo of reverse() for the links list pages draw per item (a company, a speaker, a
session): reversing walks the URLconf each time, which at hundreds of links a page cost
more than the rest of the page's render."""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


@lru_cache(maxsize=16384)
def _reverse(viewname, kwargs, language, script_prefix, urlconf):
    # The key holds everything reverse() reads besides its arguments: the active language
    # (i18n prefixes), the script prefix and the URLconf.
    return reverse(viewname, kwargs=dict(kwargs))


def reverse_cached(viewname, **kwargs):
    """reverse(viewname, kwargs=kwargs), remembered: the result depends only on the
    arguments, the language, the script prefix and the URLconf, which are all in the key."""
    return _reverse(
        viewname,
        tuple(sorted(kwargs.items())),
        get_language(),
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
    )
