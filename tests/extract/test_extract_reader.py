import pytest

from graphkit.errors import InputError
from graphkit.extract.reader import read


def test_front_matter_is_read_and_removed():
    result = read("---\ntitle: Big bust\npublished: 2023-04-07\nlanguage: en\n---\nBody text.\n")
    assert result.text == "Body text.\n"
    assert result.meta == {"title": "Big bust", "published": "2023-04-07", "language": "en"}


def test_broken_front_matter_is_left_as_text():
    result = read("---\ntitle: [unclosed\n---\nBody")
    assert result.meta == {}
    assert "Body" in result.text


def test_markdown_markup_is_removed():
    text = "# Title\n\nThe **Guardia Civil** seized [cocaine](http://x.y).\n\n- item one\n"
    assert (
        read(text, "markdown").text == "Title\n\nThe Guardia Civil seized cocaine.\n\n• item one\n"
    )


def test_html_main_text_without_boilerplate():
    html = """<html><head><title>Bust</title>
    <meta property="article:published_time" content="2021-03-04T10:00:00Z"></head>
    <body><nav>Home | News</nav><header>Site</header>
    <article><h1>Police bust ring</h1><p>Police <a href="#">arrested</a> 5 people.</p>
    <p>Second paragraph.</p><script>var x = 1;</script></article>
    <footer>All rights reserved</footer></body></html>"""
    result = read(html, "html")
    assert result.text == "Police bust ring\n\nPolice arrested 5 people.\n\nSecond paragraph."
    assert result.meta == {"title": "Bust", "published": "2021-03-04"}


def test_unknown_format_is_a_clear_error():
    with pytest.raises(InputError, match="unknown input format"):
        read("x", "pdf")
