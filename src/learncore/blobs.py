"""Blob stores that ship with the core: in memory, and a local directory."""

from __future__ import annotations

import os
import re
import tempfile
import threading
from pathlib import Path
from urllib.parse import quote

from learncore.errors import BlobNotFound, InvalidInput

__all__ = ["DirectoryBlobStore", "MemoryBlobStore", "check_blob_key"]

_KEY = re.compile(r"[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*")


def check_blob_key(key: str) -> str:
    """Reject keys that could escape a directory or are not portable; returns ``key``."""
    if not isinstance(key, str) or not _KEY.fullmatch(key) or ".." in key.split("/"):
        raise InvalidInput(
            "blob key", f"{key!r} must be '/'-separated names of letters, digits, '.', '_' or '-'"
        )
    return key


class MemoryBlobStore:
    """Blobs in a dict; URLs are ``memory://<key>``."""

    def __init__(self) -> None:
        self._blobs: dict[str, tuple[bytes, str]] = {}
        self._lock = threading.Lock()

    def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> None:
        """Store ``data`` under ``key``."""
        with self._lock:
            self._blobs[check_blob_key(key)] = (bytes(data), content_type)

    def get(self, key: str) -> bytes:
        """The bytes under ``key``."""
        try:
            return self._blobs[check_blob_key(key)][0]
        except KeyError:
            raise BlobNotFound(key) from None

    def delete(self, key: str) -> bool:
        """Remove ``key``."""
        with self._lock:
            return self._blobs.pop(check_blob_key(key), None) is not None

    def url(self, key: str) -> str:
        """``memory://<key>``."""
        return f"memory://{quote(check_blob_key(key))}"


class DirectoryBlobStore:
    """Blobs as files under ``root``; writes are atomic (temporary file, then rename)."""

    def __init__(self, root: str | os.PathLike[str], *, base_url: str | None = None) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self._base_url = base_url.rstrip("/") if base_url else None

    def _path(self, key: str) -> Path:
        return self.root / check_blob_key(key)

    def put(
        self,
        key: str,
        data: bytes,
        content_type: str = "application/octet-stream",  # noqa: ARG002 - files carry no content type
    ) -> None:
        """Store ``data`` under ``key``; a reader never sees a half-written file."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            Path(tmp).replace(path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, key: str) -> bytes:
        """The bytes under ``key``."""
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise BlobNotFound(key) from None

    def delete(self, key: str) -> bool:
        """Remove ``key``."""
        try:
            self._path(key).unlink()
        except FileNotFoundError:
            return False
        return True

    def url(self, key: str) -> str:
        """``base_url/key`` when a base URL was given, else a ``file://`` URL."""
        if self._base_url:
            return f"{self._base_url}/{quote(check_blob_key(key))}"
        return self._path(key).resolve().as_uri()
