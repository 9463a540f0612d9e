from django.core.management.base import BaseCommand, CommandError

from articles.models import Source
from articles.services import source_create
from articles.webhooks import webhook_secret_is_valid


class Command(BaseCommand):
    help = "Create a source that posts articles to /api/v1/ingest/SLUG/ and print its signing secret."

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--name", default="")
        parser.add_argument("--secret", help="whsec_... (generated when omitted)")

    def handle(self, *args, slug: str, name: str, secret: str | None, **options) -> None:
        if secret and not webhook_secret_is_valid(secret):
            raise CommandError("--secret must be a Standard Webhooks secret: whsec_ followed by base64")
        if Source.objects.filter(slug=slug).exists():
            raise CommandError(f"source {slug!r} already exists")
        source = source_create(slug=slug, name=name, secret=secret)
        self.stdout.write(f"source: {source.slug}")
        self.stdout.write(f"secret: {source.webhook_secret}")
