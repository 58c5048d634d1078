"""What the brief's tables say, without drawing them: the top events by a stated rule, numbered citable sources,
merged reports with each source's figure, and the claims worth a reader's attention.

The rule (data/briefs.csv): rank by fatalities, then hostages, then injuries. A reported count, even zero, ranks
above an unknown one, and unknown is printed 'unknown', never 0. Hostages are asked only of events in which
people were taken (core.knowledge.lexicon.hostage_tactics); for the others the question does not arise ('—').
An event with `always_list_hostages` hostages or more is always listed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from core.knowledge.lexicon import hostage_tactics
from core.views.brief_words import brief_words
from core.views.cards import citation, count_text, is_missing
from core.views.provenance import Provenance

NOT_ASKED = "—"
"""A hostage count for an event in which nobody was taken."""
COUNT_HEADS: dict[str, str] = {"fatalities": "Killed", "hostages": "Hostages", "injuries": "Injured"}
"""Column heads of the counts."""


@dataclass(frozen=True)
class RankRule:
    """How top events are chosen: `counts` in order, `always_hostages` or more hostages always listed, `n` rows."""

    counts: tuple[str, ...]
    always_hostages: int
    n: int

    def text(self) -> str:
        """The rule in words, printed under the table."""
        order = ", then ".join(self.counts)
        return (f"Ranked by {order} (highest first); a reported count, even 0, ranks above an unknown one, and unknown "
                f"is shown as unknown, never 0. Events with {self.always_hostages} or more hostages are always listed. "
                f"{NOT_ASKED}: nobody was taken. Dates are event dates.")


def rank_rule() -> RankRule:
    """The rule of data/briefs.csv."""
    words = brief_words()
    return RankRule(words.rank_counts, words.number("always_list_hostages"), words.number("top_events"))


def takes_people(events: pd.DataFrame) -> np.ndarray:
    """Which events have a tactic in which people are taken (their hostage count is asked)."""
    taking = hostage_tactics()
    return events["tactics"].map(lambda ts: bool(taking.intersection(ts or ()))).to_numpy(dtype=bool)


def _count(events: pd.DataFrame, name: str) -> tuple[np.ndarray, np.ndarray]:
    """(known, value) of a count: not asked counts as a known 0; unknown is not known."""
    values = events[name].astype("Float64")
    known = values.notna().to_numpy(dtype=bool)
    number = values.fillna(0).to_numpy(dtype=float)
    if name == "hostages":
        asked = takes_people(events)
        known = known | ~asked
        number = np.where(asked, number, 0.0)
    return known, number


def ranked(events: pd.DataFrame, rule: RankRule | None = None) -> pd.DataFrame:
    """Every event in the rule's order (ties: newest first, then by id)."""
    rule = rule or rank_rule()
    keys: dict[str, object] = {}
    for name in rule.counts:
        known, number = _count(events, name)
        keys[f"_known_{name}"], keys[f"_n_{name}"] = known, number
    order = events.assign(**keys, _date=events["event_date"].astype(str))
    columns = [*keys, "_date", "event_id"]
    order = order.sort_values(columns, ascending=[False] * (len(columns) - 1) + [True], kind="stable")
    return events.loc[order.index]


def top_events(events: pd.DataFrame, n: int | None = None, rule: RankRule | None = None) -> pd.DataFrame:
    """The top `n` events by the rule, plus any event with `always_hostages` hostages or more, in rank order."""
    rule = rule or rank_rule()
    n = rule.n if n is None else n
    order = ranked(events, rule)
    must = (order["hostages"].astype("Float64").fillna(0) >= rule.always_hostages).to_numpy(dtype=bool)
    keep = np.zeros(len(order), dtype=bool)
    keep[:n] = True
    missing = int((must & ~keep).sum())
    if missing:
        droppable = np.flatnonzero(keep & ~must)[::-1][:missing]
        keep[droppable] = False
        keep |= must
    return order[keep]


# ---- sources ----------------------------------------------------------------------------------------


@dataclass
class SourceBook:
    """Numbered sources: numbers given in order of first citation; each source counts the events it supports."""

    numbers: dict[str, int] = field(default_factory=dict)
    events: dict[str, set[str]] = field(default_factory=dict)

    def cite(self, source: object, event_id: str) -> int:
        """The number of a source (a new one gets the next number), recording that it supports `event_id`."""
        key = citation(source if isinstance(source, Mapping) else None)
        number = self.numbers.setdefault(key, len(self.numbers) + 1)
        self.events.setdefault(key, set()).add(event_id)
        return number

    def entries(self) -> list[tuple[int, str, int]]:
        """(number, citation, events supported), by number."""
        return [(n, key, len(self.events[key])) for key, n in sorted(self.numbers.items(), key=lambda kv: kv[1])]


def event_sources(row: Mapping, provenance: Provenance) -> list[tuple[str, object]]:
    """(report id, source) of an event: its own report first, then the reports merged into it."""
    own = [(str(row["event_id"]), row["source"])]
    return own + [(rid, provenance.sources.get(rid)) for rid in provenance.reports_of(str(row["event_id"]))]


def source_book(top: pd.DataFrame, events: pd.DataFrame, provenance: Provenance,
                claims: Sequence[ClaimLine] = ()) -> SourceBook:
    """Sources of the top events first (in table order), then those of `claims` (in order), then every other source
    of `events`, most used first."""
    book = SourceBook()
    for row in top.to_dict("records"):
        for _rid, source in event_sources(row, provenance):
            book.cite(source, row["event_id"])
    for claim in claims:
        book.numbers.setdefault(claim.source, len(book.numbers) + 1)
    keys = events["source"].map(lambda s: citation(s if isinstance(s, Mapping) else None))
    ids = events["event_id"].astype(str)
    counts = keys.value_counts()
    rest = sorted((k for k in counts.index if k not in book.numbers), key=lambda k: (-counts[k], k))
    for key in rest:
        book.numbers[key] = len(book.numbers) + 1
    for key, group in ids.groupby(keys.to_numpy()):
        book.events.setdefault(key, set()).update(group)
    for kept, reports in provenance.merged.items():
        for rid in reports:
            source = provenance.sources.get(rid)
            key = citation(source if isinstance(source, Mapping) else None)
            if key in book.numbers:
                book.events[key].add(kept)
            elif kept in set(ids):
                book.cite(source, kept)
    return book


# ---- the table ----------------------------------------------------------------------------------------


def place_of(row: Mapping, short: bool = False) -> str:
    """Most specific place with its province: 'Turbat, Balochistan'; 'unknown place' when none. `short` writes
    provinces as data/briefs.csv abbreviates them ('Bannu, KP')."""
    parts = [p for p in (row.get("location"), row.get("admin2"), row.get("admin1")) if isinstance(p, str) and p]
    unique = list(dict.fromkeys(parts))
    if not unique:
        return "unknown place"
    if len(unique) == 1:
        return unique[0]
    province = brief_words().place_shorts.get(unique[-1], unique[-1]) if short else unique[-1]
    return f"{unique[0]}, {province}"


def count_cell(row: Mapping, name: str) -> str:
    """A count as the table shows it: 'at least 7', 'unknown', or '—' for hostages where nobody was taken."""
    if name == "hostages" and is_missing(row.get(name)) and not hostage_tactics().intersection(row.get("tactics") or ()):
        return NOT_ASKED
    return count_text(row.get(name), row.get(f"{name}_qualifier"))


@dataclass(frozen=True)
class TableRow:
    """One row of the top-events table, the source numbers it cites, and the note under it when reports were
    merged or figures differ."""

    cells: tuple[str, ...]
    sources: tuple[int, ...] = ()
    note: str = ""


def numbers_text(numbers: Sequence[int]) -> str:
    """'[1]', '[1, 4]'."""
    return f"[{', '.join(str(n) for n in sorted(set(numbers)))}]"


def merge_note(row: Mapping, provenance: Provenance, numbers: Mapping[str, int]) -> str:
    """'2 reports merged. Fatalities low 14, best 15, high 15: at least 15 [4], 14 [1]. Injured 27 [4].'"""
    event_id = str(row["event_id"])
    by_report = {rid: numbers.get(citation(s if isinstance(s, Mapping) else None))
                 for rid, s in event_sources(row, provenance)}
    parts = []
    merged = len(provenance.reports_of(event_id))
    if merged:
        parts.append(f"{merged + 1} reports merged.")
    for fr in provenance.figures.get(event_id, ()):
        told = ", ".join(f"{count_text(v, q)} [{by_report.get(rid, '?')}]" for rid, v, q in fr.reports)
        head = COUNT_HEADS.get(fr.figure, fr.figure)
        if len(fr.reports) == 1 and fr.low == fr.high:
            parts.append(f"{head} {told}.")
            continue
        spread = f"{fr.low}" if fr.low == fr.high else f"low {fr.low}, best {fr.best}, high {fr.high}"
        parts.append(f"{head} {spread}: {told}.")
    return " ".join(parts)


def table_rows(top: pd.DataFrame, book: SourceBook, provenance: Provenance, counts: Sequence[str]) -> list[TableRow]:
    """Cells of the top-events table: date, place, actor, tactics, the counts and the source numbers."""
    out = []
    for row in top.to_dict("records"):
        numbers = [book.numbers[citation(s if isinstance(s, Mapping) else None)] for _r, s in event_sources(row, provenance)]
        cells = (str(row["event_date"]), place_of(row, short=True), str(row["actor1"]), ", ".join(row["tactics"] or []) or "unknown",
                 *(count_cell(row, c) for c in counts), numbers_text(numbers))
        out.append(TableRow(cells, tuple(sorted(set(numbers))), merge_note(row, provenance, book.numbers)))
    return out


# ---- claims ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimLine:
    """One claim, denial or threat, with its claimant, who disputes it, the event and the event's source number."""

    claimant: str
    kind: str
    text: str
    disputed_by: tuple[str, ...]
    event: str
    source: str = ""
    """The event's source as cited (core.views.cards.citation): its number is in the brief's SourceBook."""


def claim_lines(events: pd.DataFrame) -> list[ClaimLine]:
    """Claims of responsibility, claims, denials and threats (data/briefs.csv `claim_kind`); plain statements are
    left out. Events with a denial or a disputed claim come first; otherwise the events' order is kept."""
    labels = brief_words().claim_kinds
    with_claims = events[events["claims"].map(lambda cs: bool(cs))]
    lines = []
    for row in with_claims.to_dict("records"):
        cited = citation(row["source"] if isinstance(row["source"], Mapping) else None)
        for claim in row["claims"]:
            if claim.get("kind") not in labels:
                continue
            lines.append(ClaimLine(claimant=claim.get("claimant") or "unnamed claimant", kind=labels[claim["kind"]],
                                   text=" ".join(str(claim.get("claim", "")).split()),
                                   disputed_by=tuple(claim.get("disputed_by") or ()),
                                   event=f"{row['event_date']}, {place_of(row)}", source=cited))
    lines = list(dict.fromkeys(lines))  # one claim told for two events at the same place and day is listed once
    contested = {line.event for line in lines if line.disputed_by or line.kind == labels.get("denial")}
    return sorted(lines, key=lambda line: line.event not in contested)
