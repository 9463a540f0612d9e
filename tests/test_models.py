"""Model invariants the database enforces."""

import pytest
from django.db import IntegrityError

from articles.models import Mention
from tests.factories import ArticleFactory, OrganizationFactory, PersonFactory, QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_entity_names_are_normalised_for_lookup():
    person = PersonFactory(name="  José   Álvarez-Peña ")

    assert person.normalized_name == "jose alvarez pena"


def test_an_article_is_unique_per_source_and_external_id():
    article = ArticleFactory()

    with pytest.raises(IntegrityError):
        ArticleFactory(source=article.source, external_id=article.external_id)


def test_the_same_external_id_may_come_from_two_sources():
    article = ArticleFactory()

    assert ArticleFactory(source=SourceFactory(), external_id=article.external_id).pk


def test_a_mention_points_at_exactly_one_entity_of_its_kind():
    with pytest.raises(IntegrityError):
        Mention.objects.create(article=ArticleFactory(), kind="organization", person=PersonFactory())


def test_a_quote_has_at_most_one_speaker():
    with pytest.raises(IntegrityError):
        QuoteFactory(speaker_organization=OrganizationFactory())
