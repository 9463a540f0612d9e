"""The first real input, a Spanish wire story, posted to the webhook (read from ../shared when present)."""

import pytest

from articles.models import Article, Person
from tests.conftest import SHARED

pytestmark = pytest.mark.django_db

SEED = SHARED / "seed" / "medvedev-pyongyang.txt"


@pytest.fixture
def seed_article(deliver):
    if not SEED.exists():
        pytest.skip("../shared/seed is not beside this checkout")
    title, _, body = SEED.read_text(encoding="utf-8").partition("\n\n")
    receipt = deliver({"external_id": "seed", "title": title.strip(), "body": body}).json()
    return Article.objects.get(id=receipt["id"])


def test_seed_people_come_out_right(seed_article):
    names = {person.name for person in seed_article.people.all()}

    assert {"Dmitri Medvedev", "Kim Jong-un", "Vladimir Putin", "Matthew Miller", "Fiona Hill"} <= names
    assert Person.objects.filter(name__icontains="Medvedev").count() == 1


def test_seed_quotes_are_attributed(seed_article):
    quotes = list(seed_article.quotes.select_related("speaker_person"))
    by_speaker = {}
    for quote in quotes:
        if quote.speaker_person:
            by_speaker.setdefault(quote.speaker_person.name, []).append(quote.text)

    assert any("profunda gratitud" in text for text in by_speaker.get("Dmitri Medvedev", []))
    assert any("vigilará de cerca" in text for text in by_speaker.get("Matthew Miller", []))
    assert any("no es ideológica" in text for text in by_speaker.get("Fiona Hill", []))
    assert all(quote.text.strip() for quote in quotes)
