"""Themes move from the blog app into their own app; the table blog_theme stays where it is.

Only Django's picture of the models changes here; blog's 0006 moves the content type.
"""

from django.db import migrations, models

import vakgenoten.text


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0005_names_on_one_line"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Theme",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "name",
                            models.CharField(
                                max_length=80,
                                unique=True,
                                validators=[vakgenoten.text.validate_name],
                                verbose_name="naam",
                            ),
                        ),
                        (
                            "slug",
                            models.SlugField(max_length=80, unique=True, verbose_name="korte naam in de url"),
                        ),
                        ("description", models.TextField(blank=True, verbose_name="beschrijving")),
                    ],
                    options={
                        "verbose_name": "thema",
                        "verbose_name_plural": "thema's",
                        "db_table": "blog_theme",
                        "ordering": ["name"],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
