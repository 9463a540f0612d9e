"""An editor in a real browser: log in, check the highlighted quotes of an article, merge two people, and see the
merge in the public API."""

import json
import os
import urllib.request

import pytest
from django.contrib.auth.models import User

from articles.models import Person
from tests.conftest import services_required
from tests.factories import ArticleFactory, MentionFactory, PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db(transaction=True)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
TEXT = (
    "La consejera Ana Ruiz Gómez presentó el plan en Teruel. “Las obras empiezan en abril”, dijo A. Ruiz ante el pleno."
)


def require_browser():
    missing = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = "needs the playwright package"
    if missing is None and not os.path.exists(CHROMIUM):
        missing = f"needs Chromium at {CHROMIUM} (apt-get install chromium)"
    if missing:
        pytest.fail(missing) if services_required() else pytest.skip(missing)


def api(base: str, path: str) -> dict:
    with urllib.request.urlopen(f"{base}{path}", timeout=10) as response:
        return json.loads(response.read())


def test_editor_sees_highlighted_quotes_and_merges_two_people_in_the_browser(live_server):
    require_browser()
    from playwright.sync_api import expect, sync_playwright

    # given an enriched article where one person was resolved as two records
    User.objects.create_superuser("editor", "editor@example.invalid", "correct horse battery")
    article = ArticleFactory(title="Plan de obras en Teruel", clean_text=TEXT, body=TEXT)
    full = PersonFactory(name="Ana Ruiz Gómez")
    short = PersonFactory(name="A. Ruiz")
    MentionFactory(article=article, person=full, offsets=[[13, 27]], surface_forms=["Ana Ruiz Gómez"], salience=0.9)
    MentionFactory(article=article, person=short, offsets=[[92, 99]], surface_forms=["A. Ruiz"], salience=0.4)
    quote = QuoteFactory(
        article=article, speaker_person=short, text="Las obras empiezan en abril", start=57, end=84, kind="direct"
    )
    assert TEXT[quote.start : quote.end] == quote.text
    base = live_server.url

    # when the editor logs in, opens the article and merges the two people
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(15_000)
            page.goto(f"{base}/admin/login/")
            page.fill("#id_username", "editor")
            page.fill("#id_password", "correct horse battery")
            page.click("input[type=submit]")
            expect(page.locator("#user-tools")).to_contain_text("editor")

            page.goto(f"{base}/admin/articles/article/{article.id}/change/")
            marked_quote = page.locator("#highlighted-text .hl-text mark.hl-quote")
            expect(marked_quote).to_have_count(1)
            expect(marked_quote).to_have_text("Las obras empiezan en abril")
            expect(marked_quote).to_have_attribute("title", "speaker: A. Ruiz · direct")
            expect(page.locator("#highlighted-text .hl-text mark.hl-person")).to_have_count(2)
            assert marked_quote.evaluate("mark => getComputedStyle(mark).backgroundColor") != "rgba(0, 0, 0, 0)"

            page.goto(f"{base}/admin/articles/person/")
            page.check(f"input[name=_selected_action][value='{full.id}']")
            page.check(f"input[name=_selected_action][value='{short.id}']")
            page.select_option("select[name=action]", "merge_selected")
            page.click("button[name=index]")
            expect(page.locator("#merge-form")).to_be_visible()
            page.check(f"#keep-{full.id}")
            page.click("#merge-form input[type=submit]")
            expect(page.locator("ul.messagelist")).to_contain_text("into “Ana Ruiz Gómez”")

            page.goto(f"{base}/admin/articles/article/{article.id}/change/")
            expect(page.locator("#highlighted-text .hl-text mark.hl-quote")).to_have_attribute(
                "title", "speaker: Ana Ruiz Gómez · direct"
            )
        finally:
            browser.close()

    # then the public API shows one person, who said the quote
    detail = api(base, f"/api/v1/articles/{article.id}/")
    assert [person["name"] for person in detail["people"]] == ["Ana Ruiz Gómez"]
    assert [q["speaker"]["name"] for q in detail["quotes"]] == ["Ana Ruiz Gómez"]
    assert list(Person.objects.values_list("name", flat=True)) == ["Ana Ruiz Gómez"]
