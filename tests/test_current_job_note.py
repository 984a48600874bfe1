"""Where the person's current job stands among the matches, and why: recommend and reports."""

from __future__ import annotations

import dataclasses
import html
import json
import re

import pytest
from dentalnurse import RATINGS
from reports import report_of

from matcher import recommend, render_html, render_markdown
from matcher.cli import main
from matcher.match.explain import Standing
from matcher.match.order import current_standing
from matcher.model.locations import data_dir
from matcher.util.labels import percent, possessive


def test_a_current_job_not_first_among_the_matches_is_said_so(builtin_model, tmp_path, capsys):
    """Both README examples put a neighbour of the person's own job first (Subsection Chief
    at 78 % for a Section Chief): read as a mislabelled person. The order stays the answers';
    where the named job stands, and why, is said beside the matches."""
    from matcher.match.jobnote import current_job_note

    example = data_dir() / "examples" / "section-chief.json"
    person = json.loads(example.read_text("utf-8"))
    recs = recommend(person, top_k=5, model=builtin_model)
    mine = builtin_model.catalog.resolve(person["current_job"])
    current = (mine, builtin_model.catalog.get(mine).title)
    rank = next((r.rank for r in recs if r.occupation_id == mine), None)
    standing = current_standing(person, current, recs, builtin_model)
    assert (standing is None) == (rank == 1)
    note = current_job_note(current, recs, standing)
    if rank == 1:
        assert note is None
    else:
        place = standing.rank
        assert rank is None or rank == place
        after = "" if place == 2 else f", after {place - 1} occupations"
        assert note.startswith(f"your current job, {current[1]}, is #{place}{after}")
    assert current_job_note(current, [r for r in recs if r.occupation_id == mine][:1], None) is None
    assert current_job_note(None, recs, None) is None
    others = [r for r in recs if r.occupation_id != mine]
    assert (
        f"is #37, after 36 occupations: your answers fit {possessive(others[0].title)} levels "
        "better ("
    ) in current_job_note(current, others, Standing(37, 0.0))
    assert f"is #2: your answers fit {possessive(others[0].title)} levels better" in (
        current_job_note(current, others[:1], Standing(2, 0.0))
    )
    if rank is not None:  # an O*NET title is plural: Budget Analysts' levels, not Analysts's
        first = dataclasses.replace(others[0], title="Budget Analysts")
        assert "fit Budget Analysts' levels" in current_job_note(
            current, [first, *recs], Standing(rank + 1, 0.0)
        )
    if note is not None:
        assert main(["recommend", str(example), "--top", "5"]) == 0
        assert f"Note: {note[:40]}" in " ".join(capsys.readouterr().out.split())
        assert main(["recommend", str(example), "--top", "5", "--json"]) == 0
        out, err = capsys.readouterr()
        assert json.loads(out) and f"matcher: note: {note}" in err  # the JSON stays a list
        page = render_markdown(report_of(builtin_model, person))
        assert f"Your current job, {current[1]}, is" in page


def test_the_current_job_note_counts_every_occupation_above_it_whatever_top(
    builtin_model, tmp_path, capsys
):
    """The README's profile (a Section Chief at #10) was told "your answers fit the 3 shown
    better" with --top 3, "the 5 shown" in a report, and "City Mayor's levels" with --top 12:
    the reason given changed with --top, and nine occupations rank above it."""
    profile = {
        "name": "Aiko Tanaka",
        "current_job": "Section Chief",
        "skills": {"Crisis Management": 4, "Policy Planning": 5},
        "aptitudes": {"Stress Tolerance": 5},
        "traits": {"Leadership": 4},
    }
    path = tmp_path / "aiko.json"
    path.write_text(json.dumps(profile), "utf-8")
    everything = recommend(profile, top_k=len(builtin_model.catalog), model=builtin_model)
    place = next(r.rank for r in everything if r.title == "Section Chief")
    assert place > 3  # the case in point: more occupations above it than a short list shows
    wanted = (
        f"Section Chief, is #{place}, after {place - 1} occupations: your answers fit "
        f"{possessive(everything[0].title)} levels better ("
    )
    for top in ("3", str(place + 2)):
        assert main(["recommend", str(path), "--top", top]) == 0
        assert wanted in " ".join(capsys.readouterr().out.split())
        assert main(["recommend", str(path), "--top", top, "--json"]) == 0
        assert wanted in " ".join(capsys.readouterr().err.split())
    for top in (3, place + 2):
        report = report_of(builtin_model, profile, top_k=top)
        markdown = " ".join(render_markdown(report).replace("\\", "").split())
        page = re.sub(r"<[^>]+>", " ", html.unescape(render_html(report)))
        assert wanted in markdown and wanted in " ".join(page.split())


def test_a_current_job_with_the_higher_confidence_is_never_said_to_fit_worse(builtin_model):
    """The order keeps near relations of the likeliest occupations near them; the
    confidence is the answers' alone. A teacher's own job was #3 at 44 % under a first match
    at 21 %, and the note said her answers fit the first better."""
    from matcher.match.jobnote import current_job_note

    example = data_dir() / "examples" / "section-chief.json"
    person = json.loads(example.read_text("utf-8"))
    recs = recommend(person, top_k=3, model=builtin_model)
    first, second, third = recs
    current = (third.occupation_id, third.title)
    mine = dataclasses.replace(third, confidence=0.44)
    ranked = [dataclasses.replace(first, confidence=0.21), second, mine]
    note = current_job_note(current, ranked, Standing(3, 0.44, "the order weighs X"))
    assert note == (
        f"your current job, {third.title}, is #3, after 2 occupations, though your answers "
        f"alone give it a higher confidence than the first, {first.title} (44% against 21%): "
        "the order weighs X"
    )
    assert "fit" not in note  # no claim the numbers beside it deny
    lower = [
        dataclasses.replace(first, confidence=0.44),
        second,
        dataclasses.replace(third, confidence=0.21),
    ]
    assert f"is #3, after 2 occupations: your answers fit {possessive(first.title)} levels" in (
        current_job_note(current, lower, Standing(3, 0.21))
    )


def test_the_current_job_note_claims_no_fit_the_order_does_not_mean(builtin_model):
    """The order is the answers' fit and the relations; the confidence is the answers' alone.
    A carpenter's example, current job Plumber, read "is #4: 3 occupations fit your answers
    better", and #3, Apprentice Carpenter, had a fifth of the Plumber's confidence."""
    from matcher.match.jobnote import current_job_note

    person = json.loads((data_dir() / "examples" / "carpenter.json").read_text("utf-8"))
    person["current_job"] = "Plumber"
    recs = recommend(person, top_k=5, model=builtin_model)
    mine = next(r for r in recs if r.title == "Plumber")
    above = recs[: mine.rank - 1]
    assert any(r.confidence < mine.confidence for r in above)  # the case in point
    assert recs[0].confidence >= mine.confidence
    current = (mine.occupation_id, "Plumber")
    note = current_job_note(current, recs, current_standing(person, current, recs, builtin_model))
    assert f"{len(above)} occupations fit" not in note
    assert note.startswith(
        f"your current job, Plumber, is #{mine.rank}, after {len(above)} occupations: your "
        f"answers fit {possessive(recs[0].title)} levels better ("
    )


def test_the_library_note_of_a_current_job_not_shown_needs_where_it_stands(builtin_model):
    """Called without the rank, the note said of a Plumber at #4 with --top 3 "is not among
    the 3 shown: your answers fit the 3 shown better", and the third, Apprentice Carpenter,
    had a fifth of the Plumber's confidence. The rank is required; the note counts from it."""
    from matcher.match.jobnote import current_job_note

    person = json.loads((data_dir() / "examples" / "carpenter.json").read_text("utf-8"))
    person["current_job"] = "Plumber"
    plumber = builtin_model.catalog.resolve("Plumber")
    current = (plumber, "Plumber")
    everything = recommend(person, top_k=5, model=builtin_model)
    mine = next(r for r in everything if r.occupation_id == plumber)
    shown = everything[: mine.rank - 1]
    assert any(r.confidence < mine.confidence for r in shown)  # the case in point
    with pytest.raises(TypeError):
        current_job_note(current, shown)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="where it stands is needed"):
        current_job_note(current, shown, None)
    standing = current_standing(person, current, shown, builtin_model)
    rank = standing.rank
    assert (rank, standing.confidence) == (mine.rank, pytest.approx(mine.confidence))
    note = current_job_note(current, shown, standing)
    assert "shown" not in note
    assert note.startswith(
        f"your current job, Plumber, is #{rank}, after {rank - 1} occupations: your answers "
        f"fit {possessive(shown[0].title)} levels better ("
    )


def test_a_current_job_not_in_the_catalog_is_said_beside_the_matches(tmp_path, capsys):
    # `matcher gaps` said so; `matcher recommend` ignored it unsaid
    path = tmp_path / "p.json"
    path.write_text(
        json.dumps({"current_job": "Registred Nurse", "skills": {"Patient Care": 4}}), "utf-8"
    )
    assert main(["recommend", str(path), "--top", "2"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert (
        "Note: current job not used: no occupation is called 'Registred Nurse'; similar names: "
        "'Registered Nurse' (registered-nurse)"
    ) in out


#: A dental nurse's healthcare questionnaire (tests/test_not_asked.py), her job a laboratory one.
DENTAL_NURSE = {"name": "DN16", "current_job": "Clinical Laboratory Technician", **RATINGS}
DENTAL_NURSE["asked"] = {b: list(DENTAL_NURSE[b]) for b in ("skills", "aptitudes", "traits")}


def test_a_current_job_not_shown_is_compared_by_its_confidence_whatever_top(
    builtin_model, tmp_path, capsys
):
    """Her job was #5 at 12 % under Restaurant Server at 10 %: with --top 3 the note said "your
    answers fit Restaurant Server's levels better", with --top 5 that her answers give her
    job the higher confidence. A job not shown was never compared."""
    from matcher.match.jobnote import current_job_note

    path = tmp_path / "dn.json"
    path.write_text(json.dumps(DENTAL_NURSE), "utf-8")
    everything = recommend(DENTAL_NURSE, top_k=10, model=builtin_model)
    first = everything[0]
    mine = next(r for r in everything if r.title == DENTAL_NURSE["current_job"])
    assert mine.rank > 3 and mine.confidence > first.confidence  # the case in point
    current = (mine.occupation_id, mine.title)
    wanted = (
        f"is #{mine.rank}, after {mine.rank - 1} occupations, though your answers alone give it "
        f"a higher confidence than the first, {first.title} ({percent(mine.confidence)} against "
        f"{percent(first.confidence)}): the order "
    )
    notes = set()
    for top in (3, mine.rank):
        shown = everything[:top]
        standing = current_standing(DENTAL_NURSE, current, shown, builtin_model)
        assert standing.confidence == pytest.approx(mine.confidence, abs=1e-6)
        note = current_job_note(current, shown, standing)
        assert wanted in note and "fit" not in note
        notes.add(note)
        assert main(["recommend", str(path), "--top", str(top)]) == 0
        assert f"Note: {note}." in " ".join(capsys.readouterr().out.split())
        page = render_markdown(report_of(builtin_model, DENTAL_NURSE, top_k=top))
        assert f"{note[0].upper()}{note[1:]}" in " ".join(page.replace("\\", "").split())
    assert len(notes) == 1  # the same whatever --top


def test_recommend_says_an_unknown_target_and_current_job_once_each(tmp_path, capsys):
    """recommend() warns of both; the command said the current job only in its plain output,
    the target never, and with --json nothing at all."""
    path = tmp_path / "p.json"
    person = {
        "current_job": "Registred Nurse",
        "target_job": "Plumbr",
        "skills": {"Patient Care": 4},
    }
    path.write_text(json.dumps(person), "utf-8")
    current = "current job not used: no occupation is called 'Registred Nurse'"
    target = "target job not used: no occupation is called 'Plumbr'"
    assert main(["recommend", str(path), "--top", "2"]) == 0
    said = capsys.readouterr()
    out, err = " ".join(said.out.split()), " ".join(said.err.split())
    assert out.count(current) == 1 and current not in err
    assert err.count(f"matcher: note: {target}") == 1 and target not in out
    assert main(["recommend", str(path), "--top", "2", "--json"]) == 0
    said = capsys.readouterr()
    json.loads(said.out)  # the JSON stays the list it was
    err = " ".join(said.err.split())
    assert err.count(f"matcher: note: {current}") == 1
    assert err.count(f"matcher: note: {target}") == 1
