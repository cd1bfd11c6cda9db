"""Build: the modules on the per-article scoring path are compiled with Cython when it can.

They are ordinary Python modules, which is what runs when no C compiler is at hand (or with
FRAMING_PURE_PYTHON=1 set at install time): compiled or not, the results are the same, and only
the speed differs. Types for the hot loops are declared beside a module in its `.pxd` file.
Everything else about the package is in pyproject.toml.
"""
import os
import sys

from setuptools import setup
from setuptools.command.build_ext import build_ext

COMPILED = [
    "framing/text.py",
    "framing/hashbits.py",
    "framing/lexicon.py",
    "framing/score.py",
    "framing/records.py",
    "framing/sentiment.py",
    "framing/measures/_evidence.py",
    "framing/measures/sarcasm.py",
    "framing/measures/stance.py",
    "framing/models/apply.py",
    "framing/models/linear.py",
    "framing/models/recipes/stance.py",
]


class OptionalBuildExt(build_ext):
    """A module that fails to compile stays pure Python, with a warning, instead of failing the
    install. Modules compile in parallel, one per core."""

    def finalize_options(self) -> None:
        super().finalize_options()
        if self.parallel is None:
            self.parallel = os.cpu_count() or 1
        if sys.platform != "win32":  # one rounding per operation, as in Python: no FMA
            for ext in self.extensions:
                ext.extra_compile_args = [*ext.extra_compile_args, "-ffp-contract=off"]

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # noqa: BLE001 - no compiler at all
            _warn(error)

    def build_extension(self, ext) -> None:
        try:
            super().build_extension(ext)
        except Exception as error:  # noqa: BLE001 - this module stays pure Python
            _warn(error)


def _warn(error: Exception) -> None:
    print(f"framing: not compiled, running as pure Python ({error})", file=sys.stderr)


def extensions() -> list:
    if os.environ.get("FRAMING_PURE_PYTHON"):
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        return []
    compiled = []
    for module in COMPILED:
        try:
            compiled += cythonize(
                module,
                build_dir="build/cython",
                quiet=True,
                # Types come from the .pxd files only: an annotation stays a hint, as in CPython.
                compiler_directives={"language_level": 3, "annotation_typing": False},
            )
        except Exception as error:  # noqa: BLE001 - this module stays pure Python
            _warn(error)
    return compiled


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
