from django.db import migrations


def create_recent_index(apps, schema_editor):
    # Entity pages list articles newest first with undated ones last; SQLite cannot declare NULLS LAST in an
    # index (and its demo-sized tables need none), so the index is PostgreSQL's only, like the GIN index of 0002.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS article_recent_idx ON articles_article (published_at DESC NULLS LAST, id DESC)"
        )


def drop_recent_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS article_recent_idx")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_ordering_tiebreaks"),
    ]

    operations = [
        migrations.RunPython(create_recent_index, drop_recent_index),
    ]
