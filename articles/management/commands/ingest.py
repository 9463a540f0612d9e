import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.models import Source
from articles.services import article_ingest
from articles.webhooks import IngestPayloadSerializer


class Command(BaseCommand):
    help = "Ingest articles from JSON files (the webhook's payload format) or folders of them into a source."

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--source", required=True, help="slug of the source the articles belong to")

    def handle(self, *args, paths: list[Path], source: str, **options) -> None:
        target = Source.objects.filter(slug=source).first()
        if target is None:
            raise CommandError(f"unknown source {source!r}: create it with create_source")
        files = [f for path in paths for f in (sorted(path.glob("*.json")) if path.is_dir() else [path])]
        counts = {"created": 0, "updated": 0, "unchanged": 0, "failed": 0}
        for file in files:
            try:
                payload = json.loads(file.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                counts["failed"] += 1
                self.stderr.write(f"{file}: {exc}")
                continue
            validated = IngestPayloadSerializer(data=payload)
            if not validated.is_valid():
                counts["failed"] += 1
                self.stderr.write(f"{file}: {json.dumps(validated.errors)}")
                continue
            with transaction.atomic():
                outcome = article_ingest(source=target, payload=validated.validated_data)
            state = "created" if outcome.created else "updated" if outcome.changed else "unchanged"
            counts[state] += 1
            outcome.article.refresh_from_db(fields=["status"])
            self.stdout.write(f"{state:9} {outcome.article.status:9} #{outcome.article.id} {outcome.article.title}")
        self.stdout.write(", ".join(f"{count} {state}" for state, count in counts.items()))
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} file(s) failed")
