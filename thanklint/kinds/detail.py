"""`detail`: the note mentions something concrete from the interview.

A detail is a content noun that the note ties to the interview: the object of a
reference cue ("you mentioned …", "hearing about …", "the tour you gave"), or a
noun phrase that belongs to the reader ("your requirements for relocation").
It does not count when it is generic ("the role", "your team", "our conversation"),
part of the job title or the company's name, an unfilled slot ("[specific topic]"),
or about the candidate ("as we discussed, my background …"). The content model
judges each sentence too (see `_content` for how the two combine); the report
quotes the sentence that carries the detail.
"""

from __future__ import annotations

from dataclasses import dataclass

from thanklint.kinds import kind
from thanklint.kinds._common import WHERE, missing, passed
from thanklint.kinds._content import carrier, check_model_params, quote
from thanklint.kinds._cues import compile_cue, find

_FIRST_PERSON = frozenset({"i", "me", "my", "we", "our", "myself"})


@dataclass(frozen=True)
class DetailParams:
    cues: tuple[str, ...]  # the interview is referred to; what follows is the candidate detail
    strong_cues: tuple[str, ...] = ()  # enough on their own ("as promised")
    owners: tuple[str, ...] = ("your",)  # a noun phrase these words own may be a detail
    generic: tuple[str, ...] = ()  # nouns that are never a detail by themselves
    title_words: tuple[str, ...] = ()  # heads whose modifiers only name the job or the employer
    missing_at: str = "first-paragraph"
    topic_overlap: float = 0.6  # share of a context topic's content words that must appear
    model: str = ""  # the content model's label for this element ("": cues only)
    threshold: float = 0.5  # a sentence the model rates at least this carries the element
    veto: float = 0.0  # a cue's detail does not count in a sentence the model rates below this

    def __post_init__(self):
        check_model_params(self.model, self.threshold, self.veto)
        for c in self.cues + self.strong_cues:
            compile_cue(c)
        if self.missing_at not in WHERE:
            raise ValueError(f"missing_at must be one of {', '.join(WHERE)}")


def _is_the_employer(owned) -> bool:
    """"at your prestigious nursing home": the place itself, not a detail of it."""
    described = any(c.dep_ in ("prep", "relcl", "acl") for c in owned.children)
    return owned.head.lower_ in ("at", "in", "within", "join", "joining") and not described


def _excluded_nouns(doc, note, params, ctx) -> set[int]:
    """Token indices that can never be the detail: titles, company names, slots,
    and the modifiers of a generic head ("your engineering team")."""
    out: set[int] = set()
    company = (ctx.company or "").lower()
    for ent in doc.ents:
        if ent.label_ in ("ORG", "DATE", "TIME", "CARDINAL", "ORDINAL", "GPE") or (
            company and ent.text.lower() == company
        ):
            out.update(range(ent.start, ent.end))
    titles = set(params.title_words)
    for tok in doc:
        if tok.lemma_.lower() in titles:
            out.update(t.i for t in tok.subtree if t.i < tok.i)  # "the web development role"
        if note.in_placeholder(tok.idx, tok.idx + len(tok)):
            out.add(tok.i)
    return out


def _about_self(tok, stop: set[int]) -> bool:
    """Is the token in a clause about the candidate? Climbs to the nearest verb with
    a subject, but not past the cue that introduced it."""
    cur = tok
    for _ in range(12):
        if cur.i in stop:
            return False
        if any(c.dep_ == "poss" and c.lower_ in _FIRST_PERSON for c in cur.children):
            return True
        subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj and cur.pos_ in ("VERB", "AUX"):
            s = subj[0]
            return s.lower_ in _FIRST_PERSON or any(
                c.dep_ == "poss" and c.lower_ in _FIRST_PERSON for c in s.children
            )
        if cur.head is cur:
            return False
        cur = cur.head
    return False


def find_details(analysis, params: DetailParams, ctx) -> list[int]:
    """The indices of the body sentences in which a detail was found."""
    note, doc = analysis.note, analysis.doc
    generic = set(params.generic)
    excluded = _excluded_nouns(doc, note, params, ctx)

    def content(tok, stop: set[int]) -> bool:
        return (
            tok.pos_ in ("NOUN", "PROPN")
            and tok.i not in excluded
            and tok.lemma_.lower() not in generic
            and tok.lower_ not in generic
            and len(tok.text) > 2
            and not _about_self(tok, stop)
        )

    cues = [compile_cue(c) for c in params.cues]
    strong = [compile_cue(c) for c in params.strong_cues]
    owners = set(params.owners)
    found: list[int] = []
    for n, toks in enumerate(analysis.sentence_tokens()):
        if _has_detail(toks, strong, cues, owners, content):
            found.append(n)
    return found


def _has_detail(toks, strong, cues, owners, content) -> bool:
    if any(find(cue, toks) for cue in strong):
        return True
    for cue in cues:
        for s, e in find(cue, toks):
            stop = {t.i for t in toks[s:e]}
            if any(content(t, stop) for t in toks[s : s + 30]):
                return True
    for tok in toks:
        if tok.lower_ in owners and tok.dep_ == "poss":
            owned = tok.head
            if _is_the_employer(owned):
                continue
            region = list(owned.subtree)
            nxt = owned.doc[owned.i + 1] if owned.i + 1 < len(owned.doc) else None
            if nxt is not None and nxt.dep_ == "prep":  # "your notes | on pacing …", attached higher up
                region += list(nxt.subtree)
            stop = {owned.i} | ({nxt.i} if nxt is not None else set())
            if any(content(t, stop) for t in region):
                return True
    return False


def topics_mentioned(analysis, topics: tuple[str, ...], overlap: float) -> list[str]:
    """Context topics whose content words (by lemma) mostly appear in the body."""
    nlp_vocab = {t.lemma_.lower() for t in analysis.body_tokens()} | {t.lower_ for t in analysis.body_tokens()}
    out = []
    for topic in topics:
        words = [w.strip(".,;:!?\"'()").lower() for w in topic.split()]
        words = [w for w in words if len(w) > 3]
        if not words:
            continue
        seen = sum(1 for w in words if w in nlp_vocab or w.rstrip("s") in nlp_vocab)
        if seen / len(words) >= overlap:
            out.append(topic)
    return out


@kind("detail", params=DetailParams, needs=("lemmatizer", "parser", "ner"))
def check_detail(analysis, ctx, rule):
    p: DetailParams = rule.params
    if ctx.topics:
        named = topics_mentioned(analysis, ctx.topics, p.topic_overlap)
        if named:
            rest = [t for t in ctx.topics if t not in named]
            more = f"; not mentioned: {', '.join(rest)}" if rest else ""
            return passed(rule, f"mentioned: {', '.join(named)}{more}")
    best = carrier(analysis, p, find_details(analysis, p, ctx))
    if best is not None:
        return passed(rule, f"found: “{quote(analysis.note, analysis.sentence_tokens()[best])}”")
    detail = f"topics you could mention: {', '.join(ctx.topics)}" if ctx.topics else ""
    return missing(analysis.note, rule, ctx, p.missing_at, detail)
