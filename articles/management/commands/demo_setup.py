import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from articles.models import Source
from articles.services import source_create

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


class Command(BaseCommand):
    help = "Prepare the local demo: a 'demo' source, an 'admin' user, and the sample articles (idempotent)."

    def handle(self, *args, **options) -> None:
        source = Source.objects.filter(slug="demo").first() or source_create(slug="demo", name="Demo newsroom")
        password = secrets.token_urlsafe(12)
        user_model = get_user_model()
        user = user_model.objects.filter(username="admin").first()
        if user is None:
            user_model.objects.create_superuser("admin", "admin@example.org", password)
            login = f"admin / {password}"
        else:
            login = "admin (existing user, password unchanged; reset it with: python manage.py changepassword admin)"
        call_command("ingest", str(FIXTURES), source="demo", stdout=self.stdout)
        self.stdout.write("")
        self.stdout.write(f"admin login     : {login}")
        self.stdout.write(f"webhook source  : {source.slug}")
        self.stdout.write(f"webhook secret  : {source.webhook_secret}")
        self.stdout.write("service         : http://127.0.0.1:8000/  (/graphql/, /api/docs/, /admin/)")
