"""Errors that the command line turns into one clear line (never a traceback)."""


class KgError(Exception):
    """Base class: the message is shown to the user as is."""


class IngestError(KgError):
    """A source file could not be read as a document."""


class StoreError(KgError):
    """The store is missing, not a kg store, locked, read-only or corrupt."""
