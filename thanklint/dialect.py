"""Which English a note is written in (en-US, en-GB, …), told from its own spellings.

A note that writes "organisation" and "colour" is British, not misspelt: with `language = "auto"`
(the default) the grammar engine checks it as en-GB. The evidence is the note's words found in
rules/thankyou/data/dialect-pairs.tsv (British/American pairs). A note with both kinds gets one
finding about the mix instead of a misspelling per word (see proofreader.py).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

VARIANTS = ("en-US", "en-GB", "en-AU", "en-CA", "en-IN")
CHOICES = ("auto", *VARIANTS)

# LanguageTool 6.6 has en-US, en-GB, en-AU, en-CA, en-NZ and en-ZA (/v2/languages), no en-IN:
# Indian English spells as British does, -ize included, which en-GB accepts.
LANGUAGETOOL = {"en-US": "en-US", "en-GB": "en-GB", "en-AU": "en-AU", "en-CA": "en-CA", "en-IN": "en-GB"}

MIXED = "THANKLINT_MIXED_DIALECT"  # the engine rule id of the one finding on a mixed note
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class Spelling:
    start: int
    end: int
    word: str
    other: str  # the same word in the other variant


@dataclass(frozen=True)
class Dialect:
    code: str  # the variant the engine checks with
    how: str  # "detected" | "configured" | "default" (auto, and no regional spelling)
    british: tuple[Spelling, ...] = ()
    american: tuple[Spelling, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.code} ({self.how})"

    @property
    def mixed(self) -> bool:
        """Both variants' spellings in a note whose variant was detected."""
        return self.how == "detected" and bool(self.british) and bool(self.american)

    @property
    def minority(self) -> tuple[Spelling, ...]:
        """The spellings of the variant the note uses less (nothing unless mixed)."""
        if not self.mixed:
            return ()
        return self.american if self.code != "en-US" else self.british


@lru_cache(maxsize=1)
def _pairs() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """(british word -> (american, class), american word -> (british, class))."""
    from thanklint.packs import rules_root

    gb: dict[str, tuple[str, str]] = {}
    us: dict[str, tuple[str, str]] = {}
    path = rules_root() / "thankyou" / "data" / "dialect-pairs.tsv"
    for line in path.read_text("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        b, a, cls = line.split("\t")
        if cls != "plural":  # "analyses" is also the plural of "analysis", American too
            gb[b] = (a, cls)
        if cls != "one-way":  # "licence" is British; "license" is a British verb too
            us[a] = (b, cls)
    # an -ise verb's agent nouns, which the list lacks for many verbs: "serialisers" is British (stop 64, fresh-63);
    # "initializer", "tokenizers" are no evidence of American English: a British note writes them as code's names
    for b, (a, cls) in list(gb.items()):
        if cls == "ise" and b.endswith("ise") and a.endswith("ize"):
            for end in ("r", "rs"):
                gb.setdefault(b + end, (a + end, cls))
    return gb, us


def _match_case(word: str, like: str) -> str:
    return word.capitalize() if like[:1].isupper() else word


def _closed_compound(word: str) -> tuple[str, str] | None:
    """(head, tail) when `word` closes up a regional spelling and a word: "colourfastness"
    (colour + fastness), "centerpiece" (center + piece). The tail must be a WordNet word, so
    "Colorado" is no compound of "color", and start with another letter than the head ends in:
    "fulfilling" is "fulfil" inflected, not "fulfil" + "ling". A word English writes whose other
    spelling it never writes is a word of its own: "honoraria" is no "honor" + "aria"."""
    from thanklint import respell, wordforms

    gb, us = _pairs()
    for k in range(4, len(word) - 3):
        head, tail = word[:k], word[k:]
        if head[-1] == tail[0]:  # "fulfil|ling", "enrol|ling": an inflection's doubled consonant
            continue
        if (head in gb or head in us) and (wordforms.is_lemma(tail) or any(
                wordforms.is_lemma(lemma) for lemma in wordforms.lemmas(tail))):  # fmt: skip
            other = (gb.get(head) or us[head])[0] + tail
            if respell.rare_frequency(word) > 0 and respell.rare_frequency(other) == 0:
                return None
            return head, tail
    return None


def _names_something(text: str, start: int) -> bool:
    """A capitalised word where no sentence or line starts: a name ("Ann Arbor", "the Arbor
    student system", "Rogers Centre"), spelt as its owner spells it, whatever the writer's English."""
    if not text[start].isupper():
        return False
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘(":
        i -= 1
    return i >= 0 and text[i] not in ".!?:\n"


# a web address (with its scheme or "www.", or a domain of a common ending, and its path) or an email address.
# A full stop, "?" or ":" goes on only before a small letter or a digit, and a doubled hyphen ends it, so the
# writer's prose around it stays theirs: "https://sam.dev.Favourite projects", "the organisation.Booking.com",
# "samlee.dev/work--favourite projects"; a path runs over URL characters only ("sam.dev/work—colour studies");
# a domain's ending is in small letters and no English word ("our converstion.In particular", "the color.in my
# last role" are slips before a missing space) (five reviews, stop 64)
_ON = r"(?=(?-i:[a-z0-9]))"
_PATH = rf"(?:[\w/=&%#~+@]|-(?!-)|[.?:]{_ON})*"
_LABEL = r"\w+(?:-(?!-)\w+)*"
# An address starts where no word, dot or hyphen goes before it: a search from inside a run of letters or dotted
# words would go over the run again from every letter of it (a 100,000-letter word, "x.x.x…": time in the square
# of its length)
_LINK = re.compile(rf"(?:https?://|www\.){_PATH}"
                   rf"|(?<![\w.+-]){_LABEL}(?:\.{_ON}{_LABEL})*@{_LABEL}(?:\.{_ON}{_LABEL})+"
                   rf"|(?<![\w.-]){_LABEL}(?:\.{_ON}{_LABEL})*\.(?-i:co\.in|com|org|net|io|dev|co\.uk|uk|au|nz|ca|edu|gov)\b"
                   rf"(?:/{_PATH})?",
                   re.IGNORECASE)


def links(text: str) -> list[tuple[int, int]]:
    """The spans of the web and email addresses in `text`, in order: their words are spelt as their owners
    named them ("github.com/sam/pdf-summariser"), whatever the writer's English (a review, stop 64)."""
    return [m.span() for m in _LINK.finditer(text)] if ("." in text or "@" in text) else []


def in_links(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """`start`..`end` lies inside one of `spans` (links' spans, in order)."""
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1  # the last span that starts at or before `start`
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def spellings(text: str) -> tuple[tuple[Spelling, ...], tuple[Spelling, ...], tuple[Spelling, ...]]:
    """The note's British, American and Canadian spellings, closed compounds of them included
    ("colourfastness"). An -ize word beside British -our/-re/-ll spellings is Oxford (or
    Canadian) spelling, not American; an -yze word there is Canadian ("colour", "centre",
    "analyzed": Oxford spelling writes "analysed"), and so is a word Canada spells as America
    does ("vapour", "aluminum")."""
    gb, us = _pairs()
    british: list[tuple[Spelling, str]] = []
    american: list[tuple[Spelling, str]] = []
    addresses = links(text)
    for m in _WORD.finditer(text):
        if _names_something(text, m.start()) or in_links(addresses, m.start(), m.end()):
            continue
        w, tail = m.group().lower(), ""
        if w not in gb and w not in us and (parts := _closed_compound(w)):
            w, tail = parts
        if w in gb and not w.endswith("yses"):  # "analyses" is analysis's plural in every English
            british.append((Spelling(m.start(), m.end(), m.group(), _match_case(gb[w][0] + tail, m.group())), gb[w][1]))
        elif w in us:
            american.append((Spelling(m.start(), m.end(), m.group(), _match_case(us[w][0] + tail, m.group())), us[w][1]))
    oxford = any(cls != "ise" for _, cls in british)
    # medicine's e ("anesthesia", "pediatric") is Canadian beside -our/-re only where the note writes no British ae, no
    # British-only form and no -ise/-yse: "paediatric ward … pediatric nurses", "programme … pediatric" stay a mix (a review)
    ae_canadian = oxford and not any(cls in ("ae", "one-way", "ise", "yse") for _, cls in british)
    canadian_classes = ("yse", "canada", "ae") if ae_canadian else ("yse", "canada")
    canadian = tuple(s for s, cls in american if oxford and cls in canadian_classes)
    american_only = tuple(s for s, cls in american if not (oxford and cls in ("ise", *canadian_classes)))
    return tuple(s for s, _ in british), american_only, canadian


def oxford(word: str) -> bool:
    """An -ize spelling ("sanitized"): American, and British too in Oxford spelling (and
    Canadian), so no misspelling in any variant, whatever an engine's British dictionary says."""
    entry = _pairs()[1].get(word.lower())
    return entry is not None and entry[1] == "ise"


def own_spelling(word: str, code: str) -> bool:
    """The variant's own spelling of a word the other variant spells differently: "anonymised"
    in an en-GB note, whatever the engine's British dictionary lacks (Harper's en-GB: stop 34,
    fresh-20); "anonymized" in an en-US note."""
    gb, us = _pairs()
    return word.lower() in (us if code == "en-US" else gb)


def regional(word: str) -> bool:
    """A spelling of one variant that the other spells differently ("colour", "color"), or a
    closed compound of one ("colourfastness")."""
    gb, us = _pairs()
    w = word.lower()
    return w in gb or w in us or _closed_compound(w) is not None


def choose(language: str, text: str) -> Dialect:
    """The variant to check `text` with: the configured one, or (auto) the one most of its
    regional spellings belong to — en-US when it has none, and at a tie the first one's; en-CA
    when its British spellings come with Canadian ones (-yze, "aluminum") and no other American
    spelling."""
    british, american, canadian = spellings(text)
    if language != "auto":
        return Dialect(language, "configured", british, american)
    if not british and not american:
        return Dialect("en-US", "default")
    if canadian and not american:  # British -our/-re with American -yze: Canada's spelling
        return Dialect("en-CA", "detected", british)
    if len(british) != len(american):
        code = "en-GB" if len(british) > len(american) else "en-US"
    else:
        code = "en-GB" if british[0].start < american[0].start else "en-US"
    return Dialect(code, "detected", british, american)


def mix_message(d: Dialect) -> str:
    """One sentence for a job seeker on a note that mixes British and American spelling."""
    def words(sp: tuple[Spelling, ...]) -> str:
        seen = list(dict.fromkeys(f"'{s.word}'" for s in sp))
        return ", ".join(seen[:4]) + (" …" if len(seen) > 4 else "")

    major, minor = ("British", "American") if d.code != "en-US" else ("American", "British")
    fixes = ", ".join(list(dict.fromkeys(f"'{s.word}' → '{s.other}'" for s in d.minority))[:4])
    return (
        f"The note mixes British ({words(d.british)}) and American ({words(d.american)}) spelling; "
        f"most of it is {major}, so make the {minor} words match: {fixes}."
    )


def spelling_message(word: str, replacements: tuple[str, ...], code: str) -> str:
    """A misspelling named, with the best suggestion: "'recieve' is misspelled; did you mean
    'receive'?" A word that is right in the other variant says so."""
    gb, us = _pairs()
    w = word.lower()
    if code == "en-US" and w in gb:
        return f"'{word}' is the British spelling; in American English (en-US) it is '{_match_case(gb[w][0], word)}'."
    if code != "en-US" and w in us:
        return f"'{word}' is the American spelling; in {code} it is '{_match_case(us[w][0], word)}'."
    if replacements and replacements[0]:
        return f"'{word}' is misspelled; did you mean '{replacements[0]}'?"
    return f"'{word}' looks misspelled: check its spelling."
