"""get_FOO_display() at the cost of one lookup."""

from django.utils.encoding import force_str


class ChoiceLabelsMixin:
    """Django's get_FOO_display() builds a dict of all the field's choices on every call,
    hashing each lazy label, which translates it: a list of programs or sessions paid for
    every label of every choice per item. This keeps the labels by value per field and
    translates only the one shown. Same result: the label in the active language, or the
    value itself when it is not a choice."""

    def _get_FIELD_display(self, field):
        labels = field.__dict__.get("_choice_labels")
        if labels is None:
            labels = field.__dict__["_choice_labels"] = dict(field.flatchoices)
        value = getattr(self, field.attname)
        return force_str(labels.get(value, value), strings_only=True)
