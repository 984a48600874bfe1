"""Naming an O*NET occupation: by its code, an alternate title or a title's singular, the
unrated occupations among them, and the current job named as a target is.

The fixture database (tests/fixtures/onet, see tests/test_onet.py) has four rated
occupations, 99-0001.00 to 99-0004.00, and two without ratings, 99-0005.00 and 99-0006.00.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from matcher import UnknownOccupationError, gaps, import_onet

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "onet"

BEACON, TALLY, MOSS, FERRY, COMET, LANTERN = (f"99-000{i}.00" for i in range(1, 7))


@pytest.fixture(scope="module")
def model():
    return import_onet(FIXTURE)


# --------------------------------------------------------------------------- codes


@pytest.mark.parametrize("typed", [" 99-0002.00", "99-0002.00 ", "\t99-0002.00\n"])
def test_an_id_is_trimmed_as_a_title_is(model, typed):
    # a code pasted from a spreadsheet: "no occupation is called '29-1141.00 '" while
    # " Registered Nurses " was found
    assert model.resolve_occupation(typed).id == TALLY
    assert gaps({"skills": {"Mathematics": 3}}, typed, model=model).target_id == TALLY


def test_search_finds_codes(model):
    # `matcher search 29-1141.00` found nothing, though the error of an unknown code sent
    # the reader there
    assert [o.id for o in model.search("99-0002.00")][:1] == [TALLY]
    assert [o.id for o in model.search(" 99-000")] == [BEACON, TALLY, MOSS, FERRY]
    assert [o.id for o in model.search("99-0003", top_k=1)] == [MOSS]


def test_a_six_digit_soc_code_names_its_00_occupation(model):
    # BLS/SOC writes "29-1141" what O*NET writes "29-1141.00"
    assert model.resolve_occupation("99-0002").id == TALLY
    assert model.resolve_occupation(" 99-0002 ").id == TALLY


def test_search_says_why_an_unrated_occupation_it_names_is_not_found(model, tmp_path, capsys):
    # `matcher search "software developer"` listed rated titles near it, unsaid
    from matcher.cli import main

    saved = str(model.save(tmp_path / "onet.model"))
    assert main(["search", "comet dust assayer", "--model", saved]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert f"Note: 'comet dust assayer' names Comet Dust Assayers ({COMET}), which is in" in out
    assert main(["search", "99-0005", "--model", saved, "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == "[]" and "names Comet Dust Assayers" in captured.err
    assert main(["search", "Harbour Tally", "--model", saved]) == 0
    assert "Note" not in capsys.readouterr().out


def test_the_library_says_why_an_unrated_occupation_is_not_found(model):
    # only `matcher search` said it, from a copy of the library's rule of its own
    assert model.left_out("comet dust assayer") == (
        f"'comet dust assayer' names Comet Dust Assayers ({COMET}), which is in O*NET but has "
        "no ratings, so it was left out of this model"
    )
    assert model.left_out("Harbour Tally Clerks") is None  # in the model
    assert model.left_out("Zorbleflax") is None and model.left_out("x" * 5000) is None


def test_search_says_it_of_a_model_that_names_what_it_left_out_by_title_alone(
    fixture_model, monkeypatch, capsys
):
    # the CLI's copy of the rule lacked the library's fallback to extra["skipped"], so
    # `show` explained such an occupation and `search` said nothing
    from matcher.cli import base, main

    odd = type(fixture_model)(
        fixture_model.catalog,
        fixture_model.vectorizer,
        fixture_model.levels,
        fixture_model.importance,
        extra={"skipped": {"Data Scientists": "is in O*NET but has no ratings"}},
    )
    expected = "Data Scientists is in O*NET but has no ratings, so it was left out of this model"
    assert odd.left_out("data  scientists") == expected
    monkeypatch.setattr(base, "load_model_option", lambda args: odd)
    assert main(["search", "data scientists"]) == 0
    assert f"Note: {expected}." in " ".join(capsys.readouterr().out.split())


# --------------------------------------------------------------------------- unrated occupations


@pytest.mark.parametrize(
    "typed",
    ["99-0005.00", "99-0005", " 99-0005.00", "Dust Sampler", "comet dust assayer"],
)
def test_an_unrated_occupation_is_named_by_its_code_alternate_titles_and_singular(model, typed):
    # only the exact title said "is in O*NET but has no ratings": "15-1252.00", "EMT" and
    # "paramedic" got Firefighters, Lifeguards and Coroners as the closest titles
    with pytest.raises(UnknownOccupationError) as caught:
        model.resolve_occupation(typed)
    message = str(caught.value)
    assert message == (
        f"{typed!r} names Comet Dust Assayers ({COMET}), which is in O*NET but has no "
        "ratings, so it was left out of this model"
    )


def test_an_unrated_occupation_says_what_onet_relates_it_to_by_any_name(onet_dir):
    path = onet_dir / "Related Occupations.txt"
    path.write_text(
        path.read_text(encoding="utf-8")
        + f"{COMET}\tComet Dust Assayers\t{TALLY}\tHarbour Tally Clerks\tPrimary-Short\t1\n",
        encoding="utf-8",
    )
    model = import_onet(onet_dir)
    with pytest.raises(UnknownOccupationError) as caught:
        model.resolve_occupation("dust sampler")
    assert str(caught.value).endswith(f"; O*NET relates it to 'Harbour Tally Clerks' ({TALLY})")


def test_an_alias_a_rated_and_an_unrated_occupation_share_names_neither(onet_dir):
    _add_titles(onet_dir, (COMET, "Ferry Host", ""))
    model = import_onet(onet_dir)
    with pytest.raises(UnknownOccupationError) as caught:
        model.resolve_occupation("Ferry Host")
    message = str(caught.value)
    assert "alias of 2 occupations" in message
    assert f"'Night Ferry Stewards' ({FERRY})" in message
    assert f"'Comet Dust Assayers' ({COMET}, not in this model)" in message


def test_the_closest_names_include_unrated_occupations(model):
    # a typo of an unrated title: "Sofware Developers" was offered unrelated rated titles
    with pytest.raises(UnknownOccupationError) as caught:
        model.resolve_occupation("Comet Dust Asayers")
    message = str(caught.value)
    assert message.startswith(
        f"no occupation is called 'Comet Dust Asayers'; similar names: 'Comet Dust Assayers' "
        f"({COMET}, not in this model)"
    )
    assert "; Comet Dust Assayers is in O*NET but has no ratings" in message


def test_unrated_occupations_are_kept_by_name_in_a_saved_model(model, tmp_path):
    from matcher import load_model

    loaded = load_model(model.save(tmp_path / "onet.model"))
    assert loaded.catalog.absent == {
        COMET: "Comet Dust Assayers",
        LANTERN: "Lantern Festival Planners",
    }
    with pytest.raises(UnknownOccupationError, match="names Comet Dust Assayers"):
        loaded.resolve_occupation("Dust Sampler")
    assert loaded.catalog.get(COMET) is None and len(loaded.catalog) == 4
    assert loaded.resolve_occupation("99-0001").id == BEACON


def test_the_real_databases_unrated_occupations_are_named_by_any_name(shared_onet_model):
    for typed, title in [
        ("Software Developers", "Software Developers"),
        ("software developer", "Software Developers"),
        ("15-1252.00", "Software Developers"),
        ("EMT", "Emergency Medical Technicians"),  # O*NET's own short title
        ("paramedic", "Paramedics"),
        ("data scientist", "Data Scientists"),
    ]:
        with pytest.raises(UnknownOccupationError) as caught:
            shared_onet_model.resolve_occupation(typed)
        message = str(caught.value)
        assert f"{title} is in O*NET but has no ratings" in message or (
            f"names {title} (" in message and "which is in O*NET but has no ratings" in message
        ), message
        for unrelated in ("Firefighters", "Biofuels", "Coroners", "similar names"):
            assert unrelated not in message, message
    # Computer Occupations, All Other: related to nothing, detailed in the model
    with pytest.raises(UnknownOccupationError, match=r"this model has .*\(15-1299\.08\)"):
        shared_onet_model.resolve_occupation("15-1299")


# --------------------------------------------------------------------------- forms of names


def _add_titles(onet_dir: Path, *rows: tuple[str, str, str]) -> None:
    """Append alternate titles ``(code, alternate title, short title)``."""
    path = onet_dir / "Alternate Titles.txt"
    text = path.read_text(encoding="utf-8")
    text += "".join(f"{code}\tX\t{title}\t{short}\t08\n" for code, title, short in rows)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("short", "long", "expected"),
    [
        ("RN", "Registered Nurse", True),
        ("LPN", "Licensed Practical Nurse", True),
        ("PMH-CNS", "Psychiatric-Mental Health Clinical Nurse Specialist", True),
        ("COMS", "Certified Orientation and Mobility Specialist", True),  # "and" left out
        ("DPT", "Doctor of Physical Therapy", True),
        ("IT", "Project Manager", False),  # a qualifier, not the name's initials
        ("Civil", "Engineer", False),
        ("R", "Registered", False),  # one letter says too little
    ],
)
def test_an_abbreviation_is_the_initials_of_the_name(short, long, expected):
    from matcher.io.catalog_names import abbreviates

    assert abbreviates(short, long) is expected


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("registered nurses", "registered nurse"),
        ("actuaries", "actuary"),
        ("coaches", "coach"),
        ("boilermakers", "boilermaker"),
        ("clergy", None),
        ("welders, cutters, solderers, and brazers", None),  # several kinds of worker
        ("business", None),
        ("ward mayor (tokyo special wards)", None),
    ],
)
def test_the_singular_of_a_title(key, expected):
    from matcher.io.catalog_names import singular

    assert singular(key) == expected


def test_an_alternate_title_full_name_abbr_answers_to_the_full_name(onet_dir):
    # "Registered Nurse (RN)" and "RN" named Registered Nurses, "Registered Nurse" nothing
    _add_titles(
        onet_dir,
        (TALLY, "Certified Tally Keeper (CTK)", "CTK"),
        (MOSS, "KGT (Kyoto Garden Tender)", ""),
        (FERRY, "Deck Greeter (Night Shift)", ""),
    )
    model = import_onet(onet_dir)
    for name in ("Certified Tally Keeper (CTK)", "CTK", "certified  tally keeper"):
        assert model.resolve_occupation(name).id == TALLY
    assert model.resolve_occupation("Kyoto Garden Tender").id == MOSS
    # a qualifier in brackets is no abbreviation: the name without it may be any deck greeter
    with pytest.raises(UnknownOccupationError):
        model.resolve_occupation("Deck Greeter")
    # the aliases are shown as O*NET gives them
    assert "Certified Tally Keeper (CTK)" in model.catalog.get(TALLY).profile.aliases
    assert "Certified Tally Keeper" not in model.catalog.get(TALLY).profile.aliases


def test_a_full_name_several_occupations_abbreviate_names_none(onet_dir):
    _add_titles(onet_dir, (TALLY, "Dock Warden (DW)", ""), (FERRY, "Dock Warden (DW)", ""))
    model = import_onet(onet_dir)
    with pytest.raises(UnknownOccupationError) as caught:
        model.resolve_occupation("Dock Warden")
    message = str(caught.value)
    assert "of 2 occupations" in message and TALLY in message and FERRY in message


def test_a_title_answers_to_its_singular(model):
    # O*NET titles are plural; "Registered Nurse" and "Medical Assistant" named nothing
    assert model.resolve_occupation("Harbour Tally Clerk").id == TALLY
    assert model.resolve_occupation("moss garden keeper").id == MOSS
    assert gaps({"skills": {"Mathematics": 3}}, "Beacon Signal Engineer", model=model).target_id


def test_a_titles_singular_comes_before_another_occupations_alias(onet_dir):
    # O*NET gives "Customer Service Representative" to Credit Authorizers, Checkers, and
    # Clerks and "Cashier" to four occupations, Cashiers among them: the singular of a title
    # is the name of that title's occupation
    _add_titles(onet_dir, (FERRY, "Moss Garden Keeper", ""), (BEACON, "Harbour Tally Clerk", ""))
    _add_titles(onet_dir, (FERRY, "Harbour Tally Clerk", ""))
    model = import_onet(onet_dir)
    assert model.resolve_occupation("Moss Garden Keeper").id == MOSS
    assert model.resolve_occupation("Harbour Tally Clerk").id == TALLY


def test_a_survey_names_jobs_as_a_profile_does(onet_dir, tmp_path):
    # a survey row with "Licensed Practical Nurse" (O*NET: "Licensed Practical Nurse (LPN)")
    # was rejected whole
    from matcher import score_survey

    _add_titles(onet_dir, (TALLY, "Certified Tally Keeper (CTK)", "CTK"))
    model = import_onet(onet_dir)
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "respondent_id,current_job,target_job,skill:Mathematics\n"
        "r1,Certified Tally Keeper,Beacon Signal Engineer,3\n"
        "r2,CTK,99-0001.00,3\n",
        encoding="utf-8",
    )
    frame = score_survey(survey, model=model, top_k=1)
    assert frame.attrs["rejects"].to_pandas().empty
    assert sorted(frame["respondent_id"]) == ["r1", "r2"]


def test_forms_of_names_are_kept_in_a_saved_model(onet_dir, tmp_path):
    from matcher import load_model

    _add_titles(
        onet_dir,
        (TALLY, "Certified Tally Keeper (CTK)", ""),
        (TALLY, "Dock Warden (DW)", ""),
        (FERRY, "Dock Warden (DW)", ""),
    )
    loaded = load_model(import_onet(onet_dir).save(tmp_path / "onet.model"))
    assert loaded.resolve_occupation("Certified Tally Keeper").id == TALLY
    assert loaded.resolve_occupation("Harbour Tally Clerk").id == TALLY
    with pytest.raises(UnknownOccupationError, match="of 2 occupations"):
        loaded.resolve_occupation("Dock Warden")


def test_the_real_database_answers_to_the_names_people_write(shared_onet_model):
    model = shared_onet_model
    expected = {
        "Registered Nurse": "29-1141.00",  # "Registered Nurse (RN)"
        "Licensed Practical Nurse": "29-2061.00",  # "Licensed Practical Nurse (LPN)"
        "Certified Medical Assistant": "31-9092.00",
        "Chief Financial Officer": "11-1011.00",
        "Medical Assistant": "31-9092.00",  # the singular of the title
        "Cashier": "41-2011.00",  # not four occupations' shared alias
        "Dishwasher": "35-9021.00",
        "Customer Service Representative": "43-4051.00",  # not Credit Authorizers'
    }
    assert {name: model.resolve_occupation(name).id for name in expected} == expected
    with pytest.raises(UnknownOccupationError, match="of 3 occupations"):
        model.resolve_occupation("Nurse")


# --------------------------------------------------------------------------- the current job

PERSON = {"skills": {"Mathematics": 3, "Programming": 2}}


def _job_notes(model, job: str) -> list[str]:
    report = gaps({**PERSON, "current_job": job}, TALLY, model=model)
    return [n for n in report.notes if n.startswith("current job")]


def test_an_unrated_current_job_is_explained_as_a_target_is(model):
    # "Paramedics" as a current job was "not in the catalog" beside Firefighters,
    # Lifeguards and Coroners, while as a target it was "in O*NET but has no ratings"
    (note,) = _job_notes(model, "Dust Sampler")
    assert note == (
        f"current job not used: 'Dust Sampler' names Comet Dust Assayers ({COMET}), which is in "
        "O*NET but has no ratings, so it was left out of this model"
    )
    (note,) = _job_notes(model, "Comet Dust Assayers")
    assert note.startswith("current job not used: Comet Dust Assayers is in O*NET")


def test_a_shared_current_job_lists_who_gives_it(onet_dir):
    # "Nurse" and "Line Cook" as a current job were "not in the catalog (closest: ...)", the
    # occupations that give them listed as if they were near misses
    _add_titles(onet_dir, (COMET, "Ferry Host", ""), (MOSS, "Ferry Host", ""))
    (note,) = _job_notes(import_onet(onet_dir), "Ferry Host")
    assert note.startswith("current job not used: 'Ferry Host' is an alias of 3 occupations")
    assert "give one of their titles or ids" in note


@pytest.mark.parametrize("job", ["Harbour Tally Clerk", " 99-0002.00 ", "99-0002"])
def test_a_current_job_is_read_as_a_target_is(model, job):
    report = gaps({**PERSON, "current_job": job}, BEACON, model=model)
    assert not _job_notes(model, job)
    assert report.steps[0].occupation_id == TALLY and report.steps[0].is_current


def test_recommend_and_a_survey_say_the_same_of_an_unknown_current_job(model, tmp_path, capsys):
    import json

    from matcher import score_survey
    from matcher.cli import main

    saved = str(model.save(tmp_path / "onet.model"))
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({**PERSON, "current_job": "Dust Sampler"}), encoding="utf-8")
    assert main(["recommend", str(profile), "--model", saved, "--top", "2"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    why = (
        f"'Dust Sampler' names Comet Dust Assayers ({COMET}), which is in O*NET but has no ratings"
    )
    assert f"Note: current job not used: {why}" in out and "similar names" not in out
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "respondent_id,current_job,skill:Mathematics\n"
        "r1,Dust Sampler,3\nr2,Harbour Tally Clerk,3\n",
        encoding="utf-8",
    )
    with pytest.warns(UserWarning):
        frame = score_survey(survey, model=model, top_k=1)
    rejects = frame.attrs["rejects"].to_pandas()
    assert list(frame["respondent_id"]) == ["r2"]
    assert rejects["reason"].iloc[0].startswith(why)


def test_the_real_databases_paramedic_is_not_sent_to_firefighters(shared_onet_model):
    pat = {
        "current_job": "Paramedics",
        "skills": {"Medicine and Dentistry": 3, "Public Safety and Security": 4},
    }
    report = gaps(pat, "Registered Nurses", model=shared_onet_model)
    (note,) = [n for n in report.notes if n.startswith("current job")]
    assert "Paramedics is in O*NET but has no ratings" in note
    assert "Firefighters" not in note and "Lifeguards" not in note
    for job in ("29-1141.00 ", "Licensed Practical Nurse", "Medical Assistant"):
        report = gaps({**pat, "current_job": job}, "Registered Nurses", model=shared_onet_model)
        assert not [n for n in report.notes if n.startswith("current job")], job
