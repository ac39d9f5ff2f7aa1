from tuoyu_desktop.store.peek import read_setting


def test_the_window_size_is_read_from_the_file_without_opening_the_database(workspace, db_path):
    from tuoyu_desktop.services.settings import set_setting

    with workspace.session() as s:
        set_setting(s, "window.geometry", "1000x700+20+30")
    assert read_setting(db_path, "window.geometry") == "1000x700+20+30"
    assert read_setting(db_path, "no.such.key") == ""


def test_a_missing_or_foreign_file_gives_nothing_and_is_left_alone(tmp_path):
    missing = tmp_path / "不存在" / "t.sqlite3"
    assert read_setting(missing, "window.geometry") == ""
    assert not missing.parent.exists()
    other = tmp_path / "other.sqlite3"
    other.write_bytes(b"not a database" * 200)
    assert read_setting(other, "window.geometry") == ""
    assert other.read_bytes() == b"not a database" * 200


def test_reading_the_window_size_leaves_no_new_file_beside_a_closed_database(workspace, db_path):
    from tuoyu_desktop.services.settings import set_setting

    with workspace.session() as s:
        set_setting(s, "window.geometry", "1000x700+20+30")
    workspace.close()
    before = sorted(p.name for p in db_path.parent.iterdir())
    assert read_setting(db_path, "window.geometry") == "1000x700+20+30"
    assert sorted(p.name for p in db_path.parent.iterdir()) == before
