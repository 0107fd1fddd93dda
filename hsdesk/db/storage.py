"""Is the database file somewhere SQLite's file locking cannot be trusted?

Network shares (UNC paths, mapped drives, NFS/SMB mounts) and folders that a sync client copies
between computers (OneDrive, Dropbox, Google Drive, iCloud Drive) can lose or reorder writes and
do not honour SQLite's locks. Such a file is run with a rollback journal and exclusive locking
instead of WAL, and the user is told why.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path, PurePath

# Folder names sync clients create, lower-cased; a folder "OneDrive - Home-Start" counts too.
SYNC_FOLDERS: dict[str, str] = {
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "icloud drive": "iCloud Drive",
    "iclouddrive": "iCloud Drive",
}
ONEDRIVE_VARIABLES = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")
NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "afs", "9p", "davfs", "fuse.rclone"}
)
DRIVE_REMOTE = 4  # GetDriveTypeW


def _windows_drive_is_remote(drive: str) -> bool:
    if os.name != "nt":  # pragma: no cover - Windows only
        return False
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    return bool(kernel32.GetDriveTypeW(f"{drive}\\") == DRIVE_REMOTE)


def _mount_type(path: PurePath) -> str | None:
    """The file-system type of the mount holding ``path`` (Linux), or None if unknown."""
    try:
        lines = Path("/proc/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    best, kind = "", None
    text = str(path)
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = text == point or text.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, kind = point, fields[2]
    return kind


def _under(path: PurePath, folder: str) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def shared_location(
    path: PurePath,
    environ: Mapping[str, str] | None = None,
    drive_is_remote: Callable[[str], bool] = _windows_drive_is_remote,
    mount_type: Callable[[PurePath], str | None] = _mount_type,
) -> str | None:
    """Where the file is, in words ("a network share", "OneDrive"), if locking is unsafe there."""
    environ = os.environ if environ is None else environ
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return "a network share"
    for variable in ONEDRIVE_VARIABLES:
        folder = environ.get(variable)
        if folder and _under(path, folder):
            return "OneDrive"
    for part in path.parts:
        name = part.lower()
        for folder, service in SYNC_FOLDERS.items():
            if name == folder or name.startswith(f"{folder} - ") or name.startswith(f"{folder} ("):
                return service
    drive = path.drive
    if len(drive) == 2 and drive[1] == ":" and drive_is_remote(drive):
        return f"a mapped network drive ({drive.upper()})"
    kind = mount_type(path)
    if kind in NETWORK_FILESYSTEMS:
        return f"a network file system ({kind})"
    return None


def shared_warning(path: PurePath, where: str) -> str:
    """The explanation shown when a database is opened on a share or in a synced folder."""
    return (
        f"The database {path.name} is in {where}. Files there can be copied between computers "
        "half-written, and the locks that stop two people saving at once do not work reliably, "
        "so the database can be damaged. hsdesk is running it in its safest mode (one computer "
        "at a time, no write-ahead log), but the safe place for it is a folder on this PC's own "
        "disk, with backups copied to the share. For several PCs, ask about a database server."
    )
