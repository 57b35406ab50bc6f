"""Blob stores: memory and directory, with safe keys and atomic writes."""

from __future__ import annotations

import pytest

from learncore.blobs import DirectoryBlobStore, MemoryBlobStore
from learncore.errors import BlobNotFound, InvalidInput
from learncore.ports import BlobStore


@pytest.fixture(params=["memory", "directory"])
def store(request, tmp_path) -> BlobStore:
    if request.param == "memory":
        return MemoryBlobStore()
    return DirectoryBlobStore(tmp_path / "blobs", base_url="https://cdn.example/audio/")


def test_put_get_delete(store):
    store.put("es/hola.mp3", b"\xff\xfb data", "audio/mpeg")
    assert store.get("es/hola.mp3") == b"\xff\xfb data"
    store.put("es/hola.mp3", b"v2")
    assert store.get("es/hola.mp3") == b"v2"
    assert store.delete("es/hola.mp3") is True
    assert store.delete("es/hola.mp3") is False
    with pytest.raises(BlobNotFound):
        store.get("es/hola.mp3")


@pytest.mark.parametrize("key", ["../etc/passwd", "/abs", "a//b", "", "a/../b", "spaces are bad", "ü.mp3"])
def test_unsafe_keys_are_rejected(store, key):
    with pytest.raises(InvalidInput, match="blob key"):
        store.put(key, b"x")


def test_urls(tmp_path):
    assert MemoryBlobStore().url("es/a.mp3") == "memory://es/a.mp3"
    cdn = DirectoryBlobStore(tmp_path, base_url="https://cdn.example/audio/")
    assert cdn.url("es/a.mp3") == "https://cdn.example/audio/es/a.mp3"
    assert DirectoryBlobStore(tmp_path).url("a.mp3").startswith("file://")


def test_directory_writes_leave_no_temporary_files(tmp_path):
    store = DirectoryBlobStore(tmp_path)
    store.put("a/b.bin", b"1" * 1000)
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["b.bin"]
