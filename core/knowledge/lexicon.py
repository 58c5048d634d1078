"""The word knowledge in data/: tactics and their triggers, targets, cue phrases, casualty words, counts and dates.

Each loader reads its file once per process. Files hold one entry per row with its source, so an
analyst adds a word in a spreadsheet (see the README's "Teaching it" section).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import pandas as pd

from core.knowledge.datafiles import LexiconError, read_data_csv, read_rows

COUNT_CATEGORIES = ("fatalities", "injuries", "hostages")
"""The casualty categories of data/casualty_words.csv that give counts."""


@cache
def load_tactics() -> pd.DataFrame:
    """data/tactics.csv: each tactic with its ACLED and GTD types, side of actor1, rank and colour."""
    df = read_data_csv(
        "tactics.csv",
        ("tactic", "event_type", "sub_event_type", "gtd_attack_type", "actor1_side", "rank", "color", "summary_verb"),
        ("event_type_vs_state", "sub_event_type_vs_state", "takes_people"),
    )
    df["rank"] = df["rank"].astype(int)
    return df


NO_TACTIC = "no tactic"
"""The colour group of an event without a tactic."""
NO_ACTOR = "unknown actor"
"""The colour group of an event without an actor1; drawn in the unknown colour, like NO_TACTIC."""


@cache
def tactic_rank() -> dict[str, int]:
    """Tactic -> rank from data/tactics.csv (higher is more specific). Shared: do not modify."""
    df = load_tactics()
    return dict(zip(df["tactic"], df["rank"]))


def primary_tactic(tactics: Sequence[str] | None) -> str | None:
    """The highest-ranked tactic of an event, or None when it has none: the one colour an event is drawn in."""
    ranks = tactic_rank()
    known = [t for t in (tactics or ()) if t in ranks]
    return max(known, key=lambda t: ranks[t]) if known else None


@cache
def hostage_tactics() -> frozenset[str]:
    """Tactics in which people are taken (data/tactics.csv `takes_people`): only their events can have an
    unknown number of hostages; for the others the question does not arise."""
    df = load_tactics()
    return frozenset(df.loc[df["takes_people"] == "yes", "tactic"])


def tactic_names() -> tuple[str, ...]:
    """Every tactic of data/tactics.csv, in file order."""
    return tuple(load_tactics()["tactic"])


def tactic_colors() -> dict[str, str]:
    """Tactic -> hex colour; the same colour is used on maps, timelines and legends."""
    df = load_tactics()
    return dict(zip(df["tactic"], df["color"]))


def _check_tactics(name: str, tactics: Iterable[str]) -> None:
    unknown = set(tactics) - set(tactic_names())
    if unknown:
        raise LexiconError(f"data/{name}: tactics not in tactics.csv: {sorted(unknown)}")


@cache
def load_triggers() -> pd.DataFrame:
    """data/tactic_triggers.csv: pattern -> tactic, with strength strong or weak, and optionally the side
    that acts when it differs from the tactic's (militants flying a quadcopter carry out an air/drone strike)."""
    df = read_data_csv("tactic_triggers.csv", ("tactic", "pattern", "strength"), ("actor1_side",))
    _check_tactics("tactic_triggers.csv", df["tactic"])
    return df


@cache
def load_word_classes() -> dict[str, tuple[str, ...]]:
    """data/word_classes.csv: named word lists used as [class] in trigger patterns."""
    classes: dict[str, list[str]] = {}
    for row in read_rows("word_classes.csv", ("word_class", "word")):
        classes.setdefault(row["word_class"], []).append(row["word"])
    return {k: tuple(v) for k, v in classes.items()}


@cache
def load_targets() -> pd.DataFrame:
    """data/targets.csv: target phrases with their GTD target type and side."""
    return read_data_csv("targets.csv", ("pattern", "target_type", "side"))


@cache
def load_cues() -> dict[str, tuple[str, ...]]:
    """data/cues.csv: cue kind -> phrases (background, claim, denial, modal, ...), one phrase per row."""
    cues: dict[str, list[str]] = {}
    for row in read_rows("cues.csv", ("cue", "phrase")):
        cues.setdefault(row["cue"], []).append(row["phrase"])
    return {k: tuple(v) for k, v in cues.items()}


@cache
def word_cue_kinds() -> frozenset[str]:
    """data/word_cue_kinds.csv: the cue kinds of data/cues.csv that rules read as lists of words, never as spans."""
    return frozenset(row["kind"] for row in read_rows("word_cue_kinds.csv", ("kind",)))


def cue_words(kind: str) -> tuple[str, ...]:
    """The phrases of one cue kind; LexiconError naming the kind when data/cues.csv has none."""
    try:
        return load_cues()[kind]
    except KeyError:
        raise LexiconError(f"data/cues.csv: no phrases for cue {kind!r}") from None


@dataclass(frozen=True)
class CasualtyWord:
    """One row of data/casualty_words.csv."""

    category: str
    word: str
    form: str


@cache
def load_casualty_words() -> tuple[CasualtyWord, ...]:
    """data/casualty_words.csv: words for deaths, injuries and hostages (with their grammatical form),
    explicit zero counts, and the victim groups that add up."""
    return tuple(CasualtyWord(r["category"], r["word"], r["form"])
                 for r in read_rows("casualty_words.csv", ("category", "word"), ("form",)))


def casualty_words(category: str, form: str | None = None) -> tuple[str, ...]:
    """The words of one category of data/casualty_words.csv, optionally of one grammatical form."""
    return tuple(w.word for w in load_casualty_words() if w.category == category and (form is None or w.form == form))


@cache
def load_quantities() -> dict[str, int]:
    """data/quantities.csv: vague counts and their coded values (ACLED conventions)."""
    out = {}
    for row in read_rows("quantities.csv", ("word", "value")):
        out[row["word"].lower()] = int(row["value"])
    return out


@cache
def load_qualifiers() -> dict[str, str]:
    """data/qualifiers.csv: hedge phrase -> the qualifier stored with a count (at least, over, about, up to)."""
    return {row["phrase"].lower(): row["qualifier"] for row in read_rows("qualifiers.csv", ("phrase", "qualifier"))}


@dataclass(frozen=True)
class NumberWords:
    """data/number_words.csv split by kind: units (one..nineteen), tens (twenty..ninety) and the hundred word."""

    units: dict[str, int]
    tens: dict[str, int]
    hundred: tuple[str, ...]
    multipliers: dict[str, int]  # "hundred" 100, "dozen" 12: they multiply the number before them


@cache
def load_number_words() -> NumberWords:
    """Number words, for counts written out ('twenty-six', 'a hundred')."""
    units, tens, multipliers = {}, {}, {}
    for row in read_rows("number_words.csv", ("word", "value", "kind")):
        word = row["word"].lower()
        if row["kind"] == "unit":
            units[word] = int(row["value"])
        elif row["kind"] == "tens":
            tens[word] = int(row["value"])
        elif row["kind"] in ("hundred", "multiplier"):
            multipliers[word] = int(row["value"])
        else:
            raise LexiconError(f"data/number_words.csv: kind {row['kind']!r} is not unit, tens, hundred or multiplier")
    return NumberWords(units, tens, tuple(multipliers), multipliers)


@dataclass(frozen=True)
class Calendar:
    """Month names (with abbreviations) -> 1..12, and weekday names in Python's order (Monday = 0)."""

    months: dict[str, int]
    weekdays: tuple[str, ...]


@cache
def load_calendar() -> Calendar:
    """data/calendar_words.csv."""
    months, weekdays = {}, {}
    for row in read_rows("calendar_words.csv", ("word", "kind", "number")):
        target = months if row["kind"] == "month" else weekdays
        target[row["word"].lower()] = int(row["number"])
    return Calendar(months, tuple(sorted(weekdays, key=weekdays.get)))


@dataclass(frozen=True)
class DatePhrase:
    """A relative date phrase: days from its anchor (the publication date, or the incident told before)."""

    phrase: str
    offset_days: int
    precision: int
    anchor: str  # publication | previous


@cache
def load_date_phrases() -> tuple[DatePhrase, ...]:
    """data/date_phrases.csv."""
    return tuple(DatePhrase(r["phrase"].lower(), int(r["offset_days"]), int(r["precision"]), r["anchor"])
                 for r in read_rows("date_phrases.csv", ("phrase", "offset_days", "precision", "anchor")))


@cache
def load_dataset_tactics() -> dict[tuple[str, str, str], str]:
    """data/dataset_tactics.csv: (dataset, field, value) of ACLED, GTD or UCDP -> our tactic."""
    rows = read_rows("dataset_tactics.csv", ("dataset", "field", "value", "tactic"))
    _check_tactics("dataset_tactics.csv", (r["tactic"] for r in rows))
    return {(r["dataset"], r["field"], r["value"]): r["tactic"] for r in rows}


@dataclass(frozen=True)
class FurnitureCue:
    """One row of data/page_furniture.csv: a phrase that marks a line as page furniture, and where it sits."""

    kind: str  # published | updated | also_read | caption | chrome | bio | tail | byline | credit | copyright
    phrase: str
    where: str  # start | end | contains
    max_words: int  # the cue marks only lines this short: a long line starting with "By" is story


@cache
def load_page_furniture() -> tuple[FurnitureCue, ...]:
    """data/page_furniture.csv: how outlets mark publication lines, captions, 'Also read' links and page chrome."""
    rows = read_rows("page_furniture.csv", ("kind", "phrase", "where", "max_words"))
    bad = [r["where"] for r in rows if r["where"] not in ("start", "end", "contains")]
    if bad:
        raise LexiconError(f"data/page_furniture.csv: 'where' must be start, end or contains, not {bad[0]!r}")
    return tuple(FurnitureCue(r["kind"], r["phrase"], r["where"], int(r["max_words"])) for r in rows)
