"""What the survey-reader tests share: a header, a survey file written from text, and the
records the chunked reader splits from one. (No test file imports another.)"""

from __future__ import annotations

import numpy as np

from matcher.io.survey import iter_chunks, parse_chunk, read_layout

HEADER = "respondent_id,skill:Office Administration,Citizen Services,trait:Leadership,target_job"


def write(tmp_path, text: str | bytes, name: str = "survey.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def parsed_rows(path, model, chunk_size=1 << 20):
    """(line, id, ratings tuple) of every record the chunked reader splits, in order."""
    layout = read_layout(path, model)
    rows, problems = [], []
    for chunk in iter_chunks(layout, chunk_size=chunk_size):
        for parsed in parse_chunk(chunk, layout):
            ids = parsed.ids.to_pylist()
            for i, line in enumerate(parsed.lines):
                rows.append((int(line), ids[i], tuple(np.nan_to_num(parsed.ratings[i], nan=-1))))
            problems += [(line, reason) for line, _, reason in parsed.record_problems]
    return rows, problems
