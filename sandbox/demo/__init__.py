"""Deterministic demo data for the sandbox: two customers, their users and 30 days of traffic."""

from sandbox.demo.seed import (
    DEFAULT_CDRS,
    DEFAULT_DAYS,
    DEFAULT_SEED,
    DemoAccount,
    DemoRecords,
    DemoSummary,
    SandboxNotEmpty,
    seed_demo,
)

__all__ = [
    "DEFAULT_CDRS",
    "DEFAULT_DAYS",
    "DEFAULT_SEED",
    "DemoAccount",
    "DemoRecords",
    "DemoSummary",
    "SandboxNotEmpty",
    "seed_demo",
]
