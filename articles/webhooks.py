"""Signature verification and payload validation for article ingestion."""

from __future__ import annotations

import base64
import secrets

from rest_framework import serializers
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

SIGNATURE_HEADERS = ("webhook-id", "webhook-timestamp", "webhook-signature")


class SignatureError(Exception):
    """The request is not signed by the source it claims to come from."""


def webhook_secret_generate() -> str:
    """A new Standard Webhooks secret: 24 random bytes, base64, with the whsec_ prefix."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def webhook_secret_is_valid(secret: str) -> bool:
    """whsec_ followed by strict base64 of at least 16 bytes, as the Standard Webhooks spec asks."""
    if not secret.startswith("whsec_"):
        return False
    try:
        key = base64.b64decode(secret.removeprefix("whsec_"), validate=True)
    except ValueError:
        return False
    return len(key) >= 16


def webhook_verify(*, secret: str, body: bytes, headers: dict[str, str]) -> None:
    """Check the Standard Webhooks signature of a raw body; raise SignatureError saying what is wrong."""
    lowered = {key.lower(): value for key, value in headers.items()}
    missing = [name for name in SIGNATURE_HEADERS if not lowered.get(name)]
    if missing:
        raise SignatureError(f"missing header(s): {', '.join(missing)}")
    try:
        Webhook(secret).verify(body, {name: lowered[name] for name in SIGNATURE_HEADERS}, json_parse=False)
    except WebhookVerificationError as exc:
        message = str(exc)
        if "too old" in message or "too new" in message:
            raise SignatureError(f"{message.lower()}: the webhook-timestamp must be within 5 minutes") from exc
        raise SignatureError("no valid signature for this source") from exc
    except (ValueError, UnicodeDecodeError) as exc:  # malformed header values or a body that is not UTF-8
        raise SignatureError("malformed signature header or body") from exc


class IngestPayloadSerializer(serializers.Serializer):
    """The JSON a source posts: one article."""

    external_id = serializers.CharField(max_length=255)
    title = serializers.CharField(max_length=1000)
    body = serializers.CharField(trim_whitespace=False, help_text="Plain text or HTML.")
    url = serializers.URLField(max_length=2000, required=False, allow_blank=True, allow_null=True)
    published_at = serializers.DateTimeField(required=False, allow_null=True)
    language = serializers.CharField(max_length=8, required=False, allow_blank=True, allow_null=True)
    authors = serializers.ListField(child=serializers.CharField(max_length=300), required=False, max_length=50)
