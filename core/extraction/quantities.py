"""Counts of dead, injured and hostages in a sentence, with their hedges, following ACLED's conventions."""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from core.knowledge.lexicon import (
    COUNT_CATEGORIES,
    casualty_words,
    cue_words,
    load_casualty_words,
    load_number_words,
    load_qualifiers,
    load_quantities,
)


def _cues(kind: str) -> str:
    """A regex alternation of one cue kind's phrases (data/cues.csv), longest first."""
    return _alternation(cue_words(kind))


GAP = "…"
"""In a phrase of data/casualty_words.csv, one to four words that are not part of it ('sent … to hell':
'sent 11 khwarij to hell')."""


def _alternation(phrases) -> str:
    return "|".join(r"\s+".join(r"(?:[\w'’-]+\s+){0,3}[\w'’-]+" if w == GAP else re.escape(w) for w in p.split())
                    for p in sorted(set(phrases), key=len, reverse=True))


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
    fallback: bool = False  # "the driver was injured": counts only when the event has no other figure
    reference: bool = False  # "the six miners": people a figure has already counted (so also a subset)
    if_toll_rose: bool = False  # "the toll rose to 10 after two of the injured died": -2 injured, if it did rise


def _word_number() -> str:
    words = load_number_words()
    unit = _alternation(words.units)
    tens = _alternation(words.tens)
    hundred = _alternation(words.hundred)
    simple = rf"(?:(?:{tens})(?:[- ](?:{unit}))?|{unit})"
    return rf"(?:(?:{simple}|a|one)\s+(?:{hundred})(?:\s+(?:and\s+)?{simple})?|{simple})"


class _CueCategories(dict):
    """Casualty word -> category, for the words as matched ('sent 11 khwarij to hell' is 'sent … to hell')."""

    def __init__(self, words: dict[str, str], gapped: list[tuple[re.Pattern, str]]) -> None:
        super().__init__(words)
        self.gapped = gapped

    def __missing__(self, matched: str) -> str:
        return next(c for pattern, c in self.gapped if pattern.fullmatch(matched))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, dict[str, str], re.Pattern]:
    # One-word vague counts ("dozens", "scores") only before "of", a verb or a stop; phrases ("half a dozen") anywhere.
    vague = "|".join(re.escape(w) for w in sorted(load_quantities(), key=len, reverse=True) if " " not in w)
    phrases = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(load_quantities(), key=len, reverse=True)
                       if " " in w)
    qual = _alternation(load_qualifiers())
    number = re.compile(
        rf"(?<![Nn]o )(?:\b(?P<qual>{qual})\s+)?(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+|\b(?:{phrases})\b|\b(?:{vague})(?=\s+of\b|\s+(?:{_cues('auxiliary')})\b|\s*[,;.]|\s*$)|\b{_word_number()}\b)"
        rf"(?![-\d]*\s*(?:-|\s)?(?:{_cues('count_unit')})(?![a-z]))",
        re.IGNORECASE,
    )
    cue_of: dict[str, str] = {}
    for category in COUNT_CATEGORIES:
        for w in casualty_words(category):
            cue_of.setdefault(w.lower(), category)
    # A phrase with a gap matches other words; its category is found by matching it again.
    gapped = [(re.compile(_alternation([w]), re.IGNORECASE), c) for w, c in cue_of.items() if GAP in w]
    cue_of = _CueCategories(cue_of, gapped)
    # "the injured", "the dead": a noun for people, not a statement that someone was hurt.
    # ... but "the bodies of the remaining two", "the deaths of three soldiers" count where nothing else does.
    nouns = _alternation(w for c in COUNT_CATEGORIES for w in casualty_words(c, "noun"))
    cue = re.compile(r"(?<!\bthe )\b(?:" + _alternation(cue_of) + rf")\b|(?P<of_noun>\b(?:{nouns})(?=\s+of\b))", re.IGNORECASE)
    zero = re.compile(r"\b(?:(?P<all>" + _alternation(casualty_words("zero_all")) + r")|"
                      + _alternation(casualty_words("zero_fatalities")) + r")\b", re.IGNORECASE)
    return number, cue, cue_of, zero


def parse_number(text: str) -> int | None:
    """'26', '1,200', 'twenty-six', 'a hundred', 'dozens' -> int; None if not a number."""
    t = text.lower().strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", t):
        return int(t.replace(",", ""))
    vague = load_quantities()
    if t in vague:
        return vague[t]
    words = load_number_words()
    total, current = 0, 0
    for part in re.split(r"[\s-]+", t):
        if part in ("a", "and"):
            current = current or (1 if part == "a" else current)
            continue
        if part in words.multipliers:
            current = max(current, 1) * words.multipliers[part]
        elif part in words.units or part in words.tens:
            current += words.units.get(part) or words.tens[part]
        else:
            return None
    total += current
    return total or None


_MAX_GAP_AFTER = 7
_SELF_AND = re.compile(r"^\s+(?:himself|herself|themselves)\s+and\s+")
_TAIL_CHARS = 80


def _words_before(sentence: str, end: int) -> str:
    """The last words of `sentence[:end]`, cut at a space: what patterns ending in `$` look at. (Searching the
    whole head for them tries every position of it, for every number.)"""
    start = max(0, end - _TAIL_CHARS)
    if start:
        space = sentence.find(" ", start, end)
        start = end if space < 0 else space
    return sentence[start:end]
_MAX_GAP_BEFORE = 4


def find_counts(sentence: str, offset: int = 0, skip: list[tuple[int, int]] | None = None) -> list[Count]:
    """All counts in one sentence. `skip` lists spans (e.g. dates) whose digits are not counts.

    Each number takes the nearest casualty word: after it ("12 soldiers were killed") or
    before it ("killing 12"), never across another number.
    """
    number, cue, cue_of, _ = _patterns()
    revision = cue_words("revision")
    skip = skip or []
    nums = [m for m in number.finditer(sentence) if not any(a <= m.start("num") + offset < b for a, b in skip)]
    nums = [m for m in nums if not _is_label(sentence, m)]
    cues = list(cue.finditer(sentence))
    # (An aside without commas before it must not hold the casualty word: "seven people including three
    # children were injured in the blast, police said".)
    asides = [p.span() for p in _rules().parenthetical.finditer(sentence)
              if p.group(0).startswith(",") or not cue.search(p.group(0))]
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
        # A number inside an aside takes a casualty word inside it, or is a part of the figure before it.
        inside = next(((a, b) for a, b in asides if a <= m.start() < b), None)
        for c in cues:
            if inside and not inside[0] <= c.start() < inside[1]:
                continue
            if m.end() <= c.start() < hi:
                between = "".join(" " if any(a <= i < b for a, b in asides) else ch
                                  for i, ch in enumerate(sentence[m.end() : c.start()], m.end()))
                if _words(between) <= _MAX_GAP_AFTER and "," not in between:
                    best = min(best or (_words(between), c), (_words(between), c), key=lambda x: x[0])
            elif c.start() < m.start() and m.end() <= c.end():
                best = (0, c)  # the number inside the phrase: 'sent 11 khwarij to hell'
            elif lo <= c.start() and c.end() <= m.start():
                # ("The bomber killed himself and six others": the six are the verb's)
                between = _SELF_AND.sub(" ", sentence[c.end() : m.start()])
                # ("took away a rifle belonging to one of them": the one owns what was taken)
                owner = any(w in between.lower() for w in cue_words("possessor"))
                if (_words(between) <= _MAX_GAP_BEFORE and "," not in between and not owner
                        and not _rules().clause.search(between)):
                    best = min(best or (_words(between), c), (_words(between), c), key=lambda x: x[0])
        if best is None:
            continue
        c = best[1]
        if cue_of[c.group(0).lower()] == "hostages" and c.start() >= m.end():
            # "Three hostages, a clerk, a lawyer and a litigant, were shot dead": hostages killed are dead
            c = _fate_of_the_taken(sentence, c, cues, cue_of) or c
        group = _referent(sentence, m.start(), _group_after(sentence, m.end()))
        if group in cue_words("object_noun"):
            continue
        if c.group("of_noun"):
            # "the bodies of eight men": counts only where the event has no other figure at all; but "leaving behind
            # the bodies of two of their comrades" are the dead of the group named before (the attackers)
            group = _referent(sentence, m.start(), "them") if group in cue_words("companion_noun") else ""
        between = sentence[min(c.end(), m.end()) : max(c.start(), m.start())].lower()
        before = sentence[max(0, m.start() - 40) : m.start()].lower()
        qual = m.group("qual")
        # "Three of the men died on the spot": a part of people the report has counted ("of the attackers", a
        # group of its own, is not).
        reference = bool(_rules().back_reference.search(before)) or bool(
            re.match(r"\s+of\s+(?:the|those)\s", sentence[m.end():]) and group and group not in group_class()) \
            or _attributive(sentence, m, c)
        # "the driver and two employees were injured": the named person counts too (not "on the spot and five").
        head = _words_before(sentence, m.start())
        one_more = _rules().one_more_before.search(head)
        # ("engaged the khwarij location and six khwarij were sent to hell": a place, not a person)
        one_more = one_more if one_more and not set(one_more.group(0).lower().split()) & _not_person() else None
        value += 1 if one_more and not _rules().after_preposition.search(
            _words_before(sentence, m.start() - len(head) + one_more.start())) else 0
        # "Eight to ten fuel transporters": a range counts at its low end (ACLED).
        low = _rules().range_before.search(head)
        value = min(value, parse_number(low.group("low")) or value) if low else value
        counts.append(
            Count(
                category=cue_of[c.group(0).lower()],
                value=value,
                qualifier=load_qualifiers()[" ".join(qual.lower().split())] if qual else None,
                group=group,
                start=offset + m.start(),
                end=offset + m.end(),
                revised=any(r in between or r in before[-20:] for r in revision)
                # "The remaining four injured were out of danger": the injured left after deaths
                or (cue_of[c.group(0).lower()] == "injuries" and any(r in before[-20:] for r in cue_words("injury_revision"))),
                subset=any(before.rstrip().endswith(w) for w in cue_words("subset")) or reference,
                reference=reference,
                fallback=bool(c.group("of_noun")),  # usually the dead already counted
            )
        )
    counts.extend(_coordinated(sentence, offset, nums, counts))
    counts.extend(_as_many(sentence, offset, counts))
    counts.extend(_parts_in_asides(sentence, offset, nums, asides, counts))
    extra = _singular_and_toll_counts(sentence, offset, counts)
    extra += _one_body(sentence, offset, [*counts, *extra])
    # "the number of militants killed reached twenty-one": the toll's number, read once as the revised toll.
    counts = [c for c in counts if not any(e.start == c.start for e in extra)] + extra
    counts = _with_listed_subjects(sentence, offset, counts)
    revised = {c.category for c in counts if c.revised}
    # "reached twenty-one after troops recovered four more bodies": the other figures explain the revision.
    # (The bomber is not among them: "reached 16, not counting the bomber".)
    counts = [dataclasses.replace(c, subset=True)
              if c.category in revised and not c.revised and group_class().get(c.group) != "bomber" else c
              for c in counts]
    counts = [c for c in counts if not _running_total(sentence, c.start - offset, c.end - offset)
              and not _rules().negated.search(_words_before(sentence, c.start - offset))]
    return _with_later_deaths(sentence, offset, _summed_per_group(_others_of_the_group_before(counts)))


def _fate_of_the_taken(sentence: str, noun: re.Match, cues: list[re.Match], cue_of: dict[str, str]) -> re.Match | None:
    """The death or wound verb whose subject is the hostage noun `noun` ("hostages ... were shot dead"), else None."""
    after = next((c for c in cues if c.start() >= noun.end()), None)
    if after is None or cue_of[after.group(0).lower()] not in ("fatalities", "injuries"):
        return None
    between = sentence[noun.end() : after.start()]
    between = re.sub(r"^\s*,[^.;]*,", " ", between)  # the hostages named in an aside
    return after if re.fullmatch(rf"\s*(?:{_cues('auxiliary')})(?:\s+(?:{_cues('auxiliary')}|also))*\s*", between) else None


def _running_total(sentence: str, start: int, end: int) -> bool:
    """'..., the latest in a string of attacks that have killed more than 300 security personnel this year': a
    running total in the clause of a count, not the incident's toll."""
    after = re.split(r"[,;.]", sentence[end:], maxsplit=1)[0]
    before = re.split(r"[,;]", sentence[:start])[-1]
    return bool(_rules().running_total.search(after) or _rules().attacks_that_killed.search(before))


def _others_of_the_group_before(counts: list[Count]) -> list[Count]:
    """'four terrorists were eliminated, while two others were arrested injured', 'three policemen were martyred
    and four others injured': the others belong to the group just counted for another category (not to 'the
    attacker' of 'killed four people besides the attacker and wounded 11 others')."""
    out: list[Count] = []
    for c in sorted(counts, key=lambda c: c.start):
        before = out[-1] if out else None
        if (c.group in cue_words("additional_group") and before is not None and before.category != c.category
                and group_class().get(before.group, before.group) not in ("", "total", "bomber") and not before.subset):
            c = dataclasses.replace(c, group=before.group)
        out.append(c)
    return out


def _one_body(sentence: str, offset: int, found: list[Count]) -> list[Count]:
    """'found the bullet-riddled body of one of the abducted men', 'the body of the kidnapped teacher': one
    death, counted (as bodies are) only where nothing else is. Not the attacker's body, already told."""
    if any(c.category == "fatalities" for c in found):
        return []
    m = _rules().one_body.search(sentence)
    if not m or group_class().get(m.group("who").lower()) in ("bomber", "attackers"):
        return []
    return [Count("fatalities", 1, None, "", offset + m.start(), offset + m.end(), fallback=True)]


def _attributive(sentence: str, m: re.Match, cue: re.Match) -> bool:
    """'Three critically injured constables were referred to Peshawar': the casualty word describes people the
    report has counted; it does not say they were hurt here."""
    if cue.start() < m.end() or not re.fullmatch(r"\s+(?:\w+ly\s+)?", sentence[m.end() : cue.start()]):
        return False
    after = re.match(r"\s+([A-Za-z-]+)", sentence[cue.end():])
    word = after.group(1).lower() if after else ""
    # ("Twenty-six injured people were received at the hospital": the hospital counts them, a figure of its own)
    intake = _rules().hospital_intake.search(sentence, cue.end())
    return word in group_class() and word not in cue_words("not_group") and word not in cue_words("auxiliary") \
        and not intake


def _parts_in_asides(sentence: str, offset: int, nums: list[re.Match], asides: list[tuple[int, int]],
                     counts: list[Count]) -> list[Count]:
    """'A total of 11 people, including six militants, were killed': the number in the aside is a part of the
    figure just before it (kept as a subset, so the toll is known to include the militants)."""
    parts = []
    for a, b in asides:
        whole = max((c for c in counts if c.end <= offset + a), key=lambda c: c.end, default=None)
        if whole is None:
            continue
        for m in nums:
            if a <= m.start() < b and not any(c.start == offset + m.start() for c in counts):
                value = parse_number(m.group("num"))
                if value is not None:
                    parts.append(Count(whole.category, value, None, _group_after(sentence, m.end()),
                                       offset + m.start(), offset + m.end(), subset=True))
    return parts


def _with_listed_subjects(sentence: str, offset: int, counts: list[Count]) -> list[Count]:
    """'A tehsildar, his driver and two guards were shot dead', 'killing a schoolteacher and his nephew',
    'The deceased were identified as A, B and C', 'The injured include A and B': a list of people counts each of them. It replaces the
    sentence's own figures for that category when it finds more people than they do."""
    found = [("fatalities" if m.group("killed") or m.group("died") else "injuries", m)
             for m in _rules().listed_subject.finditer(sentence)]
    found += [("fatalities" if m.group("killed") else "injuries", m) for m in _rules().listed_object.finditer(sentence)]
    found += [("fatalities" if m.group("dead") or m.group("dead_object") else "injuries", m)
              for m in _rules().identified.finditer(sentence)]
    found += [("fatalities" if m.group("dead") else "injuries", m) for m in _rules().those_named.finditer(sentence)]
    found += [("fatalities" if m.group("dead") else "injuries", m) for m in _rules().identified_entries.finditer(sentence)]
    found += [("fatalities" if m.group("dead") else "injuries", m) for m in _rules().included.finditer(sentence)]
    for category, m in found:
        phrase = m.group("np")
        if m.re is _rules().listed_subject:
            # "..., while a major and a sepoy were martyred": the subject starts after the last clause word.
            phrase = _rules().inner_clause.split(phrase)[-1]
        total = _people_in_entries(phrase) if m.re is _rules().identified_entries else \
            _people_in(phrase, single=m.re is not _rules().listed_subject)
        # the sentence's figures for these same people: those inside the matched words
        start = m.end("np") - len(phrase) if m.re is _rules().listed_subject else m.start()
        own = [c for c in counts if c.category == category and not (c.subset or c.later or c.revised)
               and offset + start <= c.start < offset + m.end()]
        if total is None or total <= sum(c.value for c in own):
            continue
        qualifier = next((c.qualifier for c in own if c.qualifier), None)
        counts = [c for c in counts if c not in own]
        begin, end = offset + m.end("np") - len(phrase), offset + m.end("np")
        # ("A policeman and a militant were killed": one of the forces and one attacker, each their own group)
        groups = _people_by_group(phrase, total) if m.re is not _rules().included else None
        for group, people in (groups or {_list_group(phrase): total}).items():
            # ("The injured include A and B": some of them, a floor where nothing else counts them)
            counts.append(Count(category, people, qualifier, group, begin, end, subset=m.re is _rules().included))
    return counts


def _people_in_entries(phrase: str) -> int | None:
    """'A, 45, a government schoolteacher; B and his brother C; and the driver of the van, D': entries separated by
    semicolons, each a name or description (its first part before a comma) or names joined by 'and'."""
    total = 0
    for entry in phrase.split(";"):
        entry = re.sub(r"^\s*and\s+", "", entry).strip()
        people = _people_in(entry.split(",")[0], single=True) if entry else None
        if people is None:
            return None
        total += people
    return total


def _people_by_group(phrase: str, total: int) -> dict[str, int] | None:
    """People per victim group of a list whose parts each name a group ('a policeman and two militants':
    security 1, attackers 2); None when a part names none, or when the list names one group only."""
    out: dict[str, int] = {}
    for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", phrase.strip()):
        group, words = _singular_group(part), part.split()
        if not group or not words:
            return None
        number = parse_number(words[0]) if words[0].lower() not in _singular_determiners() else None
        out[group] = out.get(group, 0) + (number or _people_in_noun(part))
    return out if len(out) > 1 and sum(out.values()) == total else None


def _list_group(phrase: str) -> str:
    """The victim group of a list when every part names the same group (three ranks: security), else ''."""
    groups = {_singular_group(part) for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", phrase)}
    return groups.pop() if len(groups) == 1 else ""


def _describes(word: str) -> bool:
    """'the', 'a' or a possessive ('his guard', 'a 10-year-old boy'): the word that opens a description of one
    person."""
    return word.lower() in _singular_determiners() or word.lower() in cue_words("possessive")


def _people_in(phrase: str, single: bool = False) -> int | None:
    """How many people a coordinated noun phrase names ('the driver, a guard and two passers-by': 4);
    None when it is not such a list (`single`: or one person) or a part gives no number ('policemen and a child')."""
    # "In the attack, ...", "In Dera Ismail Khan, a polio worker and ...": a phrase that sets the scene
    phrase = re.sub(r"^(?:[A-Z]\w+\s+(?:the|a|an)\s+[\w\s-]+?|(?:In|At|Near|On)\s+[A-Z][\w\s'’-]*?),\s*", "",
                    phrase.strip().rstrip(","))
    # "Shaheen Bibi, who was hit in the shoulder, and ...", "A shopkeeper and a schoolboy who were standing nearby"
    phrase = re.sub(r",\s*(?:who|whose)\s[^,]*|\s+(?:who|whose)\s[^,]*$", "", phrase)
    # "Malik Zarif Khan, the head of the peace committee, and ...", "naib risaldar A, a resident of B, and ...": a
    # description set off after a name is that person
    phrase = re.sub(rf"([A-Z][\w'’-]*),\s+(?:{_cues('appositive_determiner')})\s(?:(?!\band\b)[^,])*(?=,|$)", r"\1", phrase)
    phrase = re.sub(r"\s*[—–(]\s*|\s*\)\s*|\s+-\s+", ", ", phrase).strip(", ")  # asides as list separators
    parts = re.split(r"(\s*,\s*(?:and\s+)?|\s+and\s+)", phrase)
    conjuncts, separators = parts[0::2], parts[1::2]
    if len(conjuncts) < (1 if single else 2):
        return None
    # "Two other policemen, Constable Rehmat Shah and Constable Wali Muhammad,": the number, then its people named
    head = conjuncts[0].split()
    named_after = [c for c in conjuncts[1:] if c.split() and all(w[:1].isupper() for w in c.split())]
    if len(head) > 1 and separators and separators[0].strip() == "," and len(named_after) == len(conjuncts) - 1 \
            and parse_number(head[0]) == len(named_after) and head[0].lower() not in _singular_determiners():
        return len(named_after)
    total = 0
    verbs = _all_cues() | set(cue_words("auxiliary"))
    numbers = []
    for i, part in enumerate(conjuncts):
        words = part.split()
        # "Two constables lost their lives and three others": a clause, not a list of people.
        if not words or len(words) > 8 or any(w.lower() in verbs for w in words) or _patterns()[1].search(part) \
                or any(w.lower().strip(",") in cue_words("not_person") for w in words):
            return None
        named = all(w[:1].isupper() for w in words)
        # "The polio worker, Naseem Bibi, and ...", "His guard, Sher Bahadar, and ...": a name after a description is
        # the same person.
        if named and i > 0 and "and" not in separators[i - 1] and _describes(conjuncts[i - 1].split()[0]):
            continue
        first = words[1] if words[0].lower() in cue_words("possessive") and len(words) > 1 else words[0]
        number = parse_number(first)
        # ("vaccinator Irfanullah", "lady health worker Shaheen Bibi": a description, then the name)
        # ("Elite Force driver Muhammad Ramzan": a unit, a role and a two-word name)
        described = words[-1][:1].isupper() and words[-1].isalpha() and (words[0].islower() or (
            len(words) > 2 and any(w.islower() for w in words[:-2]) and words[-2][:1].isupper()))
        if number is not None and first.lower() not in _singular_determiners() and len(words) > 1:
            total += number
            numbers.append(number)
        elif len(words) == 1 and words[0].lower() in cue_words("object_pronoun"):  # "killing him and ...": one
            total += 1
        elif named or described or (words[0].lower() in _singular_determiners() and not _is_plural(words[-1])):
            total += _people_in_noun(part)
        else:
            return None  # "policemen", "aged 31": no person counted by this part
    # "Eight people - five soldiers and three civilians -": a total and its parts
    return numbers[0] if len(numbers) > 2 and numbers[0] == sum(numbers[1:]) == total - numbers[0] else total


def _people_in_noun(phrase: str) -> int:
    """'a couple' is two people; any other singular noun phrase ('a schoolteacher') is one."""
    return 2 if any(w in cue_words("pair_noun") for w in re.findall(r"[a-z]+", phrase.lower())) else 1


def _is_plural(noun: str) -> bool:
    noun = noun.lower()
    return noun.endswith("s") or any(noun.endswith(p) for p in cue_words("plural_noun"))


@lru_cache(maxsize=1)
def _singular_determiners() -> frozenset[str]:
    return frozenset(cue_words("singular_determiner"))


def _summed_per_group(counts: list[Count]) -> list[Count]:
    """'two of the attackers were killed, in addition to the bomber': within one sentence, two figures
    for one victim group are different people, so they add up."""
    out: list[Count] = []
    index: dict[tuple[str, str], int] = {}
    for c in counts:
        group = group_class().get(c.group, c.group)
        key = (c.category, group)
        plain = not (c.subset or c.revised or c.later or c.fallback) and group and group != "total"
        if not plain or key not in index:
            if plain:
                index[key] = len(out)
            out.append(c)
            continue
        first = out[index[key]]
        out[index[key]] = dataclasses.replace(first, value=first.value + c.value,
                                              qualifier=first.qualifier or c.qualifier)
    return out


def _with_later_deaths(sentence: str, offset: int, counts: list[Count]) -> list[Count]:
    """'One of the wounded later died' moves a person from injuries to deaths, unless the sentence
    states its own toll ('has left three dead after one of the wounded died')."""
    later = []
    low = sentence.lower()
    if not any(w in low for w in cue_words("died_later")):
        return counts
    for m in (m for pattern in _rules().died_later for m in pattern.finditer(sentence)):
        # ("the injured vaccinator ... succumbed": one person, named by the participle)
        value = 1 if m.re is _rules().died_later[-1] else parse_number(m.group("num"))
        if value:
            for category, sign in (("fatalities", 1), ("injuries", -1)):
                later.append(Count(category, sign * value, None, "", offset + m.start(), offset + m.end(), later=True))
    if not later:
        return counts
    covered = [c for c in counts if any(x.start <= c.start < x.end for x in later)]
    if any(c.category == "fatalities" and c not in covered for c in counts):
        # The sentence's own toll already counts them; they leave the injured if that toll rose (see figures).
        later = [dataclasses.replace(x, if_toll_rose=True) for x in later if x.category == "injuries"]
    return [c for c in counts if c not in covered] + later


def _as_many(sentence: str, offset: int, counts: list[Count]) -> list[Count]:
    """'Three soldiers and as many terrorists were killed': the same number again, for the second group."""
    out = []
    for c in counts:
        m = _rules().as_many.match(sentence, c.end - offset)
        if m:
            # ("Four people were killed and as many injured": a casualty word is the category, not a group)
            word = m.group("group").lower()
            category = _patterns()[2].get(word)
            out.append(Count(category or c.category, c.value, c.qualifier, "" if category else word,
                             offset + m.start("same"), offset + m.end("same")))
    return out


def _coordinated(sentence: str, offset: int, nums: list[re.Match], counts: list[Count]) -> list[Count]:
    """Two numbers joined by 'and' share one casualty word: 'left three policemen and two of the raiders dead'
    (the first takes the second's) and 'killing three soldiers and two civilians' (the second takes the first's)."""
    extra = []
    by_start = {c.start - offset: c for c in counts}
    for m, nxt in itertools.pairwise(nums):
        counted_first, counted_next = m.start() in by_start, nxt.start() in by_start
        if counted_first == counted_next:
            continue
        between = sentence[m.end() : nxt.start()]
        # ("18 people were offloaded and 15 killed": two clauses, the first with its own verb)
        if not re.fullmatch(r"\s+(?:[\w-]+\s+){0,3}(?:\([A-Z]+\)\s+)?(?:[\w-]+\s+)?and\s+", between) or any(
                w in cue_words("auxiliary") for w in between.lower().split()):
            continue
        loose, base = (m, by_start[nxt.start()]) if counted_next else (nxt, by_start[m.start()])
        value = parse_number(loose.group("num"))
        if value is not None:
            extra.append(Count(base.category, value, None, _group_after(sentence, loose.end()),
                               offset + loose.start(), offset + loose.end()))
    return extra


@dataclass(frozen=True)
class _Rules:
    """The count patterns, built once from data/casualty_words.csv and data/cues.csv."""

    parenthetical: re.Pattern
    clause: re.Pattern
    after_preposition: re.Pattern
    one_more_before: re.Pattern
    singular: tuple[tuple[re.Pattern, str], ...]
    one_other: tuple[tuple[re.Pattern, str], ...]
    the_one: tuple[tuple[re.Pattern, str], ...]
    with_family: re.Pattern
    named_one: tuple[tuple[re.Pattern, str], ...]
    rank_name: re.Pattern
    named_object: re.Pattern
    active_one: re.Pattern
    the_attacker_died: re.Pattern
    died_later: tuple[re.Pattern, ...]
    died_after: re.Pattern
    along_with_one: re.Pattern
    toll: re.Pattern
    earlier_figure: re.Pattern
    included: re.Pattern
    identified_entries: re.Pattern
    one_body: re.Pattern
    led_away: re.Pattern
    two_taken: re.Pattern
    bomber_too: re.Pattern
    listed_subject: re.Pattern
    listed_object: re.Pattern
    identified: re.Pattern
    those_named: re.Pattern
    self_detonation: re.Pattern
    hospital_intake: re.Pattern
    range_before: re.Pattern
    back_reference: re.Pattern
    inner_clause: re.Pattern
    as_many: re.Pattern
    running_total: re.Pattern
    negated: re.Pattern
    attacks_that_killed: re.Pattern


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    killed = _alternation(casualty_words("fatalities", "participle"))
    hurt = _alternation(casualty_words("injuries", "participle"))
    taken = _alternation(casualty_words("hostages", "participle"))
    killing = _alternation(casualty_words("fatalities", "participle") + casualty_words("fatalities", "gerund"))
    hurting = _alternation(casualty_words("injuries", "participle") + casualty_words("injuries", "gerund"))
    one = rf"(?:a|an|one|{_cues('one_other')})"
    companion = r"(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?and\s+(?:his|her|their|the|a)\s+[\w-]+"
    led = _cues("led_away")
    aux = rf"\s+(?:{_cues('auxiliary')})\b"
    # One part of a list of people: "a provincial official", "his bodyguard", "two passers-by".
    person = r"(?:a|an|the|one|his|her|their|two|three|four|five|six|seven|eight|nine|ten|\d+)\s[^,;.]*?"
    name = r"(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})"  # "a schoolteacher, Gul Hassan, and his brother, Jamshed"
    return _Rules(
        # ", including three children,", " including ten soldiers and four policemen,", ", having fought gallantly,"
        # ("seven people including three children were injured": an aside without commas ends at the verb)
        parenthetical=re.compile(rf"(?:,\s*(?:{_cues('subset')}|{_cues('aside')})\b[^,]*"
                                 rf"|\s+(?:{_cues('inline_aside')})\s[^,]*?(?=,|{aux}))+(?:,|(?={aux}))"),
        clause=re.compile(rf"\b(?:{_cues('clause_boundary')})\b", re.IGNORECASE),
        # "the driver and two employees were injured" (not "a man was killed and eight others").
        after_preposition=re.compile(rf"\b(?:{_cues('place_preposition')})\s*$", re.IGNORECASE),
        one_more_before=re.compile(r"\b(?:a|an|the|one)\s+(?:(?!(?:was|were|had|has)\b)[a-z]+\s+){0,2}"
                                   r"(?!(?:was|were|had|has|killed|injured)\b)[a-z]+\s+and\s+$", re.IGNORECASE),
        singular=(
            # ("A passer-by also died after being hit by a bullet")
            (re.compile(rf"(?<!no )\b{one}\s+(?:[\w'’-]+\s+){{0,12}}?(?:(?:was|had been)\s+(?:\w+ly\s+)?(?:{killed})"
                        rf"|also\s+died)\b", re.IGNORECASE), "fatalities"),
            # "A CTD sub-inspector was slightly injured", "A local leader ... escaped with minor injuries", "another
            # was arrested wounded", "A boy selling vegetables nearby was also hurt" ("A passer-by, who suffered a
            # splinter wound")
            (re.compile(rf"(?<!no )\b{one}\s+(?:[\w'’()-]+\s+){{0,12}}?(?:[\w'’-]+\s*,\s*(?:[A-Z][\w'’-]*\s*){{1,4}},\s+)?"
                        rf"(?:(?:was|had been)\s+(?:also\s+|\w+ly\s+)?(?:arrested\s+(?:in\s+)?)?(?:{hurt})"
                        rf"|{_alternation(casualty_words('injuries', 'verb'))})\b", re.IGNORECASE), "injuries"),
            (re.compile(rf"\b(?:his|her)\s+[\w'’-]+\s+(?:was\s+)?(?:{hurt})\b|\b(?:a|an|his|her)\s+[\w'’-]+(?:\s*,\s*who)?\s+"
                        rf"(?:{_cues('injury_verb')})\s+(?:[\w-]+\s+){{0,2}}?(?:{_cues('injury_noun')})\b", re.IGNORECASE),
             "injuries"),
            # ("The driver was killed on the spot, while Mir Ghulam Jan sustained injuries to his legs": one person)
            (re.compile(rf"\b(?i:while|whereas)\s+(?:[A-Z][\w'’-]*\s+){{1,4}}(?i:(?:was|had been)\s+(?:\w+ly\s+)?(?:{hurt})"
                        rf"|(?:{_cues('injury_verb')})\s+(?:[\w-]+\s+){{0,2}}?(?:{_cues('injury_noun')}))\b"), "injuries"),
        ),
        # "martyring two soldiers and injuring a third", "shot dead two labourers and injured another".
        one_other=(
            (re.compile(rf"\b(?:{killing})\s+(?:{_cues('one_other')})\b(?!\s+(?:{_cues('event_noun')}))",
                        re.IGNORECASE), "fatalities"),
            (re.compile(rf"\b(?:{hurting})\s+(?:{_cues('one_other')})\b(?!\s+(?:{_cues('event_noun')}))",
                        re.IGNORECASE), "injuries"),
            # "A policeman was killed and another injured"
            (re.compile(rf"\band\s+(?:{_cues('one_other')})\s+(?:was\s+)?(?:{hurt})\b", re.IGNORECASE), "injuries"),
        ),
        # ("The coach's conductor, Shahid Hussain, was hit in the arm": a name between commas)
        the_one=tuple(
            (re.compile(rf"(?<!no )\bthe\s+(?:[\w'’-]+\s+){{0,3}}?[\w'’-]+(?:\s*,\s*(?:[A-Z][\w'’-]*\s*){{1,4}},)?\s+"
                        rf"(?:was|had been)\s+(?:\w+ly\s+)?(?:{words})\b", re.IGNORECASE), category)
            for words, category in ((killed, "fatalities"), (hurt, "injuries"))),
        # "shot dead a shopkeeper and his two sons": the named person and the family.
        with_family=re.compile(rf"\b(?:{killing})\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?and\s+(?:his|her|their)\s+",
                               re.IGNORECASE),
        # "Sepoy Muhammad Arif, 24, a resident of Kech, embraced martyrdom": a rank and a name, one of the forces.
        # ("Naik Waqas Ahmed, aged 31 and a resident of Mansehra, fought bravely and embraced shahadat")
        # ("Sepoy Nabi Bakhsh was injured", "Constable Asfandyar received bullet wounds": one of the injured)
        named_one=tuple((re.compile(rf"\b(?i:{_cues('rank')})\s+(?:[A-Z][\w'’-]*\.?\s+){{0,3}}[A-Z][\w'’-]*"
                                    # ("Naik Muhammad Rizwan (age 31, resident of District Chakwal), ...")
                                    rf"(?:\s*\([^()]{{0,80}}\))?"
                                    rf"(?:(?:\s*,|\s+and\s)[^.;:]{{0,200}}?,?\s+(?:[a-z]+\s+){{0,3}}|\s+(?:[a-z]+\s+){{0,3}}|\s*)"
                                    rf"(?:(?:was|had been|has been)\s+(?:\w+ly\s+)?)?(?<!the )"
                                    rf"(?:{_alternation(casualty_words(category, 'verb') + casualty_words(category, 'participle'))})\b"
                                    # ("was hit in the chest and died on the way to hospital": one of the dead)
                                    + (rf"(?![^.;]*?\b(?:{_cues('died_later')})\b)" if category == "injuries" else "")),
                         category) for category in ("fatalities", "injuries")),
        rank_name=re.compile(rf"\b(?i:{_cues('rank')})\s+[A-Z][\w'’-]*"),
        # "gunmen shot dead Malik Roshan Khan, a member of the peace committee": one named person.
        named_object=re.compile(rf"\b(?i:{killing})\s+(?:[A-Z][\w'’.-]*\s+){{1,3}}[A-Z][\w'’-]*(?=\s*[,.;]|\s+(?i:{_cues('place_preposition')}|{_cues('clause_boundary')})\b)"),
        # "motorcyclists shot dead a police constable": one person, unless a number or "of" follows.
        active_one=re.compile(rf"\b(?:{killing})\s+(?:a|an)\s+(?:(?!of\b)[\w-]+\s+){{0,2}}(?!of\b)[a-z][\w-]*\b"
                              r"(?!\s+(?:of|and)\b|[\w\s-]*?\d)", re.IGNORECASE),
        # "The bomber was also killed in the blast": the attacker, seldom in the lead's toll.
        the_attacker_died=re.compile(
            rf"\bthe\s+(?P<who>(?:suicide\s+)?(?:{_alternation(casualty_words('group_attackers') + casualty_words('group_bomber'))}))\s+"
            # (not "The gunmen killed the driver": the attackers' own act)
            rf"(?:was\s+(?P<also>also\s+)?(?:{killed})|(?:had|has|have)\s+(?:also\s+)?been\s+(?:{killed})"
            rf"|(?P<also_died>also\s+)?died)\b", re.IGNORECASE),
        # ("One of them, Sepoy Fazal Wahid, 24, died at the hospital")
        # (not "Three of the men died on the spot": the injured, 'them', or a death that came later)
        died_later=(re.compile(rf"\b(?P<num>\w+)\s+(?:more\s+)?of\s+(?:(?:the|those)\s*(?:{hurt})|them|(?:the|those)\s+[\w-]+(?=\s+"
                              rf"(?:[\w-]+\s+){{0,3}}?(?:later\s+(?:{_cues('died_later')})|succumbed|breathed)))"
                              rf"(?:,[^.;]{{0,60}}?,)?\s+(?:\w+\s+){{0,3}}?(?:later\s+)?(?:{_cues('died_later')})\b", re.IGNORECASE),
                    # "Seven more people injured in the blast succumbed to their injuries"
                    re.compile(rf"\b(?P<num>\w+)\s+more\s+(?:[\w-]+\s+)?(?:{hurt})\b[^.;]{{0,80}}?\b(?:{_cues('died_later')})\b",
                               re.IGNORECASE),
                    # "A soldier who was critically injured in Monday's attack succumbed to his wounds", "A police constable
                    # who received bullet wounds during the assault succumbed"
                    re.compile(rf"\b(?P<num>a|an|one)\s+(?:[\w-]+\s+){{1,3}}?who\s+(?:(?:was|had been)\s+(?:\w+ly\s+)?(?:{hurt})"
                               rf"|(?:had\s+)?(?:{_cues('injury_verb')})\s+(?:[\w-]+\s+){{0,2}}?(?:{_cues('injury_noun')}))"
                               rf"\b[^.;]*?\b(?:{_cues('died_later')})\b", re.IGNORECASE),
                    # "after the injured vaccinator, Nasrullah, succumbed to his injuries": one of the injured
                    re.compile(rf"(?<!of )\bthe\s+(?P<num>(?:\w+ly\s+)?(?:{hurt}))\s+(?!(?:later|also|{_cues('auxiliary')}|{_cues('died_later')})\b)[a-z][\w-]+"
                               rf"(?:\s*,\s*(?:[A-Z][\w'’-]*\s*){{1,4}},)?\s+(?:later\s+)?(?:{_cues('died_later')})\b")),
        along_with_one=re.compile(rf"\s+(?:{_cues('along_with')})\s+(?:his|her|a|an|one)\s+[a-z-]+\b(?!\s+and)",
                                  re.IGNORECASE),
        # "the toll rose to six", "raising the number of policemen martyred in the attack to three", "put the toll at five"
        # ("the number of fatalities ... reached 60", "taking the death toll of the tragedy to 59")
        toll=re.compile(rf"\b(?:(?:death toll|toll|number of (?:fatalities|deaths|dead|casualties)|number of (?:(?:[\w-]+\s+){{0,3}}?(?P<group>[\w-]+)\s+)?(?:{killed}|dead))\b"
                        rf"[^.]{{0,160}}?\b(?:{_cues('toll_verb')})(?:\s+to|\s+at)?"
                        rf"|\b(?:{_cues('toll_verb_before')})\s+the\s+(?:(?:death\s+)?toll(?:\s+of(?:\s+[\w'’-]+){{1,4}}?)?|number\s+of\s+"
                        rf"(?:[\w-]+\s+){{0,3}}?(?P<group_before>[\w-]+)\s+(?:{killed}|dead)(?:\s+[\w-]+){{0,4}}?)\s+(?:to|at))\s+",
                        re.IGNORECASE),
        # "Police initially put the death toll at four", "officials had put the toll at nineteen": a figure since revised
        earlier_figure=re.compile(rf"\b(?:{_cues('earlier_figure')})\s+$", re.IGNORECASE),
        one_body=re.compile(rf"\b(?:the|a|his|her)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{_cues('one_body')})\s+of\s+"
                            rf"(?:one\s+of\s+(?:the|those)|a|an|the)\s+(?:[\w'’-]+\s+){{0,2}}?(?P<who>[\w'’-]+)", re.IGNORECASE),
        died_after=re.compile(rf"[^.;,]{{0,60}}?\b(?:{_cues('died_after')})\b", re.IGNORECASE),
        led_away=re.compile(rf"\b(?:{led})\s+(?P<num>\w+)\s+(?:[a-z]+\s+){{0,2}}?(?:away|off)\b", re.IGNORECASE),
        # 'abducted a tehsildar and his driver', 'drove the officer and his driver off': two people taken.
        two_taken=re.compile(rf"\b(?:{taken})\s+{companion}|\b(?:{led})\s+{companion}\s+(?:off|away)\b", re.IGNORECASE),
        bomber_too=re.compile(rf"\b(?:{_cues('in_addition')})\s+the\s+(?:suicide\s+)?(?:bomber|attacker)\b",
                              re.IGNORECASE),
        # The subject before "were shot dead" / "embraced martyrdom", from the clause's start.
        listed_subject=re.compile(
            rf"(?:^|\b(?:{_cues('clause_boundary')})\s+|[;:]\s*)(?P<np>[^;:]+?,?\s+and\s+[^;:]+?)\s+"
            rf"(?:(?:were|was|have been|had been)\s+(?:also\s+)?(?:(?P<killed>{killed})|{hurt})\b"
            rf"|(?P<died>{_alternation(casualty_words('fatalities', 'verb'))})|{_alternation(casualty_words('injuries', 'verb'))}"
            rf"|(?:{_cues('injury_verb')})\s+(?:[\w-]+\s+){{0,2}}?(?:{_cues('injury_noun')}))\b"),
        # "..., killing a schoolteacher and his nephew and injuring the driver": the people after the verb.
        listed_object=re.compile(
            rf"\b(?:(?P<killed>{killing})|{hurting})\s+(?P<np>(?:{person}|(?:{_cues('object_pronoun')})(?=,?\s+and\s))"
            rf"(?:(?:,\s*(?:{person}|{name}))*,?\s+and\s+{person}(?:,\s*{name})?)?)"
            rf"(?=\s*(?:[,;.]|$)|\s+and\s+(?:{killing}|{hurting})\b|\s+(?:{_alternation(set(cue_words('clause_boundary')) - {'and'})}"
            rf"|{_cues('place_preposition')})\s)", re.IGNORECASE),
        # "The deceased were identified as A, B and C, all residents of ...": one person per name.
        # ("Local sources identified the dead as A, the head of the peace committee, and his bodyguards B and C":
        # the same, active; a description after a name, "the ..."/"a ...", is that person, not another)
        identified=re.compile(
            rf"\b(?:(?i:(?P<dead>{_cues('identified_dead')})|{_cues('identified_injured')})\s+(?:were|have been|had been)\s+"
            rf"identified|identified\s+(?i:(?P<dead_object>{_cues('identified_dead')})|{_cues('identified_injured')}))\s+as\s+"
            rf"(?P<np>(?:[a-z][\w-]*\s+){{0,3}}[A-Z][^.;]*?)(?=,\s+(?!(?:{_cues('appositive_determiner')}|and)\s)[a-z]|[.;]|$)"),
        # ("Those martyred in the attack were Constable A, Constable B and Elite Force driver C": the names at once)
        those_named=re.compile(
            rf"\b(?i:(?P<dead>{_cues('those_dead')})|{_cues('those_injured')})(?:\s+in\s+the\s+[\w-]+)?\s+"
            rf"(?:were|are)\s+(?P<np>[A-Z][^.;]*?)(?=,\s+[a-z]|[.;]|$)"),
        identified_entries=re.compile(
            rf"\b(?i:(?P<dead>{_cues('identified_dead')})|{_cues('identified_injured')})\s+(?:were|have been|had been)\s+"
            rf"identified\s+as\s+(?P<np>[A-Z][^.;]*(?:;[^.;]+)+)(?=[.]|$)"),
        included=re.compile(
            rf"\b(?i:(?P<dead>{_cues('identified_dead')})|{_cues('identified_injured')})\s+(?:include[sd]?|included)\s+"
            rf"(?P<np>[^.;]*?)(?=,\s+(?:the|a|an|police|officials?|hospital)\b[^,.;]*?\b(?:said|added|told)\b|[.;]|$)"),
        # "when a suicide bomber blew himself up": the bomber died too (ACLED counts attackers).
        self_detonation=re.compile(rf"\b(?:{_cues('self_detonation')})\b", re.IGNORECASE),
        hospital_intake=re.compile(rf"\b(?:{_cues('hospital_intake')})\b", re.IGNORECASE),
        range_before=re.compile(rf"\b(?P<low>\d+|{_word_number()})\s*(?:to|-|–|or)\s*$", re.IGNORECASE),
        # "took away the six miners": people already counted, not more of them
        back_reference=re.compile(rf"\b(?:{_cues('back_reference')})\s+$", re.IGNORECASE),
        negated=re.compile(rf"\b(?:{_cues('negated_figure')})\s+$", re.IGNORECASE),
        running_total=re.compile(rf"\b(?:{_cues('running_total')})\b", re.IGNORECASE),
        attacks_that_killed=re.compile(rf"\b(?:{_cues('plural_event')})\s+(?:that|which)\s+(?:have|has|had)\s+"
                                       rf"(?:\w+\s+){{0,2}}$", re.IGNORECASE),
        as_many=re.compile(rf"(?:\s+[\w-]+){{1,3}}\s+and\s+(?P<same>{_cues('same_number')})\s+(?P<group>[\w-]+)", re.IGNORECASE),
        inner_clause=re.compile(rf"\b(?:{_alternation(set(cue_words('clause_boundary')) - {'and'})})(?:\s*,)?\s+", re.IGNORECASE),
    )


def _toll_counts(sentence: str, offset: int) -> list[Count]:
    """'the toll rose to six', 'put the toll at five': the latest figure, revised (not a figure since revised)."""
    number = _patterns()[0]
    found = []
    for m in _rules().toll.finditer(sentence):
        if _rules().earlier_figure.search(_words_before(sentence, m.start())):
            continue
        n = number.match(sentence, m.end())
        value = parse_number(n.group("num")) if n else None
        if value is not None:
            group = (m.group("group") or m.group("group_before") or "").lower()
            found.append(Count("fatalities", value, None, group, offset + n.start(), offset + n.end(), revised=True))
    return found


def _singular_and_toll_counts(sentence: str, offset: int, found: list[Count]) -> list[Count]:
    """Counts written without a number: 'a policeman was shot dead', 'the toll rose to six',
    'in addition to the bomber'."""
    number = _patterns()[0]
    extra = _toll_counts(sentence, offset)
    found = [c for c in found if not any(c.start == e.start for e in extra)]
    taken = {c.category for c in found} | {c.category for c in extra}
    groups = {(c.category, group_class().get(c.group, c.group)) for c in [*found, *extra]}
    plain = _without_asides(sentence)
    for pattern, category in _rules().singular:
        m = pattern.search(sentence) or pattern.search(plain)
        # "a sepoy and said three other soldiers had been wounded": the verb is the number's, not the one person's
        if not m or any(m.start() < c.start - offset < m.end() for c in found):
            continue
        group = _singular_group(m.group(0))
        if category == "injuries" and _rules().died_after.match(sentence, m.end()):
            category = "fatalities"  # "was hit by a bullet and died on the way to hospital"
        # "A constable was martyred and two attackers were killed": the one person is a group of their own.
        if category not in taken or (group and (category, group) not in groups):
            # "was shot dead along with his bodyguard": two people.
            value = (2 if _rules().along_with_one.match(sentence, m.end()) else 1) * _people_in_noun(m.group(0))
            # "A fourth attacker was gunned down": one more besides those counted before.
            # ("A shepherd grazing near the post was also hit by a bullet and died": one besides them)
            more = any(m.group(0).lower().startswith(w) for w in cue_words("one_other")) or (
                not group and re.search(r"\balso\b", m.group(0), re.IGNORECASE) is not None)
            extra.append(Count(category, value, None, "others" if more else group, offset + m.start(), offset + m.end()))
            taken.add(category)
            groups.add((category, group))
    for m in _rules().the_attacker_died.finditer(sentence):
        who = " ".join(m.group("who").lower().split())
        if ("fatalities", group_class().get(who, "attackers")) not in groups:
            # "The attacker was killed on the spot" tells of the one already counted; "the bomber was also
            # killed" adds him.
            extra.append(Count("fatalities", 1, None, who, offset + m.start(), offset + m.end(),
                               fallback=not (m.group("also") or m.group("also_died"))))
            groups.add(("fatalities", group_class().get(who, "attackers")))
            taken.add("fatalities")
    for pattern, category in _rules().one_other:
        m = pattern.search(sentence)
        if m and category not in taken:
            extra.append(Count(category, 1, None, "", offset + m.start(), offset + m.end()))
            taken.add(category)
    m = _rules().with_family.search(sentence)
    n = number.match(sentence, m.end()) if m else None
    value = parse_number(n.group("num")) if n else None
    if value is not None and "fatalities" not in taken:
        extra.append(Count("fatalities", value + 1, None, "", offset + m.start(), offset + n.end()))
        taken.add("fatalities")
    m = _rules().named_object.search(sentence)
    if m and "fatalities" not in taken:
        extra.append(Count("fatalities", 1, None, "", offset + m.start(), offset + m.end(), fallback=True))
        taken.add("fatalities")
    m = _rules().active_one.search(sentence)
    if m and "fatalities" not in taken:
        extra.append(Count("fatalities", _people_in_noun(m.group(0)), None, _singular_group(m.group(0)), offset + m.start(), offset + m.end()))
        taken.add("fatalities")
    for pattern, category in _rules().named_one:
        m = pattern.search(sentence)
        # ("Constable Asfandyar received bullet wounds, while a passer-by was hit by a stray bullet": two people)
        beside = not any(e.category == category and offset + m.start() < e.end and e.start < offset + m.end()
                         for e in extra) if m else False
        if m and (category not in taken or beside and category not in {c.category for c in found}):
            # "Naik Zahid Hussain, 33, ..., Lance Naik Abdul Basit, 27, ..., and Sepoy Shahid Iqbal ... embraced
            # shahadat": one person per rank and name before the verb.
            # ("Lance Naik Imdad Ali was martyred and Sepoy Fida Hussain sustained injuries": the injured one only)
            inner = [c for c in _patterns()[1].finditer(sentence, m.start(), m.end()) if c.end() < m.end()]
            begin = inner[-1].end() if inner else m.start()
            named = len(_rules().rank_name.findall(sentence, begin, m.end()))
            extra.append(Count(category, max(named, 1), None, "security", offset + begin, offset + m.end(),
                               fallback=True))
            taken.add(category)
    for pattern, category in _rules().the_one:
        m = pattern.search(sentence)
        if m and category not in taken:
            extra.append(Count(category, 1, None, _singular_group(m.group(0)), offset + m.start(), offset + m.end(),
                               fallback=True))
            taken.add(category)
    m = _rules().led_away.search(sentence)
    value = parse_number(m.group("num")) if m else None
    if value is not None and "hostages" not in taken:
        extra.append(Count("hostages", value, None, "", offset + m.start("num"), offset + m.end("num")))
        taken.add("hostages")
    m = _rules().two_taken.search(sentence)
    if m and "hostages" not in taken:
        extra.append(Count("hostages", 2, None, "", offset + m.start(), offset + m.end()))
    return extra + _bomber_counts(sentence, offset, groups, taken)


def _bomber_counts(sentence: str, offset: int, groups: set, taken: set) -> list[Count]:
    """The suicide bomber among the dead: 'blew himself up', 'in addition to the bomber'."""
    extra = []
    m = _rules().self_detonation.search(sentence)
    if m and ("fatalities", "bomber") not in groups:
        extra.append(Count("fatalities", 1, None, "bomber", offset + m.start(), offset + m.end()))
    m = _rules().bomber_too.search(sentence)
    if m and "fatalities" in taken and not extra:  # "blew himself up, killing five besides the bomber": one bomber
        extra.append(Count("fatalities", 1, None, "suicide bomber", offset + m.start(), offset + m.end()))
    return extra


def _without_asides(sentence: str) -> str:
    """The sentence with a name or a relative clause set off by commas blanked out, offsets kept: "A shopkeeper,
    Gul Rahman, who was sitting outside his shop, was hit in the leg" tells of one wounded shopkeeper."""
    sentence = re.sub(r",\s*(?:who|whose)\s[^,]*(?=,)", _blank, sentence)
    return re.sub(r",\s*(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})\s*,", _blank, sentence)


def _blank(m: re.Match) -> str:
    return " " * len(m.group(0))


def _singular_group(phrase: str) -> str:
    """The victim group of 'a police constable was martyred' (security), '' when no group word is in it."""
    classes = group_class()
    return next((classes[w] for w in re.findall(r"[a-z-]+", phrase.lower()) if w in classes), "")


def says_no_casualties(sentence: str) -> frozenset[str]:
    """The categories the sentence says are zero: 'no loss of life' (fatalities), 'no one was hurt' (fatalities
    and injuries); empty when it says neither."""
    found: set[str] = set()
    for m in _patterns()[3].finditer(sentence):
        # ("gunmen shot dead Malik Roshan Khan ... No one else was hurt": someone was killed; no one was injured)
        others = re.search(r"\b(?:else|other)\b", m.group(0), re.IGNORECASE)
        found |= ({"injuries"} if others else {"fatalities", "injuries"}) if m.group("all") else {"fatalities"}
    return frozenset(found)


def _is_label(sentence: str, m: re.Match) -> bool:
    before = sentence[max(0, m.start() - 6) : m.start()].lower()
    # ("the N-70 highway", "the M-2 motorway": a road's number)
    road = m.start() >= 2 and sentence[m.start() - 1] == "-" and sentence[m.start() - 2].isupper()
    # ("Sepoy Shahid Iqbal, 22, having fought gallantly, ...": a named person's age)
    age = m.group("num").isdigit() and bool(re.search(r"[A-Z][\w'’-]+,\s*$", sentence[: m.start()])) \
        and sentence[m.end() : m.end() + 2].lstrip().startswith(",")
    return road or age or before.rstrip().endswith(("no.", "number", "tunnel", "#", *cue_words("currency"))) or (
        m.group("num").isdigit() and 1900 <= int(m.group("num")) <= 2100
    )


def _words(text: str) -> int:
    """Words between a number and its casualty word; a name ('of the Islamic State Khorasan Province') is one."""
    return len(re.findall(r"(?:[A-Z][\w'’-]*\s+)*[A-Z][\w'’-]*|[\w'’-]+", text))


def _referent(sentence: str, start: int, group: str) -> str:
    """'engaged the khwarij, and 22 of them were eliminated': a pronoun's group is the last group named before."""
    if group not in cue_words("pronoun_group"):
        return group
    named = [w for w in re.findall(r"[a-z-]+", sentence[:start].lower()) if w in group_class()]
    return named[-1] if named else group


def _group_after(sentence: str, end: int) -> str:
    """The victim group after a number: its first word ('five soldiers'), or a group word a few words on
    ('three suspected militants')."""
    m = _group_after_pattern().match(sentence[end:])
    if not m:
        return ""
    word = m.group("word").lower()
    if word in cue_words("additional_group"):
        return word
    following = m.group("rest").split()
    if word in cue_words("member_noun"):
        # "Three members of Pakistan's coast guards", "three FC men": the group they belong to, else everybody
        # ("Three of our men were martyred")
        around = m.group("names").lower().replace("(", " ").replace(")", " ").split() + re.findall(
            r"[a-z][\w-]*", sentence[end + m.end("word") : end + m.end("word") + 40].lower())[:5]
        return next((w for w in around if w in group_class()), "")
    known = None if word in cue_words("clause_boundary") else next((w for w in following if w in group_class()), None)
    if word not in group_class() and known:
        return known
    return "" if word in cue_words("not_group") or word in _all_cues() else word


@lru_cache(maxsize=1)
def _not_person() -> frozenset[str]:
    return frozenset(cue_words("not_person"))


@lru_cache(maxsize=1)
def _group_after_pattern() -> re.Pattern:
    """The words after a number, past 'of the' or 'of our' ('One of our border forces was martyred')."""
    determiners = _alternation(["the", *cue_words("possessive")])
    # ("Three Frontier Corps (FC) personnel": names and their abbreviation before the noun)
    return re.compile(rf"\s+(?:of\s+(?:(?:{determiners})\s+)?)?(?P<names>(?:(?:[A-Z][\w-]*|\([A-Z]+\))\s+)*)"
                      rf"(?P<word>[a-z][\w-]*)(?P<rest>(?:\s+[a-z][\w-]*){{0,2}})")


@lru_cache(maxsize=1)
def _all_cues() -> frozenset[str]:
    return frozenset(w for k in COUNT_CATEGORIES for w in casualty_words(k))


@lru_cache(maxsize=1)
def group_class() -> dict[str, str]:
    """Victim nouns mapped to their group (security, attackers, civilians) from data/casualty_words.csv."""
    return {w.word.lower(): w.category.removeprefix("group_")
            for w in load_casualty_words() if w.category.startswith("group_")}


def figures(counts: list[Count], settle_hedges: bool = True) -> dict[str, tuple[int | None, str | None]]:
    """An event's figure for each category (COUNT_CATEGORIES), with its qualifier. `settle_hedges` False when the
    report says its sources' figures were not reconciled: a hedged first figure then stands.

    "At least eight people were killed and 27 injured ... The toll rose to 10 after two of the injured
    succumbed": the two leave the injured when the revised toll is above the figure first given, which
    was told before they died (25 injured); when the first figure already counts them, the injured did too.
    """
    out = {k: combine([c for c in counts if c.category == k and not c.if_toll_rose], settle_hedges)
           for k in COUNT_CATEGORIES}
    moved = sum(c.value for c in counts if c.if_toll_rose)
    injured = out["injuries"][0]
    # ("more than 40 wounded": a hedged figure stays as told when some of them die)
    if moved and injured is not None and out["injuries"][1] is None \
            and not any(c.revised for c in counts if c.category == "injuries"):
        deaths = [c for c in counts if c.category == "fatalities"]
        latest = max((c for c in deaths if c.revised), key=lambda c: c.value, default=None)
        # ("raising the number of policemen martyred to three": the policemen first counted, not the attackers)
        group = group_class().get(latest.group, latest.group) if latest is not None else ""
        same = [c for c in deaths if group_class().get(c.group, c.group) in (group, "", "total")] \
            if group not in ("", "total") else deaths
        first = combine([c for c in same if not (c.revised or c.later)])[0]
        if latest is not None and first is not None and latest.value > first:
            out["injuries"] = (max(injured + moved, 0), out["injuries"][1])
    return out


def _told_after_a_figure(moved: Count, counts: list[Count]) -> bool:
    """Does a figure of the same category come before a move ('two of the injured succumbed')? A figure told
    only after it ('Scores of others were wounded') already leaves out those who died."""
    return any(c.category == moved.category and not c.later and c.start < moved.start for c in counts)


def combine(counts: list[Count], settle_hedges: bool = True) -> tuple[int | None, str | None]:
    """One figure for one category of one event, with its qualifier.

    Repeated figures for the same group keep the first the report gives (the lead's), unless a later
    figure is a revision ("rose to"), which replaces it. Different groups (soldiers, attackers) add up;
    a figure for everybody ("people") is a floor for that sum.
    """
    counts = sorted(_without_covered_fallbacks(counts), key=lambda c: c.start)
    # ("Two of the wounded died ... Scores of others were wounded": a figure told after the deaths is of the living)
    # ("A policeman injured in Monday's attack succumbed on Tuesday": with no figure at all, the death is the figure)
    alone = not any(not c.later for c in counts)
    later = [c for c in counts if c.later and (_told_after_a_figure(c, counts) or alone and c.value > 0)]
    counts = [c for c in counts if not c.later]
    if any(c.revised for c in counts):
        later = []  # a revised toll already includes those who died later
    base, qualifier = _combine_figures(counts, settle_hedges)
    if qualifier is not None:
        later = [c for c in later if c.value > 0]  # a hedged count of the injured stays as told
    if not later:
        return base, qualifier
    total = (base or 0) + sum(c.value for c in later)
    return (total, qualifier) if total > 0 or base is not None else (None, None)


def _without_covered_fallbacks(counts: list[Count]) -> list[Count]:
    """'Sepoy Arif embraced martyrdom' counts one soldier only when no other figure covers the soldiers;
    'the driver was injured' (no group) only when the event has no other figure at all."""
    solid = [c for c in counts if not c.fallback]
    if not solid:
        return counts
    covered = {group_class().get(c.group, c.group) for c in solid} | {"", "total"}
    if covered & {"bomber", "attackers"}:
        covered |= {"bomber", "attackers"}  # "shot dead a would-be bomber ... The attacker was killed on the spot"
    return solid + [c for c in counts if c.fallback and group_class().get(c.group, c.group) not in covered]


def _refines(hedged: Count, exact: int) -> bool:
    """Is `exact` a figure that the hedged count allows ("about 25" -> 26, "at least 10" -> 12, "up to 30" -> 28)?"""
    return {"about": True, "up to": exact <= hedged.value, "at least": exact >= hedged.value,
            "over": exact > hedged.value}.get(hedged.qualifier or "", False)


def _combine_figures(counts: list[Count], settle_hedges: bool) -> tuple[int | None, str | None]:
    if not counts:
        return None, None
    if all(c.subset for c in counts):
        # A follow-up names only parts ("four of the six workers taken away were released"): the whole it
        # refers to is the figure, and a bare part ("two of the dead were policemen") is a floor.
        c = max(counts, key=lambda c: c.value)
        return c.value, c.qualifier or (None if c.reference else "at least")
    by_group: dict[str, Count] = {}
    previous = ""
    for c in counts:
        if c.subset:
            continue
        group = group_class().get(c.group, c.group)
        key = "" if not c.group or group == "total" else group
        if c.group in cue_words("pronoun_group"):
            key = previous  # "22 of them were eliminated": the people of the figure before
        elif c.group in cue_words("additional_group"):
            # "Four others suffered minor injuries": more people; but "three policemen were martyred and four
            # others injured": the first injured, whom a later "four constables received bullet wounds" tells again.
            key = f"others at {c.start}" if by_group or c.group != "others" else ""
        previous = key
        old = by_group.get(key)
        # The first figure a report gives for a group stands (a later partial count does not lower it); a
        # revision ("rose to") replaces it, and so does an exact figure that settles a hedged one ("nearly two
        # dozen", then "22 of them were eliminated"; "at least 10", then "we have received 12 bodies").
        if old is None or c.revised or (settle_hedges and not old.revised and c.qualifier is None and _refines(old, c.value)):
            by_group[key] = c
    if not by_group:
        return None, None
    if by_group.get("attackers") and by_group["attackers"].revised:
        by_group.pop("bomber", None)  # "bringing the number of attackers killed to three": the bomber is one
    total = by_group.pop("", None)
    # A report's toll ("seven people were killed") counts the victims; the attackers who died and the suicide
    # bomber are told apart ("troops killed three of the attackers"), unless the toll says it includes them
    # ("11 people, including six militants"). ACLED counts both.
    # ("the twenty-two dead attackers included three commanders" is a part of the attackers, not of the toll)
    attackers_inside = total is not None and any(
        c.subset and not c.reference and group_class().get(c.group, c.group) == "attackers"
        and 0 <= c.start - total.end <= 60
        for c in counts)
    apart = [by_group.pop(k) for k in ("bomber", "attackers") if k in by_group] if total is not None else []
    extra = 0 if attackers_inside else sum(c.value for c in apart)
    specific = sum(c.value for c in by_group.values())
    # A revised whole ("the toll rose to six", "the remaining four injured") after the parts is the latest figure.
    latest = total is not None and total.revised and all(c.start < total.start for c in by_group.values())
    if total is not None and (total.value >= specific or latest):
        # ("Two of our men were martyred ... A shepherd was also hit and died": one more after the toll)
        more = sum(c.value for k, c in by_group.items() if k.startswith("others at") and c.start > total.start
                   and not latest)
        return total.value + extra + more, total.qualifier
    specific += extra
    quals = {c.qualifier for c in by_group.values() if c.qualifier}
    return specific, (quals.pop() if len(quals) == 1 else ("at least" if quals else None))
