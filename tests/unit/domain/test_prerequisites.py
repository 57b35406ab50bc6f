"""Prerequisites form a DAG; cycles are refused and named."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learncore.domain import PrerequisiteGraph, UnlockRule
from learncore.errors import PrerequisiteCycle, UnknownLesson
from learncore.testing import sample_course


def test_an_edge_that_closes_a_cycle_names_the_cycle():
    graph = PrerequisiteGraph([("c", "b"), ("b", "a")])
    with pytest.raises(PrerequisiteCycle) as caught:
        graph.with_edge("a", "c")
    assert caught.value.cycle == ("a", "c", "b", "a")
    assert "a -> c -> b -> a" in str(caught.value)


def test_a_lesson_cannot_require_itself():
    with pytest.raises(PrerequisiteCycle):
        PrerequisiteGraph([("a", "a")])


def test_a_cycle_in_the_initial_edges_is_found():
    with pytest.raises(PrerequisiteCycle) as caught:
        PrerequisiteGraph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "b")])
    cycle = caught.value.cycle
    assert cycle[0] == cycle[-1]
    assert set(cycle) == {"b", "c", "d"}


def test_adding_an_edge_leaves_the_original_graph_unchanged():
    graph = PrerequisiteGraph([("b", "a")])
    bigger = graph.with_edge("c", "b")
    assert len(graph) == 1
    assert len(bigger) == 2
    assert bigger.requires("c") == {"b"}


def test_a_deep_chain_is_checked_without_recursion_limits():
    edges = [(i + 1, i) for i in range(20_000)]
    graph = PrerequisiteGraph(edges)
    with pytest.raises(PrerequisiteCycle):
        graph.with_edge(0, 20_000)


def test_course_cycles_are_named_by_lesson_title():
    course = sample_course(units=1, lessons_per_unit=3)
    course = course.__class__(**{**_fields(course), "unlock_rule": UnlockRule.PREREQUISITES})
    first, second, third = course.lessons
    course = course.with_prerequisite(third.id, second.id).with_prerequisite(second.id, first.id)
    expected = "'Lesson 1.1' -> 'Lesson 1.3' -> 'Lesson 1.2' -> 'Lesson 1.1'"
    with pytest.raises(PrerequisiteCycle, match=expected):
        course.with_prerequisite(first.id, third.id)


def test_in_a_sequential_course_a_forward_prerequisite_is_a_cycle():
    course = sample_course(units=1, lessons_per_unit=3)
    first, _, third = course.lessons
    with pytest.raises(PrerequisiteCycle, match="course order"):
        course.with_prerequisite(first.id, third.id)


def test_prerequisites_must_name_lessons_of_the_course():
    course = sample_course()
    with pytest.raises(UnknownLesson):
        course.with_prerequisite(course.lessons[0].id, __import__("uuid").uuid4())


def _fields(course):
    import attrs

    return {f.name: getattr(course, f.name) for f in attrs.fields(type(course)) if f.init}


@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=40))
def test_a_graph_is_built_exactly_when_the_edges_are_acyclic(edges):
    def has_cycle() -> bool:
        # Kahn's algorithm as an independent oracle.
        nodes = {n for edge in edges for n in edge}
        incoming = {n: set() for n in nodes}
        for node, required in edges:
            incoming[node].add(required)
        ready = [n for n in nodes if not incoming[n]]
        seen = 0
        while ready:
            done = ready.pop()
            seen += 1
            for n in nodes:
                if done in incoming[n]:
                    incoming[n].discard(done)
                    if not incoming[n]:
                        ready.append(n)
        return seen != len(nodes)

    if has_cycle():
        with pytest.raises(PrerequisiteCycle) as caught:
            PrerequisiteGraph(edges)
        cycle = caught.value.cycle
        assert cycle[0] == cycle[-1]
        assert all((a, b) in set(edges) for a, b in itertools.pairwise(cycle))
    else:
        assert set(PrerequisiteGraph(edges).edges()) == set(edges)
