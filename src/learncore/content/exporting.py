"""``export_course(app, course_id, path)``: a stored course back to the learncore format."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

from learncore.content.checks import is_url, local_file
from learncore.content.convert import from_domain
from learncore.content.source import JSON_SUFFIXES, YAML_SUFFIXES, _plain
from learncore.domain.courses import Course
from learncore.errors import InvalidInput

if TYPE_CHECKING:
    from learncore.facade import Learncore

__all__ = ["dump_yaml", "export_course"]


def dump_yaml(data: Any) -> str:
    """``data`` as block-style YAML that the learncore loader reads back exactly.

    Text that the loader would read as something else (``"true"``, ``"12"``,
    ``"0o17"``, ``""``) is quoted.
    """
    import yaml  # noqa: PLC0415 - imported lazily so `import learncore` stays light

    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(base):  # type: ignore[misc,valid-type]
        pass

    def text(dumper: Any, value: str) -> Any:
        style = None
        if not value or value == "<<" or _plain(value) is not value or value != value.strip():
            style = '"'
        elif "\n" in value:
            style = "|"
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    out: str = yaml.dump(
        data, Dumper=Dumper, sort_keys=False, allow_unicode=True, default_flow_style=None, width=100
    )
    return out


def _media(course: Course) -> set[str]:
    uris: set[str] = set()
    for exercise in course.exercises():
        if exercise.audio is not None:
            uris.update(variant.uri for variant in exercise.audio.variants)
        uris.update(option.image_uri for option in exercise.options if option.image_uri)
    return {uri for uri in uris if not is_url(uri)}


def _write_atomically(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export_course(
    app: Learncore,
    course_id: UUID | str,
    path: str | os.PathLike[str],
    *,
    media_from: str | os.PathLike[str] | None = None,
) -> Path:
    """Write the stored course ``course_id`` (id or slug) to ``path``; returns the file written.

    ``path`` is a ``.yaml``/``.yml``/``.json`` file, or a directory (which gets a
    ``course.yaml``). Keys come back as they were imported, defaults are left out, and
    the stored course's languages are included, so importing the file again changes
    nothing. Audio and image paths stay relative; pass ``media_from`` (the directory
    the course was imported from) to copy those files next to the export.
    """
    course = app.course(course_id)
    with app.transaction() as uow:
        keys = uow.content_versions.get_source_keys(course.id)
        languages = [
            found
            for code in dict.fromkeys((course.from_language, course.to_language))
            if (found := uow.content.get_language(code)) is not None
        ]
    data = from_domain(course, languages=languages, keys=keys)
    target = Path(path)
    if target.is_dir() or not target.suffix:
        target = target / "course.yaml"
    suffix = target.suffix.lower()
    if suffix in JSON_SUFFIXES:
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif suffix in YAML_SUFFIXES:
        text = dump_yaml(data)
    else:
        raise InvalidInput(str(path), "export to a .yaml, .yml or .json file, or to a directory")
    _write_atomically(target, text)
    if media_from is not None:
        source_root = Path(media_from)
        for uri in sorted(_media(course)):
            source = local_file(source_root, uri)
            destination = local_file(target.parent, uri)
            if source is None or destination is None or not source.is_file():
                continue
            if source.resolve() != destination.resolve():
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, destination)
    return target
