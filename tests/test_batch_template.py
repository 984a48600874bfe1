"""The survey template and a batch of it: the example row refused, formula titles neutralised."""

from __future__ import annotations

import csv
import shutil
import warnings

import pytest
from helpers import FIXTURES, make_survey, quiet_score

from matcher import build_model
from matcher.cli import main
from matcher.errors import InputError
from matcher.io.survey.template import write_template


def test_cli_batch_and_template(tmp_path, fixture_model, capsys, monkeypatch):
    monkeypatch.setattr("matcher.cli.base.load_model_option", lambda args: fixture_model)
    template = tmp_path / "template.csv"
    assert main(["survey-template", "-o", str(template)]) == 0
    header = template.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:3] == ["respondent_id", "current_job", "target_job"]
    # the example row left in is a reject saying so (scored, it read as a respondent)
    assert main(["batch", str(template), "-o", str(tmp_path / "t.parquet")]) == 1
    assert "the survey template's example row" in (tmp_path / "t.rejects.csv").read_text("utf-8")
    assert main(["survey-template", "--no-example", "-o", str(template)]) == 0
    assert main(["batch", str(template), "-o", str(tmp_path / "t.parquet")]) == 0
    good = make_survey(tmp_path / "s.csv", fixture_model, n=8)
    assert main(["batch", str(good), "-o", str(tmp_path / "s.parquet"), "--top", "2"]) == 0
    out = capsys.readouterr().out
    assert "8 rows read = 8 scored + 0 rejected" in out
    bad = make_survey(tmp_path / "b.csv", fixture_model, n=4, extra_rows="x,9,,,,,,,,\n")
    assert main(["batch", str(bad), "-o", str(tmp_path / "b.csv.out.csv")]) == 1
    (tmp_path / "noid.csv").write_text("id;skill:Office Administration\n1;2\n")
    assert main(["batch", str(tmp_path / "noid.csv"), "-o", str(tmp_path / "n.csv")]) == 2
    assert "no 'respondent_id' column" in capsys.readouterr().err
    assert main(["batch", str(good), "-o", str(tmp_path / "s.xlsx")]) == 2


def test_the_template_neutralises_titles_a_spreadsheet_would_run_and_batch_reads_them_back(
    tmp_path, capsys
):
    catalog = tmp_path / "catalog"
    shutil.copytree(FIXTURES / "catalog", catalog)
    for document in catalog.iterdir():  # every title: the example row shows two of them
        title, rest = document.read_text(encoding="utf-8").split("\n", 1)
        document.write_text(f'=HYPERLINK("http://x.example","{title}")\n{rest}', "utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # related jobs named by their old titles
        model = build_model(catalog)
    template = tmp_path / "template.csv"
    write_template(template, model)
    with template.open(encoding="utf-8", newline="") as handle:
        _header, example = list(csv.reader(handle))
    assert example[1].startswith("'=HYPERLINK(") and example[2].startswith("'=HYPERLINK(")
    # A row that copies the example's jobs (the ' left in) is scored against them.
    example[0] = "r1"
    with template.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(example)
    frame = quiet_score(template, model=model, top_k=1)
    assert frame.respondent_id.tolist() == ["r1"]
    assert model.resolve_occupation(example[2][1:]).id == frame.target_id[0]
    with pytest.raises(InputError, match="spreadsheet formula"):
        write_template(template, model, id_column="=id")
