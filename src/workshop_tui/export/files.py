"""Files in and out: reading an import safely, writing an export atomically.

An export is written to a temporary file beside its target, flushed to disk and renamed over
it, so a crash leaves the old file or the new one, never half of either, and no stray temp file.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path
from typing import BinaryIO

from workshop_tui.export.common import ImportFormatError
from workshop_tui.i18n import _

MAX_IMPORT_BYTES = 64 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"


def read_import_file(path: Path) -> str:
    """The text of a file to import; ImportFormatError (one line, naming the file) otherwise.

    Only a regular file: a named pipe nobody writes to would be waited on forever, and a
    device may never end. It is opened without blocking (a pipe's open would wait for a
    writer) and checked once open, so nothing can be swapped in between the check and the read.
    """
    try:
        if path.is_dir():
            raise ImportFormatError(_("{path}: is a folder, not a file").format(path=path))
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as stream:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise ImportFormatError(_("{path}: not a regular file ({kind}); import a file, or - for standard "
                                          "input").format(path=path, kind=_kind(info.st_mode)))
            if info.st_size > MAX_IMPORT_BYTES:
                raise ImportFormatError(_("{path}: too big to be an export ({size}; at most 64 MB)").format(
                    path=path, size=_megabytes(info.st_size)))
            raw = stream.read(MAX_IMPORT_BYTES + 1)  # one byte past the limit: the file may be growing
    except OSError as error:
        raise ImportFormatError(_("{path}: cannot read it: {error}").format(path=path, error=error.strerror or error)) from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportFormatError(_("{path}: too big to be an export (over 64 MB)").format(path=path))
    return decode(raw, path)


def read_import_stream(stream: BinaryIO, name: str) -> str:
    """The text of an export piped in (standard input), up to the same 64 MB as a file."""
    if stream.isatty():
        raise ImportFormatError(_("{path} is a terminal: pipe an export into it (workshop-tui import - < file.csv)").format(
            path=name))
    try:
        raw = stream.read(MAX_IMPORT_BYTES + 1)
    except OSError as error:
        raise ImportFormatError(_("{path}: cannot read it: {error}").format(path=name, error=error.strerror or error)) from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportFormatError(_("{path}: too big to be an export (over 64 MB)").format(path=name))
    return decode(raw, Path(name))


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return _("a named pipe")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("not a file")


def decode(raw: bytes, path: Path) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFormatError(_("{path}: UTF-16 text; save it as UTF-8 and import it again").format(path=path))
    raw = raw.removeprefix(_BOM)
    if b"\x00" in raw:
        raise ImportFormatError(_("{path}: a binary file, not a json, csv or wikitext export").format(path=path))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ImportFormatError(_("{path}: not UTF-8 text (an invalid byte at offset {offset:,})").format(
            path=path, offset=error.start)) from None


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB"


def write_file(path: Path, text: str, *, overwrite: bool = False) -> Path:
    """Write text as UTF-8, atomically; FileExistsError if path exists and not overwrite."""
    path = Path(path)
    if not overwrite and (path.exists() or path.is_symlink()):
        raise FileExistsError(errno.EEXIST, "file exists", str(path))
    data = text.encode("utf-8")
    temp = _temp_file(path)
    try:
        with temp.open("wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if overwrite:
            _keep_mode(path, temp)
            os.replace(temp, path)
        else:
            _link_new(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)
    return path


def _temp_file(path: Path) -> Path:
    """A new, empty file beside path; created with O_EXCL, so the umask sets its mode."""
    for _ in range(100):
        temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            return temp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "cannot make a temporary file", str(path.parent))


def _link_new(temp: Path, path: Path) -> None:
    """Put temp at path unless something is there: a hard link fails rather than replaces."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links: check, then rename (a tiny window, no better way).
        if path.exists() or path.is_symlink():
            raise FileExistsError(errno.EEXIST, "file exists", str(path)) from None
        os.replace(temp, path)
        return
    temp.unlink()


def _keep_mode(path: Path, temp: Path) -> None:
    """Replacing a file keeps its permissions: an export someone made private stays private."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return
    os.chmod(temp, mode)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows cannot open a folder, and needs not."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
