"""Where the route of gaps() starts and runs: the current job, a credible match, the zones."""

from __future__ import annotations

from matcher import build_model, gaps


def test_a_current_job_off_the_path_joins_it_by_a_related_job(fixture_model):
    # Office Manager, a related job of the nurse's on Policy Director's path, asks less of
    # her than she of it: it was no way onto the path, and the same steps were "a route".
    nurse = {
        "current_job": "Hospital Ward Nurse",
        "skills": {"Patient Care": 4, "Policy Planning": 2},
    }
    report = gaps(nurse, "Policy Director", model=fixture_model)
    assert report.route == "career path"
    ids = [s.occupation_id for s in report.steps]
    assert ids == ["ward-nurse", "office-manager", "policy-director"]
    assert report.steps[0].is_current and not any(s.undocumented for s in report.steps)


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


def test_a_questionnaire_that_asked_too_few_key_items_is_said_to_be_why(fixture_model):
    """A class on a 40-item questionnaire was told "you rated too few of their key items"
    for items it was never asked."""
    coder = {"skills": {"Programming": 5, "Web Development": 4, "Database Management": 3}}
    asked = {**coder, "asked": {"skills": list(coder["skills"])}}
    report = gaps(asked, "Hospital Ward Nurse", model=fixture_model)
    note = next(n for n in report.notes if "none of your best matches is credible" in n)
    assert "your questionnaire did not ask enough of their key items" in note
    assert "you rated too few" not in note
    # asked everything (or a free list), the ratings are what fall short
    for person in ({**coder, "asked": "all"}, coder):
        report = gaps(person, "Hospital Ward Nurse", model=fixture_model)
        note = next(n for n in report.notes if "none of your best matches is credible" in n)
        assert "you rated too few of their key items" in note and "questionnaire" not in note


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


def test_a_route_of_a_plural_title_reads_well(builtin_model):
    report = gaps({"skills": {"Piloting": 5}}, "Head Nurse", model=builtin_model)
    assert any("Head Nurse's own career path" in note for note in report.notes)
    # a target that documents no path is the route alone: no "own career path" to speak of
    alone = gaps({"skills": {"Piloting": 5}}, "Cashier", model=builtin_model)
    assert alone.route == "direct" and any("the route is Cashier alone" in n for n in alone.notes)
    from matcher.util.labels import possessive

    assert possessive("Cashiers") == "Cashiers'" and possessive("Nurse") == "Nurse's"


def test_a_move_between_job_zones_is_noted(onet_fixture_model, fixture_model):
    """An assistant aiming at Registered Nurses (O*NET Job Zone 2 to 4) was told what to learn
    and nothing of the degree or licence; an accountant aiming lower was not told it was a
    step down. The fixture's zones: Harbour Tally Clerks 2, Beacon Signal Engineers 4,
    Night Ferry Stewards 3."""
    up = gaps(
        {"current_job": "Harbour Tally Clerks", "skills": {"Programming": 3}},
        "Beacon Signal Engineers",
        model=onet_fixture_model,
    )
    assert (
        "the target asks for more preparation than your current job (O*NET Job Zone 4 against "
        "2): check the education, training or licence it requires"
    ) in up.notes
    down = gaps(
        {"current_job": "Beacon Signal Engineers", "skills": {"Active Listening": 5}},
        "Night Ferry Stewards",
        model=onet_fixture_model,
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
