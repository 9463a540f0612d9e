"""Sending signed webhooks to subscribers: the HTTP side only; what to send and the bookkeeping are services."""

from __future__ import annotations

import json
import random
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from standardwebhooks.webhooks import Webhook

USER_AGENT = "newsapi-webhooks/1.0"


@dataclass(frozen=True)
class SendResult:
    ok: bool
    status_code: int | None
    error: str


def webhook_body(payload: dict[str, Any]) -> str:
    """The exact text that is signed and sent; compact and stable so a receiver can verify it byte for byte."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def webhook_headers(*, secret: str, message_id: str, body: str, now: datetime | None = None) -> dict[str, str]:
    """Standard Webhooks headers: the id stays the same on every attempt, the timestamp is the attempt's."""
    now = now or datetime.now(tz=UTC)
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": Webhook(secret).sign(message_id, now, body),
    }


def webhook_send(*, url: str, secret: str, message_id: str, payload: dict[str, Any], timeout: float) -> SendResult:
    """POST one signed event; any 2xx answer is a delivery, anything else (or no answer) a failed attempt."""
    body = webhook_body(payload)
    headers = webhook_headers(secret=secret, message_id=message_id, body=body)
    request = urllib.request.Request(
        url,
        data=body.encode(),
        method="POST",
        headers={**headers, "Content-Type": "application/json", "User-Agent": USER_AGENT},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return SendResult(ok=200 <= response.status < 300, status_code=response.status, error="")
    except urllib.error.HTTPError as exc:
        return SendResult(ok=False, status_code=exc.code, error=f"HTTP {exc.code} {exc.reason}")
    except (OSError, ValueError) as exc:  # refused, reset, timed out, unresolvable, or not an http(s) URL
        return SendResult(ok=False, status_code=None, error=f"{type(exc).__name__}: {exc}")


def retry_delay(*, attempt: int, base: float, cap: float) -> float:
    """Seconds before the next attempt: exponential in the attempts made so far and capped; half of it is random
    (jitter), so that many deliveries failing together do not all come back at the same moment."""
    delay = min(cap, base * 2 ** max(attempt - 1, 0))
    return delay / 2 + random.uniform(0, delay / 2)
