"""Small helpers the tests share (fixtures live in conftest.py)."""

import html


def text_of(response):
    """A response's HTML as the text a person reads (entities decoded)."""
    return html.unescape(response.content.decode())


def subjects(mailoutbox):
    """(recipient, subject) of each e-mail sent, in order."""
    return [(message.to[0], message.subject) for message in mailoutbox]
