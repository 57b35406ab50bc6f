"""Where audio files and other binary assets live."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

__all__ = ["BlobStore"]


@runtime_checkable
class BlobStore(Protocol):
    """Binary objects by key (``"audio/es/hola.mp3"``). Keys use ``/`` and no ``..``."""

    def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> None:
        """Store ``data`` under ``key``, replacing what was there."""
        ...

    def get(self, key: str) -> bytes:
        """The bytes under ``key``; :class:`~learncore.errors.BlobNotFound` if none."""
        ...

    def delete(self, key: str) -> bool:
        """Remove ``key``; True if something was removed."""
        ...

    def url(self, key: str) -> str:
        """A URL a client can fetch ``key`` from."""
        ...
