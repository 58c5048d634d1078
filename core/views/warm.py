"""Warm the store's kept answers (core.store.answers) after a write: what the dashboard's first pages ask about
the whole store, with the parameters they ask it with (the map's cell size, the timeline's fitting period)."""

from __future__ import annotations

from core.store.answers import answer
from core.store.filters import EventFilter
from core.store.reading import store_version
from core.views.charts import view_period
from core.views.maps import cell_size_for


def warm_answers(url: str | None = None) -> None:
    """Compute and keep the unfiltered view's answers, so that the next server start draws its first page from
    them (a no-op for the answers already current)."""
    everything, generation = EventFilter(), store_version(url)
    for question in ("count", "figures", "options", "actor_profiles"):
        answer(question, everything, url, generation)
    extent = answer("extent", everything, url, generation)
    answer("cells", everything, url, generation, size=cell_size_for(extent[1:] if extent else None),
           split_by="tactic")
    period = view_period(answer("title_facts", everything, url, generation), everything)
    answer("timeline", everything, url, generation, period=period, split_by="tactic")
