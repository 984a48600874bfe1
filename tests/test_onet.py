"""The O*NET importer: scale mapping, optional files, errors, CLI, and a run on the real database.

The fixture database in tests/fixtures/onet is made up (codes 99-000x.00) but has O*NET's
file names and header rows. What the tests rely on:

* 99-0001.00 Beacon Signal Engineers and 99-0002.00 Harbour Tally Clerks are rated alike
  on everything except the *skill* Mathematics: LV 6 for the first, LV 2 for the second,
  both IM 4. The knowledge area Mathematics is rated too (IM 2, LV 3.5).
* 99-0003.00 Moss Garden Keepers has Programming LV 1.2 marked Not Relevant, and
  Coordination at IM 1, LV 0.
* 99-0005.00 has interests and a job zone but no skills; 99-0006.00 has nothing: both unrated.
* Related Occupations: 0001 -> 0002 (Primary-Short), 0003 (Primary-Long), 0004 (Supplemental).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from helpers import shared_or_skip

from matcher import (
    AssessmentError,
    InputError,
    OnetFormatError,
    UnknownOccupationError,
    gaps,
    import_onet,
    load_model,
    recommend,
)
from matcher.cli import main
from matcher.errors import OnetWarning

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "onet"

BEACON, TALLY, MOSS, FERRY, COMET, LANTERN = (f"99-000{i}.00" for i in range(1, 7))
RATED = [BEACON, TALLY, MOSS, FERRY]
REQUIRED_FILES = ["Occupation Data.txt", "Skills.txt"]
OPTIONAL_FILES = [
    "Knowledge.txt",
    "Abilities.txt",
    "Work Styles.txt",
    "Interests.txt",
    "Alternate Titles.txt",
    "Related Occupations.txt",
    "Job Zones.txt",
    "Content Model Reference.txt",
]


# The documented mapping (matcher/onet.py), written out independently of the importer.
def im(value: float) -> float:
    return (value - 1) / 4


def lv(value: float, importance: float) -> float:
    """The level of an element rated LV ``value`` and IM ``importance``: the mean of LV×5/7
    and (IM − 1)×5/4 (a self-rating's scale)."""
    return (value * 5 / 7 + im(importance) * 5) / 2 if value else 0.0


def oi(value: float) -> float:
    return (value - 1) / 6


@pytest.fixture(scope="module")
def model():
    return import_onet(FIXTURE)


def need(model, code: str, block: str, name: str) -> tuple[float, float]:
    """(importance, level) the model gives one occupation for one feature."""
    column = model.vectorizer.feature_index(block, name)
    assert column is not None, f"{block}:{name} is not a feature"
    row = model.index_of(code)
    return float(model.importance[row, column]), float(model.levels[row, column])


def edit_rows(path: Path, change: Callable[[list[list[str]]], None]) -> None:
    """Rewrite a tab-separated file after ``change`` edits its rows (header included) in place."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    change(rows)
    path.write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")


def set_value(path: Path, code: str, element: str, scale: str, column: str, value: str) -> int:
    """Set ``column`` in the row of (code, element, scale); return that row's line number."""
    found = []

    def change(rows: list[list[str]]) -> None:
        header = rows[0]
        for number, row in enumerate(rows[1:], start=2):
            keys = (row[header.index("O*NET-SOC Code")], row[header.index("Element Name")])
            if keys == (code, element) and row[header.index("Scale ID")] == scale:
                row[header.index(column)] = value
                found.append(number)

    edit_rows(path, change)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- scale mapping


@pytest.mark.parametrize(
    ("code", "block", "name", "expected"),
    [
        # anchors of the documented mapping
        (BEACON, "skill", "Programming", (1.0, 5.0)),  # IM 5, LV 7
        (MOSS, "skill", "Coordination", (0.0, 0.0)),  # IM 1, LV 0
        (BEACON, "trait", "Dependability", (1.0, 5.0)),  # Work Styles IM 5
        (MOSS, "trait", "Stress Tolerance", (0.0, 0.0)),  # Work Styles IM 1
        (BEACON, "interest", "Investigative", (1.0, 5.0)),  # OI 7
        (BEACON, "interest", "Social", (0.0, 0.0)),  # OI 1
        # values between the anchors
        (MOSS, "skill", "Active Listening", (im(4), lv(4, 4))),
        (FERRY, "skill", "Service Orientation", (im(5), lv(6, 5))),
        (FERRY, "skill", "Customer and Personal Service", (im(5), lv(6, 5))),  # Knowledge.txt
        (FERRY, "aptitude", "Oral Expression", (im(4.5), lv(5, 4.5))),  # Abilities.txt
        (MOSS, "trait", "Dependability", (im(3), im(3) * 5)),  # IM 3 -> level 2.5
        (MOSS, "interest", "Realistic", (oi(4), oi(4) * 5)),  # OI 4 -> level 2.5
    ],
)
def test_scales_map_to_profile_ratings_as_documented(model, code, block, name, expected):
    assert need(model, code, block, name) == pytest.approx(expected)


def test_mapped_values_stay_on_the_profile_scales(model):
    assert model.levels.min() >= 0 and model.levels.max() <= 5
    assert model.importance.min() >= 0 and model.importance.max() <= 1


def test_interest_high_point_codes_are_not_features(model):
    assert model.resolve_item("interest", "First Interest High-Point") is None
    assert sorted(
        n
        for b, n in map(model.vectorizer.key, range(model.vectorizer.n_features))
        if b == "interest"
    ) == ["Investigative", "Realistic", "Social"]


def test_knowledge_and_skill_of_one_name_stay_apart(model):
    skill = model.vectorizer.feature_index("skill", "Mathematics")
    knowledge = model.vectorizer.feature_index("skill", "Mathematics (Knowledge)")
    assert skill is not None and knowledge is not None and skill != knowledge
    assert need(model, BEACON, "skill", "Mathematics") == pytest.approx((im(4), lv(6, 4)))
    knowledge_need = need(model, BEACON, "skill", "Mathematics (Knowledge)")
    assert knowledge_need == pytest.approx((im(2), lv(3.5, 2)))
    # A knowledge area no skill shares keeps its own name.
    assert model.resolve_item("skill", "Geography") == "Geography"
    assert model.resolve_item("skill", "Geography (Knowledge)") is None


def test_a_person_can_rate_the_knowledge_area_apart_from_the_skill(model):
    both = recommend(
        {"skills": {"Mathematics": 5, "Mathematics (Knowledge)": 1}}, model=model, top_k=4
    )
    swapped = recommend(
        {"skills": {"Mathematics": 1, "Mathematics (Knowledge)": 5}}, model=model, top_k=4
    )
    assert [r.score for r in both] != [r.score for r in swapped]


def test_not_relevant_level_counts_as_zero(model, onet_dir):
    # Marked Not Relevant: the level is 0 whatever the Data Value; importance is kept.
    assert need(model, MOSS, "skill", "Programming") == pytest.approx((im(1.5), 0.0))
    set_value(onet_dir / "Skills.txt", MOSS, "Programming", "LV", "Not Relevant", "N")
    relevant = import_onet(onet_dir)
    assert need(relevant, MOSS, "skill", "Programming") == pytest.approx((im(1.5), lv(1.2, 1.5)))


# --------------------------------------------------------------------------- occupations


def test_occupations_without_ratings_are_skipped_and_counted(model):
    assert model.ids == RATED
    assert model.extra["unrated"] == 2
    # COMET has interests, a job zone and an alternate title, but no skills.
    for name in (COMET, "Comet Dust Assayers", "Dust Sampler", "Lantern Festival Planners"):
        with pytest.raises(UnknownOccupationError):
            model.resolve_occupation(name)


def test_alternate_titles_become_aliases(model):
    assert model.resolve_occupation("Beacon Technician").id == BEACON
    assert model.resolve_occupation("foghorn tuner").id == BEACON
    assert model.resolve_occupation("Ferry Host").id == FERRY
    # The title itself and a spacing variant are not listed again; a short title ("Tuner")
    # that one occupation alone gives is a name too.
    assert model.catalog.get(BEACON).profile.aliases == (
        "Beacon Technician",
        "Foghorn Tuner",
        "Tuner",
    )
    assert model.resolve_occupation("tuner").id == BEACON


def test_an_alternate_title_two_occupations_give_names_neither(onet_dir):
    """O*NET gives "Certified Nursing Assistant (CNA)" to Surgical Assistants and Nursing
    Assistants (7,166 such shared claims in 29.3): the first in code order was taken, so a
    target or current job of that name silently meant Surgical Assistants. A look-up lists
    both instead; a title still wins over another occupation's alias."""
    path = onet_dir / "Alternate Titles.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Ferry Host", "Foghorn Tuner"), encoding="utf-8")
    model = import_onet(onet_dir)
    with pytest.raises(UnknownOccupationError) as caught:
        model.resolve_occupation("foghorn tuner")
    message = str(caught.value)
    assert "alias of 2 occupations" in message and BEACON in message and FERRY in message
    assert model.resolve_occupation("Beacon Technician").id == BEACON  # its own alone
    assert model.resolve_occupation("Beacon Signal Engineers").id == BEACON


def test_a_short_title_two_occupations_give_is_no_ones_name(onet_dir):
    """O*NET gives "CNA" to Nursing Assistants, Home Health Aides and Surgical Assistants: as
    an alias of the first it would have named Surgical Assistants."""
    path = onet_dir / "Alternate Titles.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Ferry Host\t\t", "Ferry Host\tTuner\t"), encoding="utf-8")
    model = import_onet(onet_dir)
    assert "Tuner" not in model.catalog.get(BEACON).profile.aliases
    assert "Tuner" not in model.catalog.get(FERRY).profile.aliases
    with pytest.raises(UnknownOccupationError) as caught:
        model.resolve_occupation("tuner")
    # said as such, not "no occupation is called 'tuner'" beside a list of near spellings
    message = str(caught.value)
    assert "short title of 2 occupations" in message and BEACON in message and FERRY in message


def test_without_alternate_titles_there_are_no_aliases(onet_dir):
    (onet_dir / "Alternate Titles.txt").unlink()
    with pytest.warns(OnetWarning, match="no aliases"):
        plain = import_onet(onet_dir)
    assert all(o.profile.aliases == () for o in plain.catalog)
    assert plain.resolve_occupation("Beacon Signal Engineers").id == BEACON
    with pytest.raises(UnknownOccupationError, match="Beacon Technician"):
        plain.resolve_occupation("Beacon Technician")


def test_related_jobs_come_from_primary_tiers(model):
    related = {o.id: o.profile.related_jobs for o in model.catalog}
    assert related[BEACON] == ("Harbour Tally Clerks", "Moss Garden Keepers")  # not Supplemental
    assert related[TALLY] == ("Beacon Signal Engineers",)
    assert related[FERRY] == ("Moss Garden Keepers",)
    assert all(model.catalog.resolve(t) for jobs in related.values() for t in jobs)


def test_supplemental_relations_are_moves_a_route_takes_not_related_jobs(model, tmp_path):
    # O*NET relates Registered Nurses to Medical and Health Services Managers only in its
    # Supplemental tier: without it a nurse's route went through Clinical Nurse Specialists
    from matcher.match.moves import moves

    assert model.extra["supplemental_related"] == {BEACON: [FERRY], FERRY: [TALLY]}
    index = moves(model)
    row = model.index_of
    assert row(FERRY) in index.of(row(BEACON)) and row(BEACON) in index.of(row(FERRY))
    assert row(FERRY) not in index.related_of(row(BEACON))  # no related job
    relations = model.arrays["relations_indptr"], model.arrays["relations_indices"]
    start, end = relations[0][row(BEACON)], relations[0][row(BEACON) + 1]
    assert row(FERRY) not in relations[1][start:end].tolist()  # nor a relation the ranking reads
    person = {"current_job": FERRY, "skills": {"Programming": 1}}
    assert [s.occupation_id for s in gaps(person, BEACON, model=model).steps] == [FERRY, BEACON]
    # O*NET documents no career paths: a related job's move is a route, never "career path"
    tally = {"current_job": TALLY, "skills": {"Programming": 1}}
    assert gaps(tally, BEACON, model=model).route == "route"
    saved = load_model(model.save(tmp_path / "onet.model"))
    assert moves(saved).of(row(BEACON)) == index.of(row(BEACON))  # kept in the model file


def test_related_false_leaves_related_jobs_out(model):
    without = import_onet(FIXTURE, related=False)
    assert all(o.profile.related_jobs == () for o in without.catalog)
    assert without.ids == model.ids
    np.testing.assert_array_equal(without.levels, model.levels)
    assert without.catalog_hash != model.catalog_hash  # built from fewer sources


def test_job_zones_are_kept_per_occupation(model, onet_dir):
    zones = model.extra["job_zone"]
    assert {code: zones[code] for code in RATED} == {BEACON: 4, TALLY: 2, MOSS: 1, FERRY: 3}
    (onet_dir / "Job Zones.txt").unlink()
    with pytest.warns(OnetWarning, match="no job zone"):
        assert import_onet(onet_dir).extra["job_zone"] == {}


def test_profiles_list_what_matters_most(model):
    profile = model.catalog.get(BEACON).profile
    assert profile.title == "Beacon Signal Engineers"
    assert profile.summary.startswith("Design, test and tune")
    required = {item.name: item.level for item in profile.required_skills}
    # IM >= 3.5 is required; levels shown on the 0-5 scale.
    assert required == {
        "Programming": pytest.approx(5.0),
        "Mathematics": pytest.approx(round(lv(6, 4), 1)),
        "Geography": pytest.approx(round(lv(5, 4), 1)),
    }
    assert [t.name for t in profile.traits] == ["Dependability"]


# --------------------------------------------------------------------------- abilities


def test_abilities_become_the_aptitude_block_when_present(model):
    assert "aptitude" in model.block_names
    assert model.resolve_item("aptitude", "Near Vision") == "Near Vision"
    assert need(model, BEACON, "aptitude", "Near Vision") == pytest.approx((im(4.5), lv(5, 4.5)))
    aptitudes = [a.name for a in model.catalog.get(BEACON).profile.aptitudes]
    assert aptitudes == ["Near Vision"]  # Oral Expression is IM 2.5 there


def test_without_abilities_there_is_no_aptitude_block(model, onet_dir):
    (onet_dir / "Abilities.txt").unlink()
    with pytest.warns(OnetWarning, match="no aptitudes"):
        plain = import_onet(onet_dir)
    assert "aptitude" not in plain.block_names
    assert plain.resolve_item("aptitude", "Near Vision") is None
    assert all(o.profile.aptitudes == () for o in plain.catalog)
    with pytest.raises(AssessmentError, match="Near Vision"):
        recommend({"aptitudes": {"Near Vision": 3}}, model=plain)
    # Everything else is imported as before.
    for name in plain.vectorizer.feature_names_:
        block, item = name.split(":", 1)
        for code in RATED:
            assert need(plain, code, block, item) == need(model, code, block, item)


# --------------------------------------------------------------------------- ranking


@pytest.mark.parametrize(
    "others",
    [
        {},
        {"skills": {"Programming": 4, "Geography": 3}, "traits": {"Dependability": 4}},
    ],
    ids=["alone", "with-other-items"],
)
@pytest.mark.parametrize(("rating", "better", "worse"), [(5, BEACON, TALLY), (1, TALLY, BEACON)])
def test_numeric_levels_change_the_ranking(model, others, rating, better, worse):
    # BEACON needs Mathematics at LV 6, TALLY at LV 2, at the same importance.
    profile = {key: dict(value) for key, value in others.items()}
    profile.setdefault("skills", {})["Mathematics"] = rating
    ranked = recommend(profile, model=model, top_k=len(RATED))
    order = [r.occupation_id for r in ranked]
    score = {r.occupation_id: r.score for r in ranked}
    assert order.index(better) < order.index(worse)
    assert score[better] >= score[worse]  # both may be met: the score is the share met


def test_the_two_level_twins_tie_when_the_skill_is_not_rated(model):
    ranked = recommend({"skills": {"Programming": 4, "Geography": 3}}, model=model, top_k=4)
    score = {r.occupation_id: r.score for r in ranked}
    assert score[BEACON] == pytest.approx(score[TALLY])


# --------------------------------------------------------------------------- files and errors


@pytest.mark.parametrize("name", REQUIRED_FILES)
def test_a_missing_required_file_is_an_error_naming_it(onet_dir, name):
    (onet_dir / name).unlink()
    with pytest.raises(OnetFormatError, match=re.escape(repr(name))):
        import_onet(onet_dir)


@pytest.mark.parametrize("name", OPTIONAL_FILES)
def test_each_optional_file_may_be_absent_with_a_warning_naming_it(onet_dir, name):
    (onet_dir / name).unlink()
    with pytest.warns(OnetWarning, match=rf"1 optional O\*NET file\(s\) absent.*{name!r}"):
        assert import_onet(onet_dir).ids == RATED


def test_the_two_required_files_are_enough(onet_dir):
    for name in OPTIONAL_FILES:
        (onet_dir / name).unlink()
    with pytest.warns(OnetWarning) as caught:
        bare = import_onet(onet_dir)
    assert len(caught) == 1  # one summary, not one warning per file
    assert all(repr(name) in str(caught[0].message) for name in OPTIONAL_FILES)
    assert bare.ids == RATED
    assert bare.block_names == ("skill",)
    assert need(bare, BEACON, "skill", "Mathematics") == pytest.approx((im(4), lv(6, 4)))
    assert bare.resolve_item("skill", "Mathematics (Knowledge)") is None


@pytest.mark.parametrize(
    ("name", "column"),
    [
        ("Occupation Data.txt", "Title"),
        ("Skills.txt", "Data Value"),
        ("Knowledge.txt", "Scale ID"),
        ("Abilities.txt", "Element Name"),
        ("Work Styles.txt", "O*NET-SOC Code"),
        ("Interests.txt", "Data Value"),
        ("Alternate Titles.txt", "Alternate Title"),
        ("Related Occupations.txt", "Relatedness Tier"),
        ("Job Zones.txt", "Job Zone"),
    ],
)
def test_a_file_with_wrong_columns_is_an_error_naming_file_and_column(onet_dir, name, column):
    def rename(rows: list[list[str]]) -> None:
        rows[0][rows[0].index(column)] = "Renamed"

    edit_rows(onet_dir / name, rename)
    with pytest.raises(OnetFormatError) as caught:
        import_onet(onet_dir)
    message = str(caught.value)
    assert name in message
    assert f"missing column(s) {column!r}" in message


@pytest.mark.parametrize(
    ("name", "code", "element", "scale"),
    [
        ("Skills.txt", MOSS, "Active Listening", "LV"),
        ("Knowledge.txt", FERRY, "Geography", "IM"),
        ("Work Styles.txt", TALLY, "Stress Tolerance", "IM"),
        ("Interests.txt", FERRY, "Social", "OI"),
    ],
)
def test_a_non_numeric_data_value_is_an_error_naming_file_and_line(
    onet_dir, name, code, element, scale
):
    line = set_value(onet_dir / name, code, element, scale, "Data Value", "n/a")
    with pytest.raises(OnetFormatError) as caught:
        import_onet(onet_dir)
    message = str(caught.value)
    assert f"{name}:{line}:" in message
    assert "'n/a'" in message and "Data Value" in message


@pytest.mark.parametrize("name", ["Skills.txt", "Job Zones.txt"])
def test_an_empty_file_is_an_error_naming_it(onet_dir, name):
    (onet_dir / name).write_bytes(b"")
    with pytest.raises(OnetFormatError, match=re.escape(name)):
        import_onet(onet_dir)


def test_skills_without_any_rows_is_an_error(onet_dir):
    edit_rows(onet_dir / "Skills.txt", lambda rows: rows.__delitem__(slice(1, None)))
    with pytest.raises(OnetFormatError, match="no occupation has ratings"):
        import_onet(onet_dir)


def test_an_occupation_listed_twice_is_an_error_naming_file_and_line(onet_dir):
    edit_rows(onet_dir / "Occupation Data.txt", lambda rows: rows.append(list(rows[2])))
    where = re.escape(f"Occupation Data.txt:8: occupation {TALLY!r}")
    with pytest.raises(OnetFormatError, match=where):
        import_onet(onet_dir)


def test_a_path_that_is_not_a_folder_is_an_error(tmp_path):
    with pytest.raises(OnetFormatError, match="not a folder"):
        import_onet(tmp_path / "nowhere")
    with pytest.raises(OnetFormatError, match="not a folder"):
        import_onet(FIXTURE / "Skills.txt")
    assert issubclass(OnetFormatError, InputError)  # so the CLI reports it with exit 2


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def write_lines(path: Path, lines: list[str], *, end: str = "\n") -> None:
    path.write_text("\n".join(lines) + end, encoding="utf-8")


def import_quietly(folder: Path, **options):
    """Import, failing on any warning: the fixture database is whole."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return import_onet(folder, **options)


def test_the_whole_fixture_imports_without_a_warning(onet_dir):
    assert import_quietly(onet_dir).ids == RATED
    (onet_dir / "Related Occupations.txt").unlink()  # not read: nothing to say of it
    assert import_quietly(onet_dir, related=False).ids == RATED


@pytest.mark.parametrize("name", ["Skills.txt", "Occupation Data.txt", "Job Zones.txt"])
def test_a_row_with_too_few_fields_is_an_error_naming_line_and_columns(onet_dir, name):
    path = onet_dir / name
    lines = lines_of(path)
    width = len(lines[0].split("\t"))
    lines[3] = "\t".join(lines[3].split("\t")[:2])  # a row cut after its title
    write_lines(path, lines)
    with pytest.raises(OnetFormatError) as caught:
        import_onet(onet_dir)
    message = str(caught.value)
    assert f"{name}:4: 2 tab-separated field(s) where the header has {width}" in message
    assert "column 'Title'" in message  # where the row ends


def test_a_skills_row_of_three_fields_is_not_dropped_quietly(onet_dir):
    # As in a database where one rating lost its last fields: it used to count as 0.
    path = onet_dir / "Skills.txt"
    lines = lines_of(path)
    lines[5] = "\t".join(lines[5].split("\t")[:3])
    write_lines(path, lines)
    with pytest.raises(OnetFormatError, match=r"Skills.txt:6: 3 tab-separated field\(s\)"):
        import_onet(onet_dir)


def test_a_row_with_an_extra_field_is_an_error_in_matchers_words(onet_dir):
    path = onet_dir / "Skills.txt"
    lines = lines_of(path)
    lines[4] += "\tstray"
    write_lines(path, lines)
    with pytest.raises(OnetFormatError) as caught:
        import_onet(onet_dir)
    message = str(caught.value)
    assert "Skills.txt:5: 16 tab-separated field(s) where the header has 15" in message
    assert "'stray'" in message and "'Domain Source'" in message
    assert "tokenizing" not in message and "C error" not in message  # no pandas text


@pytest.mark.parametrize(
    "name", ["Skills.txt", "Occupation Data.txt", "Related Occupations.txt", "Work Styles.txt"]
)
def test_a_file_cut_off_mid_line_is_an_error(onet_dir, name):
    path = onet_dir / name
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) - 6], encoding="utf-8")  # the last line loses its end
    last = len(text.splitlines())
    with pytest.raises(OnetFormatError, match=rf"{re.escape(name)}:{last}: the file ends inside"):
        import_onet(onet_dir)


def test_an_occupation_cut_short_at_a_line_end_is_warned_of(onet_dir):
    path = onet_dir / "Skills.txt"
    # Night Ferry Stewards loses 3 of its 10 ratings: Service Orientation, and Coordination's LV
    write_lines(path, lines_of(path)[:-3])
    with pytest.warns(OnetWarning) as caught:
        model = import_onet(onet_dir)
    assert len(caught) == 2
    unpaired, missing = (str(w.message) for w in caught)
    assert "Skills.txt: 1 of 4 rated occupation(s) lack some of the 5 elements" in missing
    assert f"'Night Ferry Stewards' ({FERRY}) 4" in missing
    assert "Skills.txt: 1 element(s) of 1 occupation(s) have an IM but no LV row" in unpaired
    assert f"'Night Ferry Stewards' ({FERRY}) 'Coordination' at line 38" in unpaired
    assert FERRY in model.ids  # kept: what it has is true


def test_rows_of_codes_occupation_data_does_not_list_are_warned_of_once(onet_dir):
    # Occupation Data cut at a line end: Night Ferry Stewards (and the unrated 5, 6) vanish.
    path = onet_dir / "Occupation Data.txt"
    write_lines(path, lines_of(path)[:4])
    with pytest.warns(OnetWarning) as caught:
        model = import_onet(onet_dir)
    assert model.ids == [BEACON, TALLY, MOSS]
    messages = [str(w.message) for w in caught]
    skills = [m for m in messages if "Skills.txt:" in m]
    assert len(skills) == 1  # one summary per file, not one warning per row
    assert "Skills.txt: 10 row(s) left out" in skills[0]
    assert f"1 code(s) that 'Occupation Data.txt' does not list (line 32 {FERRY!r}" in skills[0]
    for name in ("Knowledge.txt", "Interests.txt", "Job Zones.txt", "Related Occupations.txt"):
        assert any(f"{name}:" in m and "left out" in m for m in messages), name


def test_a_row_of_an_unknown_code_is_warned_of_with_its_line(onet_dir):
    path = onet_dir / "Knowledge.txt"
    lines = lines_of(path)
    lines.append(lines[1].replace(BEACON, "99-0099.00"))
    write_lines(path, lines)
    with pytest.warns(OnetWarning, match=r"Knowledge.txt: 1 row\(s\) left out.*line 26 '99-0099"):
        import_onet(onet_dir)


def test_occupations_left_without_related_jobs_are_warned_of(onet_dir):
    path = onet_dir / "Related Occupations.txt"
    write_lines(path, lines_of(path)[:-3])  # cut at a line end: Moss and Ferry lose theirs
    with pytest.warns(OnetWarning) as caught:
        import_onet(onet_dir)
    assert len(caught) == 1
    message = str(caught[0].message)
    assert "Related Occupations.txt: 2 of 4 rated occupation(s) have no related jobs" in message
    assert f"'Moss Garden Keepers' ({MOSS})" in message


def test_a_folder_in_place_of_a_file_is_named_as_such(onet_dir):
    (onet_dir / "Skills.txt").unlink()
    (onet_dir / "Skills.txt").mkdir()
    with pytest.raises(OnetFormatError, match=r"Skills.txt: not a file") as caught:
        import_onet(onet_dir)
    assert "missing" not in str(caught.value)


def test_a_job_zone_off_its_scale_is_an_error_naming_the_line(onet_dir):
    path = onet_dir / "Job Zones.txt"
    lines = lines_of(path)
    lines[2] = lines[2].replace("\t2\t", "\ttwo\t")
    write_lines(path, lines)
    message = r"Job Zones.txt:3: column 'Job Zone' holds 'two'; expected a whole number from 1"
    with pytest.raises(OnetFormatError, match=message):
        import_onet(onet_dir)


# --------------------------------------------------------------------------- CLI and persistence


def test_cli_imports_and_saves_a_loadable_model(model, tmp_path, capsys):
    output = tmp_path / "models" / "onet.joblib"
    assert main(["import-onet", str(FIXTURE), "-o", str(output)]) == 0
    printed = capsys.readouterr().out
    assert "imported 4 O*NET occupations" in printed and "2 without ratings" in printed
    loaded = load_model(output)
    assert loaded.ids == model.ids
    np.testing.assert_array_equal(loaded.levels, model.levels)


def test_cli_shows_the_warnings_of_an_import(onet_dir, tmp_path):
    # In a process of its own: pytest would catch the warning before the CLI prints it.
    (onet_dir / "Job Zones.txt").unlink()
    command = ["import-onet", str(onet_dir), "-o", str(tmp_path / "onet.model"), "-q"]
    done = subprocess.run(
        [sys.executable, "-m", "matcher", *command], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("matcher: warning:") and "'Job Zones.txt'" in done.stderr
    assert done.stderr.count("matcher: warning:") == 1


@pytest.mark.parametrize("broken", ["a row of 3 fields", "a file cut off"])
def test_cli_reports_a_damaged_file_with_its_line_and_exit_2(onet_dir, tmp_path, capsys, broken):
    path = onet_dir / "Skills.txt"
    text = path.read_text(encoding="utf-8")
    if broken == "a file cut off":
        path.write_text(text[:-20], encoding="utf-8")
    else:
        lines = text.splitlines()
        lines[1] = "\t".join(lines[1].split("\t")[:3])
        write_lines(path, lines)
    assert main(["import-onet", str(onet_dir), "-o", str(tmp_path / "onet.model")]) == 2
    error = capsys.readouterr().err
    assert error.startswith("matcher: error:") and "Skills.txt:" in error
    assert "Traceback" not in error


@pytest.mark.parametrize("broken", ["missing Skills.txt", "no such folder"])
def test_cli_reports_a_bad_folder_with_exit_2(onet_dir, tmp_path, capsys, broken):
    if broken == "missing Skills.txt":
        (onet_dir / "Skills.txt").unlink()
        folder = onet_dir
    else:
        folder = tmp_path / "nowhere"
    output = tmp_path / "onet.joblib"
    assert main(["import-onet", str(folder), "-o", str(output)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("matcher: error:")
    assert ("Skills.txt" if broken == "missing Skills.txt" else "not a folder") in error
    assert not output.exists()


def test_save_and_load_round_trip(model, tmp_path):
    loaded = load_model(model.save(tmp_path / "onet.joblib"))
    assert loaded.ids == model.ids
    assert [o.profile for o in loaded.catalog] == [o.profile for o in model.catalog]
    assert list(loaded.vectorizer.feature_names_) == list(model.vectorizer.feature_names_)
    np.testing.assert_array_equal(loaded.levels, model.levels)
    np.testing.assert_array_equal(loaded.importance, model.importance)
    assert loaded.extra == model.extra
    assert loaded.catalog_hash == model.catalog_hash
    assert loaded.resolve_occupation("Beacon Technician").id == BEACON
    person = {"skills": {"Mathematics": 4, "Active Listening": 2}, "interests": {"Social": 1}}
    before = [(r.occupation_id, r.score) for r in recommend(person, model=model, top_k=4)]
    after = [(r.occupation_id, r.score) for r in recommend(person, model=loaded, top_k=4)]
    assert after == before


def test_similar_returns_neighbours(model):
    neighbours = model.similar(BEACON)
    assert neighbours[0].occupation_id == TALLY  # rated alike but for one level
    assert sorted(n.occupation_id for n in neighbours) == [TALLY, MOSS, FERRY]
    similarities = [n.similarity for n in neighbours]
    assert similarities == sorted(similarities, reverse=True)
    assert all(0 <= s <= 1 for s in similarities)
    assert model.similar("Beacon Technician", k=1) == neighbours[:1]


# --------------------------------------------------------------------------- the real database

NURSE = {
    "skills": {
        "Service Orientation": 5,
        "Social Perceptiveness": 5,
        "Active Listening": 4,
        "Monitoring": 4,
        "Critical Thinking": 4,
        "Medicine and Dentistry": 4,
        "Customer and Personal Service": 4,
        "Psychology": 3,
        "Biology": 3,
        "Therapy and Counseling": 3,
        "Mathematics": 2,
        "Programming": 0,
        "Repairing": 0,
        "Equipment Maintenance": 0,
        "Technology Design": 0,
    },
    "traits": {
        "Concern for Others": 5,
        "Dependability": 5,
        "Stress Tolerance": 5,
        "Attention to Detail": 5,
        "Self-Control": 4,
    },
    "interests": {
        "Social": 5,
        "Investigative": 3,
        "Conventional": 2,
        "Realistic": 2,
        "Enterprising": 1,
        "Artistic": 1,
    },
}


@pytest.fixture(scope="module")
def real_onet():
    folder = shared_or_skip("onet")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = import_onet(folder)
    return folder, model, [str(w.message) for w in caught]


def test_real_database_warns_only_of_what_is_true_of_it(real_onet):
    # The shared 29.3 subset ships without Abilities.txt, and nothing else is amiss:
    # every code is listed and every rated occupation has every rating, zone and relation.
    folder, _, messages = real_onet
    absent = [n for n in OPTIONAL_FILES if not (folder / n).is_file()]
    if not absent:
        assert messages == []
    else:
        assert len(messages) == 1 and all(repr(n) in messages[0] for n in absent)


def is_nursing(title: str) -> bool:
    return "nurs" in title.lower()


def test_real_database_imports_its_rated_occupations(real_onet):
    folder, real, _ = real_onet
    assert len(real.catalog) >= 800
    with open(folder / "Occupation Data.txt", encoding="utf-8-sig") as handle:
        listed = sum(1 for line in handle if line.strip()) - 1
    assert len(real.catalog) + real.extra["unrated"] == listed
    assert {"skill", "trait", "interest"} <= set(real.block_names)
    assert ("aptitude" in real.block_names) == (folder / "Abilities.txt").is_file()
    assert real.resolve_item("skill", "Mathematics (Knowledge)") == "Mathematics (Knowledge)"
    assert real.levels.min() >= 0 and real.levels.max() <= 5
    assert real.importance.min() >= 0 and real.importance.max() <= 1
    nurses = real.resolve_occupation("Registered Nurses")
    assert 1 <= real.extra["job_zone"][nurses.id] <= 5
    assert nurses.profile.related_jobs


def test_real_database_recommends_nursing_to_a_nurse(real_onet):
    _, real, _ = real_onet
    titles = [r.title for r in recommend(NURSE, model=real, top_k=10)]
    assert any(is_nursing(t) for t in titles), titles


def test_real_database_neighbours_of_registered_nurses(real_onet):
    _, real, _ = real_onet
    titles = [n.title for n in real.similar("Registered Nurses")]
    assert "Registered Nurses" not in titles
    assert any(is_nursing(t) for t in titles), titles


def test_values_outside_their_scale_and_missing_values_name_the_line(tmp_path):
    folder = tmp_path / "onet"
    shutil.copytree(FIXTURE, folder)
    skills = folder / "Skills.txt"
    lines = skills.read_text(encoding="utf-8").splitlines()
    lines.insert(2, "")  # a blank line must not shift the reported line numbers
    fields = lines[4].split("\t")
    fields[6] = "9"
    scale = fields[4]
    lines[4] = "\t".join(fields)
    skills.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = "from 0 to 7" if scale == "LV" else "from 1 to 5"
    message = rf"Skills.txt:5: column 'Data Value' holds '9'; expected a number {expected}"
    with pytest.raises(OnetFormatError, match=message):
        import_onet(folder)
    fields[6] = ""
    lines[4] = "\t".join(fields)
    skills.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(OnetFormatError, match=r"Skills.txt:5: column 'Data Value' holds ''"):
        import_onet(folder)


def test_a_rating_given_twice_is_an_error_naming_both_lines(onet_dir):
    # the later row won unsaid: which rating counts would be the file order's choice
    path = onet_dir / "Skills.txt"
    lines = lines_of(path)
    write_lines(path, [*lines, lines[1]])
    with pytest.raises(OnetFormatError, match=rf"Skills\.txt:{len(lines) + 1}: a second .* rating"):
        import_onet(onet_dir)
    with pytest.raises(OnetFormatError, match="the first at line 2"):
        import_onet(onet_dir)


def test_a_block_the_model_lacks_is_named_as_such(onet_dir):
    # without Abilities.txt an O*NET model has no aptitudes: "unknown aptitude name; no close
    # match" hid why
    (onet_dir / "Abilities.txt").unlink()
    with pytest.warns(OnetWarning):
        model = import_onet(onet_dir)
    with pytest.raises(AssessmentError, match="this model has no aptitudes"):
        recommend({"aptitudes": {"Oral Comprehension": 4}}, model=model)


def test_recommend_says_what_its_numbers_are_and_what_it_could_not_rank(model, tmp_path, capsys):
    """A reader took the order for the order of the scores or of the confidences; and the
    occupations O*NET lists without ratings were missing without a word."""
    path = model.save(tmp_path / "onet.model")
    profile = tmp_path / "p.json"
    profile.write_text('{"skills": {"Mathematics": 4, "Programming": 2}}', encoding="utf-8")
    assert main(["recommend", str(profile), "--model", str(path)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "confidence is the chance that it is your occupation" in out
    assert "score is the share of its key items your ratings meet" in out
    unrated = model.extra["skipped"]
    assert len(unrated) == 2  # the fixture's two occupations without ratings
    assert (
        f"Not ranked: 2 occupations of the source have no ratings (such as {', '.join(unrated)})"
        in out
    )


def test_the_classification_is_the_major_group_not_the_code_as_a_level(model):
    # written as "Major: ... / Middle: 29-1141.00", the code read as a level of the SOC
    profile = model.resolve_occupation(BEACON).profile
    assert profile.classification == (profile.industry,)
