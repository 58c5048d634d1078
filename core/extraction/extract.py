"""From a document to its events: group sentence-level mentions into incidents and fill every field.

The steps:
1. `core.extraction.sentences.analyse` annotates each sentence (tactics, actors, places, dates, counts, cues).
2. Background sentences (habitual, statistical, historical, allegations) are set aside.
3. Sentences with tactic triggers become event mentions; a mention joins an earlier event when
   its ACLED type, date, place and perpetrator agree, otherwise it starts a new event.
4. Each event takes its actors, target, place, date, counts and claims from its own sentences.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc

from core.extraction.claims import Claim, quoted_claims, sentence_claims
from core.extraction.quantities import Count, group_class, parse_number
from core.extraction.quantities import figures as event_figures
from core.extraction.sentences import (
    AFTERMATH,
    CLAIM,
    FURNITURE,
    QUOTE,
    SAYS_NOTHING,
    STORY,
    TOTAL,
    ActorMention,
    Sentence,
    analyse,
    has_cue,
)
from core.knowledge.actors import actor_book
from core.knowledge.gazetteer import Place, default_gazetteer
from core.knowledge.lexicon import COUNT_CATEGORIES, cue_words, load_tactics
from core.reading.dates import FoundDate
from core.reading.documents import Document
from core.schema import DISORDER_TYPES, interaction


@lru_cache(maxsize=1)
def _tactic_table() -> dict[str, dict]:
    return {row["tactic"]: row for row in load_tactics().to_dict(orient="records")}


@dataclass
class EventDraft:
    """An event while its sentences are being gathered."""

    sentences: list[Sentence] = field(default_factory=list)
    weak_only: bool = True
    support: list[Sentence] = field(default_factory=list)  # follow-up sentences with figures, no trigger
    reason: str = "lead"  # why this is an incident of its own (recorded with the event)

    @property
    def all_sentences(self) -> list[Sentence]:
        return sorted(self.sentences + self.support, key=lambda s: s.index)

    @property
    def tactics(self) -> dict[str, str]:
        merged: dict[str, str] = {}
        for s in self.sentences:
            for t, strength in s.tactics.items():
                if merged.get(t) != "strong":
                    merged[t] = strength
        return merged


@dataclass
class Context:
    """Document-level facts that events fall back on."""

    document: Document
    sentences: list[Sentence]
    main_group: str | None
    country: str = field(default_factory=lambda: actor_book().default_country())
    place_cache: dict[int, Located | None] = field(default_factory=dict)


@dataclass(frozen=True)
class DocumentAnalysis:
    """Everything extraction learned about one document: its events, its annotated sentences,
    and which sentences each event was built from (the place-mention layer reuses these)."""

    document: Document
    records: list[dict]
    sentences: list[Sentence]
    event_sentences: dict[str, tuple[int, ...]]


def extract_records(document: Document) -> list[dict]:
    """All events a document describes, as schema-shaped dicts in text order."""
    return analyse_document(document).records


def analyse_document(document: Document, doc: Doc | None = None) -> DocumentAnalysis:
    """Run the whole extraction on one document (`doc`: its parse, when a batch made it)."""
    _, sentences = analyse(document, doc)
    said = {s.index: sentence_claims(s) for s in sentences if not s.background}  # read each sentence's claims once
    ctx = Context(document, sentences, _main_group(sentences, said))
    drafts = _group_mentions(ctx)
    claims = _collect_claims(ctx, said)
    records = []
    primary: dict | None = None
    for n, draft in enumerate(drafts, start=1):
        record = _build_record(ctx, draft, n, primary, claims, alone=len(drafts) == 1)
        records.append(record)
        primary = primary or record
    _attach_loose_claims(records, claims, ctx)
    _share_joint_claims(records)
    used: dict[str, tuple[int, ...]] = {}
    for r in records:
        _finish_claims(r)
        used[r["event_id"]] = tuple(s.index for s in r.pop("_sentences"))
    return DocumentAnalysis(document, records, sentences, used)


def _main_group(sentences: list[Sentence], said: dict[int, list[Claim]]) -> str | None:
    """The armed group a report is about: the most-named non-state group that is not merely suspected."""
    counts: Counter[str] = Counter()
    for s in sentences:
        if s.background:
            continue
        deniers = {c.claimant for c in said[s.index] if c.kind == "denial"}  # "The TTP denied any involvement"
        for a in s.actors:
            if a.kind == "name" and a.side == "nonstate" and not a.suspected and a.actor not in deniers:
                counts[a.actor] += 1
    if not counts:
        return None
    top = max(counts.values())
    return next(a.actor for s in sentences for a in s.actors if counts.get(a.actor) == top)


def _is_mention(s: Sentence) -> bool:
    """A sentence that tells an incident: a story sentence with a tactic, not a threat; or a quote that tells
    what the forces did ("helicopters ... have done airstrikes," said a local source)."""
    if s.threat or not s.tactics:
        return False
    return s.kind == STORY or (s.kind == QUOTE and _starts_own_event(s))


def _class_of(tactics: list[str], vs_state: bool) -> tuple[str, str]:
    top = max(tactics, key=lambda t: _tactic_table()[t]["rank"])
    row = _tactic_table()[top]
    if vs_state and row["event_type_vs_state"]:
        return row["event_type_vs_state"], row["sub_event_type_vs_state"]
    return row["event_type"], row["sub_event_type"]


@dataclass(frozen=True)
class Located:
    """Where an event happened: the gazetteer place that gives coordinates and admin levels,
    the location name (an unknown village keeps its own name), and the honest precision."""

    place: Place
    name: str
    precision: int


def _sentence_place(ctx: Context, s: Sentence) -> Located | None:
    """Where a sentence says something happened: its first located place, refined by places inside it."""
    if s.index not in ctx.place_cache:
        chains: dict[int, list] = {}
        for p in s.places:
            if p.locative and not (s.in_dateline and p.end <= ctx.document.dateline_end):  # the dateline's city
                chains.setdefault(p.chain, []).append(p)
        ctx.place_cache[s.index] = _most_specific(
            loc for loc in (_locate_chain(ctx, chain) for chain in chains.values()) if loc
        )
    return ctx.place_cache[s.index]


def _locate_chain(ctx: Context, chain: list) -> Located | None:
    known = [p for p in chain if p.known]
    place = default_gazetteer().resolve_chain([p.surface for p in known], [p.kind_hint for p in known]) if known else None
    unknown = next((p for p in chain if not p.known), None)
    if place is None or place.kind == "country":
        return None
    near = any(p.near for p in chain)
    if unknown is not None and chain.index(unknown) < chain.index(known[0]):
        # An unlisted village placed by the known place after it: ACLED precision 2 at best.
        return Located(place, unknown.surface, max(place.geo_precision, 2))
    return Located(place, place.name, max(place.geo_precision, 2) if near else place.geo_precision)


def _perpetrators(s: Sentence) -> set[str]:
    return {a.actor for a in s.actors if a.kind == "name" and a.side == "nonstate" and not a.suspected}


def _compatible(ctx: Context, draft: EventDraft, s: Sentence) -> bool:
    """Can sentence s describe the same incident as the draft?"""
    if s.separate:
        return False
    dates = {x.date.value for x in draft.sentences if x.date}
    if s.date and dates and s.date.value not in dates:
        return False
    here = _sentence_place(ctx, s)
    there = [loc.place for loc in (_sentence_place(ctx, x) for x in draft.sentences) if loc]
    place = here.place if here else None
    if place and there and not any(p.contains(place) or place.contains(p) or p.admin2 == place.admin2 for p in there):
        return False
    named = set().union(*(_perpetrators(x) for x in draft.sentences))
    mine = _perpetrators(s)
    return not (named and mine and not named & mine)


def _targets_state(s: Sentence) -> bool:
    """Is the first thing attacked in this sentence the state (police, soldiers)?

    Victims named near the trigger count first; otherwise the first target in the sentence.
    """
    targets = [t for t in s.targets if t.side != "nonstate"]
    near = [t for t in targets if not s.trigger_starts or t.start >= min(s.trigger_starts) - 40]
    first = (near or targets or [None])[0]
    return first is not None and first.side == "state"


def _starts_own_event(s: Sentence) -> bool:
    """State operations and strikes are separate from the attack they answer (ACLED codes them apart); a rescue
    or a search without fighting or victims ('both men were rescued unharmed') ends the incident instead."""
    state = [t for t in s.strong_tactics if s.acting_side(t) == "state"]
    quiet = set(state) <= set(cue_words("quiet_state_tactic"))
    return bool(state) and (not quiet or _own_victims(s) or any(s.acting_side(t) == "any" for t in s.strong_tactics))


def _is_attack(d: EventDraft) -> bool:
    """An incident the forces can answer: an armed group's attack, not a clash the forces began."""
    return any(x.acting_side(t) == "nonstate" for x in d.sentences for t in x.strong_tactics)


def _is_state_response(d: EventDraft) -> bool:
    return any(_starts_own_event(s) for s in d.sentences)


def _group_mentions(ctx: Context) -> list[EventDraft]:
    """Group the story sentences into incidents.

    A report has a lead incident; later sentences are about the incident told before them unless
    there is strong evidence of another: a separation cue or a roundup paragraph ("Separately, ...",
    "In Kech district, ..."), a state operation answering an attack, or a trigger with its own
    victims in another district or on another day.
    """
    drafts: list[EventDraft] = []
    for s in ctx.sentences:
        if not _is_mention(s):
            continue
        reason = _new_incident(ctx, s, drafts)
        if reason:
            drafts.append(EventDraft(reason=reason))
            target = drafts[-1]
            launch = ctx.sentences[s.index - 1] if s.index else None
            if reason == "state response" and launch is not None and launch.kind == AFTERMATH \
                    and launch.paragraph == s.paragraph and any(launch.acting_side(t) == "state" for t in launch.tactics):
                # "Security forces launched an operation in X. Fifteen militants were killed in the exchange of fire":
                # the launch tells who, where and when.
                target.sentences.append(launch)
        else:
            target = _home_draft(ctx, s, drafts)
        target.sentences.append(s)
        if reason == "separation cue" and s.separated_by is not None:
            target.sentences.append(ctx.sentences[s.separated_by])  # "In another engagement on January 6 in X, ..."
        target.weak_only = target.weak_only and not s.strong_tactics
    # A weak-only draft (a bare "attack" or "blast") stands alone when the report has nothing
    # stronger, or when it is told as a separate incident somewhere else.
    if any(not d.weak_only for d in drafts):
        drafts = [d for d in drafts if not d.weak_only or _elsewhere(ctx, d, drafts)]
    drafts = [d for d in drafts if not _sums_up(ctx, d, drafts)]
    lead = next((s for s in ctx.sentences if s.kind != FURNITURE), None)
    # (A roundup's summing-up lead, "Seven people were killed in three attacks", opens on its incidents.)
    # ("There is no respite in attacks on police as two more incidents were reported on Saturday": a roundup's
    # introduction, dated, opens on its incidents too.)
    introduces = lead is not None and "statistics" not in lead.cues and (
        lead.kind == TOTAL or (lead.kind == STORY and lead.date is not None and _counts_incidents(lead.text)))
    if lead is not None and not _is_mention(lead) and not introduces:
        # A report that opens on no incident (statistics, a verdict, a cabinet meeting, an answer in parliament)
        # tells of attacks only in passing: what it tells without a day of its own is no incident.
        drafts = [d for d in drafts if any(x.date for x in d.sentences)]
    _attach_support(ctx, drafts)
    return drafts


def _counts_incidents(text: str) -> bool:
    """'two more incidents were reported', 'three separate attacks': a number of incidents named."""
    words = re.findall(r"[\w-]+", text.lower())
    return any(w in cue_words("plural_event") and any(parse_number(x) for x in words[max(0, i - 2) : i])
               for i, w in enumerate(words))


def _sums_up(ctx: Context, draft: EventDraft, drafts: list[EventDraft]) -> bool:
    """'A grenade was hurled at a police vehicle in Khuzdar, a teacher was shot dead in Panjgur and a sepoy was
    killed in Washuk': a one-sentence draft naming the districts of two or more later incidents sums them up, as
    does one that counts incidents when two or more are told after it."""
    if len(draft.sentences) != 1:
        return False
    s = draft.sentences[0]
    later_drafts = [d for d in drafts if d is not draft and min(x.index for x in d.sentences) > s.index]
    if len(later_drafts) >= 2 and _counts_incidents(s.text):
        return True  # "Militants carried out three separate attacks in Balochistan and Khyber Pakhtunkhwa on Thursday"
    chains: dict[int, list] = {}
    for p in s.places:
        if p.locative:
            chains.setdefault(p.chain, []).append(p)
    named = {loc.place.admin2 for loc in (_locate_chain(ctx, c) for c in chains.values()) if loc and loc.place.admin2}
    later = {loc.place.admin2 for d in drafts if d is not draft and min(x.index for x in d.sentences) > s.index
             for loc in (_sentence_place(ctx, x) for x in d.sentences) if loc and loc.place.admin2}
    return len(named & later) >= 2


def _own_victims(s: Sentence) -> bool:
    """The sentence counts victims of its own (not a revised toll, not a part of a figure given before, not
    'the deaths of three soldiers' confirmed)."""
    return any(not (c.revised or c.subset or c.later or c.fallback) for c in s.counts) or s.no_casualties


def _new_incident(ctx: Context, s: Sentence, drafts: list[EventDraft]) -> str:
    """Why sentence s starts a new incident ('' when it tells the one before)."""
    if not drafts:
        return "lead"
    if s.roundup:
        return "roundup paragraph"
    # ("The toll was reported to have increased to 59 a day earlier": a revision of the toll tells no new incident,
    # unless it is the toll of one somewhere else: "Meanwhile, the toll from Monday's bomb blast in Chaman now
    # stands at 14", in a report from Quetta)
    revision = s.counts and all(c.revised or c.later or c.subset for c in s.counts)
    if s.separate and (not revision or _told_elsewhere(ctx, s, drafts[-1])):
        return "separation cue"
    if not s.strong_tactics:
        return ""
    if has_cue("one_other", s.span if s.span is not None else s.text):
        return ""  # "A fourth attacker was gunned down by FC personnel who chased the group": one more of its own
    current = drafts[-1]
    if _fights_the_attack(ctx, s, current):
        return ""
    if (_starts_own_event(s) or _militants_killed_in_an_operation(s)) and any(map(_is_attack, drafts)) and not any(
            _is_state_response(d) and _compatible(ctx, d, s) and _state_class(d) == _state_class_of(s) for d in drafts):
        return "state response"
    if _own_victims(s) and _told_elsewhere(ctx, s, current):
        return "another place with its own victims"
    # (the day a toll was revised, "reached 60 on Sunday", is no day of an incident)
    dates = _incident_days(current)
    if s.date and not s.date.reported and s.date.precision == 1 and dates and s.date.value not in dates and _own_victims(s) \
            and not any(c.revised for c in s.counts):
        return "another day with its own victims"
    return ""


def _fights_the_attack(ctx: Context, s: Sentence, draft: EventDraft) -> bool:
    """'Troops killed nine terrorists in the exchange of fire', told of an attack on them: the forces fighting that
    attack, not an operation of their own (not 'in the exchange of fire that followed', not elsewhere, not another
    day)."""
    if not _is_attack(draft) or _is_state_response(draft) or "fought_back" not in s.cues \
            or "operation_follow_up" in s.cues or _told_elsewhere(ctx, s, draft):
        return False
    days = _incident_days(draft)
    # (a night attack's fight is told up to the next morning: "the bodies ... recovered by Tuesday morning")
    return s.date is None or not days or any(0 <= (s.date.value - d).days <= 1 for d in days)


def _incident_days(draft: EventDraft) -> set[date]:
    """The days the incident's sentences give it (not the days a toll was reported)."""
    return {x.date.value for x in draft.sentences if x.date and not x.date.reported}


def _told_elsewhere(ctx: Context, s: Sentence, draft: EventDraft) -> bool:
    """The sentence puts what it tells in a place apart from the incident's (neither holds the other, another
    district)."""
    here = _sentence_place(ctx, s)
    there = [loc.place for loc in (_sentence_place(ctx, x) for x in draft.sentences) if loc]
    return bool(here and there) and not any(
        p.contains(here.place) or here.place.contains(p) or p.admin2 == here.place.admin2 for p in there)


def _state_class_of(s: Sentence) -> tuple[str, str] | None:
    """The ACLED class of what the forces do in a sentence (an air strike and a clash are two events)."""
    state = [t for t in s.strong_tactics if s.acting_side(t) == "state"]
    return _class_of(state, False) if state else None


def _state_class(d: EventDraft) -> tuple[str, str] | None:
    return next((c for c in (_state_class_of(s) for s in d.sentences) if c), None)


def _militants_killed_in_an_operation(s: Sentence) -> bool:
    """'Around 15 militants were killed in the exchange of fire that followed': the forces' response, an
    incident of its own (ACLED codes it apart), unlike attackers killed while they attack."""
    attackers = any(c.category == "fatalities" and _group_of(c.group) == "attackers" for c in s.counts)
    return attackers and "operation_follow_up" in s.cues


def _home_draft(ctx: Context, s: Sentence, drafts: list[EventDraft]) -> EventDraft:
    """The incident a sentence tells more of: the latest one it fits (place, date, actor), else the latest."""
    candidates = list(reversed(drafts))
    if not s.strong_tactics:
        # A bare "attack" refers back to the attack, not to the forces' response to it.
        candidates.sort(key=_is_state_response)
    return next((d for d in candidates if _compatible(ctx, d, s)), drafts[-1])


def _elsewhere(ctx: Context, draft: EventDraft, drafts: list[EventDraft]) -> bool:
    here = next((loc for loc in (_sentence_place(ctx, s) for s in draft.sentences) if loc), None)
    if draft.sentences[0].separate:
        return True
    others = [loc for d in drafts if not d.weak_only for loc in (_sentence_place(ctx, s) for s in d.sentences) if loc]
    return here is not None and bool(others) and all(o.place.admin2 != here.place.admin2 for o in others)


def _attach_support(ctx: Context, drafts: list[EventDraft]) -> None:
    """Sentences that only add figures or unit names ("Three other policemen were wounded")
    belong to the event told just before them."""
    # A weak mention whose draft was dropped ("a militant assault", told again by a stronger sentence) still
    # gives its figures to the incident.
    in_drafts = {x.index for d in drafts for x in d.sentences}
    for s in ctx.sentences:
        if s.kind in SAYS_NOTHING or s.index in in_drafts or (_is_mention(s) and s.strong_tactics):
            continue
        named_tactic = s.kind in (CLAIM, QUOTE) and bool(s.strong_tactics) or s.kind == CLAIM and "responsibility" in s.cues
        if not (s.counts or s.no_casualties or named_tactic or any(a.subunit and a.side == "nonstate" for a in s.actors)):
            continue
        # (the incident told last: a later reaction or aftermath sentence about another one does not draw it away)
        before = sorted((d for d in drafts if min(x.index for x in d.sentences) < s.index),
                        key=lambda d: max(x.index for x in d.sentences if x.index < s.index or x.kind == STORY))
        # A figure told before the sentence that names the attack's tactic belongs to the report's lead incident.
        before = before or drafts[:1]
        if before:
            # "... said its fighters carried out the Panjgur attack": the incident the sentence's place names.
            fitting = [d for d in before if _sentence_place(ctx, s) and _compatible(ctx, d, s)]
            (fitting or before)[-1].support.append(s)


def _collect_claims(ctx: Context, said: dict[int, list[Claim]]) -> list[Claim]:
    claims = [c for found in said.values() for c in found]
    quoted = quoted_claims(ctx.document.text, [s for s in ctx.sentences if not s.background])
    for q in quoted:
        # The sentence-level reading of '"...," said X' is only the attribution; the quote replaces it.
        claims = [c for c in claims if not (c.claimant == q.claimant and q.start <= c.start <= q.end + 3)]
        # Sentences inside a quote belong to the claim; index them by the quote's first sentence.
        q.sentence = next(s.index for s in ctx.sentences if s.start <= q.start < s.end)
        claims.append(q)
    # An unsigned claim ("The pamphlets claimed responsibility") speaks for the report's group, if it has one.
    claims = [c for c in claims if c.claimant or not c.claimant_generic or c.kind != "responsibility" or ctx.main_group]
    for c in claims:
        if c.claimant_generic or not c.claimant:
            c.claimant = ctx.main_group or actor_book().unidentified(ctx.country)
    # "Around 12 armed men took part in the attack": an official's account, not anyone's claim of responsibility.
    claims = [c for c in claims if not (c.kind == "responsibility" and actor_book().is_unidentified(c.claimant))]
    return sorted(claims, key=lambda c: c.start)


def _resolve_actor(a: ActorMention, ctx: Context, separate: bool) -> str:
    """Canonical actor for a mention; 'militants' means the report's group unless the incident is a separate one."""
    if a.kind == "generic" or not a.actor:
        return (None if separate else ctx.main_group) or actor_book().unidentified(ctx.country)
    if a.suspected and a.side == "nonstate":
        return actor_book().unidentified(ctx.country)
    return a.actor


def _event_figures(ctx: Context, every: list[Sentence], perpetrator_claims: list[Claim],
                   alone: bool) -> dict[str, tuple[int | None, str | None]]:
    """The event's figure per category from its sentences' counts. Figures the perpetrator claims stay in the
    claim (what is merely said, "..., the spokesman said", is reporting: the speaker may be the Levies' own)."""
    claimed_spans = [(c.start, c.end) for c in perpetrator_claims if c.kind != "statement"]
    text = ctx.document.text
    counts = [c for s in every for c in s.counts
              if not any(a <= c.start < b and not _relative_toll(text[a : c.start]) for a, b in claimed_spans)]
    if alone:  # "Five killed in Quetta blast" over "killing several people": the headline's figure, if nothing else
        counts += _headline_figures(ctx)
    told = [s for s in ctx.sentences if not s.background]
    if any("attacker_included" in s.cues for s in told):  # "the toll included the bomber"
        counts = [c for c in counts if _group_of(c.group) != "bomber"]
    # ("It was not immediately possible to reconcile the two sets of figures": the conservative first one stands)
    figures = event_figures(counts, settle_hedges=not any("unreconciled" in s.cues for s in told))
    for category in {c for s in every for c in s.no_casualties}:
        if figures[category][0] is None:
            figures[category] = (0, None)
    return figures


def _relative_toll(claim_before_count: str) -> bool:
    """'The TTP claimed responsibility for the attack, which killed five policemen': the toll is the report's,
    told in a clause about the attack, not the claimant's."""
    return bool(_relative_toll_pattern().search(claim_before_count))


@lru_cache(maxsize=1)
def _relative_toll_pattern() -> re.Pattern:
    nouns = "|".join(map(re.escape, cue_words("event_noun")))
    pronouns = "|".join(map(re.escape, cue_words("relative_pronoun")))
    return re.compile(rf"\b(?:{nouns})\s*,?\s+(?:{pronouns})\s+(?:[\w-]+\s+){{0,3}}$", re.IGNORECASE)


def _headline_figures(ctx: Context) -> list[Count]:
    """The headline's and standfirst's figures, as fallbacks of no group: they count only where the story tells
    none of their kind. A headline's claim ("BLA claims 22 soldiers killed") is not a figure."""
    return [replace(c, fallback=True, group="") for s in ctx.sentences if s.furniture in ("headline", "standfirst")
            and "unverified" not in s.cues and all(c.kind == "statement" for c in sentence_claims(s)) for c in s.counts]


def _build_record(ctx: Context, draft: EventDraft, n: int, primary: dict | None, claims: list[Claim],
                  alone: bool = False) -> dict:
    sentences = draft.sentences
    every = draft.all_sentences
    tactics_all = draft.tactics
    strong = [t for t, st in tactics_all.items() if st == "strong"]
    # A bare "attacked" still names the tactic when it is all the opening sentence says.
    opening_weak = [] if sentences[0].strong_tactics else list(sentences[0].tactics)
    # A claim or a quote about the incident names its tactic too ("No group has claimed the abduction").
    named = [t for s in draft.support if s.kind in (CLAIM, QUOTE) for t in s.strong_tactics]
    tactics = sorted(dict.fromkeys(strong + opening_weak + named) or tactics_all,
                     key=lambda t: -_tactic_table()[t]["rank"])
    # Who acted first is told by the event's first sentence ("Security forces killed 26 militants ...").
    opening = sentences[0].strong_tactics or list(sentences[0].tactics)
    side1 = sentences[0].acting_side(max(opening, key=lambda t: _tactic_table()[t]["rank"]))
    # The event is classed by what its actor did: the forces' rescue operation is a battle, whatever the
    # hostage-takers had done before it.
    acted = {t for x in sentences for t in x.strong_tactics if x.acting_side(t) in (side1, "any")}
    class_tactics = [t for t in strong if t in acted] or strong or tactics
    vs_state = any(_targets_state(s) for s in sentences)
    event_type, sub_event_type = _class_of(class_tactics, vs_state)
    my_claims = [replace(c, disputed_by=list(c.disputed_by)) for c in claims if c.sentence in {s.index for s in every}]

    # Actors
    mentions = [a for s in sentences for a in s.actors]
    unit_mentions = [a for s in every for a in s.actors]
    responsible = [c.claimant for c in my_claims if c.kind == "responsibility"]
    separate = sentences[0].separate
    # Foreign forces act like armed groups here ("Afghan forces opened fire on a Pakistani border post").
    named = [a for a in mentions if a.side in ("nonstate", "external") and a.kind != "generic"]
    generic = [a for a in mentions if a.kind == "generic"]
    nonstate = [_resolve_actor(a, ctx, separate) for a in named + generic]
    state = [a.actor for a in mentions if a.side == "state" and a.actor != actor_book().government(ctx.country)]
    fallback = ctx.main_group if side1 == "state" and ctx.main_group and not separate else actor_book().unidentified(ctx.country)
    perpetrator = next(iter(responsible), None) or next(iter(nonstate), None) or fallback
    target_text, target_type, target_side = _target(sentences, vs_state)
    state_actor = next(iter(state), None) or _state_actor_of(target_type, ctx.country)
    state_acts = side1 == "state" or (side1 == "any" and _first_side(mentions) == "state")
    if state_acts:
        actor1, actor2 = state_actor or actor_book().military(ctx.country), perpetrator
    else:
        actor1 = perpetrator
        if event_type == "Violence against civilians":
            actor2 = actor_book().civilians(ctx.country)
        else:
            actor2 = state_actor if vs_state or side1 == "any" else None
            if actor2 is None and target_side == "civilian":
                actor2 = actor_book().civilians(ctx.country)
    if state_acts and "armed clash" in tactics and "security operation" not in tactics:
        # "The CTD killed five terrorists in an exchange of fire": a clash the forces went into is their operation.
        tactics = sorted([*tactics, "security operation"], key=lambda t: -_tactic_table()[t]["rank"])
    if target_text is None and actor2:
        target_text = actor2
        target_type = actor_book().target_type(actor2)

    # Place: the event's own sentences first, else where the report's first event happened.
    located = _most_specific(loc for loc in (_sentence_place(ctx, s) for s in sentences) if loc)
    if located is not None and located.place.kind in ("country", "province"):
        # "Gunmen killed seven passengers in Balochistan. The gunmen targeted the bus in the Barkhan area": the
        # story sentences that tell the incident further place it inside the province.
        own = {x.index for x in every}
        after = ctx.sentences[sentences[0].index + 1:]
        told = [x for x in itertools.takewhile(lambda x: x.index in own or not x.strong_tactics, after)
                if x.kind == STORY and not x.background]
        located = _most_specific([located, *(loc for loc in (_sentence_place(ctx, x) for x in told) if loc)])
    dateline = _dateline_place(ctx) if located is not None and located.place.kind in ("country", "province") else None
    if dateline is not None and located.place.contains(dateline.place) and dateline.place.kind not in ("country", "province"):
        # "DERA MURAD JAMALI, Pakistan - A bomb tore through a bus stand in southwestern Pakistan": the report
        # places it no closer than the province, and the dateline's town lies inside it (ACLED: near, 2).
        located = dateline
    if located is None and primary is not None and primary["_place"] is not None:
        # The event's own sentences name no place: it happened near the report's first event (ACLED: "near" = 2).
        inherited = primary["_place"]
        located = Located(inherited.place, inherited.name, max(inherited.precision, 2))
    if located is None and primary is None:
        # Nothing in the story places the lead incident (an unlisted road or village): the dateline's city is
        # the best evidence there is, at district precision ("near").
        located = _dateline_place(ctx)
    unknown = next((p for s in sentences for p in s.places if not p.known and p.locative), None)
    if located is not None and unknown is not None and located.precision >= 2 and located.name != unknown.surface:
        # A village no gazetteer knows, inside the district we found: named, at district precision.
        located = Located(located.place, unknown.surface, max(located.precision, 2))
    place = located.place if located else None
    if place is not None and place.country and place.country != ctx.country:
        # An attack across the border, reported from home: its unnamed attackers and victims are that country's.
        actor1, actor2 = (_in_country(a, ctx.country, place.country) for a in (actor1, actor2))
    # Date
    # The day of the incident before the day a statement was made ("the military said Thursday").
    found: FoundDate | None = next((s.date for s in sentences if s.date and not s.date.reported), None) or next(
        (s.date for s in sentences if s.date), None)
    if found is None:
        # "Seven people were killed in three attacks on Monday. In the first incident, ...": the day told before.
        found = next((s.date for s in reversed(ctx.sentences[: sentences[0].index])
                      if s.date and s.kind in (STORY, TOTAL) and not s.background), None)
    if found is None and primary is not None:
        event_date, precision = date.fromisoformat(primary["event_date"]), primary["time_precision"]
    elif found is None:
        event_date, precision = ctx.document.date, 1
    else:
        event_date, precision = found.value, found.precision

    figures = _event_figures(ctx, every, [c for c in my_claims if c.claimant == actor1 and _side(actor1) == "nonstate"], alone)

    inter1 = _inter(actor1)
    inter2 = _inter(actor2) if actor2 else None
    record = {
        "event_id": f"{ctx.document.doc_id}-{n:02d}",
        "event_date": event_date.isoformat(),
        "year": event_date.year,
        "time_precision": precision,
        "disorder_type": DISORDER_TYPES[event_type],
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "tactics": tactics,
        "actor1": actor1,
        "assoc_actor_1": _subunits(unit_mentions, actor1),
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": _subunits(unit_mentions, actor2),
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": event_type == "Violence against civilians"
        or (target_side == "civilian" and _side(actor1) != "state"),
        "target": target_text,
        "target_type": target_type,
        "country": place.country if place else ctx.country,
        "admin1": (place.admin1 or None) if place else None,
        "admin2": (place.admin2 or None) if place else None,
        "admin3": (place.admin3 or None) if place else None,
        "location": located.name if located else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "geo_precision": located.precision if located else None,
        "fatalities": figures["fatalities"][0],
        "fatalities_qualifier": figures["fatalities"][1],
        "injuries": figures["injuries"][0],
        "injuries_qualifier": figures["injuries"][1],
        "hostages": figures["hostages"][0],
        "hostages_qualifier": figures["hostages"][1],
        "claims": my_claims,
        "claimed_by": None,
        "competing_claims": None,
        "source": ctx.document.source,
        "source_excerpt": [{"start": s.start, "end": s.end, "text": s.text} for s in every],
        "evidence": {"reason": draft.reason,
                     "trigger": {"start": sentences[0].start, "end": sentences[0].end, "text": sentences[0].text}},
        "notes": "",
        "confidence": 0.0,
        "_place": located,
        "_sentences": every,
    }
    record["confidence"] = _confidence(record, draft, found is not None)
    return record


def _in_country(actor: str | None, home: str, country: str) -> str | None:
    """'Unidentified Armed Group (Pakistan)' becomes 'Unidentified Armed Group (Afghanistan)' for an event there."""
    book = actor_book()
    for make in (book.unidentified, book.civilians):
        if actor == make(home):
            return make(country)
    return actor


def _dateline_place(ctx: Context) -> Located | None:
    """The dateline's place as a 'near' location, when the gazetteer knows it."""
    name = ctx.document.dateline_place
    place = default_gazetteer().resolve_chain([name]) if name else None
    if place is None or place.kind == "country":
        return None
    return Located(place, place.name, max(place.geo_precision, 2))


def _most_specific(found) -> Located | None:
    """The first location named, refined by a more precise one inside it ("Bajaur" then "Mamund tehsil")."""
    found = list(found)
    if not found:
        return None
    first = found[0]
    inside = [loc for loc in found if first.place.contains(loc.place) or loc.place.admin2 == first.place.admin2]
    return min(inside, key=lambda loc: loc.precision)


def _first_side(mentions: list[ActorMention]) -> str:
    for a in mentions:
        if (a.side and a.side != "civilian") or a.kind == "generic":
            return a.side or "nonstate"
    return "nonstate"


def _group_of(noun: str) -> str:
    return group_class().get(noun, "")


def _side(actor: str | None) -> str:
    return actor_book().side(actor)


def _inter(actor: str) -> int:
    return actor_book().inter(actor)


def _state_actor_of(target_type: str | None, country: str) -> str | None:
    """The state force a target type stands for ('Police' -> Police Forces of Pakistan); None for others."""
    if actor_book().target_side(target_type) != "state":
        return None
    return actor_book().actor_of_target_type(target_type, country)


def _subunits(mentions: list[ActorMention], actor: str | None) -> str | None:
    units = []
    for a in mentions:
        if a.actor == actor and a.subunit and a.subunit not in units:
            units.append(a.subunit)
    return "; ".join(units) or None


def _target(sentences: list[Sentence], vs_state: bool) -> tuple[str | None, str | None, str | None]:
    for s in sentences:
        for t in s.targets:
            if t.side == "nonstate":
                continue
            if vs_state and t.side != "state":
                continue
            return t.text, t.target_type, t.side
    for s in sentences:
        for t in s.targets:
            return t.text, t.target_type, t.side
    return None, None, None


def _confidence(record: dict, draft: EventDraft, dated: bool) -> float:
    score = 0.4
    score += 0.15 if not actor_book().is_unidentified(record["actor1"]) else 0.05
    score += 0.1 if dated else 0.0
    score += {1: 0.15, 2: 0.1, 3: 0.05}.get(record["geo_precision"] or 0, 0.0)
    score += 0.1 if len(draft.sentences) > 1 else 0.0
    score -= 0.2 if draft.weak_only else 0.0
    return round(min(max(score, 0.05), 0.95), 2)


def _attach_loose_claims(records: list[dict], claims: list[Claim], ctx: Context) -> None:
    """Claims in sentences that are not event mentions (threats, bare claims) join the events they concern."""
    used = {(c.start, c.claimant) for r in records for c in r["claims"]}
    by_index = {s.index: s for s in ctx.sentences}
    for c in claims:
        if (c.start, c.claimant) in used or not records:
            continue
        s = by_index[c.sentence]
        about = [r for r in records if s.topics & set(r["tactics"])]
        if not about:
            earlier = [r for r in records if min(x.index for x in r["_sentences"]) <= s.index]
            about = [earlier[-1] if earlier else records[0]]
        for r in about:
            r["claims"].append(replace(c, disputed_by=list(c.disputed_by)))


@lru_cache(maxsize=1)
def _joint() -> re.Pattern:
    """'both attacks', 'the twin bombings': one claim about several incidents (data/cues.csv)."""
    words = "|".join(re.escape(w) for w in sorted(cue_words("joint"), key=len, reverse=True))
    nouns = "|".join(re.escape(w) for w in sorted(cue_words("event_noun"), key=len, reverse=True))
    return re.compile(rf"\b(?:{words})\s+(?:{nouns})\b", re.IGNORECASE)


def _share_joint_claims(records: list[dict]) -> None:
    """'The BLA claimed both attacks': a claim about several attacks belongs to each of them."""
    for r in records:
        for c in [c for c in r["claims"] if c.kind == "responsibility" and _joint().search(c.claim)]:
            for other in records:
                if other is not r and _side(other["actor1"]) == "nonstate" and all(x.start != c.start for x in other["claims"]):
                    other["claims"].append(replace(c, disputed_by=list(c.disputed_by)))


def _finish_claims(record: dict) -> None:
    claims: list[Claim] = sorted(record["claims"], key=lambda c: c.start)
    deniers = {c.claimant for c in claims if c.kind == "denial"}
    for c in claims:
        for d in deniers:
            if _side(d) != _side(c.claimant) and c.kind != "denial":
                c.disputed_by.append(d)
    responsible = []
    for c in claims:
        owns = c.kind == "responsibility" or (
            c.claimant == record["actor1"] and c.kind == "claim" and _side(c.claimant) == "nonstate"
        )
        if owns and c.claimant not in responsible:
            responsible.append(c.claimant)
    record["claims"] = [c.as_record() for c in claims]
    record["claimed_by"] = "; ".join(responsible) or None
    if actor_book().is_unidentified(record["actor1"]) and responsible and _side(responsible[0]) == "nonstate":
        # Unnamed gunmen, and a group that owns the attack: ACLED codes the claimant.
        record["actor1"] = responsible[0]
        record["inter1"] = _inter(responsible[0])
        record["interaction"] = interaction(record["inter1"], record["inter2"])
    if claims:
        record["competing_claims"] = any(c.disputed_by for c in claims) or len(responsible) > 1
    record["notes"] = summary(record)
    record.pop("_place", None)


def summary(record: dict) -> str:
    """One line: who did what to whom, where, when, and the figures with their hedges."""
    verbs = [_tactic_table()[t]["summary_verb"] for t in record["tactics"][:2]]
    place = ", ".join(p for p in (record["location"], record["admin2"], record["admin1"]) if p) or "an unknown place"
    target = f" ({record['target']})" if record["target"] else ""
    figures = []
    for name in COUNT_CATEGORIES:
        value = record[name]
        if value is not None:
            qual = f"{record[name + '_qualifier']} " if record[name + "_qualifier"] else ""
            figures.append(f"{name}: {qual}{value}")
    counts = "; ".join(figures) if figures else "no figures reported"
    return f"On {record['event_date']}, {record['actor1']} {' and '.join(verbs)}{target} in {place}. {counts.capitalize()}."
