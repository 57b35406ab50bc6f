"""Every ```python block in docs/ runs, in page order, one namespace per page.

This keeps the documentation honest: an example that stops working fails the suite.
Blocks fenced as ```text (or any other language) are not run.

The output a page shows is checked too. Comment lines that directly follow a statement
which prints (``print(...)``, or a loop or block with a ``print`` in it) are the
last output printed since the previous such run of comments, one line per comment;
``...`` stands for any text, and a comment that is only ``...`` for any number of lines.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
PAGES = sorted(p for p in DOCS.rglob("*.md") if "example-" not in str(p.relative_to(DOCS)))


def _prints(node: ast.AST) -> bool:
    return any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "print"
        for n in ast.walk(node)
    )


def shown_outputs(block: str) -> list[tuple[int, list[str]]]:
    """Where a block shows output: (line after which it is shown, the lines shown)."""
    lines = block.split("\n")
    found = []
    for statement in ast.parse(block).body:
        if not _prints(statement):
            continue
        end = statement.end_lineno or statement.lineno  # 1-based: lines[end] is the next line
        shown = []
        while end + len(shown) < len(lines) and lines[end + len(shown)].startswith("#"):
            shown.append(lines[end + len(shown)])
        if shown:
            found.append((end + len(shown), [line[1:].strip() for line in shown]))
    return found


def _matches(printed: list[str], shown: list[str]) -> bool:
    """Whether ``printed`` ends with ``shown``: earlier lines may be shown inline, or not at all."""
    pattern = r"(?:.*\n)*?" + "".join(
        r"(?:.*(?:\n|$))*?" if line == "..." else re.escape(line).replace(r"\.\.\.", ".*") + r"\n"
        for line in shown
    )
    return re.fullmatch(pattern, "".join(f"{line}\n" for line in printed)) is not None


def test_every_docs_page_is_collected():
    assert PAGES, "no documentation pages found"


def test_shown_output_is_read_from_the_comments_after_a_print():
    block = 'x = 1\nprint(x)\n# 1\n# the next part\nfor n in (2, 3):\n    print(n)\n# 2\n# ...\ny = 2\n'
    assert shown_outputs(block) == [(4, ["1", "the next part"]), (8, ["2", "..."])]
    assert _matches(["2", "3", "4"], ["2", "..."])
    assert _matches(["a.yaml:1: bad (hint: fix it)"], ["...:1: bad (hint: ...)"])
    assert _matches(["0", "1"], ["1"])  # an earlier print shown inline, say
    assert not _matches(["1", "2"], ["1"])
    assert not _matches(["12 XP"], ["13 XP"])


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_docs_code_blocks_run(page, tmp_path, monkeypatch):
    text = page.read_text(encoding="utf-8")
    blocks = BLOCK.findall(text)
    if not blocks:
        pytest.skip("no python blocks on this page")
    monkeypatch.chdir(tmp_path)  # examples may write files; keep them out of the repo
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    for index, block in enumerate(blocks):
        line = text[: text.index(block)].count("\n") + 1
        where = f"{page.relative_to(DOCS)}:{line} (block {index + 1})"
        lines = block.split("\n")
        start = 0
        # Run up to each place that shows output, and compare what was printed.
        for end, shown in [*shown_outputs(block), (len(lines), [])]:
            # Blank lines keep the line numbers of tracebacks those of the page.
            source = "\n" * start + "\n".join(lines[start:end])
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                exec(compile(source, where, "exec"), namespace)  # running the documentation is the point
            if shown:
                got = printed.getvalue().splitlines()
                assert _matches(got, shown), (
                    f"{where}, line {line + end}: the page shows\n  " + "\n  ".join(shown)
                    + "\nbut the code printed\n  " + "\n  ".join(got)
                )
            start = end
