"""The two demo customers, their users, and the fixed demo accounts with their API keys."""

import hashlib
import random
from dataclasses import dataclass

from sandbox.demo.bulk import next_id
from sandbox.demo.text import AGENT_NAMES, OTHER_CUSTOMER_NAMES
from sandbox.models import Account, Customer, Token, hash_password

MAIN_CUSTOMER = "Acme Support"
OTHER_CUSTOMER = "Globex Travel"


@dataclass(frozen=True)
class DemoLogin:
    """A fixed account whose password is published in the README and printed by the seeder."""

    email: str
    password: str
    first_name: str
    last_name: str
    is_admin: bool
    two_factor: bool = False


SUPERVISOR = DemoLogin("supervisor@example.com", "demo-supervisor", "Sam", "Supervisor", True)
AGENT = DemoLogin("agent@example.com", "demo-agent", "Alex", "Agent", False)
TWO_FACTOR = DemoLogin("2fa@example.com", "demo-2fa", "Tess", "Twofactor", False, two_factor=True)
OTHER_ADMIN = DemoLogin("admin@globex.example.com", "demo-globex", "Gabriel", "Globex", True)
DEMO_LOGINS = (SUPERVISOR, AGENT, TWO_FACTOR, OTHER_ADMIN)


@dataclass(frozen=True)
class StaffMember:
    """A user as the traffic generator needs them: who they are and how busy."""

    user_id: int
    customer_id: int
    name: str
    extension: str
    is_admin: bool
    # Relative share of their customer's calls: agents take most, supervisors a few.
    weight: float

    @property
    def sip_endpoint_id(self) -> int:
        return 10 * self.user_id + 1


@dataclass(frozen=True)
class People:
    main_customer_id: int
    other_customer_id: int
    staff: tuple[StaffMember, ...]
    # The demo accounts: email -> (account id, API key).
    api_keys: dict[str, str]
    two_factor_code: str

    def of_customer(self, customer_id: int) -> list[StaffMember]:
        return [member for member in self.staff if member.customer_id == customer_id]


def _derived(seed: int, purpose: str, length: int) -> str:
    """A secret-looking value that is the same for the same seed (demo data only)."""
    return hashlib.sha256(f"{seed}:{purpose}".encode()).hexdigest()[:length]


def create_people(*, seed: int) -> People:
    rng = random.Random(f"{seed}:people")
    # Explicit ids: the same seed gives the same ids, even after other rows came and went.
    first_customer = next_id(Customer)
    main = Customer.objects.create(id=first_customer, name=MAIN_CUSTOMER)
    other = Customer.objects.create(id=first_customer + 1, name=OTHER_CUSTOMER)
    two_factor_code = f"{int(_derived(seed, '2fa', 8), 16) % 1_000_000:06d}"

    first_id = next_id(Account)
    accounts: list[Account] = []
    staff: list[StaffMember] = []

    def add(customer: Customer, first: str, last: str, email: str, password: str, **extra) -> None:
        account = Account(
            id=first_id + len(accounts),
            customer=customer,
            email=email,
            # A seeded salt keeps the seeded database identical from one run to the next.
            password=hash_password(password, salt=_derived(seed, f"salt:{email}", 16)),
            first_name=first,
            last_name=last,
            **extra,
        )
        accounts.append(account)
        extension_base = 1001 if customer is main else 2001
        extension = str(extension_base + len([s for s in staff if s.customer_id == customer.id]))
        # The demo agent is among the busiest, so their own view of the history is full.
        weight = 0.4 if account.is_admin else 1.3 if email == AGENT.email else rng.uniform(0.6, 1.2)
        staff.append(
            StaffMember(
                account.id, customer.id, f"{first} {last}", extension, account.is_admin, weight
            )
        )

    for login in DEMO_LOGINS:
        customer = other if login is OTHER_ADMIN else main
        code = two_factor_code if login.two_factor else None
        add(
            customer,
            login.first_name,
            login.last_name,
            login.email,
            login.password,
            is_admin=login.is_admin,
            two_factor_code=code,
        )
    for number, (first, last) in enumerate(AGENT_NAMES, start=1):
        add(main, first, last, f"agent{number:02d}@acme.example.com", f"acme-{number:02d}")
    for number, (first, last) in enumerate(OTHER_CUSTOMER_NAMES, start=1):
        add(other, first, last, f"agent{number:02d}@globex.example.com", f"globex-{number:02d}")
    Account.objects.bulk_create(accounts)

    api_keys = {login.email: _derived(seed, f"apikey:{login.email}", 40) for login in DEMO_LOGINS}
    by_email = {account.email: account for account in accounts}
    Token.objects.bulk_create(
        Token(key=key, account=by_email[email], kind=Token.Kind.APIKEY)
        for email, key in api_keys.items()
    )
    return People(main.id, other.id, tuple(staff), api_keys, two_factor_code)
