"""Form widgets that render faster than Django's templates where a form has long lists."""

import functools

from django import forms
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


def _attributes(attrs):
    return mark_safe(  # each part is escaped by format_html
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


def _plain(choices):
    """Choices as plain strings, nested tuples for groups: the labels in the active
    language, and a key to keep their markup by."""
    return tuple(
        (str(value), tuple(_plain(label)) if isinstance(label, list | tuple) else str(label))
        for value, label in choices
    )


@functools.lru_cache(maxsize=64)
def _option_markup(choices):
    """Each option's markup as (value, before, after), ` selected` going between; a group's
    opening and closing have no value. Escaped once per list and language."""
    parts = []
    for value, label in choices:
        if isinstance(label, tuple):
            parts.append((None, f'\n  <optgroup label="{escape(value)}">', ""))
            parts.extend(_option_markup(label))
            parts.append((None, "\n  </optgroup>", ""))
        else:
            parts.append(
                (value, f'\n  <option value="{escape(value)}"', f">{escape(label)}</option>")
            )
    return tuple(parts)


class QuickSelect(forms.Select):
    """A <select> written out in Python, with the markup of Django's own templates: rendering
    each of the 250 countries through two template includes cost the registration form most
    of its time. The options' markup is kept per list of labels, so a request only marks
    the chosen one."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        html = [
            format_html(
                '<select name="{}"{}>', name, _attributes(self.build_attrs(self.attrs, attrs))
            )
        ]
        for option, before, after in _option_markup(_plain(self.choices)):
            html.append(before)
            if option in chosen:
                html.append(" selected")
                if not self.allow_multiple_selected:
                    chosen = ()  # as Django marks only the first
            html.append(after)
        html.append("\n</select>")
        return mark_safe("".join(html))
