"""Chunk results as output tables (long format), in input order, duplicates removed."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from matcher.io.survey.rejects import duplicate_rejects, sorted_rejects
from matcher.util.cells import neutralise_formulas

from .ids import IdRegistry
from .pipeline import BatchContext, ChunkResult
from .scorer import N_GAPS

__all__ = ["BatchOutput"]


class BatchOutput:
    """Turns chunk results into output tables (long format), in input order, with duplicates
    removed and rejects collected; hands them to writers and keeps the summary."""

    def __init__(self, context: BatchContext, *, for_csv: bool = False) -> None:
        model = context.model
        self.context = context
        self.k = min(context.top_k, len(model.catalog))
        self.registry = IdRegistry()
        ids = pa.array([o.id for o in model.catalog], pa.string())
        titles = pa.array([o.title for o in model.catalog], pa.string())
        features = pa.array([str(f) for f in model.vectorizer.feature_names_], pa.string())
        if for_csv:
            ids, titles, features = (neutralise_formulas(a) for a in (ids, titles, features))
        self.for_csv = for_csv
        self.occupation_ids, self.titles, self.feature_names = ids, titles, features
        self.rows_read = self.scored = self.rejected = self.duplicates = self.alike = 0
        self.continued_lines = self.padded_rows = self.header_lines = self.null_cells = 0
        # blank lines before a file's header (its data starts on the line after the header)
        self.blank_lines = sum(layout.data_line - 2 for layout in context.layouts)
        self.schema = self._schema()

    def _schema(self) -> pa.Schema:
        dictionary = pa.dictionary(pa.int32(), pa.string())
        fields = [
            pa.field("respondent_id", dictionary),
            pa.field("rank", pa.int16()),
            pa.field("occupation_id", dictionary),
            pa.field("title", dictionary),
            pa.field("score", pa.float32()),
            pa.field("confidence", pa.float32()),
            pa.field("alike", pa.bool_()),
        ]
        for g in range(1, N_GAPS + 1):
            fields += [pa.field(f"gap_{g}", dictionary), pa.field(f"gap_{g}_deficit", pa.float32())]
        if self.context.with_target:
            fields += [
                pa.field("target_id", dictionary),
                pa.field("target_rank", pa.int32()),
                pa.field("target_score", pa.float32()),
            ]
            for g in range(1, N_GAPS + 1):
                fields += [
                    pa.field(f"target_gap_{g}", dictionary),
                    pa.field(f"target_gap_{g}_deficit", pa.float32()),
                ]
        return pa.schema(fields)

    def accept(self, result: ChunkResult) -> tuple[pa.Table, pa.Table]:
        """Output rows and rejects (:data:`~matcher.io.survey.rejects.REJECT_SCHEMA`) of one
        parsed chunk, after the duplicate check."""
        file = self.context.files[result.file_index]
        where = (np.int64(result.file_index) << 40) | result.claim_lines.astype(np.int64)
        first = self.registry.first_seen(result.claim_ids, where)
        repeated = np.flatnonzero(first >= 0)
        keep = np.ones(len(result.lines), bool)
        rejects = [result.rejects]
        newly_rejected = 0
        if repeated.size:
            column = self.context.layouts[result.file_index].columns.id_column
            rows = result.claim_rows[repeated]
            keep[rows[rows >= 0]] = False
            newly_rejected = int((rows >= 0).sum())
            firsts = [
                (self.context.files[int(code >> 40)], int(code & ((1 << 40) - 1)))
                for code in first[repeated]
            ]
            lines = result.claim_lines[repeated].tolist()
            ids = [result.claim_ids[i] for i in repeated]
            rejects.append(duplicate_rejects(file, column, lines, ids, firsts))
            self.duplicates += len(repeated)
        scored = int(keep.sum())
        self.alike += int(result.alike[keep].sum())
        rejected = result.rejected_rows + newly_rejected
        self.scored += scored
        self.rejected += rejected
        self.rows_read += scored + rejected
        self.blank_lines += result.blank_lines
        self.continued_lines += result.continued_lines
        self.padded_rows += result.padded_rows
        self.header_lines += result.header_lines
        self.null_cells += result.null_cells
        return self._table(result, keep), sorted_rejects(rejects)

    def _table(self, result: ChunkResult, keep: np.ndarray) -> pa.Table:
        k = self.k
        rows = np.flatnonzero(keep) if not keep.all() else None

        def pick(a: np.ndarray | None) -> np.ndarray | None:
            return None if a is None else (a if rows is None else a[rows])

        ids = result.ids if rows is None else result.ids.take(pa.array(rows, pa.int64()))
        if self.for_csv:
            ids = neutralise_formulas(ids)
        n = len(ids)
        each = np.repeat(np.arange(n), k)
        columns: list[pa.Array] = [
            pa.DictionaryArray.from_arrays(pa.array(each.astype(np.int32)), ids),
            pa.array(np.tile(np.arange(1, k + 1, dtype=np.int16), n)),
            _dictionary(pick(result.top).ravel(), self.occupation_ids),
            _dictionary(pick(result.top).ravel(), self.titles),
            pa.array(pick(result.scores).ravel()),
            pa.array(pick(result.confidence).ravel()),
            pa.array(np.repeat(pick(result.alike), k)),
        ]
        gaps, deficits = pick(result.gap_features), pick(result.gap_deficits)
        for g in range(N_GAPS):
            columns.append(_dictionary(gaps[:, :, g].ravel(), self.feature_names))
            columns.append(_floats(deficits[:, :, g].ravel()))
        if self.context.with_target:
            target = np.repeat(pick(result.target), k)
            has = target >= 0
            columns += [
                _dictionary(target, self.occupation_ids),
                pa.array(np.repeat(pick(result.target_rank), k), mask=~has),
                _floats(np.repeat(pick(result.target_score), k)),
            ]
            gaps, deficits = pick(result.target_gaps), pick(result.target_deficits)
            for g in range(N_GAPS):
                columns.append(_dictionary(np.repeat(gaps[:, g], k), self.feature_names))
                columns.append(_floats(np.repeat(deficits[:, g], k)))
        return pa.Table.from_arrays(columns, schema=self.schema)

    def summary(self) -> dict[str, Any]:
        layouts = self.context.layouts
        unknown = list(dict.fromkeys(str(u) for layout in layouts for u in layout.columns.unknown))
        return {
            "files": [f for f in self.context.files if f],  # a DataFrame is no file
            "rows_read": self.rows_read,
            "scored": self.scored,
            "rejected": self.rejected,
            "duplicates": self.duplicates,
            "alike": self.alike,
            "blank_lines": self.blank_lines,
            "continued_lines": self.continued_lines,
            "padded_rows": self.padded_rows,
            "repeated_headers": self.header_lines,
            "null_markers": self.null_cells,
            "unknown_columns": unknown,
            "rating_columns": sorted({len(layout.columns.ratings) for layout in layouts}),
        }


def _dictionary(indices: np.ndarray, dictionary: pa.Array) -> pa.Array:
    indices = np.asarray(indices, np.int32)
    missing = indices < 0
    array = pa.array(indices, mask=missing if missing.any() else None)
    return pa.DictionaryArray.from_arrays(array, dictionary)


def _floats(values: np.ndarray) -> pa.Array:
    missing = np.isnan(values)
    return pa.array(values.astype(np.float32), mask=missing if missing.any() else None)
