"""The credit a model's data asks for, as reports and look-ups print it.

A source whose licence asks to be credited (O*NET's, CC BY 4.0) is recorded in the model
when it is built (``model.extra["data_source"]``: ``name``, ``release``, ``licence``,
``credit``, ``short``; :mod:`matcher.io.onet.credit`). The built-in catalog records none,
and its output says nothing of a source.
"""

from __future__ import annotations

from typing import Any

__all__ = ["DATA_SOURCE", "credit_line", "data_credit", "data_source", "with_source"]

#: Where a model keeps the record of its data's source (in ``model.extra``).
DATA_SOURCE = "data_source"


def data_source(model: Any) -> dict[str, str] | None:
    """The record of the source of ``model``'s data, or None when it owes no credit.

    A model imported from O*NET before the record was kept says so only in its ``source``
    ("O*NET <folder>"): it gets O*NET's credit without the release."""
    record = model.extra.get(DATA_SOURCE)
    if isinstance(record, dict) and isinstance(record.get("credit"), str):
        return record
    if str(model.source).startswith("O*NET "):
        from matcher.io.onet.credit import onet_source

        return onet_source("")
    return None


def data_credit(model: Any) -> str:
    """The credit sentence a report made from ``model`` prints; "" when none is owed."""
    record = data_source(model)
    return "" if record is None else record["credit"]


def credit_line(model: Any) -> str:
    """The credit as one short line of terminal output ("Data: O*NET 29.3 Database by
    USDOL/ETA, used under the CC BY 4.0 license."); "" when none is owed."""
    record = data_source(model)
    if record is None:
        return ""
    return f"Data: {str(record.get('short') or record['credit']).rstrip('.')}."


def with_source(data: dict[str, Any], model: Any) -> dict[str, Any]:
    """``data`` (a JSON object made from ``model``: a command's ``--json``, a batch's
    manifest) with the record of the source under ``"data_source"`` when one is owed; ``data``
    itself, no key added, when none is (the built-in catalog's output stays as it was)."""
    record = data_source(model)
    return data if record is None else {**data, DATA_SOURCE: record}
