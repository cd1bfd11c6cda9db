"""Where the bundled data lives: inside the installed package, or in the source checkout.

The wheel installs the repository's top-level `lexicons/` and `corpus/` folders as
`framing/lexicons` and `framing/sample`; a source checkout (or an editable install) keeps them
beside the package.
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(installed: str, checkout: str) -> Path:
    """`framing/<installed>` when installed, else `<repo>/<checkout>`."""
    inside = _PACKAGE / installed
    return inside if inside.is_dir() else _PACKAGE.parent / checkout


def lexicon_dir() -> Path:
    """The built-in lexicons (`lexicons/` in the repository)."""
    return data_dir("lexicons", "lexicons")


def sample_dir() -> Path:
    """The bundled sample story (`corpus/` in the repository)."""
    return data_dir("sample", "corpus")
