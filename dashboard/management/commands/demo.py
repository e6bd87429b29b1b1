"""`manage.py demo`: the README's first command, after the Makefile has installed everything."""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand

DEMO_LOGINS = [
    ("supervisor@example.com", "demo-supervisor", "admin: sees every call of the customer"),
    ("agent@example.com", "demo-agent", "agent: sees only their own calls"),
    ("2fa@example.com", "demo-2fa", "two-factor: the code is printed below when seeded"),
]


class Command(BaseCommand):
    help = "Migrate, seed the sandbox with demo data if it is empty, and serve the dashboard."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, host: str, port: int, **options) -> None:
        from sandbox.models import Account

        call_command("migrate", interactive=False, verbosity=0)
        if not Account.objects.exists():
            self.stdout.write("Seeding the sandbox with demo data (once)...")
            call_command("sandbox_seed")
        address = f"http://{host}:{port}/"
        # The dashboard reaches the embedded sandbox over HTTP on the address it serves on.
        os.environ["SANDBOX_API_URL"] = f"{address}sandbox/v1.1/voipstudio"
        self.stdout.write(self.style.SUCCESS(f"\nThe dashboard is at {address}"))
        self.stdout.write("Demo logins (VoIPstudio sandbox accounts):")
        for email, password, what in DEMO_LOGINS:
            self.stdout.write(f"  {email} / {password}  ({what})")
        self.stdout.write("")
        call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)
