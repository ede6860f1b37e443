"""Raw bytes become documents or rejects with a reason; never an exception."""

from __future__ import annotations

import codecs
import json

from transforms.documents import RawDocument, Reject, decode_bytes, parse_bytes, parse_front_matter


def test_front_matter_is_split_from_the_body():
    text = "---\ntitle: Talks resume\npublished: 2026-03-02\n---\nGENEVA – Envoys met.\n"
    meta, body, offset = parse_front_matter(text)
    assert meta == {"title": "Talks resume", "published": "2026-03-02"}
    assert body == "GENEVA – Envoys met.\n"
    assert text[offset:] == body


def test_text_without_front_matter_is_all_body():
    meta, body, offset = parse_front_matter("Envoys met on Monday.")
    assert (meta, body, offset) == ({}, "Envoys met on Monday.", 0)


def test_json_aliases_are_accepted():
    record = {"id": "x1", "pub_date": "2026-02-20", "body": "Ministers met.", "outlet": "Harbor Post"}
    [doc] = parse_bytes("a.json", json.dumps(record).encode(), "json")
    assert isinstance(doc, RawDocument)
    assert (doc.text, doc.published, doc.source, doc.given_id) == ("Ministers met.", "2026-02-20", "Harbor Post", "x1")


def test_jsonl_broken_line_is_rejected_and_others_load():
    data = b'{"text": "One."}\n{broken\n{"content": "Three."}\n'
    results = parse_bytes("feed.jsonl", data, "jsonl")
    assert [type(r).__name__ for r in results] == ["RawDocument", "Reject", "RawDocument"]
    assert [r.input for r in results] == ["feed.jsonl:1", "feed.jsonl:2", "feed.jsonl:3"]
    assert results[1].reason == "bad-json"


def test_decoding_handles_bom_utf16_and_cp1252():
    assert decode_bytes(codecs.BOM_UTF8 + "café".encode()) == "café"
    assert decode_bytes("café".encode("utf-16")) == "café"
    assert decode_bytes(b"Caf\xe9 \x93quoted\x94") == "Café “quoted”"


def test_bad_inputs_become_rejects_with_reasons():
    cases = {
        ("empty.txt", b"", "txt"): "empty",
        ("blank.txt", b"   \n\n", "txt"): "empty",
        ("nul.txt", b"abc\x00def", "txt"): "binary",
        ("bad.json", b"{not json", "json"): "bad-json",
        ("list.json", b"[1, 2]", "json"): "bad-record",
        ("notext.json", b'{"title": "x"}', "json"): "no-text",
        ("fm.txt", b"---\ntitle: x\n---\n", "txt"): "empty",
    }
    for (name, data, kind), reason in cases.items():
        results = parse_bytes(name, data, kind)
        assert isinstance(results[0], Reject), name
        assert results[0].reason == reason, (name, results[0])
        assert "\n" not in results[0].detail


def test_utf16_without_bom_is_detected():
    assert decode_bytes("Envoys met in Genève.".encode("utf-16-le")) == "Envoys met in Genève."


def test_csv_rows_are_inputs_with_line_numbers():
    data = b'title,text\nA,"Envoys met\non Monday."\nB,Ministers spoke.\nC\n'
    results = parse_bytes("d.csv", data, "csv")
    assert [(r.input, type(r).__name__) for r in results] == [
        ("d.csv:2", "RawDocument"), ("d.csv:4", "RawDocument"), ("d.csv:5", "Reject")
    ]
    assert results[0].text == "Envoys met\non Monday." and results[2].reason == "bad-row"


def test_html_page_gives_text_title_and_date():
    html = (
        "<html><head><title>Talks resume</title>"
        '<meta property="article:published_time" content="2026-02-20T08:00:00Z"></head><body>'
        "<nav>Home World Sport</nav><article><h1>Talks resume</h1><p>GENEVA, Feb. 20 - Envoys from both "
        "sides met in Geneva on Friday and agreed to continue the talks next week, officials said.</p>"
        "<p>The meeting lasted four hours, according to the mediator's office.</p></article></body></html>"
    )
    [doc] = parse_bytes("p.html", html.encode(), "html")
    assert doc.title == "Talks resume" and doc.published == "2026-02-20"
    assert doc.text.startswith("GENEVA, Feb. 20 - Envoys") and "Home World" not in doc.text


def test_declared_charsets_are_used_when_the_bytes_are_not_utf8():
    text = "Переговоры возобновились в Женеве."
    html = f'<html><head><meta charset="windows-1251"></head><body><p>{text}</p></body></html>'
    assert text in decode_bytes(html.encode("cp1251"))
    assert decode_bytes(text.encode("koi8_r"), hint="koi8-r") == text
    assert decode_bytes(b"Caf\xe9", hint="no-such-codec") == "Café"  # unknown label: detection


def test_csv_long_text_fields_load_and_oversized_rows_are_rejected():
    long_text = "Envoys met. " * 20_000  # 240 KB, over the csv module's default field limit
    data = f'title,text\nLong,"{long_text}"\n'.encode()
    [doc] = parse_bytes("long.csv", data, "csv")
    assert isinstance(doc, RawDocument) and len(doc.text) == len(long_text)
    [reject] = parse_bytes("long.csv", data, "csv", max_bytes=100_000)
    assert (reject.input, reject.reason) == ("long.csv:2", "too-large")


def test_front_matter_accepts_the_json_key_aliases():
    text = b"---\nheadline: Talks resume\npub_date: 2026-03-02\noutlet: Harbor Post\nlink: https://x.test/a\n---\nEnvoys met.\n"
    [doc] = parse_bytes("a.txt", text, "txt")
    assert (doc.title, doc.published, doc.source, doc.url) == ("Talks resume", "2026-03-02", "Harbor Post", "https://x.test/a")
    assert doc.published_basis == "metadata"



def test_lone_surrogate_escapes_in_json_become_replacement_characters():
    from transforms.articles import make_article
    from transforms.documents import parse_bytes
    from transforms.frames import to_arrow
    import datetime as dt

    data = b'{"text": "Envoys met in Geneva on Monday \\ud800 to talk.", "title": "T\\udcff", "source": "W\\udfff"}'
    [doc] = parse_bytes("odd.json", data, "json", 10_000)
    assert doc.text == "Envoys met in Geneva on Monday \ufffd to talk." and doc.title == "T\ufffd"
    row = make_article(doc, dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc), "r1")
    assert to_arrow("articles", [row]).num_rows == 1  # this raised UnicodeEncodeError in content_id
