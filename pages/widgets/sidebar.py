"""The sidebar filter: the same widgets on every page, read from and written to the URL."""

from __future__ import annotations

from datetime import date

import streamlit as st

from core.knowledge.actors import actor_book
from core.schema import ACLED_EVENT_TYPES
from core.store.filters import ACTOR_ROLES, EventFilter
from core.views.query_state import FILTER_PARAMS, filter_from_params, filter_to_params
from pages.widgets.data import View, current_view

CIVILIAN_CHOICES: dict[str, bool | None] = {
    "All events": None,
    "Civilians targeted": True,
    "Civilians not targeted": False,
}
ROLE_LABELS = {"by": "Carried out by", "against": "Targeted", "either": "Either side"}
PENDING = "pending_filter"
"""Session key where pages leave filter changes (brushed dates, drawn area) for the next run."""


FILTER_KEYS = ("dates", "actor", "actor_role", "admin1", "admin2", "tactic", "event_type", "civilians", "q", "area")
"""Session keys of the filter widgets."""


def keep_filter_state() -> None:
    """Keep the filter's widget values on a page that does not draw them (Streamlit drops a widget's value
    after a run without it)."""
    for key in FILTER_KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def unfiltered_view() -> View:
    """Every event, for a page that ignores the filter."""
    return current_view(EventFilter())


WRITTEN, SEEN = "filter_url_written", "filter_urls_written"
"""Session keys of the (page, filter parameters) this session last put in the URL, and of all it has put there."""
UrlState = tuple[str, tuple[tuple[str, tuple[str, ...]], ...]]


def _url_state(page: str) -> UrlState:
    return page, tuple((k, tuple(st.query_params.get_all(k))) for k in FILTER_PARAMS if k in st.query_params)


def _init_from_url(options: dict, page: str) -> None:
    """Set every filter widget from the URL's query parameters when the URL says something new: on a session's
    first run, and when the browser's Back or Forward button or a link brought other parameters than the ones
    this session last wrote.

    A move to another page keeps the filter: the navigation drops the query string, and may leave that bare
    address in the history, so Back to a bare address this session never wrote keeps the filter too."""
    state = _url_state(page)
    written = st.session_state.get(WRITTEN)
    if written is not None and (state == written or (not state[1] and (
            written[0] != page or state not in st.session_state.get(SEEN, set())))):
        return
    _set_widgets(filter_from_params({k: list(v) for k, v in state[1]}), options)
    st.session_state[WRITTEN] = state


def _set_widgets(f: EventFilter, options: dict) -> None:
    lo, hi = _date_bounds(options)
    st.session_state["dates"] = (max(f.since or lo, lo), min(f.until or hi, hi)) if lo <= hi else (lo, hi)
    st.session_state["actor"] = list(f.actors)
    st.session_state["actor_role"] = f.actor_role
    st.session_state["admin1"] = list(f.admin1)
    st.session_state["admin2"] = list(f.admin2)
    st.session_state["tactic"] = list(f.tactics)
    st.session_state["event_type"] = list(f.event_types)
    st.session_state["civilians"] = next(k for k, v in CIVILIAN_CHOICES.items() if v == f.civilian_targeting)
    st.session_state["q"] = f.text
    st.session_state["area"] = f.area


def _apply_pending(options: dict) -> None:
    """Changes requested on the previous run, applied before the widgets exist (as Streamlit requires)."""
    pending = st.session_state.pop(PENDING, None)
    if not pending:
        return
    if pending.get("reset"):
        _set_widgets(EventFilter(), options)
    if "dates" in pending:
        st.session_state["dates"] = pending["dates"]
    if "area" in pending:
        st.session_state["area"] = pending["area"]


def request_filter_change(**changes: object) -> None:
    """Ask for a filter change (dates=(lo, hi), area=geometry or reset=True) and rerun."""
    st.session_state[PENDING] = changes
    st.rerun()


def _date_bounds(options: dict) -> tuple[date, date]:
    if not options["first"]:
        today = date.today()
        return today, today
    return date.fromisoformat(str(options["first"])), date.fromisoformat(str(options["last"]))


def _prune(key: str, options: list[str]) -> None:
    """Drop chosen values that are no longer offered (e.g. districts of an unselected province)."""
    chosen = st.session_state.get(key) or []
    st.session_state[key] = [v for v in chosen if v in options]


def sidebar_filter(page: str = "") -> View:
    """Draw the filter widgets, keep the URL in step, and return the filtered view of `page` (its URL path)."""
    options = current_view(EventFilter()).options()
    _init_from_url(options, page)
    _apply_pending(options)
    lo, hi = _date_bounds(options)
    sb = st.sidebar
    sb.header("Filters")
    dates = sb.date_input("Date range", min_value=lo, max_value=hi, key="dates", format="YYYY-MM-DD")
    actors = options["actors"]
    _prune("actor", actors)
    chosen_actors = sb.multiselect("Actor", actors, key="actor", placeholder="All actors")
    role = sb.radio("The actors' part", list(ACTOR_ROLES), key="actor_role", format_func=ROLE_LABELS.get,
                    horizontal=True, disabled=not chosen_actors,
                    help="Carried out by: the actor is actor 1 (or one of its sub-units). Targeted: actor 2. "
                         "Either side: both.")
    units = sorted({u for a in chosen_actors for u in actor_book().subunits(a)})
    if units:
        sb.caption(f"Includes events of sub-units: {', '.join(units)}")
    provinces = options["admin1"]
    _prune("admin1", provinces)
    chosen_provinces = sb.multiselect("Province (admin1)", provinces, key="admin1", placeholder="All provinces")
    districts = (sorted({d for p in chosen_provinces for d in options["admin2"].get(p, [])}) if chosen_provinces
                 else options["all_admin2"])
    _prune("admin2", districts)
    sb.multiselect("District (admin2)", districts, key="admin2", placeholder="All districts",
                   help="Only districts of the chosen provinces are offered.")
    tactics = options["tactics"]
    _prune("tactic", tactics)
    sb.multiselect("Tactic", tactics, key="tactic", placeholder="All tactics")
    types = [t for t in ACLED_EVENT_TYPES if t in set(options["event_types"])]
    _prune("event_type", types)
    sb.multiselect("Event type", types, key="event_type", placeholder="All event types")
    sb.radio("Civilian targeting", list(CIVILIAN_CHOICES), key="civilians")
    sb.text_input("Search text", key="q", placeholder="place, actor, words in the summary…")
    if st.session_state.get("area"):
        sb.info("A drawn area on the map limits the events.")
        if sb.button("Clear drawn area", key="clear_area"):
            st.session_state["area"] = None
            st.rerun()
    since, until = (list(dates) + [None, None])[:2] if isinstance(dates, (tuple, list)) else (dates, None)
    f = EventFilter(
        since=since if since and since > lo else None,
        until=until if until and until < hi else None,
        actors=tuple(chosen_actors),
        actor_role=role,
        admin1=tuple(chosen_provinces),
        admin2=tuple(st.session_state["admin2"]),
        tactics=tuple(st.session_state["tactic"]),
        event_types=tuple(st.session_state["event_type"]),
        civilian_targeting=CIVILIAN_CHOICES[st.session_state["civilians"]],
        text=st.session_state["q"].strip(),
        area=st.session_state.get("area"),
    )
    if not f.is_empty() and sb.button("Reset all filters", key="reset_filters"):
        request_filter_change(reset=True)
    _write_url(f, page)
    return current_view(f)


def _write_url(f: EventFilter, page: str) -> None:
    """Make the URL's filter parameters match the filter; other parameters stay."""
    wanted = filter_to_params(f)
    for key in FILTER_PARAMS:
        current = st.query_params.get_all(key)
        target = wanted.get(key)
        target_list = [] if target is None else [target] if isinstance(target, str) else list(target)
        if current != target_list:
            if target_list:
                st.query_params[key] = target_list
            elif key in st.query_params:
                del st.query_params[key]
    st.session_state[WRITTEN] = _url_state(page)
    st.session_state.setdefault(SEEN, set()).add(st.session_state[WRITTEN])
