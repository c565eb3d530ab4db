from django import forms
from django.utils.translation import gettext_lazy as _

from landscape.models import Program


class ExplorerFilterForm(forms.Form):
    """The company explorer's GET filters. Values are free text: an unknown one matches nothing."""

    country = forms.CharField(label=_("Country"), required=False, max_length=100)
    modality = forms.CharField(label=_("Modality"), required=False, max_length=20)
    phase = forms.CharField(label=_("Phase"), required=False, max_length=20)

    ANY = [("", _("Any"))]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].widget = forms.Select(choices=self.ANY)
        self.fields["modality"].widget = forms.Select(
            choices=self.ANY + list(Program.Modality.choices)
        )
        self.fields["phase"].widget = forms.Select(choices=self.ANY + list(Program.Phase.choices))

    def set_countries(self, countries):
        """Offer the countries the page already fetched, saving the form a query."""
        self.fields["country"].widget.choices = self.ANY + [(c.slug, c.name) for c in countries]

    def filters(self):
        if not self.is_valid():
            # Overlong values match nothing rather than being dropped silently.
            return {"country": "-", "modality": "-", "phase": "-"}
        return {name: self.cleaned_data[name] or None for name in ("country", "modality", "phase")}
