from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0002_audit_customer_scope"),
    ]

    operations = [
        migrations.CreateModel(
            name="OverviewDay",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("upstream", models.CharField(max_length=12)),
                ("customer_id", models.BigIntegerField(blank=True, null=True)),
                (
                    "scope",
                    models.CharField(
                        choices=[
                            ("admin", "every call of the customer"),
                            ("own", "one user's own calls"),
                        ],
                        max_length=5,
                    ),
                ),
                ("viewer", models.CharField(max_length=64)),
                ("time_zone", models.CharField(max_length=64)),
                ("day", models.DateField()),
                ("calls", models.PositiveIntegerField()),
                ("figures", models.JSONField()),
                ("stored_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("upstream", "scope", "viewer", "time_zone", "day"),
                        name="one_overview_day_per_scope",
                    )
                ],
            },
        ),
    ]
