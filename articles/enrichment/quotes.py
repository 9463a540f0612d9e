"""Direct, partial and reported speech, and who said it."""

from __future__ import annotations


def extract_quotes(**kwargs):  # placeholder
    return []
