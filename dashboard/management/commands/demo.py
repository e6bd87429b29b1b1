"""`manage.py demo`: the README's first command, after the Makefile has installed everything."""

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from sandbox.serving import prepare, refuse_busy_port


class Command(BaseCommand):
    help = "Migrate, seed the sandbox with demo data if it is empty, and serve the dashboard."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, host: str, port: int, **options) -> None:
        # Before anything is printed: an address and logins above a refusal mislead.
        refuse_busy_port(host, port, command="demo")
        embedded = settings.SANDBOX_ENABLED and not os.environ.get("HISTORY_API_URL")
        prepare(self.stdout, seed=embedded)
        if "ARCHIVE_BEFORE_DELETE" not in os.environ:
            # The demo keeps a local copy of every recording and voicemail it deletes.
            settings.ARCHIVE_BEFORE_DELETE = True
        shown = f"[{host}]" if ":" in host else host
        self.stdout.write(self.style.SUCCESS(f"\nThe dashboard is at http://{shown}:{port}/"))
        if embedded:
            from sandbox.demo.logins import demo_logins

            self.stdout.write("Demo logins (VoIPstudio sandbox accounts, email / password):")
            for login in demo_logins():
                self.stdout.write(str(login))
        else:
            self.stdout.write(f"Sign in with a VoIPstudio account of {settings.HISTORY_API_URL}")
        if not settings.DEBUG:
            self.stdout.write("DEBUG is off (the default); DEBUG=true shows Django's error pages.")
        self.stdout.write("")
        call_command("runserver", f"{shown}:{port}", use_reloader=False, use_threading=True)
