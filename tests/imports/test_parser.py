"""The page-dump parser reads invented pages the way a careful person would.

Every fixture under tests/fixtures/pages is invented text in the shape of a
crawler's dump: navigation chrome lines first, then the article.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
from pathlib import Path

import pytest

from newsroom.imports.parser import (
    KINDS,
    ContactRef,
    DocumentRef,
    DonorCredit,
    PageRecord,
    parse_page,
)

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
ALIASES = {
    "japan": "Government of Japan",
    "government of japan": "Government of Japan",
    "the government of japan": "Government of Japan",
    "japanese government": "Government of Japan",
    "eu": "European Union",
    "european union": "European Union",
    "الاتحاد الأوروبي": "European Union",
    "canada": "Government of Canada",
    "government of canada": "Government of Canada",
}


def parse_fixture(name: str, **kwargs: object) -> PageRecord:
    text = (PAGES / f"{name}.txt").read_text(encoding="utf-8")
    return parse_page(text, source=name, donor_aliases=ALIASES, **kwargs)


def body(*lines: str) -> str:
    return "\n".join(lines)


FILLER = (
    "The teams visited every household in the neighbourhood over three weeks, "
    "recording needs and referring families to local services."
)


# --- the record ---------------------------------------------------------------


def test_every_fixture_parses_to_a_known_kind_with_body_text():
    for path in sorted(PAGES.glob("*.txt")):
        record = parse_page(path.read_text(encoding="utf-8"), source=path.name)
        assert record.kind in KINDS, path.name
        assert record.paragraphs, path.name
        assert record.source == path.name


def test_credits_contacts_and_documents_are_frozen_values():
    for cls in (DonorCredit, ContactRef, DocumentRef):
        assert dataclasses.fields(cls)
        assert cls.__dataclass_params__.frozen


# --- chrome -------------------------------------------------------------------


def test_it_strips_the_english_country_chrome_before_the_title():
    record = parse_fixture("en_chrome_press_release")
    assert record.title == "New Water Network Reaches 12,000 Residents in West Mosul"
    assert record.paragraphs[0].startswith("A rebuilt water network")
    joined = "\n".join(record.paragraphs)
    for chrome_word in ("Who We Are", "WHO WE ARE", "Global Office", "Take Action", "2030 Agenda"):
        assert chrome_word not in joined


def test_it_strips_arabic_chrome_around_an_english_story():
    record = parse_fixture("ar_chrome_en_story")
    assert record.title == "A Bakery That Brought Two Neighbourhoods Together"
    assert record.paragraphs[0].startswith("When Hevi Salim opened")
    assert not any("من نحن" in p or "عملنا" in p for p in record.paragraphs)


def test_it_strips_arabic_chrome_around_an_arabic_article():
    record = parse_fixture("ar_chrome_ar_article")
    assert record.title == "افتتاح مركز صحي جديد في سنجار"
    assert record.paragraphs[0].startswith("افتتح المكتب الإقليمي")
    assert len(record.paragraphs) == 3


def test_it_strips_the_global_site_chrome():
    record = parse_fixture("global_chrome_press_release")
    assert record.title == "Twenty Ambulances Strengthen Emergency Care in Erbil and Dohuk"
    assert record.paragraphs[0].startswith("The Republic of Korea has donated")
    assert not any("Get involved" in p or "Work with us" in p for p in record.paragraphs)


def test_it_reads_a_page_with_no_chrome_at_all():
    record = parse_fixture("no_chrome_news")
    assert record.title == "Mobile Clinics Resume Visits to Villages South of Mosul"
    assert len(record.paragraphs) == 4


def test_it_skips_news_and_local_labels_above_the_title():
    record = parse_fixture("news_local_header")
    assert record.title == "Floods Damage Shelters in Two Camps Near Basra"
    assert "News" not in record.paragraphs and "Local" not in record.paragraphs


def test_it_skips_arabic_section_labels_above_the_title():
    record = parse_fixture("ar_short_header")
    assert record.title == "توزيع مستلزمات الشتاء على الأسر العائدة في الأنبار"
    assert "أخبار" not in record.paragraphs and "محلي" not in record.paragraphs


def test_it_takes_the_last_label_sized_heading_as_the_title():
    record = parse_page(body("News", "Global", "Floods in Basra", f"Basra – {FILLER}"))
    assert record.title == "Floods in Basra"


def test_it_recognises_chrome_by_its_shape_not_its_wording():
    page = body(
        "-",
        "Mission",
        "MISSIONA paragraph about a made-up agency that nobody has written before, glued to its heading.",
        "Offices",
        "Offices",
        "- Vacancies",
        "- Donate",
        "Orchard Cooperative Ships Its First Harvest",
        f"Duhok – {FILLER}",
    )
    record = parse_page(page)
    assert record.title == "Orchard Cooperative Ships Its First Harvest"
    assert record.dateline == "Duhok"
    assert record.paragraphs == [FILLER]


def test_a_page_of_chrome_only_has_no_body_and_kind_other():
    page = body("-", "Who We Are", "About", "About", "- Take Action", "- Careers")
    record = parse_page(page)
    assert record.kind == "other"
    assert record.paragraphs == []
    assert record.warnings


# --- kind ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "kind"),
    [
        ("en_chrome_press_release", "press_release"),
        ("global_chrome_press_release", "press_release"),
        ("ar_chrome_ar_article", "press_release"),
        ("ckb_article", "press_release"),
        ("ar_chrome_en_story", "story"),
        ("titleless_story", "story"),
        ("statement_chief_of_mission", "statement"),
        ("listing_page", "listing"),
        ("no_chrome_news", "news"),
        ("news_local_header", "news"),
        ("ar_short_header", "news"),
        ("other_static_page", "other"),
    ],
)
def test_it_tells_the_kind_of_page(fixture, kind):
    assert parse_fixture(fixture).kind == kind


def test_an_arabic_title_starting_with_statement_is_a_statement():
    record = parse_page(
        body(
            "بيان رئيس البعثة بمناسبة اليوم العالمي للاجئين",
            "نقف اليوم مع كل أسرة اضطرت إلى ترك منزلها، ونشكر المجتمعات التي استقبلتها.",
        )
    )
    assert record.kind == "statement"


def test_a_byline_makes_a_story_even_with_a_dateline():
    record = parse_page(body("Seeds of Hope", "By: Noor Salem", f"Sinjar – {FILLER}"))
    assert record.kind == "story"


def test_a_listing_page_has_a_heading_title_and_no_single_date():
    record = parse_fixture("listing_page")
    assert record.title == "Latest Updates"
    assert record.date is None
    assert any("listing" in warning for warning in record.warnings)
    assert "Youth Football League Kicks Off in Tikrit" in record.paragraphs


# --- title --------------------------------------------------------------------


def test_it_derives_and_flags_a_title_when_the_dump_has_none():
    record = parse_fixture("titleless_story")
    assert record.title_derived is True
    assert record.title.startswith("Every Thursday afternoon, a dozen women gather")
    assert len(record.title) <= 91
    assert record.title.endswith("…") and not record.title[:-1].endswith(" ")
    assert any("title derived" in warning for warning in record.warnings)
    assert record.paragraphs[0].startswith("Every Thursday afternoon")


def test_a_short_first_sentence_becomes_the_whole_derived_title():
    record = parse_page(f"Dr. Hana Aziz opened the clinic today. {FILLER}")
    assert record.title == "Dr. Hana Aziz opened the clinic today"
    assert record.title_derived is True


def test_a_title_found_in_the_dump_is_not_flagged():
    record = parse_fixture("no_chrome_news")
    assert record.title_derived is False
    assert not any("title" in warning for warning in record.warnings)


# --- dateline -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "place"),
    [
        ("Baghdad – ", "Baghdad"),
        ("Baghdad — ", "Baghdad"),
        ("Iraq - ", "Iraq"),
        ("Erbil -- ", "Erbil"),
        ("Ninewa Governorate — ", "Ninewa Governorate"),
        ("Baghdad, Iraq – ", "Baghdad"),
        ("BAGHDAD – ", "Baghdad"),
        ("Salah al-Din – ", "Salah al-Din"),
        ("بغداد – ", "بغداد"),
    ],
)
def test_it_finds_the_dateline_with_any_dash(opening, place):
    record = parse_page(body("Winter Kits Reach Families", opening + FILLER))
    assert record.dateline == place
    assert record.paragraphs[0] == FILLER


def test_it_finds_the_dateline_with_an_em_dash():
    record = parse_fixture("no_chrome_news")
    assert record.dateline == "Ninewa Governorate"
    assert record.paragraphs[0].startswith("Four mobile clinics resumed")


def test_it_takes_the_date_written_in_the_dateline():
    record = parse_fixture("en_chrome_press_release")
    assert record.dateline == "Mosul"
    assert record.date == datetime.date(2023, 5, 14)


@pytest.mark.parametrize(
    "sentence",
    [
        "The plan agreed by the partners in the spring - after long talks - will run until 2025.",
        "Families who came back to the village last year – most of them farmers – now grow wheat.",
        "IOM Chief of Mission – speaking at the opening – thanked the volunteers for their work.",
    ],
)
def test_a_dash_in_the_middle_of_a_sentence_is_not_a_dateline(sentence):
    record = parse_page(body("A Title For The Test", sentence, FILLER))
    assert record.dateline == ""
    assert record.paragraphs[0] == sentence


# --- byline -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("By: Layla Karim", "Layla Karim"),
        ("By Layla Karim", "Layla Karim"),
        ("By Layla Karim, Communications Officer", "Layla Karim, Communications Officer"),
        ("• Layla Karim | Communications Officer", "Layla Karim (Communications Officer)"),
        ("بقلم: ليلى كريم", "ليلى كريم"),
    ],
)
def test_it_reads_the_byline(line, byline):
    record = parse_page(body("Bread and Neighbours", line, FILLER, FILLER))
    assert record.byline == byline
    assert line not in record.paragraphs


def test_the_arabic_chrome_story_has_its_byline():
    assert parse_fixture("ar_chrome_en_story").byline == "Layla Karim"


def test_a_sentence_starting_with_by_is_not_a_byline():
    sentence = "By building trust between neighbours, the programme reduced disputes over water."
    record = parse_page(body("Water Committees", sentence, FILLER))
    assert record.byline == ""
    assert record.paragraphs[0] == sentence


# --- date ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Date: 12 March 2023",
        "March 12, 2023",
        "2023-03-12",
        "Published: Sunday, 12 March 2023",
        "12 آذار 2023",
    ],
)
def test_it_reads_a_date_line_near_the_top(line):
    record = parse_page(body("Clinic Opens", line, FILLER))
    assert record.date == datetime.date(2023, 3, 12)
    assert line not in record.paragraphs


def test_the_statement_date_line_is_read_and_removed():
    record = parse_fixture("statement_chief_of_mission")
    assert record.date == datetime.date(2024, 6, 20)
    assert not any(p.startswith("Date:") for p in record.paragraphs)


def test_years_inside_sentences_are_not_taken_as_the_date():
    record = parse_page(
        body(
            "Ten Years of Work",
            "In 2017 the office opened its doors. " + FILLER,
            "On 3 May 2019 a second office followed in the north of the country.",
        )
    )
    assert record.date is None


# --- paragraphs -------------------------------------------------------------------


def test_it_joins_hard_wrapped_lines_into_paragraphs():
    record = parse_fixture("hard_wrapped")
    assert record.title == "Cash for Work Programme Clears Irrigation Canals Near Kirkuk"
    assert record.dateline == "Kirkuk"
    assert len(record.paragraphs) == 4
    assert record.paragraphs[0].startswith(
        "More than 300 workers have cleared 45 kilometres of irrigation canals in"
    )
    assert record.paragraphs[0].endswith("dry for three seasons.")
    assert "long-term plan" in record.paragraphs[1]
    assert record.contacts == [ContactRef("Sara Lind", "+964 750 222 1100", "slind@example.org")]


def test_one_line_paragraphs_are_not_joined():
    record = parse_fixture("en_chrome_press_release")
    assert len(record.paragraphs) == 4


def test_markup_in_the_text_is_kept_as_literal_text():
    record = parse_fixture("markup_in_text")
    assert "<script>alert('this is text, not code')</script>" in record.paragraphs
    assert any("<b>Parents joined</b>" in p for p in record.paragraphs)
    assert len(record.paragraphs) == 4


# --- language -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "language"),
    [
        ("en_chrome_press_release", "en"),
        ("ar_chrome_en_story", "en"),
        ("ar_chrome_ar_article", "ar"),
        ("ar_short_header", "ar"),
        ("ckb_article", "ckb"),
    ],
)
def test_it_detects_the_body_language_not_the_chrome_language(fixture, language):
    assert parse_fixture(fixture).language == language


def test_an_arabic_text_naming_a_kurdish_place_stays_arabic():
    text = body(
        "زيارة ميدانية",
        "زار الفريق مدينة أربيل (هەولێر) للقاء الأسر النازحة والاستماع إلى احتياجاتها في فصل الشتاء القادم.",
    )
    assert parse_page(text).language == "ar"


# --- donors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name", "phrase"),
    [
        (
            "The centre opened with funding from the Government of Japan last week.",
            "Government of Japan",
            "with funding from the Government of Japan",
        ),
        ("The EU-funded project trained forty nurses.", "European Union", "EU-funded"),
        (
            "A European Union-funded team repaired the school.",
            "European Union",
            "European Union-funded",
        ),
        ("The Japan-funded shelters were handed over.", "Government of Japan", "Japan-funded"),
        (
            "Thanks to the Government of Canada for supporting the launch.",
            "Government of Canada",
            "Thanks to the Government of Canada for supporting",
        ),
        (
            "The programme is funded by the European Union.",
            "European Union",
            "funded by the European Union",
        ),
        (
            "The Japanese Government has donated two generators.",
            "Government of Japan",
            "The Japanese Government has donated",
        ),
        (
            "In 2019, with the support of the Government of Japan, IOM trained judges.",
            "Government of Japan",
            "with the support of the Government of Japan",
        ),
        (
            "It was built thanks to a generous contribution from the EU.",
            "European Union",
            "thanks to a generous contribution from the EU",
        ),
    ],
)
def test_it_credits_the_funder_named_by_each_phrase(sentence, name, phrase):
    record = parse_page(body("Some Title Here", sentence, FILLER), donor_aliases=ALIASES)
    assert record.donors == [DonorCredit(name=name, known=True, phrase=phrase)]


def test_an_unknown_funder_is_proposed_as_written_without_the():
    record = parse_fixture("en_chrome_press_release")
    assert record.donors == [
        DonorCredit("Government of Norway", False, "with funding from the Government of Norway"),
        DonorCredit("European Union", True, "European Union-funded"),
    ]


def test_one_credit_per_funder_keeping_the_first_phrase():
    text = body(
        "Japan-funded Clinics Open",
        "The clinics opened with funding from the Government of Japan. " + FILLER,
    )
    record = parse_page(text, donor_aliases=ALIASES)
    assert record.donors == [DonorCredit("Government of Japan", True, "Japan-funded")]


def test_a_partner_government_is_not_a_donor():
    text = body(
        "Working Together",
        "IOM works in partnership with the Government of Iraq, with the support of the Government of Iraq and local leaders. "
        + FILLER,
    )
    assert parse_page(text, donor_aliases=ALIASES).donors == []


def test_local_authorities_helping_are_not_donors():
    record = parse_fixture("en_chrome_press_release")
    assert "Ninewa" not in [donor.name for donor in record.donors]


def test_alias_matching_ignores_case_and_a_leading_the():
    aliases = {"The Government of Japan": "Government of Japan"}
    record = parse_page(
        body("Title Words", "Built WITH FUNDING FROM THE GOVERNMENT OF JAPAN. " + FILLER),
        donor_aliases=aliases,
    )
    assert [(d.name, d.known) for d in record.donors] == [("Government of Japan", True)]


def test_several_funders_in_one_phrase_are_credited_separately():
    text = body(
        "Title Words",
        "The project is funded by the European Union and the Government of Germany. " + FILLER,
    )
    record = parse_page(text, donor_aliases=ALIASES)
    assert [(d.name, d.known) for d in record.donors] == [
        ("European Union", True),
        ("Government of Germany", False),
    ]


def test_a_funder_name_with_and_inside_stays_whole():
    record = parse_fixture("no_chrome_news")
    assert [d.name for d in record.donors] == ["Swiss Agency for Development and Cooperation (SDC)"]


def test_arabic_and_kurdish_funding_phrases_are_credited():
    assert parse_fixture("ar_chrome_ar_article").donors == [
        DonorCredit("European Union", True, "بتمويل من الاتحاد الأوروبي")
    ]
    assert [d.name for d in parse_fixture("ckb_article").donors] == ["حکومەتی ئەڵمانیا"]


def test_a_donation_phrase_is_credited():
    assert parse_fixture("global_chrome_press_release").donors == [
        DonorCredit("Republic of Korea", False, "The Republic of Korea has donated")
    ]


# --- contacts -------------------------------------------------------------------------


def test_it_reads_a_multi_line_contact_block():
    record = parse_fixture("en_chrome_press_release")
    assert record.contacts == [
        ContactRef("Leila Haddad", "+964 750 555 0101", "lhaddad@example.org"),
        ContactRef("Omar Farouk", "+964 770 555 0202", "ofarouk@example.org"),
    ]
    assert not any("please contact" in p or "@" in p for p in record.paragraphs)


def test_it_reads_an_inline_contact():
    record = parse_fixture("global_chrome_press_release")
    assert record.contacts == [ContactRef("Jane Roe", "+964 751 000 3344", "jroe@example.org")]


def test_it_reads_contacts_with_labels_on_their_own_lines():
    text = body(
        "Title Words",
        FILLER,
        "For media enquiries, please contact:",
        "Jane Roe",
        "Tel: +964 750 000 1111.",
        "Email: jroe@example.org",
    )
    assert parse_page(text).contacts == [
        ContactRef("Jane Roe", "+964 750 000 1111", "jroe@example.org")
    ]


def test_it_reads_arabic_and_kurdish_contact_blocks():
    assert parse_fixture("ar_chrome_ar_article").contacts == [
        ContactRef("سارة كريم", "+964 750 123 4567", "skarim@example.org")
    ]
    assert parse_fixture("ckb_article").contacts == [
        ContactRef("دلێر ئەحمەد", "+964 750 987 6543", "dahmad@example.org")
    ]


def test_a_contact_mentioned_in_passing_keeps_its_paragraph():
    sentence = (
        "Reporters who wish to visit should contact Jane Roe, Tel: +964 750 000 1111, a week ahead."
    )
    record = parse_page(body("Title Words", FILLER, sentence))
    assert sentence in record.paragraphs
    assert record.contacts == [ContactRef("Jane Roe", "+964 750 000 1111", "")]


# --- related documents --------------------------------------------------------------------


def test_it_pairs_urls_with_their_titles_and_removes_them_from_the_body():
    record = parse_fixture("related_documents")
    assert record.related_documents == [
        DocumentRef("The complete dataset", "https://data.example.org/tracking/2023-h1"),
        DocumentRef(
            "Returns Snapshot – June 2023",
            "https://example.org/files/returns-snapshot-june-2023.pdf",
        ),
        DocumentRef("Shelter Needs Factsheet – May 2023", ""),
        DocumentRef("Market Monitoring Brief – April 2023", ""),
        DocumentRef("Market Monitor", "https://example.org/files/market-monitor.pdf"),
    ]
    joined = "\n".join(record.paragraphs)
    assert "http" not in joined and "Related Documents" not in joined and "Factsheet" not in joined


def test_a_url_line_takes_the_title_after_it_when_titles_follow_urls():
    text = body(
        "Title Words",
        FILLER,
        "https://example.org/a.pdf",
        "Site Profile – Camp A",
        "https://example.org/b.pdf",
        "Site Profile – Camp B",
    )
    assert parse_page(text).related_documents == [
        DocumentRef("Site Profile – Camp A", "https://example.org/a.pdf"),
        DocumentRef("Site Profile – Camp B", "https://example.org/b.pdf"),
    ]


def test_an_empty_related_documents_heading_is_dropped():
    record = parse_page(body("Title Words", FILLER, "Related Documents"))
    assert record.related_documents == []
    assert record.paragraphs == [FILLER]


# --- places -------------------------------------------------------------------------------


def test_it_lists_canonical_places_in_order_of_first_appearance():
    record = parse_fixture("related_documents")
    assert record.places == ["Anbar", "Salah al-Din", "Baghdad", "Fallujah", "Ramadi", "Tikrit"]


def test_it_maps_spelling_variants_to_canonical_places():
    text = body(
        "Visits to Nineveh and Arbil",
        "Teams travelled from Duhok to Mosul and back to Arbil twice. " + FILLER,
    )
    assert parse_page(text).places == ["Ninewa", "Erbil", "Dohuk", "Mosul"]


def test_it_finds_places_written_in_arabic():
    assert parse_fixture("ar_chrome_ar_article").places == ["Sinjar", "Ninewa", "Mosul"]


def test_places_match_whole_words_only():
    text = body("Title Words", "The Mosulite poet and the Kirkukian singer met in Basra. " + FILLER)
    assert parse_page(text).places == ["Basra"]


# --- robustness ---------------------------------------------------------------------------


def test_it_copes_with_crlf_tabs_no_break_spaces_and_zero_width_characters():
    clean = parse_fixture("en_chrome_press_release")
    raw = (PAGES / "en_chrome_press_release.txt").read_text(encoding="utf-8")
    messy = raw.replace("\n", "\r\n").replace(" – ", "\u00a0–\t").replace("Mosul", "Mo\u200bsul")
    record = parse_page(messy, donor_aliases=ALIASES)
    assert record.title == clean.title
    assert record.dateline == "Mosul"
    assert record.paragraphs == clean.paragraphs
    assert record.contacts == clean.contacts


@pytest.mark.parametrize("text", ["", "   \n\t\n", "\u200b\u200b", "-\n-\n-"])
def test_an_empty_page_is_kind_other_with_a_warning(text):
    record = parse_page(text)
    assert record.kind == "other"
    assert record.paragraphs == []
    assert record.warnings


def test_it_never_raises_on_random_input():
    rng = random.Random(20240601)
    alphabet = "abc XYZ-–—.:,\n\t\r<>@+0123456789بغدادهەولێر\u200b\u00a0•|"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))
        record = parse_page(text)
        assert record.kind in KINDS
        assert not any("could not parse" in w for w in record.warnings), text
