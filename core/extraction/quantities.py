"""Counts of dead, injured and hostages in a sentence, with their hedges, following ACLED's conventions."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from core.knowledge.lexicon import load_casualty_words, load_cues, load_quantities

_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_VALUES = {w: i for i, w in enumerate(_UNITS, start=1)} | {w: 10 * i for i, w in enumerate(_TENS, start=2)}

QUALIFIER_WORDS = {
    "at least": "at least",
    "no fewer than": "at least",
    "not less than": "at least",
    "a minimum of": "at least",
    "more than": "over",
    "over": "over",
    "above": "over",
    "in excess of": "over",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "nearly": "about",
    "almost": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "close to": "about",
    "up to": "up to",
    "as many as": "up to",
}
TOTAL_GROUPS = {"", "people", "persons", "individuals", "others", "person"}
"""Nouns that count everybody; other nouns (soldiers, attackers) are groups that add up."""


@dataclass(frozen=True)
class Count:
    """One number in the text tied to a category (fatalities, injuries or hostages)."""

    category: str
    value: int
    qualifier: str | None
    group: str
    start: int
    end: int
    revised: bool = False
    subset: bool = False
    later: bool = False  # "one of the wounded later died": moves people from one count to another


def _word_number() -> str:
    unit = "|".join(sorted(_UNITS, key=len, reverse=True))
    tens = "|".join(_TENS)
    simple = rf"(?:(?:{tens})(?:[- ](?:{unit}))?|{unit})"
    return rf"(?:(?:{simple}|a|one)\s+hundred(?:\s+(?:and\s+)?{simple})?|{simple})"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, dict[str, str], re.Pattern]:
    vague = "|".join(re.escape(w) for w in sorted(load_quantities(), key=len, reverse=True))
    qual = "|".join(re.escape(q) for q in sorted(QUALIFIER_WORDS, key=len, reverse=True))
    number = re.compile(
        rf"(?<![Nn]o )(?:\b(?P<qual>{qual})\s+)?(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+|\b(?:{vague})(?=\s+of\b)|\b{_word_number()}\b)"
        r"(?![-\d]*\s*(?:-|\s)?(?:year|years|km|kilometre|kilometer|kilometres|kilometers|hours|hour|minutes|"
        r"percent|per cent|%|am|pm|a\.m\.|p\.m\.|days|day|weeks|months|metres|meters|miles|kg))",
        re.IGNORECASE,
    )
    words = load_casualty_words()
    cue_of: dict[str, str] = {}
    for category in ("fatalities", "injuries", "hostages"):
        for w in words[category]:
            cue_of.setdefault(w.lower(), category)
    # "the injured", "the dead": a noun for people, not a statement that someone was hurt.
    cue = re.compile(
        r"(?<!\bthe )\b(?:" + "|".join(re.escape(w) for w in sorted(cue_of, key=len, reverse=True)) + r")\b", re.IGNORECASE
    )
    zero = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words["zero_fatalities"]) + r")\b", re.IGNORECASE)
    return number, cue, cue_of, zero


def parse_number(text: str) -> int | None:
    """'26', '1,200', 'twenty-six', 'a hundred', 'dozens' -> int; None if not a number."""
    t = text.lower().strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", t):
        return int(t.replace(",", ""))
    vague = load_quantities()
    if t in vague:
        return vague[t]
    total, current = 0, 0
    for part in re.split(r"[\s-]+", t):
        if part in ("a", "and"):
            current = current or (1 if part == "a" else current)
            continue
        if part == "hundred":
            current = max(current, 1) * 100
        elif part in _WORD_VALUES:
            current += _WORD_VALUES[part]
        else:
            return None
    total += current
    return total or None


_MAX_GAP_AFTER = 7
_MAX_GAP_BEFORE = 4


def find_counts(sentence: str, offset: int = 0, skip: list[tuple[int, int]] | None = None) -> list[Count]:
    """All counts in one sentence. `skip` lists spans (e.g. dates) whose digits are not counts.

    Each number takes the nearest casualty word: after it ("12 soldiers were killed") or
    before it ("killing 12"), never across another number.
    """
    number, cue, cue_of, _ = _patterns()
    revision = load_cues()["revision"]
    skip = skip or []
    nums = [m for m in number.finditer(sentence) if not any(a <= m.start("num") + offset < b for a, b in skip)]
    nums = [m for m in nums if not _is_label(sentence, m)]
    cues = list(cue.finditer(sentence))
    asides = [p.span() for p in _PARENTHETICAL.finditer(sentence)]
    # Numbers inside ", including three children," do not bound the numbers around them.
    bounds = [n for n in nums if not any(a <= n.start() < b for a, b in asides)]
    counts: list[Count] = []
    for m in nums:
        value = parse_number(m.group("num"))
        if value is None:
            continue
        lo = max((n.end() for n in bounds if n.end() <= m.start()), default=0)
        hi = min((n.start() for n in bounds if n.start() >= m.end()), default=len(sentence))
        best = None
        for c in cues:
            if m.end() <= c.start() < hi:
                between = _PARENTHETICAL.sub(" ", sentence[m.end() : c.start()])
                if _words(between) <= _MAX_GAP_AFTER and "," not in between:
                    best = min(best or (_words(between), c), (_words(between), c), key=lambda x: x[0])
            elif lo <= c.start() and c.end() <= m.start():
                between = sentence[c.end() : m.start()]
                if _words(between) <= _MAX_GAP_BEFORE and "," not in between and not _CLAUSE.search(between):
                    best = min(best or (_words(between), c), (_words(between), c), key=lambda x: x[0])
        if best is None:
            continue
        c = best[1]
        between = sentence[min(c.end(), m.end()) : max(c.start(), m.start())].lower()
        before = sentence[max(0, m.start() - 40) : m.start()].lower()
        qual = m.group("qual")
        # "the driver and two employees were injured": the named person counts too.
        value += 1 if _ONE_MORE_BEFORE.search(sentence[: m.start()]) else 0
        counts.append(
            Count(
                category=cue_of[c.group(0).lower()],
                value=value,
                qualifier=QUALIFIER_WORDS[qual.lower()] if qual else None,
                group=_group_after(sentence, m.end()),
                start=offset + m.start(),
                end=offset + m.end(),
                revised=any(r in between or r in before[-20:] for r in revision),
                subset="including" in before[-25:] or "among them" in before[-25:],
            )
        )
    counts.extend(_coordinated(sentence, offset, nums, counts))
    counts.extend(_singular_and_toll_counts(sentence, offset, counts))
    return _with_later_deaths(sentence, offset, counts)


def _with_later_deaths(sentence: str, offset: int, counts: list[Count]) -> list[Count]:
    """'One of the wounded later died' moves a person from injuries to deaths, unless the sentence
    states its own toll ('has left three dead after one of the wounded died')."""
    later = []
    for m in _DIED_LATER.finditer(sentence):
        value = parse_number(m.group("num"))
        if value:
            for category, sign in (("fatalities", 1), ("injuries", -1)):
                later.append(Count(category, sign * value, None, "", offset + m.start(), offset + m.end(), later=True))
    if not later:
        return counts
    covered = [c for c in counts if any(x.start <= c.start < x.end for x in later)]
    if any(c.category == "fatalities" and c not in covered for c in counts):
        return counts
    return [c for c in counts if c not in covered] + later


def _coordinated(sentence: str, offset: int, nums: list[re.Match], counts: list[Count]) -> list[Count]:
    """'left three policemen and two of the raiders dead': the first number shares the second's word."""
    extra = []
    by_start = {c.start - offset: c for c in counts}
    for m, nxt in itertools.pairwise(nums):
        if m.start() in by_start or nxt.start() not in by_start:
            continue
        between = sentence[m.end() : nxt.start()]
        if re.fullmatch(r"\s+(?:[\w-]+\s+){0,3}and\s+", between):
            value = parse_number(m.group("num"))
            if value is not None:
                base = by_start[nxt.start()]
                extra.append(Count(base.category, value, None, _group_after(sentence, m.end()),
                                   offset + m.start(), offset + m.end()))
    return extra


_PARENTHETICAL = re.compile(r",\s*(?:including|among them)[^,]*,")
_CLAUSE = re.compile(r"\b(?:when|as|after|while|before|because|since|where|and)\b", re.IGNORECASE)
_ONE_MORE_BEFORE = re.compile(r"\b(?:a|an|the|one)\s+[a-z]+\s+and\s+$", re.IGNORECASE)
_SINGULAR = [
    (re.compile(r"(?<!no )\b(?:a|an|one)\s+(?:[\w'’-]+\s+){0,12}?(?:was|had been)\s+(?:shot dead|killed|martyred|gunned down|slain)\b", re.IGNORECASE), "fatalities"),
    (re.compile(r"(?<!no )\b(?:a|an|one)\s+(?:[\w'’-]+\s+){0,12}?(?:was|had been)\s+(?:injured|wounded|hurt|shot in the|hit in the)\b", re.IGNORECASE), "injuries"),
    (re.compile(r"\b(?:his|her)\s+[\w'’-]+\s+(?:was\s+)?(?:injured|wounded|hurt)\b|\b(?:a|an|his|her)\s+[\w'’-]+\s+(?:sustained|suffered|received)\s+(?:[\w-]+\s+)?(?:wounds|injuries)\b", re.IGNORECASE), "injuries"),
]
_DIED_LATER = re.compile(
    r"\b(?P<num>\w+)\s+of\s+(?:the|them|those)\s*(?:wounded|injured)?\s+(?:\w+\s+){0,3}?"
    r"(?:later\s+)?(?:died|succumbed|passed away)\b",
    re.IGNORECASE,
)
_ALONG_WITH_ONE = re.compile(r"\s+(?:along with|together with)\s+(?:his|her|a|an|one)\s+[a-z-]+\b(?!\s+and)", re.IGNORECASE)
_TOLL = re.compile(
    r"\b(?:death toll|toll|number of (?:[\w-]+\s+){0,3}?(?P<group>[\w-]+)\s+(?:killed|dead))\b[^.]{0,160}?"
    r"\b(?:rose|risen|climbed|increased|jumped|reached|stands|stood)(?:\s+to|\s+at)?\s+",
    re.IGNORECASE,
)
_LED_AWAY = re.compile(r"\b(?:led|marched|took|drove|dragged|whisked|carried)\s+(?P<num>\w+)\s+(?:[a-z]+\s+){0,2}?(?:away|off)\b", re.IGNORECASE)
_PERSON_AND_COMPANION = r"(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?and\s+(?:his|her|their|the|a)\s+[\w-]+"
_TWO_TAKEN = re.compile(
    rf"\b(?:abducted|kidnapped)\s+{_PERSON_AND_COMPANION}|\b(?:drove|took|led|whisked|marched)\s+{_PERSON_AND_COMPANION}\s+(?:off|away)\b",
    re.IGNORECASE,
)
"""'abducted a tehsildar and his driver', 'drove the officer and his driver off': two people taken."""
_BOMBER_TOO = re.compile(r"\b(?:in addition to|as well as|besides|along with)\s+the\s+(?:suicide\s+)?(?:bomber|attacker)\b", re.IGNORECASE)


def _singular_and_toll_counts(sentence: str, offset: int, found: list[Count]) -> list[Count]:
    """Counts written without a number: 'a policeman was shot dead', 'the toll rose to six',
    'in addition to the bomber'."""
    extra = []
    number = _patterns()[0]
    for m in _TOLL.finditer(sentence):
        n = number.match(sentence, m.end())
        value = parse_number(n.group("num")) if n else None
        if value is not None:
            group = (m.group("group") or "").lower()
            extra.append(Count("fatalities", value, None, group, offset + n.start(), offset + n.end(), revised=True))
    found = [c for c in found if not any(c.start == e.start for e in extra)]
    taken = {c.category for c in found} | {c.category for c in extra}
    for pattern, category in _SINGULAR:
        m = pattern.search(sentence)
        if m and category not in taken:
            # "was shot dead along with his bodyguard": two people.
            value = 2 if _ALONG_WITH_ONE.match(sentence, m.end()) else 1
            extra.append(Count(category, value, None, "", offset + m.start(), offset + m.end()))
            taken.add(category)
    m = _LED_AWAY.search(sentence)
    value = parse_number(m.group("num")) if m else None
    if value is not None and "hostages" not in taken:
        extra.append(Count("hostages", value, None, "", offset + m.start("num"), offset + m.end("num")))
        taken.add("hostages")
    m = _TWO_TAKEN.search(sentence)
    if m and "hostages" not in taken:
        extra.append(Count("hostages", 2, None, "", offset + m.start(), offset + m.end()))
    m = _BOMBER_TOO.search(sentence)
    if m and "fatalities" in taken:
        extra.append(Count("fatalities", 1, None, "suicide bomber", offset + m.start(), offset + m.end()))
    return extra


def says_no_casualties(sentence: str) -> bool:
    """True when the sentence states that nobody was killed ('no casualties were reported')."""
    return bool(_patterns()[3].search(sentence))


def _is_label(sentence: str, m: re.Match) -> bool:
    before = sentence[max(0, m.start() - 6) : m.start()].lower()
    return before.rstrip().endswith(("no.", "number", "tunnel", "#")) or (
        m.group("num").isdigit() and 1900 <= int(m.group("num")) <= 2100
    )


def _words(text: str) -> int:
    return len(re.findall(r"[\w'’-]+", text))


def _group_after(sentence: str, end: int) -> str:
    m = re.match(r"\s+(?:of\s+(?:the\s+)?)?(?:[A-Z][\w-]*\s+)*([a-z][\w-]*)", sentence[end:])
    word = m.group(1).lower() if m else ""
    return "" if word in _NOT_GROUPS or word in _all_cues() else word


_NOT_GROUPS = {"on", "in", "at", "of", "and", "or", "were", "was", "are", "is", "have", "has", "had", "been", "as", "who", "while", "when", "after", "more", "others", "other"}


@lru_cache(maxsize=1)
def _all_cues() -> frozenset[str]:
    words = load_casualty_words()
    return frozenset(w for k in ("fatalities", "injuries", "hostages") for w in words[k])


@lru_cache(maxsize=1)
def _group_class() -> dict[str, str]:
    """Victim nouns mapped to their group (security, attackers, civilians) from data/casualty_words.csv."""
    words = load_casualty_words()
    return {w: k.removeprefix("group_") for k, ws in words.items() if k.startswith("group_") for w in ws}


def combine(counts: list[Count]) -> tuple[int | None, str | None]:
    """One figure for one category of one event, with its qualifier.

    Repeated figures for the same group keep the most conservative (ACLED), unless a later
    figure is a revision ("rose to"), which replaces them. Different groups (soldiers,
    attackers) add up; a figure for everybody ("people") is a floor for that sum.
    """
    later = [c for c in counts if c.later]
    counts = [c for c in counts if not c.later]
    if any(c.revised for c in counts):
        later = []  # a revised toll already includes those who died later
    base, qualifier = _combine_figures(counts)
    if not later:
        return base, qualifier
    total = (base or 0) + sum(c.value for c in later)
    return (total, qualifier) if total > 0 or base is not None else (None, None)


def _combine_figures(counts: list[Count]) -> tuple[int | None, str | None]:
    if not counts:
        return None, None
    by_group: dict[str, Count] = {}
    for c in counts:
        if c.subset:
            continue
        key = "" if c.group in TOTAL_GROUPS else _group_class().get(c.group, c.group)
        old = by_group.get(key)
        if old is None or c.revised or (not old.revised and c.value < old.value):
            by_group[key] = c
    if not by_group:
        return None, None
    total = by_group.pop("", None)
    specific = sum(c.value for c in by_group.values())
    if total is not None and total.value >= specific:
        return total.value, total.qualifier
    quals = {c.qualifier for c in by_group.values() if c.qualifier}
    return specific, (quals.pop() if len(quals) == 1 else ("at least" if quals else None))
