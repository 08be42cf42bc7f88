import zipfile

import pytest

from newsroom.imports import archives

from .conftest import import_files, outcomes, page, zipped

pytestmark = pytest.mark.django_db
GOOD = "en_chrome_press_release.txt"


def test_the_pages_of_an_archive_are_imported_one_item_each():
    data = zipped({"pages/a.txt": page(GOOD), "pages/b.txt": page("statement_chief_of_mission.txt"),
                   "pages/photo.jpg": b"\xff\xd8", "pages/": b""})

    batch = import_files({"pages.zip": data})

    assert outcomes(batch) == {"pages.zip/pages/a.txt": "created", "pages.zip/pages/b.txt": "created"}


def test_an_entry_climbing_out_of_the_archive_fails_alone():
    data = zipped({"../../etc/evil.txt": page(GOOD), "/abs/evil.txt": page(GOOD), "ok.txt": page(GOOD)})

    batch = import_files({"pages.zip": data})

    reasons = {item.source: (item.outcome, item.reason) for item in batch.items.all()}
    assert reasons["pages.zip/ok.txt"][0] == "created"
    assert reasons["pages.zip/../../etc/evil.txt"] == (
        "failed", "path outside the archive (climbs out with ..): ../../etc/evil.txt"
    )
    assert reasons["pages.zip//abs/evil.txt"][1].startswith("path outside the archive (absolute path)")


def test_a_highly_compressed_entry_is_refused_as_a_zip_bomb():
    data = zipped({"bomb.txt": b"a" * 3_000_000, "ok.txt": page(GOOD)})

    batch = import_files({"pages.zip": data})

    bomb = batch.items.get(source="pages.zip/bomb.txt")
    assert bomb.outcome == "failed"
    assert "possible zip bomb: compression ratio" in bomb.reason
    assert batch.items.get(source="pages.zip/ok.txt").outcome == "created"


def test_an_archive_with_too_many_entries_is_refused_whole(monkeypatch):
    monkeypatch.setattr(archives, "MAX_ENTRIES", 3)
    data = zipped({f"{n}.txt": b"x" for n in range(4)})

    batch = import_files({"many.zip": data, GOOD: page(GOOD)})

    assert outcomes(batch) == {"many.zip": "failed", GOOD: "created"}
    assert batch.items.get(source="many.zip").reason == "archive refused: 4 entries, the limit is 3"


def test_an_archive_that_would_unpack_too_large_is_refused_whole(monkeypatch):
    monkeypatch.setattr(archives, "MAX_TOTAL_BYTES", 10_000)
    data = zipped({"a.txt": b"a" * 6_000, "b.txt": b"b" * 6_000})

    batch = import_files({"big.zip": data})

    assert batch.items.get().reason.startswith("archive refused: it would unpack to 12,000 bytes")


def test_the_ratio_is_enforced_while_reading_even_when_headers_lie(tmp_path, monkeypatch):
    path = tmp_path / "liar.zip"
    path.write_bytes(zipped({"bomb.txt": b"a" * 3_000_000}))
    real_getinfo = zipfile.ZipFile.getinfo

    def getinfo(self, name):
        info = real_getinfo(self, name)
        # A forged header would claim a small, harmless entry size.
        monkeypatch.setattr(archives, "_check_ratio", _strict_after_header(info))
        return info

    monkeypatch.setattr(zipfile.ZipFile, "getinfo", getinfo)
    with pytest.raises(archives.ArchiveRefused, match="zip bomb"):
        archives.read_page(path, "bomb.txt", max_bytes=10**9)


def _strict_after_header(info):
    calls = []
    real = archives.__dict__["_check_ratio"]

    def check(size, compressed):
        calls.append(size)
        if len(calls) == 1:
            return None  # the header check is fooled
        return real(size, compressed)

    return check


def test_a_file_that_is_not_a_zip_is_refused_with_a_reason():
    batch = import_files({"broken.zip": b"PK\x03\x04 not really"})

    assert batch.items.get().reason.startswith("not a readable .zip archive")


def test_each_page_in_an_archive_is_capped_like_a_plain_file(settings):
    settings.NEWSROOM_IMPORT_MAX_BYTES = 20_000
    data = zipped({"huge.txt": b"word " * 5_000, "ok.txt": page(GOOD)})

    batch = import_files({"pages.zip": data})

    huge = batch.items.get(source="pages.zip/huge.txt")
    assert huge.outcome == "failed"
    assert huge.reason == "file too large: 25,000 bytes, the limit is 20,000 bytes"
    assert batch.items.get(source="pages.zip/ok.txt").outcome == "created"
