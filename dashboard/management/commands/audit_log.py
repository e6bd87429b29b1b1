"""`manage.py audit_log`: the operator's view of the audit log, every customer's entries.

The dashboard shows an admin their own customer's entries only; entries of no known customer
(those written before entries carried one, or for nobody signed in) are read here only.
"""

import json

from django.core.management.base import BaseCommand, CommandParser

from dashboard.models import AuditEntry


class Command(BaseCommand):
    help = (
        "Print audit entries, newest first, one per line: when, customer, upstream, who, "
        "action, records, outcome, detail."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--customer", type=int, help="only this upstream customer id")
        parser.add_argument("--upstream", help="only this History API base URL")
        parser.add_argument(
            "--operator-only",
            action="store_true",
            help="only the entries no admin can read (no customer, or from before customers)",
        )
        parser.add_argument("--limit", type=int, default=200, help="at most this many entries")

    def handle(
        self,
        *args: object,
        customer: int | None,
        upstream: str | None,
        operator_only: bool,
        limit: int,
        **options: object,
    ) -> None:
        entries = AuditEntry.objects.all()
        if customer is not None:
            entries = entries.filter(customer_id=customer)
        if upstream:
            entries = entries.filter(upstream=upstream.rstrip("/"))
        if operator_only:
            entries = entries.filter(operator_only=True) | entries.filter(customer_id=None)
        for entry in entries.order_by("-created_at", "-id")[: max(limit, 0)]:
            fields = (
                entry.created_at.isoformat(timespec="seconds"),
                "-" if entry.customer_id is None else str(entry.customer_id),
                entry.upstream or "-",
                entry.user_label,
                entry.action,
                json.dumps(entry.records, ensure_ascii=False),
                entry.outcome,
                entry.detail,
            )
            self.stdout.write("\t".join(fields))
