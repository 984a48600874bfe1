"""gaps(): what a person lacks at each step towards a target, and in what order to learn it."""

from __future__ import annotations

import json

import pytest
from helpers import FIXTURES

from matcher import UnknownOccupationError, build_model, gaps, import_onet
from matcher.core.gapmath import KEY_IMPORTANCE

CLERK = {
    "name": "Aiko",
    "current_job": "Municipal Clerk",
    "skills": {
        "Office Administration": 4,
        "Citizen Services": 4,
        "Document Preparation": 3,
        "Policy Planning": 2,
        "Team Management": 3,
        "Budget Management": 3,
        "Administrative Law": 3,
        "Personnel Management": 2,
        "IT Literacy": 3,
        "Records Management": 3,
    },
    "aptitudes": {
        "Communication Skills": 4,
        "Planning & Organization": 4,
        "Initiative & Leadership": 3,
        "Precision & Accuracy": 4,
        "Time Management": 3,
        "Teamwork": 4,
    },
    "traits": {"Has leadership": 3, "Meticulous": 4, "Patient": 4, "Public-minded": 4},
}


def test_steps_of_the_career_path_with_reached_and_next(fixture_model):
    report = gaps(CLERK, "Mayor of a Small Town", model=fixture_model)
    assert report.route == "career path"
    assert [s.occupation_id for s in report.steps] == [
        "clerk",
        "office-manager",
        "policy-director",
        "mayor",
    ]
    assert report.steps[0].is_current and report.steps[0].reached
    assert report.next_step == next(i for i, s in enumerate(report.steps) if not s.reached)
    assert report.steps[report.next_step].is_next
    director = report.steps[2]
    policy = next(g for g in director.gaps if g.name == "Policy Planning")
    assert (policy.rating, policy.level, policy.deficit) == (2, 4, 2)
    assert [g.priority for g in director.gaps] == sorted(
        (g.priority for g in director.gaps), reverse=True
    )


def test_the_learning_plan_lists_each_item_once_where_it_first_matters(fixture_model):
    report = gaps(CLERK, "Mayor of a Small Town", model=fixture_model)
    names = [(p.block, p.name) for p in report.plan]
    assert len(names) == len(set(names))
    policy = next(p for p in report.plan if p.name == "Policy Planning")
    # rating -> level at the step where it first matters -> level at the target
    assert (policy.rating, policy.level, policy.target_level) == (2, 4, 5)
    assert policy.step_title == "Policy Director"
    assert [p.step for p in report.plan] == sorted(p.step for p in report.plan)


def test_the_plan_leaves_out_what_only_the_persons_own_post_asks(fixture_model):
    # A clerk short of a clerk's Records Management and Document Preparation, moving to Office
    # Manager (which asks neither): they are her own post's gaps, nothing to learn on the way.
    # A nurse moving to a practical nurse's post was to learn first what only hers asked.
    clerk = {
        "current_job": "Municipal Clerk",
        "skills": {"Records Management": 0, "Document Preparation": 1, "Office Administration": 3},
    }
    report = gaps(clerk, "Office Manager", model=fixture_model)
    assert report.steps[0].is_current and report.steps[0].title == "Municipal Clerk"
    own = {g.name for g in report.steps[0].gaps}
    assert {"Records Management", "Document Preparation"} <= own  # still shown with the post
    planned = {p.name for p in report.plan}
    assert not planned & {"Records Management", "Document Preparation"}
    assert "Office Administration" in planned  # 3 -> 4: the target asks it
    # the post itself as the target: its gaps are the plan
    alone = gaps(clerk, "Municipal Clerk", model=fixture_model)
    assert {"Records Management", "Document Preparation"} <= {p.name for p in alone.plan}


def test_unrated_items_are_estimated_not_zero(fixture_model):
    person = {"skills": {"Policy Planning": 2, "Budget Management": 3}}
    report = gaps(person, "Mayor of a Small Town", model=fixture_model)
    crisis = next(g for g in report.steps[-1].gaps if g.name == "Crisis Management")
    # Needs 4; not rated, so estimated from the person's skill ratings (2, 3) shrunk
    # towards the prior (2, worth 3 ratings): (2 + 3 + 3 * 2) / 5 = 2.2, and never above the
    # prior: 2. Not from 0.
    assert crisis.rating is None and crisis.estimated
    assert crisis.deficit == pytest.approx(2.0) and crisis.estimate == 2.0
    modest = gaps(
        {"skills": {"Policy Planning": 0, "Budget Management": 1}},
        "Mayor of a Small Town",
        model=fixture_model,
    )
    low = next(g for g in modest.steps[-1].gaps if g.name == "Crisis Management")
    assert low.estimate == pytest.approx(1.4)  # (0 + 1 + 6) / 5: low ratings lower it
    rated = next(g for g in report.steps[-1].gaps if g.name == "Policy Planning")
    assert not rated.estimated and rated.deficit == 3


def test_two_high_ratings_do_not_vouch_for_everything(fixture_model):
    report = gaps(
        {"skills": {"Office Administration": 5, "Citizen Services": 5}},
        "Policy Director",
        model=fixture_model,
    )
    director = report.steps[-1]
    assert not director.reached
    assert "Policy Planning" in director.unrated
    assert all(g.estimated for g in director.gaps if g.name == "Policy Planning")


def test_estimates_alone_never_reach_a_step(builtin_model):
    # Four unrelated skills at 5 (estimates once followed them up); none of a cashier's or a
    # bookkeeper's key items is rated, so neither is reached (it was: "reached; match 0.00").
    pilot = {"skills": {"Piloting": 5, "Surgery": 5, "Programming": 5, "Cooking": 5}}
    cashier = gaps(pilot, "Cashier", model=builtin_model)
    assert cashier.route != "direct" or not cashier.steps[-1].reached
    assert not any(step.reached for step in cashier.steps)
    assert cashier.steps[-1].unrated and cashier.next_step is not None
    cfo = gaps(pilot, "Chief Financial Officer", model=builtin_model)
    assert len(cfo.steps) > 1 and not any(step.reached for step in cfo.steps)
    path = build_report_markdown(pilot, "Cashier", builtin_model)
    # the key items left out are gaps on their estimates (2 at most), each marked as such
    assert all(g.estimated and g.estimate <= 2 for g in cashier.steps[-1].gaps)
    assert "| Cash Handling | skill | not rated (≈2) | 3 | 1.0\\* |" in path
    assert "Nothing missing: your ratings meet every key item" not in path


def test_a_step_rated_and_met_is_reached(builtin_model):
    # The same person, now rating a cashier's key items at the levels it asks for.
    row = builtin_model.index_of(builtin_model.catalog.resolve("Cashier"))
    levels, importance = builtin_model.requirements(row)
    ratings: dict[str, dict[str, float]] = {}
    blocks = {"skill": "skills", "aptitude": "aptitudes", "trait": "traits"}
    for column in (importance >= KEY_IMPORTANCE).nonzero()[0]:
        block, name = builtin_model.vectorizer.key(column)
        ratings.setdefault(blocks[block], {})[name] = float(min(5, round(levels[column] + 0.5)))
    profile = {**ratings, "skills": {**ratings["skills"], "Piloting": 5}}
    cashier = gaps(profile, "Cashier", model=builtin_model)
    assert cashier.route == "direct" and cashier.steps[-1].reached and not cashier.plan


def build_report_markdown(profile, target, model) -> str:
    from matcher import build_report, render_markdown

    return render_markdown(build_report(profile, model=model, target=target))


def test_a_current_job_off_the_path_gets_a_route_through_related_jobs(fixture_model):
    nurse = {
        "current_job": "Hospital Ward Nurse",
        "skills": {"Patient Care": 4, "Policy Planning": 2},
    }
    report = gaps(nurse, "Policy Director", model=fixture_model)
    assert report.route == "route"
    ids = [s.occupation_id for s in report.steps]
    assert ids[0] == "ward-nurse" and ids[-1] == "policy-director"
    assert report.steps[0].is_current


def test_without_a_current_job_the_route_starts_at_a_credible_match(fixture_model):
    coder = {
        "skills": {
            "Programming": 5,
            "Web Development": 4,
            "Database Management": 3,
            "Software Testing": 3,
        },
        "aptitudes": {"Analytical & Logical Thinking": 4, "Problem Solving": 4, "Concentration": 4},
    }
    report = gaps(coder, "Hospital Ward Nurse", model=fixture_model)
    assert [s.occupation_id for s in report.steps] == ["web-programmer", "ward-nurse"]
    assert report.steps[0].is_current and report.next_step == 1
    assert any("credible match, Web Programmer" in note for note in report.notes)


def test_a_best_match_rated_too_thinly_is_not_where_the_person_is(fixture_model):
    # Three ratings that fit Web Programmer but cover under 60% of its key items.
    coder = {"skills": {"Programming": 5, "Web Development": 4, "Database Management": 3}}
    report = gaps(coder, "Hospital Ward Nurse", model=fixture_model)
    assert [s.occupation_id for s in report.steps] == ["ward-nurse"]
    assert not report.steps[0].is_current and report.next_step == 0
    assert any("none of your best matches is credible" in note for note in report.notes)


def test_unknown_current_job_is_noted_not_fatal(fixture_model):
    report = gaps({**CLERK, "current_job": "Astronaut"}, "Office Manager", model=fixture_model)
    assert any("Astronaut" in note for note in report.notes)
    # a misspelled one is named with the titles it may mean, not used in their place
    report = gaps({**CLERK, "current_job": "Muncipal Clerk"}, "Office Manager", model=fixture_model)
    assert any("'Muncipal Clerk'" in n and "closest: 'Municipal Clerk'" in n for n in report.notes)
    # not the current job: where the route starts is said to be the closest credible match
    if any(step.is_current for step in report.steps if step.title == "Municipal Clerk"):
        assert any("closest credible match, Municipal Clerk" in n for n in report.notes)


def test_unknown_target_lists_the_closest_titles(fixture_model):
    with pytest.raises(UnknownOccupationError, match="Office Manager"):
        gaps(CLERK, "Ofice Manger", model=fixture_model)


def test_builtin_ladder_to_ward_mayor(builtin_model):
    from matcher.model.locations import data_dir

    report = gaps(data_dir() / "examples" / "section-chief.json", "Ward Mayor", model=builtin_model)
    titles = [s.title for s in report.steps]
    assert titles[0] == "Section Chief" and titles[-1].startswith("Ward Mayor")
    assert report.plan and report.next_step is not None


def _cyclic_catalog(folder):
    """Alpha and Beta, each on the other's career path and related both ways."""
    for title, other in (("Alpha", "Beta"), ("Beta", "Alpha")):
        (folder / f"{title.lower()}.txt").write_text(
            f"{title}\nCareer Path\n{other} → {title}\nRequired Skills\n"
            f"Programming (4) / Policy Planning ({3 if title == 'Alpha' else 2})\n"
            f"Related Jobs\n{other}\n",
            encoding="utf-8",
        )
    return build_model(folder)


def test_target_is_the_current_job_on_a_cyclic_catalog(tmp_path):
    model = _cyclic_catalog(tmp_path)
    short = {"current_job": "Alpha", "skills": {"Programming": 2, "Policy Planning": 3}}
    report = gaps(short, "Alpha", model=model)
    assert [s.title for s in report.steps] == ["Alpha"]
    assert report.steps[0].is_current and report.steps[0].is_next and report.next_step == 0
    met = gaps({**short, "skills": {"Programming": 4, "Policy Planning": 3}}, "Alpha", model=model)
    assert [s.title for s in met.steps] == ["Alpha"] and met.steps[0].reached
    assert met.next_step is None and met.plan == ()


def test_a_searched_route_never_steps_back_down_the_persons_own_ladder(builtin_model):
    # The survey template's example row (a Director of Nursing aiming at Disaster Management
    # Officer) was routed back through Registered Nurse, the only documented way out of
    # nursing, and Registered Nurse was its next step.
    director = {
        "current_job": "Director of Nursing",
        "skills": {"Patient Care": 5, "Team Management": 5, "Risk Management": 5},
        "aptitudes": {"Decision Making": 5, "Stress Tolerance": 5},
    }
    report = gaps(director, "Disaster Management Officer", model=builtin_model)
    titles = [s.title for s in report.steps]
    assert titles[0] == "Director of Nursing" and titles[-1] == "Disaster Management Officer"
    assert not {"Registered Nurse", "Head Nurse", "Licensed Practical Nurse"} & set(titles)


def test_you_are_here_is_never_next_below_the_target(builtin_model):
    # A section chief short of their own post: the next step is the one after it.
    from matcher.model.locations import data_dir

    report = gaps(data_dir() / "examples" / "section-chief.json", "Ward Mayor", model=builtin_model)
    here = report.steps[0]
    assert here.title == "Section Chief" and here.is_current and not here.reached
    assert not here.is_next and report.next_step == 1 and report.steps[1].is_next
    assert sum(s.is_next for s in report.steps) == 1


def test_a_step_never_asks_more_than_the_target(builtin_model):
    # Deputy Ward Mayor asks Planning & Organization 5, Ward Mayor 4.
    person = {
        "current_job": "Department Head",
        "skills": {"Policy Planning": 3},
        "aptitudes": {"Planning & Organization": 4},
    }
    report = gaps(person, "Ward Mayor", model=builtin_model)
    row = builtin_model.index_of
    column = builtin_model.vectorizer.feature_index("aptitude", "Planning & Organization")
    assert builtin_model.levels[row("deputy-ward-mayor"), column] == 5
    assert builtin_model.levels[row("ward-mayor"), column] == 4
    assert "deputy-ward-mayor" in [s.occupation_id for s in report.steps]
    assert all(g.name != "Planning & Organization" for s in report.steps for g in s.gaps)
    assert all(p.target_level is None or p.level <= p.target_level for p in report.plan), (
        "a step asks more than the target"
    )


@pytest.fixture(scope="module")
def onet_model():
    return import_onet(FIXTURES / "onet")


@pytest.mark.parametrize("block", ["interest", "trait"])
def test_interests_and_onet_work_styles_are_fit_never_gaps(onet_model, block):
    """O*NET rates work styles for importance alone (their "level" is that importance): "build
    up Integrity to 4.8" filled an O*NET learning plan with every job's high work styles and
    read as an insult. Like interests, they are a matter of fit there (not in the built-in
    catalog, whose documents give traits a level)."""
    model = onet_model
    assert model.extra["fit_blocks"] == ["trait"]
    names = [name for b, name in model.feature_keys if b == block]
    columns = model.block_codes == model.block_names.index(block)
    assert names and model.importance[:, columns].max() >= 0.5  # key items somewhere
    person = {"skills": {name: 0 for b, name in model.feature_keys if b == "skill"}}
    person[f"{block}s"] = dict.fromkeys(names, 0)
    for occupation in model.ids:
        report = gaps(person, occupation, model=model)
        assert report.steps[-1].gaps  # skills are short: the route has gaps ...
        fit = ("interest", "trait")
        assert all(g.block not in fit for s in report.steps for g in s.gaps)  # ... no fit
        assert all(p.block not in fit for p in report.plan)
        assert not set(names) & set(report.steps[-1].unrated)


def test_a_built_in_trait_is_still_a_gap(builtin_model):
    person = {"skills": {"Patient Care": 5}, "traits": {"Leadership": 0}}
    report = gaps(person, "head-nurse", model=builtin_model)
    assert any(g.block == "trait" for s in report.steps for g in s.gaps)


def test_a_step_is_reached_without_rating_its_interests_and_work_styles(onet_model):
    # a registered nurse was told Nursing Assistant had too few key items rated, for its
    # thirteen O*NET work styles, never named and never a gap
    import math

    model = onet_model
    row = model.index_of(model.ids[0])
    levels, importance = model.requirements(row)
    groups = {"skill": "skills", "aptitude": "aptitudes"}
    person: dict = {}
    for column, (block, name) in enumerate(model.feature_keys):
        if importance[column] >= 0.5 and block in groups:
            person.setdefault(groups[block], {})[name] = min(5, math.ceil(levels[column]))
    fits = [k for k, w in zip(model.feature_keys, importance, strict=True) if w >= 0.5]
    assert any(block in ("trait", "interest") for block, _ in fits)  # it has some to leave
    report = gaps(person, model.ids[0], model=model)
    assert report.steps[-1].reached


def test_an_opening_question_never_says_an_occupation_needs_an_interest(onet_model):
    from matcher import next_questions

    opening = next_questions(None, k=len(onet_model.feature_keys), model=onet_model)
    for question in opening:
        fit = question.block in ("interest", "trait")
        assert ("occupations need it" in question.reason) is not fit, question
        assert ("occupations are typically at" in question.reason) is fit, question


def test_recommendations_never_list_interests_to_work_on(onet_model, capsys, tmp_path):
    from matcher import recommend
    from matcher.cli import main

    model = onet_model
    interests = [name for block, name in model.feature_keys if block == "interest"]
    person = {"skills": {name: 5 for block, name in model.feature_keys if block == "skill"}}
    person["interests"] = dict.fromkeys(interests, 0)  # short of every interest a job has
    for r in recommend(person, model=model, top_k=3):
        assert any(e.block == "interest" for e in r.missing)  # the evidence keeps them ...
        assert "Interests further from it" in r.explanation  # ... said as fit
        assert all(e.fit == (e.block in ("interest", "trait")) for e in r.missing + r.matched)
        fit = r.explanation.split("further from it:")[1]
        assert "/ typical" in fit and "/ needs" not in fit  # a fit is no need to meet
        assert not any(
            name in r.explanation.split("To work on")[-1].split(".")[0] for name in interests
        )
    path = tmp_path / "model.model"
    model.save(path)
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(person), encoding="utf-8")
    assert main(["recommend", str(profile), "--model", str(path), "--top", "3"]) == 0
    table = capsys.readouterr().out.split("Why #1")[0]
    assert not any(name in table for name in interests)


def test_a_route_of_a_plural_title_reads_well(builtin_model):
    report = gaps({"skills": {"Piloting": 5}}, "Head Nurse", model=builtin_model)
    assert any("Head Nurse's own career path" in note for note in report.notes)
    # a target that documents no path is the route alone: no "own career path" to speak of
    alone = gaps({"skills": {"Piloting": 5}}, "Cashier", model=builtin_model)
    assert alone.route == "direct" and any("the route is Cashier alone" in n for n in alone.notes)
    from matcher.util.labels import possessive

    assert possessive("Cashiers") == "Cashiers'" and possessive("Nurse") == "Nurse's"


def test_an_occupation_skipped_at_import_is_explained_by_name(onet_model):
    with pytest.raises(UnknownOccupationError) as error:
        gaps({"skills": {}}, "Comet Dust Assayers", model=onet_model)
    assert str(error.value) == (
        "Comet Dust Assayers is in O*NET but has no ratings, so it was left out of this model"
    )


def test_an_occupation_skipped_at_import_names_what_onet_relates_it_to(onet_model, monkeypatch):
    extra = onet_model.extra
    skipped = {**extra["skipped"], "Night Ferry Pilots": "is in O*NET but has no ratings"}
    monkeypatch.setitem(extra, "skipped", skipped)
    monkeypatch.setitem(extra, "skipped_related", {"Night Ferry Pilots": ["Harbour Tally Clerks"]})
    with pytest.raises(UnknownOccupationError) as error:
        gaps({"skills": {}}, "Night Ferry Pilots", model=onet_model)
    assert str(error.value).startswith("Night Ferry Pilots is in O*NET but has no ratings")
    assert str(error.value).endswith("; O*NET relates it to 'Harbour Tally Clerks' (99-0002.00)")


def test_levels_are_given_to_one_decimal(fixture_model):
    model = fixture_model
    levels = model.levels.copy()
    column = model.vectorizer.feature_index("skill", "Policy Planning")
    levels[model.index_of("mayor"), column] = 4.8625
    odd = type(model)(model.catalog, model.vectorizer, levels, model.importance)
    report = gaps({"skills": {"Policy Planning": 3}}, "mayor", model=odd)
    gap = next(g for g in report.steps[-1].gaps if g.name == "Policy Planning")
    # the deficit is that of the numbers shown (4.9 - 3), as the half-point rule judges it
    assert gap.level == 4.9 and gap.deficit == 1.9


def test_a_model_names_why_it_left_an_occupation_out(fixture_model):
    model = fixture_model
    odd = type(model)(
        model.catalog,
        model.vectorizer,
        model.levels,
        model.importance,
        extra={"skipped": {"Data Scientists": "is in O*NET but has no ratings"}},
    )
    with pytest.raises(UnknownOccupationError) as error:
        gaps(CLERK, "data  scientists", model=odd)
    assert str(error.value) == (
        "Data Scientists is in O*NET but has no ratings, so it was left out of this model"
    )
    with pytest.raises(UnknownOccupationError, match="no occupation is called 'Data Analysts'"):
        gaps(CLERK, "Data Analysts", model=odd)


# --------------------------------------------------------------------------- every output


def test_the_cli_never_marks_where_you_are_as_next_and_prints_the_whole_plan(
    builtin_model, capsys, tmp_path
):
    from matcher.cli import main
    from matcher.model.locations import data_dir

    path = str(data_dir() / "examples" / "section-chief.json")
    assert main(["gaps", path, "--target", "Ward Mayor"]) == 0
    out = capsys.readouterr().out
    assert "1. Section Chief  [not met yet, you are here" in out and "NEXT, you are here" not in out
    assert "2. Department Head  [NEXT" in out
    report = gaps(path, "Ward Mayor", model=builtin_model)
    item = next(p for p in report.plan if p.target_level and p.level < p.target_level)
    # rating -> level by the step -> level at the target, in the CLI as in the report
    you = f"{item.rating:g}" if item.rating is not None else f"not rated (~{item.estimate:g})"
    later = f"-> {item.target_level:g} at the target"
    assert f"{item.name}: {you} -> {item.level:g} by {item.step_title} {later}" in out
    assert main(["gaps", path, "--target", "Ward Mayor", "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)["plan"]
    assert {"rating", "level", "target_level", "estimate"} <= set(plan[0])


def test_reports_say_what_the_estimate_is_and_who_is_next(builtin_model, tmp_path):
    from matcher.match.gaps import ESTIMATE_TEXT
    from matcher.report.build import build_report
    from matcher.report.render import render_html, render_markdown

    nurse = {"current_job": "Ward Nurse", "skills": {"Patient Care": 5, "Medical Knowledge": 4}}
    report = build_report(nurse, target="Registered Nurse", model=builtin_model)
    steps = report.gaps.steps
    assert [s.occupation_id for s in steps] == ["registered-nurse"] and steps[0].is_current
    gap = next(g for g in steps[0].gaps if g.estimated and g.block == "skill")
    # Two skills rated 5 and 4: (5 + 4 + 3 × 2) / (2 + 3) = 3, not their mean 4.5, and never
    # above 2: what she rates high says nothing of what she left out.
    assert gap.estimate == 2.0
    for page in (render_html(report), render_markdown(report)):
        text = " ".join(page.split())
        assert "the next is <strong>Registered Nurse" not in text
        assert "the next is **Registered Nurse" not in text
        assert "closing the gaps of your own post" in text
        assert ESTIMATE_TEXT.split(";")[0] in text and "your average rating" not in text
        assert "≈2" in text


def test_a_survey_index_never_gives_a_current_job_as_the_next_step(builtin_model, tmp_path):
    from matcher import read_survey_assessments, write_reports

    driver = {
        "skill:Driving": 5,
        "skill:Route Planning": 4,
        "skill:Cargo Handling": 4,
        "skill:Traffic Regulations": 4,
        "skill:Vehicle Maintenance": 4,
    }
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "respondent_id,current_job,target_job," + ",".join(driver) + "\n"
        "t-1,Truck Driver,Bus Driver," + ",".join(map(str, driver.values())) + "\n",
        encoding="utf-8",
    )
    people, rejects = read_survey_assessments(survey, builtin_model)
    batch = write_reports(people, tmp_path / "out", model=builtin_model, rejects=rejects, jobs=1)
    assert batch.reports[0].next_step == "Bus Driver"
    index = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    assert "| Bus Driver |" in index and "| Truck Driver |" not in index
    # At the target, short of it: the next step is the person's own post, and says so.
    survey.write_text(
        "respondent_id,current_job,target_job,skill:Driving\nt-2,Truck Driver,Truck Driver,2\n",
        encoding="utf-8",
    )
    people, rejects = read_survey_assessments(survey, builtin_model)
    batch = write_reports(people, tmp_path / "own", model=builtin_model, rejects=rejects, jobs=1)
    assert batch.reports[0].next_step == "Truck Driver (your own post)"


def test_a_real_onet_occupation_without_ratings_is_explained():
    from helpers import shared_or_skip

    model = import_onet(shared_or_skip("onet"))
    assert "Data Scientists" in model.extra["skipped"]
    with pytest.raises(UnknownOccupationError) as error:
        gaps({"skills": {"Programming": 4}}, "Data Scientists", model=model)
    assert "Data Scientists is in O*NET but has no ratings" in str(error.value)
    assert "Animal Scientists" not in str(error.value)
    assert "; O*NET relates it to 'Statisticians' (15-2041.00)" in str(error.value)


def test_onet_reports_round_levels_and_never_speak_of_aptitudes(tmp_path):
    import re
    import shutil

    from matcher.report.build import build_report
    from matcher.report.render import render_html, render_markdown

    shutil.copytree(FIXTURES / "onet", tmp_path / "onet")
    (tmp_path / "onet" / "Abilities.txt").unlink()  # as the real database: no aptitudes
    model = import_onet(tmp_path / "onet")
    person = {"skills": {"Programming": 2}, "traits": {"Dependability": 3}}
    report = build_report(person, target="Beacon Signal Engineers", model=model)
    for page in (render_markdown(report), render_html(report)):
        assert "aptitude" not in page.lower()
        assert not re.search(r"(needs|typical|≈) ?\d+\.\d\d", page), "a level with 2+ decimals"
    markdown = render_markdown(report)
    assert "## Traits and interests against Beacon Signal Engineers" in markdown
    assert all(p.block != "interest" for p in report.gaps.plan)


def test_a_move_between_job_zones_is_noted(onet_model, fixture_model):
    """An assistant aiming at Registered Nurses (O*NET Job Zone 2 to 4) was told what to learn
    and nothing of the degree or licence; an accountant aiming lower was not told it was a
    step down. The fixture's zones: Harbour Tally Clerks 2, Beacon Signal Engineers 4,
    Night Ferry Stewards 3."""
    up = gaps(
        {"current_job": "Harbour Tally Clerks", "skills": {"Programming": 3}},
        "Beacon Signal Engineers",
        model=onet_model,
    )
    assert (
        "the target asks for more preparation than your current job (O*NET Job Zone 4 against "
        "2): check the education, training or licence it requires"
    ) in up.notes
    down = gaps(
        {"current_job": "Beacon Signal Engineers", "skills": {"Active Listening": 5}},
        "Night Ferry Stewards",
        model=onet_model,
    )
    assert (
        "the target is a step down in preparation from your current job (O*NET Job Zone 3 "
        "against 4)"
    ) in down.notes
    # a catalog without zones says nothing of them
    name = fixture_model.catalog[0].title
    other = fixture_model.catalog[1].title
    skill = next(n for b, n in fixture_model.feature_keys if b == "skill")
    plain = gaps({"current_job": name, "skills": {skill: 3}}, other, model=fixture_model)
    assert not any("Job Zone" in note for note in plain.notes)
