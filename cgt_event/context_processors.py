from django.conf import settings


def site(request):
    """Facts every page's layout shows (navbar, footer), without a database query."""
    return {"SITE": settings.SITE}
