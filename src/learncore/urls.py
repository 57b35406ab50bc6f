"""Helpers for storage and service URLs."""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["mask_password"]


def mask_password(url: str) -> str:
    """``url`` with any password replaced by ``***``, safe for messages and logs.

    >>> mask_password("postgresql://app:s3cret@db:5432/learn")
    'postgresql://app:***@db:5432/learn'
    """
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return "<unparseable URL>"
    if not password:
        return url
    userinfo, _, host = parts.netloc.rpartition("@")
    user = userinfo.split(":", 1)[0]
    return parts._replace(netloc=f"{user}:***@{host}").geturl()
