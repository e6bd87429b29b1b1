from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0003_overview_days"),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="mark_heard_after_play",
            field=models.BooleanField(default=True),
        ),
    ]
