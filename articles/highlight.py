"""The clean text with every mention and quote marked in place, for editors checking what enrichment found."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, Mention, Quote

KINDS = ("person", "organization", "place", "quote")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    title: str = ""
    classes: tuple[str, ...] = ()

    def open_tag(self) -> str:
        classes = " ".join(("hl", f"hl-{self.kind}", *self.classes))
        return f'<mark class="{escape(classes)}" data-kind="{escape(self.kind)}" title="{escape(self.title)}">'


def highlight_html(text: str, spans: Iterable[Span]) -> SafeString:
    """Escaped text with a <mark> per span. Overlapping spans nest: when an inner span outlives the one around it,
    the inner one is closed and reopened, so the markup stays well formed and every character keeps all its marks.
    Spans outside the text or empty are dropped: offsets may come from an older version of the text."""
    length = len(text)
    spans = [span for span in spans if 0 <= span.start < span.end <= length]
    # Longer spans open first, so a quote encloses the names inside it.
    spans.sort(key=lambda span: (span.start, -span.end, KINDS.index(span.kind) if span.kind in KINDS else 99))
    boundaries = sorted({0, length, *(span.start for span in spans), *(span.end for span in spans)})
    starting: dict[int, list[Span]] = {}
    for span in spans:
        starting.setdefault(span.start, []).append(span)
    out: list[str] = []
    stack: list[Span] = []
    for position, following in zip(boundaries, [*boundaries[1:], None], strict=True):
        ending = [span for span in stack if span.end == position]
        if ending:
            deepest = min(stack.index(span) for span in ending)
            reopen = [span for span in stack[deepest:] if span.end != position]
            out.append("</mark>" * (len(stack) - deepest))
            del stack[deepest:]
            for span in reopen:
                out.append(span.open_tag())
                stack.append(span)
        for span in starting.get(position, []):
            out.append(span.open_tag())
            stack.append(span)
        if following is not None:
            out.append(escape(text[position:following]))
    out.append("</mark>" * len(stack))
    return mark_safe("".join(out))  # every piece of text and every attribute above is escaped


def mention_spans(mention: Mention) -> list[Span]:
    entity = mention.entity
    title = f"{mention.kind}: {entity.name}" + (f" ({mention.role})" if mention.role else "")
    classes = ("hl-verified",) if mention.verified else ()
    return [
        Span(start=int(pair[0]), end=int(pair[1]), kind=mention.kind, title=title, classes=classes)
        for pair in mention.offsets
        if isinstance(pair, list | tuple) and len(pair) == 2
    ]


def quote_span(quote: Quote) -> Span:
    speaker = quote.speaker
    if speaker is not None:
        title = f"speaker: {speaker.name}"
    elif quote.speaker_text:
        title = f"speaker (unresolved): {quote.speaker_text}"
    else:
        title = "speaker: unknown"
    classes = tuple(name for name, on in (("hl-verified", quote.verified), ("hl-rejected", quote.rejected)) if on)
    return Span(start=quote.start, end=quote.end, kind="quote", title=f"{title} · {quote.kind}", classes=classes)


def article_highlight(*, article: Article) -> SafeString:
    mentions = article.mentions.select_related("person", "organization", "place")
    quotes = article.quotes.select_related("speaker_person", "speaker_organization")
    spans = [span for mention in mentions for span in mention_spans(mention)]
    spans += [quote_span(quote) for quote in quotes]
    return highlight_html(article.clean_text, spans)
