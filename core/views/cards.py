"""How one event reads: as plain text fields, as a map popup and as an HTML card.

Document text is untrusted, so every value passes through html.escape before it enters HTML.
Unknown stays unknown: a null count reads "unknown", never 0.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from core.schema import COLUMNS, _is_null

PRECISION_LABELS: dict[int, str] = {1: "exact site or town", 2: "district centroid", 3: "province centroid"}
COUNT_LABELS: dict[str, str] = {"fatalities": "Fatalities", "injuries": "Injuries", "hostages": "Hostages"}
NONE_WHEN_NULL: frozenset[str] = frozenset({"assoc_actor_1", "assoc_actor_2", "actor2", "inter2", "claimed_by",
                                            "competing_claims", "admin3", "target", "target_type"})
"""Fields where null means 'there is none' rather than 'not known'."""


def is_missing(value: Any) -> bool:
    """True for None, NaN and pandas NA."""
    return not isinstance(value, (list, dict)) and _is_null(value)


def count_text(value: Any, qualifier: Any = None) -> str:
    """A count with its hedge, e.g. 'at least 4'; 'unknown' when the text gives none."""
    if is_missing(value):
        return "unknown"
    number = f"{int(value):,}"
    return f"{qualifier} {number}" if not is_missing(qualifier) and qualifier else number


def precision_text(geo_precision: Any) -> str:
    """What the coordinates stand for: 'exact site or town', 'district centroid', ..."""
    if is_missing(geo_precision):
        return "no coordinates"
    return PRECISION_LABELS.get(int(geo_precision), f"precision {geo_precision}")


def is_approximate(geo_precision: Any) -> bool:
    """True when the event is placed at a district or province centroid, not at its site."""
    return not is_missing(geo_precision) and int(geo_precision) >= 2


def actor_text(actor: Any, associates: Any) -> str:
    """'Baloch Liberation Army (Majeed Brigade; STOS)'; '' when there is no actor."""
    if is_missing(actor) or not actor:
        return ""
    return f"{actor} ({associates})" if not is_missing(associates) and associates else str(actor)


def actors_text(event: Mapping[str, Any]) -> str:
    """Both actors with their sub-units: 'A (unit) against B'."""
    first = actor_text(event.get("actor1"), event.get("assoc_actor_1"))
    second = actor_text(event.get("actor2"), event.get("assoc_actor_2"))
    return f"{first} against {second}" if second else first


def place_text(event: Mapping[str, Any]) -> str:
    """Location, district, province and country, most specific first, without repeats."""
    parts: list[str] = []
    for col in ("location", "admin3", "admin2", "admin1", "country"):
        value = event.get(col)
        if not is_missing(value) and value and value not in parts:
            parts.append(str(value))
    return ", ".join(parts) or "unknown place"


def claim_lines(claims: Sequence[Mapping[str, Any]] | None) -> list[str]:
    """One line per claim: 'Claimant (kind): claim — disputed by X'."""
    lines = []
    for c in claims or ():
        line = f"{c.get('claimant') or 'unknown claimant'} ({c.get('kind') or 'claim'}): {c.get('claim') or ''}".strip()
        disputed = c.get("disputed_by") or []
        if disputed:
            line += f" — disputed by {', '.join(map(str, disputed))}"
        lines.append(line)
    return lines


def citation(source: Mapping[str, Any] | None) -> str:
    """A source as a reader cites it: 'Dawn, 12 Mar 2025, https://…' (outlet, publication date, URL, title where
    known); a dataset row as 'ACLED, row PAK1234'; a report with no outlet by its title and file."""
    if not isinstance(source, Mapping) or not source:
        return "unknown source"
    if source.get("dataset"):
        original = source.get("original_id")
        return f"{source['dataset']}{f', event {original}' if original else ''}" + (
            f" ({source['title']})" if source.get("title") else "")
    parts = [source.get("outlet"), _day(source.get("published")), source.get("url")]
    title = " ".join(str(source.get("title") or "").split())
    if not source.get("url"):
        parts.append(f"“{title}”" if title else None)
        if not source.get("outlet"):
            parts.append(source.get("file"))
    return ", ".join(str(p) for p in parts if p) or "unknown source"


def _day(iso: Any) -> str | None:
    """'2025-03-12' -> '12 Mar 2025'."""
    from datetime import date

    try:
        return date.fromisoformat(str(iso)).strftime("%-d %b %Y") if iso else None
    except ValueError:
        return str(iso)


def excerpt_text(excerpts: Sequence[Mapping[str, Any]] | None) -> str:
    """The source sentences of an event, joined."""
    return " … ".join(str(e.get("text", "")).strip() for e in excerpts or () if e.get("text"))


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def markdown_text(text: object) -> str:
    r"""A report's or a user's string made literal for a Markdown line (titles, sources, filter words): no
    link, image, emphasis or formula can come from it.

    >>> print(markdown_text("[x](http://y) $5"))
    \[x\]\(http\://y\) \$5
    """
    return _MARKDOWN.sub(r"\\\1", str(text))


def evidence_text(evidence: Mapping | None) -> str:
    """Why an event exists: 'lead: <trigger sentence>', or that it was imported."""
    if not isinstance(evidence, Mapping):
        return "imported or entered by hand (no extraction evidence)"
    trigger = evidence.get("trigger") or {}
    return f"{evidence.get('reason', 'unknown rule')}: {trigger.get('text', '')}".strip()


def field_text(name: str, value: Any) -> str:
    """Any event field as readable text (lists joined, dicts spelled out, nulls as 'unknown')."""
    if name == "claims":
        return "\n".join(claim_lines(value)) or "none"
    if name == "source_excerpt":
        return excerpt_text(value) or "none"
    if name == "evidence":
        return evidence_text(value)
    if name == "source" and isinstance(value, Mapping):
        return citation(value)
    if name == "geo_precision":
        return precision_text(value)
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "none"
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    if is_missing(value):
        return "none" if name in NONE_WHEN_NULL or name.endswith("_qualifier") else "unknown"
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def event_fields(event: Mapping[str, Any]) -> list[dict[str, str]]:
    """Every schema field of an event as {Field, Value, Meaning} rows of text, in schema order."""
    return [{"Field": c.name, "Value": field_text(c.name, event.get(c.name)), "Meaning": c.doc} for c in COLUMNS]


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def card_css() -> str:
    """The style sheet of event cards and highlighted document text (core/views/assets/cards.css)."""
    return (Path(__file__).resolve().parent / "assets" / "cards.css").read_text(encoding="utf-8")


def event_card_html(event: Mapping[str, Any], document_url: str | None = None) -> str:
    """The full event card: when, who, what, where, how many, claims, and the source excerpt."""
    counts = "".join(
        f"<li>{label}: <b>{_e(count_text(event.get(col), event.get(f'{col}_qualifier')))}</b></li>"
        for col, label in COUNT_LABELS.items()
    )
    claims = "".join(f"<li>{_e(line)}</li>" for line in claim_lines(event.get("claims"))) or "<li>No claims reported</li>"
    source = event.get("source") or {}
    cited = citation(source)
    link = f'<a href="{_e(document_url)}" target="_self">{_e(cited)}</a>' if document_url else _e(cited)
    precision = precision_text(event.get("geo_precision"))
    precision_note = " (approximate: placed at a centroid)" if is_approximate(event.get("geo_precision")) else ""
    return f"""<div class="event-card">
<div class="ec-head"><b>{_e(event.get('event_date'))}</b> · {_e(event.get('event_type'))} / {_e(event.get('sub_event_type'))}
<span class="ec-id">event {_e(event.get('event_id'))}</span></div>
<div class="ec-row"><span>Actors</span> {_e(actors_text(event))}</div>
<div class="ec-row"><span>Tactics</span> {_e(field_text('tactics', event.get('tactics')))}</div>
<div class="ec-row"><span>Place</span> {_e(place_text(event))} — {_e(precision)}{_e(precision_note)}</div>
<div class="ec-row"><span>Casualties</span><ul>{counts}</ul></div>
<div class="ec-row"><span>Claims</span><ul>{claims}</ul></div>
<blockquote>{_e(excerpt_text(event.get('source_excerpt')) or 'No excerpt stored')}</blockquote>
<div class="ec-row"><span>Why an event</span> {_e(evidence_text(event.get('evidence')))}</div>
<div class="ec-row"><span>Source</span> {link}</div>
</div>"""


def highlight_excerpts(text: str, spans: Sequence[Mapping[str, Any]]) -> str:
    """Document text as escaped HTML, with the given character spans wrapped in <mark>.

    A span may carry `css` (a class for the mark) and `title` (shown on hover); both are escaped.
    """
    ranges = sorted((int(s["start"]), int(s["end"]), s) for s in spans if s.get("end") is not None)
    out, pos = [], 0
    for start, end, span in ranges:
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        out.append(html.escape(text[pos:start]))
        css = f' class="{html.escape(span["css"])}"' if span.get("css") else ""
        title = f' title="{html.escape(span["title"])}"' if span.get("title") else ""
        out.append(f"<mark{css}{title}>{html.escape(text[start:end])}</mark>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")
