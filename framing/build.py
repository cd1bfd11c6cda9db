"""Whether this install's scoring modules run compiled (see setup.py) or as pure Python."""
from __future__ import annotations

from importlib.util import find_spec


def compiled() -> bool:
    """True when the compiled modules are what Python imports (text stands for all of them)."""
    spec = find_spec("framing.text")  # where it loads from, without importing it
    return spec is not None and spec.origin is not None and is_compiled(spec.origin)


def is_compiled(module_file: str) -> bool:
    """Whether the module loaded from `module_file` (its `__file__`) is a compiled extension."""
    return not module_file.endswith(".py")
