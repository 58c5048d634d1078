"""Tables and figures the dashboard shows: headline counts, display tables, actor and document profiles.

Unknown is not zero: a count that is null in N events is reported as "unknown in N events".
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.knowledge.actors import actor_book
from core.knowledge.lexicon import hostage_tactics
from core.knowledge.suggestions import actor_suggestions
from core.store.filters import EventFilter
from core.views.cards import actor_text, field_text, precision_text
from core.views.plural import counted

SYNTHETIC_DOCUMENT = "synthetic"
"""The source document id of every row made by bench/synthetic.py."""


@dataclass(frozen=True)
class CountFigure:
    """A summed count: the known total and how many events leave it unknown."""

    known: int
    unknown: int
    events: int

    @classmethod
    def of_counts(cls, counts: pd.DataFrame) -> CountFigure:
        """Known fatalities of counts per period and group (core.store.queries.timeline: every event once)."""
        return cls(int(counts["fatalities"].sum()), int(counts["unknown"].sum()), int(counts["events"].sum()))

    def text(self) -> str:
        """'1,234', '1,234 (unknown in 3 events)' or 'unknown in all 3 events'."""
        if self.events and self.unknown == self.events:
            return "unknown in the one event" if self.unknown == 1 else f"unknown in all {self.unknown:,} events"
        return f"{self.known:,}" + (f" (unknown in {counted(self.unknown, 'event')})" if self.unknown else "")

    def headline(self) -> str:
        """The number alone, or 'unknown' when no event gives it."""
        return "unknown" if self.events and self.unknown == self.events else f"{self.known:,}"

    def caveat(self) -> str:
        """'unknown in N events' or ''."""
        return f"unknown in {counted(self.unknown, 'event')}" if self.unknown else ""


def count_figure(events: pd.DataFrame, column: str) -> CountFigure:
    """The known sum of a count column and the number of events where it is unknown. Hostages are asked of
    events in which people were taken only ('unknown in 50 events' must not count bombings)."""
    if column == "hostages":
        taking = hostage_tactics()
        events = events[events["tactics"].map(lambda ts: bool(taking.intersection(ts or ())))]
    values = events[column]
    return CountFigure(int(values.sum(skipna=True)), int(values.isna().sum()), len(events))


def is_synthetic(events: pd.DataFrame) -> bool:
    """True when any event comes from the SYNTHETIC generator."""
    return bool(len(events)) and bool(
        events["source"].map(lambda s: isinstance(s, dict) and s.get("document_id") == SYNTHETIC_DOCUMENT).any()
    )


COUNT_DISPLAY: dict[str, str] = {"fatalities": "Fatalities", "injuries": "Injuries", "hostages": "Hostages"}
"""Count columns of the display table: numbers (null = not reported), so that they sort as numbers."""


def display_table(events: pd.DataFrame) -> pd.DataFrame:
    """The event table as readable columns (no lists or dicts), newest first. Counts stay numbers, with
    their hedges ("at least", "over") in a column of their own, and come right after the event's kind."""
    counts = {label: events[col].astype("Int64") for col, label in COUNT_DISPLAY.items()}
    hedges = [" ".join(f"{label.lower()} {q}" for label, q in zip(COUNT_DISPLAY.values(), row) if isinstance(q, str))
              for row in zip(*(events[f"{col}_qualifier"] for col in COUNT_DISPLAY))]
    out = pd.DataFrame({
        "Date": events["event_date"],
        "Type": events["sub_event_type"].fillna("unknown"),
        **counts,
        "Hedges": [h or "—" for h in hedges],
        "Actor": [actor_text(a, s) for a, s in zip(events["actor1"], events["assoc_actor_1"])],
        "Against": [actor_text(a, s) or "—" for a, s in zip(events["actor2"], events["assoc_actor_2"])],
        "Place": events["location"].fillna("—"),
        "District": events["admin2"].fillna("unknown"),
        "Province": events["admin1"].fillna("unknown"),
        "Precision": events["geo_precision"].map(precision_text),
        "Tactics": events["tactics"].map(lambda v: field_text("tactics", v)),
        "Claimed by": events["claimed_by"].fillna("—"),
        "Summary": events["notes"].fillna("—"),
        "Event ID": events["event_id"],
    }, index=events.index)
    return out.sort_values(["Date", "Event ID"], ascending=[False, True])


SORT_COLUMNS: dict[str, str] = {"Date": "event_date", "Fatalities": "fatalities", "Injuries": "injuries",
                                "Hostages": "hostages", "Type": "sub_event_type", "Actor": "actor1", "Place": "location",
                                "District": "admin2", "Province": "admin1", "Event ID": "event_id"}
"""The display table's sortable columns and the stored columns the store sorts them by."""


def sort_table(table: pd.DataFrame, column: str, descending: bool = True) -> pd.DataFrame:
    """The table sorted by one column, numbers as numbers, and unknown (null) values last either way."""
    return table.sort_values(column, ascending=not descending, kind="stable", na_position="last")


def table_height(rows: int, most: int = 600) -> int:
    """Pixels for a dataframe of `rows` rows: no empty rows below a short result, a scroll bar for a long one."""
    return min(most, 38 + 35 * max(rows, 1))


def _joined(values: pd.Series) -> str:
    counts = values.dropna().value_counts()
    return ", ".join(f"{k} ({v})" for k, v in counts.items()) or "—"


def unlisted_names(counts: pd.Series) -> pd.DataFrame:
    """Of actor names with their event counts, those data/actors.csv does not list, with listed names spelt alike."""
    columns = ["name", "events", "suggestions"]
    book = actor_book()
    counts = counts[[not book.is_listed(n) for n in counts.index]] if len(counts) else counts
    return pd.DataFrame({
        "name": list(counts.index),
        "events": counts.to_list(),
        "suggestions": [", ".join(f"{s}?" for s in actor_suggestions(n)) for n in counts.index],
    }, columns=columns)


def document_table(documents: pd.DataFrame, counts: pd.Series) -> pd.DataFrame:
    """Every document with the number of events it produced (`counts`: document id -> events; 0 when absent)."""
    def optional(name: str) -> pd.Series:
        return documents[name].fillna("—") if name in documents.columns else pd.Series("—", index=documents.index)

    return pd.DataFrame({
        "Published": documents["date"].astype(str),
        "Title": documents["title"],
        "Outlet": optional("outlet"),
        "Author": optional("author"),
        "Dateline": documents["dateline_place"].fillna("—"),
        "Date read from": optional("date_source"),
        "Updated": optional("updated").astype(str),
        "URL": optional("url"),
        "File": documents["name"],
        "Events": documents["doc_id"].map(counts).fillna(0).astype(int),
        "Document ID": documents["doc_id"],
    }).sort_values("Published", ascending=False)


def document_caption(document: dict, events: int) -> str:
    """One line on a document: outlet, publication (and update) date, how the date was read, dateline, author,
    URL, file and how many events it gave."""
    def known(value) -> bool:  # None, NaN, pd.NA and NaT all read as missing; so does an empty string
        return value is not None and not (pd.api.types.is_scalar(value) and pd.isna(value)) and value != ""

    parts = [document.get("outlet") if known(document.get("outlet")) else None,
             (f"published {document['date']}" if known(document.get("date")) else "no publication date") + (f" (date read from {document['date_source']})"
                                                 if known(document.get("date_source")) else ""),
             f"updated {document['updated']}" if known(document.get("updated")) else None,
             f"dateline {document['dateline_place']}" if known(document.get("dateline_place")) else "no dateline",
             f"by {document['author']}" if known(document.get("author")) else None,
             document.get("url") if known(document.get("url")) else None,
             f"file {document['name']}", counted(events, "event")]
    return " · ".join(p for p in parts if p)


def mention_places(mentions: pd.DataFrame, f: EventFilter | None = None,
                   documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per resolved place: how many documents name it, and how often.

    The filter's region (admin1, admin2) applies to the places, and its dates to the documents'
    dates when `documents` (doc_id, date) is given.
    """
    columns = ["place_id", "name", "kind", "admin1", "admin2", "latitude", "longitude", "geo_precision",
               "documents", "mentions", "roles"]
    found = mentions[mentions["resolved"].astype(bool) & mentions["latitude"].notna()] if len(mentions) else mentions
    if f is not None and len(found):
        if f.admin1:
            found = found[found["admin1"].isin(f.admin1)]
        if f.admin2:
            found = found[found["admin2"].isin(f.admin2)]
        if (f.since or f.until) and documents is not None and len(documents):
            dates = dict(zip(documents["doc_id"], pd.to_datetime(documents["date"]).dt.date))
            when = found["document_id"].map(dates)
            keep = when.notna()
            if f.since:
                keep &= when.map(lambda d: d is not None and d >= f.since)
            if f.until:
                keep &= when.map(lambda d: d is not None and d <= f.until)
            found = found[keep.astype(bool)]
    if found.empty:
        return pd.DataFrame(columns=columns)
    grouped = found.groupby("place_id", sort=False)
    places = grouped.agg(
        name=("name", "first"), kind=("kind", "first"), admin1=("admin1", "first"), admin2=("admin2", "first"),
        latitude=("latitude", "first"), longitude=("longitude", "first"), geo_precision=("geo_precision", "first"),
        documents=("document_id", "nunique"), mentions=("surface", "size"),
        roles=("role", lambda r: ", ".join(sorted(set(r)))),
    ).reset_index()
    return places.sort_values(["documents", "mentions"], ascending=False)[columns].reset_index(drop=True)
