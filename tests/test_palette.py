"""The map's colours can be told apart: every tactic from every other, every listed actor from every other,
and each from the grey of an unknown one, with normal vision and with red-green colour blindness."""

from __future__ import annotations

import pandas as pd
import pytest

from core.knowledge.actors import actor_book
from core.knowledge.datafiles import LexiconError
from core.knowledge.lexicon import NO_ACTOR, tactic_colors
from core.views.palette import EXTRA_ACTOR_PALETTE, UNKNOWN_COLOR, actor_colors, group_colors
from tests.colour_vision import SIMULATIONS, closest_pair

NORMAL_MIN, DEFICIENT_MIN = 20.0, 10.0
"""CIE76 distances: about 2 is just noticeable side by side; markers on a map need far more."""


def _apart(colors: list[str], vision: str) -> None:
    distance, a, b = closest_pair(colors, vision)
    floor = NORMAL_MIN if vision == "normal vision" else DEFICIENT_MIN
    assert distance >= floor, f"{a} and {b} are {distance:.1f} apart with {vision} (need {floor})"


@pytest.mark.parametrize("vision", list(SIMULATIONS))
def test_tactic_colours_are_apart(vision):
    _apart([*tactic_colors().values(), UNKNOWN_COLOR], vision)


@pytest.mark.parametrize("vision", list(SIMULATIONS))
def test_listed_actor_colours_are_apart(vision):
    listed = [a.color for a in actor_book().actors.values()]
    assert all(listed), "every actor in data/actors.csv has a colour"
    _apart([*listed, UNKNOWN_COLOR], vision)


def test_extra_actor_colours_stay_apart_from_the_listed_ones():
    _apart([a.color for a in actor_book().actors.values()] + [*EXTRA_ACTOR_PALETTE, UNKNOWN_COLOR],
           "normal vision")


def test_the_distance_check_can_fail():
    assert closest_pair(["#7f7f7f", "#6b6b6b", "#d62728"], "normal vision")[0] < NORMAL_MIN
    # a brown and a red that differ only in hue look alike with protanopia
    assert closest_pair(["#8c564b", "#ad494a"], "protanopia")[0] < DEFICIENT_MIN


def test_actor_colours_come_from_the_data_file_and_unknown_is_grey():
    book = actor_book()
    events = pd.DataFrame({"actor1": ["Baloch Liberation Army", None, "Zulu Front", "Alpha Front"]})
    groups, palette = group_colors(events, "actor")
    assert palette["Baloch Liberation Army"] == book.actors["Baloch Liberation Army"].color
    assert groups[1] == NO_ACTOR and palette[NO_ACTOR] == UNKNOWN_COLOR
    # unlisted actors take the extra colours in name order, whatever order the events come in
    assert palette["Alpha Front"] == EXTRA_ACTOR_PALETTE[0] and palette["Zulu Front"] == EXTRA_ACTOR_PALETTE[1]
    assert actor_colors(["Zulu Front"])["Zulu Front"] == EXTRA_ACTOR_PALETTE[0]


def test_a_malformed_actor_colour_is_a_clear_error(tmp_path, monkeypatch):
    import core.knowledge.actors as actors
    import core.knowledge.datafiles as datafiles

    for name in ("actors.csv", "actor_aliases.csv", "target_types.csv", "settings.csv"):
        (tmp_path / name).write_text((datafiles.DATA_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "actors.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("#d55e00", "orange", 1), encoding="utf-8")
    monkeypatch.setattr(datafiles, "DATA_DIR", tmp_path)
    actors.actor_book.cache_clear()
    try:
        with pytest.raises(LexiconError, match=r"actors.csv, line 2: color 'orange' is not a #rrggbb colour"):
            actors.actor_book()
    finally:
        actors.actor_book.cache_clear()
