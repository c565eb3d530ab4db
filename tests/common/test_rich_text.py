import pytest

from common.templatetags.rich_text import rich_text
from registration.models import Speaker


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("Line one\nLine two\n\nNext", "<p>Line one<br>Line two</p>\n\n<p>Next</p>"),
        ("Response < 5% & > 1%", "<p>Response &lt; 5% &amp; &gt; 1%</p>"),
        ("<p>CEO of <strong>Example</strong></p>", "<p>CEO of <strong>Example</strong></p>"),
        ("<script>alert(1)</script><p>Hi</p>", "<p>Hi</p>"),
        ('<p onclick="steal()">Hi</p>', "<p>Hi</p>"),
        ('<a href="javascript:steal()">x</a>', '<a rel="noopener noreferrer nofollow">x</a>'),
        (
            '<a href="https://example.com" target="_blank">x</a>',
            '<a href="https://example.com" rel="noopener noreferrer nofollow">x</a>',
        ),
        ('<img src=x onerror="steal()">', ""),
        ("<style>body{display:none}</style><p>Hi</p>", "<p>Hi</p>"),
        ("", ""),
    ],
)
def test_rich_text_keeps_simple_formatting_and_drops_the_rest(written, shown):
    assert rich_text(written) == shown


def test_speaker_bio_is_sanitized_on_the_page(client, seeded):
    Speaker.objects.filter(slug="phil-huang").update(
        bio='<p>Leads <em>process development</em>.</p><script>alert("x")</script>'
    )
    text = client.get("/speakers/phil-huang/").content.decode()
    assert "<p>Leads <em>process development</em>.</p>" in text
    assert 'alert("x")' not in text
