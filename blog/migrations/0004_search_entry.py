"""The search table (``blog.models.SearchEntry``) and, on PostgreSQL, its GIN index.

The index is created by hand because SQLite, the demo database, knows no GIN indexes; there
the table stays empty. Existing pages get their rows after migrate (``blog.search_index``).
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

INDEX = "blog_searchentry_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX {INDEX} ON blog_searchentry USING gin (vector)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0003_interviewee_name_as_long_as_speaker_name"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "page",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                ("vector", django.contrib.postgres.search.SearchVectorField()),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="contenttypes.contenttype",
                    ),
                ),
            ],
            options={
                "verbose_name": "zoekregel",
                "verbose_name_plural": "zoekregels",
            },
        ),
        migrations.RunPython(create_index, drop_index),
    ]
