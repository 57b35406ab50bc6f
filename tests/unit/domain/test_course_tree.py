"""Pure course-tree queries: unlocked lessons, next lesson, missing prerequisites."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from learncore.domain import UnlockRule, missing_prerequisites, next_lesson, unlocked_lessons
from learncore.domain.course_tree import is_unlocked
from learncore.testing import sample_course


def titles(lessons):
    return [lesson.title for lesson in lessons]


def test_a_sequential_course_unlocks_one_lesson_at_a_time():
    course = sample_course(units=2, lessons_per_unit=2)
    l1, l2, l3, _ = course.lessons
    assert titles(unlocked_lessons(course, set())) == ["Lesson 1.1"]
    assert titles(unlocked_lessons(course, {l1.id})) == ["Lesson 1.1", "Lesson 1.2"]
    assert titles(unlocked_lessons(course, [l1.id, l2.id])) == ["Lesson 1.1", "Lesson 1.2", "Lesson 2.1"]
    assert next_lesson(course, {l1.id, l2.id}) == l3


def test_explicit_prerequisites_add_to_course_order():
    course = sample_course(units=2, lessons_per_unit=2)
    l1, l2, l3, l4 = course.lessons
    course = course.with_prerequisite(l4.id, l1.id)
    assert missing_prerequisites(course, l4.id, set()) == (l1, l3)
    assert missing_prerequisites(course, l4.id, {l1.id, l2.id, l3.id}) == ()


def test_in_a_prerequisites_course_only_the_graph_counts():
    course = attrs.evolve(sample_course(units=2, lessons_per_unit=2), unlock_rule=UnlockRule.PREREQUISITES)
    l1, l2, l3, l4 = course.lessons
    course = course.with_prerequisite(l4.id, l2.id)
    assert titles(unlocked_lessons(course, set())) == ["Lesson 1.1", "Lesson 1.2", "Lesson 2.1"]
    assert not is_unlocked(course, l4.id, {l1.id})
    assert is_unlocked(course, l4.id, {l2.id})
    assert next_lesson(course, {l1.id, l2.id, l3.id}) == l4


def test_completed_lessons_stay_unlocked_for_replay_and_next_lesson_skips_them():
    course = sample_course(units=1, lessons_per_unit=3)
    l1, l2, _ = course.lessons
    assert l1 in unlocked_lessons(course, {l1.id})
    assert next_lesson(course, {l1.id}) == l2


def test_a_finished_course_has_no_next_lesson():
    course = sample_course(units=1, lessons_per_unit=2)
    assert next_lesson(course, {lesson.id for lesson in course.lessons}) is None


@given(st.data())
def test_unlocked_lessons_agree_with_a_per_lesson_check(data):
    course = attrs.evolve(sample_course(units=3, lessons_per_unit=3), unlock_rule=UnlockRule.PREREQUISITES)
    lessons = course.lessons
    for _ in range(data.draw(st.integers(0, 6))):
        later = data.draw(st.integers(1, len(lessons) - 1))
        earlier = data.draw(st.integers(0, later - 1))
        course = course.with_prerequisite(lessons[later].id, lessons[earlier].id)
    completed = {lesson.id for lesson in data.draw(st.lists(st.sampled_from(lessons), max_size=9))}
    expected = [lesson for lesson in lessons if is_unlocked(course, lesson.id, completed)]
    assert list(unlocked_lessons(course, completed)) == expected
    nxt = next_lesson(course, completed)
    remaining = [lesson for lesson in expected if lesson.id not in completed]
    assert nxt == (remaining[0] if remaining else None)
