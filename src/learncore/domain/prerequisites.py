"""Lesson prerequisites: a directed acyclic graph, checked on every change."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import Generic, TypeVar

from learncore.errors import PrerequisiteCycle

__all__ = ["PrerequisiteGraph"]

N = TypeVar("N", bound=Hashable)


class PrerequisiteGraph(Generic[N]):
    """Immutable "X requires Y" edges. Building or extending it with a cycle raises.

    ``PrerequisiteCycle.cycle`` lists the nodes around the cycle, first node repeated
    at the end, so the author can see exactly which edge to remove.
    """

    __slots__ = ("_requires",)

    def __init__(self, edges: Iterable[tuple[N, N]] = ()) -> None:
        requires: dict[N, set[N]] = {}
        for node, required in edges:
            if node == required:
                raise PrerequisiteCycle([node, node])
            requires.setdefault(node, set()).add(required)
        frozen = {node: frozenset(reqs) for node, reqs in requires.items()}
        cycle = _find_cycle(frozen)
        if cycle:
            raise PrerequisiteCycle(cycle)
        self._requires: Mapping[N, frozenset[N]] = frozen

    def requires(self, node: N) -> frozenset[N]:
        """The direct prerequisites of ``node``."""
        return self._requires.get(node, frozenset())

    def edges(self) -> Iterator[tuple[N, N]]:
        """Every ``(node, required)`` pair, in a stable order."""
        for node in self._requires:
            for required in sorted(self._requires[node], key=str):
                yield node, required

    def nodes(self) -> frozenset[N]:
        """Every node that appears in an edge."""
        out: set[N] = set(self._requires)
        for reqs in self._requires.values():
            out |= reqs
        return frozenset(out)

    def with_edge(self, node: N, required: N) -> PrerequisiteGraph[N]:
        """A new graph where ``node`` also requires ``required``.

        Raises :class:`~learncore.errors.PrerequisiteCycle` if ``required`` already
        depends on ``node``, directly or not.
        """
        if node == required:
            raise PrerequisiteCycle([node, node])
        path = self._path(required, node)
        if path is not None:
            raise PrerequisiteCycle([node, *path])
        graph: PrerequisiteGraph[N] = PrerequisiteGraph.__new__(PrerequisiteGraph)
        merged = dict(self._requires)
        merged[node] = merged.get(node, frozenset()) | {required}
        graph._requires = merged
        return graph

    def without_nodes(self, removed: Iterable[N]) -> PrerequisiteGraph[N]:
        """A new graph with every edge touching ``removed`` dropped (removing never makes a cycle)."""
        gone = frozenset(removed)
        graph: PrerequisiteGraph[N] = PrerequisiteGraph.__new__(PrerequisiteGraph)
        graph._requires = {
            node: reqs - gone
            for node, reqs in self._requires.items()
            if node not in gone and reqs - gone
        }
        return graph

    def _path(self, start: N, goal: N) -> list[N] | None:
        """A chain of requirements from ``start`` to ``goal``, if one exists."""
        parents: dict[N, N | None] = {start: None}
        stack = [start]
        while stack:
            current = stack.pop()
            if current == goal:
                path = [current]
                parent = parents[current]
                while parent is not None:
                    path.append(parent)
                    parent = parents[parent]
                return path[::-1]
            for nxt in self._requires.get(current, ()):
                if nxt not in parents:
                    parents[nxt] = current
                    stack.append(nxt)
        return None

    def __len__(self) -> int:
        return sum(len(reqs) for reqs in self._requires.values())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PrerequisiteGraph):
            return NotImplemented
        return dict(self._requires) == dict(other._requires)

    def __hash__(self) -> int:
        return hash(frozenset(self._requires.items()))

    def __repr__(self) -> str:
        return f"PrerequisiteGraph({list(self.edges())!r})"


def _find_cycle(requires: Mapping[N, frozenset[N]]) -> list[N] | None:
    """One cycle in the graph, as a closed list of nodes, or None. Iterative, so deep graphs are fine."""
    visiting, done = 1, 2
    state: dict[N, int] = {}
    for root in requires:
        if root in state:
            continue
        state[root] = visiting
        trail: list[N] = [root]
        iterators = [iter(requires.get(root, ()))]
        while iterators:
            advanced = False
            for nxt in iterators[-1]:
                mark = state.get(nxt)
                if mark == visiting:
                    return [*trail[trail.index(nxt) :], nxt]
                if mark is None:
                    state[nxt] = visiting
                    trail.append(nxt)
                    iterators.append(iter(requires.get(nxt, ())))
                    advanced = True
                    break
            if not advanced:
                state[trail.pop()] = done
                iterators.pop()
    return None
