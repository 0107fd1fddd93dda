"""Secrets hsdesk must never show, print or log: the database server's password. Whatever reads
one registers it here, and every place that writes text a person or a file will see (the CLI's
errors, the log, crash reports, error boxes) passes it through ``redacted``."""

from __future__ import annotations

import threading
from urllib.parse import quote

_lock = threading.Lock()
_secrets: set[str] = set()
HIDDEN = "***"


def keep_hidden(secret: str | None) -> None:
    """Never show ``secret`` (nor its URL-encoded form) from now on, in this process."""
    if not secret:
        return
    with _lock:
        _secrets.update({secret, quote(secret, safe="")})


def redacted(text: str) -> str:
    with _lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        text = text.replace(secret, HIDDEN)
    return text
