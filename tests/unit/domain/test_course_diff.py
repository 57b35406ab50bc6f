"""diff_courses: what an edit added, changed and removed at each level."""

from __future__ import annotations

import attrs

from learncore.domain.course_diff import diff_courses
from learncore.testing.builders import sample_course


def test_a_new_course_is_all_added():
    course = sample_course()
    diff = diff_courses(None, course)
    assert diff.course_changed
    assert len(diff.lessons.added) == len(course.lessons)
    assert diff.counts()["exercises"]["added"] == sum(1 for _ in course.exercises())


def test_an_identical_course_differs_in_nothing_even_with_another_version():
    course = sample_course()
    diff = diff_courses(course, attrs.evolve(course, version=course.version + 1))
    assert not diff.any
    assert diff.lessons.unchanged == {lesson.id for lesson in course.lessons}


def test_edits_count_at_their_own_level():
    course = sample_course()
    section = course.sections[0]
    first_unit, second_unit = section.units
    moved = first_unit.lessons[1]
    edited_lesson = attrs.evolve(first_unit.lessons[0], title="Renamed")
    exercise = edited_lesson.exercises[0]
    edited_lesson = attrs.evolve(
        edited_lesson, exercises=[attrs.evolve(exercise, prompt="New prompt"), *edited_lesson.exercises[1:]]
    )
    new_first = attrs.evolve(first_unit, lessons=[edited_lesson])
    new_second = attrs.evolve(second_unit, lessons=[*second_unit.lessons, attrs.evolve(moved, position=99)])
    edited = attrs.evolve(course, sections=[attrs.evolve(section, units=[new_first, new_second])])

    diff = diff_courses(course, edited)
    assert not diff.course_changed
    assert diff.lessons.changed == {edited_lesson.id, moved.id}
    assert diff.exercises.changed == {exercise.id}
    assert diff.units.unchanged == {first_unit.id, second_unit.id}
    assert not diff.lessons.added
    assert not diff.lessons.removed


def test_a_new_prerequisite_changes_the_lesson_that_needs_it():
    course = sample_course()
    first, *_, last = course.lessons
    diff = diff_courses(course, course.with_prerequisite(last.id, first.id))
    assert diff.lessons.changed == {last.id}


def test_removed_items_are_listed():
    course = sample_course()
    section = course.sections[0]
    kept_unit = section.units[0]
    gone = section.units[1]
    edited = attrs.evolve(course, sections=[attrs.evolve(section, units=[kept_unit])])
    diff = diff_courses(course, edited)
    assert diff.units.removed == {gone.id}
    assert diff.lessons.removed == {lesson.id for lesson in gone.lessons}
