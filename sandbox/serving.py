"""What the serving commands (`demo`, `sandbox_serve`) share: a busy port is reported before
anything else is printed, and the database is migrated and seeded once."""

from __future__ import annotations

import socket

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError


def refuse_busy_port(host: str, port: int, *, command: str) -> None:
    """A CommandError naming the way out when something already listens on host:port."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as error:
        raise CommandError(f"Cannot serve on {host!r}: {error}") from None
    with socket.socket(family, kind, proto) as probe:
        # As the server will: a port left in TIME_WAIT by a previous run is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError:
            raise CommandError(
                f"Port {port} on {host} is already in use (is it still running?). "
                f"Serve on another one: PORT={port + 1} make {command}"
            ) from None


def prepare(stdout, *, seed: bool) -> None:
    """Migrate, and (when `seed`) seed the demo data if the sandbox is empty."""
    from sandbox.demo import seed_demo
    from sandbox.models import Account

    call_command("migrate", interactive=False, verbosity=0)
    if seed and not Account.objects.exists():
        stdout.write("Seeding the sandbox with demo data (once)...")
        seed_demo()
    # WhiteNoise serves from the source folders; an empty STATIC_ROOT keeps it quiet.
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
