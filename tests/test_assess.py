"""``matcher assess`` in a real terminal (pexpect): a scripted person of a known occupation
answers the questions it is asked, and the interview ends with that occupation on top."""

from __future__ import annotations

import io
import json
import os
import re
import sys
from pathlib import Path

import pytest
from helpers import shared_or_skip

from matcher import default_model, import_onet, recommend
from matcher.cli import main
from matcher.io.assessment import read_assessment

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
QUESTION = re.compile(r"Q(\d+)\. (skill|aptitude|trait|interest): ([^\r\n]+)")
PROMPT = r"rating 0-5, s skip, b back, q stop> "
SETTLED = r"Settled: [^\r\n]+"


def _spawn(*argv: str):
    pexpect = pytest.importorskip("pexpect")
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    return pexpect.spawn(
        sys.executable,
        ["-m", "matcher", "assess", *argv],
        dimensions=(50, 200),  # wide: no question wraps
        env={**env, "TERM": "xterm-256color"},
        encoding="utf-8",
        timeout=60,
    )


def _answer(model, row: int, block: str, name: str) -> str:
    """What a person of occupation ``row`` answers: the level it needs, or a skip for an
    item it does not list."""
    item = model.vectorizer.feature_index(block, name)
    if model.importance[row, item] <= 0:
        return "s"
    return str(round(float(model.levels[row, item])))


def _interview(child, model, row: int, limit: int = 60) -> tuple[list[str], str, str]:
    """Answer every question as occupation ``row`` would until the interview settles; the
    items asked, the reason it stopped and the whole screen."""
    asked, screen = [], ""
    for _ in range(limit):
        found = child.expect([PROMPT, SETTLED])
        screen += ANSI.sub("", child.before + child.after)
        if found == 1:
            return asked, ANSI.sub("", child.after), screen
        block, name = QUESTION.findall(ANSI.sub("", child.before))[-1][1:]
        asked.append(f"{block}:{name.strip()}")
        child.sendline(_answer(model, row, block, name.strip()))
    raise AssertionError(f"no end after {limit} questions:\n{screen[-3000:]}")


def test_a_scripted_person_is_matched_to_their_occupation_and_the_answers_saved(tmp_path):
    model = default_model()
    occupation = model.resolve_occupation("Registered Nurse")
    row = model.index_of(occupation.id)
    saved = tmp_path / "me.json"
    child = _spawn("-o", str(saved), "--target", "Head Nurse", "--report", str(tmp_path / "r"))
    asked, reason, screen = _interview(child, model, row)
    child.expect(r"Wrote [^\r\n]+\.html")
    child.expect(pytest.importorskip("pexpect").EOF)
    child.close()
    assert child.exitstatus == 0, screen
    assert 3 <= len(asked) <= 40 and len(set(asked)) == len(asked)
    # the last table shown has the occupation among the top 5
    last = screen.rsplit("best matches now", 1)[1].split("Settled")[0]
    assert occupation.title in last, screen[-3000:]
    assert "%" in last and reason.startswith("Settled: ")
    # saved as the README's self-assessment, with what was asked (skips included)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["target_job"] == "Head Nurse"
    person = read_assessment(data, model.item_resolver)
    keys = {f"{block}:{name}" for block, name in person.asked}
    assert keys == set(asked)
    assert len(person.ratings) == sum(_answer(model, row, *a.split(":", 1)) != "s" for a in asked)
    # and the saved file ranks the same way outside the interview
    assert occupation.title in [r.title for r in recommend(person, top_k=5, model=model)]
    assert list((tmp_path / "r").glob("*.md"))


def test_an_onet_model_finds_a_scripted_person_too(tmp_path):
    model = import_onet(shared_or_skip("onet"), related=False)
    path = model.save(tmp_path / "onet.model")  # signed with this test's key
    row = model.index_of(model.resolve_occupation("Registered Nurses").id)
    child = _spawn("--model", str(path))
    asked, _, screen = _interview(child, model, row)
    child.expect(pytest.importorskip("pexpect").EOF)
    child.close()
    assert child.exitstatus == 0, screen
    last = screen.rsplit("best matches now", 1)[1]
    assert "Registered Nurses" in last and len(asked) <= 40, screen[-3000:]


def test_back_takes_an_answer_back_and_q_stops_saving_what_was_given(tmp_path):
    saved = tmp_path / "me.json"
    child = _spawn("-o", str(saved))
    child.expect(PROMPT)
    first = QUESTION.findall(ANSI.sub("", child.before))[-1]
    child.sendline("7")
    child.expect("is not an answer")
    child.expect(PROMPT)
    child.sendline("4")
    child.expect(PROMPT)
    second = QUESTION.findall(ANSI.sub("", child.before))[-1]
    assert second[0] == "2" and second[1:] != first[1:]
    child.sendline("b")  # back to the first question, saying what is taken back
    child.expect(PROMPT)
    assert "Taken back: your answer (4) to the question before." in ANSI.sub("", child.before)
    assert QUESTION.findall(ANSI.sub("", child.before))[-1] == first
    child.sendline("s")
    child.expect(PROMPT)
    child.sendline("q")
    child.expect("1 question, 0 answered")
    child.expect(pytest.importorskip("pexpect").EOF)
    child.close()
    assert child.exitstatus == 0
    data = json.loads(saved.read_text(encoding="utf-8"))
    # the first item was skipped (asked, not rated); the one after was never answered
    assert data["asked"] == {f"{first[1]}s": [first[2].strip()]}
    assert set(data) == {"asked"}


def test_ctrl_c_stops_and_keeps_the_answers_given(tmp_path):
    saved = tmp_path / "me.json"
    child = _spawn("-o", str(saved))
    child.expect(PROMPT)
    child.sendline("4")
    child.expect(PROMPT)
    child.sendintr()
    child.expect("1 question, 1 answered")
    child.expect(pytest.importorskip("pexpect").EOF)
    child.close()
    assert child.exitstatus == 130  # interrupted, as shells report Ctrl-C
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert sum(len(v) for k, v in data.items() if k != "asked") == 1


def test_bad_paths_are_refused_before_the_questions(tmp_path, capsys):
    assert main(["assess", "-o", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    (tmp_path / "afile").write_text("x", encoding="utf-8")  # a file where a folder must be
    assert main(["assess", "-o", str(tmp_path / "afile" / "me.json")]) == 2
    assert "is a file, not a folder to write into" in capsys.readouterr().err
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["assess", "--report", str(tmp_path / "file")]) == 2
    assert "is a file" in capsys.readouterr().err
    assert main(["assess", "--target", ""]) == 2
    assert '--target "": give an occupation' in capsys.readouterr().err
    assert main(["assess", "--target", "Astronaut Chef"]) == 2


def test_an_onet_question_says_what_the_item_covers(tmp_path, monkeypatch, capsys):
    """ "interest: Realistic" or "skill: Operation and Control" alone meant nothing to a nurse:
    a model that knows what its items cover (O*NET's content model) says it under the
    question; and an O*NET occupation rates every item, so none "does not list it"."""
    import io

    from helpers import FIXTURES

    model = import_onet(FIXTURES / "onet")
    path = model.save(tmp_path / "onet.model")
    monkeypatch.setattr(sys, "stdin", io.StringIO("3\n2\nq\n"))
    assert main(["assess", "--model", str(path)]) == 0
    raw = capsys.readouterr().out
    out = " ".join(raw.split())
    described = model.extra["item_descriptions"]
    asked = re.findall(r"^Q\d+\. (\w+): (.+)$", raw, flags=re.MULTILINE)
    assert len(asked) == 3  # two answers and the question "q" stopped at
    for block, name in asked:
        assert " ".join(described[f"{block}:{name}"].split()) in out
    assert "does not list it" not in out and "nor" not in out


class _Answers(io.StringIO):
    """Scripted answers; ``hook(n)`` is called as line ``n`` is read (from 1), to look at the
    files as they are then or to act as the person would (Ctrl-C)."""

    def __init__(self, text: str, hook) -> None:
        super().__init__(text)
        self.hook, self.lines = hook, 0

    def readline(self, *args):
        self.lines += 1
        self.hook(self.lines)
        return super().readline(*args)


def test_an_unwritable_place_is_refused_before_the_questions(tmp_path, monkeypatch, capsys):
    """/proc takes no new file, though its folder exists: only a write finds that out, and
    found at the end it lost every answer."""
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("4\nq\n"))
    assert main(["assess", "-o", "/proc/matcher-test.json"]) == 2
    captured = capsys.readouterr()
    assert "cannot write in /proc" in captured.err and "Q1." not in captured.out
    assert main(["assess", "--report", "/proc/matcher-test"]) == 2
    captured = capsys.readouterr()
    assert "/proc/matcher-test: cannot create the folder" in captured.err
    assert "Q1." not in captured.out
    # a folder to be is made and checked before the questions (and removed again when no
    # report is written: test_a_report_folder_made_for_no_report_is_removed)
    report = tmp_path / "new" / "reports"
    made = []
    monkeypatch.setattr(sys, "stdin", _Answers("q\n", lambda _: made.append(report.is_dir())))
    assert main(["assess", "--report", str(report)]) == 0
    assert made == [True]


@pytest.mark.parametrize(
    ("answers", "status"),
    [("q\n", 0), ("s\ns\nq\n", 0), ("", 0), ("4\nCtrl-C", 130)],
    ids=["stopped at once", "all skipped", "input ended", "Ctrl-C"],
)
def test_a_report_folder_made_for_no_report_is_removed(
    tmp_path, monkeypatch, capsys, answers, status
):
    """`--report DIR` makes DIR before the first question, to refuse a bad one then; a run
    that wrote no report into it ("No rating given: no report written.") left it behind
    empty, with the folder made to hold it."""
    report = tmp_path / "new" / "reports"
    made = []

    def hook(line: int) -> None:
        made.append(report.is_dir())
        if answers.endswith("Ctrl-C") and line == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(sys, "stdin", _Answers(answers, hook))
    assert main(["assess", "--report", str(report)]) == status
    assert made[0]  # made and checked before the first question
    assert not (tmp_path / "new").exists() and tmp_path.is_dir()
    assert "Wrote" not in capsys.readouterr().out


def test_a_report_folder_that_was_there_or_holds_anything_is_kept(tmp_path, monkeypatch):
    there = tmp_path / "there"
    there.mkdir()
    monkeypatch.setattr(sys, "stdin", _Answers("q\n", lambda _: None))
    assert main(["assess", "--report", str(there)]) == 0
    assert there.is_dir()
    made = tmp_path / "made" / "reports"

    def put_a_file(line: int) -> None:  # something else writes into the folder meanwhile
        if line == 1:
            (made / "notes.txt").write_text("mine", encoding="utf-8")

    monkeypatch.setattr(sys, "stdin", _Answers("q\n", put_a_file))
    assert main(["assess", "--report", str(made)]) == 0
    assert (made / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_the_output_folder_made_for_nothing_saved_is_removed_and_kept_once_saved(
    tmp_path, monkeypatch
):
    """`-o new/dir/me.json` makes new/dir to check it before the first question; a run that
    saved nothing ("No question answered: nothing saved") left it behind empty."""
    output = tmp_path / "new" / "dir" / "me.json"
    monkeypatch.setattr(sys, "stdin", _Answers("q\n", lambda _: None))
    assert main(["assess", "-o", str(output)]) == 0
    assert not (tmp_path / "new").exists()
    monkeypatch.setattr(sys, "stdin", _Answers("3\nq\n", lambda _: None))
    assert main(["assess", "-o", str(output)]) == 0
    saved = json.loads(output.read_text(encoding="utf-8"))
    blocks = ("skills", "aptitudes", "traits", "interests")
    assert [v for block in blocks for v in saved.get(block, {}).values()] == [3]


class _Sabotage(io.StringIO):
    """Answers whose second line puts a file where the output's folder was."""

    def __init__(self, text: str, folder) -> None:
        super().__init__(text)
        self.folder, self.lines = folder, 0

    def readline(self, *args):
        self.lines += 1
        if self.lines == 2:
            (self.folder / "me.json").unlink(missing_ok=True)
            self.folder.rmdir()
            self.folder.write_text("in the way", encoding="utf-8")
        return super().readline(*args)


def test_answers_that_cannot_be_saved_at_the_end_are_printed(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "out"
    monkeypatch.setattr(sys, "stdin", _Sabotage("4\n2\nq\n", folder))
    assert main(["assess", "-o", str(folder / "me.json")]) == 2
    err = capsys.readouterr().err
    assert "the answers were not saved" in err
    data = json.loads(err[err.index("{") :])
    assert sorted(data["skills"].values()) == [2, 4]


def test_a_reader_that_goes_away_does_not_lose_the_answers(tmp_path):
    """`matcher assess ... | head -3` ended quietly with nothing saved."""
    import subprocess

    saved = tmp_path / "me.json"
    run = subprocess.run(
        f"printf '4\\n3\\nq\\n' | {sys.executable} -m matcher assess -o {saved} | head -c 1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert sum(len(v) for k, v in data.items() if k != "asked") == 2
    assert "Traceback" not in run.stderr and "Exception ignored" not in run.stderr


@pytest.mark.parametrize("signame", ["SIGHUP", "SIGTERM"])
def test_a_closed_terminal_or_sigterm_keeps_the_answers(tmp_path, signame):
    import signal

    saved = tmp_path / "me.json"
    child = _spawn("-o", str(saved))
    child.expect(PROMPT)
    child.sendline("4")
    child.expect(PROMPT)
    child.kill(getattr(signal, signame))
    child.expect(pytest.importorskip("pexpect").EOF)
    child.close()
    assert child.exitstatus == 128 + getattr(signal, signame)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert sum(len(v) for k, v in data.items() if k != "asked") == 1


def _wait_until_blocked(pid: int, timeout: float = 30.0) -> None:
    """Wait until process ``pid`` has slept in the kernel for five looks in a row, 20 ms apart
    (``/proc``; a pause of 0.3 s elsewhere)."""
    import time

    stat = Path(f"/proc/{pid}/stat")
    if not stat.exists():
        time.sleep(0.3)
        return
    deadline, asleep = time.monotonic() + timeout, 0
    while asleep < 5 and time.monotonic() < deadline:
        state = stat.read_text().rsplit(")", 1)[1].split()[0]
        asleep = asleep + 1 if state == "S" else 0
        time.sleep(0.02)


@pytest.mark.parametrize(
    "signames",
    # Ctrl-C among them is left out: two of twelve CI runs with it hung in readline until a
    # key came (the notes); a closed terminal's pair and SIGTERM are what lost answers
    [("SIGHUP", "SIGHUP"), ("SIGHUP", "SIGTERM"), ("SIGTERM", "SIGHUP", "SIGHUP")],
)
def test_signals_in_a_row_keep_the_answers_and_leave_no_temporary_file(tmp_path, signames):
    """A closed terminal sends two SIGHUPs within a millisecond: the second, arriving while
    the first was being handled, exited with nothing saved or killed the save, leaving a .tmp."""
    import signal
    import time

    pexpect = pytest.importorskip("pexpect")
    for run, gap in enumerate((0, 0.0005, 0.001, 0.003)):  # a race: one run could pass by luck
        saved = tmp_path / f"me{run}.json"
        child = _spawn("-o", str(saved))
        child.expect(PROMPT)
        child.sendline("4")
        child.expect(PROMPT)
        # into the wait for input: a signal landing between the last check for one and the
        # blocking read is seen only when a key is pressed (CPython's readline), and under load
        # a fixed pause did not always get there (CI, with other jobs on both cores)
        _wait_until_blocked(child.pid)
        for name in signames:
            os.kill(child.pid, getattr(signal, name))
            time.sleep(gap)
        child.expect(pexpect.EOF)
        child.close()
        # the status of a signal, or killed by one that came after the save was done
        sent = {getattr(signal, n) for n in signames}
        assert (child.exitstatus or 0) - 128 in sent or child.signalstatus in sent, child.before
        data = json.loads(saved.read_text(encoding="utf-8"))
        assert sum(len(v) for k, v in data.items() if k != "asked") == 1
        assert sorted(p.name for p in tmp_path.iterdir()) == [f"me{k}.json" for k in range(run + 1)]


def test_the_last_screen_says_what_the_answers_cannot_tell(tmp_path, monkeypatch, capsys):
    """All skipped: a file `matcher recommend` refuses; all alike: answers that say little."""
    import io

    saved = tmp_path / "me.json"
    monkeypatch.setattr(sys, "stdin", io.StringIO("s\ns\nq\n"))
    assert main(["assess", "-o", str(saved)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "No rating given: the saved file records what was asked but cannot be ranked" in out
    assert saved.exists()
    monkeypatch.setattr(sys, "stdin", io.StringIO("0\n" * 12 + "q\n"))
    assert main(["assess"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "your ratings hardly vary" in out
