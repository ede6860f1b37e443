"""Merging mentions into events: same events across outlets merge, look-alikes stay apart, ids are stable."""

from __future__ import annotations

import datetime as dt
import random

from transforms.articles import derived_id
from transforms.merge import cluster, date_interval, merge_mentions

D = dt.date


def mention(mid: str, article: str, published: D, event_type: str, day: D | None, *, precision: str = "day",
            basis: str = "relative", actors=(), location: str | None = None, modality: str = "asserted",
            evidence: str = "", source: str | None = None, start: int = 0, event_id: str | None = None) -> dict:
    """A mentions row with the fields merging reads."""
    return {
        "mention_id": mid, "event_id": event_id, "article_id": article, "published_at": published,
        "source": source or article.split("-")[0], "url": f"https://{article}.test/", "event_type": event_type,
        "event_date": day, "date_precision": precision if day else "unknown", "date_basis": basis if day else "unknown",
        "time_value": day.isoformat() if day else None, "actors": list(actors), "actor_codes": [],
        "recipient": [], "location": location, "modality": modality, "trigger": event_type,
        "trigger_start": start, "evidence": evidence, "confidence": 0.8, "quantities": [],
    }


# The Gaza council story of data/samples, retold in our own words: four outlets, one first session.
FIRST_SESSION = [
    mention("m1", "meridian-0220", D(2026, 2, 20), "meeting", D(2026, 2, 19), actors=["Peace Council"],
            location="Washington", evidence="The new Peace Council held its first session in Washington on Thursday."),
    mention("m2", "meridian-0220", D(2026, 2, 20), "meeting", D(2026, 2, 19), actors=["Peace Council"],
            evidence="Delegates left Thursday's meeting without a budget.", start=400),
    mention("m3", "harbor-0221", D(2026, 2, 21), "meeting", D(2026, 2, 19), actors=["the Peace Council"],
            evidence="Hamas answered a day after the Peace Council met in Washington."),
    mention("m4", "continental-0224", D(2026, 2, 24), "meeting", D(2026, 2, 19), basis="explicit",
            actors=["Peace Council"], location="Washington",
            evidence="At its inaugural session on Feb. 19 the Peace Council heard five pledges."),
    mention("m5", "northline-0227", D(2026, 2, 27), "meeting", D(2026, 2, 19), basis="explicit",
            actors=["Peace Council"], evidence="Since the council's first meeting on Feb. 19, troops were promised."),
]
SECOND_SESSION = mention("m6", "northline-0227", D(2026, 2, 27), "meeting", D(2026, 2, 26), actors=["Peace Council"],
                         location="Washington", evidence="The Peace Council met for a second time on Thursday in Washington.")
AU_COUNCIL = mention("m7", "continental-0220", D(2026, 2, 20), "meeting", D(2026, 2, 19),
                     actors=["African Union Peace and Security Council"], location="Addis Ababa",
                     evidence="The African Union's security council met in Addis Ababa on Thursday over the Sahel.")


def events_of(rows: list[dict]) -> list[dict]:
    """The events rows merging makes of some mentions."""
    return merge_mentions([dict(r) for r in rows])[1]


def test_one_meeting_reported_by_four_outlets_is_one_event_with_counts():
    events = events_of(FIRST_SESSION)
    assert len(events) == 1
    e = events[0]
    assert (e["num_mentions"], e["num_articles"], e["num_sources"]) == (5, 4, 4)
    assert e["event_date"] == D(2026, 2, 19) and e["date_precision"] == "day"
    assert e["date_basis"] == "explicit"  # the written-out date dates the event
    assert (e["first_seen"], e["last_seen"]) == (D(2026, 2, 20), D(2026, 2, 27))
    assert sorted(e["mention_ids"]) == ["m1", "m2", "m3", "m4", "m5"]
    assert e["location"] == "Washington"


def test_same_council_a_week_later_and_another_council_the_same_day_stay_apart():
    events = events_of(FIRST_SESSION + [SECOND_SESSION, AU_COUNCIL])
    by_mentions = {frozenset(e["mention_ids"]) for e in events}
    assert frozenset({"m1", "m2", "m3", "m4", "m5"}) in by_mentions
    assert frozenset({"m6"}) in by_mentions
    assert frozenset({"m7"}) in by_mentions


def test_same_type_same_day_different_actors_do_not_merge():
    day, pub = D(2026, 4, 8), D(2026, 4, 9)
    pledges = [
        mention("p1", "continental-0409", pub, "pledge", day, actors=["African Development Bank", "World Bank"],
                location="Nairobi", evidence="The two development banks pledged $7 billion on Wednesday."),
        mention("p2", "continental-0409", pub, "pledge", day, actors=["Germany"], location="Nairobi",
                evidence="Germany pledged 500 million euros on Wednesday.", start=300),
        mention("p3", "continental-0409", pub, "pledge", day, actors=["Japan"], location="Nairobi",
                evidence="Japan separately promised $1.2 billion.", start=500),
        mention("s1", "harbor-0303", D(2026, 3, 3), "statement", D(2026, 3, 3), actors=["Egypt"],
                location="Cairo", evidence="Egypt's foreign ministry welcomed the deal on Tuesday."),
        mention("s2", "continental-0304", D(2026, 3, 4), "statement", D(2026, 3, 3), actors=["United Arab Emirates"],
                location="Abu Dhabi", evidence="The Emirates welcomed the new ceasefire on Tuesday."),
    ]
    assert len(events_of(pledges)) == 5


def test_two_attacks_in_different_towns_and_days_stay_apart():
    rows = [
        mention("a1", "northline-0309", D(2026, 3, 9), "attack", D(2026, 3, 8), location="El Obeid",
                evidence="A drone strike on a market in El Obeid killed 14 people on Sunday."),
        mention("a2", "meridian-0313", D(2026, 3, 13), "attack", D(2026, 3, 8), location="El Obeid",
                evidence="Sunday's drone strike on the El Obeid market was condemned."),
        mention("a3", "meridian-0313", D(2026, 3, 13), "attack", D(2026, 3, 11), location="Kadugli",
                evidence="Shelling hit homes in Kadugli on Wednesday.", start=200),
    ]
    groups = {frozenset(e["mention_ids"]) for e in events_of(rows)}
    assert groups == {frozenset({"a1", "a2"}), frozenset({"a3"})}


def test_vague_mentions_take_the_day_another_article_states():
    signed = D(2026, 3, 3)
    rows = [
        mention("c1", "harbor-0303", D(2026, 3, 3), "agreement", signed, actors=["Rapid Support Forces"],
                location="Jeddah", evidence="The army and the Rapid Support Forces signed a ceasefire in Jeddah on Tuesday."),
        # "last week": only the week is known
        mention("c2", "northline-0309", D(2026, 3, 9), "agreement", D(2026, 3, 2), precision="week",
                location="Jeddah", evidence="The ceasefire agreement, signed in Jeddah last week, has mostly held."),
        # no time expression at all: on or before the publication day
        mention("c3", "continental-0304", D(2026, 3, 4), "agreement", D(2026, 3, 4), basis="publication",
                precision="unknown",
                actors=["Rapid Support Forces"], location="Jeddah",
                evidence="Hours after the army and the Rapid Support Forces signed the ceasefire in Jeddah, shells fell."),
    ]
    events = events_of(rows)
    assert len(events) == 1
    e = events[0]
    assert e["event_date"] == signed and e["date_precision"] == "day"
    assert e["num_articles"] == 3


def test_a_vague_mention_joins_nothing_outside_its_period():
    rows = [
        mention("v1", "a-1", D(2026, 3, 3), "agreement", D(2026, 3, 3), actors=["RSF"], location="Jeddah",
                evidence="The RSF signed a truce in Jeddah."),
        mention("v2", "b-1", D(2026, 3, 20), "agreement", D(2026, 3, 16), precision="week", actors=["RSF"],
                location="Jeddah", evidence="The RSF signed a truce in Jeddah last week."),
    ]
    assert len(events_of(rows)) == 2


def test_negated_and_asserted_mentions_of_a_meeting_stay_apart_future_and_asserted_merge():
    day = D(2026, 4, 7)
    rows = [
        mention("n1", "meridian-0406", D(2026, 4, 6), "meeting", day, modality="future", actors=["energy ministers"],
                location="Nairobi", evidence="Energy ministers will gather in Nairobi on Tuesday for a summit."),
        mention("n2", "harbor-0408", D(2026, 4, 8), "meeting", day, actors=["energy ministers"], location="Nairobi",
                evidence="The Nairobi summit of energy ministers opened on Tuesday."),
        mention("n3", "harbor-0408", D(2026, 4, 8), "meeting", day, modality="negated",
                actors=["U.S. energy secretary"], location="Nairobi",
                evidence="The U.S. energy secretary did not attend Tuesday's opening session in Nairobi.", start=300),
    ]
    events = events_of(rows)
    groups = {frozenset(e["mention_ids"]): e for e in events}
    assert set(groups) == {frozenset({"n1", "n2"}), frozenset({"n3"})}
    assert groups[frozenset({"n1", "n2"})]["modality"] == "asserted"


def test_undated_mentions_are_never_merged():
    rows = [mention(f"u{i}", f"art{i}-x", D(2026, 4, 14), "rejection", None, actors=["AfDB"],
                    evidence="The bank rejected the claim.") for i in range(3)]
    assert len(events_of(rows)) == 3


def test_result_does_not_depend_on_input_order():
    rows = FIRST_SESSION + [SECOND_SESSION, AU_COUNCIL]
    expected = merge_mentions([dict(r) for r in rows])[0]
    for seed in range(5):
        shuffled = [dict(r) for r in rows]
        random.Random(seed).shuffle(shuffled)
        assert merge_mentions(shuffled)[0] == expected


def test_incremental_runs_keep_ids_and_equal_a_rebuild():
    first_run = FIRST_SESSION[:2] + [AU_COUNCIL]
    assignment, _ = merge_mentions([dict(r) for r in first_run])
    stored = [dict(r, event_id=assignment[r["mention_id"]]) for r in first_run]
    later = [dict(r) for r in FIRST_SESSION[2:] + [SECOND_SESSION]]
    incremental, events = merge_mentions(stored + later)
    # the event keeps its id while it gains three mentions from later articles
    council = assignment["m1"]
    assert all(incremental[m] == council for m in ("m1", "m2", "m3", "m4", "m5"))
    assert incremental["m7"] == assignment["m7"]
    assert council == derived_id("event", "m1")
    rebuild, _ = merge_mentions([dict(r) for r in FIRST_SESSION + [SECOND_SESSION, AU_COUNCIL]])
    assert rebuild == incremental
    assert len({e["event_id"] for e in events}) == len(events)


def test_an_id_goes_to_one_event_only_when_old_mentions_split():
    rows = [dict(r, event_id="old-event") for r in (FIRST_SESSION[0], SECOND_SESSION)]
    assignment, events = merge_mentions(rows)
    assert len(events) == 2
    assert len({e["event_id"] for e in events}) == 2
    assert "old-event" in assignment.values()


def test_date_interval_of_each_precision():
    assert date_interval({"event_date": D(2026, 2, 1), "date_precision": "month", "date_basis": "relative"}) == (
        D(2026, 2, 1), D(2026, 2, 28))
    assert date_interval({"event_date": D(2026, 3, 2), "date_precision": "week", "date_basis": "relative"}) == (
        D(2026, 3, 2), D(2026, 3, 8))
    for precision in ("day", "unknown"):  # dated by the article alone: on or before its publication
        lo, hi = date_interval({"event_date": D(2026, 3, 4), "date_precision": precision, "date_basis": "publication"})
        assert hi == D(2026, 3, 4) and lo < hi
    assert date_interval({"event_date": D(2026, 1, 1), "date_precision": "year", "date_basis": "relative"}) == (None, None)


def test_cluster_orders_each_event_canonically():
    groups = cluster([dict(r) for r in reversed(FIRST_SESSION)])
    assert [m["mention_id"] for m in groups[0]] == ["m1", "m2", "m3", "m4", "m5"]


def _sample_events():
    """Run reading, extraction and merging over data/samples (no lake, no Prefect)."""
    from tests.helpers import read_sources
    from tests.conftest import SAMPLES
    from transforms.articles import make_article
    from transforms.mentions import extract_article

    now = dt.datetime.now(dt.timezone.utc)
    articles = [make_article(doc, now, "test") for doc in read_sources([str(SAMPLES)]).documents]
    mentions = [m for a in articles for m in extract_article(a, "test")]
    assignment, events = merge_mentions(mentions)
    inputs = {a["article_id"]: a["input"] for a in articles}
    by_id = {m["mention_id"]: m for m in mentions}
    return events, by_id, inputs


def test_sample_articles_merge_across_outlets_and_keep_lookalikes_apart():
    events, mentions, inputs = _sample_events()
    assert sum(e["num_mentions"] for e in events) == len(mentions)

    def articles_of(e):
        """File names of the articles behind an event."""
        return {inputs[mentions[m]["article_id"]].rsplit("/", 1)[-1] for m in e["mention_ids"]}

    # S1: the Jeddah ceasefire signed on 2026-03-03, reported by the Sudan articles of several outlets
    signed = [e for e in events if e["event_type"] == "agreement" and e["event_date"] == D(2026, 3, 3)]
    assert max(e["num_articles"] for e in signed) >= 2
    # the four stories are told by several outlets: many events gather more than one source
    assert sum(1 for e in events if e["num_sources"] >= 2) >= 5
    for e in events:
        names = articles_of(e)
        # the AU council in Addis Ababa and the Gaza council in Washington met the same day: two events
        assert not (any("au-council" in n for n in names) and any("gaza-council" in n for n in names)) or \
            e["event_type"] != "meeting"
        # the El Obeid drone strike (03-08) and the Kadugli shelling (03-11) are two attacks
        days = {mentions[m]["event_date"] for m in e["mention_ids"] if mentions[m]["date_basis"] != "publication"}
        if e["event_type"] == "attack":
            assert not {D(2026, 3, 8), D(2026, 3, 11)} <= days
        assert e["num_articles"] <= e["num_mentions"]
    # S10: the El Obeid strike is told by Northline and, four days later, by Meridian
    strike = [e for e in events if e["event_type"] == "attack" and e["event_date"] == D(2026, 3, 8)]
    assert strike and max(e["num_articles"] for e in strike) == 2


def test_merge_table_gives_the_events_of_merge_mentions():
    """The flow's columnar merge and the dict merge agree on every id and every events row."""
    from bench.corpus import iter_articles
    from transforms.articles import make_article
    from transforms.documents import RawDocument
    from transforms.frames import to_arrow
    from transforms.mentions import extract_article
    from transforms.merge import merge_table

    now = dt.datetime.now(dt.timezone.utc)
    rows = []
    for i, record in enumerate(iter_articles(60, seed=3)):  # generated articles: many shared actors and days
        doc = RawDocument(input=f"gen:{i}", text=record["text"], url=record["url"], title=record["title"],
                          source=record["source"], published=record["published"], published_basis="metadata")
        rows.extend(extract_article(make_article(doc, now, "t"), "t"))
    stored = [dict(r, event_id="old-event") if k % 7 == 0 else r for k, r in enumerate(rows)]
    stored += [dict(r) for r in FIRST_SESSION + [SECOND_SESSION, AU_COUNCIL]]
    table = to_arrow("mentions", stored)
    assignment, events = merge_mentions(table.to_pylist())
    merged, event_table = merge_table(table)
    assert merged.column("event_id").to_pylist() == [assignment[m] for m in table.column("mention_id").to_pylist()]
    assert merged.drop_columns(["event_id"]).equals(table.drop_columns(["event_id"]))  # nothing else changes
    assert event_table.to_pylist() == to_arrow("events", events).to_pylist()
    assert len(events) < len(stored)  # some mentions did merge


def test_merge_table_with_no_mentions():
    from transforms.frames import to_arrow
    from transforms.merge import merge_table

    merged, events = merge_table(to_arrow("mentions", []))
    assert merged.num_rows == 0 and events.num_rows == 0


def test_an_event_is_bounded_by_its_dated_period_else_by_its_earliest_report():
    from transforms.merge.rows import event_row

    def reported(mid: str, published: D) -> dict:
        row = mention(mid, f"harbor-{mid}", published, "agreement", published, basis="publication", precision="unknown")
        return {**row, "on_or_before": published}  # the extractor's bound for an undated event

    undated = [reported("u1", D(2026, 3, 6)), reported("u2", D(2026, 3, 4))]
    assert event_row("e1", undated)["on_or_before"] == D(2026, 3, 4)  # the earliest report bounds it
    week = {**mention("w1", "northline-0309", D(2026, 3, 9), "agreement", D(2026, 3, 2), precision="week"),
            "on_or_before": D(2026, 3, 8)}
    row = event_row("e2", undated + [week])
    assert (row["event_date"], row["on_or_before"]) == (D(2026, 3, 2), D(2026, 3, 8))  # the dated week's end


def test_event_table_gives_event_rows_table_for_one_and_many_mention_events():
    from transforms.frames import to_arrow
    from transforms.merge.rows import event_row, event_table

    def odd(mid: str, **changes) -> dict:
        """A one-mention event with an unusual field."""
        return {**mention(mid, f"harbor-{mid}", D(2026, 3, 6), "protest", D(2026, 3, 5)), **changes}

    rows = [
        odd("a", actors=["Union", "Union", "Guild"], actor_codes=["USA", "FRA", "USA"], quantities=None),
        odd("b", modality="", confidence=None, recipient=None, actors=None, actor_codes=None),
        odd("c", modality=None, confidence=-0.0, event_date=None, date_precision="unknown"),
        odd("d", date_basis="publication", on_or_before=D(2026, 3, 6), published_at=None, source=None),
        *FIRST_SESSION,  # one event of five mentions between the single ones
        odd("e", event_date=D(2025, 12, 31), location="Lyon", location_lat=45.76, recipient=["Paris", "Paris"]),
    ]
    groups = [[0], [1], [2], [3], [4, 5, 6, 7, 8], [9]]
    ids = [f"e{k}" for k in range(len(groups))]
    expected = to_arrow("events", [event_row(i, [rows[k] for k in g]) for i, g in zip(ids, groups)])
    built = event_table(ids, groups, to_arrow("mentions", rows))
    assert built.equals(expected)
    assert built.column("modality").to_pylist()[1:3] == ["asserted", "asserted"]
    assert built.column("actors").to_pylist()[:2] == [["Union", "Guild"], []]
    assert built.column("event_month").to_pylist() == ["2026-03", "2026-03", "unknown", "2026-03", "2026-02", "2025-12"]
    only_single = event_table(ids[:1], groups[:1], to_arrow("mentions", rows))
    assert only_single.equals(expected.slice(0, 1))
    only_many = event_table(["x"], [[4, 5, 6, 7, 8]], to_arrow("mentions", rows))
    assert only_many.column("num_mentions").to_pylist() == [5]
    assert event_table([], [], to_arrow("mentions", rows)).num_rows == 0


def test_an_undated_mention_and_a_day_of_news_join_the_dated_event_which_keeps_its_day():
    # Issues #16/#18: a class the guide calls unknown ("has signed", empty event_date, bounded by its report) links
    # like the day's news (the publication day, basis publication) to the dated event of the week before its
    # report; the event keeps the day the dated mention gives.
    from transforms.merge.rows import event_row

    dated = {**mention("d1", "meridian-0305", D(2026, 3, 5), "agreement", D(2026, 3, 3), actors=["Harbour Board"],
                       evidence="The Harbour Board signed the dredging contract on Tuesday."),
             "on_or_before": D(2026, 3, 3)}
    news = {**mention("n1", "harbor-0306", D(2026, 3, 6), "agreement", D(2026, 3, 6), basis="publication",
                      actors=["Harbour Board"], evidence="The Harbour Board signed the dredging contract."),
            "on_or_before": D(2026, 3, 6)}
    perfect = undated_mention("p1", "northline-0306", D(2026, 3, 6), "agreement", actors=["Harbour Board"],
                              evidence="The Harbour Board has signed the dredging contract.")
    assignment, events = merge_mentions([dict(r) for r in (dated, news, perfect)])
    assert len(events) == 1 and assignment["d1"] == assignment["n1"] == assignment["p1"]
    [joined] = events
    assert (joined["event_date"], joined["date_basis"], joined["date_precision"]) == (D(2026, 3, 3), "relative", "day")
    assert joined["on_or_before"] == D(2026, 3, 3) and joined["event_month"] == "2026-03"
    # A month the text names dates the event before the publication day that stands in for a day.
    month = {**mention("m1", "continental-0310", D(2026, 3, 10), "agreement", D(2026, 3, 1), precision="month",
                       basis="explicit"), "on_or_before": D(2026, 3, 31)}
    row = event_row("e1", [news, month])
    assert (row["event_date"], row["date_precision"], row["date_basis"]) == (D(2026, 3, 1), "month", "explicit")


def undated_mention(mid: str, article: str, published: D, event_type: str, **kwargs) -> dict:
    """A mention the guide calls undated: no event_date, basis publication, bounded by its report's day."""
    row = mention(mid, article, published, event_type, None, **kwargs)
    return {**row, "date_basis": "publication", "on_or_before": published}


# A port authority's chief quits; outlets tell it dated ("on Monday") and undated ("has resigned").
QUIT_DATED = mention("q1", "meridian-0316", D(2026, 3, 16), "resignation", D(2026, 3, 16), actors=["Ilse Varga"],
                     evidence="Port authority chief Ilse Varga resigned on Monday after the crane collapse.")
QUIT_UNDATED = undated_mention("q2", "harbor-0318", D(2026, 3, 18), "resignation", actors=["Varga"],
                               evidence="Ilse Varga has resigned as port authority chief over the crane collapse.")


def test_has_resigned_joins_the_resignation_another_outlet_dated():
    assignment, events = merge_mentions([dict(QUIT_UNDATED), dict(QUIT_DATED)])
    assert assignment["q1"] == assignment["q2"]
    [event] = events
    assert (event["event_date"], event["date_precision"], event["num_articles"]) == (D(2026, 3, 16), "day", 2)


def test_an_undated_mention_bounded_before_the_dated_event_stays_apart():
    # Its report came out before the dated day: the event it tells cannot be that one.
    early = undated_mention("q3", "harbor-0314", D(2026, 3, 14), "resignation", actors=["Ilse Varga"],
                            evidence="Ilse Varga has resigned as port authority chief over the crane collapse.")
    assignment, events = merge_mentions([dict(early), dict(QUIT_DATED)])
    assert assignment["q1"] != assignment["q3"] and len(events) == 2
    alone = next(e for e in events if e["mention_ids"] == ["q3"])
    assert (alone["event_date"], alone["date_precision"], alone["on_or_before"]) == (None, "unknown", D(2026, 3, 14))
    assert alone["event_month"] == "unknown"


def test_an_undated_mention_looks_back_one_publication_window_only():
    late = undated_mention("q4", "harbor-0324", D(2026, 3, 24), "resignation", actors=["Ilse Varga"],
                           evidence="Ilse Varga has resigned as port authority chief over the crane collapse.")
    assert len(merge_mentions([dict(late), dict(QUIT_DATED)])[1]) == 2  # eight days after: too far
    within = dict(late, published_at=D(2026, 3, 23), on_or_before=D(2026, 3, 23))  # seven days: inside
    assert len(merge_mentions([within, dict(QUIT_DATED)])[1]) == 1


def test_an_undated_mention_needs_the_same_evidence_as_a_dated_one():
    other_type = dict(QUIT_UNDATED, mention_id="q5", event_type="arrest")
    other_actor = dict(QUIT_UNDATED, mention_id="q6", actors=["Tomas Brandt"],
                       evidence="Tomas Brandt has resigned as harbour master.")
    negated = dict(QUIT_UNDATED, mention_id="q7", modality="negated")
    for row in (other_type, other_actor, negated):
        assignment, _events = merge_mentions([dict(row), dict(QUIT_DATED)])
        assert assignment[row["mention_id"]] != assignment["q1"], row["mention_id"]


def test_undated_mentions_that_join_nothing_do_not_merge_among_themselves():
    a = undated_mention("u1", "harbor-0318", D(2026, 3, 18), "resignation", actors=["Ilse Varga"],
                        evidence="Ilse Varga has resigned as port authority chief.")
    b = undated_mention("u2", "northline-0318", D(2026, 3, 18), "resignation", actors=["Ilse Varga"],
                        evidence="Ilse Varga has resigned as port authority chief.")
    assert len(merge_mentions([a, b])[1]) == 2  # nothing dates them: no window to hold them together


def test_undated_mention_date_interval_is_the_publication_window_before_its_bound():
    row = undated_mention("u3", "harbor-0318", D(2026, 3, 18), "resignation")
    assert date_interval(row) == (D(2026, 3, 11), D(2026, 3, 18))
    assert date_interval(dict(row, date_basis="unknown")) == (None, None)  # a plan with no date: no window
