"""The highlighted clean text editors see on the article page."""

import re
from html.parser import HTMLParser

import pytest

from articles.highlight import Span, article_highlight, highlight_html
from tests.factories import ArticleFactory, MentionFactory, OrganizationFactory, PersonFactory, QuoteFactory


class MarkChecker(HTMLParser):
    """Fails on unbalanced <mark> tags and collects, per character, the kinds marking it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.text = ""
        self.kinds: list[frozenset[str]] = []

    def handle_starttag(self, tag, attrs):
        assert tag == "mark"
        self.open.append(dict(attrs)["data-kind"])

    def handle_endtag(self, tag):
        assert tag == "mark" and self.open
        self.open.pop()

    def handle_data(self, data):
        self.text += data
        self.kinds += [frozenset(self.open)] * len(data)


def parse(html: str) -> MarkChecker:
    checker = MarkChecker()
    checker.feed(html)
    checker.close()
    assert checker.open == []
    return checker


def test_text_without_spans_is_only_escaped():
    assert highlight_html('a < b & "c"', []) == "a &lt; b &amp; &quot;c&quot;"


def test_a_mention_is_wrapped_in_a_mark_of_its_kind_with_a_title():
    html = highlight_html("Ana Ruiz habló.", [Span(0, 8, "person", title="person: Ana Ruiz")])

    assert html == ('<mark class="hl hl-person" data-kind="person" title="person: Ana Ruiz">Ana Ruiz</mark> habló.')


def test_markup_in_the_text_and_titles_is_escaped():
    html = highlight_html("<b>Zoe</b>", [Span(3, 6, "person", title='"><script>')])

    assert "<b>" not in html and "<script>" not in html
    assert parse(html).text == "<b>Zoe</b>"


def test_a_quote_encloses_the_names_inside_it():
    text = "“Vendrá Luis Mora a Soria”, dijo Eva."
    spans = [Span(1, 25, "quote"), Span(8, 17, "person"), Span(20, 25, "place"), Span(33, 36, "person")]

    checker = parse(highlight_html(text, spans))

    assert checker.text == text
    assert checker.kinds[8] == {"quote", "person"}
    assert checker.kinds[21] == {"quote", "place"}
    assert checker.kinds[33] == {"person"}
    assert checker.kinds[0] == frozenset()


def test_crossing_spans_stay_well_formed_and_mark_every_character():
    text = "0123456789"
    spans = [Span(2, 6, "quote"), Span(4, 8, "organization")]

    checker = parse(highlight_html(text, spans))

    assert checker.text == text
    quote, both, organization = ["quote"], ["organization", "quote"], ["organization"]
    assert [sorted(kinds) for kinds in checker.kinds] == [
        [],
        [],
        quote,
        quote,
        both,
        both,
        organization,
        organization,
        [],
        [],
    ]


def test_identical_and_adjacent_spans():
    text = "abcdef"
    spans = [Span(0, 3, "person"), Span(0, 3, "quote"), Span(3, 6, "place")]

    checker = parse(highlight_html(text, spans))

    assert checker.kinds[0] == {"person", "quote"} and checker.kinds[3] == {"place"}


def test_offsets_outside_the_text_are_dropped():
    html = highlight_html("short", [Span(2, 40, "person"), Span(3, 3, "place"), Span(-1, 2, "quote")])

    assert html == "short"


@pytest.mark.django_db
def test_article_highlight_marks_mentions_and_quotes_with_the_speaker_in_the_title():
    text = "La alcaldesa Ana Ruiz dijo: “El Puerto de Gijón abrirá en mayo”."
    article = ArticleFactory(clean_text=text)
    speaker = PersonFactory(name="Ana Ruiz")
    MentionFactory(article=article, person=speaker, offsets=[[13, 21]], role="alcaldesa")
    port = OrganizationFactory(name="Puerto de Gijón")
    MentionFactory(article=article, kind="organization", person=None, organization=port, offsets=[[32, 47]])
    QuoteFactory(article=article, speaker_person=speaker, start=29, end=62, text=text[29:62], verified=True)

    html = article_highlight(article=article)

    assert 'title="person: Ana Ruiz (alcaldesa)"' in html
    assert re.search(r'<mark class="hl hl-quote hl-verified" data-kind="quote" title="speaker: Ana Ruiz[^"]*">', html)
    checker = parse(html)
    assert checker.text == text
    assert checker.kinds[35] == {"quote", "organization"}
