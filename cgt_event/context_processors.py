from django.utils.functional import SimpleLazyObject

from registration.selectors.programme import current_event


def site(request):
    """The current event, for the layout (navbar, footer, meta tags) of every page.

    Read from the cache only when a template uses it; None before organizers create one.
    """
    return {"site_event": SimpleLazyObject(current_event)}
