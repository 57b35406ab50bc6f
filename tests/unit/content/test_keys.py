"""Ids from keys: the fast derivation equals stable_id, and keys map back on export."""

from __future__ import annotations

import pickle
from uuid import UUID

from hypothesis import given
from hypothesis import strategies as st

from learncore.content.keys import IdScheme, as_uuid_key, fast_stable_id
from learncore.domain.ids import stable_id

PART = st.text(min_size=1, max_size=20)


@given(parts=st.lists(PART, min_size=1, max_size=4))
def test_the_fast_derivation_is_stable_id(parts):
    fast = fast_stable_id(*parts)
    slow = stable_id(*parts)
    assert fast == slow
    assert hash(fast) == hash(slow)
    assert str(fast) == str(slow)
    assert fast.version == 5
    assert pickle.loads(pickle.dumps(fast)) == slow


def test_uuid_keys_are_used_as_they_are():
    key = "3f2a1c9e-5b0d-4c1e-9a53-2b7f0d1e8c44"
    ids = IdScheme(stable_id("demo"))
    assert ids.of("lesson", key) == UUID(key)
    assert ids.of("option", key, "exercise-1") == UUID(key)
    assert as_uuid_key("not-a-uuid") is None


def test_export_prefers_a_key_that_still_derives_the_id():
    ids = IdScheme(stable_id("demo"))
    lesson = ids.of("lesson", "hello")
    assert ids.key_for(lesson, "lesson", ("hello",)) == "hello"
    assert ids.key_for(lesson, "lesson", ("renamed", None)) == str(lesson)
    exercise = ids.of("exercise", "hello.2")
    assert ids.key_for(exercise, "exercise", (None, "hello.2")) == "hello.2"
