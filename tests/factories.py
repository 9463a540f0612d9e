import factory

from articles.models import Article, Mention, Organization, Person, Place, Quote, Source
from articles.services import article_search_index
from articles.webhooks import webhook_secret_generate


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"source-{n}")
    name = factory.LazyAttribute(lambda source: source.slug.title())
    webhook_secret = factory.LazyFunction(webhook_secret_generate)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True  # a save after it would write the stale in-memory search vector back

    source = factory.SubFactory(SourceFactory)
    external_id = factory.Sequence(lambda n: f"article-{n}")
    title = factory.Sequence(lambda n: f"Article {n}")
    body = "Body text."
    clean_text = "Body text."
    language = "en"
    content_hash = factory.Sequence(lambda n: f"{n:064d}")
    status = Article.Status.ENRICHED

    @factory.post_generation
    def search_index(article, create, extracted, **kwargs):
        """Enriched articles are searchable; a factory-made one gets its search vector as enrichment would."""
        if create:
            article_search_index(article_id=article.id)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person Number{n}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Place {n}")


class MentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mention

    article = factory.SubFactory(ArticleFactory)
    kind = "person"
    person = factory.SubFactory(PersonFactory)
    offsets = [[0, 4]]
    salience = 0.5


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    article = factory.SubFactory(ArticleFactory)
    text = factory.Sequence(lambda n: f"We said thing number {n}")
    kind = "direct"
    speaker_person = factory.SubFactory(PersonFactory)
    start = 0
    end = 10
