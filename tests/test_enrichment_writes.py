"""Enrichment's write path: what article_enrich stores, what it leaves alone on re-enrichment, and how few
statements it takes."""

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from articles import services
from articles.content_cache import VERSION_KEY, content_version
from articles.enrichment.types import EnrichmentResult, ExtractedEntity, ExtractedQuote, Span
from articles.models import Article, Mention, Organization, Person, Quote
from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db

TEXT = "Ana Ruiz, portavoz de Aguas del Sur, habló en Lima. “Subiremos las tarifas”, dijo Ruiz."


def entity(kind, name, *aliases, salience=0.5, role=None, affiliation=None, at=0):
    return ExtractedEntity(
        kind=kind,
        name=name,
        aliases=list(aliases),
        mentions=[Span(at, at + len(name), name)],
        salience=salience,
        role=role,
        affiliation=affiliation,
    )


def result(entities, quotes=(), version="test-1"):
    return EnrichmentResult(
        language="es",
        clean_text=TEXT,
        entities=list(entities),
        quotes=list(quotes),
        keywords=["tarifas"],
        pipeline_version=version,
    )


def base_entities(salience=0.9):
    return [
        entity("person", "Ana Ruiz", "Ruiz", salience=salience, role="portavoz", affiliation="Aguas del Sur"),
        entity("organization", "Aguas del Sur", salience=0.6, at=22),
        entity("place", "Lima", salience=0.3, at=46),
    ]


def quote(text="Subiremos las tarifas", start=53, speaker=0):
    return ExtractedQuote(
        text=text, kind="direct", start=start, end=start + len(text), speaker=speaker, cue="dijo", confidence=0.9
    )


@pytest.fixture
def pipeline(monkeypatch):
    """enrich_text answers what the test sets, so the writes can be checked against a known result."""
    current = {}

    def fake(**kwargs):
        answer = current["result"]
        return answer() if callable(answer) else answer

    monkeypatch.setattr(services, "enrich_text", fake)

    def set_result(value):
        current["result"] = value

    return set_result


def mention_rows(article):
    return {
        (m.kind, m.entity.name): (m.id, m.offsets, m.surface_forms, m.salience, m.role, m.affiliation_id, m.verified)
        for m in Mention.objects.filter(article=article).select_related("person", "organization", "place")
    }


def test_enrichment_stores_mentions_quotes_affiliation_and_the_article_fields(pipeline):
    article = ArticleFactory(status=Article.Status.QUEUED, body=TEXT)
    before = Article.objects.values_list("updated_at", flat=True).get(id=article.id)
    pipeline(result(base_entities(), [quote()]))

    returned = services.article_enrich(article_id=article.id)

    stored = Article.objects.get(id=article.id)
    assert returned.status == stored.status == Article.Status.ENRICHED
    assert (stored.language, stored.clean_text, stored.keywords, stored.pipeline_version) == (
        "es",
        TEXT,
        ["tarifas"],
        "test-1",
    )
    assert stored.enriched_at is not None and stored.updated_at > before and stored.attempts == 1
    assert returned.clean_text == TEXT and returned.body == TEXT
    ana = Mention.objects.get(article=article, kind="person")
    assert ana.person.name == "Ana Ruiz" and ana.role == "portavoz"
    assert ana.affiliation == Organization.objects.get(name="Aguas del Sur")
    assert ana.surface_forms == ["Ana Ruiz", "Ruiz"] and ana.offsets == [[0, 8]]
    assert list(Person.objects.get(name="Ana Ruiz").aliases.values_list("name", flat=True)) == ["Ruiz"]
    stored_quote = Quote.objects.get(article=article)
    assert stored_quote.speaker_person == ana.person and stored_quote.cue == "dijo"


def test_re_enriching_an_unchanged_result_rewrites_no_mention_or_quote(pipeline):
    article = ArticleFactory(status=Article.Status.QUEUED, body=TEXT)
    pipeline(result(base_entities(), [quote()]))
    services.article_enrich(article_id=article.id)
    mentions, quote_ids = mention_rows(article), list(Quote.objects.values_list("id", flat=True))

    with CaptureQueriesContext(connection) as queries:
        services.article_enrich(article_id=article.id)

    assert mention_rows(article) == mentions
    assert list(Quote.objects.values_list("id", flat=True)) == quote_ids
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "DELETE")]
    assert writes == []


def test_re_enrichment_updates_changed_mentions_drops_stale_ones_and_keeps_verified_ones(pipeline):
    article = ArticleFactory(status=Article.Status.QUEUED, body=TEXT)
    pipeline(result([*base_entities(), entity("person", "Luis Gil", at=60)], [quote(), quote("Otra cosa", 70)]))
    services.article_enrich(article_id=article.id)
    before = mention_rows(article)
    Mention.objects.filter(article=article, kind="place").update(role="capital (editor)", verified=True)
    verified_place = Mention.objects.get(article=article, kind="place")

    pipeline(result(base_entities(salience=0.95), [quote()], version="test-2"))
    services.article_enrich(article_id=article.id)

    after = mention_rows(article)
    assert ("person", "Luis Gil") not in after  # the text no longer yields him
    ana_id, _offsets, _forms, salience, *_ = after[("person", "Ana Ruiz")]
    assert ana_id == before[("person", "Ana Ruiz")][0] and salience == 0.95
    assert Mention.objects.get(id=ana_id).pipeline_version == "test-2"
    place = Mention.objects.get(id=verified_place.id)
    assert place.role == "capital (editor)" and place.verified and place.pipeline_version == "test-1"
    assert list(Quote.objects.filter(article=article).values_list("text", "pipeline_version")) == [
        ("Subiremos las tarifas", "test-2")
    ]


def test_verified_and_rejected_quotes_stay_and_block_their_spans(pipeline):
    article = ArticleFactory(status=Article.Status.QUEUED, body=TEXT)
    pipeline(result(base_entities(), [quote(), quote("Otra cosa", 70)]))
    services.article_enrich(article_id=article.id)
    editor_choice = PersonFactory(name="Lucía Pons")
    kept = Quote.objects.get(article=article, start=53)
    Quote.objects.filter(id=kept.id).update(speaker_person=editor_choice, verified=True)
    Quote.objects.filter(article=article, start=70).update(rejected=True, verified=True)

    services.article_enrich(article_id=article.id)

    quotes = {q.start: q for q in Quote.objects.filter(article=article)}
    assert set(quotes) == {53, 70}
    assert quotes[53].id == kept.id and quotes[53].speaker_person == editor_choice
    assert quotes[70].rejected


def test_two_extracted_entities_resolving_to_one_record_make_one_mention(pipeline):
    known = PersonFactory(name="Ana Ruiz Gómez")
    known.aliases.create(name="Ana Ruiz")
    article = ArticleFactory(status=Article.Status.QUEUED, body=TEXT)
    pipeline(
        result([entity("person", "Ana Ruiz Gómez", salience=0.4), entity("person", "Ana Ruiz", salience=0.8, at=30)])
    )

    services.article_enrich(article_id=article.id)

    mention = Mention.objects.get(article=article)
    assert mention.person == known and mention.salience == 0.8
    assert mention.offsets == [[0, 14], [30, 38]] and mention.surface_forms == ["Ana Ruiz Gómez", "Ana Ruiz"]


def test_content_changed_during_enrichment_stores_nothing(pipeline):
    article = ArticleFactory(status=Article.Status.QUEUED, body=TEXT)

    def edited_meanwhile():
        Article.objects.filter(id=article.id).update(content_hash="f" * 64)
        return result(base_entities(), [quote()])

    pipeline(edited_meanwhile)

    returned = services.article_enrich(article_id=article.id)

    assert returned.status == Article.Status.ENRICHING
    assert not Mention.objects.filter(article=article).exists() and not Quote.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="search vectors exist on PostgreSQL only")
def test_the_search_vector_is_written_with_the_new_clean_text(pipeline):
    article = ArticleFactory(status=Article.Status.QUEUED, body=TEXT, clean_text="old text about nothing")
    pipeline(result(base_entities(), [quote()]))

    services.article_enrich(article_id=article.id)
    written = Article.objects.values_list("search_vector", flat=True).get(id=article.id)
    services.article_search_index(article_id=article.id)

    assert written == Article.objects.values_list("search_vector", flat=True).get(id=article.id)
    assert "tarif" in written and "old" not in written


@pytest.mark.skipif(connection.vendor != "postgresql", reason="counts the PostgreSQL statements")
def test_enrichment_takes_a_fixed_handful_of_statements_whatever_the_number_of_entities(pipeline):
    many = [entity("person", f"Persona Número{i} Apellido", f"Número{i}") for i in range(30)]
    many += [entity("organization", f"Empresa {i} Servicios", at=5) for i in range(20)]
    quotes = [quote(f"frase número {i}", 100 + 20 * i, speaker=i) for i in range(10)]
    first, again = ArticleFactory(status=Article.Status.QUEUED), ArticleFactory(status=Article.Status.QUEUED)
    pipeline(result([*base_entities(), *many], [quote(), *quotes]))

    with CaptureQueriesContext(connection) as queries:
        services.article_enrich(article_id=first.id)
    assert len(queries) <= 14, [q["sql"][:80] for q in queries]

    with CaptureQueriesContext(connection) as queries:
        services.article_enrich(article_id=first.id)
    assert len(queries) <= 8, [q["sql"][:80] for q in queries]

    with CaptureQueriesContext(connection) as queries:  # every entity known already
        services.article_enrich(article_id=again.id)
    assert len(queries) <= 10, [q["sql"][:80] for q in queries]


@pytest.mark.django_db(transaction=True)
def test_an_enrichment_bumps_the_content_version_once_for_its_start_and_once_for_its_results(pipeline):
    article = ArticleFactory(status=Article.Status.QUEUED, body=TEXT)
    pipeline(result(base_entities(), [quote()]))
    start = content_version()

    services.article_enrich(article_id=article.id)

    assert cache.get(VERSION_KEY) == start + 2


def test_awkward_text_and_floats_round_trip_so_re_enrichment_sees_them_unchanged(pipeline):
    article = ArticleFactory(status=Article.Status.QUEUED, body=TEXT)
    odd = 'Dijo "no" \\ y\nluego “sí” 😀 — 100 %'
    pipeline(result([entity("person", "Zoë O'Neill", "O'Neill", salience=0.1 + 0.2)], [quote(odd, 10)]))
    services.article_enrich(article_id=article.id)
    stored = Quote.objects.get(article=article)
    mention = Mention.objects.get(article=article)
    assert stored.text == odd and mention.surface_forms == ["Zoë O'Neill", "O'Neill"]
    assert mention.salience == 0.1 + 0.2

    services.article_enrich(article_id=article.id)

    assert Quote.objects.get(article=article).id == stored.id
    assert Mention.objects.get(article=article).id == mention.id


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
@pytest.mark.django_db(transaction=True)
def test_only_the_enrichment_statements_commit_without_waiting_for_the_disk(pipeline, monkeypatch):
    """Their writes are derived and redone if a crash loses them (the article stays ENRICHING or QUEUED for the
    sweeper)."""
    article = ArticleFactory(status=Article.Status.QUEUED, body=TEXT)
    pipeline(result(base_entities(), [quote()]))
    seen = []
    write = services._enriched_article_write

    def spying_write(article):
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            seen.append(cursor.fetchone()[0])
        write(article)

    monkeypatch.setattr(services, "_enriched_article_write", spying_write)

    services.article_enrich(article_id=article.id)
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        after = cursor.fetchone()[0]

    assert seen == ["off"]
    assert after == "on"
    assert Article.objects.get(id=article.id).status == Article.Status.ENRICHED


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_starting_an_enrichment_inside_a_callers_transaction_keeps_its_commit_waiting_for_the_disk():
    article = ArticleFactory(status=Article.Status.QUEUED, body=TEXT)

    with transaction.atomic():
        services.article_enrichment_start(article_id=article.id)
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            setting = cursor.fetchone()[0]

    assert setting == "on"
    assert Article.objects.get(id=article.id).status == Article.Status.ENRICHING
