"""`manage.py demo`: the README's first command, after the Makefile has installed everything."""

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

DEMO_LOGINS = [
    ("supervisor@example.com", "demo-supervisor", "admin: sees every call of the customer"),
    ("agent@example.com", "demo-agent", "agent: sees only their own calls"),
    ("2fa@example.com", "demo-2fa", "two-factor"),
]


class Command(BaseCommand):
    help = "Migrate, seed the sandbox with demo data if it is empty, and serve the dashboard."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, host: str, port: int, **options) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        address = f"http://{host}:{port}/"
        if settings.SANDBOX_ENABLED and not os.environ.get("HISTORY_API_URL"):
            self._prepare_sandbox(host=host, port=port)
        if "ARCHIVE_BEFORE_DELETE" not in os.environ:
            # The demo keeps a local copy of every recording and voicemail it deletes.
            settings.ARCHIVE_BEFORE_DELETE = True
        # WhiteNoise serves from the source folders; an empty STATIC_ROOT keeps it quiet.
        settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
        self.stdout.write(self.style.SUCCESS(f"\nThe dashboard is at {address}"))
        if settings.SANDBOX_ENABLED and not os.environ.get("HISTORY_API_URL"):
            self._print_logins()
        else:
            self.stdout.write(f"Sign in with a VoIPstudio account of {settings.HISTORY_API_URL}")
        self.stdout.write("")
        call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)

    def _prepare_sandbox(self, *, host: str, port: int) -> None:
        from sandbox.models import Account

        if not Account.objects.exists():
            self.stdout.write("Seeding the sandbox with demo data (once)...")
            call_command("sandbox_seed")
        # The dashboard reaches the embedded sandbox over HTTP on the address it serves on;
        # the server below runs in this process, so it sees this setting.
        local = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # noqa: S104
        settings.HISTORY_API_URL = f"http://{local}:{port}/sandbox/v1.1/voipstudio"

    def _print_logins(self) -> None:
        from sandbox.models import Account

        codes = dict(
            Account.objects.filter(email__in=[email for email, _, _ in DEMO_LOGINS]).values_list(
                "email", "two_factor_code"
            )
        )
        self.stdout.write("Demo logins (VoIPstudio sandbox accounts):")
        for email, password, what in DEMO_LOGINS:
            code = codes.get(email)
            extra = f", code {code}" if code else ""
            self.stdout.write(f"  {email} / {password}  ({what}{extra})")
