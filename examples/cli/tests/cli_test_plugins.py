"""Paths the CLI tests share, and plugins they load with ``--plugin cli_test_plugins:<name>``.

- ``shared_memory``: a storage backend ``shared-memory://NAME`` whose data outlives one
  command, so a test can import a course in one invocation and read it in the next
  (``memory://`` starts empty every time).
- ``fake_sphinx``: a speech provider registered under the name ``sphinx`` that
  returns a fixed assessment, to test the demo's spoken-answer step without pocketsphinx.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from learncore.domain.pronunciation import PronunciationAssessment, WordAssessment, WordError
from learncore.errors import ProviderUnavailable
from learncore.plugins import hookimpl
from learncore.storage.memory import MemoryStorage

REPO = Path(__file__).resolve().parents[3]
SAMPLE_COURSE = REPO / "examples" / "content" / "spanish-basics"
LIBRELINGO_COURSE = REPO / "tests" / "fixtures" / "librelingo" / "spanish-from-english"

STORES: dict[str, MemoryStorage] = {}


class _SharedMemory:
    __name__ = "cli_test_plugins.shared_memory"

    @hookimpl
    def register_storage_backends(self, register: Any) -> None:
        def open_store(url: str, options: Mapping[str, Any]) -> MemoryStorage:
            name = url.split("://", 1)[1] or "default"
            return STORES.setdefault(name, MemoryStorage())

        register("shared-memory", open_store, schemes=("shared-memory",))


shared_memory = _SharedMemory()


class FakeSphinx:
    """Hears every word of an English reference but the last, which it calls mispronounced."""

    name = "sphinx"
    calls: ClassVar[list[tuple[int, str, str]]] = []

    def assess(self, audio: bytes, reference_text: str, language: str = "en") -> PronunciationAssessment:
        if language != "en":  # like the real one, which ships an English model only
            raise ProviderUnavailable("sphinx", f"no acoustic model for language {language!r}")
        FakeSphinx.calls.append((len(audio), reference_text, language))
        words = reference_text.rstrip(".").replace(",", "").split()
        scored = [
            WordAssessment(word=w, accuracy=90.0, offset_ms=300 * i, duration_ms=250)
            for i, w in enumerate(words[:-1])
        ]
        scored.append(WordAssessment(word=words[-1], accuracy=40.0, error=WordError.MISPRONUNCIATION))
        return PronunciationAssessment(
            pronunciation=78.0,
            accuracy=80.0,
            fluency=85.0,
            completeness=100.0,
            provider="sphinx",
            reference_text=reference_text,
            recognized_text=" ".join(words),
            words=tuple(scored),
        )


class _FakeSphinxPlugin:
    __name__ = "cli_test_plugins.fake_sphinx"

    @hookimpl
    def register_speech_providers(self, register: Any) -> None:
        register("sphinx", FakeSphinx)


fake_sphinx = _FakeSphinxPlugin()
