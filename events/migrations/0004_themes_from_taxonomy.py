"""Events point at themes in their new app; the table and its rows are untouched."""

import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_names_on_one_line"),
        ("taxonomy", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="eventpage",
                    name="themes",
                    field=modelcluster.fields.ParentalManyToManyField(
                        blank=True, to="taxonomy.theme", verbose_name="thema's"
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
