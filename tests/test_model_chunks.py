"""The trust rule a chunk at a time: a call reading one document of a large model file checks
the chunks that document lies in, and a changed chunk is refused when it is read."""

from __future__ import annotations

import json

import pytest

from matcher import load_model, trust_model
from matcher.errors import ModelError, UntrustedModelError
from matcher.model import signing, store


@pytest.fixture
def chunked(fixture_model, tmp_path, monkeypatch):
    """The fixture model saved with chunks of 256 bytes, and where its documents member lies."""
    with monkeypatch.context() as patch:
        patch.setattr(store, "CHUNK", 256)
        path = fixture_model.save(tmp_path / "chunked.model")
    header = store.read_header(path)
    blob = path.read_bytes()
    start = blob.index(b"\n", len(b"MATCHER-MODEL\n")) + 1
    return path, header, start + header["members"]["documents"]["offset"]


def _chunks_of_last(model, header) -> tuple[int, set[int]]:
    """The last row, and the chunks of the documents member its document lies in."""
    offsets = model.arrays.file.array("document_offsets")
    chunk, row = header["members"]["documents"]["chunk"], len(offsets) - 2
    return row, set(range(offsets[row] // chunk, -(-offsets[row + 1] // chunk)))


def test_large_members_have_chunk_digests_and_one_document_checks_its_own(chunked, fixture_model):
    path, header, _ = chunked
    spec = header["members"]["documents"]
    assert spec["chunk"] == 256 and len(spec["chunks"]) == -(-spec["size"] // 256) > 2
    assert "chunks" not in header["members"]["styles_centre"]  # small: one digest
    model = load_model(path)
    row, chunks = _chunks_of_last(model, header)
    assert model.catalog[row].profile == fixture_model.catalog[row].profile
    file = model.arrays.file
    assert "documents" not in file._checked
    assert set(file._chunks_checked["documents"]) == chunks and 0 not in chunks
    assert list(model.catalog) == list(fixture_model.catalog)  # every document, every chunk


def test_a_changed_chunk_is_refused_when_read_and_by_check_and_trust(chunked):
    path, header, documents = chunked
    blob = bytearray(path.read_bytes())
    blob[documents + 5] ^= 0x20  # in the first chunk: the first document
    path.write_bytes(bytes(blob))
    model = load_model(path)  # the header is intact
    row, _ = _chunks_of_last(model, header)
    assert model.catalog[row].profile.title  # its chunks are intact
    with pytest.raises(UntrustedModelError, match="member 'documents' was changed"):
        _ = model.catalog[0].profile
    with pytest.raises(UntrustedModelError, match="member 'documents' was changed"):
        store.ModelFile(path).check()
    with pytest.raises(ModelError, match="does not match the digest"):
        trust_model(path)


def test_chunk_digests_that_do_not_fit_the_member_are_a_clear_error(chunked):
    path, header, _ = chunked
    blob = path.read_bytes()
    magic, rest = blob.split(b"\n", 1)
    data = rest.split(b"\n", 1)[1]
    header["members"]["documents"]["chunks"].pop()
    header["signature"] = signing.sign(header)
    path.write_bytes(magic + b"\n" + store.header_line(header) + data)
    assert json.loads(path.read_bytes().split(b"\n")[1])["members"]["documents"]["chunks"]
    with pytest.raises(ModelError, match="'documents' has chunk digests that do not fit it"):
        load_model(path)


@pytest.mark.parametrize("where", ["first", "last"])
def test_a_changed_chunk_is_refused_when_the_check_is_shared_by_two_threads(
    chunked, monkeypatch, where
):
    # above SHARED_HASHING the chunks are hashed on two threads, the last ones by the helper:
    # a change in either half is found, by a whole member's read and by the whole-file check
    path, header, documents = chunked
    monkeypatch.setattr(store, "SHARED_HASHING", 0)
    spec = header["members"]["documents"]
    at = documents + 5 if where == "first" else documents + spec["size"] - 3
    store.ModelFile(path).check()  # intact: every digest matches, whichever thread found it
    blob = bytearray(path.read_bytes())
    blob[at] ^= 0x20
    path.write_bytes(bytes(blob))
    with pytest.raises(UntrustedModelError, match="member 'documents' was changed"):
        store.ModelFile(path).check()

    # an array is read whole, its chunks checked together
    blob[at] ^= 0x20  # the documents whole again
    levels = header["members"]["levels"]
    assert len(levels["chunks"]) > 2
    start = documents - header["members"]["documents"]["offset"] + levels["offset"]
    blob[start + 5 if where == "first" else start + levels["size"] - 3] ^= 0x20
    path.write_bytes(bytes(blob))
    with pytest.raises(UntrustedModelError, match="member 'levels' was changed"):
        _ = load_model(path).levels
