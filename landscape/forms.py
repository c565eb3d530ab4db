from django import forms
from django.utils.translation import gettext_lazy as _

from landscape.models import Program

GLOBAL = "global"


class ExplorerFilterForm(forms.Form):
    """The company explorer's GET search and filters. Values are free text: an unknown one
    matches nothing; all given ones combine."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("Company, program or indication"),
                "autocomplete": "off",
                "enterkeyhint": "search",
            }
        ),
    )
    country = forms.CharField(label=_("Country"), required=False, max_length=100)
    modality = forms.CharField(label=_("Modality"), required=False, max_length=20)
    phase = forms.CharField(label=_("Phase"), required=False, max_length=20)

    ANY = [("", _("Any"))]
    FILTERS = ("q", "country", "modality", "phase")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].widget = forms.Select(choices=self.ANY)
        self.fields["modality"].widget = forms.Select(
            choices=self.ANY
            + [c for c in Program.Modality.choices if c[0] != Program.Modality.UNSPECIFIED]
        )
        self.fields["phase"].widget = forms.Select(choices=self.ANY + list(Program.Phase.choices))

    def set_countries(self, countries):
        """Offer the countries the page already fetched, saving the form a query."""
        self.fields["country"].widget.choices = (
            self.ANY + [(c.slug, c.name) for c in countries] + [(GLOBAL, _("Global partners"))]
        )

    def filters(self):
        if not self.is_valid():
            # Overlong values match nothing rather than being dropped silently.
            return {"q": None, "country": "-", "modality": "-", "phase": "-"}
        # NUL and other control characters cannot be searched for (PostgreSQL refuses NUL).
        # An overlong search is cut to its first 100 characters rather than refused.
        query = "".join(ch for ch in self.cleaned_data["q"] if ch.isprintable())[:100].strip()
        return {
            "q": query or None,
            **{name: self.cleaned_data[name] or None for name in ("country", "modality", "phase")},
        }

    def active(self):
        """[(field label, value label, URL query without it)] for the filters in use, to show
        and undo one by one."""
        if not self.is_valid():
            return []
        chosen = []
        for name in self.FILTERS:
            value = self.cleaned_data.get(name)
            if not value:
                continue
            field = self.fields[name]
            label = dict(getattr(field.widget, "choices", [])).get(value, value)
            rest = self.data.copy()
            for key in (name, "page"):
                rest.pop(key, None)
            chosen.append((field.label, label, f"?{rest.urlencode()}"))
        return chosen
