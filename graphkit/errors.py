"""graphkit's own exceptions. The library raises these; only the CLI turns them into messages."""

from __future__ import annotations


class GraphkitError(Exception):
    """Base class: an error a user can act on, with a message fit to print as one line."""


class InputError(GraphkitError):
    """An input file cannot be read as a report or facts document (binary, empty, too big, ...)."""


class FactsError(GraphkitError):
    """A facts document breaks the ontology contract (unknown label, bad offsets, ...)."""


class StoreError(GraphkitError):
    """The graph store failed or cannot be reached."""


class StoreUnavailable(StoreError):
    """The store went away (server stopped, connection lost): every further write would fail
    the same way, so a load stops at once instead of trying its reports one by one."""


class StoreBusy(StoreError):
    """Another process is writing the store at this moment (the embedded store's log is
    being appended, a checkpoint is under way): try again when it has finished."""


class StoreUnwritable(StoreError):
    """The store can take no more writes (disk full, no permission): every other input
    would fail the same way, so a load stops at the first one instead of trying them all."""


class QueryError(GraphkitError):
    """A user's Cypher query was rejected (syntax, unknown parameter, a write without --write)."""


class QueryRefused(QueryError):
    """A query that does more than read, refused without --write before it reached the store."""


class ExtractionUnavailable(GraphkitError):
    """Text reports need the extractor, which this build does not have."""


class AnalysisError(GraphkitError):
    """An analysis cannot run as asked (empty graph, unknown entity or measure, no path...)."""


class ExportError(GraphkitError):
    """An export cannot be written as asked (unknown format, unwritable path, missing extra)."""


class ViewError(GraphkitError):
    """A view cannot be made as asked (unknown type, focus not found, unwritable file...)."""


class OutputError(GraphkitError):
    """An output file or folder cannot be written as asked (it is not a regular file, it is
    inside the database, the folder is not empty...); nothing was written."""


class UsageError(GraphkitError):
    """The command line is written wrongly in a way graphkit can name (a global option given
    after the command): exit status 2, as for other usage errors."""
