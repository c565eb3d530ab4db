"""Forms drawn with Bootstrap 5's markup by our own templates, without a form-layout library:
the widget carries Bootstrap's class, and `is-invalid` when its field has an error. Django
adds `aria-invalid` and `aria-describedby` (the help text's and the error's ids)."""

from django import forms


def bootstrap_class(widget):
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


class BootstrapBoundField(forms.BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        classes = [attrs.get("class") or bootstrap_class(widget or self.field.widget)]
        if self.errors:
            classes.append("is-invalid")
        attrs["class"] = " ".join(classes)
        return attrs
