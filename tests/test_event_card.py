"""Event cards and text renderings: everything escaped, unknown never shown as 0, lists as text."""

from core.schema import COLUMN_NAMES
from core.views.cards import (
    count_text,
    event_card_html,
    event_fields,
    highlight_excerpts,
)
from tests.dashboard_data import HOSTILE, corpus_events, hostile_events


def test_card_escapes_hostile_text():
    html = event_card_html(hostile_events().iloc[1].to_dict(), "/documents?doc=x")
    assert HOSTILE not in html and "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_card_shows_what_the_issue_asks_for():
    events = corpus_events()
    event = events[events["claims"].map(len) > 0].iloc[0].to_dict()
    card = event_card_html(event, "/documents?doc=abc")
    assert event["event_date"] in card and event["actor1"] in card
    assert all(t in card for t in event["tactics"])
    assert event["claims"][0]["claimant"] in card
    assert 'href="/documents?doc=abc"' in card
    assert "Fatalities" in card and "Hostages" in card


def test_centroid_events_say_so():
    event = corpus_events().iloc[0].to_dict()
    event["geo_precision"] = 2
    assert "district centroid" in event_card_html(event)


def test_unknown_is_not_zero():
    assert count_text(None) == "unknown"
    assert count_text(0) == "0"
    assert count_text(100, "over") == "over 100"


def test_every_field_is_plain_text():
    event = corpus_events().iloc[0].to_dict()
    fields = event_fields(event)
    assert len(fields) == len(COLUMN_NAMES)
    assert [f["Field"] for f in fields] == list(COLUMN_NAMES)
    for row in fields:
        assert isinstance(row["Value"], str)
        assert not row["Value"].startswith(("[", "{")), row


def test_excerpt_highlight_escapes_and_marks():
    text = "Before <b>bold</b> target sentence. After."
    start = text.index("target")
    html = highlight_excerpts(text, [{"start": start, "end": start + 15}])
    assert "<mark>target sentence</mark>" in html
    assert "&lt;b&gt;" in html and "<b>" not in html
