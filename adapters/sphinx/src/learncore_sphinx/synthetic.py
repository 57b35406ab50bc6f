"""Synthetic speech for tests, calibration and benchmarks: espeak-ng voices through sox.

Needs the ``espeak-ng`` and ``sox`` programs (Debian: ``apt-get install -y espeak-ng
sox``). Clips are 16 kHz mono 16-bit WAV bytes, cached on disk by their parameters,
because synthesis costs more than assessment.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import attrs

__all__ = [
    "BENCHMARK_SENTENCES",
    "CALIBRATION_SENTENCES",
    "VOICES",
    "Clip",
    "clip_set",
    "missing_tools",
    "synthesize",
]

# espeak-ng voices with different accents and voice variants (male/female timbres).
VOICES = (
    "en-us",
    "en-gb",
    "en-us+f3",
    "en-gb-scotland+m3",
    "en-029",
    "en-gb-x-rp+f2",
    "en-us+m7",
)
_TOOLS = ("espeak-ng", "sox")


def missing_tools() -> list[str]:
    """The programs synthesis needs that are not on PATH."""
    return [tool for tool in _TOOLS if shutil.which(tool) is None]


def _run(*args: str) -> None:
    # Fixed programs and arguments, never a shell: the text is a plain argument.
    subprocess.run(args, check=True, capture_output=True, timeout=60)  # noqa: S603


def synthesize(
    text: str,
    voice: str = "en-us",
    *,
    speed: int = 150,
    noise: float | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
) -> bytes:
    """``text`` spoken by espeak-ng ``voice`` at ``speed`` words per minute, as a WAV file.

    ``noise`` adds pink noise at that amplitude (0.02 is a quiet room, 0.1 a busy
    one) with sox. The result is cached under ``cache_dir`` (default: a folder in the
    system temp directory).
    """
    missing = missing_tools()
    if missing:
        raise RuntimeError(f"speech synthesis needs {', '.join(missing)}: apt-get install -y espeak-ng sox")
    folder = Path(cache_dir or Path(tempfile.gettempdir()) / "learncore-sphinx-speech")
    folder.mkdir(parents=True, exist_ok=True)
    # "repeatable": clips from before sox ran with -R (random dither) are not reused.
    key = hashlib.sha256(f"{text}|{voice}|{speed}|{noise}|repeatable".encode()).hexdigest()[:24]
    target = folder / f"{key}.wav"
    if target.exists():
        return target.read_bytes()
    with tempfile.TemporaryDirectory(dir=folder) as work:
        raw, clean = Path(work, "raw.wav"), Path(work, "clean.wav")
        _run("espeak-ng", "-v", voice, "-s", str(speed), "-w", str(raw), text)
        # -v 0.8 leaves headroom so resampling and added noise never clip. -R seeds
        # sox's dither and noise the same way every time: the same clip on every
        # machine and every run, so scores in tests and benchmarks repeat exactly.
        _run("sox", "-R", "-v", "0.8", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(clean))
        if noise is None:
            result = clean
        else:
            result = Path(work, "noisy.wav")
            seconds = str(len(clean.read_bytes()) / 32_000)
            noise_source = f"|sox -R -n -r 16000 -c 1 -p synth {seconds} pinknoise vol {noise}"
            _run("sox", "-R", "-m", str(clean), "-v", "1", noise_source, "-b", "16", str(result))
        data = result.read_bytes()
        Path(work, "done.wav").write_bytes(data)
        Path(work, "done.wav").replace(target)  # atomic: parallel runs never see half a file
    return data


# Sentences for the clip sets. "[said:swap]" marks a word a "swapped" read replaces.
# The calibration and benchmark sets share no sentence, so the benchmark measures
# constants fitted elsewhere.
CALIBRATION_SENTENCES = (
    "I would like a [cup:glass] of [coffee:water] please.",
    "Where is the [train:bus] [station:market]?",
    "My [brother:sister] lives in a small [town:house].",
    "We are going to the [beach:office] [tomorrow:tonight].",
    "Can you [help:show] me find my [keys:shoes]?",
    "The [weather:water] is very [nice:cold] today.",
    "She reads a [book:letter] every [night:morning].",
    "How much does this [shirt:table] [cost:weigh]?",
    "They played [football:music] in the [park:garden].",
    "Please open the [window:door], it is [hot:late].",
    "I have [never:often] been to [London:Paris].",
    "The [children:dogs] are [sleeping:eating] upstairs.",
    "He [forgot:found] his [umbrella:wallet] at home.",
    "Our [teacher:doctor] speaks [three:seven] languages.",
    "Do you want to [watch:make] a [movie:game]?",
    "The [shop:bank] closes at [six:nine] o'clock.",
    "I [need:want] a [new:small] [pair:bag] of shoes.",
    "Let's [meet:eat] in front of the [cinema:church].",
    "The [kitchen:bedroom] is next to the [stairs:garage].",
    "He [drives:walks] to [work:school] every day.",
    "What [time:day] does the [concert:lesson] start?",
    "I [cannot:will] find my [glasses:passport] anywhere.",
    "The [river:road] is very [wide:quiet] here.",
    "We [ordered:cooked] [pizza:chicken] for dinner.",
)
BENCHMARK_SENTENCES = (
    "Could you tell me the [way:road] to the [museum:hospital]?",
    "I [usually:never] drink [tea:juice] in the morning.",
    "My [sister:cousin] works at a [bank:bakery] downtown.",
    "We need to buy some [bread:cheese] and [milk:rice].",
    "The [bus:plane] leaves at [seven:eleven] thirty.",
    "Please [close:paint] the [door:gate] when you leave.",
    "He is [reading:writing] a [newspaper:message] in the kitchen.",
    "It was [raining:snowing] all [weekend:morning] in the city.",
    "Can I [pay:wait] with a [card:friend] here?",
    "Our [garden:kitchen] is full of [flowers:boxes] this year.",
    "She [bought:painted] a [red:blue] bicycle last week.",
    "They [arrived:stayed] [late:early] because of the traffic.",
    "I [forgot:lost] my [phone:ticket] on the train.",
    "The [doctor:teacher] said I should [rest:run] more.",
    "Do you [know:like] where the [library:station] is?",
    "My [favorite:second] [subject:season] at school was history.",
    "The [soup:room] is too [hot:small] for me.",
    "We [watched:missed] the [sunset:parade] from the hill.",
    "Turn [left:right] at the [next:second] corner.",
    "I would like to [book:change] a [table:flight] for two.",
)
_MARK = re.compile(r"\[([^:\]]+):([^\]]+)\]")


@attrs.frozen
class Clip:
    """One synthetic read: ``spoken`` is what the voice says, ``reference`` what it should say.

    ``kind`` is ``correct``, ``swapped`` (1-2 words replaced) or ``different`` (another
    sentence); ``swapped_words`` are the indexes of the replaced reference words.
    """

    kind: str
    reference: str
    spoken: str
    voice: str
    speed: int
    noise: float | None = None
    swapped_words: tuple[int, ...] = ()

    def audio(self, cache_dir: str | os.PathLike[str] | None = None) -> bytes:
        """The clip as WAV bytes (synthesised once, then cached)."""
        return synthesize(self.spoken, self.voice, speed=self.speed, noise=self.noise, cache_dir=cache_dir)


def _plain(marked: str) -> str:
    return _MARK.sub(lambda m: m.group(1), marked)


def _swap(marked: str, count: int, rng: random.Random) -> tuple[str, tuple[int, ...]]:
    """The sentence with ``count`` marked words replaced, and the indexes of those words."""
    words = marked.split()
    marked_at = [i for i, w in enumerate(words) if _MARK.search(w)]
    chosen = set(rng.sample(marked_at, min(count, len(marked_at))))
    spoken = [_MARK.sub(r"\2" if i in chosen else r"\1", w) for i, w in enumerate(words)]
    return " ".join(spoken), tuple(sorted(chosen))


def clip_set(
    sentences: tuple[str, ...] = BENCHMARK_SENTENCES,
    *,
    seed: int = 0,
    noisy_every: int = 3,
    noise: float = 0.04,
) -> list[Clip]:
    """Four clips per sentence: two correct reads (different voices and speeds), one with
    1-2 words swapped, one of a different sentence. Every ``noisy_every``-th sentence
    has pink noise added to its first correct, swapped and different reads."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    clips = []
    for index, marked in enumerate(sentences):
        reference = _plain(marked)
        voice = VOICES[index % len(VOICES)]
        other_voice = VOICES[(index + 3) % len(VOICES)]
        speed = rng.choice((130, 150, 175))
        level = noise if index % noisy_every == 0 else None
        spoken, swapped = _swap(marked, 1 + index % 2, rng)
        other = _plain(sentences[(index + 1 + rng.randrange(len(sentences) - 1)) % len(sentences)])
        clips += [
            Clip("correct", reference, reference, voice, speed, level),
            Clip("correct", reference, reference, other_voice, rng.choice((140, 165)), None),
            Clip("swapped", reference, spoken, voice, speed, level, swapped),
            Clip("different", reference, other, voice, speed, level),
        ]
    return clips
