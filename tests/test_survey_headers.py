"""Survey reader: a header repeated inside a file (exports joined with ``cat``).

The second export's header, in the middle of the file, was read as a respondent called
``respondent_id`` ("not a number" in every column), and every row after it was read by the
first header's column order: its ratings landed on other items, and were scored so.
"""

from __future__ import annotations

import random

import pytest
from helpers import make_survey, quiet_score

from matcher import InputError, read_survey_assessments, score_survey
from matcher.io.survey import iter_chunks, parse_chunk, read_layout

NORTH = "respondent_id,skill:Office Administration,Citizen Services,trait:Leadership,target_job"
SOUTH = "Respondent ID,trait:Leadership,Target Job,skill:office administration,Citizen Services"


def south_row(rid: str, office: int, citizen: int, leader: int) -> str:
    return f"{rid},{leader},,{office},{citizen}"


def test_rows_after_a_header_in_another_order_are_read_by_it(tmp_path, fixture_model, engine):
    north = "\ufeff" + NORTH + "\r\nn1,5,0,1,\r\nn2,1,1,1,\r\n"
    south = "\ufeff" + SOUTH + "\r\n" + south_row("s1", 5, 0, 1) + "\r\n"
    south += south_row("s2", 0, 5, 4) + "\r\n"
    (tmp_path / "north.csv").write_text(north, encoding="utf-8")
    (tmp_path / "south.csv").write_text(south, encoding="utf-8")
    (tmp_path / "all.csv").write_text(north + south, encoding="utf-8")
    joined = score_survey(tmp_path / "all.csv", model=fixture_model, top_k=3, **engine)
    apart = quiet_score(
        [tmp_path / "north.csv", tmp_path / "south.csv"], model=fixture_model, top_k=3
    )
    columns = ["respondent_id", "rank", "occupation_id", "score", "confidence"]
    assert joined[columns].equals(apart[columns])
    assert joined.attrs["rejects"].to_pandas().empty
    summary = joined.attrs["summary"]
    assert (summary["rows_read"], summary["scored"], summary["repeated_headers"]) == (4, 4, 1)


def test_the_report_reader_follows_the_repeated_header_too(tmp_path, fixture_model):
    path = tmp_path / "all.csv"
    path.write_text(NORTH + "\nn1,5,0,1,\n" + SOUTH + "\n" + south_row("s1", 4, 2, 1) + "\n")
    people, rejects = read_survey_assessments(path, fixture_model)
    assert rejects.empty
    ratings = dict(people)["s1"].ratings
    assert ratings[("skill", "Office Administration")] == 4
    assert ratings[("trait", "Leadership")] == 1


@pytest.mark.parametrize("chunk_size", [1 << 20, 256, 64])
def test_a_repeated_header_is_found_wherever_chunks_are_cut(tmp_path, fixture_model, chunk_size):
    """Also after a line read record by record (a stray quote) and as the last line."""
    rng = random.Random(4)
    lines, expected, headers = [NORTH], [], 0
    order = "north"
    for i in range(60):
        if i in (20, 41):
            lines.append(SOUTH if order == "north" else NORTH)
            order = "south" if order == "north" else "north"
            headers += 1
        office, citizen, leader = (rng.randint(0, 5) for _ in range(3))
        if i == 40:
            lines.append(f'r{i},{office},{citizen},{leader},"Mayor')  # a stray quote: rejected
            continue
        if order == "north":
            lines.append(f"r{i},{office},{citizen},{leader},")
        else:
            lines.append(south_row(f"r{i}", office, citizen, leader))
        expected.append((f"r{i}", (float(office), float(citizen), float(leader))))
    lines.append(SOUTH)
    path = tmp_path / "joined.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    layout = read_layout(path, fixture_model)
    found, problems, counted = [], [], 0
    for chunk in iter_chunks(layout, chunk_size=chunk_size):
        for parsed in parse_chunk(chunk, layout):
            counted += parsed.header_lines
            order_of = chunk.layout_in(layout).columns
            names = [order_of.header[p] for p, _ in order_of.ratings]
            for rid, ratings in zip(parsed.ids.to_pylist(), parsed.ratings, strict=True):
                by_name = dict(zip((n.lower() for n in names), ratings, strict=True))
                values = (
                    by_name["skill:office administration"],
                    by_name["citizen services"],
                    by_name["trait:leadership"],
                )
                found.append((rid, tuple(float(v) for v in values)))
            problems += [line for line, _, _ in parsed.record_problems]
    assert found == expected
    assert problems == [43] and counted == headers + 1


def test_a_header_of_other_columns_stops_the_run_naming_its_line(tmp_path, fixture_model):
    other = "respondent_id,skill:Office Administration,trait:Leadership"
    path = tmp_path / "joined.csv"
    path.write_text(NORTH + "\nn1,5,0,1,\n\n" + other + "\no1,3,3\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"joined\.csv:4: this line repeats the header") as err:
        score_survey(path, model=fixture_model)
    assert "missing: 'Citizen Services', 'target_job'" in str(err.value)
    assert "score the files as separate files" in str(err.value)


def test_a_row_that_names_the_id_column_is_still_a_row(tmp_path, fixture_model):
    """A respondent whose id is the id column's name, with ratings, is a respondent."""
    path = tmp_path / "s.csv"
    body = "respondent_id,3,4,5,\nr2,respondent_id,x,1,\n"
    path.write_text(NORTH + "\n" + body, encoding="utf-8")
    with pytest.warns(UserWarning, match="1 rejected"):
        frame = score_survey(path, model=fixture_model)
    summary = frame.attrs["summary"]
    assert (summary["rows_read"], summary["scored"], summary["repeated_headers"]) == (2, 1, 0)
    assert frame["respondent_id"].unique().tolist() == ["respondent_id"]


def test_the_same_header_repeated_costs_no_reject(tmp_path, fixture_model):
    """Two exports of one layout joined: 14 reject lines for the second header."""
    first = make_survey(tmp_path / "a.csv", fixture_model, n=5, seed=1)
    second = make_survey(tmp_path / "b.csv", fixture_model, n=5, seed=2)
    text = second.read_text(encoding="utf-8").replace("\nr", "\nq")
    path = tmp_path / "ab.csv"
    path.write_text(first.read_text(encoding="utf-8") + text, encoding="utf-8")
    frame = score_survey(path, model=fixture_model)
    assert frame.attrs["rejects"].to_pandas().empty
    assert frame.attrs["summary"]["scored"] == 10
