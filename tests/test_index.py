"""kg/index.py: the resolution index of a generation, in SQLite."""

from __future__ import annotations

import hashlib

from kg.index import PARK_NAME, VERSION, ResolutionIndex


def _body(type_: str, iri: str, keys: list[str], docs: dict[str, list[str]], displaced=None):
    # the shape of kg.incremental.atom_json: type, first, keys, canon, names, generic,
    # parks, iri, displaced
    return [type_, ["d1", 0], {k: ["d1", 0] for k in keys}, docs, [], False, {}, iri, displaced]


PARK, COMPANY = "ent:park/a", "ent:company/b"
ATOMS = {
    "0": _body("Park", PARK, [PARK_NAME + "重庆高新区", "1|Park|c:重庆"], {"重庆高新区": ["d1"]}),
    "1": _body("Park", PARK, [PARK_NAME + "重庆高新技术区"], {"重庆高新技术区": ["d2"]}),
    "2": _body("Company", COMPANY, ["0|Company|n:植恩药业"], {"植恩药业": ["d1", "d2"]}),
    # displaced from COMPANY by a key collision
    "3": _body("Company", "ent:company/c", ["0|Company|n:植恩生物"], {"植恩生物": ["d2"]}, COMPANY),
}
NAMES = [("d1", "重庆高新区", "0"), ("d2", "重庆高新技术区", "1"), ("d1", "植恩药业", "2")]


def _make(tmp_path):
    path = tmp_path / "index.sqlite"
    ResolutionIndex.create(path, "fp", ATOMS, NAMES, [("d2", "植恩", ["2", "3"])], 4)
    return path


def _digest(path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


def test_what_is_written_is_read_back(tmp_path):
    idx = ResolutionIndex.open(_make(tmp_path))
    try:
        assert (idx.version, idx.fingerprint, idx.next) == (VERSION, "fp", 4)
        assert idx.atom("2") == ATOMS["2"] and idx.atom("9") is None
        assert sorted(idx.atoms_of_iri("ent:park/a")) == ["0", "1"]
        assert idx.atoms_with_key("1|Park|c:重庆") == ["0"]
        assert idx.holders("ent:company/b") == {"2", "3"}  # 3 was displaced from b
        assert sorted(idx.park_names(5)) == ["重庆高新区"]
        assert idx.park_names(7) == ["重庆高新技术区"]
        assert idx.names("d1") == {"重庆高新区": "0", "植恩药业": "2"}
        assert sorted(idx.named("d1")) == [
            ("植恩药业", "ent:company/b", "Company"),
            ("重庆高新区", "ent:park/a", "Park"),
        ]
        assert idx.conflicts() == [("d2", "植恩", ["2", "3"])]
        assert idx.entity_count() == 3
    finally:
        idx.close()


def test_a_copy_changes_and_the_original_stays(tmp_path):
    src = _make(tmp_path)
    before = _digest(src)
    stored = ResolutionIndex.open(src)  # read-only, as kg add opens the current one
    idx = ResolutionIndex.copy(src, tmp_path / "copy.sqlite")
    try:
        idx.begin()
        idx.delete_atom("1")
        idx.put_atom("0", _body("Park", "ent:park/z", [PARK_NAME + "重庆高新区"], {}))
        idx.retarget("1", "0")
        idx.drop_names("d1", ["2"])
        idx.add_name("d3", "重庆高新区", "0")
        idx.add_name("d3", "重庆高新区", "1")  # already stands for an atom: kept
        idx.drop_document("d2")
        idx.next = 7
        idx.commit()
        assert idx.atom("1") is None and idx.atom("0")[7] == "ent:park/z"
        assert idx.atoms_with_key("1|Park|c:重庆") == []
        assert idx.names("d1") == {"重庆高新区": "0"}
        assert idx.names("d2") == {}
        assert idx.names("d3") == {"重庆高新区": "0"}
        assert idx.park_names(7) == []
    finally:
        idx.close()
    again = ResolutionIndex.open(tmp_path / "copy.sqlite")
    assert again.next == 7 and again.entity_count() == 3
    again.close()
    assert stored.names("d2") == {"重庆高新技术区": "1"}
    stored.close()
    assert _digest(src) == before


def test_no_file_or_not_an_index_is_none(tmp_path):
    assert ResolutionIndex.open(tmp_path / "missing.sqlite") is None
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not an index")
    assert ResolutionIndex.open(bad) is None
