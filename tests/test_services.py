"""Writes: ingestion, enrichment storage and cross-article entity resolution."""

import pytest

from articles import services
from articles.enrichment.types import ExtractedEntity, Span
from articles.models import Article, EditorDecision, Mention, Person, Quote
from tests.factories import OrganizationFactory, PersonFactory, SourceFactory

pytestmark = pytest.mark.django_db

BODY = (
    "El ministro de Transportes, Álvaro Reig Campos, presentó el plan en Valencia.\n\n"
    "“Las obras empezarán en marzo”, dijo Reig a los periodistas."
)


@pytest.fixture
def ingest(django_capture_on_commit_callbacks):
    """Ingest an article and run the enrichment it schedules on commit (tasks are eager in unit tests)."""

    def _ingest(source, external_id="a-1", body=BODY, title="El plan ferroviario"):
        payload = {"external_id": external_id, "title": title, "body": body, "language": "es"}
        with django_capture_on_commit_callbacks(execute=True):
            return services.article_ingest(source=source, payload=payload)

    return _ingest


def person(name, *aliases):
    return ExtractedEntity(kind="person", name=name, aliases=list(aliases), mentions=[Span(0, len(name), name)])


def test_ingest_enriches_and_links_people_and_quotes(ingest):
    outcome = ingest(SourceFactory())

    article = Article.objects.get(id=outcome.article.id)
    assert outcome.created and article.status == Article.Status.ENRICHED
    assert [p.name for p in article.people.all()] == ["Álvaro Reig Campos"]
    quote = article.quotes.get()
    assert quote.text == "Las obras empezarán en marzo"
    assert quote.speaker_person.name == "Álvaro Reig Campos"
    assert article.clean_text[quote.start : quote.end] == quote.text


def test_enrichment_run_twice_leaves_one_set_of_results(ingest):
    article = ingest(SourceFactory()).article
    counts = (Mention.objects.count(), Quote.objects.count(), Person.objects.count())

    services.article_enrich(article_id=article.id)
    services.article_enrich(article_id=article.id)

    assert (Mention.objects.count(), Quote.objects.count(), Person.objects.count()) == counts


def test_second_article_links_to_the_same_person(ingest):
    source = SourceFactory()
    ingest(source, "a-1")
    ingest(source, "a-2", body="Reig Campos volvió a Valencia.\n\nÁlvaro Reig Campos visitó la estación.")

    assert Person.objects.filter(normalized_name="alvaro reig campos").count() == 1
    assert Person.objects.get(name="Álvaro Reig Campos").mentions.count() == 2


def test_verified_quote_survives_re_enrichment(ingest):
    article = ingest(SourceFactory()).article
    quote = article.quotes.get()
    editor_choice = PersonFactory(name="Lucía Pons")
    Quote.objects.filter(id=quote.id).update(speaker_person=editor_choice, verified=True)

    services.article_enrich(article_id=article.id)

    kept = Article.objects.get(id=article.id).quotes.get()
    assert kept.id == quote.id and kept.speaker_person == editor_choice


def test_rejected_quote_is_not_extracted_again(ingest):
    article = ingest(SourceFactory()).article
    Quote.objects.filter(article=article).update(rejected=True)

    services.article_enrich(article_id=article.id)

    assert Quote.objects.filter(article=article).count() == 1
    assert Quote.objects.get(article=article).rejected


def test_full_name_resolves_through_an_alias():
    known = PersonFactory(name="Dmitri Anatolievich Sokolov")
    known.aliases.create(name="Dmitri Sokolov")

    assert services.entity_resolve(extracted=person("Dmitri Sokolov")) == known


def test_surname_alone_resolves_only_when_one_record_carries_it():
    only = PersonFactory(name="Greta Lindqvist")
    only.aliases.create(name="Lindqvist")
    assert services.entity_resolve(extracted=person("Lindqvist")) == only

    other = PersonFactory(name="Per Lindqvist")
    other.aliases.create(name="Lindqvist")
    fresh = services.entity_resolve(extracted=person("Lindqvist"))
    assert fresh not in (only, other)


def test_record_known_by_a_short_form_takes_the_full_name():
    short = PersonFactory(name="Okonkwo")

    resolved = services.entity_resolve(extracted=person("Chidi Okonkwo", "Okonkwo"))

    assert resolved == short
    resolved.refresh_from_db()
    assert resolved.name == "Chidi Okonkwo"
    assert "Okonkwo" in resolved.aliases.values_list("name", flat=True)


def test_different_people_sharing_a_surname_stay_apart():
    joe = PersonFactory(name="Joan Biden")
    joe.aliases.create(name="Biden")

    hunter = services.entity_resolve(extracted=person("Hunter Biden", "Biden"))

    assert hunter != joe
    assert Person.objects.count() == 2


def test_failed_enrichment_keeps_the_error(ingest, monkeypatch):
    def broken(**kwargs):
        raise ValueError("pipeline exploded")

    monkeypatch.setattr(services, "enrich_text", broken)

    article = ingest(SourceFactory()).article

    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "pipeline exploded" in article.error


def test_merged_people_stay_merged_after_re_enrichment(ingest):
    source = SourceFactory()
    ingest(source, "m-1", body="Sasha Ivanova Petrov habló en Kiev.\n\n“Seguiremos”, dijo Sasha Ivanova Petrov.")
    article = ingest(source, "m-2", body="Alexandra Petrov habló en Kiev.\n\n“Seguiremos”, dijo Alexandra Petrov.")
    article = article.article
    keep = Person.objects.get(name="Sasha Ivanova Petrov")
    other = Person.objects.get(name="Alexandra Petrov")

    services.entity_merge(keep=keep, others=[other])
    services.article_enrich(article_id=article.id)

    assert not Person.objects.filter(name="Alexandra Petrov").exists()
    assert Person.objects.get(id=keep.id).mentions.count() == 2
    assert Quote.objects.filter(article=article).get().speaker_person_id == keep.id
    assert EditorDecision.objects.get().details["merged"] == ["Alexandra Petrov"]


def test_merging_records_of_different_types_is_refused():
    with pytest.raises(ValueError):
        services.entity_merge(keep=PersonFactory(), others=[OrganizationFactory()])
