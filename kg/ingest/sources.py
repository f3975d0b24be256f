"""Expand files and folders into the supported source files.

:func:`iter_sources` never raises on a bad path: it returns the files it found
and a list of ``(path, reason)`` problems for the rest.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path

from kg.ingest.formats import SUPPORTED_SUFFIXES


def safe_name(name: str | os.PathLike) -> str:
    """A file name (or path) as text that is valid UTF-8, to store and to form IRIs.

    Names the file system holds as bytes that are not UTF-8 (GBK names left by
    unzipping a Chinese Windows archive) reach Python as surrogate escapes
    (``os.fsdecode``), which cannot be written as UTF-8; those bytes become
    ``%XX`` (all its bytes over 127, as parts of such a name may happen to be
    valid UTF-8), so the name is the same on every run and says which bytes it
    had: GBK 国中.txt is ``%B9%FA%D6%D0.txt``.
    """
    s = os.fsdecode(name) if isinstance(name, bytes) else os.fspath(name)
    if not any(0xDC80 <= ord(c) <= 0xDCFF for c in s):
        return s
    raw = s.encode("utf-8", "surrogateescape")
    return "".join(chr(b) if b < 0x80 else f"%{b:02X}" for b in raw)


def _supported(p: Path) -> bool:
    return p.suffix.lower() in SUPPORTED_SUFFIXES


def _missing_reason(p: Path) -> str:
    try:
        os.stat(p)
    except ValueError:
        return "not a valid path"
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "symlink loop"
        if p.is_symlink():
            return "broken symlink"
        if e.errno == errno.EACCES:
            return "permission denied"
        if e.errno == errno.ENOTDIR:
            return "does not exist (a parent is not a folder)"
        return "does not exist"
    return "does not exist"


def _no_files_reason(folder: Path) -> str:
    try:
        empty = not any(not e.name.startswith(".") for e in os.scandir(folder))
    except OSError:
        empty = False
    if empty:
        return "empty folder"
    return "no supported files in folder (" + " ".join(sorted(SUPPORTED_SUFFIXES)) + ")"


def _special_reason(p: Path) -> str:
    """Why an existing path that is neither a folder nor a regular file is not read."""
    import stat

    try:
        mode = os.stat(p).st_mode
    except OSError as e:
        return f"cannot access: {e.strerror or e}"
    if stat.S_ISFIFO(mode):
        return "a named pipe, not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a regular file"
    return "not a regular file"


def _walk(
    folder: Path,
    files: list[Path],
    problems: list[tuple[str, str]],
    ancestors: frozenset[tuple[int, int]],
) -> None:
    """Depth-first, sorted by name; folders reached twice through a symlink are loops."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except PermissionError:
        problems.append((str(folder), "permission denied (cannot list folder)"))
        return
    except OSError as e:
        problems.append((str(folder), f"cannot list folder: {e.strerror or e}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # hidden files and folders (.git, editor swap files)
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir(follow_symlinks=True)
            is_file = entry.is_file(follow_symlinks=True)
        except OSError:
            is_dir = is_file = False
        if is_dir:
            try:
                st = os.stat(path)
            except OSError as e:
                problems.append((str(path), f"cannot open folder: {e.strerror or e}"))
                continue
            key = (st.st_dev, st.st_ino)
            if key in ancestors:
                problems.append((str(path), "symlink loop"))
                continue
            before = (len(files), len(problems))
            _walk(path, files, problems, ancestors | {key})
            if _supported(path) and (len(files), len(problems)) == before:
                # a folder named like a document (x.md) is not silently nothing
                problems.append((str(path), "a folder, not a file, with no supported files"))
        elif is_file:
            if _supported(path):
                files.append(path)
        elif _supported(path):  # a pipe, a device, a broken or looping symlink
            try:
                os.stat(path)
            except OSError:
                problems.append((str(path), _missing_reason(path)))
            else:
                problems.append((str(path), _special_reason(path)))


def source_names(roots: Iterable[str | os.PathLike], files: Iterable[str | Path]) -> dict[str, str]:
    """Each file's name relative to the source it was found under, by ``str(file)``.

    ``roots`` are the sources as given (files and folders, e.g. the command
    line's); a file found in a folder is named by its path inside that folder
    (``seeds/sub/a.txt`` under ``seeds/`` is ``sub/a.txt``), a file given itself
    by its file name, so the name does not depend on the working directory or on
    the path that reached the folder (``seeds``, ``./x/../seeds``, an absolute
    path). A file under two roots takes the first one given (as
    :func:`iter_sources` lists it once, for the first); one under none (an
    expansion of its own) gets its file name. Names go through :func:`safe_name`.
    """
    order: dict[Path, int] = {}
    for i, raw in enumerate(roots):
        try:
            order.setdefault(Path(raw), i)
        except (TypeError, ValueError):
            continue
    out: dict[str, str] = {}
    for raw in files:
        f = Path(raw)
        best: tuple[int, Path] | None = None
        for up in (f, *f.parents):
            i = order.get(up)
            if i is not None and (best is None or i < best[0]):
                best = (i, up)
        if best is None or best[1] == f:
            name = f.name
        else:
            name = f.relative_to(best[1]).as_posix()
        out[str(raw)] = safe_name(name or str(raw))
    return out


def shown_source(source: str | None) -> str | None:
    """A document's ``dcterms:source`` as a page shows it: a store built before
    sources were named relative to their folder (:func:`source_names`) may hold
    the builder's absolute path, of which only the file name is shown."""
    if not source:
        return source
    s = str(source)
    if s.startswith(("/", "\\\\")) or (len(s) > 2 and s[1] == ":" and s[2] in "\\/"):
        return s.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or None
    return s


def iter_sources(paths: Iterable[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Supported files under ``paths`` and the problems met on the way.

    Files are returned in argument order; a folder contributes its supported
    files (``.txt .md .html .htm .docx .pdf``) recursively, sorted by path,
    skipping hidden entries. A file reached twice is listed once. Problems are
    ``(path, reason)`` for paths that do not exist, explicit files of an
    unsupported type, symlink loops, unreadable folders and folders without
    any supported file.
    """
    files: list[Path] = []
    problems: list[tuple[str, str]] = []
    seen: set[tuple[int, int]] = set()
    for raw in paths:
        if isinstance(raw, str) and not raw.strip():
            problems.append((raw, "empty path"))
            continue
        try:
            p = Path(raw)
        except TypeError:
            problems.append((str(raw), "not a path"))
            continue
        found: list[Path] = []
        shown = os.fspath(raw)  # as given ("corpus/", not "corpus")
        try:
            if p.is_dir():
                st = os.stat(p)
                before = len(problems)
                _walk(p, found, problems, frozenset({(st.st_dev, st.st_ino)}))
                if not found and len(problems) == before:
                    problems.append((shown, _no_files_reason(p)))
            elif p.is_file():
                if _supported(p):
                    found.append(p)
                else:
                    problems.append((shown, f"unsupported file type {p.suffix or '(none)'!r}"))
            elif p.exists():
                problems.append((shown, _special_reason(p)))
            else:
                problems.append((shown, _missing_reason(p)))
        except (OSError, ValueError) as e:
            problems.append((shown, f"cannot access: {getattr(e, 'strerror', None) or e}"))
            continue
        for f in found:
            try:
                st = os.stat(f)
                key = (st.st_dev, st.st_ino)
            except OSError:
                key = (-1, hash(str(f)))
            if key in seen:
                continue
            seen.add(key)
            files.append(f)
    return files, problems
