"""Errors that stop one file, one config or one pack — never the whole run.

Each carries the file it is about and, where known, the line, so the CLI can print one clear
message (``path:line: error: …``) and exit 2 while every other file is still checked.
"""

from __future__ import annotations


class MedlintError(Exception):
    """Base class: a problem with something the user gave us, reported with its location."""

    kind = "error"

    def __init__(self, path: str, message: str, line: int | None = None):
        super().__init__(message)
        self.path = str(path)
        self.message = message
        self.line = line

    def __reduce__(self):
        """Pickle by constructor arguments, so errors cross process boundaries (--jobs)."""
        return (self.__class__, (self.path, self.message, self.line))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.kind}: {self.message}"


class InputError(MedlintError):
    """A file that cannot be read as an article: undecodable, too big, broken front matter."""

    kind = "input error"


class ConfigError(MedlintError):
    """A configuration file with a syntax error, an unknown key or a bad value."""

    kind = "config error"


class PackError(MedlintError):
    """A YAML rule pack with an unknown key, a bad value or a broken pattern."""

    kind = "rule pack error"


class OutputError(MedlintError):
    """A file medlint was asked to write (a fixed article, a report) that it could not write."""

    kind = "write error"
