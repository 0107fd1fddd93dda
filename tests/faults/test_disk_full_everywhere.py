"""A full disk, or a folder hsdesk may not write to, is said in the same plain words from every
write path — the file store, backups, the command line — and leaves no half-written file."""

from __future__ import annotations

import errno
import io
import sqlite3

import pytest
from PIL import Image

from hsdesk import cli
from hsdesk.db import backup as backup_module
from hsdesk.db import filestore
from hsdesk.domain.errors import CannotWrite, DiskFull
from hsdesk.services.photos import library
from hsdesk.services.platform.backups import backup_now

pytestmark = pytest.mark.sqlite_only("fills this PC's disk (a server's disk is its own)")


def _full(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_the_file_store_says_the_disk_is_full_and_leaves_no_part(db, admin, tmp_path, monkeypatch):
    photo = tmp_path / "party.jpg"
    out = io.BytesIO()
    Image.new("RGB", (32, 24), (10, 120, 200)).save(out, "JPEG")
    photo.write_bytes(out.getvalue())
    monkeypatch.setattr(filestore.os, "fsync", _full)
    report = library.import_files(db, admin, [photo])
    assert report.imported == []
    assert "There is no room left on the disk for" in report.refused[0][1]
    assert not [p for p in (db.data_dir / "files").rglob("*") if p.name.endswith(".tmp")]


def test_a_folder_that_may_not_be_written_is_said_plainly(tmp_path, monkeypatch):
    def denied(*_args, **_kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(filestore.tempfile, "mkstemp", denied)
    with pytest.raises(CannotWrite, match="hsdesk may not write to .*Nothing was changed"):
        filestore.write_atomic(tmp_path / "out" / "form.pdf", b"%PDF")


def test_a_backup_onto_a_full_disk_is_explained_and_leaves_nothing(demo_db, tmp_path, monkeypatch):
    def full_copy(*_args, **_kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup_module, "copy_database", full_copy)
    folder = tmp_path / "usb stick"
    with pytest.raises(DiskFull, match=f"no room left on the disk for {folder}"):
        backup_now(demo_db, folder=folder)
    assert not list(folder.glob("*.db"))


def test_the_command_line_says_it_in_one_line(demo_db, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(backup_module.os, "fsync", _full)
    demo_db.dispose()
    code = cli.main(["--db", str(demo_db.path), "backup", "--to", str(tmp_path / "full")])
    err = capsys.readouterr().err.strip()
    assert code == 1 and len(err.splitlines()) == 1
    assert "there is no room left on the disk" in err and "OSError" not in err


def test_the_demo_onto_a_full_disk_says_so_and_keeps_no_stored_file(tmp_path, monkeypatch, capsys):
    """`hsdesk-cli demo` fills the database and its photos; a full disk part-way is told in
    one plain line, and the photos already stored for the refused demo are taken back."""
    path = tmp_path / "hsdesk.db"
    assert cli.main(["--db", str(path), "init"]) == 0
    capsys.readouterr()
    kept: list[str] = []
    real_fsync = filestore.os.fsync

    def full_after_three(fd: int) -> None:
        kept.append("file")
        if len(kept) > 3:
            _full()
        real_fsync(fd)

    monkeypatch.setattr(filestore.os, "fsync", full_after_three)
    code = cli.main(["--db", str(path), "demo"])
    err = capsys.readouterr().err.strip()
    assert code == 1 and len(err.splitlines()) == 1, err
    assert "there is no room left on the disk for" in err and "Errno" not in err
    assert "Nothing was changed" in err
    assert not [p for p in (tmp_path / "files").rglob("*") if p.is_file()]
