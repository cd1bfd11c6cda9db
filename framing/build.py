"""Whether this install's scoring modules run compiled (see setup.py) or as pure Python."""
from __future__ import annotations


def compiled() -> bool:
    """True when the compiled modules are what Python imports (text stands for all of them)."""
    from . import text

    return is_compiled(text.__file__)


def is_compiled(module_file: str) -> bool:
    """Whether the module loaded from `module_file` (its `__file__`) is a compiled extension."""
    return not module_file.endswith(".py")
