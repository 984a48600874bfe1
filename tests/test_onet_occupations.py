"""Which O*NET occupations an import keeps, and their aliases, related jobs, zones and key items."""

from __future__ import annotations

import numpy as np
import pytest
from onetfiles import BEACON, COMET, FERRY, FIXTURE, MOSS, RATED, TALLY, lv

from matcher import UnknownOccupationError, gaps, import_onet, load_model
from matcher.errors import OnetWarning


@pytest.fixture(scope="module")
def model():
    return import_onet(FIXTURE)


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
    from matcher.model.moves import moves

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


def test_the_classification_is_the_major_group_not_the_code_as_a_level(model):
    # written as "Major: ... / Middle: 29-1141.00", the code read as a level of the SOC
    profile = model.resolve_occupation(BEACON).profile
    assert profile.classification == (profile.industry,)
