from datetime import datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from articles.models import Article
from articles.services import articles_enqueue


class Command(BaseCommand):
    help = "Re-run enrichment on stored articles (after a pipeline upgrade, or to retry failed ones)."

    def add_arguments(self, parser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--all", action="store_true", help="every article")
        which.add_argument("--since", help="articles received on or after this date (YYYY-MM-DD)")
        which.add_argument("--source", help="articles of this source slug")
        which.add_argument("--failed", action="store_true", help="articles whose enrichment failed")

    def handle(self, *args, all: bool, since: str | None, source: str | None, failed: bool, **options) -> None:
        articles = Article.objects.order_by("id")
        if since:
            try:
                day = datetime.strptime(since, "%Y-%m-%d").date()
            except ValueError as exc:
                raise CommandError("--since takes a date as YYYY-MM-DD") from exc
            articles = articles.filter(received_at__gte=timezone.make_aware(datetime.combine(day, time.min)))
        elif source:
            articles = articles.filter(source__slug=source)
        elif failed:
            articles = articles.filter(status=Article.Status.FAILED)
        ids = list(articles.values_list("id", flat=True))
        sent = articles_enqueue(article_ids=ids)  # in batches, which a worker enriches faster than one by one
        self.stdout.write(f"{sent} of {len(ids)} article(s) scheduled for enrichment")
        if sent < len(ids):
            raise CommandError(f"{len(ids) - sent} article(s) could not be queued: is the broker up?")
