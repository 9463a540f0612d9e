"""The Django admin: every page an editor opens renders, and the enrichment actions work."""

import pytest
from django.urls import reverse

from articles.models import Article, EditorDecision
from tests.factories import ArticleFactory, MentionFactory, QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(admin_client):
    return admin_client


@pytest.mark.parametrize(
    "model", ["source", "article", "person", "organization", "place", "quote", "mention", "editordecision"]
)
def test_list_and_search_pages_render(editor, model):
    MentionFactory()
    QuoteFactory()

    assert editor.get(reverse(f"admin:articles_{model}_changelist")).status_code == 200
    assert editor.get(reverse(f"admin:articles_{model}_changelist"), {"q": "x"}).status_code == 200


def test_article_page_shows_mentions_and_quotes_inline(editor):
    mention = MentionFactory()
    quote = QuoteFactory(article=mention.article, text="Un texto citado inconfundible")

    page = editor.get(reverse("admin:articles_article_change", args=[mention.article.id])).content.decode()

    assert mention.person.name in page
    assert quote.text in page


def test_retry_failed_action_re_enriches_only_failed_articles_and_records_who(editor, admin_user):
    failed = ArticleFactory(status=Article.Status.FAILED, body="El juez Tomás Rey habló en Vigo.")
    done = ArticleFactory(status=Article.Status.ENRICHED)

    editor.post(
        reverse("admin:articles_article_changelist"),
        {"action": "retry_failed", "_selected_action": [failed.id, done.id]},
    )

    failed.refresh_from_db()
    done.refresh_from_db()
    assert failed.status == Article.Status.ENRICHED and done.attempts == 0
    decision = EditorDecision.objects.get()
    assert decision.user == admin_user and decision.details == {"articles": [failed.id]}
