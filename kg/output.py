"""Writing a command's output file (``-o``) without harming what is at the path.

Every ``-o`` of the command line (``kg export``, ``kg viz``, ``kg extract``)
goes through :func:`open_output`, which decides by what the path *is*:

* ``-``: standard output;
* a regular file, or nothing yet: a temporary file beside it, renamed over it
  once complete (a reader never sees half a file, a failed write leaves the old
  one), keeping the old file's permissions;
* a symlink: the same, at the file it points to (the link stays a link);
* a named pipe or a character device (``/dev/null``, ``/dev/stdout``): written
  into directly, never replaced by a regular file;
* a directory, a block device or a socket: refused in one line.

Errors are :class:`~kg.errors.KgError` naming the path the user gave (never the
temporary file) and the reason in words.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from kg.errors import KgError

STDOUT = "-"

_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "read-only file system",
    errno.ENOSPC: "no space left on device",
    errno.EDQUOT: "disk quota exceeded",
    errno.ENOENT: "no such folder",
    errno.ENOTDIR: "a parent is not a folder",
    errno.EISDIR: "is a directory",
    errno.ELOOP: "symlink loop",
    errno.ENAMETOOLONG: "file name too long",
    errno.EFBIG: "file too large",
    errno.EIO: "input/output error",
}


def reason(e: OSError) -> str:
    """An OSError's cause in words (no errno number, no temporary file name)."""
    return _REASONS.get(e.errno, (e.strerror or str(e)).lower()) if e.errno else str(e)


def display(path: str | os.PathLike) -> str:
    """A path as a message shows it: as is when every character is printable;
    otherwise quoted, with control characters escaped (``\\n``, ``\\x1b``) and
    bytes that are not UTF-8 shown as ``\\xNN``, so a name can neither fake a
    report line nor send escape sequences to the terminal."""
    s = os.fspath(path)
    if isinstance(s, bytes):
        s = os.fsdecode(s)
    if s.isprintable() and not any(0xDC80 <= ord(c) <= 0xDCFF for c in s):
        return s
    out = []
    for c in s:
        if 0xDC80 <= ord(c) <= 0xDCFF:  # a byte os.fsdecode could not decode
            out.append(f"\\x{ord(c) - 0xDC00:02x}")
        elif c.isprintable() and c != "\\":
            out.append(c)
        else:
            out.append(repr(c)[1:-1])
    return "'" + "".join(out) + "'"


def _fail(path: str | os.PathLike, why: str) -> KgError:
    return KgError(f"cannot write {display(path)}: {why}")


def _kind(mode: int) -> str | None:
    """Why a file of this mode is refused as an output, or None."""
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISBLK(mode):
        return "is a block device (refusing to write over a disk)"
    if stat.S_ISSOCK(mode):
        return "is a socket"
    return None


@contextlib.contextmanager
def open_output(target: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary file to write the output for ``target`` into (see the module doc).

    The file is complete at ``target`` when the ``with`` block ends without an
    exception; on an exception nothing at ``target`` has changed (a pipe or a
    device has had what was written so far).
    """
    given = os.fspath(target)
    if given == STDOUT:
        out = sys.stdout.buffer
        yield out
        out.flush()
        return
    try:
        real = os.path.realpath(given, strict=False)
        st = os.stat(real)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise _fail(given, reason(e)) from None
    if st is not None:
        why = _kind(st.st_mode)
        if why:
            raise _fail(given, why)
        if not stat.S_ISREG(st.st_mode):  # a FIFO, a character device: write into it
            try:
                f = open(real, "wb")  # noqa: SIM115 - closed below
            except OSError as e:
                raise _fail(given, reason(e)) from None
            try:
                with f:
                    yield f
            except OSError as e:
                raise _fail(given, reason(e)) from e
            return
    yield from _replace(given, Path(real), st)


def _replace(given: str, real: Path, st: os.stat_result | None) -> Iterator[BinaryIO]:
    """Write a temporary file beside ``real``, then rename it over ``real``."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{real.name[:100]}.", suffix=".kg-tmp", dir=real.parent)
    except OSError as e:
        if e.errno == errno.ENOENT:
            there = display(real.parent)
            why = (
                f"cannot create a file in {there}" if real.parent.is_dir() else f"no folder {there}"
            )
            raise _fail(given, why) from None
        raise _fail(given, reason(e)) from None
    try:
        with open(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        if st is not None:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
            with contextlib.suppress(OSError):
                os.chown(tmp, st.st_uid, st.st_gid)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, real)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        if isinstance(e, OSError) and not isinstance(e, BrokenPipeError):
            raise _fail(given, reason(e)) from e
        raise


def write_output(target: str | os.PathLike, data: bytes | str) -> str:
    """Write ``data`` (text as UTF-8) for ``target`` with :func:`open_output`;
    the name to report ("standard output" for ``-``)."""
    with open_output(target) as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
    return described(target)


@contextlib.contextmanager
def open_text_output(target: str | os.PathLike) -> Iterator[io.TextIOWrapper]:
    """:func:`open_output` as UTF-8 text with ``\\n`` line ends."""
    with open_output(target) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="\n", write_through=True)
        try:
            yield text
            text.flush()
        finally:
            text.detach()


def described(target: str | os.PathLike) -> str:
    """How the CLI names an output it wrote."""
    given = os.fspath(target)
    return "standard output" if given == STDOUT else display(given)
