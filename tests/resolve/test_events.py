"""Cross-document event coreference: types, participants, places, dates, blocking."""

from __future__ import annotations

import dataclasses
import datetime as dt

from storyline.resolve.events import (
    WEIGHTS,
    EventItem,
    Weights,
    average_link,
    blocked,
    blocking_keys,
    candidate_pairs,
    cluster_events,
    date_bounds,
    merge_identical,
    story_groups,
    trigger_key,
)
from storyline.resolve.events_model import profile

VARGA, LATVIA, SWEDEN, ESTONIA = "e:varga", "e:latvia", "e:sweden", "e:estonia"


def item(key: str, doc: str, type_: str, lemma: str, **fields: object) -> EventItem:
    return EventItem(key, doc, type_, lemma, **fields)  # type: ignore[arg-type]


def flight(key: str, doc: str, lemma: str = "flee", **fields: object) -> EventItem:
    base: dict[str, object] = {
        "participants": frozenset({VARGA, LATVIA}),
        "agents": frozenset({VARGA}),
        "places": frozenset({LATVIA}),
    }
    return item(key, doc, "flight", lemma, **(base | fields))


def groups_of(items: list[EventItem], **weights: object) -> set[frozenset[str]]:
    return {frozenset(g) for g in cluster_events(items, weights=Weights(**weights))}  # type: ignore[arg-type]


def test_every_item_is_in_exactly_one_group() -> None:
    items = [flight("a", "d1"), flight("b", "d2"), item("c", "d3", "arrest", "arrest")]
    found = cluster_events(items)
    assert sorted(k for g in found for k in g) == ["a", "b", "c"]
    assert cluster_events([]) == []


def test_same_event_across_outlets_joins_other_lemmas_too() -> None:
    items = [
        flight("a", "d1", date="2011-03-03", date_source="sentence"),
        flight("b", "d2", lemma="flight", date="2011-03", date_source="context"),
    ]
    assert groups_of(items) == {frozenset({"a", "b"})}


def test_incompatible_types_never_join() -> None:
    a = flight("a", "d1")
    b = item("b", "d2", "arrest", "flee", participants=frozenset({VARGA}))
    assert blocked(a, b)
    assert groups_of([a, b]) == {frozenset({"a"}), frozenset({"b"})}


def test_compatible_types_may_join() -> None:
    shared = {"participants": frozenset({VARGA}), "patients": frozenset({VARGA})}
    a = item("a", "d1", "killing", "kill", **shared)
    b = item("b", "d2", "death", "die", **shared)
    assert not blocked(a, b)
    assert groups_of([a, b]) == {frozenset({"a", "b"})}


def test_conflicting_agents_or_places_block() -> None:
    a = flight("a", "d1")
    assert blocked(a, flight("b", "d2", agents=frozenset({"e:other"})))
    assert blocked(a, flight("c", "d2", places=frozenset({ESTONIA})))
    # one side without a place says nothing against the other's place
    assert not blocked(a, flight("d", "d2", places=frozenset()))


def test_negated_mentions_stay_apart_from_asserted_ones() -> None:
    assert blocked(flight("a", "d1"), flight("b", "d2", negated=True))


def test_a_group_never_holds_two_blocked_mentions() -> None:
    # b is compatible with a and with c, but a and c conflict: no chain a-b-c
    a = flight("a", "d1", places=frozenset({LATVIA}))
    b = flight("b", "d2", places=frozenset())
    c = flight("c", "d3", places=frozenset({ESTONIA}), participants=frozenset({VARGA, ESTONIA}))
    found = groups_of([a, b, c])
    assert len(found) == 2 and not any({"a", "c"} <= g for g in found)


def test_date_conflict_allowed_only_for_strong_matches() -> None:
    a = flight("a", "d1", date="2011-03-03", date_source="sentence")
    b = flight("b", "d2", date="2011-04-05", date_source="sentence")
    assert groups_of([a, b]) == {frozenset({"a", "b"})}  # outlets disagree on the date
    weak_a = item("c", "d1", "protest", "protest", date="2011-03-03", date_source="sentence")
    weak_b = item("d", "d2", "protest", "protest", date="2012-05-01", date_source="sentence")
    assert groups_of([weak_a, weak_b]) == {frozenset({"c"}), frozenset({"d"})}
    # the same two, undated, share a lemma and may join
    undated = [dataclasses.replace(x, date=None) for x in (weak_a, weak_b)]
    assert groups_of(undated, threshold=0.5) == {frozenset({"c", "d"})}


def test_reported_dates_count_half() -> None:
    a = item("a", "d1", "protest", "protest", date="2010-04-17", date_source="reported")
    b = item("b", "d2", "protest", "protest", date="2015-02", date_source="reported")
    assert groups_of([a, b], threshold=0.5) == {frozenset({"a"}), frozenset({"b"})}
    assert groups_of([a, b], threshold=0.3) == {frozenset({"a", "b"})}


def test_documents_about_other_things_are_other_stories() -> None:
    rivertown = frozenset({"e:rivertown", "e:mayor", "quake", "magnitude", "bridge", "year:2011"})
    hillvale = frozenset({"e:hillvale", "e:coast", "quake", "tsunami", "harbour", "year:2013"})
    a = item("a", "d1", "disaster", "quake", context=rivertown)
    b = item("b", "d2", "disaster", "quake", context=rivertown | {"rescue"})
    c = item("c", "d3", "disaster", "quake", context=hillvale)
    d = item("d", "d4", "disaster", "quake")  # no context: in every story
    stories = story_groups([a, b, c, d], Weights())
    assert stories["d1"] == stories["d2"] != stories["d3"] and "d4" not in stories
    found = groups_of([a, b, c, d])
    assert frozenset({"a", "b"}) <= next(g for g in found if "a" in g)
    assert not any({"a", "c"} <= g for g in found)
    # a shared participant and date still join mentions across stories
    shared = {"participants": frozenset({"e:x"}), "date": "2011-03-11", "date_source": "sentence"}
    e = dataclasses.replace(a, key="e", **shared)  # type: ignore[arg-type]
    f = dataclasses.replace(c, key="f", **shared)  # type: ignore[arg-type]
    assert groups_of([e, f]) == {frozenset({"e", "f"})}


def test_average_link_follows_similar_pairs_only() -> None:
    sims = {(0, 1): 0.5, (1, 2): 0.5, (2, 3): 0.05}
    groups = average_link(4, sims, link=0.2)
    assert groups[0] == groups[1] and groups[3] != groups[2]
    # 2 joins {0, 1} only if its average similarity to both is high enough
    assert (groups[2] == groups[0]) == ((0.5 + 0.0) / 2 >= 0.2)
    assert average_link(3, {}, link=0.1) == {0: 0, 1: 1, 2: 2}


def test_trigger_keys_join_forms_of_one_word() -> None:
    assert trigger_key("shooting") == trigger_key("shoot")
    assert trigger_key("dies") == trigger_key("die")
    assert trigger_key("nomination") == trigger_key("nominate")
    assert trigger_key("Oscars") == trigger_key("oscar")
    assert trigger_key("kill") != trigger_key("murder")


def test_types_outside_the_schema_match_only_themselves() -> None:
    a = item("a", "d1", "lemma:quake", "quake")
    b = item("b", "d2", "lemma:tremor", "tremor")
    assert blocked(a, b)


def test_blocking_is_by_compatible_type_pairs() -> None:
    a = flight("a", "d1")
    keys = blocking_keys(a)
    assert ("*", "key", trigger_key("flee")) in keys
    ouster = item("o", "d2", "ouster", "oust", participants=frozenset({VARGA}))
    assert ("ouster", "uprising", "entity", VARGA) in blocking_keys(ouster)  # compatible types
    items = [flight(str(i), f"d{i}") for i in range(5)] + [item("x", "dx", "arrest", "arrest")]
    pairs = candidate_pairs(items, limit=400)
    assert all(5 not in pair for pair in pairs)
    # every shared key is over the limit: each item meets only its neighbours, in two
    # orders, and the neighbours still chain all five together
    capped = candidate_pairs(items, limit=3, window=1)
    assert capped and capped < pairs
    assert all(5 not in pair for pair in capped)
    assert _chained(capped, 5)


def test_date_bounds_of_timex_values() -> None:
    assert date_bounds("2010-04-07") == (dt.date(2010, 4, 7),) * 2
    assert date_bounds("2010-12") == (dt.date(2010, 12, 1), dt.date(2010, 12, 31))
    assert date_bounds("2010-W14") == (dt.date(2010, 4, 5), dt.date(2010, 4, 11))
    assert date_bounds("2010-SU") == (dt.date(2010, 1, 1), dt.date(2010, 12, 31))
    assert date_bounds("201") == (dt.date(2010, 1, 1), dt.date(2019, 12, 31))
    assert date_bounds("2010-02-30") is None
    assert date_bounds("PRESENT_REF") is None


def test_undated_mentions_do_not_chain_two_dates_together() -> None:
    # c (undated) matches a and b by lemma, but a and b give dates that cannot both hold
    a = item("a", "d1", "protest", "protest", date="2010-04-07", date_source="sentence")
    b = item("b", "d2", "protest", "protest", date="2012-08-28", date_source="sentence")
    c = item("c", "d3", "protest", "protest")
    found = groups_of([a, b, c])
    assert not any({"a", "b"} <= g for g in found)


def _chained(pairs: set[tuple[int, int]], count: int) -> bool:
    """Whether ``pairs`` connect the items ``0 … count-1`` into one component."""
    reached, frontier = {0}, [0]
    while frontier:
        here = frontier.pop()
        for a, b in pairs:
            other = b if a == here else a if b == here else None
            if other is not None and other not in reached:
                reached.add(other)
                frontier.append(other)
    return reached == set(range(count))


def test_issue_6_thousands_of_copies_of_one_mention_are_one_event() -> None:
    # a wire story reprinted 5,000 times: every key is far over the bucket limit
    context = frozenset({VARGA, LATVIA, "flight"})
    copies = [flight(f"k{i}", f"d{i}", context=context) for i in range(5_000)]
    (group,) = cluster_events(copies)
    assert len(group) == 5_000
    # the documents, all about the same things, are one story
    assert len(set(story_groups(copies, Weights()).values())) == 1


def test_issue_6_copies_are_merged_before_scoring_and_kept_apart_when_they_differ() -> None:
    copies = [flight(f"k{i}", f"d{i % 3}") for i in range(6)]
    other = flight("x", "d9", agents=frozenset({"e:other"}))
    stories = {f"d{i}": 0 for i in range(3)}
    nodes, members = merge_identical(
        [profile(i, stories.get(i.doc, -1)) for i in [*copies, other]], WEIGHTS
    )
    assert [len(m) for m in members] == [6, 1]
    assert nodes[0].item.key == "k0"


def test_issue_6_a_capped_block_still_clusters() -> None:
    # 1,000 mentions of one flight that all differ (each names one more person), so no
    # two share a signature: the trigger key holds more than ``bucket_limit`` of them
    # and is compared by windows, which still chain them into one event
    items = [
        flight(f"k{i}", f"d{i}", participants=frozenset({VARGA, LATVIA, f"e:{i}"}))
        for i in range(1_000)
    ]
    (group,) = cluster_events(items, weights=Weights(bucket_limit=100, window=5))
    assert len(group) == 1_000


def test_issue_6_a_capped_block_keeps_its_hard_rules() -> None:
    # over the limit, flights to two countries stay two events
    items = [
        flight(
            f"k{i}",
            f"d{i}",
            places=frozenset({place}),
            participants=frozenset({VARGA, place, f"e:{i}"}),
        )
        for i, place in enumerate([LATVIA, ESTONIA] * 300)
    ]
    found = cluster_events(items, weights=Weights(bucket_limit=100, window=5))
    assert len(found) == 2 and sorted(len(g) for g in found) == [300, 300]


def test_issue_6_average_link_weighs_merged_members() -> None:
    # three identical documents (0, 1, 2) as one node of size 3 give the same groups
    sims = {(0, 1): 1.0, (0, 2): 1.0, (1, 2): 1.0, (0, 3): 0.3, (1, 3): 0.3, (2, 3): 0.3}
    sims[(3, 4)] = 0.9
    node = [0, 0, 0, 1, 2]  # document → node of the merged clustering
    for link in (0.1, 0.2, 0.5, 0.95):
        full = average_link(5, sims, link=link)
        merged = average_link(3, {(0, 1): 0.3, (1, 2): 0.9}, link=link, sizes={0: 3})
        for a in range(5):
            for b in range(5):
                assert (full[a] == full[b]) == (merged[node[a]] == merged[node[b]])
    assert len(set(average_link(3, {(0, 1): 0.3, (1, 2): 0.9}, 0.1, sizes={0: 3}).values())) == 1
