"""Which language a document is in: the extractor reads English, and says so plainly about anything else.

lingua-language-detector compares the story text (page furniture left out, so that an English page
with an Urdu photo caption is still English) against the languages analysts of the region meet.
"""

from __future__ import annotations

from functools import cache

from core.knowledge.datafiles import setting
from core.reading.documents import DocumentError

LANGUAGES = ("ENGLISH", "URDU", "PERSIAN", "ARABIC", "HINDI", "PUNJABI", "FRENCH", "GERMAN", "SPANISH", "RUSSIAN",
             "CHINESE", "TURKISH")
"""The languages told apart (Pashto, Sindhi and Balochi have no lingua model: they read as Urdu or Persian)."""
SAMPLE = 4000
"""Characters of story text looked at."""


@cache
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    # Low-accuracy mode loads small models (tens of milliseconds); it is as good as the full models on paragraphs.
    languages = (getattr(Language, name) for name in LANGUAGES)
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def story_text(text: str, blocks) -> str:
    """A document's text without its furniture blocks."""
    out, pos = [], 0
    for block in sorted(blocks, key=lambda b: b.start):
        out.append(text[pos:block.start])
        pos = max(pos, block.end)
    out.append(text[pos:])
    return " ".join("".join(out).split())


def language_of(text: str) -> tuple[str, str]:
    """(ISO 639-1 code, English name) of the text's language; ("", "unknown") when it cannot tell."""
    found = _detector().detect_language_of(text[:SAMPLE])
    if found is None:
        return "", "unknown"
    return found.iso_code_639_1.name.lower(), found.name.capitalize()


def check_english(text: str, blocks, name: str) -> None:
    """DocumentError naming the language when the story is not in the language read (data/settings.csv)."""
    wanted = setting("language")
    code, language = language_of(story_text(text, blocks) or text)
    if code and code != wanted:
        raise DocumentError(f"{name}: {language} report: not supported yet (only English is read)")
