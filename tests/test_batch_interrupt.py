"""Ctrl-C during ``matcher batch --engine dask``: nothing on the screen but the exit.

A terminal's Ctrl-C sends SIGINT to the whole foreground process group, the local
cluster's worker processes included: each printed its own KeyboardInterrupt traceback
(33 lines for two workers) while matcher unwound and closed the cluster.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import make_survey

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/status").exists(), reason="reads /proc to find the workers"
)


def _blocked(pid: int) -> set[int]:
    """The signals a process holds back (its main thread's mask)."""
    status = Path(f"/proc/{pid}/status").read_text()
    mask = int(
        next(line for line in status.splitlines() if line.startswith("SigBlk")).split()[1], 16
    )
    return {n for n in range(1, 65) if mask & (1 << (n - 1))}


def test_the_workers_of_a_local_cluster_never_take_a_ctrl_c():
    pytest.importorskip("distributed", reason="distributed is not installed")
    from matcher.batch.engines.dask import connect

    client, cluster = connect(None, 2)
    try:
        workers = list(client.run(os.getpid).values())
        assert len(workers) == 2
        for pid in workers:
            assert signal.SIGINT in _blocked(pid)
        assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])  # ours, still
    finally:
        client.close()
        cluster.close()


def _workers(pid: int) -> list[int]:
    """The worker processes a run started (children of any of its threads)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:  # gone meanwhile
            continue
        parent = next(line for line in status.splitlines() if line.startswith("PPid"))
        if int(parent.split()[1]) == pid and b"spawn_main" in command:
            found.append(int(entry.name))
    return found


def test_ctrl_c_under_the_dask_engine_prints_nothing(tmp_path, fixture_model, model_file):
    pytest.importorskip("distributed", reason="distributed is not installed")
    survey = make_survey(tmp_path / "s.csv", fixture_model, n=60000, seed=3)
    command = [sys.executable, "-m", "matcher", "batch", str(survey), "-o", str(tmp_path / "o.csv")]
    run = subprocess.Popen(
        [*command, "--engine", "dask", "--jobs", "2", "-q", "--model", model_file],
        start_new_session=True,  # a process group of its own, as a terminal's foreground job
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.perf_counter() + 60
    while len(_workers(run.pid)) < 2:
        assert run.poll() is None and time.perf_counter() < deadline, run.communicate()
        time.sleep(0.05)
    time.sleep(1)
    os.killpg(run.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
    _, err = run.communicate(timeout=60)
    assert err.decode() == ""
    assert run.returncode in (130, 0)  # 0: done before the Ctrl-C came (a fast machine)
    assert not list(tmp_path.glob(".*tmp"))
