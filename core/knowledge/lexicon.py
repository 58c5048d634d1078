"""Loaders for the knowledge files in data/: actors, tactics, triggers, targets and cues.

The files are plain CSV so that an analyst can add an alias or a trigger in a spreadsheet.
Every row carries a `source` column; loaders check that it is filled.
"""

from __future__ import annotations

import csv
import os
from functools import cache
from pathlib import Path

import pandas as pd

DATA_DIR = Path(os.environ.get("CONFLICT_DATA_DIR") or Path(__file__).resolve().parents[2] / "data")
"""The knowledge files; CONFLICT_DATA_DIR points at another copy (an analyst's edited lexicon, or a test's)."""


class LexiconError(ValueError):
    """A data file is malformed; the message names the file, the row and the field."""


def read_data_csv(name: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> pd.DataFrame:
    """Read data/<name> as strings, checking its columns and that every row names its source.

    Columns in `required` must be filled on every row; columns in `optional` must exist.
    """
    path = DATA_DIR / name
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if not rows:
        raise LexiconError(f"{path}: no rows")
    columns = set(rows[0])
    missing = [c for c in (*required, *optional, "source") if c not in columns]
    if missing:
        raise LexiconError(f"{path}: missing columns {missing}")
    for i, row in enumerate(rows, start=2):
        for col in (*required, "source"):
            if not (row.get(col) or "").strip():
                raise LexiconError(f"{path}, line {i}: field '{col}' is empty")
    return pd.DataFrame(rows).fillna("").map(str.strip)


@cache
def load_actors() -> pd.DataFrame:
    """data/actors.csv: canonical actor, short name, ACLED inter code, side, country."""
    df = read_data_csv("actors.csv", ("actor", "short", "inter", "side", "country"))
    df["inter"] = df["inter"].astype(int)
    return df


@cache
def load_actor_aliases() -> pd.DataFrame:
    """data/actor_aliases.csv: alias -> actor (and sub-unit); kind is name, unidentified or generic."""
    df = read_data_csv("actor_aliases.csv", ("alias", "kind"), ("actor", "subunit"))
    known = set(load_actors()["actor"])
    for i, row in df.iterrows():
        if row["kind"] != "generic" and row["actor"] not in known:
            raise LexiconError(f"data/actor_aliases.csv, line {i + 2}: actor {row['actor']!r} is not in actors.csv")
    return df


@cache
def load_tactics() -> pd.DataFrame:
    """data/tactics.csv: each tactic with its ACLED and GTD types, side of actor1, rank and colour."""
    df = read_data_csv(
        "tactics.csv",
        ("tactic", "event_type", "sub_event_type", "gtd_attack_type", "actor1_side", "rank", "color", "summary_verb"),
        ("event_type_vs_state", "sub_event_type_vs_state"),
    )
    df["rank"] = df["rank"].astype(int)
    return df


@cache
def load_triggers() -> pd.DataFrame:
    """data/tactic_triggers.csv: pattern -> tactic, with strength strong or weak, and optionally the side
    that acts when it differs from the tactic's (militants flying a quadcopter carry out an air/drone strike)."""
    df = read_data_csv("tactic_triggers.csv", ("tactic", "pattern", "strength"), ("actor1_side",))
    unknown = set(df["tactic"]) - set(load_tactics()["tactic"])
    if unknown:
        raise LexiconError(f"data/tactic_triggers.csv: tactics not in tactics.csv: {sorted(unknown)}")
    return df


@cache
def load_word_classes() -> dict[str, tuple[str, ...]]:
    """data/word_classes.csv: named word lists used as [class] in trigger patterns."""
    df = read_data_csv("word_classes.csv", ("word_class", "word"))
    return {k: tuple(g["word"]) for k, g in df.groupby("word_class")}


@cache
def load_targets() -> pd.DataFrame:
    """data/targets.csv: target phrases with their GTD target type and side."""
    return read_data_csv("targets.csv", ("pattern", "target_type", "side"))


@cache
def load_cues() -> dict[str, tuple[str, ...]]:
    """data/cues.csv: cue kind -> phrases (background, claim, denial, modal, ...)."""
    df = read_data_csv("cues.csv", ("cue", "phrase"))
    cues: dict[str, list[str]] = {}
    for _, row in df.iterrows():
        cues.setdefault(row["cue"], []).extend(p.strip() for p in row["phrase"].split("|") if p.strip())
    return {k: tuple(v) for k, v in cues.items()}


@cache
def load_casualty_words() -> dict[str, tuple[str, ...]]:
    """data/casualty_words.csv: category -> words that mark deaths, injuries, hostages or zero counts."""
    df = read_data_csv("casualty_words.csv", ("category", "word"))
    return {row["category"]: tuple(w.strip() for w in row["word"].split("|")) for _, row in df.iterrows()}


@cache
def load_quantities() -> dict[str, int]:
    """data/quantities.csv: vague counts and their coded values (ACLED conventions)."""
    df = read_data_csv("quantities.csv", ("word", "value"))
    return {row["word"].lower(): int(row["value"]) for _, row in df.iterrows()}


@cache
def load_dataset_tactics() -> dict[tuple[str, str, str], str]:
    """data/dataset_tactics.csv: (dataset, field, value) of ACLED, GTD or UCDP -> our tactic."""
    df = read_data_csv("dataset_tactics.csv", ("dataset", "field", "value", "tactic"))
    unknown = set(df["tactic"]) - set(load_tactics()["tactic"])
    if unknown:
        raise LexiconError(f"data/dataset_tactics.csv: tactics not in tactics.csv: {sorted(unknown)}")
    return {(r["dataset"], r["field"], r["value"]): r["tactic"] for r in df.to_dict(orient="records")}


def tactic_colors() -> dict[str, str]:
    """Tactic -> hex colour; the same colour is used on maps, timelines and legends."""
    df = load_tactics()
    return dict(zip(df["tactic"], df["color"]))
