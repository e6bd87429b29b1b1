"""The demo logins as the serving commands print them: every fixed account, once, with its
password, API key and (for the two-factor one) the code, read from the seeded database."""

from __future__ import annotations

from dataclasses import dataclass

from sandbox.demo.people import AGENT, DEMO_LOGINS, OTHER_ADMIN, SUPERVISOR, TWO_FACTOR
from sandbox.models import Account, Token

ROLES = {
    SUPERVISOR.email: "admin: every call of Acme Support",
    AGENT.email: "agent: only their own calls",
    TWO_FACTOR.email: "agent with two-factor sign-in",
    OTHER_ADMIN.email: "admin of the second customer, Globex Travel: none of Acme's calls",
}


@dataclass(frozen=True)
class DemoLoginLine:
    email: str
    password: str
    user_id: int
    api_key: str
    role: str
    two_factor_code: str | None

    def __str__(self) -> str:
        code = f", code {self.two_factor_code}" if self.two_factor_code else ""
        return (
            f"  {self.email} / {self.password}  ({self.role}{code})\n"
            f"      user_id {self.user_id}, API key {self.api_key}"
        )


def demo_logins() -> list[DemoLoginLine]:
    """The fixed demo accounts present in the database, in the README's order."""
    accounts = {
        account.email: account
        for account in Account.objects.filter(email__in=[login.email for login in DEMO_LOGINS])
    }
    # The key the seed made for each account: its first unnamed API key.
    keys: dict[int, str] = {}
    seeded = Token.objects.filter(
        account__in=accounts.values(), kind=Token.Kind.APIKEY, name=""
    ).order_by("-pk")
    for account_id, key in seeded.values_list("account_id", "key"):
        keys[account_id] = key
    return [
        DemoLoginLine(
            email=login.email,
            password=login.password,
            user_id=accounts[login.email].pk,
            api_key=keys.get(accounts[login.email].pk, "(none)"),
            role=ROLES[login.email],
            two_factor_code=accounts[login.email].two_factor_code,
        )
        for login in DEMO_LOGINS
        if login.email in accounts
    ]
