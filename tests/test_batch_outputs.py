"""A batch's output and rejects as one unit: the manifest, the lock, temporary files of killed
runs, inputs that must not be overwritten, permissions, folders that cannot be written."""

from __future__ import annotations

import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import make_survey

from matcher import InputError, write_batch
from matcher.cli import main
from matcher.util import atomic


def _names(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_manifest_is_written_last_and_names_the_pair(tmp_path, fixture_model):
    survey = make_survey(tmp_path / "s.csv", fixture_model, n=30, extra_rows="bad,9,,,,,,,,\n")
    out = tmp_path / "o" / "results.parquet"
    summary = write_batch(survey, out, model=fixture_model, top_k=2)
    manifest = json.loads((tmp_path / "o" / "results.manifest.json").read_text())
    assert manifest["output"] == "results.parquet" and manifest["rejects"] == "results.rejects.csv"
    assert manifest["output_bytes"] == out.stat().st_size
    assert manifest["rejects_bytes"] == (tmp_path / "o" / "results.rejects.csv").stat().st_size
    assert manifest["summary"]["rows_read"] == 31 == summary["rows_read"]
    assert summary["manifest"] == str(tmp_path / "o" / "results.manifest.json")
    assert _names(tmp_path / "o") == [
        "results.manifest.json",
        "results.parquet",
        "results.rejects.csv",
    ]  # no lock file, no temporary file
    elsewhere = tmp_path / "r" / "bad.csv"
    write_batch(survey, out, rejects=elsewhere, model=fixture_model, top_k=2)
    manifest = json.loads((tmp_path / "o" / "results.manifest.json").read_text())
    assert manifest["rejects"] == str(elsewhere.resolve())


def test_two_outputs_of_one_stem_never_share_a_manifest(tmp_path, fixture_model):
    # results.parquet and results.csv would share results.manifest.json and, by default,
    # results.rejects.csv: the second run would replace the first's rejects unsaid.
    survey = make_survey(tmp_path / "s.csv", fixture_model, n=10, extra_rows="bad,9,,,,,,,,\n")
    write_batch(survey, tmp_path / "results.parquet", model=fixture_model, top_k=2)
    rejects = (tmp_path / "results.rejects.csv").read_bytes()
    with pytest.raises(InputError, match=r"results\.manifest\.json describes results\.parquet"):
        write_batch(survey, tmp_path / "results.csv", model=fixture_model, top_k=2)
    assert (tmp_path / "results.rejects.csv").read_bytes() == rejects
    assert not (tmp_path / "results.csv").exists()
    # the same output again replaces its own pair; once the other output is gone, so may this
    write_batch(survey, tmp_path / "results.parquet", model=fixture_model, top_k=2)
    (tmp_path / "results.parquet").unlink()
    write_batch(survey, tmp_path / "results.csv", model=fixture_model, top_k=2)
    manifest = json.loads((tmp_path / "results.manifest.json").read_text())
    assert manifest["output"] == "results.csv"


def test_a_second_run_to_the_same_output_stops_naming_the_first(tmp_path, fixture_model):
    survey = make_survey(tmp_path / "s.csv", fixture_model, n=10)
    out = tmp_path / "out.csv"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from matcher.util.lock import hold_lock\n"
            "with hold_lock(sys.argv[1], 'x'):\n"
            "    print('held', flush=True)\n"
            "    time.sleep(60)\n",
            str(tmp_path / ".out.lock"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(InputError, match=rf"another matcher run \(pid {holder.pid}\)"):
            write_batch(survey, out, model=fixture_model)
        assert not out.exists()
    finally:
        holder.kill()
        holder.wait()
    # The kernel released the dead holder's lock: the next run goes ahead.
    assert write_batch(survey, out, model=fixture_model)["scored"] == 10
    assert _names(tmp_path) == ["out.csv", "out.manifest.json", "out.rejects.csv", "s.csv"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
@pytest.mark.parametrize("lock", [".out.lock", ".out.rejects.csv.lock"])
def test_a_lock_file_planted_as_a_symbolic_link_is_refused_and_not_written_through(
    tmp_path, fixture_model, capsys, lock
):
    survey = make_survey(tmp_path / "s.csv", fixture_model, n=3)
    victim = tmp_path / "victim.txt"
    victim.write_text("IMPORTANT DATA\n")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    link = out_dir / lock
    try:
        link.symlink_to(victim)
    except OSError:
        pytest.skip("symbolic links cannot be made here")
    assert main(["batch", str(survey), "-o", str(out_dir / "out.csv"), "-q"]) == 2
    assert victim.read_text() == "IMPORTANT DATA\n"
    assert link.is_symlink() and _names(out_dir) == [lock]
    assert f"lock file {link} is a symbolic link" in capsys.readouterr().err
    # A dangling link does not create the file it names.
    victim.unlink()
    assert main(["batch", str(survey), "-o", str(out_dir / "out.csv"), "-q"]) == 2
    assert not victim.exists()


class _SlowStdin(io.BytesIO):
    """Standard input that, while it is being read, starts a second run to the same output."""

    name = "<stdin>"

    def __init__(self, data: bytes, second_run) -> None:
        super().__init__(data)
        self.second_run, self.outcome = second_run, None

    def read(self, size: int | None = -1) -> bytes:
        if self.outcome is None:
            try:
                self.second_run()
                self.outcome = "written"
            except InputError as exc:
                self.outcome = str(exc)
        return super().read(size)


def test_a_run_reading_standard_input_holds_the_lock_while_it_reads(
    tmp_path, fixture_model, monkeypatch
):
    # The lock was taken once standard input was spooled: a second run to the same output went
    # ahead meanwhile (exit 0), and its results were replaced when the first one finished.
    first = make_survey(tmp_path / "first.csv", fixture_model, n=5, seed=1)
    second = make_survey(tmp_path / "second.csv", fixture_model, n=5, seed=2)
    out = tmp_path / "out.csv"
    stdin = _SlowStdin(
        first.read_bytes(), lambda: write_batch(second, out, model=fixture_model, top_k=1)
    )
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stdin, "utf-8"))
    monkeypatch.setattr("matcher.cli.base.load_model_option", lambda args: fixture_model)
    assert main(["batch", "-", "-o", str(out), "--top", "1", "-q"]) == 0
    assert "another matcher run" in stdin.outcome
    expected = tmp_path / "expected.csv"
    write_batch(first, expected, model=fixture_model, top_k=1)
    assert out.read_bytes() == expected.read_bytes()  # the first run's results, whole
    assert _names(tmp_path) == [
        *["expected.csv", "expected.manifest.json", "expected.rejects.csv", "first.csv"],
        *["out.csv", "out.manifest.json", "out.rejects.csv", "second.csv"],
    ]


def test_temporary_files_of_dead_runs_are_removed_and_of_live_ones_kept(tmp_path, fixture_model):
    survey = make_survey(tmp_path / "s.csv", fixture_model, n=10)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], **_TEXT)
    dead_pid = int(dead.stdout)
    left = [
        tmp_path / f".out.csv.{dead_pid}.0badc0de.tmp",
        tmp_path / f".out.rejects.csv.{dead_pid}.0badc0de.tmp",
        tmp_path / f".out.manifest.json.{dead_pid}.00000001.tmp",
    ]
    live = tmp_path / f".out.csv.{os.getppid()}.0000beef.tmp"
    other = tmp_path / f".other.csv.{dead_pid}.0badc0de.tmp"
    for path in [*left, live, other]:
        path.write_text("partial")
    write_batch(survey, tmp_path / "out.csv", model=fixture_model)
    assert not any(p.exists() for p in left)
    assert live.exists() and other.exists()


_TEXT = {"capture_output": True, "text": True, "check": True}


def test_an_output_or_rejects_file_that_is_an_input_is_refused(
    tmp_path, fixture_model, capsys, monkeypatch
):
    survey = make_survey(tmp_path / "s.csv", fixture_model, n=10)
    before = survey.read_bytes()
    with pytest.raises(InputError, match="is an input survey"):
        write_batch(survey, survey, model=fixture_model)
    with pytest.raises(InputError, match="is an input survey"):
        write_batch(
            str(tmp_path / "*.csv"), tmp_path / "o.csv", rejects=survey, model=fixture_model
        )
    monkeypatch.setattr("matcher.cli.base.load_model_option", lambda args: fixture_model)
    monkeypatch.chdir(tmp_path)
    assert main(["batch", "s.csv", "-o", str(survey)]) == 2
    assert main(["batch", str(survey), "-o", "x.csv", "--rejects", "./s.csv"]) == 2
    error = capsys.readouterr().err
    assert "is an input survey" in error and "Traceback" not in error
    assert survey.read_bytes() == before
    assert _names(tmp_path) == ["s.csv"]


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_files_get_the_permissions_of_the_umask(tmp_path, fixture_model, umask):
    survey = make_survey(tmp_path / "s.csv", fixture_model, n=10, extra_rows="bad,9,,,,,,,,\n")
    previous = os.umask(umask)
    try:
        write_batch(survey, tmp_path / "out.parquet", model=fixture_model)
    finally:
        os.umask(previous)
    for name in ("out.parquet", "out.rejects.csv", "out.manifest.json"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o666 & ~umask, name


def test_a_dataframe_is_written_too(tmp_path, fixture_model):
    import pandas as pd

    survey = make_survey(tmp_path / "s.csv", fixture_model, n=10)
    summary = write_batch(pd.read_csv(survey, dtype=str), tmp_path / "o.csv", model=fixture_model)
    assert summary["scored"] == 10 and (tmp_path / "o.manifest.json").exists()
    with pytest.raises(InputError, match="must differ from the output and its manifest"):
        write_batch(survey, tmp_path / "o.csv", rejects=tmp_path / "o.manifest.json", model=None)


@pytest.mark.parametrize("name", ["outdir", "outdir/", "outdir.csv"])
def test_an_output_that_is_a_folder_is_said_to_be_one_whatever_its_name(
    tmp_path, fixture_model, monkeypatch, capsys, name
):
    # -o results/ (a folder without a suffix) was told to "write the output as .csv or
    # .parquet (got 'no suffix')"; only a folder named like a file was called a folder
    make_survey(tmp_path / "s.csv", fixture_model, n=3)
    (tmp_path / name).mkdir()
    monkeypatch.setattr("matcher.cli.base.load_model_option", lambda args: fixture_model)
    monkeypatch.chdir(tmp_path)
    assert main(["batch", "s.csv", "-o", name]) == 2
    error = capsys.readouterr().err
    assert "is a folder; give the name of a file to write" in error, error
    assert "suffix" not in error
    with pytest.raises(InputError, match="is a folder"):
        write_batch(tmp_path / "s.csv", tmp_path / name, model=fixture_model)


def test_folders_and_unwritable_places_are_clear_errors(tmp_path, fixture_model, monkeypatch):
    survey = make_survey(tmp_path / "s.csv", fixture_model, n=10)
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(InputError, match=r"dir.csv: is a folder; give the name of a file"):
        write_batch(survey, tmp_path / "dir.csv", model=fixture_model)
    with pytest.raises(InputError, match=r"dir.csv: is a folder"):
        write_batch(survey, tmp_path / "o.csv", rejects=tmp_path / "dir.csv", model=fixture_model)
    with pytest.raises(InputError, match=r"s.csv: is a file, not a folder to write into"):
        write_batch(survey, tmp_path / "s.csv" / "out.csv", model=fixture_model)
    # a pipe (or a device: as root, renaming over /dev/full replaced the device with a file)
    os.mkfifo(tmp_path / "pipe.csv")
    with pytest.raises(InputError, match=r"pipe.csv: is a device, pipe or socket, not a file"):
        write_batch(survey, tmp_path / "pipe.csv", model=fixture_model)
    with pytest.raises(InputError, match=r"pipe.csv: is a device, pipe or socket"):
        atomic.atomic_write_text(tmp_path / "pipe.csv", "x")
    assert not (tmp_path / "pipe.csv").is_file()

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "open", refuse)
    with pytest.raises(InputError, match=r"out.csv: cannot write in .* \(Permission denied\)"):
        atomic.atomic_write_text(tmp_path / "out.csv", "x")


def test_a_rejects_folder_that_cannot_be_written_is_named(tmp_path, fixture_model, monkeypatch):
    from matcher.util import lock

    survey = make_survey(tmp_path / "s.csv", fixture_model, n=10)
    real_open = lock.os.open

    def refuse_in_ro2(path, *args, **kwargs):
        if Path(path).parent.name == "ro2":
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(lock.os, "open", refuse_in_ro2)
    with pytest.raises(InputError, match=r"ro2/r\.csv: cannot write in .*ro2 \(Permission"):
        write_batch(
            survey, tmp_path / "keep.csv", rejects=tmp_path / "ro2" / "r.csv", model=fixture_model
        )


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_temporary_files_of_a_killed_process_not_yet_reaped_are_removed(tmp_path):
    """A run started right after a SIGKILL sees the killed one as a zombie, which kill(0)
    finds alive: its temporary files stayed."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        deadline = time.monotonic() + 30
        while Path(f"/proc/{child.pid}/stat").read_text().split(")")[-1].split()[0] != "Z":
            assert time.monotonic() < deadline
            time.sleep(0.01)
        tmp = tmp_path / f".out.csv.{child.pid}.0123abcd.tmp"
        tmp.write_text("half")
        assert atomic.remove_stale_temps(tmp_path / "out.csv") == [tmp]
    finally:
        child.wait()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_a_clear_error(tmp_path, fixture_model):
    survey = make_survey(tmp_path / "s.csv", fixture_model, n=10)
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(InputError, match=r"cannot write in .*ro \(Permission denied\)"):
            write_batch(survey, folder / "out.csv", model=fixture_model)
    finally:
        folder.chmod(0o700)


def _batch(survey, out, model_file) -> list[str]:
    return [
        sys.executable,
        "-m",
        "matcher",
        "batch",
        str(survey),
        "-o",
        str(out),
        "--model",
        model_file,
        "--top",
        "2",
        "-q",
    ]


def _pair(folder) -> tuple[bytes | None, ...]:
    return tuple(
        (folder / name).read_bytes() if (folder / name).exists() else None
        for name in ("out.csv", "out.rejects.csv", "out.manifest.json")
    )


def test_a_run_killed_at_any_moment_leaves_a_whole_pair(tmp_path, fixture_model, model_file):
    """SIGKILL a `matcher batch` at random moments: the files on disk are each the old or the
    new one, whole; while a manifest is there they are one run's pair; the next run leaves no
    temporary or lock file."""
    surveys = [
        make_survey(tmp_path / "a.csv", fixture_model, n=4000, seed=1, extra_rows="x,9,,,,,,,,\n"),
        make_survey(tmp_path / "b.csv", fixture_model, n=4000, seed=2, extra_rows="y,,,,,,,,,\n"),
    ]
    versions = []
    for k, survey in enumerate(surveys):  # what each run writes when left alone
        write_batch(str(survey), tmp_path / f"ref{k}" / "out.csv", model=fixture_model, top_k=2)
        versions.append(_pair(tmp_path / f"ref{k}"))
    assert all(v[2] is not None for v in versions) and versions[0][0] != versions[1][0]
    target = tmp_path / "target"
    started = time.perf_counter()
    done = subprocess.run(_batch(surveys[0], target / "out.csv", model_file), **_QUIET)
    assert done.returncode == 1  # one row rejected
    duration = time.perf_counter() - started
    assert _pair(target) == versions[0]
    rng = random.Random(11)
    for attempt in range(5):
        run = subprocess.Popen(
            _batch(surveys[attempt % 2 ^ 1], target / "out.csv", model_file), **_QUIET
        )
        time.sleep(rng.uniform(0.3, 1.1) * duration)
        run.send_signal(signal.SIGKILL)
        run.wait()
        output, rejects, manifest = _pair(target)
        assert output in (versions[0][0], versions[1][0])
        assert rejects in (versions[0][1], versions[1][1])
        if manifest is not None:
            assert (output, rejects, manifest) in versions
    write_batch(str(surveys[1]), target / "out.csv", model=fixture_model, top_k=2)
    assert _pair(target) == versions[1]
    assert _names(target) == ["out.csv", "out.manifest.json", "out.rejects.csv"]


_QUIET = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}


@pytest.mark.parametrize("which", ["output", "rejects"])
def test_a_signal_as_a_temporary_file_is_made_leaves_nothing(
    tmp_path, fixture_model, monkeypatch, which
):
    # SIGTERM raises in its handler, which Python runs between two bytecodes: after the
    # temporary file exists but before the name of it is assigned (a CI run lost one that way)
    from matcher.batch import pair

    made = pair.temp_beside

    def interrupted(path):
        fd, tmp = made(path)
        if Path(path).name.endswith(".rejects.csv") == (which == "rejects"):
            os.close(fd)
            raise KeyboardInterrupt  # as the handler would, the file made, its name not kept
        return fd, tmp

    monkeypatch.setattr(pair, "temp_beside", interrupted)
    survey = make_survey(tmp_path / "s.csv", fixture_model, n=30)
    target = tmp_path / "target"
    with pytest.raises(KeyboardInterrupt):
        write_batch(survey, target / "out.csv", model=fixture_model, top_k=2)
    assert not target.exists()


def test_sigterm_unwinds_a_run_leaving_no_temporary_or_lock_file(
    tmp_path, fixture_model, model_file
):
    # what timeout, systemd and docker stop send: as Ctrl-C, the run cleans up on the way out
    survey = make_survey(tmp_path / "s.csv", fixture_model, n=20000, seed=3)
    target = tmp_path / "target"
    run = subprocess.Popen(_batch(survey, target / "out.csv", model_file), **_QUIET)
    deadline = time.perf_counter() + 60
    while not any(p.name.endswith(".tmp") for p in target.glob(".*")):  # writing has begun
        assert run.poll() is None and time.perf_counter() < deadline, "the run ended first"
        time.sleep(0.02)
    run.send_signal(signal.SIGTERM)
    assert run.wait(timeout=60) == 128 + signal.SIGTERM
    # no output, no temporary file, no lock: nor the folder the run made for them
    assert not target.exists()
