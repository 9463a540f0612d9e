"""Signature verification and payload validation for article ingestion."""

from __future__ import annotations

import base64
import re
import secrets
import unicodedata

from rest_framework import serializers
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

SIGNATURE_HEADERS = ("webhook-id", "webhook-timestamp", "webhook-signature")
# Control characters other than tab and newlines, and invisible separators, are dropped from incoming text.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")


def text_normalize(text: str) -> str:
    """NFC, Unix newlines, no control characters: what every stored text looks like."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL_CHARS.sub("", text)


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


def webhook_verify(*, secrets: list[str], body: bytes, headers: dict[str, str]) -> None:
    """Check the Standard Webhooks signature of a raw body against a source's secrets (two during a rotation).

    Raises SignatureError saying what is wrong. Comparison is constant-time (hmac.compare_digest in the library).
    """
    lowered = {key.lower(): value for key, value in headers.items()}
    missing = [name for name in SIGNATURE_HEADERS if not lowered.get(name)]
    if missing:
        raise SignatureError(f"missing header(s): {', '.join(missing)}")
    signed_headers = {name: lowered[name] for name in SIGNATURE_HEADERS}
    for secret in secrets:
        try:
            Webhook(secret).verify(body, signed_headers, json_parse=False)
            return
        except WebhookVerificationError as exc:
            message = str(exc)
            if "too old" in message or "too new" in message:
                raise SignatureError(f"{message.lower()}: the webhook-timestamp must be within 5 minutes") from exc
        except (ValueError, UnicodeDecodeError) as exc:  # malformed header values or a body that is not UTF-8
            raise SignatureError("malformed signature header or body") from exc
    raise SignatureError("no valid signature for this source")


class IngestPayloadSerializer(serializers.Serializer):
    """The JSON a source posts: one article."""

    external_id = serializers.CharField(max_length=255)
    title = serializers.CharField(max_length=1000)
    body = serializers.CharField(trim_whitespace=False, help_text="Plain text or HTML.")
    url = serializers.URLField(max_length=2000, required=False, allow_blank=True, allow_null=True)
    published_at = serializers.DateTimeField(required=False, allow_null=True)
    language = serializers.CharField(max_length=8, required=False, allow_blank=True, allow_null=True)
    authors = serializers.ListField(child=serializers.CharField(max_length=300), required=False, max_length=50)

    def to_internal_value(self, data):
        if isinstance(data, dict):  # normalise before validating, so a stray control character is cleaned, not refused
            data = {
                key: text_normalize(value)
                if isinstance(value, str)
                else [text_normalize(v) if isinstance(v, str) else v for v in value]
                if isinstance(value, list)
                else value
                for key, value in data.items()
            }
        return super().to_internal_value(data)
