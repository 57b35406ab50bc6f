"""A per-storage cache of loaded course trees, keyed by the tree's revision.

Every answer and completion needs the whole course (to grade, to know what unlocks
next), and building a tree costs far more than fetching it. Each save of a course
writes a new random ``tree_revision``; a unit of work reads the revision with the
course row (the first of its tree queries) and, when the cache holds a tree of that
revision, uses it instead of running the other queries. A revision written by a
transaction that rolled back is never written again, so the cache cannot serve a
tree that was not committed under that revision. Domain objects are frozen, so one
tree is safely shared by every thread.

The revision can also come with another row: reading a lesson run (or which course
holds a lesson) fetches the course's revision in the same statement (see
:class:`~learncore_sqlalchemy.transaction.ReadAlong`); ``get_course`` in that unit
of work then checks the cache against it and runs no query on a hit. A unit of work
that saves or deletes the course forgets the revision it read.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any
from uuid import UUID

from learncore.domain.courses import Course

__all__ = ["CourseCache"]


class CourseCache:
    """Up to ``size`` course trees, the least recently used dropped first (0 turns caching off)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._trees: OrderedDict[UUID, tuple[Any, Course]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, course_id: UUID, revision: Any) -> Course | None:
        """The cached tree of ``course_id`` if it is the one of ``revision``."""
        if revision is None:
            return None
        with self._lock:
            found = self._trees.get(course_id)
            if found is None or found[0] != revision:
                return None
            self._trees.move_to_end(course_id)
            return found[1]

    def put(self, course_id: UUID, revision: Any, course: Course) -> None:
        """Remember ``course`` as the tree of ``revision`` (a tree without a revision is not kept)."""
        if revision is None or self.size <= 0:
            return
        with self._lock:
            self._trees[course_id] = (revision, course)
            self._trees.move_to_end(course_id)
            while len(self._trees) > self.size:
                self._trees.popitem(last=False)

    def clear(self) -> None:
        """Forget every tree (e.g. after editing content by hand)."""
        with self._lock:
            self._trees.clear()
