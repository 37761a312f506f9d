"""Themes now live in the taxonomy app: articles point there and the blog forgets its copy.

The table blog_theme and the articles' theme links stay as they are. Runs after the other apps
have moved their links, so no model points at blog.Theme when it goes. The content type moves
along, so editors' permissions on themes and every log entry about one keep their rows.
"""

import modelcluster.fields
from django.db import migrations


def move_content_type(apps, schema_editor, source="blog", target="taxonomy"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = ContentType.objects.filter(app_label=source, model="theme").first()
    if old is None:
        return
    if ContentType.objects.filter(app_label=target, model="theme").exists():
        # Only on a new database, where migrations that create permissions made both types
        # before any theme, permission grant or log entry existed: the old one is unused.
        old.delete()
    else:
        old.app_label = target
        old.save(update_fields=["app_label"])


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="taxonomy", target="blog")


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0005_names_on_one_line"),
        ("taxonomy", "0001_initial"),
        ("members", "0007_themes_from_taxonomy"),
        ("events", "0004_themes_from_taxonomy"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="articlepage",
                    name="themes",
                    field=modelcluster.fields.ParentalManyToManyField(
                        blank=True, related_name="articles", to="taxonomy.theme", verbose_name="thema's"
                    ),
                ),
                migrations.DeleteModel(name="Theme"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
