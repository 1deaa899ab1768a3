"""medlint: a content-quality linter for mental-health articles.

Library API (only the CLI prints)::

    import medlint
    for d in medlint.lint_text("He committed suicide."):
        print(d.code, d.message)
"""

from __future__ import annotations

__version__ = "0.1.0"
#: The name to install it by (``pip install medlint-content``); the command is ``medlint``.
#: "medlint" on PyPI is an unrelated project.
DISTRIBUTION = "medlint-content"
HOMEPAGE = f"https://pypi.org/project/{DISTRIBUTION}/"
__all__ = ["__version__", "lint_text", "lint_paths"]


def lint_text(text, path=None, config=None):
    """Diagnostics for ``text`` (Markdown unless ``path`` says .txt). See ``engine.lint_text``."""
    from medlint.engine.runner import lint_text as _lint_text

    return _lint_text(text, path=path, config=config)


def lint_paths(paths, config_path=None):
    """A RunResult for files and folders. See ``engine.lint_paths``."""
    from medlint.engine.runner import lint_paths as _lint_paths

    return _lint_paths(paths, config_path=config_path)
