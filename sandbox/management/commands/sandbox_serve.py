"""`manage.py sandbox_serve`: the sandbox alone, a local VoIPstudio History API to test any
client against (`make sandbox HOST=... PORT=...`)."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from sandbox.demo.logins import demo_logins
from sandbox.serving import prepare, refuse_busy_port


class Command(BaseCommand):
    help = "Seed the sandbox if it is empty and serve it alone, at /v1.2/voipstudio and /v1.1."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, host: str, port: int, **options) -> None:
        refuse_busy_port(host, port, command="sandbox")
        prepare(self.stdout, seed=True)
        # Only the API: no dashboard pages, whatever the rest of the settings say.
        settings.ROOT_URLCONF = "sandbox.standalone_urls"
        if host not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
            settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, host.strip("[]")]
        shown = f"[{host}]" if ":" in host else host
        base = f"http://{shown}:{port}/v1.2/voipstudio"
        self.stdout.write(self.style.SUCCESS(f"\nThe VoIPstudio History API sandbox is at {base}"))
        self.stdout.write(f"(and at http://{shown}:{port}/v1.1/voipstudio)")
        self.stdout.write("Demo logins (email / password), with their user ids and API keys:")
        logins = demo_logins()
        for login in logins:
            self.stdout.write(str(login))
        if logins:
            example = f"curl -H 'X-Auth-Token: {logins[0].api_key}' '{base}/cdrs?limit=5'"
            self.stdout.write(f"Try: {example}\n")
        call_command("runserver", f"{shown}:{port}", use_reloader=False, use_threading=True)
