"""Front matter: the metadata block at the top of a post, in the three forms site generators use.

    ---            +++                 {
    title: …       title = "…"           "title": "…",
    date: …        date = 2024-05-01     "date": "2024-05-01"
    ---            +++                 }

YAML (Jekyll, Hugo, Docusaurus, Astro, Eleventy) is read with ``yamlio`` (line numbers, no
aliases); TOML (Hugo) with the standard library's ``tomllib``; JSON (Hugo) with ``json``. Each
gives the same plain mapping, so every rule sees the same keys whatever the form. A block that
opens but does not parse, or never closes, is an InputError naming the file and the line: the
page generator would fail on it too, and guessing would grade metadata as prose.

Jekyll takes a post's date from its file name (``2024-05-01-title.md``) when the front matter
has none; ``date_from_path`` gives that date.
"""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date
from pathlib import PurePath

from medlint.model import yamlio
from medlint.model.errors import InputError

_YAML = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:^|\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_TOML = re.compile(r"\A\+\+\+[ \t]*\r?\n(.*?)(?:^|\n)\+\+\+[ \t]*(?:\r?\n|\Z)", re.S)
#: Hugo's JSON front matter: an object whose first line is ``{`` and whose last is ``}``; the
#: second line must open a key, so a Markdown or MDX file starting with ``{`` is not taken.
_JSON = re.compile(r"\A\{[ \t]*\r?\n[ \t]*\"(?:.*?)\n\}[ \t]*(?:\r?\n|\Z)", re.S)
#: An opening ``---`` followed by what reads as a YAML key: front matter, even if never closed.
_YAML_OPENING = re.compile(r"\A---[ \t]*\r?\n[ \t]*[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|\r?\n)")
_JEKYLL_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})-.")


def split(text: str, path: str) -> tuple[dict, tuple[int, int] | None]:
    """The front matter of ``text`` as a mapping, and its span (None when there is none)."""
    if text.startswith("---"):
        m = _YAML.match(text)
        if m is None:
            if _YAML_OPENING.match(text):
                raise InputError(path, "front matter opened with '---' on line 1 is never closed (add a '---' line after it)", 1)
            return {}, None  # a thematic break, not front matter
        data = yamlio.load(m.group(1), path, InputError, line_offset=1) if m.group(1).strip() else {}
        return _mapping(data, path, "YAML", "key: value lines"), (0, m.end())
    if text.startswith("+++"):
        m = _TOML.match(text)
        if m is None:
            raise InputError(path, "TOML front matter opened with '+++' on line 1 is never closed (add a '+++' line after it)", 1)
        try:
            data = tomllib.loads(m.group(1))
        except tomllib.TOMLDecodeError as exc:
            where = re.search(r"\(at line (\d+)", str(exc))
            line = int(where.group(1)) + 1 if where else 1
            message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
            raise InputError(path, f"invalid TOML front matter: {message}", line) from None
        except (ValueError, RecursionError) as exc:
            raise _unreadable(path, "TOML", m.group(1), 2, exc) from None
        return data, (0, m.end())
    if text.startswith("{"):
        m = _JSON.match(text)
        if m is None:
            return {}, None
        body = m.group(0).rstrip()
        try:
            data = json.loads(body)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"invalid JSON front matter: {exc.msg}", exc.lineno) from None
        except (ValueError, RecursionError) as exc:
            raise _unreadable(path, "JSON", body, 1, exc) from None
        return _mapping(data, path, "JSON", "an object of keys and values"), (0, m.end())
    return {}, None


_HUGE_NUMBER = re.compile(r"\d{4301,}")  # past Python's limit on converting digits to an int


def _unreadable(path: str, form: str, body: str, first_line: int, exc: Exception) -> InputError:
    """The error for a value the parser cannot build though the syntax is valid: an integer over
    Python's digit limit, or nesting past the recursion limit, at the line where it is."""
    if isinstance(exc, RecursionError):
        line = yamlio.nesting_line(body)
        return InputError(path, f"invalid {form} front matter: nested more than {yamlio.DEEP} deep", first_line + line - 1 if line else first_line)
    huge = _HUGE_NUMBER.search(body)
    if huge is not None:
        return InputError(path, f"invalid {form} front matter: a number of {len(huge.group())} digits", first_line + body.count("\n", 0, huge.start()))
    return InputError(path, f"invalid {form} front matter: {exc}", first_line)


def _mapping(data, path: str, form: str, shape: str) -> dict:
    if data is not None and not isinstance(data, dict):
        raise InputError(path, f"front matter is not a {form} mapping ({shape})", 2)
    return data or {}


def date_from_path(path: str) -> date | None:
    """The date in a Jekyll-style file name (``2024-05-01-title.md``), if it is a real date."""
    m = _JEKYLL_NAME.match(PurePath(path).name)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
