"""The admin login lockout (django-axes), with two limits: a username tried from one address
locks after AXES_FAILURE_LIMIT failures; one address trying many usernames locks after
AXES_IP_FAILURE_LIMIT failures in all, so a shared office address is not locked by a few
colleagues' typos, but a guesser is."""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


class AddressAwareHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None):
        """Failures as axes counts them against AXES_FAILURE_LIMIT. The address-only count
        is scaled so that AXES_IP_FAILURE_LIMIT of them reach that limit."""
        per_username_and_address, per_address = (
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        scaled = per_address * settings.AXES_FAILURE_LIMIT // settings.AXES_IP_FAILURE_LIMIT
        return max(per_username_and_address, scaled)

    def reset_user_attempts(self, request, credentials=None):
        """A successful login clears that username's attempts from that address only: the
        address's failures against other usernames still count, or anyone with an account
        could guess another's password four at a time between logging in as themselves."""
        per_username_and_address = self.filter_user_attempts(request, credentials)[0]
        count, _ = per_username_and_address.delete()
        return count
