"""``learncore learn`` in a real terminal: tmux runs it, the test types and reads the screen.

The player runs as its own process in a detached tmux session on a private socket.
``send-keys`` types like a person; ``capture-pane`` reads what the terminal shows,
colours and cursor moves included (rich draws them; tmux renders them).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

TIMEOUT = 30.0


class Terminal:
    """A tmux pane running one command."""

    def __init__(self, command: list[str], env: dict[str, str], width: int = 110, height: int = 45) -> None:
        self.socket = f"learncore-cli-test-{uuid.uuid4().hex[:8]}"
        self.session = "learn"
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        # The pane stays after the command ends, so its last screen can still be read.
        script = f"env {exports} {shlex.join(command)}; echo '[exit '$?']'; sleep 60"
        self._tmux("new-session", "-d", "-s", self.session, "-x", str(width), "-y", str(height), script)

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-u", "-f", os.devnull, "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        )
        return done.stdout

    def screen(self) -> str:
        """Everything the pane showed, scrollback included."""
        return self._tmux("capture-pane", "-p", "-J", "-S", "-2000", "-t", self.session)

    def wait_for(self, text: str, *, after: int = 0) -> str:
        """Wait until ``text`` is on screen (searching from character ``after``); the screen."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen[after:]:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear; the screen:\n{self.screen()}")

    def type(self, text: str) -> None:
        """Type ``text`` and press Enter."""
        if text:
            self._tmux("send-keys", "-t", self.session, "-l", text)
        self._tmux("send-keys", "-t", self.session, "Enter")

    def answer(self, prompt: str, text: str) -> None:
        """Wait for the next ``prompt`` (one not answered yet) and type ``text``."""
        self.wait_for(prompt, after=self._seen)
        screen = self.screen()
        self._seen = screen.rindex(prompt) + len(prompt)
        self.type(text)

    _seen = 0

    def close(self) -> None:
        subprocess.run(
            ["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False, timeout=10
        )


@pytest.fixture
def terminal(tmp_path: Path):
    if shutil.which("tmux") is None:
        message = "tmux is not installed (apt-get install tmux)"
        if os.environ.get("LEARNCORE_REQUIRE_SERVICES") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    script = Path(sys.executable).with_name("learncore")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "learncore_cli"]
    env = {
        "LEARNCORE_HOME": str(tmp_path / "home"),
        "LEARNCORE_LOAD_PLUGINS": "sqlalchemy",
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
    }
    opened: list[Terminal] = []

    def start(*args: str) -> Terminal:
        pane = Terminal([*command, *args], env)
        opened.append(pane)
        return pane

    yield start
    for pane in opened:
        pane.close()


def test_a_whole_lesson_in_a_real_terminal(terminal):
    pane = terminal("--url", "memory://", "learn", "--learner", "Tess")
    pane.answer("Import the sample Spanish course? (y/n) [y]:", "y")
    pane.answer("lesson [1]:", "")
    pane.answer("your answer>", "Hola")
    pane.answer("number>", "2")  # wrong: it costs a heart and comes back
    pane.answer("your answer>", "buenos dias")  # the accent is missing
    pane.answer("you say>", "Hola amigo")
    pane.answer("number>", "1")  # the missed question, once more
    pane.answer("Play another lesson? (y/n) [y]:", "n")
    screen = pane.wait_for("[exit 0]")

    lines = screen.splitlines()
    # Exercises rendered by type, with the status line above each one.
    assert "Translate" in lines
    assert "  1) buenos días" in lines
    assert "🎤 Say it aloud" in lines
    assert any(line.startswith("♥♥♥♥♥") and "0/20 XP today" in line for line in lines)
    # The wrong choice: a heart lost, the exercise back at the end of the lesson.
    assert "  you chose: buenas noches" in lines
    assert any(line.startswith("  -1 ♥ ♥♥♥♥♡") for line in lines)
    assert any("Hello · once more" in line for line in lines)
    # The accent: the letter marked where it is on screen.
    wrote = lines.index("  you wrote: buenos dias")
    assert lines[wrote + 1] == " " * len("  you wrote: buenos d") + "^"
    # The summary.
    assert "Lesson complete! Score 75%, 1 mistake(s)" in screen
    assert "+10 XP (10 lesson), 10 XP in total" in screen
    assert "Streak: 1 day (was 0, extended today)" in screen
    assert "First lesson" in screen
    assert "Bye, Tess! Lessons completed this session: 1." in screen
