import json

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from articles import feeds
from articles.models import Source
from articles.services import article_ingest
from articles.webhooks import IngestPayloadSerializer


class Command(BaseCommand):
    help = (
        "Ingest articles into a source from JSON files (the webhook's payload format), folders of them, RSS/Atom "
        "files or feed URLs. Feed entries without full content get the text of the page they link to."
    )
    # Replaced in tests, which serve feeds and pages from a local server.
    fetch = staticmethod(feeds.http_fetch)

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", help="JSON file, folder, RSS/Atom file or http(s) feed URL")
        parser.add_argument("--source", required=True, help="slug of the source the articles belong to")
        parser.add_argument(
            "--no-fetch-pages",
            action="store_true",
            help="use a feed entry's summary instead of fetching its page when the entry has no full content",
        )
        parser.add_argument("--no-progress", action="store_true", help="do not show a progress bar")

    def handle(self, *args, paths: list[str], source: str, **options) -> None:
        target = Source.objects.filter(slug=source).first()
        if target is None:
            raise CommandError(f"unknown source {source!r}: create it with create_source")
        items = [
            item
            for location in paths
            for item in feeds.items_from_location(location, fetch=self.fetch, fetch_pages=not options["no_fetch_pages"])
        ]
        counts = {"created": 0, "updated": 0, "unchanged": 0, "failed": 0}
        # The bar redraws one line with carriage returns: it needs the raw stream, not Django's line-based wrapper.
        err = getattr(self.stderr, "_out", self.stderr)
        progress = tqdm(items, desc="ingesting", unit="article", file=err, disable=options["no_progress"])
        for item in progress:
            try:
                payload = item.load()
            except (OSError, ValueError, feeds.FetchError) as exc:
                counts["failed"] += 1
                progress.write(f"{item.label}: {exc}", file=err)
                continue
            validated = IngestPayloadSerializer(data=payload)
            if not validated.is_valid():
                counts["failed"] += 1
                progress.write(f"{item.label}: {json.dumps(validated.errors)}", file=err)
                continue
            with transaction.atomic():
                outcome = article_ingest(source=target, payload=validated.validated_data)
            state = "created" if outcome.created else "updated" if outcome.changed else "unchanged"
            counts[state] += 1
            outcome.article.refresh_from_db(fields=["status"])
            self.stdout.write(f"{state:9} {outcome.article.status:9} #{outcome.article.id} {outcome.article.title}")
        progress.close()
        self.stdout.write(", ".join(f"{count} {state}" for state, count in counts.items()))
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} item(s) failed")
