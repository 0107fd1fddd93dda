"""Importing 500 photos into each home of the file store: the folder beside an SQLite file, and
the database on a PostgreSQL server (as bytea rows, in the same transaction as the photo's record);
then moving the PC's database with those photos onto an empty server database (copy, read back,
verify) and backing the server up as an hsdesk file.

    python tests/benchmarks/file_store.py --db-url postgresql+psycopg://user:pw@host/postgres

Prints the seconds for each home and the server's time as a ratio of the folder's, measured in
the same run (the folder is the floor). Without --db-url only the folder is measured.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HSDESK_NOW", "2026-11-25T10:00:00")

from PIL import Image  # noqa: E402

from hsdesk.db.engine import Database  # noqa: E402
from hsdesk.db.migrate import ensure_schema  # noqa: E402
from hsdesk.domain.actor import Actor  # noqa: E402
from hsdesk.services.photos import library  # noqa: E402
from hsdesk.services.photos.files import check_photo  # noqa: E402
from hsdesk.services.platform.backups import backup_now  # noqa: E402
from hsdesk.services.platform.office_server import move_to_server  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
from test_server import TestServer  # noqa: E402

ADMIN = Actor(username="admin", person_id=None, display_name="Admin", is_admin=True)


def photos(count: int) -> list[bytes]:
    """Camera-sized JPEGs (1600×1200, about 1.2 MB each: noise compresses badly), each different."""
    made = []
    for n in range(count):
        image = Image.effect_noise((1600, 1200), 40 + n % 50).convert("RGB")
        out = io.BytesIO()
        image.save(out, "JPEG", quality=85)
        made.append(out.getvalue())
    return made


def import_all(location: str, local: Path, data: list[bytes]) -> float:
    db = Database(location, local_dir=local)
    ensure_schema(db)
    started = time.perf_counter()
    for n, jpeg in enumerate(data):
        library.import_photo(db, ADMIN, check_photo(jpeg, f"photo-{n}.jpg"), "Benchmark")
    took = time.perf_counter() - started
    db.dispose()
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db-url", default=os.environ.get("HSDESK_TEST_DB_URL"))
    parser.add_argument("--photos", type=int, default=500)
    args = parser.parse_args()
    data = photos(args.photos)
    megabytes = sum(map(len, data)) / 1e6
    print(f"{args.photos} photos, {megabytes:.0f} MB")
    with tempfile.TemporaryDirectory() as folder:
        floor = import_all(str(Path(folder) / "hsdesk.db"), Path(folder), data)
        print(f"folder beside an SQLite file: {floor:.1f} s ({args.photos / floor:.0f} photos/s)")
        if not args.db_url:
            print("no server given (--db-url): the server's figure was not measured")
            return
        server = TestServer(args.db_url)
        name = server.new_name("bench")
        try:
            took = import_all(server.create(name), Path(folder) / "pc", data)
        finally:
            server.drop(name)
        print(f"rows on the PostgreSQL server: {took:.1f} s ({args.photos / took:.0f} photos/s)")
        print(f"server / folder: {took / floor:.2f}x")
        moved, backed_up = move_and_back_up(server, Path(folder))
        print(f"move onto the server (copy, read back, verify): {moved:.1f} s")
        print(f"move / folder import: {moved / floor:.2f}x")
        print(f"backup of the server as an hsdesk file: {backed_up:.1f} s")
        print(f"server backup / folder import: {backed_up / floor:.2f}x")


def move_and_back_up(server: TestServer, folder: Path) -> tuple[float, float]:
    name = server.new_name("move")
    target = server.create(name)
    try:
        source = Database(str(folder / "hsdesk.db"), local_dir=folder)
        started = time.perf_counter()
        move_to_server(source, target, ADMIN)
        moved = time.perf_counter() - started
        source.dispose()
        office = Database(target, local_dir=folder / "pc-b")
        started = time.perf_counter()
        backup_now(office, folder=folder / "server-backups")
        backed_up = time.perf_counter() - started
        office.dispose()
    finally:
        server.drop(name)
    return moved, backed_up


if __name__ == "__main__":
    main()
