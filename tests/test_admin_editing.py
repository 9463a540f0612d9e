"""Editor workflows in the admin: highlighted text, merging and splitting entities, quote corrections."""

import pytest
from django.forms import MultiWidget
from django.urls import reverse

from articles.models import EditorDecision, Person, PersonAlias, Quote
from tests.factories import ArticleFactory, MentionFactory, OrganizationFactory, PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db

TEXT = "La alcaldesa Ana Ruiz dijo: “Abriremos el Puerto de Gijón <pronto>”."


def form_data(form) -> dict:
    """The POST data a browser would send for an unchanged admin form."""
    data = {}
    for field in form:
        value = field.value()
        widget = field.field.widget
        if isinstance(widget, MultiWidget):
            for index, part in enumerate(widget.decompress(value)):
                data[f"{field.html_name}_{index}"] = widget.widgets[index].format_value(part) or ""
        elif isinstance(value, bool):
            if value:
                data[field.html_name] = "on"
        else:
            data[field.html_name] = "" if value is None else field.field.prepare_value(value)
    return data


def change_page_data(response) -> dict:
    """The whole change page, main form and every inline, as its unchanged POST data."""
    data = form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        data |= form_data(inline.formset.management_form)
        for form in inline.formset.forms:
            data |= form_data(form)
    return data


@pytest.fixture
def enriched_article():
    article = ArticleFactory(clean_text=TEXT, body=TEXT)
    speaker = PersonFactory(name="Ana Ruiz")
    MentionFactory(article=article, person=speaker, offsets=[[13, 21]], surface_forms=["Ana Ruiz"])
    quote = QuoteFactory(article=article, speaker_person=speaker, start=29, end=67, text=TEXT[29:67])
    return article, speaker, quote


def test_article_page_highlights_quotes_and_mentions_with_the_speaker_on_hover(admin_client, enriched_article):
    article, _, quote = enriched_article

    page = admin_client.get(reverse("admin:articles_article_change", args=[article.id])).content.decode()

    assert 'id="highlighted-text"' in page
    assert '<mark class="hl hl-person" data-kind="person" title="person: Ana Ruiz">Ana Ruiz</mark>' in page
    assert 'data-kind="quote" title="speaker: Ana Ruiz · direct"' in page
    assert "&lt;pronto&gt;" in page and "<pronto>" not in page
    assert quote.text.replace("<", "&lt;").replace(">", "&gt;") in page  # the quote inline is still there


def test_article_list_counts_entities_and_quotes(admin_client, enriched_article):
    response = admin_client.get(reverse("admin:articles_article_changelist"))

    row = response.context["cl"].result_list[0]
    assert (row.mention_count, row.quote_count) == (1, 1)


def test_merge_asks_which_record_to_keep_then_merges_into_it(admin_client, admin_user):
    keep = PersonFactory(name="Begoña Urrutia Sanz")
    other = PersonFactory(name="B. Urrutia")
    mention = MentionFactory(person=other)
    changelist = reverse("admin:articles_person_changelist")
    selected = {"action": "merge_selected", "_selected_action": [keep.id, other.id]}

    confirmation = admin_client.post(changelist, selected)

    assert confirmation.status_code == 200
    assert [record.id for record in confirmation.context["records"]] == [other.id, keep.id]  # most mentioned first
    assert Person.objects.count() == 2

    done = admin_client.post(changelist, selected | {"post": "yes", "keep": keep.id})

    assert done.status_code == 302
    assert list(Person.objects.all()) == [keep]
    mention.refresh_from_db()
    assert mention.person == keep
    assert PersonAlias.objects.filter(person=keep, name="B. Urrutia").exists()
    decision = EditorDecision.objects.get()
    assert decision.user == admin_user and decision.details["merged"] == ["B. Urrutia"]


def test_merge_needs_two_records(admin_client):
    lone = PersonFactory()

    admin_client.post(
        reverse("admin:articles_person_changelist"), {"action": "merge_selected", "_selected_action": [lone.id]}
    )

    assert Person.objects.count() == 1 and not EditorDecision.objects.exists()


def test_merge_works_for_organizations_too(admin_client):
    keep, other = OrganizationFactory(name="Cabildo de Lanzarote"), OrganizationFactory(name="Cabildo")

    admin_client.post(
        reverse("admin:articles_organization_changelist"),
        {"action": "merge_selected", "_selected_action": [keep.id, other.id], "post": "yes", "keep": keep.id},
    )

    assert keep.aliases.get().name == "Cabildo"


def test_alias_inline_links_to_split_and_the_split_view_makes_a_new_record(admin_client, admin_user):
    record = PersonFactory(name="Jon Arrieta")
    alias = PersonAlias.objects.create(person=record, name="Jonathan Arrieta")
    mention = MentionFactory(person=record, surface_forms=["Jonathan Arrieta"])
    split_url = reverse("admin:articles_person_split_alias", args=[record.id, alias.id])

    person_page = admin_client.get(reverse("admin:articles_person_change", args=[record.id])).content.decode()
    confirmation = admin_client.get(split_url)
    done = admin_client.post(split_url)

    assert split_url in person_page
    assert confirmation.status_code == 200 and mention.article.title in confirmation.content.decode()
    created = Person.objects.get(name="Jonathan Arrieta")
    assert done.status_code == 302 and done.url == reverse("admin:articles_person_change", args=[created.id])
    mention.refresh_from_db()
    assert mention.person == created
    assert EditorDecision.objects.get().user == admin_user


def test_quote_actions_verify_and_reject(admin_client, admin_user):
    right, wrong = QuoteFactory(), QuoteFactory()
    changelist = reverse("admin:articles_quote_changelist")

    admin_client.post(changelist, {"action": "verify_quotes", "_selected_action": [right.id]})
    admin_client.post(changelist, {"action": "reject_quotes", "_selected_action": [wrong.id]})

    right.refresh_from_db()
    wrong.refresh_from_db()
    assert right.verified and not right.rejected
    assert wrong.verified and wrong.rejected
    assert sorted(EditorDecision.objects.filter(user=admin_user).values_list("action", flat=True)) == [
        EditorDecision.Action.REJECT_QUOTE,
        EditorDecision.Action.VERIFY_QUOTE,
    ]


def test_changing_the_speaker_on_the_quote_page_verifies_and_audits(admin_client, admin_user):
    quote = QuoteFactory()
    previous = quote.speaker_person
    other = PersonFactory(name="Olatz Etxeberria")
    url = reverse("admin:articles_quote_change", args=[quote.id])
    data = change_page_data(admin_client.get(url)) | {"speaker_person": other.id}

    response = admin_client.post(url, data)

    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.speaker_person == other and quote.verified
    details = EditorDecision.objects.get(user=admin_user).details
    assert details["previous"]["id"] == previous.id and details["speaker"]["id"] == other.id


def test_changing_the_speaker_in_the_article_inline_verifies_and_audits(admin_client, admin_user, enriched_article):
    article, speaker, quote = enriched_article
    other = OrganizationFactory(name="Autoridad Portuaria")
    url = reverse("admin:articles_article_change", args=[article.id])
    data = change_page_data(admin_client.get(url))
    prefix = next(
        key for key, value in data.items() if key.startswith("quotes-") and key.endswith("-id") and value == quote.id
    )[: -len("-id")]
    data |= {f"{prefix}-speaker_person": "", f"{prefix}-speaker_organization": other.id}

    response = admin_client.post(url, data)

    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.speaker_organization == other and quote.speaker_person is None and quote.verified
    decision = EditorDecision.objects.get(user=admin_user)
    assert decision.details["previous"]["name"] == speaker.name
    assert decision.details["speaker"] == {"type": "organization", "id": other.id, "name": "Autoridad Portuaria"}


def test_an_unchanged_article_save_records_no_decision(admin_client, enriched_article):
    article, _, _ = enriched_article
    url = reverse("admin:articles_article_change", args=[article.id])

    response = admin_client.post(url, change_page_data(admin_client.get(url)))

    assert response.status_code == 302
    assert not EditorDecision.objects.exists()
    assert not Quote.objects.get().verified
