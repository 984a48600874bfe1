"""The O*NET importer's model: the scale mapping, the aptitude block, ranking, a saved model.

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

import numpy as np
import pytest
from onetfiles import BEACON, FERRY, FIXTURE, MOSS, RATED, TALLY, im, lv, need, oi, set_value

from matcher import AssessmentError, import_onet, load_model, recommend
from matcher.errors import OnetWarning


@pytest.fixture(scope="module")
def model():
    return import_onet(FIXTURE)


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


def test_a_block_the_model_lacks_is_named_as_such(onet_dir):
    # without Abilities.txt an O*NET model has no aptitudes: "unknown aptitude name; no close
    # match" hid why
    (onet_dir / "Abilities.txt").unlink()
    with pytest.warns(OnetWarning):
        model = import_onet(onet_dir)
    with pytest.raises(AssessmentError, match="this model has no aptitudes"):
        recommend({"aptitudes": {"Oral Comprehension": 4}}, model=model)


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


# --------------------------------------------------------------------------- a saved model


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
