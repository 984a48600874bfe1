"""A match most of whose key items a questionnaire did not ask says so: it rests on the few that
were. A work coach's dental nurse (16 answers, nothing left blank) got Restaurant Server first,
explained as "You meet 4 of 4 rated key items", with 15 of its 19 key items never asked."""

from __future__ import annotations

import html
import json
import re

import pytest
from dentalnurse import RATINGS
from reports import report_of

from matcher import recommend
from matcher.cli import main
from matcher.report.render import render_html, render_markdown

#: The jobcentre's healthcare questionnaire: it asked what she rated, no more.
DENTAL_NURSE = {
    "name": "Dental nurse",
    **RATINGS,
    "asked": {block: list(items) for block, items in RATINGS.items()},
}
#: Four generic items asked: every occupation's key items are mostly not asked.
FOUR = {
    "name": "Four answers",
    "skills": {"Customer Service": 4},
    "aptitudes": {"Teamwork": 5, "Communication Skills": 4},
    "traits": {"Cleanliness": 5},
}
FOUR["asked"] = {block: list(FOUR[block]) for block in ("skills", "aptitudes", "traits")}


def _asked_names(person: dict) -> set[str]:
    return {name for names in person["asked"].values() for name in names}


def test_the_key_items_a_questionnaire_did_not_ask_are_listed(builtin_model):
    recs = {r.occupation_id: r for r in recommend(DENTAL_NURSE, model=builtin_model, top_k=210)}
    asked = _asked_names(DENTAL_NURSE)
    for r in recs.values():
        assert {e.name for e in r.not_asked} == {e.name for e in r.unrated} - asked
    server, hygienist = recs["server"], recs["dental-hygienist"]
    # by importance, most of Restaurant Server's key items were never asked; not so Dental
    # Hygienist's, whose items the healthcare questionnaire asked and she met
    assert server.rests_on_few_asked and not hygienist.rests_on_few_asked
    assert [e["name"] for e in server.to_dict()["not_asked"]] == [e.name for e in server.not_asked]


def test_such_a_match_is_never_explained_by_what_it_meets_alone(builtin_model):
    recs = recommend(DENTAL_NURSE, model=builtin_model, top_k=210)
    server = next(r for r in recs if r.occupation_id == "server")
    key = len(server.matched) + len(server.missing) + len(server.unrated)
    asked = key - len(server.not_asked)
    said = server.explanation
    note = f"{len(server.not_asked)} of its {key} key items were not on your questionnaire"
    assert note in said and f"this match rests on the {asked} that were" in said
    assert said.index(note) < said.index("You meet")  # not "You meet 4 of 4" first
    assert server.not_asked[0].name in said.split("You meet")[0]
    # named once: "Not rated" keeps to the key items that were asked
    assert all(e.name not in said.split("You meet")[1] for e in server.not_asked)
    quiet = [r for r in recs if not r.rests_on_few_asked]
    assert quiet and all("questionnaire" not in r.explanation for r in quiet)


def test_a_free_list_or_a_whole_questionnaire_has_nothing_not_asked(builtin_model):
    for asked in (None, "all"):
        person = dict(RATINGS) if asked is None else {**RATINGS, "asked": asked}
        for r in recommend(person, model=builtin_model, top_k=20):
            assert r.not_asked == () and not r.rests_on_few_asked
            assert "questionnaire" not in r.explanation


def test_the_cli_says_which_matches_rest_on_the_few_items_asked(builtin_model, tmp_path, capsys):
    model = str(builtin_model.save(tmp_path / "builtin.model"))
    person = tmp_path / "four.json"
    person.write_text(json.dumps(FOUR), encoding="utf-8")
    shown = recommend(FOUR, model=builtin_model, top_k=3)
    assert all(r.rests_on_few_asked for r in shown)
    assert main(["recommend", str(person), "--model", model, "--top", "3"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    why = out.split("Why #1:")[1]
    assert why.index("were not on your questionnaire") < why.index("You meet")
    listed = ", ".join(f"#{r.rank} {r.title}" for r in shown[:2]) + f" and #3 {shown[2].title}"
    assert f"Note: most of the key items of {listed} were not on your questionnaire" in out
    assert main(["recommend", str(person), "--model", model, "--top", "3", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [len(r["not_asked"]) for r in data] == [len(r.not_asked) for r in shown]


def test_the_reports_say_it_of_each_such_match(builtin_model):
    report = report_of(builtin_model, FOUR, top_k=3)
    assert all(r.rests_on_few_asked for r in report.recommendations)
    best = report.recommendations[0]
    text = re.sub(r"<[^>]+>", " ", html.unescape(render_html(report)))
    for page in (
        " ".join(render_markdown(report).replace("\\", "").split()),
        " ".join(text.split()),
    ):
        assert page.count("key items were not on your questionnaire") == 3
        assert f"and {len(best.not_asked)} were not on your questionnaire" in page  # at a glance
        assert "this match rests on the" in page


#: A tour guide asked four skills she does not have: Tour Guide's 20 key items, 9 not asked.
GUIDE = {
    "name": "Guide",
    "skills": {"Tour Guiding": 5, "Route Planning": 3, "Customer Service": 4},
    "aptitudes": {"Time Management": 4, "Learning Agility": 4, "Physical Stamina": 4},
    "traits": {
        "Flexibility": 3,
        "Curiosity": 5,
        "Sense of Responsibility": 3,
        "Enthusiasm": 5,
        "Sociability": 5,
    },
}
GUIDE["asked"] = {
    "skills": [*GUIDE["skills"], "Carpentry", "Accounting", "Welding", "Nursing Care"],
    "aptitudes": list(GUIDE["aptitudes"]),
    "traits": list(GUIDE["traits"]),
}


def test_a_match_is_said_to_rest_on_few_only_when_the_counts_shown_say_so(builtin_model):
    """Decided by importance, Tour Guide's "9 of its 20 key items were not on your
    questionnaire" came with "this match rests on the 11 that were" and "most of the key
    items of #1 Tour Guide ... rest on the few that were"."""
    recs = recommend(GUIDE, model=builtin_model, top_k=210)
    guide = next(r for r in recs if r.title == "Tour Guide")
    key = len(guide.matched) + len(guide.missing) + len(guide.unrated)
    assert 0 < 2 * len(guide.not_asked) <= key  # the case in point: fewer than half not asked
    assert not guide.rests_on_few_asked and "questionnaire" not in guide.explanation
    said = [r for r in recs if r.rests_on_few_asked]
    assert said and [r for r in recs if r.not_asked and not r.rests_on_few_asked]
    for r in recs:
        key = len(r.matched) + len(r.missing) + len(r.unrated)
        assert r.rests_on_few_asked == (2 * len(r.not_asked) > key)


#: A 16-year-old who rated herself low on a questionnaire of office, care and technical items:
#: nothing on it is farm work, forestry or fishing.
LOW_TEEN = {
    "name": "Low teen",
    "skills": {
        "Customer Service": 1,
        "Data Analysis": 1,
        "Budget Management": 0,
        "Project Management": 0,
        "Public Speaking": 0,
        "Programming": 0,
        "Teaching": 0,
        "Writing": 1,
        "Bookkeeping": 2,
        "Mathematics": 1,
        "Infection Control": 1,
        "Legal Writing": 0,
        "Research Design": 2,
        "Records Management": 1,
        "Sales": 0,
        "Troubleshooting": 2,
    },
    "aptitudes": {"Communication Skills": 0, "Decision Making": 0, "Concentration": 1},
}
LOW_TEEN["asked"] = {block: list(LOW_TEEN[block]) for block in ("skills", "aptitudes")}


def _unneeded(model, person: dict, occupation_id: str) -> list[float]:
    """The person's ratings of the items they were asked that the occupation does not list."""
    row = model.index_of(occupation_id)
    importance = model.requirements([row])[1]
    found = []
    for block in person["asked"]:
        for name, rating in person[block].items():
            column = model.feature_keys.index((block[:-1], name))
            if importance[0, column] == 0:
                found.append(rating)
    return found


def test_a_match_resting_on_low_answers_to_what_it_does_not_need_says_so(builtin_model):
    # She rated everything asked low; what makes a match whose key items were not asked is
    # that it needs none of those items: the explanation says that, not only "rests on the
    # few that were" (a parent asked why his daughter was told Farm Worker)
    recs = recommend(LOW_TEEN, model=builtin_model, top_k=10)
    resting = [r for r in recs if r.rests_on_few_asked]
    assert resting
    for r in resting:
        unneeded = _unneeded(builtin_model, LOW_TEEN, r.occupation_id)
        assert r.unneeded == len(unneeded)
        assert abs(r.unneeded_rating - sum(unneeded) / len(unneeded)) < 1e-9
        if len(unneeded) >= 3:
            said = f"on the {len(unneeded)} asked items it does not need, which you rated low"
            assert said in r.explanation
    # and it is so: the same person rating those items higher loses the match
    first = recs[0]
    higher = json.loads(json.dumps(LOW_TEEN))
    for block in ("skills", "aptitudes"):
        for name in higher[block]:
            column = builtin_model.feature_keys.index((block[:-1], name))
            row = builtin_model.index_of(first.occupation_id)
            if builtin_model.requirements([row])[1][0, column] == 0:
                higher[block][name] = 4
    after = {r.occupation_id: r for r in recommend(higher, model=builtin_model, top_k=210)}
    assert after[first.occupation_id].confidence < first.confidence / 2


def test_high_answers_to_what_a_match_does_not_need_are_said_against_it(builtin_model):
    recs = {r.occupation_id: r for r in recommend(DENTAL_NURSE, model=builtin_model, top_k=210)}
    server = recs["server"]
    unneeded = _unneeded(builtin_model, DENTAL_NURSE, "server")
    assert sum(unneeded) / len(unneeded) >= 2.5  # she rated the healthcare items 2-5
    assert f"though you rated the {len(unneeded)} asked items it does not need" in (
        server.explanation
    )
    # a free list says nothing of them: its unlisted items are read as the catalog has them
    free = {k: v for k, v in DENTAL_NURSE.items() if k != "asked"}
    for r in recommend(free, model=builtin_model, top_k=5):
        assert r.unneeded == 0 and r.unneeded_rating is None
        assert "does not need" not in r.explanation


def _resting(key: int, asked_key: int, unneeded: int, mean: float | None):
    """A match ``key`` key items of which only ``asked_key`` were asked (rated 3), and
    ``unneeded`` asked items it does not list rated ``mean`` on average."""
    from matcher.match.explain import ItemEvidence, Recommendation

    items = [ItemEvidence("skill", f"Item {i}", None, 3.0, 1.0) for i in range(key)]
    rated = tuple(
        ItemEvidence("skill", e.name, 3.0, e.level, e.importance) for e in items[:asked_key]
    )
    return Recommendation(
        rank=1,
        occupation_id="x",
        title="X",
        score=0.1,
        confidence=0.5,
        contributions={"skill": 0.1},
        matched=rated,
        missing=(),
        unrated=tuple(items[asked_key:]),
        not_asked=tuple(items[asked_key:]),
        unneeded=unneeded,
        unneeded_rating=mean,
    )


def test_a_match_none_of_whose_key_items_was_asked_says_what_it_rests_on_in_one_sentence():
    low = _resting(key=5, asked_key=0, unneeded=3, mean=0.7).not_asked_words[1]
    assert low == (
        "nothing you were asked is key to it: it rests on the 3 asked items it does not need, "
        "which you rated low (0.7 on average)"
    )
    high = _resting(key=5, asked_key=0, unneeded=4, mean=3.9).not_asked_words[1]
    assert high == (
        "nothing you were asked is key to it, though you rated the 4 asked items it does not "
        "need 3.9 on average"
    )


@pytest.mark.parametrize("mean", [1.44, 1.46, 1.5, 2.44, 2.46, 2.5])
def test_low_and_high_are_judged_on_the_mean_as_shown(mean):
    said = _resting(key=5, asked_key=1, unneeded=6, mean=mean).not_asked_words[1]
    shown = round(mean, 1)
    assert f"({shown} on average)" in said or f"{shown} on average" in said
    assert ("rated low" in said) == (shown < 1.5)
    assert ("though you rated" in said) == (shown >= 2.5)


def test_the_note_after_the_table_says_the_matches_rest_on_unneeded_items_only_when_they_do():
    from matcher.match.explain import few_asked_note

    low = _resting(key=5, asked_key=1, unneeded=6, mean=0.5)
    high = _resting(key=5, asked_key=1, unneeded=6, mean=3.5)
    few = _resting(key=5, asked_key=1, unneeded=2, mean=0.5)
    assert "they do not need" in few_asked_note([low, low])
    for mixed in ([low, high], [low, few], [high]):
        assert "not need" not in few_asked_note(mixed)
