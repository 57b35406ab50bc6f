"""New ids: random version-4 UUIDs, never shared between threads or forked processes."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from uuid import UUID

import pytest

from learncore.domain.ids import new_id


def test_new_ids_are_random_version_4_uuids():
    ids = {new_id() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(isinstance(i, UUID) and i.version == 4 and i.variant == "specified in RFC 4122" for i in ids)


def test_threads_never_share_an_id():
    with ThreadPoolExecutor(max_workers=8) as pool:
        batches = list(pool.map(lambda _: [new_id() for _ in range(2000)], range(8)))
    ids = [i for batch in batches for i in batch]
    assert len(set(ids)) == len(ids)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_child_does_not_repeat_the_parents_next_ids():
    new_id()  # the parent now holds unused random bytes
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        os.write(write, new_id().bytes)
        os._exit(0)
    os.close(write)
    os.waitpid(child, 0)
    from_child = UUID(bytes=os.read(read, 16))
    os.close(read)
    assert from_child != new_id()
