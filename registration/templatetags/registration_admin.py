from django import template

from registration.models import TicketType

register = template.Library()


@register.simple_tag(takes_context=True)
def registration_summary(context):
    """Per ticket type: confirmed, capacity, waitlisted, checked in. Counts only, and only
    for people who may see registrations."""
    request = context["request"]
    if not request.user.has_perm("registration.view_registration"):
        return None
    return list(TicketType.objects.select_related("event").with_counts().order_by("event", "order"))
