"""One module per measure; each takes a `Doc` and returns results carrying evidence spans."""
from __future__ import annotations

from .hedging import boosting, hedging
from .loaded import loaded_language
from .sarcasm import sarcasm
from .stance import stance

__all__ = ["boosting", "hedging", "loaded_language", "sarcasm", "stance"]
