"""The event-type registry is the one list of types: lexicon files, merge groups and the schema doc follow it."""

from __future__ import annotations

import re
from pathlib import Path

from transforms.events.event_types import (
    EVENT_TYPES,
    MERGE_GROUP,
    OCCASIONS,
    SPEECH_TYPES,
    lexicon_files,
    quad_class,
    registry,
)
from transforms.events.lexicon import PHRASES, WORDS, cameo_and_plover

SCHEMA_DOC = Path(__file__).resolve().parents[3] / "docs" / "schema.md"


def test_the_registry_holds_the_guides_nineteen_types_with_their_codes():
    assert len(EVENT_TYPES) == 19 and EVENT_TYPES[-1] == "other"
    assert registry()["attack"].plover == "ASSAULT" and registry()["retreat"].cameo_root == "08"
    assert SPEECH_TYPES == {"statement", "announcement"} and OCCASIONS == {"meeting"}
    assert MERGE_GROUP["announcement"] == "statement" and MERGE_GROUP["attack"] == "attack"


def test_quad_class_follows_the_cameo_root():
    assert [quad_class(c) for c in ("01", "05", "06", "08", "10", "13", "14", "19", None)] == [1, 1, 2, 2, 3, 3, 4, 4, None]
    for kind in registry().values():  # the registry's quad class is its root's
        assert kind.quad_class == quad_class(kind.cameo_root)


def test_every_type_has_a_lexicon_file_and_every_trigger_a_registered_type():
    files = lexicon_files()
    assert set(files) == set(EVENT_TYPES) and all(path.exists() for path in files.values())
    assert {t for t, _ in WORDS.values()} | {t for t, _ in PHRASES.values()} <= set(EVENT_TYPES)
    for etype, cameo in list(WORDS.values()) + list(PHRASES.values()):
        assert cameo is None or re.fullmatch(r"\d\d\d?", cameo), (etype, cameo)


def test_a_trigger_takes_its_types_codes_unless_its_form_has_its_own():
    assert cameo_and_plover("request", None) == ("REQUEST", "10")
    assert WORDS["urged"] == ("request", "02")  # an appeal, not a demand
    assert cameo_and_plover("request", WORDS["urged"][1]) == ("REQUEST", "02")


def test_the_schema_docs_type_table_is_the_registry():
    text = SCHEMA_DOC.read_text(encoding="utf-8")
    section = text[text.index("## Event types"):]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| type ")]
    documented = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[: len(EVENT_TYPES)]]
    expected = [[t.name, t.plover or "", t.cameo_root or "", str(t.quad_class or ""), t.merge_group, t.definition]
                for t in registry().values()]
    assert documented == expected
