"""Every ```python block in docs/ runs, in page order, one namespace per page.

This keeps the documentation honest: an example that stops working fails the suite.
Blocks fenced as ```text (or any other language) are not run.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
PAGES = sorted(p for p in DOCS.rglob("*.md") if "example-" not in str(p.relative_to(DOCS)))


def test_every_docs_page_is_collected():
    assert PAGES, "no documentation pages found"


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
        code = compile(block, f"{page.relative_to(DOCS)}:{line} (block {index + 1})", "exec")
        exec(code, namespace)  # running the documentation is the point
