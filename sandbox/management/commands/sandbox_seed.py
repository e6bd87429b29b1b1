"""`manage.py sandbox_seed`: fill the sandbox with the deterministic demo call centre."""

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sandbox.demo import DEFAULT_CDRS, DEFAULT_DAYS, DEFAULT_SEED, SandboxNotEmpty, seed_demo


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = "Seed the History API sandbox with demo customers, users and call history."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="same seed, same data")
        parser.add_argument(
            "--days", type=_positive, default=DEFAULT_DAYS, help="days of history up to now"
        )
        parser.add_argument(
            "--cdrs", type=_positive, default=DEFAULT_CDRS, help="number of call records"
        )
        parser.add_argument("--reset", action="store_true", help="delete all sandbox data first")

    def handle(self, *args, seed: int, days: int, cdrs: int, reset: bool, **options) -> None:
        started = time.perf_counter()
        try:
            summary = seed_demo(seed=seed, days=days, cdrs=cdrs, reset=reset)
        except SandboxNotEmpty as error:
            raise CommandError(f"{error} (pass --reset)") from error
        elapsed = time.perf_counter() - started

        counts = ", ".join(f"{count} {name}" for name, count in summary.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Seeded in {elapsed:.1f} s: {counts}."))
        self.stdout.write(
            f"Seed {seed}, {days} days of history up to {summary.now:%Y-%m-%d %H:%M} UTC."
        )
        self.stdout.write("Demo accounts (email / password / API key):")
        for role, account in summary.accounts.items():
            kind = "admin" if account.is_admin else "user"
            self.stdout.write(
                f"  {account.email} / {account.password} / {account.api_key}  ({role}, {kind})"
            )
        self.stdout.write(
            f"Two-factor code for {summary.two_factor.email}: {summary.two_factor_code}"
        )
