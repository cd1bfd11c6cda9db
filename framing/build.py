"""Whether this install's scoring modules run compiled (see setup.py) or as pure Python."""
from __future__ import annotations


def compiled() -> bool:
    """True when the compiled modules are what Python imports (text stands for all of them)."""
    from . import text

    return not text.__file__.endswith(".py")
