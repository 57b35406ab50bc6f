"""Small, valid content for tests and examples."""

from __future__ import annotations

from uuid import UUID

from learncore.domain.audio import AudioAsset, AudioVariant
from learncore.domain.courses import Course, Lesson, LessonAsset, Section, Unit
from learncore.domain.exercises import Exercise, ExerciseOption, ExerciseType, Hint, MatchPair
from learncore.domain.grading.policy import DiacriticsMode, GradingPolicy
from learncore.domain.ids import stable_id
from learncore.domain.tags import Tag

__all__ = ["large_course", "rich_course", "sample_course"]


def sample_course(slug: str = "sample", *, units: int = 2, lessons_per_unit: int = 2) -> Course:
    """A Spanish-for-English-speakers course with one exercise of each built-in type per lesson.

    Ids are stable (derived from ``slug``), so two calls build equal courses.
    """

    def exercises(key: str) -> list[Exercise]:
        def eid(name: str) -> UUID:
            return stable_id(slug, key, name)

        return [
            Exercise(id=eid("translate"), type=ExerciseType.TRANSLATE, position=0,
                     prompt="I am happy", accepted_answers=["Estoy feliz", "Yo estoy feliz"]),
            Exercise(id=eid("choice"), type=ExerciseType.MULTIPLE_CHOICE, position=1,
                     prompt="Which one means 'water'?",
                     options=[ExerciseOption(id=stable_id(slug, key, "o1"), text="agua", is_correct=True),
                              ExerciseOption(id=stable_id(slug, key, "o2"), text="pan")]),
            Exercise(id=eid("listen"), type=ExerciseType.LISTEN_TYPE, position=2,
                     prompt="Type what you hear", accepted_answers=["buenos días"]),
            Exercise(id=eid("speak"), type=ExerciseType.SPEAK, position=3,
                     prompt="Say it", accepted_answers=["hola amigo"]),
            Exercise(id=eid("bank"), type=ExerciseType.WORD_BANK, position=4,
                     prompt="The cat eats", accepted_answers=["el gato come"],
                     options=[ExerciseOption(id=stable_id(slug, key, t), text=t)
                              for t in ("el", "gato", "come", "perro")]),
            Exercise(id=eid("pairs"), type=ExerciseType.MATCH_PAIRS, position=5,
                     prompt="Match the pairs",
                     pairs=[MatchPair("uno", "one"), MatchPair("dos", "two")]),
            Exercise(id=eid("blank"), type=ExerciseType.FILL_BLANK, position=6,
                     prompt="Yo ___ estudiante", accepted_answers=["soy"]),
        ]

    unit_list = []
    for u in range(units):
        lessons = [
            Lesson(id=stable_id(slug, f"u{u}", f"l{n}"), title=f"Lesson {u + 1}.{n + 1}",
                   position=n, exercises=exercises(f"u{u}l{n}"))
            for n in range(lessons_per_unit)
        ]
        unit_list.append(Unit(id=stable_id(slug, f"u{u}"), title=f"Unit {u + 1}", position=u,
                              lessons=lessons))
    section = Section(id=stable_id(slug, "s0"), title="Basics", cefr_level="A1", units=unit_list)
    return Course(id=stable_id(slug), slug=slug, title="Spanish for English speakers",
                  from_language="en", to_language="es", sections=[section])


def rich_course(slug: str = "rich") -> Course:
    """A course that uses every optional field, for storage round-trip tests."""
    base = sample_course(slug, units=2, lessons_per_unit=2)
    first, second, third, fourth = base.lessons
    audio = AudioAsset(
        id=stable_id(slug, "audio"),
        transcript="¿Dónde está la estación?",
        variants=[
            AudioVariant("low", "https://cdn.example/a-64.ogg", "ogg", 64, 1520),
            AudioVariant("high", "https://cdn.example/a-192.mp3", "mp3", 192, 1520),
        ],
    )
    fancy = Exercise(
        id=stable_id(slug, "fancy"),
        type=ExerciseType.LISTEN_TYPE,
        prompt="Escribe lo que oyes 🎧",
        position=9,
        accepted_answers=["¿Dónde está la estación?", "Donde esta la estacion"],
        hints=[Hint("station", word="estación"), Hint("Listen for the accent")],
        difficulty=4,
        audio=audio,
        tags=[Tag("travel", "topic"), Tag("questions", "grammar")],
        grading=GradingPolicy(diacritics=DiacriticsMode.STRICT, case_sensitive=True),
        extra={"speed": [1.0, 0.75], "note": "שלום"},
    )
    plugin_type = Exercise(
        id=stable_id(slug, "plugin"),
        type="acme:drag_drop",
        prompt="Drag the words",
        position=10,
        extra={"targets": {"a": 1}},
    )
    multi = Exercise(
        id=stable_id(slug, "multi"),
        type=ExerciseType.MULTIPLE_CHOICE,
        prompt="Which are fruits?",
        position=11,
        multiple_answers=True,
        options=[
            ExerciseOption(stable_id(slug, "m1"), "manzana", True, "https://cdn.example/apple.png"),
            ExerciseOption(stable_id(slug, "m2"), "pera", True),
            ExerciseOption(stable_id(slug, "m3"), "pan", False),
        ],
    )
    assets = [
        LessonAsset(id=stable_id(slug, "video"), kind="video", title="Intro", position=0,
                    uri="https://cdn.example/intro.mp4", content={"captions": "es"}),
        LessonAsset(id=stable_id(slug, "quiz"), kind="quiz", position=1,
                    content={"questions": [{"q": "2+2", "a": [4]}]}),
    ]
    first = Lesson(
        id=first.id, title="Questions ¿?", position=first.position, xp_reward=15,
        estimated_minutes=7, description="Asking for directions",
        exercises=[*first.exercises, fancy, plugin_type, multi], assets=assets,
    )
    section = base.sections[0]
    unit0 = section.units[0]
    units = [Unit(id=unit0.id, title=unit0.title, position=0, icon="compass", color="#58CC02",
                  description="Getting around", lessons=[first, second]), section.units[1]]
    sections = [
        Section(id=section.id, title=section.title, position=0, cefr_level="A1",
                description="The basics", units=units),
    ]
    return Course(
        id=base.id, slug=slug, title="Rich — every field", from_language="en",
        to_language="es", version=3, published=True, description="For round trips",
        grading=GradingPolicy(typo_tolerance=((5, 1),), speech_pass_score=70.0),
        unlock_rule="prerequisites", license="CC-BY-SA-4.0", attribution="learncore authors",
        sections=sections, prerequisites=[(fourth.id, third.id), (fourth.id, first.id)],
    )


def large_course(
    slug: str = "large",
    *,
    sections: int = 5,
    units: int = 10,
    lessons: int = 10,
    exercises: int = 15,
) -> Course:
    """A course of ``sections × units × lessons × exercises`` exercises, for storage benchmarks.

    The defaults give 7,500 exercises. Exercises rotate through multiple choice (3
    options), translate (with a hint and a tag) and word bank (4 tiles); the second
    exercise of each lesson has audio, each lesson has a script asset, and each
    unit's first lesson requires the previous unit's last one. Ids are stable.
    """

    def exercise(key: str, position: int) -> Exercise:
        eid = stable_id(slug, key, f"e{position}")
        if position == 1:
            audio = AudioAsset(
                id=stable_id(slug, key, "audio"),
                transcript="buenos días",
                variants=[AudioVariant("low", f"https://cdn.example/{key}-64.ogg", "ogg", 64, 900),
                          AudioVariant("high", f"https://cdn.example/{key}.mp3", "mp3", 192, 900)],
            )
            return Exercise(id=eid, type=ExerciseType.LISTEN_TYPE, position=position,
                            prompt="Type what you hear", accepted_answers=["buenos días"],
                            audio=audio, tags=[Tag("greetings", "topic")])
        if position % 3 == 0:
            return Exercise(id=eid, type=ExerciseType.MULTIPLE_CHOICE, position=position,
                            prompt="Which one means 'water'?",
                            options=[ExerciseOption(stable_id(slug, key, f"e{position}", t), t, t == "agua")
                                     for t in ("agua", "pan", "sol")])
        if position % 3 == 1:
            return Exercise(id=eid, type=ExerciseType.TRANSLATE, position=position,
                            prompt="I am happy", accepted_answers=["Estoy feliz", "Yo estoy feliz"],
                            hints=[Hint("happy", word="feliz")], tags=[Tag("emotions", "topic")])
        return Exercise(id=eid, type=ExerciseType.WORD_BANK, position=position,
                        prompt="The cat eats", accepted_answers=["el gato come"],
                        options=[ExerciseOption(stable_id(slug, key, f"e{position}", t), t)
                                 for t in ("el", "gato", "come", "perro")])

    section_list = []
    prerequisites = []
    previous_last: UUID | None = None
    for s in range(sections):
        unit_list = []
        for u in range(units):
            lesson_list = []
            for n in range(lessons):
                key = f"s{s}u{u}l{n}"
                lesson_list.append(Lesson(
                    id=stable_id(slug, key), title=f"Lesson {s + 1}.{u + 1}.{n + 1}", position=n,
                    exercises=[exercise(key, e) for e in range(exercises)],
                    assets=[LessonAsset(id=stable_id(slug, key, "script"), kind="script",
                                        content={"text": f"Script of {key}"})],
                ))
            if lesson_list:
                if previous_last is not None:
                    prerequisites.append((lesson_list[0].id, previous_last))
                previous_last = lesson_list[-1].id
            unit_list.append(Unit(id=stable_id(slug, f"s{s}u{u}"), title=f"Unit {s + 1}.{u + 1}",
                                  position=u, lessons=lesson_list))
        section_list.append(Section(id=stable_id(slug, f"s{s}"), title=f"Section {s + 1}",
                                    position=s, units=unit_list))
    return Course(id=stable_id(slug), slug=slug, title="A large course", from_language="en",
                  to_language="es", unlock_rule="prerequisites", sections=section_list,
                  prerequisites=prerequisites)
