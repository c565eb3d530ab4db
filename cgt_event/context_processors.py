from django.utils.functional import SimpleLazyObject

from registration.selectors.content import site_content
from registration.selectors.programme import current_event


def site(request):
    """The current event and which organizer-written pages exist, for the layout (navbar,
    footer, meta tags) of every page.

    Each is read from the cache only when a template uses it; site_event is None before
    organizers create an event.
    """
    return {
        "site_event": SimpleLazyObject(current_event),
        "site_content": SimpleLazyObject(site_content),
    }
