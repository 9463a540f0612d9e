"""Editor corrections as services: each is audited and each survives re-enrichment of the article."""

import pytest

from articles import services
from articles.models import EditorDecision, Person, PersonAlias, Quote
from tests.factories import (
    ArticleFactory,
    MentionFactory,
    OrganizationFactory,
    PersonFactory,
    QuoteFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

BODY = (
    "La consejera de Agricultura, Lucía Barrenechea Olano, visitó la cooperativa de Tudela.\n\n"
    "“El agua llegará a todas las parcelas antes del verano”, dijo Barrenechea a los regantes."
)


@pytest.fixture
def ingest(django_capture_on_commit_callbacks):
    def _ingest(source, external_id="e-1", body=BODY):
        payload = {"external_id": external_id, "title": "Riego en Tudela", "body": body, "language": "es"}
        with django_capture_on_commit_callbacks(execute=True):
            return services.article_ingest(source=source, payload=payload).article

    return _ingest


def test_a_verified_quote_is_kept_on_re_enrichment_and_audited(ingest, admin_user):
    article = ingest(SourceFactory())
    quote = article.quotes.get()

    services.quote_verify(quote=quote, user=admin_user)
    services.article_enrich(article_id=article.id)

    assert Quote.objects.get(article=article).id == quote.id
    assert Quote.objects.get(id=quote.id).verified
    decision = EditorDecision.objects.get()
    assert decision.action == EditorDecision.Action.VERIFY_QUOTE and decision.user == admin_user
    assert decision.details["quote"] == quote.id and decision.details["speaker"]["name"] == "Lucía Barrenechea Olano"


def test_a_reassigned_speaker_is_kept_on_re_enrichment(ingest, admin_user):
    article = ingest(SourceFactory())
    quote = article.quotes.get()
    spokesperson = PersonFactory(name="Iker Zubiaurre Lasa")

    services.quote_speaker_set(quote=quote, speaker=spokesperson, user=admin_user)
    services.article_enrich(article_id=article.id)

    quote = Quote.objects.get(article=article)
    assert quote.speaker_person == spokesperson and quote.verified
    details = EditorDecision.objects.get(action=EditorDecision.Action.VERIFY_QUOTE).details
    assert details["change"] == "speaker"
    assert details["previous"]["name"] == "Lucía Barrenechea Olano"
    assert details["speaker"] == {"type": "person", "id": spokesperson.id, "name": "Iker Zubiaurre Lasa"}


def test_a_speaker_can_become_an_organization_or_be_cleared():
    quote = QuoteFactory()
    council = OrganizationFactory(name="Consejo Comarcal")

    services.quote_speaker_set(quote=quote, speaker=council)
    assert Quote.objects.get(id=quote.id).speaker_organization == council

    services.quote_speaker_set(quote=quote, speaker=None)
    stored = Quote.objects.get(id=quote.id)
    assert stored.speaker is None and stored.verified


def test_a_span_marked_not_a_quote_is_not_extracted_again(ingest, client):
    article = ingest(SourceFactory())
    quote = article.quotes.get()

    services.quote_reject(quote=quote)
    services.article_enrich(article_id=article.id)

    stored = Quote.objects.get(article=article)
    assert stored.id == quote.id and stored.rejected and stored.verified
    assert client.get(f"/api/v1/articles/{article.id}/").json()["quotes"] == []
    assert EditorDecision.objects.get().action == EditorDecision.Action.REJECT_QUOTE


def test_a_wrongly_merged_alias_splits_off_with_its_mentions_and_quotes_and_stays_split(ingest, admin_user):
    # given two different people merged into one record by mistake
    source = SourceFactory()
    first = ingest(
        source, "s-1", body="Sasha Ivanova Petrov habló en Kiev.\n\n“Seguiremos”, dijo Sasha Ivanova Petrov."
    )
    second = ingest(source, "s-2", body="Alexandra Petrov habló en Odesa.\n\n“Volveremos”, dijo Alexandra Petrov.")
    keep = Person.objects.get(name="Sasha Ivanova Petrov")
    services.entity_merge(keep=keep, others=[Person.objects.get(name="Alexandra Petrov")])
    alias = PersonAlias.objects.get(person=keep, name="Alexandra Petrov")

    # when the editor splits the alias off, and the article is enriched again
    created = services.entity_split_alias(alias=alias, user=admin_user)
    services.article_enrich(article_id=second.id)

    # then the second article and its quote belong to the new record, the first stays with the old one
    assert created.name == "Alexandra Petrov" and created.verified
    assert not PersonAlias.objects.filter(person=keep, normalized_name=alias.normalized_name).exists()
    assert list(second.people.all()) == [created]
    assert Quote.objects.get(article=second).speaker_person == created
    assert list(first.people.all()) == [keep]
    assert Quote.objects.get(article=first).speaker_person == keep
    split = EditorDecision.objects.get(details__operation="split")
    assert split.user == admin_user and split.details["articles"] == [second.id] and split.details["quotes"] == 1


def test_a_record_cannot_be_split_from_its_own_name():
    record = PersonFactory(name="Nerea Goikoetxea")
    alias = PersonAlias.objects.create(person=record, name="nerea goikoetxea")

    with pytest.raises(ValueError):
        services.entity_split_alias(alias=alias)
    assert Person.objects.count() == 1


def test_split_moves_only_mentions_written_with_that_name():
    record = PersonFactory(name="Jon Arrieta")
    alias = PersonAlias.objects.create(person=record, name="Jonathan Arrieta")
    written_short = MentionFactory(person=record, surface_forms=["Jon Arrieta"])
    written_long = MentionFactory(person=record, surface_forms=["Jonathan Arrieta", "Arrieta"])
    ArticleFactory()  # an unrelated article

    created = services.entity_split_alias(alias=alias)

    written_short.refresh_from_db()
    written_long.refresh_from_db()
    assert written_short.person == record and written_long.person == created and written_long.verified
