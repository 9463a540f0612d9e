"""Management commands: sources, file ingestion and the demo set-up."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Source
from tests.conftest import FIXTURES
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_create_source_generates_and_prints_a_secret():
    out = StringIO()

    call_command("create_source", "agency", "--name", "Agency", stdout=out)

    source = Source.objects.get(slug="agency")
    assert source.webhook_secret.startswith("whsec_")
    assert source.webhook_secret in out.getvalue()


def test_create_source_refuses_an_invalid_secret_and_a_duplicate():
    with pytest.raises(CommandError):
        call_command("create_source", "agency", "--secret", "not-a-secret", stdout=StringIO())
    call_command("create_source", "agency", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("create_source", "agency", stdout=StringIO())


def test_demo_setup_ingests_every_sample_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo_setup", stdout=StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo_setup", stdout=StringIO())

    assert Article.objects.count() == len(list(FIXTURES.glob("*.json")))
    assert set(Article.objects.values_list("status", flat=True)) == {"ENRICHED"}


def test_ingest_reports_failures_with_a_non_zero_exit(tmp_path):
    call_command("create_source", "files", stdout=StringIO())
    (tmp_path / "broken.json").write_text("{")

    with pytest.raises(CommandError):
        call_command("ingest", str(tmp_path), "--source", "files", stdout=StringIO(), stderr=StringIO())


def test_reenrich_failed_retries_only_failed_articles():
    failed = ArticleFactory(status=Article.Status.FAILED, error="boom", body="La jueza Marta Gil habló en Bilbao.")
    done = ArticleFactory(status=Article.Status.ENRICHED)
    out = StringIO()

    call_command("reenrich", "--failed", stdout=out, stderr=StringIO())

    failed.refresh_from_db()
    done.refresh_from_db()
    assert failed.status == Article.Status.ENRICHED and failed.error == ""
    assert done.attempts == 0
    assert "1 of 1 article(s) scheduled" in out.getvalue()


def test_evaluate_prints_the_scorer_summary_for_a_gold_folder(tmp_path):
    gold = {
        "id": "t-1",
        "title": "Obras",
        "body": "La alcaldesa de Gijón, Nuria Pastor, habló ayer.\n\n“Las obras acabarán en mayo”, dijo Pastor.",
        "people": [{"name": "Nuria Pastor", "mentions": ["Nuria Pastor", "Pastor"]}],
        "organizations": [],
        "places": [{"name": "Gijón", "mentions": ["Gijón"]}],
        "quotes": [{"text": "Las obras acabarán en mayo", "speaker": "Nuria Pastor", "kind": "direct"}],
    }
    (tmp_path / "t-1.json").write_text(json.dumps(gold, ensure_ascii=False))
    out = StringIO()

    call_command("evaluate", str(tmp_path), "--json", str(tmp_path / "report.json"), stdout=out)

    summary = json.loads((tmp_path / "report.json").read_text())["summary"]
    printed = out.getvalue().splitlines()[-1]
    assert printed.startswith("SUMMARY ") and f"quoted={summary['quoted']['f1']:.3f}" in printed
    assert summary["quoted"]["gold"] == 1 and summary["people"]["gold"] == 1


def test_evaluate_refuses_a_folder_without_gold_files(tmp_path):
    with pytest.raises(CommandError):
        call_command("evaluate", str(tmp_path), stdout=StringIO())
