import functools

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from common.forms import BootstrapBoundField
from common.text import normalize_email, validate_deliverable_email
from common.widgets import QuickSelect
from registration.models import Registration, TicketType


class EvaluatedChoiceIterator(forms.models.ModelChoiceIterator):
    """Iterate rows the view already fetched instead of querying again for every rendering."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.rows:
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.rows) + (self.field.empty_label is not None)


class TicketTypeChoiceField(forms.ModelChoiceField):
    iterator = EvaluatedChoiceIterator
    rows = ()

    def to_python(self, value):
        """The chosen row among those the view fetched, without asking the database again
        (registering locks and re-reads it)."""
        if value in self.empty_values:
            return None
        for row in self.rows:
            if str(row.pk) == str(value):
                return row
        raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")

    def label_from_instance(self, ticket_type):
        # Never an exact count: one that moves when a new address registers and stays when
        # a known one does would tell anyone whether an address is registered.
        label = {
            TicketType.Availability.UNLIMITED: _("%(ticket)s (%(price)s)"),
            TicketType.Availability.AVAILABLE: _("%(ticket)s (%(price)s) — seats available"),
            TicketType.Availability.FEW: _("%(ticket)s (%(price)s) — few seats left"),
            TicketType.Availability.FULL: _(
                "%(ticket)s (%(price)s) — full: you will join the waiting list"
            ),
        }[ticket_type.availability(ticket_type.n_taken)]
        return label % {"ticket": ticket_type.name, "price": ticket_type.price_label}


class NormalizedEmailField(forms.EmailField):
    """An address normalized before it is validated: a full-width or look-alike address
    becomes the address it looks like, instead of being refused or registered twice."""

    def run_validators(self, value):
        # Said first and alone: "jürgen@…" is not mistyped, just undeliverable.
        if value not in self.empty_values:
            validate_deliverable_email(value)
        super().run_validators(value)

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_email(value) if value else value


class FixedChoices(BaseChoiceIterator):
    """Choices worked out once and handed to a field as they are: a plain list is normalized
    again, item by item, on every assignment."""

    def __init__(self, choices):
        self.choices = choices

    def __iter__(self):
        return iter(self.choices)


@functools.lru_cache(maxsize=8)
def country_choices(language):
    """The countries by their names in `language`, in its order, once per language:
    django-countries translates and sorts all 250 each time they are listed."""
    with translation.override(language):
        return FixedChoices(
            (("", str(_("Select your country"))), *((code, str(name)) for code, name in countries))
        )


# Languages whose people write the family name first.
FAMILY_NAME_FIRST = {"ko", "ja", "zh-hans", "zh-hant"}


class RegistrationForm(forms.ModelForm):
    """Drawn by templates/registration/register.html, field by field."""

    bound_field_class = BootstrapBoundField
    ticket_type = TicketTypeChoiceField(
        label=_("Ticket"),
        queryset=None,
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _("That ticket is not on sale. Choose one of the tickets shown."),
            "required": _("Choose a ticket."),
        },
    )
    consent_privacy = forms.BooleanField(
        required=True,
        error_messages={"required": _("Please agree to the privacy notice to register.")},
    )
    consent_marketing = forms.BooleanField(
        label=_("Send me news about future editions of this conference (optional)."),
        required=False,
    )
    # A field people never see; bots that fill every field reveal themselves.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    email = NormalizedEmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    class Meta:
        model = Registration
        fields = [
            "given_name",
            "family_name",
            "latin_name",
            "email",
            "organization",
            "job_title",
            "country",
            "sector",
            "ticket_type",
            "consent_privacy",
            "consent_marketing",
            "billing_address",
            "billing_business_number",
        ]
        widgets = {
            "billing_address": forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
            "given_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "family_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "latin_name": forms.TextInput(attrs={"autocomplete": "name", "lang": "en"}),
            "organization": forms.TextInput(attrs={"autocomplete": "organization"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "country": QuickSelect,
            "sector": QuickSelect,
        }

    def __init__(self, *args, ticket_types, **kwargs):
        super().__init__(*args, **kwargs)
        ticket_field = self.fields["ticket_type"]
        ticket_field.queryset = ticket_types  # validates a submitted choice
        ticket_field.rows = list(ticket_types)  # renders the choices, with their seat counts
        if len(ticket_field.rows) == 1 and not self.is_bound:
            self.initial["ticket_type"] = ticket_field.rows[0].pk
        self.fields["country"].choices = country_choices(translation.get_language())
        sector = self.fields["sector"]
        sector.choices = [("", _("Select your sector")), *Registration.Sector.choices]
        self.fields["consent_privacy"].label = format_html(
            _("I have read and agree to the {privacy_notice}."),
            privacy_notice=format_html(
                '<a href="{}">{}</a>', reverse("privacy"), _("privacy notice")
            ),
        )
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")
        if translation.get_language() == settings.LANGUAGE_CODE:
            del self.fields["latin_name"]
        # Billing details only where a ticket has a price; required for a priced one (clean).
        if all(ticket_type.is_free for ticket_type in ticket_field.rows):
            del self.fields["billing_address"]
            del self.fields["billing_business_number"]

    def clean(self):
        data = super().clean()
        ticket_type = data.get("ticket_type")
        if (
            ticket_type is not None
            and not ticket_type.is_free
            and not data.get("billing_address", "").strip()
        ):
            self.add_error(
                "billing_address",
                _("Paid tickets need a billing address: we print it on your invoice."),
            )
        return data

    @property
    def name_fields(self):
        """Given and family name, in the order people of the page's language write them."""
        names = [self["given_name"], self["family_name"]]
        if translation.get_language() in FAMILY_NAME_FIRST:
            names.reverse()
        return names

    def is_bot(self):
        return bool(self.data.get("website"))


class CheckInSearchForm(forms.Form):
    q = forms.CharField(label=_("Name, e-mail or reference"), max_length=100, required=False)
