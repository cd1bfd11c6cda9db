"""Where the bundled data lives: inside the installed package, or in the source checkout.

The wheel installs the repository's top-level `lexicons/` and `corpus/` folders as
`framing/lexicons` and `framing/sample`; a source checkout (or an editable install) keeps them
beside the package.
"""
from __future__ import annotations

from pathlib import Path

from .errors import FramingError

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


def read_utf8(path: Path, error: type[FramingError], what: str) -> str:
    """The text of a data file the user names (story, lexicon), or `error` saying why not."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"{path}: no such {what}") from None
    except UnicodeDecodeError as err:
        raise error(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from None
    except OSError as err:
        raise error(f"{path}: cannot be read ({err.strerror or err})") from None
