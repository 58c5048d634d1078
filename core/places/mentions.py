"""Place mentions: every place a document names, geocoded, with its role.

Roles:
- ``dateline``: the place in the report's dateline ("date 2025-03-11 Islamabad:");
- ``event location``: a name that locates one of the document's events;
- ``title``: a place inside an official's title ("the Kech deputy commissioner");
- ``route``: a train's or a convoy's origin or destination ("en route to Peshawar");
- ``home town``: where victims or attackers came from ("a resident of Swabi");
- ``reaction``: a place in a reaction ("the chief minister, speaking in Quetta");
- ``context``: every other place (provinces in background, destinations, countries of alleged support).

Mentions never create events; unknown names are kept with a null location.
"""

from __future__ import annotations

import pandas as pd

from core.extraction.extract import DocumentAnalysis, analyse_document
from core.extraction.sentences import REACTION, PlaceMention, Sentence
from core.knowledge.gazetteer import Place, default_gazetteer
from core.knowledge.suggestions import place_suggestions
from core.reading.documents import Document

ROLES = ("event location", "dateline", "title", "route", "home town", "reaction", "context")
MENTION_COLUMNS = (
    "document_id", "surface", "start", "end", "role", "resolved", "place_id", "name", "kind", "admin1", "admin2",
    "latitude", "longitude", "geo_precision", "sentence", "sentence_start", "sentence_end",
)


def document_mentions(document: Document, analysis: DocumentAnalysis | None = None) -> pd.DataFrame:
    """One row per place mention in the document, in text order."""
    return pd.DataFrame(mention_rows(document, analysis), columns=list(MENTION_COLUMNS))


def mention_rows(document: Document, analysis: DocumentAnalysis | None = None) -> list[dict]:
    """The rows of `document_mentions` (MENTION_COLUMNS), for building one table of many documents."""
    analysis = analysis or analyse_document(document)
    event_places = _event_places(analysis)
    event_sentences = {i for ids in analysis.event_sentences.values() for i in ids}
    rows = []
    for s in analysis.sentences:
        chains: dict[int, list[PlaceMention]] = {}
        for p in s.places:
            chains.setdefault(p.chain, []).append(p)
        for chain in chains.values():
            places = _resolve(chain)
            for mention, place in zip(chain, places):
                rows.append(
                    _row(document, s, mention, place, _role(document, s, mention, place, event_sentences, event_places))
                )
    return _merge_abbreviations(rows, document.text)


def _resolve(chain: list[PlaceMention]) -> list[Place | None]:
    """Each name of a chain read in the light of the others ("Mashkaf, Dhadar, Bolan")."""
    gaz = default_gazetteer()
    known = [m for m in chain if m.known]
    out = []
    for m in chain:
        if not m.known:
            out.append(None)
            continue
        others = [o.surface for o in known if o is not m]
        readings = gaz.candidates(m.surface)
        if m.kind_hint:
            readings = [p for p in readings if p.kind == m.kind_hint] or readings
        if not readings:
            out.append(None)
            continue
        anchor = gaz.resolve_chain(others) if others else None
        fitting = [p for p in readings if anchor is not None and (anchor.contains(p) or p.contains(anchor) or p.admin2 == anchor.admin2)]
        out.append((fitting or [gaz.resolve_chain([m.surface], [m.kind_hint])])[0])
    return out


def _event_places(analysis: DocumentAnalysis) -> list[Place]:
    gaz = default_gazetteer()
    found = []
    for r in analysis.records:
        if r["admin2"]:
            found.extend(p for p in gaz.candidates(r["admin2"]) if p.kind == "district" and p.admin1 == r["admin1"])
        elif r["admin1"]:
            found.extend(p for p in gaz.candidates(r["admin1"]) if p.kind == "province")
    return found


def _role(document: Document, s: Sentence, m: PlaceMention, place: Place | None, event_sentences: set[int],
          event_places: list[Place]) -> str:
    if document.dateline_start <= m.start and m.end <= document.dateline_end:
        return "dateline"
    if m.role:
        return m.role
    if s.kind == REACTION:
        return "reaction"
    if s.index not in event_sentences or not m.locative or s.background:
        return "context"
    if place is None:
        return "event location"  # an unlisted village named where the event happened
    fits = any(e.contains(place) or place.contains(e) or e.admin2 == place.admin2 for e in event_places)
    return "event location" if fits and place.kind != "country" else "context"


def _row(document: Document, s: Sentence, m: PlaceMention, place: Place | None, role: str) -> dict:
    return {
        "document_id": document.doc_id,
        "surface": m.surface,
        "start": m.start,
        "end": m.end,
        "role": role,
        "resolved": place is not None,
        "place_id": place.place_id if place else None,
        "name": place.name if place else None,
        "kind": place.kind if place else None,
        "admin1": (place.admin1 or None) if place else None,
        "admin2": (place.admin2 or None) if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "geo_precision": place.geo_precision if place else None,
        "sentence": s.text,
        "sentence_start": s.start,
        "sentence_end": s.end,
    }


def _merge_abbreviations(rows: list[dict], text: str) -> list[dict]:
    """'Khyber Pakhtunkhwa (KP)' is one mention of one place, not two."""
    out: list[dict] = []
    for cur in rows:
        prev = out[-1] if out else None
        if (prev is not None and text[prev["end"] : cur["start"]].strip() == "(" and text[cur["end"] : cur["end"] + 1] == ")"
                and prev["place_id"] == cur["place_id"]):
            prev["surface"] = f"{prev['surface']} ({cur['surface']})"
            prev["end"] = cur["end"] + 1
            continue
        out.append(cur)
    return out


ROLE_CLASSES = {"event location": "place-event", "context": "place-context", "dateline": "place-dateline"}


def mention_spans(mentions: pd.DataFrame) -> list[dict]:
    """Spans for highlighting a document's text: a CSS class by role and a hover title."""
    spans = []
    for m in mentions.to_dict(orient="records"):
        where = m["name"] if m["resolved"] else "not in the gazetteer"
        css = ROLE_CLASSES.get(m["role"], "place-context") + ("" if m["resolved"] else " place-unresolved")
        spans.append({"start": m["start"], "end": m["end"], "css": css, "title": f"{m['role']}: {where}"})
    return spans


def unresolved_names(mentions: pd.DataFrame) -> pd.DataFrame:
    """Names no gazetteer knows, with how many documents use them, gazetteer names spelt alike ("Turbat?",
    never applied by themselves) and one sentence, for the analyst to add to data/gazetteer/places.csv."""
    columns = ["name", "documents", "suggestions", "example"]
    missing = mentions[~mentions["resolved"].astype(bool)] if len(mentions) else mentions
    if missing.empty:
        return pd.DataFrame(columns=columns)
    grouped = missing.groupby("surface", sort=True)
    names = list(grouped.groups)
    return pd.DataFrame({
        "name": names,
        "documents": grouped["document_id"].nunique().to_list(),
        "suggestions": [", ".join(f"{s}?" for s in place_suggestions(n)) for n in names],
        "example": grouped["sentence"].first().to_list(),
    })[columns]
