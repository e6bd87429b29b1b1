"""The sandbox's data: a self-contained copy of what the VoIPstudio History API serves.

Field names follow the API (the seed's models and the API notes), so serialization is a
plain field-to-key mapping. Every resource row carries `customer` (tenant isolation) and an
owner (`user_id`, or `operator_id` for chats): the owner decides what a non-admin may see.
`OWNER_FIELD` on each resource model names that column for the shared view machinery.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.db import models


def hash_password(raw: str, *, salt: str | None = None) -> str:
    """A salted SHA-256, deliberately fast: the sandbox seeds many demo accounts at once."""
    salt = salt or secrets.token_hex(8)
    digest = hashlib.sha256(f"{salt}${raw}".encode()).hexdigest()
    return f"sha256${salt}${digest}"


def password_matches(raw: str, encoded: str) -> bool:
    try:
        algorithm, salt, _digest = encoded.split("$", 2)
    except ValueError:
        return False
    if algorithm != "sha256":
        return False
    return hmac.compare_digest(hash_password(raw, salt=salt), encoded)


def new_token_key() -> str:
    """40 hex characters, the shape of a VoIPstudio `user_token`."""
    return secrets.token_hex(20)


class Customer(models.Model):
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Account(models.Model):
    """A sandbox user; its `id` is the `user_id` the API speaks of."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="accounts")
    email = models.EmailField(unique=True)
    password = models.CharField(max_length=128)
    first_name = models.CharField(max_length=100, blank=True, default="")
    last_name = models.CharField(max_length=100, blank=True, default="")
    is_admin = models.BooleanField(default=False)
    # When set, /login answers 202 with a nonce and /login2fa expects this code.
    two_factor_code = models.CharField(max_length=12, null=True, blank=True)  # noqa: DJ001
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.email

    def check_password(self, raw: str) -> bool:
        return password_matches(raw, self.password)


class Token(models.Model):
    class Kind(models.TextChoices):
        SESSION = "session", "User token"
        APIKEY = "apikey", "API key"

    key = models.CharField(max_length=40, unique=True, default=new_token_key)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="tokens")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SESSION)
    created_at = models.DateTimeField(auto_now_add=True)
    # Session tokens expire after SANDBOX_TOKEN_IDLE_SECONDS without a request.
    last_used_at = models.DateTimeField(auto_now_add=True)
    # API keys made through `POST /apitokens` have a name, unique per user, and may have an
    # `expiry`: seconds without a request after which they stop working (None: never).
    name = models.CharField(max_length=100, blank=True, default="")
    expiry = models.IntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["account", "name"],
                condition=~models.Q(name=""),
                name="token_name_unique_per_account",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} of {self.account_id}"


class LoginNonce(models.Model):
    """The first half of a two-factor sign-in: the password was right, the code is pending."""

    nonce = models.CharField(max_length=40, unique=True, default=new_token_key)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="nonces")
    created_at = models.DateTimeField(auto_now_add=True)
    used = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"2FA nonce of {self.account_id}"


# Column makers for what the API serves: text it sends as "" when unknown, numbers it sends as
# null when unknown. One place for these keeps every resource's columns alike.


def optional_text(max_length: int) -> models.CharField:
    return models.CharField(max_length=max_length, blank=True, default="")


def long_text() -> models.TextField:
    return models.TextField(blank=True, default="")


def optional_int() -> models.IntegerField:
    return models.IntegerField(null=True, blank=True)


def optional_live_id() -> models.BigIntegerField:
    return models.BigIntegerField(null=True, blank=True)


class Record(models.Model):
    """What every API resource row has: a tenant, and an owner column named by OWNER_FIELD."""

    OWNER_FIELD = "user_id"

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class UserRecord(Record):
    """A record owned by the user it was made for, through `user_id`."""

    user_id = models.IntegerField()

    class Meta:
        abstract = True


class SipParties(models.Model):
    """Both ends of a SIP session as CDRs and media-session records describe them."""

    src = optional_text(50)
    src_id = optional_text(100)
    src_ua = optional_text(200)
    dst = optional_text(50)
    dst_id = optional_text(100)
    dst_ua = optional_text(200)

    class Meta:
        abstract = True


class Cdr(UserRecord, SipParties):
    class Type(models.TextChoices):
        OUTBOUND = "O", "Outbound"
        INBOUND = "I", "Inbound"
        MISSED = "M", "Missed"

    calldate = models.DateTimeField()
    type = models.CharField(max_length=1, choices=Type.choices)
    duration = models.IntegerField(default=0)
    billsec = models.IntegerField(default=0)
    live_id = models.BigIntegerField()
    parent_live_id = optional_live_id()
    root_live_id = optional_live_id()
    is_root = models.BooleanField(default=True)
    nb_notes = models.IntegerField(default=0)
    nb_children = models.IntegerField(default=0)
    sip_endpoint_id = optional_int()
    server_id = optional_int()
    clid = optional_text(200)
    src_name = optional_text(500)
    src_codec = optional_text(50)
    dst_name = optional_text(500)
    dst_codec = optional_text(50)
    # INITIAL, RINGING, CONNECTED, ON_HOLD or VM
    disposition = optional_text(20)
    # in, out, webcall or callmeback
    destination = optional_text(20)
    # PSTN_CALL, USER_LOCAL, IVR, FOLLOW_ME, TEST_CALL, ...
    context = optional_text(30)
    rate = models.FloatField(default=0)
    charge = models.FloatField(default=0)
    t_cause = optional_text(100)
    info = long_text()
    call_id = optional_int()
    labels = models.JSONField(default=list, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    # Set on calls to a call-tracking number: those are what the calltracking lists serve.
    calltracking_number = models.CharField(max_length=50, null=True, blank=True)  # noqa: DJ001

    class Meta:
        indexes = [
            models.Index(fields=["customer", "calldate"], name="cdr_customer_calldate"),
            models.Index(fields=["customer", "user_id", "calldate"], name="cdr_customer_user_date"),
            models.Index(fields=["customer", "type", "calldate"], name="cdr_customer_type_date"),
            # A non-admin's list filtered by direction: counted from the index alone.
            models.Index(
                fields=["customer", "user_id", "type", "calldate"], name="cdr_customer_user_type"
            ),
            models.Index(fields=["customer", "user_id", "id"], name="cdr_customer_user_id"),
            models.Index(fields=["customer", "id"], name="cdr_customer_id"),
            models.Index(fields=["live_id"], name="cdr_live_id"),
            models.Index(fields=["parent_live_id"], name="cdr_parent_live_id"),
            models.Index(fields=["root_live_id"], name="cdr_root_live_id"),
            models.Index(
                fields=["customer", "calltracking_number", "calldate"], name="cdr_customer_ct_date"
            ),
        ]


class CdrNote(UserRecord):
    cdr = models.ForeignKey(Cdr, on_delete=models.CASCADE, related_name="notes")
    created_at = models.DateTimeField()
    text = models.TextField()


class Monitor(UserRecord):
    """A call recording."""

    timestamp = models.DateTimeField()
    live_id = models.BigIntegerField()
    caller = optional_text(50)
    called = optional_text(50)
    context = optional_text(30)
    src_id = optional_text(100)
    dst_id = optional_text(100)
    dst_name = optional_text(500)
    duration = models.IntegerField(default=0)
    sip_endpoint_id = optional_int()
    # Exact byte length of the MP3 that /monitors/{id}.mp3 delivers.
    size = models.IntegerField(default=0)
    type = optional_text(30)
    transcript = long_text()
    summary = long_text()
    sentiment = optional_text(30)

    class Meta:
        indexes = [
            models.Index(fields=["customer", "timestamp"], name="monitor_customer_ts"),
            models.Index(fields=["customer", "user_id", "timestamp"], name="monitor_customer_user"),
            models.Index(fields=["live_id"], name="monitor_live_id"),
        ]


class Voicemessage(UserRecord):
    # Asterisk's folder numbers; PATCH also accepts the names, any case.
    FOLDERS = {0: "INBOX", 1: "Old", 2: "Work", 3: "Family", 4: "Friends", 11: "Urgent"}

    origtime = models.DateTimeField()
    caller = optional_text(200)
    callerid = optional_text(200)
    dialled = optional_text(50)
    duration = models.IntegerField(default=0)
    extension_id = optional_int()
    folder = models.IntegerField(default=0)
    is_new = models.BooleanField(default=True)
    live_id = optional_live_id()
    parent_live_id = optional_live_id()
    transcript = long_text()
    # Exact byte length of the MP3 that /voicemessages/{id}.mp3 delivers (not serialized).
    size = models.IntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["customer", "origtime"], name="vm_customer_origtime"),
            models.Index(fields=["customer", "user_id", "origtime"], name="vm_customer_user_ot"),
            models.Index(fields=["customer", "folder"], name="vm_customer_folder"),
            models.Index(fields=["live_id"], name="vm_live_id"),
        ]


class Chat(Record):
    # The operator who took the chat owns it.
    OWNER_FIELD = "operator_id"

    operator_id = models.IntegerField()
    created_at = models.DateTimeField()
    duration = models.IntegerField(default=0)
    operator_ua = optional_text(300)
    state = models.IntegerField(default=0)
    visitor_city = optional_text(200)
    visitor_country = optional_text(100)
    visitor_email = optional_text(200)
    visitor_geo = optional_text(100)
    visitor_id = optional_text(100)
    visitor_ip = optional_text(60)
    visitor_name = optional_text(500)
    visitor_referer = optional_text(1000)
    visitor_ua = optional_text(300)
    website_id = optional_int()

    class Meta:
        indexes = [
            models.Index(fields=["customer", "created_at"], name="chat_customer_created"),
            models.Index(fields=["customer", "operator_id", "created_at"], name="chat_customer_op"),
        ]


class ChatMsg(UserRecord):
    """A chat message; its `user_id` is copied from the chat's operator, so visibility needs
    no join."""

    chat = models.ForeignKey(Chat, on_delete=models.CASCADE, related_name="messages")
    created_at = models.DateTimeField()
    # "visitor" or "operator"
    sender = models.CharField(max_length=20, default="visitor")
    author = optional_text(500)
    message = long_text()

    class Meta:
        indexes = [
            models.Index(fields=["customer", "chat", "created_at"], name="chatmsg_customer_chat"),
        ]


class Msdr(UserRecord, SipParties):
    """A media-session detail record."""

    created_at = models.DateTimeField()
    call_id = optional_text(200)
    media_session_id = optional_int()
    type = optional_text(30)
    duration = models.IntegerField(default=0)
    t_cause = optional_text(100)

    class Meta:
        indexes = [
            models.Index(fields=["customer", "created_at"], name="msdr_customer_created"),
            models.Index(fields=["customer", "user_id", "created_at"], name="msdr_customer_user"),
        ]


class Statement(UserRecord):
    """Billing statements: the API can only delete them, but deleting must remove something."""

    created_at = models.DateTimeField()
    amount = models.FloatField(default=0)
    description = optional_text(300)
