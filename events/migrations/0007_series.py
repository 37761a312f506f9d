"""Event series: a recurring rule with exceptions, and each occurrence's link to its series.

Also gives the "Redactie" group and (when it exists) the "Organisatoren" group the series in
the admin; which series an organiser may touch is narrowed in events.series_admin.
"""

import django.db.models.deletion
import modelcluster.fields
import vakgenoten.text
from vakgenoten.group_permissions import grant_permissions
from django.db import migrations, models

CODENAMES = ["view_eventseries", "add_eventseries", "change_eventseries", "delete_eventseries"]


def grant(apps, schema_editor):
    permissions = [("events", name) for name in CODENAMES]
    grant_permissions(apps, "Redactie", permissions)
    # The organisers group is made with its page rights by events.groups; never half here.
    grant_permissions(apps, "Organisatoren", permissions, create_group=False)


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0006_sessions_questions_guests_checkin'),
    ]

    operations = [
        migrations.CreateModel(
            name='EventSeries',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, validators=[vakgenoten.text.validate_single_line], verbose_name='titel')),
                ('slug', models.SlugField(help_text='Het laatste deel van het webadres: /evenementen/reeks/<adres>/.', max_length=100, unique=True, verbose_name='adres')),
                ('intro', models.TextField(blank=True, help_text='Waar gaat de reeks over, voor wie is hij?', verbose_name='introductie')),
                ('frequency', models.CharField(choices=[('wekelijks', 'Elke week (of om de zoveel weken) op een vaste dag'), ('maand-weekdag', 'Elke maand op een vaste weekdag, zoals elke eerste dinsdag'), ('maand-datum', 'Elke maand op dezelfde datum, zoals de 15e'), ('jaarlijks', 'Elk jaar op dezelfde datum')], default='maand-weekdag', max_length=20, verbose_name='hoe vaak')),
                ('interval', models.PositiveSmallIntegerField(default=1, help_text='1 = elke week, maand of jaar; 2 = om de twee weken, maanden of jaren.', verbose_name='om de hoeveel')),
                ('week_of_month', models.SmallIntegerField(blank=True, choices=[(1, 'eerste'), (2, 'tweede'), (3, 'derde'), (4, 'vierde'), (-1, 'laatste')], help_text='Alleen bij een vaste weekdag in de maand: de eerste, tweede … of laatste.', null=True, verbose_name='welke in de maand')),
                ('weekday', models.PositiveSmallIntegerField(blank=True, choices=[(0, 'maandag'), (1, 'dinsdag'), (2, 'woensdag'), (3, 'donderdag'), (4, 'vrijdag'), (5, 'zaterdag'), (6, 'zondag')], help_text='Bij wekelijks leeg laten: dan de weekdag van de eerste datum.', null=True, verbose_name='weekdag')),
                ('first_date', models.DateField(help_text='De eerste datum van de reeks. Bij maandelijks op datum en jaarlijks bepaalt deze datum de dag (en maand).', verbose_name='vanaf')),
                ('start_time', models.TimeField(verbose_name='begintijd')),
                ('end_time', models.TimeField(verbose_name='eindtijd')),
                ('until', models.DateField(blank=True, null=True, verbose_name='tot en met')),
                ('count', models.PositiveSmallIntegerField(blank=True, help_text='Vul een einddatum in of een aantal keer (hoogstens 60).', null=True, verbose_name='aantal keer')),
                ('model_event', models.ForeignKey(blank=True, help_text='Elke nieuwe datum wordt een kopie van dit evenement (tekst, plaats, organisator, aantal plaatsen). Leeg: de eerste datum van de reeks.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='events.eventpage', verbose_name='voorbeeldevenement')),
            ],
            options={
                'verbose_name': 'reeks',
                'verbose_name_plural': 'reeksen',
                'ordering': ['title'],
            },
        ),
        migrations.AddField(
            model_name='eventpage',
            name='series',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='occurrences', to='events.eventseries', verbose_name='reeks'),
        ),
        migrations.CreateModel(
            name='SeriesException',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('date', models.DateField(verbose_name='datum')),
                ('reason', models.CharField(blank=True, max_length=200, validators=[vakgenoten.text.validate_single_line], verbose_name='reden')),
                ('series', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='exceptions', to='events.eventseries')),
            ],
            options={
                'verbose_name': 'uitzondering',
                'verbose_name_plural': 'uitzonderingen',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
