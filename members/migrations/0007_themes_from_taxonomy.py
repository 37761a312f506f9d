"""Profiles point at themes in their new app; the table and its rows are untouched."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0006_names_on_one_line"),
        ("taxonomy", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="profile",
                    name="themes",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="member_profiles",
                        to="taxonomy.theme",
                        verbose_name="thema's",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
