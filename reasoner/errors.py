"""One error tree for the whole library.

The library raises these; the CLI turns them into one clear line at its edge.
Failures caused by a model or by data are recorded on the step instead, and the
cascade goes on.
"""

from __future__ import annotations


class ReasonerError(Exception):
    """Base class of every error the library raises on purpose."""


class ConfigError(ReasonerError):
    """A setting is missing, malformed or inconsistent (e.g. index built with another embedder)."""


class ParseError(ReasonerError):
    """User text could not be parsed into the whitelisted form a solver accepts."""


class UnsafeInputError(ParseError):
    """Input was rejected by a safety bound (size, nesting, forbidden syntax)."""


class SolverError(ReasonerError):
    """A solver failed on input it had accepted."""


class SolverTimeout(SolverError):
    """A solver ran past its hard time limit and was stopped."""


class UnreadableFile(ReasonerError):
    """A file is of an unsupported type, binary where text was expected, or malformed (it is skipped)."""


class IndexError_(ReasonerError):  # noqa: N801 - trailing underscore avoids the builtin
    """The knowledge index is missing, corrupt or was built with other settings."""


class ModelError(ReasonerError):
    """A language model or embedder could not be loaded or failed to run."""


class BudgetExceeded(ReasonerError):
    """A per-query or per-session budget was spent before the work finished."""
