"""Feed reading and polling, and the ingest command on files, folders and feed URLs served from 127.0.0.1."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from articles import feeds
from articles.models import Article, ArticleVersion
from articles.tasks import poll_feeds
from tests.factories import SourceFactory
from tests.httpserver import local_server

pytestmark = pytest.mark.django_db

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Lantern Harbour Gazette</title>
    <link>http://127.0.0.1/</link>
    <description>Invented local news</description>
    <language>en-gb</language>
    {items}
  </channel>
</rss>"""

RSS_ITEM = """<item>
      <guid isPermaLink="false">lhg-{n}</guid>
      <title>{title}</title>
      <link>{link}</link>
      <pubDate>Tue, 03 Mar 2026 09:30:00 GMT</pubDate>
      <dc:creator>Ottoline Brack</dc:creator>
      <description>Short summary {n}.</description>
      {content}
    </item>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es">
  <title>Crónica de Villaseca</title>
  <id>urn:example:cronica</id>
  <updated>2026-03-04T10:00:00Z</updated>
  <entry>
    <id>urn:example:cronica:{n}</id>
    <title>{title}</title>
    <link href="{link}"/>
    <updated>{updated}</updated>
    <published>2026-03-04T08:00:00Z</published>
    <author><name>Remedios Alcántara</name></author>
    <summary>Resumen breve de la noticia {n}.</summary>
  </entry>
</feed>"""

PAGE = """<html><head><title>{title}</title></head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
<article><h1>{title}</h1>
<p>{text}</p>
<p>La alcaldesa de Villaseca, Remedios Alcántara, explicó que el nuevo puente peatonal sobre el río Tajuelo
abrirá en primavera tras dos años de obras y un presupuesto revisado tres veces por el pleno municipal.</p>
<p>Los vecinos del barrio de San Lesmes, que hasta ahora cruzaban por la carretera comarcal, celebraron la
noticia en una asamblea celebrada el martes en el centro cívico, donde pidieron además más alumbrado.</p>
</article>
<footer>Copyright Crónica de Villaseca. All rights reserved. Cookie settings. Contact us.</footer>
</body></html>"""


def rss(*items: str) -> str:
    return RSS.format(items="\n".join(items))


def rss_item(n: int, *, title: str = "", link: str = "http://127.0.0.1/none", body: str | None = None) -> str:
    content = f"<content:encoded><![CDATA[<p>{body}</p>]]></content:encoded>" if body else ""
    return RSS_ITEM.format(n=n, title=title or f"Harbour story {n}", link=link, content=content)


def atom(n: int, *, link: str, title: str = "Un puente para San Lesmes", updated: str = "2026-03-04T08:00:00Z"):
    return ATOM.format(n=n, link=link, title=title, updated=updated)


def test_an_rss_entry_maps_to_the_webhook_payload():
    parsed = feeds.feed_parse(
        rss(rss_item(1, body="The ferry timetable changes on Monday, said Ottoline Brack.")).encode()
    )

    payload = feeds.entry_payload(parsed.entries[0], fetch=None, feed_language=parsed.feed.language)

    assert payload == {
        "external_id": "lhg-1",
        "title": "Harbour story 1",
        "body": "<p>The ferry timetable changes on Monday, said Ottoline Brack.</p>",
        "url": "http://127.0.0.1/none",
        "published_at": "2026-03-03T09:30:00+00:00",
        "authors": ["Ottoline Brack"],
        "language": "en",
    }


def test_an_entry_without_content_gets_the_main_text_of_its_page():
    with local_server() as server:
        server.serve("/puente", PAGE.format(title="Un puente", text="El puente peatonal tendrá cuarenta metros."))
        parsed = feeds.feed_parse(atom(1, link=server.url("/puente")).encode())

        payload = feeds.entry_payload(parsed.entries[0], fetch=feeds.http_fetch)

    assert "El puente peatonal tendrá cuarenta metros." in payload["body"]
    assert "Remedios Alcántara" in payload["body"]
    assert "Cookie settings" not in payload["body"] and "Weather" not in payload["body"]
    assert payload["language"] == "es"
    assert payload["authors"] == ["Remedios Alcántara"]
    assert payload["external_id"] == "urn:example:cronica:1"


def test_an_unreachable_page_leaves_the_summary_as_body():
    with local_server() as server:  # nothing served: 404
        parsed = feeds.feed_parse(atom(2, link=server.url("/gone")).encode())

        payload = feeds.entry_payload(parsed.entries[0], fetch=feeds.http_fetch)

    assert payload["body"] == "Resumen breve de la noticia 2."


def test_a_very_long_guid_is_hashed_to_fit_the_external_id():
    parsed = feeds.feed_parse(rss(rss_item(1).replace("lhg-1", "x" * 400)).encode())

    external_id = feeds.entry_external_id(parsed.entries[0])

    assert external_id.startswith("sha256:") and len(external_id) == 71


def test_ingest_reads_a_folder_of_json_rss_and_atom_files(tmp_path):
    SourceFactory(slug="files")
    (tmp_path / "one.json").write_text(
        json.dumps({"external_id": "j-1", "title": "Tide tables", "body": "High tide at noon."})
    )
    (tmp_path / "two.rss").write_text(rss(rss_item(1, body="Nets were mended."), rss_item(2, body="Gulls left.")))
    (tmp_path / "three.atom").write_text(atom(3, link="http://127.0.0.1:9/never"))
    (tmp_path / "notes.txt").write_text("not an article")
    out, err = StringIO(), StringIO()

    call_command("ingest", str(tmp_path), "--source", "files", "--no-fetch-pages", stdout=out, stderr=err)

    assert Article.objects.filter(source__slug="files").count() == 4
    assert out.getvalue().strip().endswith("4 created, 0 updated, 0 unchanged, 0 failed")
    assert Article.objects.get(external_id="urn:example:cronica:3").body == "Resumen breve de la noticia 3."
    assert "ingesting" in err.getvalue()  # the progress bar


def test_ingest_reads_a_feed_url_fetching_pages_and_a_second_run_changes_nothing():
    SourceFactory(slug="harbour")
    with local_server() as server:
        server.serve("/feed.xml", atom(7, link=server.url("/story-7")), content_type="application/atom+xml")
        server.serve("/story-7", PAGE.format(title="Un puente", text="Las obras terminan en abril."))

        first, second = StringIO(), StringIO()
        call_command("ingest", server.url("/feed.xml"), "--source", "harbour", stdout=first, stderr=StringIO())
        call_command("ingest", server.url("/feed.xml"), "--source", "harbour", stdout=second, stderr=StringIO())

    article = Article.objects.get(source__slug="harbour")
    assert "Las obras terminan en abril." in article.body
    assert article.url == server.url("/story-7")
    assert "1 created, 0 updated, 0 unchanged, 0 failed" in first.getvalue()
    assert "0 created, 0 updated, 1 unchanged, 0 failed" in second.getvalue()


def test_ingest_counts_failures_and_exits_non_zero(tmp_path):
    SourceFactory(slug="mixed")
    (tmp_path / "broken.xml").write_text("<rss><channel><item>")
    (tmp_path / "feed.rss").write_text(rss(rss_item(1, body="Fine."), rss_item(2, body="No title.", title=" ")))
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError, match="2 item"):
        call_command("ingest", str(tmp_path), "--source", "mixed", "--no-progress", stdout=out, stderr=err)

    assert "1 created, 0 updated, 0 unchanged, 2 failed" in out.getvalue()
    assert "broken.xml" in err.getvalue()
    assert Article.objects.filter(source__slug="mixed").count() == 1


def test_polling_twice_creates_nothing_and_a_changed_entry_updates_its_article():
    with local_server() as server:
        source = SourceFactory(slug="polled", feed_url=server.url("/feed.rss"))
        server.serve("/feed.rss", rss(rss_item(1, body="Boats at dawn."), rss_item(2, body="Rain by noon.")))

        first = feeds.feed_poll(source=source)
        second = feeds.feed_poll(source=source)
        server.serve("/feed.rss", rss(rss_item(1, body="Boats at dawn."), rss_item(2, body="Sun by noon.")))
        third = feeds.feed_poll(source=source)

    assert (first["created"], second["unchanged"], second["created"]) == (2, 2, 0)
    assert (third["updated"], third["unchanged"]) == (1, 1)
    assert Article.objects.filter(source=source).count() == 2
    assert Article.objects.get(source=source, external_id="lhg-2").body == "<p>Sun by noon.</p>"
    assert ArticleVersion.objects.filter(article__source=source).count() == 1


def test_polling_fetches_a_page_again_only_when_its_entry_was_updated():
    with local_server() as server:
        source = SourceFactory(slug="cronica", feed_url=server.url("/feed.atom"))
        server.serve("/feed.atom", atom(5, link=server.url("/p5")))
        server.serve("/p5", PAGE.format(title="Un puente", text="Primera versión del texto."))

        feeds.feed_poll(source=source)
        feeds.feed_poll(source=source)
        page_requests_after_two_polls = sum(r.path == "/p5" for r in server.received)
        server.serve("/feed.atom", atom(5, link=server.url("/p5"), updated="2099-01-01T00:00:00Z"))
        server.serve("/p5", PAGE.format(title="Un puente", text="Segunda versión del texto."))
        counts = feeds.feed_poll(source=source)

    assert page_requests_after_two_polls == 1
    assert counts["updated"] == 1
    assert "Segunda versión del texto." in Article.objects.get(source=source).body


def test_the_beat_task_polls_active_sources_with_a_feed_only():
    with local_server() as server:
        server.serve("/a.rss", rss(rss_item(1, body="From the active feed.")))
        server.serve("/b.rss", rss(rss_item(1, body="From the inactive feed.")))
        active = SourceFactory(slug="active-feed", feed_url=server.url("/a.rss"))
        SourceFactory(slug="inactive-feed", feed_url=server.url("/b.rss"), is_active=False)
        SourceFactory(slug="webhook-only")

        polled = poll_feeds.delay().get()

    assert polled == 1
    assert list(Article.objects.values_list("source__slug", flat=True)) == [active.slug]
    assert [r.path for r in server.received] == ["/a.rss"]


def test_feed_polling_is_scheduled_every_feed_poll_interval():
    entry = settings.CELERY_BEAT_SCHEDULE["poll-feeds"]

    assert entry["task"] == "articles.tasks.poll_feeds"
    assert entry["schedule"] == 300.0
