"""The client's address, as the registration rate limit and the login lockout see it."""

from django.conf import settings


def client_ip(request):
    """The client's address: REMOTE_ADDR, or the one the trusted proxies recorded; None when
    the request has neither (django-axes stores it in an IP address column).

    With DJANGO_NUM_PROXIES = N, the N-th address from the right of X-Forwarded-For is the
    one the outermost trusted proxy saw; anything left of it was written by the client.
    """
    proxies = settings.DJANGO_NUM_PROXIES
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None
