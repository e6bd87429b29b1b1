"""`sandbox_demo`: the demo call centre, small, seeded into the test database.

    def test_it_lists_calls(sandbox_url, sandbox_demo):
        agent = sandbox_demo.agent            # .email .password .user_id .api_key .customer_id
        sandbox_demo.supervisor               # admin of "Acme Support"
        sandbox_demo.two_factor, sandbox_demo.two_factor_code
        sandbox_demo.other_admin              # admin of the second customer
        sandbox_demo.records.cdr_with_recording, .monitor, .multi_leg_root_cdr,
            .voicemail_in_inbox, .chat_with_script, .msdr, .other_customer_cdr, ...
        sandbox_demo.counts["cdrs"]

A few hundred CDRs over the three days up to now, everything else in proportion. It asks for
`transactional_db`, so the rows are visible to the live server behind `sandbox_url`.
"""

import pytest

DEMO_FIXTURE_SEED = 1729
DEMO_FIXTURE_DAYS = 3
DEMO_FIXTURE_CDRS = 300


@pytest.fixture
def sandbox_demo(transactional_db):
    from sandbox.demo import seed_demo

    return seed_demo(seed=DEMO_FIXTURE_SEED, days=DEMO_FIXTURE_DAYS, cdrs=DEMO_FIXTURE_CDRS)
