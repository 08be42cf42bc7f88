"""The five crawled seed pages, read as a careful person would.

The seeds live outside the repository (shared/seeds beside it); the test
is skipped where they are absent. Only short expected values (titles,
names) appear here, never the pages' sentences.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsroom.imports.parser import ContactRef, PageRecord, parse_page

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
ALIASES = {
    "japan": "Government of Japan",
    "government of japan": "Government of Japan",
    "japanese government": "Government of Japan",
    "canada": "Government of Canada",
    "government of canada": "Government of Canada",
    "eu": "European Union",
    "european union": "European Union",
}

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"no seed pages at {SEEDS}")


def seed(number: str) -> PageRecord:
    [path] = SEEDS.glob(f"{number}_*.txt")
    return parse_page(path.read_text(encoding="utf-8"), source=path.name, donor_aliases=ALIASES)


def donor_names(record: PageRecord) -> list[str]:
    return [donor.name for donor in record.donors]


def test_seed_000_has_lost_its_title_so_one_is_derived_and_flagged():
    record = seed("000")
    assert record.title_derived is True
    assert 0 < len(record.title) <= 91
    assert any("title derived" in warning for warning in record.warnings)
    assert record.kind in {"story", "news"}
    assert record.contacts == []
    assert record.language == "en"
    assert record.paragraphs[0].startswith("As the world marks")


def test_seed_000_credits_canada_with_the_thanks_phrase():
    [donor] = seed("000").donors
    assert donor.name == "Government of Canada" and donor.known
    assert donor.phrase == "Thanks to the Government of Canada for supporting"


def test_seed_000_keeps_iraq_as_a_partner_not_a_donor():
    assert "Government of Iraq" not in donor_names(seed("000"))


def test_seed_001_is_a_statement_from_the_chief_of_mission():
    record = seed("001")
    assert record.kind == "statement"
    assert (
        record.title == "Statement from IOM Iraq Chief of Mission on International Women's Day 2023"
    )
    assert record.title_derived is False
    assert record.donors == []
    assert record.contacts == []
    assert len(record.paragraphs) == 4


def test_seed_002_is_a_press_release_with_a_dateline_donor_and_contacts():
    record = seed("002")
    assert (
        record.title
        == "IOM Iraq Facilitates Peacebuilding Activities in Conflict-affected Communities"
    )
    assert record.dateline == "Iraq"
    assert record.kind == "press_release"
    assert donor_names(record) == ["Government of Japan"]
    assert record.donors[0].known
    assert record.contacts == [
        ContactRef("Sandra Black", "+964 751 234 2550", "sblack@iom.int"),
        ContactRef("Hala Jaber", "+964 751 740 1654", "hjaberbent@iom.int"),
    ]
    assert record.paragraphs[0].startswith("In conflict-affected")
    assert "Ninewa" in record.places and "Mosul" in record.places


def test_seed_002_lists_its_related_documents_and_links():
    record = seed("002")
    urls = [doc.url for doc in record.related_documents]
    assert "http://iraqdtm.iom.int/EmergencyTracking.aspx" in urls
    assert "http://iomiraq.net/file/23765/download" in urls
    titles = [doc.title for doc in record.related_documents]
    assert "IOM Iraq DTM Snapshot- April 4" in titles
    assert any("Factsheet" in title for title in titles)
    joined = "\n".join(record.paragraphs)
    assert "http" not in joined and "Related Documents" not in joined
    assert "please contact" not in joined


def test_seed_003_is_an_english_story_inside_arabic_chrome():
    record = seed("003")
    assert record.language == "en"
    assert record.byline == "Sabah Abdulrahman"
    assert record.kind == "story"
    assert record.title.endswith("Contributes to Peace and Stability in Iraq")
    assert donor_names(record) == ["European Union"]
    assert record.donors[0].phrase in {"EU-Funded", "European Union-funded"}
    assert not any("من نحن" in p for p in record.paragraphs)
    assert "Kirkuk" in record.places


def test_seed_004_is_a_press_release_inside_the_global_chrome():
    record = seed("004")
    assert record.title.startswith("Japan, IOM Partner to Address Drivers of Instability")
    assert record.dateline == "Baghdad"
    assert record.kind == "press_release"
    assert donor_names(record) == ["Government of Japan"]
    assert record.contacts == [ContactRef("Sandra Black", "+964 751 234 2550", "sblack@iom.int")]
    assert not any(p in {"What We Do", "Partnerships", "Get involved"} for p in record.paragraphs)
    assert record.paragraphs[0].startswith("Iraq is at a critical juncture")
