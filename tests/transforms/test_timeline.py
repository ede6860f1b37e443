"""Salience ranking of story dates and the TimelineJS shapes (pure)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

import pytest

from transforms.timeline import (DEFAULT, Salience, Window, combined_scores, date_references, rank_dates, rank_days,
                                 recap_breadth, reference_weight, references, score_days, select_dates,
                                 volume_bursts, weekend_shares)
from transforms.timelinejs import CSV_COLUMNS, timelinejs_csv_rows, timelinejs_json

D = dt.date


def ref_mention(n: int, day: D, published: D, *, basis: str = "relative", event_id: str | None = None,
                source: str | None = None, article: str | None = None) -> dict:
    """A mention dating an event to `day`, in an article published on `published`."""
    return {"mention_id": f"m{n}", "article_id": article or f"a{n}", "published_at": published,
            "source": source or f"s{n}", "date_basis": basis, "date_precision": "day", "event_date": day,
            "evidence_start": 1000, "event_id": event_id or f"e{day.isoformat()}"}


def event(day: D, n_articles: int = 1, evidence: str = "x", *, event_id: str | None = None, precision: str = "day",
          modality: str = "asserted") -> dict:
    """An events row on `day`."""
    return {"event_id": event_id or f"e{day.isoformat()}", "event_type": "meeting", "event_date": day,
            "date_precision": precision, "modality": modality, "actors": ["Council"], "evidence": evidence,
            "num_articles": n_articles, "num_mentions": n_articles, "num_sources": n_articles, "url": None,
            "source": "s"}


def volume(start: D, days: int, per_day: int = 1) -> dict[D, int]:
    """An even coverage of `per_day` articles a day."""
    return {start + dt.timedelta(days=k): per_day for k in range(days)}


def test_a_day_cited_on_many_later_days_outranks_one_cited_once():
    start = D(2026, 3, 1)
    mentions = [ref_mention(k, D(2026, 3, 2), start + dt.timedelta(days=k + 1)) for k in range(5)]
    mentions.append(ref_mention(99, D(2026, 3, 4), D(2026, 3, 5)))
    events = [event(D(2026, 3, 2)), event(D(2026, 3, 4))]
    ranked = rank_dates(mentions, events, volume(start, 10))
    assert [k.date for k in ranked] == [D(2026, 3, 2), D(2026, 3, 4)]
    assert (ranked[0].articles, ranked[0].sources, ranked[0].references) == (5, 5, 5)


def test_references_made_long_after_count_more_than_same_day_ones():
    start = D(2026, 3, 1)
    same_day = [ref_mention(k, D(2026, 3, 3), D(2026, 3, 3), article=f"x{k}") for k in range(3)]
    later = [ref_mention(10, D(2026, 3, 5), D(2026, 3, 25))]
    refs = references(same_day + later, {})
    plain = dict(articles_weight=0, volume_exponent=0, exposure_exponent=0, same_day_weight=1, own_day_weight=1)
    scores = score_days(refs, volume(start, 30), Salience(**plain))
    # three articles on one day count once for that day; one citation three weeks later counts more
    assert scores[D(2026, 3, 5)] > scores[D(2026, 3, 3)]
    flat = score_days(refs, volume(start, 30), Salience(lag_weight=0, **plain))
    assert flat[D(2026, 3, 5)] == flat[D(2026, 3, 3)]


def test_busy_coverage_damps_a_day_and_quiet_coverage_lifts_it():
    busy, quiet = D(2026, 3, 10), D(2026, 6, 10)
    counts = volume(D(2026, 3, 1), 20, per_day=30) | volume(D(2026, 6, 1), 20, per_day=1)
    mentions = [ref_mention(k, busy, busy + dt.timedelta(days=1 + k)) for k in range(3)]
    mentions += [ref_mention(10 + k, quiet, quiet + dt.timedelta(days=1 + k)) for k in range(3)]
    counts[D(2026, 12, 31)] = 1  # both days had months of coverage after them: same exposure
    damped = score_days(references(mentions, {}), counts)
    assert damped[quiet] > damped[busy]
    undamped = score_days(references(mentions, {}), counts, Salience(volume_exponent=0))
    assert undamped[quiet] == undamped[busy]


def test_a_day_near_the_end_of_the_story_is_scored_for_the_time_it_had():
    counts = volume(D(2026, 1, 1), 200)
    early, late = D(2026, 2, 1), D(2026, 7, 10)  # the collection ends on 2026-07-19
    mentions = [ref_mention(k, early, early + dt.timedelta(days=1 + 10 * k)) for k in range(6)]
    mentions += [ref_mention(10 + k, late, late + dt.timedelta(days=1 + k)) for k in range(3)]
    rated = score_days(references(mentions, {}), counts)
    assert rated[late] > rated[early]  # three citations in nine days beat six in five months
    counted = score_days(references(mentions, {}), counts, Salience(exposure_exponent=0))
    assert counted[early] > counted[late]


def test_publication_dated_and_imprecise_mentions_are_not_references():
    day = D(2026, 3, 3)
    rows = [ref_mention(1, day, day, basis="publication"), dict(ref_mention(2, day, day), date_precision="week")]
    assert references(rows, {}) == []


def test_a_reference_counts_at_the_sharper_day_of_its_event():
    m = ref_mention(1, D(2026, 3, 2), D(2026, 3, 9), event_id="e1")
    refs = references([m], {"e1": event(D(2026, 3, 3), event_id="e1")})
    assert refs[0][0] == D(2026, 3, 3)


def test_future_references_only_count_with_a_future_weight():
    m = ref_mention(1, D(2026, 3, 12), D(2026, 3, 2))
    counts = volume(D(2026, 3, 1), 20)
    assert score_days(references([m], {}), counts, Salience(future_weight=0)) == {}
    assert D(2026, 3, 12) in score_days(references([m], {}), counts, Salience(future_weight=0.5))


def test_days_outside_the_story_are_ignored():
    counts = volume(D(2026, 3, 1), 10)
    rows = [ref_mention(1, D(2025, 1, 1), D(2026, 3, 5)), ref_mention(2, D(2026, 3, 4), D(2026, 3, 5))]
    assert list(score_days(references(rows, {}), counts)) == [D(2026, 3, 4)]


def test_top_n_gives_n_distinct_dates_in_rank_order_with_their_most_reported_events():
    start = D(2026, 3, 1)
    mentions, events = [], []
    for k in range(6):
        day = start + dt.timedelta(days=k)
        mentions += [ref_mention(10 * k + j, day, day + dt.timedelta(days=j + 1)) for j in range(k + 1)]
        events += [event(day, 1, f"minor {k}", event_id=f"e{day.isoformat()}"),
                   event(day, 5, f"major {k}", event_id=f"big{k}")]
    ranked = rank_dates(mentions, events, volume(start, 12), top=3, per_date=1)
    assert len(ranked) == 3 and len({k.date for k in ranked}) == 3
    assert [k.date for k in ranked] == sorted((k.date for k in ranked), reverse=True)  # more citations, higher
    assert all(k.events[0]["evidence"].startswith("major") for k in ranked)
    assert ranked[0].score >= ranked[1].score >= ranked[2].score


def test_one_sentence_is_shown_once_per_date():
    day = D(2026, 3, 3)
    events = [event(day, 3, "same sentence", event_id="a"), event(day, 2, "same sentence", event_id="b"),
              event(day, 1, "other sentence", event_id="c")]
    ranked = rank_dates([ref_mention(1, day, D(2026, 3, 4), event_id="a")], events, volume(day, 5), per_date=3)
    assert [e["event_id"] for e in ranked[0].events] == ["a", "c"]


def test_timelinejs_csv_and_json_carry_the_dates_and_sentences():
    day = D(2026, 3, 3)
    ranked = rank_dates([ref_mention(1, day, D(2026, 3, 4))], [event(day, 2, "Talks <ended> in Jeddah.")],
                        volume(day, 5))
    header, rows = timelinejs_csv_rows(ranked)
    assert header == CSV_COLUMNS and rows[0][:3] == [2026, 3, 3]
    assert "Talks &lt;ended&gt; in Jeddah." in rows[0][CSV_COLUMNS.index("Text")]
    doc = timelinejs_json(ranked, "Sudan")
    assert doc["title"]["text"]["headline"] == "Sudan"
    assert doc["events"][0]["start_date"] == {"year": "2026", "month": "3", "day": "3"}
    assert "Jeddah" in doc["events"][0]["text"]["text"]


def test_a_later_reference_weighs_more_than_same_day_reporting_and_future_ones_nothing():
    day = D(2026, 3, 3)
    weights = Salience(lag_weight=0.5, same_day_weight=0.5, future_weight=0.0)
    same = references([ref_mention(1, day, day)], {})[0]
    later = references([ref_mention(2, day, D(2026, 3, 10))], {})[0]
    preview = references([ref_mention(3, day, D(2026, 3, 1))], {})[0]
    assert reference_weight(same, weights) == 0.5
    assert reference_weight(later, weights) > 1.0
    assert reference_weight(preview, weights) == 0.0


def test_a_day_no_later_day_points_back_at_is_damped():
    counts = volume(D(2026, 3, 1), 30)
    recalled, passing = D(2026, 3, 5), D(2026, 3, 6)
    mentions = [ref_mention(1, recalled, D(2026, 3, 9))]
    mentions += [ref_mention(10 + k, passing, passing, article=f"p{k}") for k in range(3)]
    neutral = Salience(same_day_weight=1, own_day_weight=1, lag_weight=0, articles_weight=1, volume_exponent=0,
                       exposure_exponent=0)
    plain = score_days(references(mentions, {}), counts, neutral)
    assert plain[passing] > plain[recalled]  # three articles that day beat one later reference...
    damped = score_days(references(mentions, {}), counts, Salience(**{**neutral.__dict__, "own_day_weight": 0.3}))
    assert damped[recalled] > damped[passing]  # ...until a day only its own reporting names is damped
    assert damped[recalled] == plain[recalled]


def test_the_volume_prior_lifts_a_day_with_its_own_coverage():
    counts = volume(D(2026, 3, 1), 30)
    counts[D(2026, 3, 11)] = 20  # the day after the 10th was busy
    mentions = [ref_mention(1, D(2026, 3, 10), D(2026, 3, 12)), ref_mention(2, D(2026, 3, 20), D(2026, 3, 22))]
    flat = Salience(volume_exponent=0, exposure_exponent=0)
    without = score_days(references(mentions, {}), counts, flat)
    assert without[D(2026, 3, 10)] == without[D(2026, 3, 20)]
    lifted = score_days(references(mentions, {}), counts, Salience(volume_exponent=0, exposure_exponent=0,
                                                                     volume_prior=0.2))
    assert lifted[D(2026, 3, 10)] > lifted[D(2026, 3, 20)]


def test_a_burst_is_a_day_busier_than_the_week_before_it():
    counts = volume(D(2026, 3, 1), 20, per_day=3)
    counts[D(2026, 3, 10)] = 15  # the story breaks again
    counts[D(2026, 3, 30)] = 1  # one article after a quiet week
    bursts = volume_bursts(counts, 7)
    assert {D(2026, 3, 10), D(2026, 3, 30)} <= set(bursts)
    assert not {D(2026, 3, 9), D(2026, 3, 11), D(2026, 3, 15)} & set(bursts)  # steady coverage, or after a burst
    assert bursts[D(2026, 3, 10)] == pytest.approx(math.log(16 / 4))
    assert bursts[D(2026, 3, 30)] == pytest.approx(math.log(2 / 1))  # one article after a quiet week


def test_a_burst_breaks_the_tie_between_equally_cited_days():
    counts = volume(D(2026, 3, 1), 30, per_day=2)
    counts[D(2026, 3, 20)] = 12  # coverage jumps on the 20th
    mentions = [ref_mention(1, D(2026, 3, 10), D(2026, 3, 11)), ref_mention(2, D(2026, 3, 20), D(2026, 3, 21))]
    flat = Salience(volume_exponent=0, exposure_exponent=0)
    refs = references(mentions, {})
    without = combined_scores(refs, counts, [], flat)
    assert without[D(2026, 3, 10)] == without[D(2026, 3, 20)]
    with_bursts = combined_scores(refs, counts, [], Salience(volume_exponent=0, exposure_exponent=0, burst_weight=0.02))
    assert with_bursts[D(2026, 3, 20)] > with_bursts[D(2026, 3, 10)]
    assert with_bursts[D(2026, 3, 20)] == pytest.approx(1.02)  # the citation share plus the whole burst share
    assert DEFAULT.burst_weight > 0


def weekday_story(saturday_cited: int) -> tuple[list, dict]:
    """Four weeks from Monday 2 March 2026; weekdays of weeks one to three cited once two days on, and Saturday 14th."""
    counts = volume(D(2026, 3, 2), 28)
    days = [D(2026, 3, 2) + dt.timedelta(days=k) for k in range(19)]
    cited = [d for d in days if d.weekday() < 5] + [D(2026, 3, 14)] * saturday_cited
    mentions = [ref_mention(n, d, d + dt.timedelta(days=2)) for n, d in enumerate(cited)]
    return references(mentions, {}), counts


def test_a_story_rarely_pointed_back_at_on_weekends_has_a_low_weekend_share():
    refs, counts = weekday_story(saturday_cited=1)
    first, last = min(counts), max(counts)
    # 15 weekdays and one Saturday cited, over 20 weekdays and 8 weekend days: 16/28 a day on average
    assert weekend_shares(refs, first, last, prior_days=0) == {False: 1.0, True: pytest.approx((1 / 8) / (15 / 20))}
    shrunk = weekend_shares(refs, first, last, prior_days=7)  # each kind's rate pulled toward the mean by 7 days
    assert shrunk[False] == 1.0
    assert shrunk[True] == pytest.approx(((1 + 4) / 15) / ((15 + 4) / 27))
    every_day = [first + dt.timedelta(days=n) for n in range(28)]  # weekends pointed back at as often as weekdays
    war = references([ref_mention(n, d, d + dt.timedelta(days=1)) for n, d in enumerate(every_day)], {})
    assert weekend_shares(war, first, last) == {False: 1.0, True: 1.0}


def test_the_weekend_share_puts_a_thinly_cited_weekend_below_an_equally_cited_weekday():
    refs, counts = weekday_story(saturday_cited=1)
    flat = Salience(volume_exponent=0, exposure_exponent=0, lag_weight=0)
    saturday, thursday = D(2026, 3, 14), D(2026, 3, 12)
    without = combined_scores(refs, counts, [], flat)
    assert without[saturday] == without[thursday] == 1.0
    with_share = combined_scores(refs, counts, [], replace(flat, weekend_weight=0.1))
    assert with_share[thursday] == pytest.approx(1.1)
    assert with_share[saturday] == pytest.approx(1 + 0.1 * weekend_shares(refs, min(counts), max(counts))[True])
    assert with_share[saturday] < with_share[thursday]
    assert DEFAULT.weekend_weight == 0.0  # off: leave-one-topic-out does not choose it (docs/merging.md, sixth pass)


def test_spacing_demotes_a_near_duplicate_of_a_better_pick():
    scores = {D(2026, 3, 10): 10.0, D(2026, 3, 11): 9.0, D(2026, 3, 20): 8.0}
    assert select_dates(scores, 2) == [D(2026, 3, 10), D(2026, 3, 11)]  # no spacing by default
    spaced = Salience(spacing_days=1, spacing_penalty=0.5)
    assert select_dates(scores, 2, spaced) == [D(2026, 3, 10), D(2026, 3, 20)]
    assert select_dates(scores, None, spaced) == [D(2026, 3, 10), D(2026, 3, 20), D(2026, 3, 11)]
    assert select_dates(scores, 3, Salience(spacing_days=1, spacing_penalty=0.95)) == sorted(scores)


def test_ranking_is_stable_when_a_share_of_the_articles_is_missing():
    # a story whose key days are cited for weeks, among days named once: dropping every third article
    # (as a changing extractor might lose mentions) must keep the key days on top
    start = D(2026, 3, 1)
    key_days = [D(2026, 3, 3), D(2026, 3, 12), D(2026, 3, 25)]
    mentions, n = [], 0
    for k, day in enumerate(key_days):
        for lag in range(1, 16, 2):
            n += 1
            mentions.append(ref_mention(n, day, day + dt.timedelta(days=lag)))
    for k in range(40):
        n += 1
        day = start + dt.timedelta(days=k)
        mentions.append(ref_mention(n, day, day))
    counts = volume(start, 45, per_day=2)
    full = list(rank_days(mentions, [], counts)[0])[:3]
    thinned = list(rank_days(mentions[::3] + mentions[1::3], [], counts)[0])[:3]
    assert set(full) == set(key_days) and set(thinned) == set(key_days)


def test_a_single_citation_on_the_last_day_does_not_outweigh_weeks_of_citations():
    counts = volume(D(2026, 3, 1), 40)  # the collection ends on 2026-04-09
    steady, last_gasp = D(2026, 3, 5), D(2026, 4, 8)
    mentions = [ref_mention(k, steady, steady + dt.timedelta(days=lag)) for k, lag in enumerate((1, 3, 9, 20))]
    mentions.append(ref_mention(10, last_gasp, D(2026, 4, 9)))
    raw_rate = score_days(references(mentions, {}), counts, Salience(exposure_floor=1))
    assert raw_rate[last_gasp] > raw_rate[steady]  # two days of exposure make one citation a high rate
    floored = score_days(references(mentions, {}), counts, Salience(exposure_floor=7))
    assert floored[steady] > floored[last_gasp]


def test_by_default_one_article_on_the_last_day_does_not_outrank_a_day_cited_for_weeks():
    counts = volume(D(2026, 3, 1), 40)  # the collection ends on 2026-04-09
    steady, last_day = D(2026, 3, 5), D(2026, 4, 9)
    mentions = [ref_mention(k, steady, steady + dt.timedelta(days=lag)) for k, lag in enumerate((1, 3, 9, 20))]
    mentions.append(ref_mention(10, last_day, last_day))
    scores = score_days(references(mentions, {}), counts, DEFAULT)
    assert scores[steady] > scores[last_day]
    assert score_days(references(mentions, {}), counts, Salience(exposure_floor=1))[last_day] > scores[steady]


def test_a_day_listed_in_a_chronology_outweighs_a_day_named_in_a_daily_report():
    counts = volume(D(2026, 3, 1), 40)
    listed, reported = D(2026, 3, 10), D(2026, 3, 11)
    published = D(2026, 3, 30)
    # one article recapping eight milestones (a chronology), one report naming a single earlier day
    chronology = [ref_mention(k, D(2026, 3, 2 + 2 * k), published, article="recap") for k in range(8)]
    report = [ref_mention(20, reported, published, article="daily")]
    assert listed in {m["event_date"] for m in chronology}
    refs = references(chronology + report, {})
    assert recap_breadth(refs) == {"recap": 8, "daily": 1}
    neutral = dict(lag_weight=0, volume_exponent=0, exposure_exponent=0)  # the two days differ by no other signal
    flat = score_days(refs, counts, Salience(recap_exponent=0, **neutral))
    assert flat[listed] == flat[reported]
    scored = score_days(refs, counts, Salience(**neutral))  # the default recap_exponent, a square root
    assert scored[listed] == pytest.approx(flat[listed] * 8 ** 0.5) and scored[reported] == flat[reported]


def test_the_publication_day_does_not_make_a_report_a_chronology():
    day = D(2026, 3, 20)
    rows = [ref_mention(1, day, day, article="a"), ref_mention(2, D(2026, 3, 18), day, article="a"),
            ref_mention(3, day, day, article="b")]
    assert recap_breadth(references(rows, {})) == {"a": 1}


def named_day(n: int, day: D, published: D, *, article: str | None = None, basis: str = "explicit") -> dict:
    """A `dates` row: an article published on `published` names `day`, with no event of ours dated by it."""
    return {"article_id": article or f"d{n}", "day": day, "published_at": published, "source": f"s{n}",
            "basis": basis, "start": 1000}


def test_a_day_articles_name_without_an_event_is_counted():
    start = D(2026, 3, 1)
    cited, unnamed = D(2026, 3, 3), D(2026, 3, 4)
    mentions = [ref_mention(1, unnamed, D(2026, 3, 5))]
    dates = [named_day(k, cited, start + dt.timedelta(days=k + 3)) for k in range(3)]  # "the protests of March 3"
    events = [event(unnamed)]
    assert [k.date for k in rank_dates(mentions, events, volume(start, 10))] == [unnamed]
    said = "Thousands of protesters marched through the capital on March 3 demanding reform."
    opening = "Photo: the square on Friday (AP Photo). "  # a caption is never a day's sentence
    filler = opening + "More news came in. " * ((1000 - len(opening)) // 19)  # the named day sits at offset 1000
    texts = {f"d{k}": filler + said for k in range(3)}
    assert [k.date for k in rank_dates(mentions, events, volume(start, 10), dates=dates)] == [unnamed]  # nothing to say
    ranked = rank_dates(mentions, events, volume(start, 10), top=2, dates=dates, texts=texts)
    assert [k.date for k in ranked] == [cited, unnamed]
    assert (ranked[0].articles, ranked[0].references, ranked[0].events) == (3, 3, [])
    assert ranked[0].sentences == [said]


def test_a_named_day_and_an_event_reference_of_one_article_count_once():
    start, day, published = D(2026, 3, 1), D(2026, 3, 3), D(2026, 3, 6)
    mentions = [ref_mention(1, day, published, article="a", source="s")]
    alone = rank_dates(mentions, [event(day)], volume(start, 10))
    both = rank_dates(mentions, [event(day)], volume(start, 10),
                      dates=[dict(named_day(1, day, published, article="a", basis="relative"), source="s")])
    assert both[0].score == pytest.approx(alone[0].score)  # the same article pointing at the same day
    assert (both[0].articles, both[0].references) == (1, 2)


def test_named_days_make_an_article_a_chronology():
    counts = volume(D(2026, 3, 1), 40)
    published = D(2026, 3, 30)
    mentions = [ref_mention(1, D(2026, 3, 10), published, article="recap")]
    listed = [named_day(k, D(2026, 3, 12 + k), published, article="recap") for k in range(8)]
    refs = references(mentions, {}) + date_references(listed)
    assert recap_breadth(refs) == {"recap": 9}  # the days it lists count, event or no event


def test_a_day_sentence_is_news_not_a_caption_a_headline_or_page_furniture():
    from transforms.timeline import says_what_happened, without_wire_prefix

    assert says_what_happened("The Security Council voted on Thursday to impose a no-fly zone over Libya.")
    assert not says_what_happened("Rebels in Benghazi celebrate the vote (AP Photo/Hussein Malla) on Friday evening.")
    assert not says_what_happened("Libya: the key dates of the uprising")  # a headline only naming the story
    furniture = "February 24, 2011 03:15 pm | Comments on the story of Libya and the oil price today."
    assert not says_what_happened(furniture)
    wire = "RAS LANUF, Libya | Thu Mar 10, 2011 6:41pm EST RAS LANUF (Reuters) - Libyan tanks fired on rebels."
    assert without_wire_prefix(wire) == "Libyan tanks fired on rebels."
    assert without_wire_prefix("NAIROBI, April 8 (Harbor Post) \u2013 Kenya will close its plants.") == (
        "Kenya will close its plants.")
    assert without_wire_prefix("JEDDAH, Saudi Arabia \u2013 The army signed a truce.") == "The army signed a truce."
    plain = "The U.N. (a forum of 193 states) voted on Thursday - narrowly - for a no-fly zone."
    assert without_wire_prefix(plain) == plain


def test_a_chronology_entry_is_read_from_its_date():
    from transforms.timeline import entry_at, sentence_at

    text = ("Here is a timeline of the war since February: February 15/16, 2011 - The arrest of an activist sparks "
            "a riot in Benghazi, a paper reports. March 19 - Jets strike. Rebels took the town on March 20 at dawn.")
    assert entry_at(text, text.index("February 15")) == ("February 15/16, 2011 - The arrest of an activist sparks a "
                                                         "riot in Benghazi, a paper reports.")
    assert entry_at(text, text.index("March 19")) == "March 19 - Jets strike."
    assert entry_at(text, text.index("March 20")) == sentence_at(text, text.index("March 20")) == (
        "Rebels took the town on March 20 at dawn.")


def test_the_opening_of_an_article_that_dates_nothing_says_what_happened_on_its_day():
    start, quiet = D(2026, 3, 1), D(2026, 3, 5)
    counts = volume(start, 10)  # one article a day; the one of the 5th names no day and has no dated event
    mentions = [ref_mention(1, quiet, D(2026, 3, 8))]  # a later article points back at the 5th
    texts = {"plain": "The central bank cut its main interest rate by half a point to calm the markets.",
             "a1": "Brief."}
    assert rank_dates(mentions, [], counts, texts=texts) == []  # the 5th's own article is not behind any row
    ranked = rank_dates(mentions, [], counts, texts=texts, published={quiet: ["plain"], D(2026, 3, 8): ["a1"]})
    assert [k.date for k in ranked] == [quiet] and ranked[0].sentences == [texts["plain"]]


def test_the_latest_day_of_coverage_heads_a_list_of_two_or_more_days():
    counts = volume(D(2026, 3, 1), 40)  # the coverage ends on 2026-04-09
    cited = [D(2026, 3, 3), D(2026, 3, 6), D(2026, 3, 9)]
    mentions = [ref_mention(10 * k + lag, day, day + dt.timedelta(days=lag), article=f"c{k}-{lag}")
                for k, day in enumerate(cited) for lag in (2, 5, 11)]
    events = [event(day) for day in cited] + [event(D(2026, 4, 9), evidence="The council voted on the truce.")]
    plain = [k.date for k in rank_dates(mentions, events, counts, top=3, weights=replace(DEFAULT, latest_day=False))]
    assert sorted(plain) == cited  # the ranking alone: the three cited days, the latest day of coverage not among them
    assert [k.date for k in rank_dates(mentions, events, counts, top=3)] == [D(2026, 4, 9)] + plain[:2]
    assert [k.date for k in rank_dates(mentions, events, counts)][1:] == plain  # all days: the latest first
    assert [k.date for k in rank_dates(mentions, events, counts, top=1)] == plain[:1]  # one key date: no timeline
    assert [k.date for k in rank_dates(mentions, events, counts, top=3, window=Window(until=D(2026, 4, 1)))] == plain


def test_the_latest_day_is_listed_only_when_it_has_something_to_show():
    counts = volume(D(2026, 3, 1), 40)
    cited = [D(2026, 3, 3), D(2026, 3, 6), D(2026, 3, 9)]
    mentions = [ref_mention(10 * k + lag, day, day + dt.timedelta(days=lag), article=f"c{k}-{lag}")
                for k, day in enumerate(cited) for lag in (2, 5, 11)]
    events = [event(day) for day in cited]
    plain = [k.date for k in rank_dates(mentions, events, counts, top=3, weights=replace(DEFAULT, latest_day=False))]
    # its articles say nothing quotable and it has no event: the ranking's own pick stays
    assert [k.date for k in rank_dates(mentions, events, counts, top=3, texts={"x": "Brief."},
                                       published={D(2026, 4, 9): ["x"]})] == plain
    said = "The council voted on Thursday to extend the truce by a month."
    ranked = rank_dates(mentions, events, counts, top=3, texts={"x": said}, published={D(2026, 4, 9): ["x"]})
    assert [k.date for k in ranked] == [D(2026, 4, 9)] + plain[:2] and ranked[0].sentences == [said]


def test_a_full_stop_after_an_abbreviation_or_an_initial_does_not_end_the_sentence():
    from transforms.timeline import sentence_at

    text = ("Then, Sept. 9, two days after the takeovers, Treasury Secretary Henry M. Paulson Jr. called Gen. Ham. "
            "The board met on Dec. 4 in Washington.")
    assert sentence_at(text, text.index("Then")) == ("Then, Sept. 9, two days after the takeovers, Treasury "
                                                     "Secretary Henry M. Paulson Jr. called Gen. Ham.")
    assert sentence_at(text, text.index("board")) == "The board met on Dec. 4 in Washington."


def test_a_day_sentence_loses_its_glued_headline_credit_and_caption():
    from transforms.timeline import lead_sentence, says_what_happened, without_furniture

    headline = ("Bush Calls Bailout Vital to Economy, Will Meet With McCain and Obama President Bush said yesterday "
                "that the credit crisis could devastate the economy.")
    assert not says_what_happened(headline)  # a headline run into the sentence is no summary
    assert says_what_happened("UN Secretary General Ban Ki-moon said distribution of food was under way on Sunday.")
    assert not says_what_happened("Last updated: 14 January, 2010 - 17:26 GMT Expats in Boston fear for their "
                                  "relatives after the quake.")  # page furniture run into the sentence
    dateline = ("Unable to Escape Global Crisis, South American Nations Take Financial Action RIO DE JANEIRO, Dec. "
                "9 -- Brazil and Argentina announced new credit lines for exporters on Tuesday.")
    assert without_furniture(dateline) == "Brazil and Argentina announced new credit lines for exporters on Tuesday."
    credit = ("(By Ariana Cubillos -- Associated Press) President Bush warned yesterday against cutting "
              "U.S. assistance to poor nations.")
    assert without_furniture(credit) == ("President Bush warned yesterday against cutting U.S. assistance to poor "
                                         "nations.")
    caption = ("Haitians flock under a US helicopter in Port-au-Prince The leading US general in Haiti said up to "
               "200,000 people may have died.")
    assert without_furniture(caption) == "The leading US general in Haiti said up to 200,000 people may have died."
    article = ("A Conversion in This Storm Treasury Secretary Henry M.\nPaulson told them it was time to begin "
               "regulating the opaque realm of hedge funds.\nMore text follows here.")
    assert lead_sentence(article) == ("Paulson told them it was time to begin regulating the opaque realm of hedge "
                                      "funds.")


def test_a_photo_caption_or_page_stamp_dated_in_full_is_no_summary():
    from transforms.timeline import day_sentences, says_what_happened

    caption = ("President Bush returns a salute before boarding Marine One on the South Lawn of the White House, "
               "Friday, Oct. 17, 2008 in Washington.")
    assert not says_what_happened(caption)  # the wire caption's weekday, month, day and year
    assert not says_what_happened("Tuesday, September 30, 2008; 10:10 AM Most Americans see the financial "
                                  "situation as a crisis, a poll finds.")  # a page's time stamp run into the lead
    news = "President Bush met the G7 finance ministers at the White House on Saturday to coordinate the rescue."
    assert says_what_happened(news)
    day = dt.date(2008, 10, 17)
    texts = {"a1": caption + "\n" + news, "a2": news}
    assert day_sentences(day, [], [], texts, ["a1", "a2"], 2) == [news]


def test_an_event_dated_only_by_its_report_is_listed_on_no_day():
    # Issue #16: the day's news carries its publication day (basis publication, precision day) and a class the
    # guide calls unknown has no date; neither is an event that happened on a day, so no day lists them.
    from transforms.timeline import dated_to_day, event_salience

    start = D(2026, 3, 1)
    day = start + dt.timedelta(days=2)
    mentions = [ref_mention(k, day, day + dt.timedelta(days=k + 1)) for k in range(3)]
    report = {**event(day, 9, "the day's news", event_id="report"), "date_basis": "publication"}
    undated = {**event(day, 9, "has signed", event_id="perfect"), "event_date": None, "date_precision": "unknown",
               "date_basis": "publication"}
    dated = {**event(day, 1, "met on Tuesday"), "date_basis": "relative"}
    assert [dated_to_day(e) for e in (report, undated, dated)] == [False, False, True]
    assert event_salience([report, undated]) == {}
    ranked = rank_dates(mentions, [report, undated, dated], volume(start, 8), top=1, per_date=3)
    assert [e["event_id"] for e in ranked[0].events] == [dated["event_id"]]
