"""Where the database is, as hsdesk prints and shows it: never a server password."""

from hsdesk.db.location import shown


def test_a_server_url_is_shown_without_its_password():
    url = "postgresql+psycopg://office:S3cret!pw@db.example.internal:5432/hsdesk"
    assert "S3cret" not in shown(url)
    assert shown(url) == "postgresql+psycopg://office:***@db.example.internal:5432/hsdesk"


def test_a_file_is_shown_as_it_is_and_a_garbled_url_says_so():
    assert shown("C:/Users/office/hsdesk.db") == "C:/Users/office/hsdesk.db"
    assert "secret" not in shown("postgresql+psycopg://office:secret@host:notaport/db")
