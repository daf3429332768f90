"""`detail`: the note mentions something concrete from the interview.

A detail is a content noun that the note ties to the interview: the object of a
reference cue ("you mentioned …", "hearing about …", "the tour you gave"), or a
noun phrase that belongs to the reader ("your requirements for relocation").
It does not count when it is generic ("the role", "your team", "our conversation"),
part of the job title or the company's name, an unfilled slot ("[specific topic]"),
or about the candidate ("as we discussed, my background …"; "our conversation" is
the meeting, not the candidate's own). The content model
judges each sentence too (see `_content` for how the two combine), and neither
counts a sentence that names nothing specific (`concrete_sentences`); the report
quotes the sentence that carries the detail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from thanklint.kinds import kind
from thanklint.kinds._common import WHERE, missing, passed
from thanklint.kinds._content import carrier, check_model_params, quote
from thanklint.kinds._cues import compile_cue, compile_cues, find

_FIRST_PERSON = frozenset({"i", "me", "my", "we", "our", "myself"})
# "our conversation about …" is the meeting the candidate and the reader share: what
# it is about is not the candidate's own, as "my skills" is
_MEETING = frozenset({"conversation", "discussion", "talk", "chat", "meeting", "interview", "call", "exchange"})
_CONDITIONS = frozenset({"if", "unless", "whether"})  # marks of a clause that supposes


def _mine(tok) -> bool:
    """Does a first-person word own the token ("my skills", not "our talk")?"""
    owned = any(c.dep_ == "poss" and c.lower_ in _FIRST_PERSON for c in tok.children)
    return owned and tok.lemma_.lower() not in _MEETING


@dataclass(frozen=True)
class DetailParams:
    cues: tuple[str, ...]  # the interview is referred to; what follows is the candidate detail
    strong_cues: tuple[str, ...] = ()  # enough on their own ("as promised")
    # cues that count only with a particular thing, in a sentence not about the candidate's own ("the panel handed me …")
    particular_cues: tuple[str, ...] = ()
    owners: tuple[str, ...] = ("your",)  # a noun phrase these words own may be a detail
    generic: tuple[str, ...] = ()  # nouns that are never a detail by themselves
    praise: tuple[str, ...] = ()  # "your commitment to patient care": what these nouns govern is praise too
    praise_verbs: tuple[str, ...] = ()  # "your mission to transform | community health": vague aims, praise too
    praise_adjectives: tuple[str, ...] = ()  # "the innovative campaigns": a noun these praise, and nothing names, is praise
    question_nouns: tuple[str, ...] = ()  # "your question about how I would …": the interviewer's, a detail
    title_words: tuple[str, ...] = ()  # heads whose modifiers only name the job or the employer
    frames: tuple[str, ...] = ()  # "the importance of | teamwork": a value, unless it names something particular
    frame_verbs: tuple[str, ...] = ()  # "You emphasized | consistent signage": the same, said as a verb
    uncommon: float = 3.0  # a word below this Zipf frequency names something particular (0: none does)
    abstract_endings: tuple[str, ...] = ()  # ... unless it is a quality ("punctuality", "inclusivity")
    settings: tuple[str, ...] = ()  # ... nor, with "the", where or for whom the field works ("in the kitchen")
    topic_list: int = 0  # a list of this many topics, most of them bare, is a syllabus, not a detail (0: off)
    rulebooks: tuple[str, ...] = ()  # "RSA compliance", "WoF and CoF requirements": a field's rules, whoever names them
    idioms: tuple[str, ...] = ()  # set phrases whose nouns name nothing: "on track", "from start to finish"
    # a plan told plainly as a gerund's clause, judged as one of these ("… is a bold call", "sounds like a sensible
    # way") or with a modal ("… should free up space"), that puts a particular thing somewhere or sometime
    plan_judgements: tuple[str, ...] = ()
    change_gerunds: tuple[str, ...] = ()  # ... by a verb of change to the workplace ("replacing", "moving")
    missing_at: str = "first-paragraph"
    topic_overlap: float = 0.6  # share of a context topic's content words that must appear
    model: str = ""  # the content model's label for this element ("": cues only)
    threshold: float = 0.5  # a sentence the model rates at least this carries the element
    veto: float = 0.0  # a cue's detail does not count in a sentence the model rates below this

    def __post_init__(self):
        check_model_params(self.model, self.threshold, self.veto)
        for c in self.cues + self.strong_cues + self.particular_cues:
            compile_cue(c)
        if self.missing_at not in WHERE:
            raise ValueError(f"missing_at must be one of {', '.join(WHERE)}")


# where the candidate would work ("at your clinic", "an addition to your operations group", "a strong
# fit for your crew", "a reliable member of your crew": stop 46, detail-notes-2)
_JOINING = frozenset({"at", "in", "within", "join", "joining"})
_ADDING_TO = frozenset({"addition", "asset", "contribute", "contribution", "bring", "add"})
_BELONGING = frozenset({"fit", "member", "part"})  # "part of your Christmas grotto" names a thing: the kinds only
_WORD = re.compile(r"[\w'’-]+")
_PLACED = frozenset({"in", "on", "at", "within"})  # a place phrase the parser hangs on the verb ("your team | on the night ward")


def _is_the_employer(owned, kinds: frozenset[str], settings: frozenset[str]) -> bool:
    """"at your prestigious nursing home", "a strong addition to your operations group", "a strong
    fit for your crew": the place itself, not a detail of it. A phrase after it describes it
    ("your team on the night ward, where …", which the parser may hang on the verb), unless it
    only says where the field works ("join your team in the kitchen")."""
    nxt = owned.doc[owned.i + 1] if owned.i + 1 < len(owned.doc) else None
    placed = nxt is not None and nxt.dep_ == "prep" and nxt.lower_ in _PLACED and nxt.head.i != owned.i and not any(
        o.ent_type_ in ("DATE", "TIME") for o in nxt.children)  # not "join your team as a junior analyst | after graduation"
    after = [c for c in owned.children if c.dep_ in ("prep", "relcl", "acl")] + ([nxt] if placed else [])
    described = any(not _only_a_setting(a, settings) for a in after)
    head = owned.head
    joining = head.lower_ in _JOINING or (head.lower_ == "to" and head.head.lemma_.lower() in _ADDING_TO) or (
        head.lower_ in ("for", "of") and head.head.lemma_.lower() in _BELONGING and owned.lemma_.lower() in kinds)
    return joining and not described


def _bare_setting(tok, settings) -> bool:
    """A setting word with nothing on it but "the" ("the kitchen", "the ward")."""
    return tok.lemma_.lower() in settings and all(c.dep_ in ("det", "case", "poss") for c in tok.children)


def _only_a_setting(phrase, settings) -> bool:
    """A prepositional phrase that only names a bare setting ("in the kitchen")."""
    objects = [o for o in phrase.children if o.dep_ == "pobj"]
    return phrase.dep_ == "prep" and bool(objects) and all(_bare_setting(o, settings) for o in objects)


def _excluded_nouns(analysis, params, ctx, places: bool = False) -> set[int]:
    """Token indices that can never be the detail: the job title and what hangs on it ("the web
    development role"), company names, slots, and the names of the reader and the writer (the
    greeting's, the context's interviewers and sender: "It was great to meet Dana" is no detail
    when Dana is the reader); with `places`, place names too (where the company is, unless a cue
    points at it)."""
    out = set(_titles_and_slots(analysis, params.title_words)) | _role_named(analysis, ctx.role)
    out |= _in_idioms(analysis, params.idioms)
    note = analysis.note
    named = [*ctx.interviewer, ctx.sender or ""]
    if note.greeting is not None:  # "Dear Dana:", "Hi Dana!"
        named.append(note.text[note.greeting.start : note.greeting.end])
    people = {w.lower() for n in named for w in _WORD.findall(n)}  # "Dr. Okafor" gives "dr", as the token "Dr." is read
    out.update(t.i for t in analysis.doc if t.pos_ == "PROPN" and t.lower_.rstrip(".") in people)  # "Ms." of "Ms. Patel"
    company = (ctx.company or "").lower()
    # ... and the employer by the first word of its name alone: "to help tell Kahurangi's story" (Kahurangi Energy)
    first = _WORD.findall(company)[:1]
    out.update(t.i for t in analysis.doc if t.pos_ == "PROPN" and [t.lower_] == first and len(first[0]) >= 4
               and not (t.i + 1 < len(analysis.doc) and analysis.doc[t.i + 1].pos_ == "PROPN")
               and analysis.doc[max(0, t.i - 1)].lower_ not in ("meet", "met", "meeting"))
    labels = ("ORG", "DATE", "TIME", "CARDINAL", "ORDINAL") + (("GPE",) if places else ())
    for ent in analysis.doc.ents:
        if ent.label_ == "GPE" and _met(ent):
            continue  # a person the parser took for a place: "meet Tomasz", "with you and Tomasz" (stop 47, fresh-44)
        if ent.label_ in labels or (
            company and ent.text.lower() == company
        ):
            out.update(range(ent.start, ent.end))
    return out


def _met(ent) -> bool:
    """The name is someone met: right after "meet" ("meet Tomasz") or "you and" ("with you and
    Tomasz"); a place is visited, not met."""
    before = [t.lower_ for t in ent.doc[max(0, ent.start - 2) : ent.start]]
    return before[-1:] in (["meet"], ["met"], ["meeting"]) or before == ["you", "and"]


def _job_words(analysis, params, ctx) -> frozenset[str]:
    """The lemmas of the job's title (in the note and in the context) and of the employer's name."""
    doc = analysis.doc
    out = {doc[i].lemma_.lower() for i in _titles_and_slots(analysis, params.title_words)}
    for name in (ctx.role or "", ctx.company or ""):
        out.update(w.lower() for w in name.split())
    out.update(w.rstrip("s") for w in list(out))
    return frozenset(out)


def _titles_and_slots(analysis, title_words: tuple[str, ...]) -> frozenset[int]:
    """The job title's words and what hangs on it, and the tokens of template slots:
    a walk over every token of the note, so made once per note (the rule asks twice)."""
    key = ("detail-titles", title_words)
    if key in analysis._memo:
        return analysis._memo[key]
    doc, note = analysis.doc, analysis.note
    out: set[int] = set()
    titles = set(title_words)
    for tok in doc:
        if tok.lemma_.lower() in titles:
            out.update(t.i for t in tok.subtree if t.i < tok.i)  # "the web development role"
            if tok.pos_ == "NOUN":  # ... however the parse hung its words: "the earthquake strengthening engineer
                j = tok.i - 1       # position" (stop 66, detail-notes-21)
                while j >= 0 and (doc[j].tag_ in _TITLE_WORD_TAGS or (doc[j].text == "-" and not doc[j].whitespace_)):
                    j -= 1
                if j >= 0 and j < tok.i - 1 and (doc[j].tag_ in ("DT", "PRP$") or doc[j].dep_ == "poss"):
                    out.update(range(j + 1, tok.i))
            # "the position at A1 Computing" (the parser may hang "at" on the verb instead)
            after = tok.right_edge.i + 1
            preps = [*tok.children, *([doc[after]] if after < len(doc) else [])]
            for employer in (c for c in preps if c.dep_ == "prep" and c.lower_ in ("at", "with")):
                # not people: "walk the townhouse job with you and Tomasz" (stop 47, fresh-44)
                if not any(o.dep_ == "pobj" and o.pos_ == "PRON" for o in employer.children):
                    out.update(t.i for t in employer.subtree)
    if note.placeholders:  # most notes have none
        out.update(tok.i for tok in doc if note.in_placeholder(tok.idx, tok.idx + len(tok)))
    analysis._memo[key] = frozenset(out)
    return analysis._memo[key]


_TITLE_WORD_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ", "VBG", "VBN", "HYPH"})


def _in_idioms(analysis, idioms: tuple[str, ...]) -> set[int]:
    """The tokens of the set phrases the note writes ("so clients stay on track", "a great experience
    from start to finish": stop 66, detail-notes-21)."""
    return {i for idiom in idioms for i in _written(analysis.doc, idiom.lower().split())}


def _role_named(analysis, role: str | None) -> set[int]:
    """The tokens where the note writes the context's role ("the juvenile probation officer opening",
    however parsed: stop 66, detail-notes-21), its last word in the singular or the plural."""
    words = _WORD.findall((role or "").lower())
    return _written(analysis.doc, words, ("", "s", "es")) if words else set()


def _written(doc, words: list[str], endings: tuple[str, ...] = ("",)) -> set[int]:
    """The tokens of every run of `words` in the doc, in any case; the last word may take one of `endings`."""
    n, last = len(words), {words[-1] + e for e in endings}
    return {j for i in range(len(doc) - n + 1)
            if [t.lower_ for t in doc[i : i + n - 1]] == words[:-1] and doc[i + n - 1].lower_ in last
            for j in range(i, i + n)}


def _about_self(tok, stop: set[int], questions: frozenset[str]) -> bool:
    """Is the token in a clause about the candidate? Climbs to the nearest verb with
    a subject, but not past the cue that introduced it. A hypothetical the interviewer
    asked is not the candidate's own (`_asked_hypothetical`)."""
    cur = tok
    for _ in range(12):
        if cur.i in stop:
            return False
        if _mine(cur):
            return True
        subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj and cur.pos_ in ("VERB", "AUX"):
            s = subj[0]
            return (s.lower_ in _FIRST_PERSON or _mine(s)) and not _asked_hypothetical(cur, stop, questions)
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


_HYPOTHETICAL = frozenset({"would", "could", "'d", "’d", "might", "should"})


def _asked_hypothetical(verb, stop: set[int], questions: frozenset[str]) -> bool:
    """The candidate's verb is a hypothetical the interviewer put: the complement of a cue
    ("You asked how I would keep forty hire e-bikes safe", "your question about how I would
    triage the samples") whose verb has someone else as its subject, or whose noun is a
    question (`question_nouns`) not the candidate's own. A detail of the interview, not the
    candidate's plan: "We talked about how I would run the pottery classes", "our conversation
    about how I might finish the MBA" and "I can tell …, and I would be thrilled to join" are not."""
    if verb.head.i not in stop or verb.dep_ not in ("ccomp", "pcomp"):
        return False
    if not any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL for c in verb.children):
        return False
    cur = verb.head
    for _ in range(4):  # from the cue's word up to the verb or noun that puts the question
        if cur.pos_ in ("VERB", "AUX"):
            subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subj and cur.tag_ == "VBG" and cur.dep_ in ("csubj", "nsubj") and not any(_mine(t) for t in cur.subtree):
                return True  # a gerund that is its sentence's subject, an exercise worked through: "Working through how
                #              we'd sync a client's takings into Xero … was a great problem" (stop 57, fresh-55); not
                #              "… how I'd rebuild my uncle's Holden engine was my favourite project at school" (a review)
            return bool(subj) and subj[0].lower_ not in _FIRST_PERSON and not _mine(subj[0])
        if cur.pos_ == "NOUN":
            return cur.lemma_.lower() in questions and not _mine(cur)
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _specific_noun(analysis, params: DetailParams, ctx, places: bool = True):
    """A test for a noun that could name a detail: not generic, not the employer's
    name or the job title, not inside a template slot."""
    generic, praise, aims = set(params.generic), set(params.praise), set(params.praise_verbs)
    adjectives = set(params.praise_adjectives)
    excluded = _excluded_nouns(analysis, params, ctx, places=not places)
    role = frozenset(w.lower() for w in _WORD.findall(ctx.role or ""))
    # the employer by the kind its name ends in: "your trust's clear commitment" for Brookfield Academy Trust
    kind = frozenset(_WORD.findall((ctx.company or "").lower())[-1:])
    rulebooks = frozenset(params.rulebooks)

    def specific(tok) -> bool:
        return (
            tok.pos_ in ("NOUN", "PROPN")
            and tok.i not in excluded
            and not _in_role(tok, role)
            and not (tok.pos_ == "NOUN" and _in_role(tok, kind))
            # a field's rules in the plural: "within the governing documents" (stop 55); not "sharing code with …"
            and not (tok.tag_ == "NNS" and tok.lemma_.lower() in rulebooks
                     and not any(c.dep_ in ("compound", "relcl", "acl") for c in tok.children))  # "the new building regulations that come in"
            and tok.lemma_.lower() not in generic
            and tok.lower_ not in generic
            and len(tok.text) > 2
            and not _hyphen_modifier(tok)
            and not _praised(tok, praise, aims, generic)
            and not _only_praised(tok, adjectives)
        )

    return specific


def _in_role(tok, role: frozenset[str]) -> bool:
    """The noun is a word of the role the context gives, or the start or end of one, and nothing on it
    says which ("run a hire base" for a hire base manager, "look after your docks" for a dockmaster:
    stop 55, detail-notes-9); "the new 45-foot boat" for a lobster boat captain is one boat."""
    if (tok.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "poss" for c in tok.children)) or any(
            c.dep_ in ("amod", "nummod", "relcl", "acl", "prep", "conj") or (c.dep_ == "det" and c.lower_ in _DEFINITE)
            or (c.dep_ == "compound" and not _role_word(c.lemma_.lower(), role)) for c in tok.children):
        return False  # "your café will open on Sundays", "your pools, which are being retiled" (a review)
    return _role_word(tok.lemma_.lower(), role)


def _role_word(lemma: str, role: frozenset[str]) -> bool:
    return lemma in role or (len(lemma) >= 4 and any(
        len(w) >= len(lemma) + 3 and (w.startswith(lemma) or w.endswith(lemma)) for w in role))


def _only_praised(tok, adjectives: set[str]) -> bool:
    """A common noun that a praise adjective describes and nothing else names: "the innovative
    campaigns your team has delivered" says nothing about which; "the innovative campaign for
    Nike", "the exciting analytics work" and "the impressive 40% drop" do (a complement, a
    compound or a number)."""
    if tok.pos_ != "NOUN" or not any(c.dep_ == "amod" and c.lower_ in adjectives for c in tok.children):
        return False
    return not any(c.dep_ in ("compound", "nummod", "prep", "appos", "npadvmod") for c in tok.children)


def _praised(tok, praise: set[str], aims: set[str] = frozenset(), generic: set[str] = frozenset()) -> bool:
    """Is the noun the complement of a praise word ("your dedication to | patient care",
    "the innovative approach to | cloud solutions"), or the object of a vague aim that a
    praise or generic word governs ("your mission to transform | community health", "ongoing
    efforts to enhance | the learner experience")? Climbs its noun phrase. An ordinary verb
    stops the climb ("your commitment to training | new nurses" says what), and so does a
    generic word without an aim ("your efforts around | patient education" names a topic)."""
    cur, aimed = tok, False
    for _ in range(8):
        aim = cur.dep_ == "dobj" and cur.head.lemma_.lower() in aims
        aimed = aimed or aim
        if not (cur.dep_ in _PRAISED_PHRASE or aim or (cur.pos_ == "VERB" and cur.lemma_.lower() in aims
                                                      and cur.dep_ in ("acl", "xcomp", "relcl"))):
            return False
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lemma_.lower() in praise or (aimed and cur.lemma_.lower() in generic):
            return True
    return False


def _hyphen_modifier(tok) -> bool:
    """A piece of a hyphenated modifier ("cutting-edge | technologies", "customer-centric
    design"): it describes the noun after it, it names nothing itself."""
    doc, i = tok.doc, tok.i
    start = i
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_:
        start -= 2
    end = i
    while end + 2 < len(doc) and doc[end + 1].text == "-" and not doc[end].whitespace_ and not doc[end + 1].whitespace_:
        end += 2
    if start == end:
        return False
    last = doc[end]
    return last.dep_ in ("amod", "compound", "nmod") and last.head.i > end


def concrete_sentences(analysis, params: DetailParams, ctx) -> set[int]:
    """The body sentences that name something specific that is not the candidate's own
    ("my skills"). The model and the cues only find a detail in one of these: praise
    of "the company and its culture", "the goals of your team" or "[specific topic]"
    reads like a detail to both, but names nothing. A place counts here ("the
    Lisbon office"): whether it is a detail is the model's and the cues' call."""
    specific = _specific_noun(analysis, params, ctx)
    strong = compile_cues(params.strong_cues)  # "as promised, …" refers to one itself
    return {
        n
        for n, toks in enumerate(analysis.sentence_tokens())
        if any(specific(t) and not _owned_by_me(t) for t in toks) or any(find(c, toks) for c in strong.candidates(toks))
    }


_IN_PHRASE = frozenset({"compound", "amod", "nmod", "conj", "pobj", "prep", "appos"})
# a praise word's complement may be a hyphenated compound spaCy splits ("your approach to | problem-solving")
_PRAISED_PHRASE = _IN_PHRASE | {"npadvmod"}


def _owned_by_me(tok) -> bool:
    """"my skills", "my three years of retail experience": the candidate's, not the
    interview's. Climbs the noun phrase the token is in, up to its head."""
    cur = tok
    for _ in range(8):
        if _mine(cur):
            return True
        if cur.dep_ not in _IN_PHRASE or cur.head.i == cur.i or cur.head.pos_ in ("VERB", "AUX"):
            return False
        cur = cur.head
    return False


def find_details(analysis, params: DetailParams, ctx) -> dict:
    """Body sentence index -> the token that carries the detail found in it."""
    specific = _specific_noun(analysis, params, ctx, places=False)
    questions = frozenset(params.question_nouns)
    cues, strong = compile_cues(params.cues), compile_cues(params.strong_cues)
    demanding = compile_cues(params.particular_cues)
    owners = set(params.owners)
    frames = frozenset(params.frames)
    frame_verbs = frozenset(params.frame_verbs)
    own = _job_words(analysis, params, ctx)
    settings = frozenset(params.settings)
    kinds = frozenset(params.title_words) | frozenset(params.generic) | settings  # what "your …" names by its kind
    skip = _titles_and_slots(analysis, params.title_words) | _company_tokens(analysis, ctx)
    qualities = tuple(params.abstract_endings)
    found = {}
    for n, toks in enumerate(analysis.sentence_tokens()):
        # a frame heads its phrase: not "the focus group", "the demand spike", "the support team"
        # ... or a participle said of the employer: "how strongly the association is committed to …" (stop 55)
        framing = [t for t in toks if ((t.lemma_.lower() in frames or t.lower_ in frames) and (t.pos_ in ("NOUN", "ADJ") or t.tag_ == "VBN")
                   and not (t.pos_ == "NOUN" and t.dep_ in ("compound", "nmod", "amod")))
                   or (t.pos_ == "VERB" and t.lemma_.lower() in frame_verbs)
                   or _how_much(t) or _activity(t) or _how_they_work(t, params)]  # fmt: skip
        lists = _topic_lists(toks, params.topic_list) if params.topic_list else []

        def content(tok, stop: set[int], toks=toks, framing=framing, lists=lists) -> bool:
            return (specific(tok) and not _about_self(tok, stop, questions) and not _refers_back(tok, qualities)
                    and not any(a <= tok.i <= b for a, b in lists)
                    and not (framing and _framed_value(tok, toks, framing, skip, own, params)))  # fmt: skip

        def particular(region, toks=toks, definite=True) -> bool:
            return _particular(region, toks, skip, own, params, definite)

        hit = _detail_at(toks, strong, (cues, demanding), owners, content, particular, kinds, settings,
                         (frozenset(params.plan_judgements), frozenset(params.change_gerunds)))
        if hit is not None:
            found[n] = hit
    return found


_LIST_STOPS = frozenset({"ADP", "VERB", "AUX", "SCONJ", "PRON", "PUNCT"})
_ACRONYM = re.compile(r"[A-Z]{2,}s")  # a plural: a thing of the field ("HPIs"); "ANZ", "NAB" may be clients (a review)
_ITEM_OPENERS = frozenset({"NOUN", "PROPN", "ADJ", "DET", "NUM", "VERB"})  # a gerund opens one too


def _refers_back(tok, qualities) -> bool:
    """A quality named with "that" or "this" and nothing else, a clause's subject, refers to what the sentence
    said before it: "…, and that balance is exactly why I want to grow with a property like yours" (stop 57,
    detail-notes-11); "that tournament you are hosting in March" names one (a review)."""
    return (tok.dep_ in ("nsubj", "nsubjpass") and tok.lower_.endswith(qualities)
            and [c.lower_ for c in tok.children] in (["that"], ["this"]))


def _topic_lists(toks, items: int) -> list[tuple[int, int]]:
    """The (first, last) doc indexes of each list "A, B(, C…)(,) and|or Z" in the sentence's tokens with
    at least `items` noun phrases, more than half of them bare (no article, possessive or number first),
    none with a name or a number: "Our discussion of rates rebates, arrears management and clear
    explanations for people facing hardship", "We talked about image-guided setup, reproducible
    immobilization and clear communication with dosimetry" read out a field's syllabus, not something of
    this interview (stop 52, detail-notes-6). "the Halden rebuild, the Q3 audit and the new intake app"
    names three things. Read off the words, not the parse, which often breaks such a list."""
    out, k, n = [], 0, len(toks)
    while k < n:
        if toks[k].text != ",":
            k += 1
            continue
        # the first item: back from the comma to a preposition, a verb or the sentence's start
        j = k - 1
        while j >= 0 and toks[j].pos_ not in _LIST_STOPS and toks[j].text != ",":
            j -= 1
        found = [(j + 1, k - 1)] if j + 1 <= k - 1 else []
        m = k + 1
        closed = False
        while found and m < n:
            e = m
            while e < n and toks[e].text != "," and toks[e].lower_ not in ("and", "or"):
                e += 1
            if e >= n or e == m and toks[e].lower_ not in ("and", "or"):
                break
            if e > m:
                found.append((m, e - 1))
            if toks[e].lower_ in ("and", "or"):
                # the last item: to a finite verb or a stop
                f = e + 1
                while f < n and not toks[f].is_punct and toks[f].tag_ not in ("VBD", "VBZ", "VBP", "MD"):
                    f += 1
                if f > e + 1:
                    found.append((e + 1, f - 1))
                    closed = True
                m = f
                break
            m = e + 1
        if closed and len(found) >= items and all(b - a < 8 for a, b in found[:-1]):
            words = [toks[a : b + 1] for a, b in found]
            # each item a noun phrase: not "…, even ahead of the main road, and that the route was changed"
            phrases = all(w[0].pos_ in _ITEM_OPENERS for w in words)
            # a field's acronym in the plural is no name: "complete HPIs, a thorough review of systems and clean charts"
            # (stop 57, detail-notes-11)
            named = any(t.like_num or any(ch.isdigit() for ch in t.text)
                        or (t.text[:1].isupper() and not t.is_sent_start and not _ACRONYM.fullmatch(t.text))
                        for w in words for t in w)
            bare = sum(1 for w in words if w[0].pos_ not in ("DET", "NUM") and w[0].tag_ != "PRP$")
            if phrases and not named and bare * 2 > len(words):
                out.append((toks[found[0][0]].i, toks[found[-1][1]].i))
                k = max(m, k + 1)
                continue
        k += 1  # no list from this comma: a later one may open one ("During the interview, we talked about A, B and C")
    return out


# "how seriously the home takes safeguarding", "how much the team values clean, maintainable APIs": a degree
# the employer holds a value to, a frame as "the importance of" is (stop 50, detail-notes-3)
_DEGREES = frozenset({"seriously", "much", "highly", "strongly", "deeply",
                      "well", "closely", "carefully"})  # "how well the practice supports its new graduates" (stop 52, detail-notes-6)


def _how_much(tok) -> bool:
    """The token is the degree word of a "how" clause, said of its verb: "how seriously … takes", "how
    much … values"; not "how much trust your team has built with local families" (an amount of a thing)."""
    return (tok.lower_ in _DEGREES and tok.i > 0 and tok.nbor(-1).lower_ == "how"
            and tok.dep_ in ("advmod", "dobj", "npadvmod")
            and tok.head.pos_ in ("VERB", "AUX"))  # "how strongly the association is committed" (stop 55)


def _how_they_work(tok, params) -> bool:
    """The token is the "how" of a present-tense clause, with no object, on how the employer's people
    (`_people`) work, or the employer by its kind said bare ("how the plant runs.", below), said of
    their habit: "hearing how your keepers work closely together", "how the gang looks
    out for each other" name any good team's ways, a frame as "the importance of" is, unless the clause
    names something particular ("how your crew works around the Cairns run"). What they do to a thing
    is left to the cues: "how the lab triages incoming samples" (stop 52, detail-notes-2 and -4, read
    again)."""
    if tok.lower_ != "how" or tok.dep_ != "advmod" or tok.head.tag_ not in ("VBP", "VBZ"):
        return False
    if any(c.dep_ == "dobj" for c in tok.head.children):
        return False  # what they do to a thing may be a detail: "how the lab triages incoming samples" (issue 8)
    subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    if subj is None or not any(c.dep_ in ("poss", "det") and c.lower_ in ("your", "the", "its", "their") for c in subj.children):
        return False
    if _people(subj):
        return True
    # ... or how the employer by its kind runs or works, named by nothing else, with nothing after it: "explain how
    # the plant runs." (stop 61, detail-notes-16); "how the new Kestrel press runs" is a thing of theirs, "how the
    # farm runs without any hired staff", "how the mill runs nonstop", "how the salon works, with each stylist
    # renting a chair" facts about it, "how the ground drains" a thing seen (two reviews)
    verb, doc = tok.head, tok.doc
    return (verb.lemma_.lower() in _RUNNING and _the_employers(subj, params)
            and all(c.dep_ in ("poss", "det") for c in subj.children)
            and all(c in (subj, tok) for c in verb.children)
            and (verb.i + 1 == len(doc) or doc[verb.i + 1].text in (".", "!")))


_RUNNING = frozenset({"run", "work", "operate", "function"})


# a group of people, by its noun; or people by their work ("keepers", "surveyors", "nurses")
_AGENT_ENDINGS = ("er", "or", "ist", "ian")  # people by their work: "keepers", "surveyors", "a supervisor"
_UNITS = frozenset({"group", "unit"})  # "the analytics group": a part of the employer
_GROUPS_OF_PEOPLE = frozenset({"team", "crew", "staff", "gang", "squad", "people", "nurse", "member", "colleague",
                               "employee", "volunteer", "carer", "staffer", "apprentice", "trainee"})


def _the_employers(tok, params) -> bool:
    """The noun is the employer or its people by their kind: "the practice", "the unit", "the association", "the
    nurses" (stop 55), not a thing of theirs ("the new ring road", a review)."""
    lemma = tok.lemma_.lower()
    return (_people(tok) or lemma in _EMPLOYER_KINDS or lemma in params.generic or lemma in params.title_words
            or lemma in params.settings or lemma in _UNITS or lemma == "function")


def _people(tok) -> bool:
    """The noun names people: a group ("the gang", "the porter teams") or people by their work, a plural
    agent noun ("your keepers", "your surveyors"); not a thing ("the new Kestrel press", "the 3D
    printer") nor the employer ("the practice") (a review, stop 52)."""
    lemma = tok.lemma_.lower()
    return lemma in _GROUPS_OF_PEOPLE or (tok.tag_ == "NNS" and lemma.endswith(_AGENT_ENDINGS))


def _activity(tok) -> bool:
    """The token is a gerund the meeting was about: "our discussion of managing a busy caseload", "our talk
    about running a dryer safely" name the job's work in general, a frame as "the importance of" is, unless
    its phrase names something particular ("our chat about restocking the walk-in freezer") (stop 51,
    detail-notes-5)."""
    prep = tok.doc[tok.i - 1] if tok.i else None
    if prep is None or prep.lower_ not in ("of", "about", "on") or prep.head.lemma_.lower() not in _MEETING:
        return False
    # ... and its like, right after the preposition: a gerund the parse reads as an adjective ("our discussion of
    # supporting boards across diverse rural and urban communities"), a "how" or "what" clause ("our discussion of
    # what it means to run a seasonal outdoor pool") (stop 55, detail-notes-9)
    return ((tok.tag_ == "VBG" and (tok.dep_ in ("pcomp", "pobj") and tok.head.i == prep.i
                                    or tok.dep_ == "amod" and tok.head.dep_ == "pobj" and tok.head.head.i == prep.i))
            or _what_it_takes(tok))


def _what_it_takes(tok) -> bool:
    """"how to …", "how best to …", "how a supervisor can motivate …" (the employer's people), "what it means|takes
    to …", "what an apprentice needs to succeed": the job in general, not "how your old forklifts keep breaking
    down" (a review)."""
    doc, i = tok.doc, tok.i
    nxt = [t.lower_ for t in doc[i + 1 : i + 4]]
    if tok.lower_ == "how":
        if nxt[:1] == ["to"] or nxt[:2] == ["best", "to"]:
            return True
        verb = tok.head
        return verb.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "nsubj" and (_people(c) or c.lemma_.lower().endswith(_AGENT_ENDINGS)) for c in verb.children)
    return tok.lower_ == "what" and any(t.lemma_.lower() in ("mean", "take", "need", "require", "involve")
                                        for t in doc[i + 1 : i + 5])


def _company_tokens(analysis, ctx) -> set[int]:
    """The tokens of the employer's name, where the note writes it as the context gives it."""
    company = (ctx.company or "").lower()
    return {i for ent in analysis.doc.ents if company and ent.text.lower() == company for i in range(ent.start, ent.end)}


def _detail_at(toks, strong, cue_sets, owners, content, particular, kinds, settings, plans=((), ())):
    """The token that makes a sentence carry a detail (a strong cue's first word, the specific
    noun a cue or an owner governs, or a particular subject the candidate says what it is to
    them: `_said_of_subject`), or None. `cue_sets`: the cues, and those that need a particular thing."""
    for cue in strong.candidates(toks):
        for s, e in find(cue, toks):
            return toks[s]
    cues, demanding = cue_sets
    mine = _owns_mine(toks)
    for cue, needs in [*((c, False) for c in cues.candidates(toks)),
                       *((c, True) for c in demanding.candidates(toks) if not mine)]:
        # the cue's own words refer to the interview, they are never the detail
        said = {w for step in cue.steps if step.op == "word" for w in step.values}
        for s, e in find(cue, toks):
            if any(_supposed(t) for t in toks[s:e]):
                continue  # a hypothetical, not the interview: "… if you see it being a helpful resource",
                #           "if you want to see me in action" (stop 51, detail-notes-5)
            if _skill_of_mine(toks[s]):
                continue  # what the candidate is good at, not what the interview told: "I'm comfortable explaining
                #           complex charges in plain language" (stop 52, detail-notes-6)
            if _offer_of_mine(toks[s]):
                continue  # what the candidate offers to show or share: "… and would be happy to share additional
                #           portfolio pages or process work" (stop 66, detail-notes-21)
            if _others_talk(toks[s]):
                continue  # talk in general, not the interview: "something people talk about on the drive home", "in
                #           conversations that need tact" (stop 56, detail-notes-10)
            stop = {t.i for t in toks[s:e]}
            # what the cue's words govern ("hearing | about the new press"), not any noun
            # later in the sentence ("…, and my background in retail …"); a cue that frames
            # the whole sentence ("From our conversation, | I understand …") governs all of it
            cue = toks[s:e]
            # the cue's words that hang from outside it (a root hangs from itself, and its subtree
            # is in the scope already, as every cue word's is)
            top = [t for t in cue if t.head not in cue]
            roots = [t.head if t.dep_ in ("prep", "advcl") and t.head.dep_ == "ROOT" else t for t in top]
            # a gerund the parser took for a name's first word governs the name's phrase: "Shadowing Rosa at the
            # Thursday diabetes cooking class …" read as one name, "Shadowing Rosa" (stop 67)
            roots += [t.head for t in top if t.dep_ == "compound" and t.lower_.endswith("ing") and t.i == t.head.i - 1]
            scope = {t.i for c in (*cue, *roots) for t in c.subtree if toks[s].i <= t.i < toks[s].i + 30}
            # ... and in the candidate's own clause joined to it, only a particular thing: not "You mentioned …, and
            # I could not agree more that a good charter is as much about hospitality as fish" (stop 56,
            # detail-notes-10); "…, and I think the mezzanine racking you are adding in May is a smart move" (a review)
            scope -= {t.i for c in (*cue, *roots) for k in c.children if k.dep_ == "conj" and k not in cue
                      and any(n.dep_ == "nsubj" and n.lower_ in ("i", "we") for n in k.children) for t in k.subtree
                      if not (t.pos_ in ("NOUN", "PROPN") and particular(list(t.subtree)))}
            # a cue that is what its sentence's subject is ("The new transitional flat … was a
            # highlight of my visit", "The rota spreadsheet … is a problem I would be keen to tackle")
            # is about that subject, when the subject names something particular and is not the
            # candidate's ("Working with children is a challenge I would love to take on")
            subjects = [c for t in top if t.dep_ == "attr" and t.head.lemma_ == "be" and not _habit_of_mine(t)
                        for c in t.head.children if c.dep_ in ("nsubj", "csubj")]  # fmt: skip
            scope |= {t.i for c in subjects if not any(_mine(x) or x.lower_ in _FIRST_PERSON for x in c.subtree)
                      and particular(list(c.subtree)) for t in c.subtree}  # fmt: skip
            # nor is what an "if" clause on the cue supposes ("happy to discuss further | if you
            # see it being a helpful resource")
            scope -= {t.i for c in cue for a in c.children if _conditional(a) for t in a.subtree}
            # the cue's own words are the reference, not the detail ("having a discussing about")
            hit = next((t for t in toks[max(0, s - 40) : s + 30]
                        if t.i in scope and content(t, stop) and not (t.i in stop and t.lower_ in said)
                        and not _toured(t, stop)), None)  # fmt: skip
            if hit is not None and needs and not particular([t for t in toks if t.i in scope and t.i not in stop]):
                continue  # "The panel gave me plenty of time" names nothing (a review of stop 57)
            if hit is not None:
                return hit
    hit = (_said_of_subject(toks, content, particular) or _offered_on_subject(toks, content, particular)
           or _told_as_now(toks, content, particular) or _plan_told_plainly(toks, particular, plans))
    if hit is not None:
        return hit
    for tok in toks:
        if tok.lower_ in owners and tok.dep_ == "poss":
            owned = tok.head
            if _is_the_employer(owned, kinds, settings) or _wished_for(owned):
                continue
            region = list(owned.subtree)
            nxt = owned.doc[owned.i + 1] if owned.i + 1 < len(owned.doc) else None
            if nxt is not None and nxt.dep_ == "prep":  # "your notes | on pacing …", attached higher up
                region += list(nxt.subtree)
            stop = {owned.i} | ({nxt.i} if nxt is not None else set())
            # the people the employer serves, owning a thing, are its own: "add something to your residents' day"
            # (stop 52, detail-notes-6); "your patient with the broken hip" names one by what follows
            hit = next((t for t in region if content(t, stop)
                        and not (t.i == owned.i and t.dep_ == "poss" and t.lemma_.lower() in settings)), None)  # fmt: skip
            if hit is not None:
                return hit
    return None


_FIRST_PERSON_WORDS = _FIRST_PERSON | {"us"}
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_EMPLOYER_KINDS = frozenset({"club", "association", "society", "institute", "trust", "charity", "foundation"})
_FRAME_REACH = 12  # tokens from a frame to a detail the parser hung elsewhere ("the focus on | student wellbeing",
# "the challenges of the role, from long shifts to high call volumes": stop 51, detail-notes-4)


def _framed_value(tok, toks, framing, skip: set[int], own: frozenset[str], params) -> bool:
    """Is the noun part of a value the employer holds, named by a frame ("the importance of
    teamwork", "the school's focus on student wellbeing", "how important consistency is"), with
    nothing particular in the frame's phrase (`_particular`)? Template praise fits any employer;
    "the importance of the R102 culvert works" or "your focus on Vocera handovers" does not."""
    owner = tok.head if tok.dep_ == "poss" and tok.head in framing else None  # "the press's | dedication to …"
    said = [f for f in framing if f.pos_ == "VERB" and f.lemma_.lower() in params.frame_verbs]  # frames its object alone
    for f in said:
        obj = next((c for c in f.children if c.dep_ == "dobj"), None)
        if obj is not None and tok in obj.subtree:
            if any(c.dep_ == "poss" and c.lower_ == "your" for c in obj.children) and not (
                    obj.lemma_.lower() in params.generic or obj.lemma_.lower() in params.frames):
                return False  # "You highlighted your backlog of unpaid invoices": a thing of theirs (a review)
            region = sorted(obj.subtree, key=lambda t: t.i)
            return not _particular(region, toks, skip, own, params)
    framing = [f for f in framing if f not in said]  # not "You stressed that your walk-in freezer broke down" (a review)
    inside = [f for f in framing if (f.pos_ in ("NOUN", "VERB") or _activity(f)) and f.left_edge.i <= tok.i <= f.right_edge.i
              and tok in f.subtree]
    if owner is not None or inside:
        frame = owner if owner is not None else max(inside, key=lambda f: f.i)
        region = [t for t in frame.subtree] + ([tok] if owner is not None else [])
    else:  # the parse may hang the detail elsewhere: the nearest frame just before it
        before = [f for f in framing if 0 <= tok.i - f.i <= _FRAME_REACH]
        if not before:
            return False
        frame = before[-1]
        region = [t for t in toks if t.i >= frame.i]
    region.sort(key=lambda t: t.i)
    # what the candidate goes on to say is theirs ("…, and I value that same partnership in my work")
    # (or after a relative pronoun: "…, which I believe is essential": stop 50, detail-notes-3)
    cut = next((t.i for t in region if t.i > frame.i and t.lower_ in _FIRST_PERSON_WORDS
                and (t.i == 0 or t.nbor(-1).is_punct or t.nbor(-1).pos_ == "CCONJ"
                     or t.nbor(-1).lower_ in ("which", "that", "who"))), None)  # fmt: skip
    if cut is not None and tok.i >= cut and not (owner is not None or inside):
        return False  # past the frame's phrase, in the candidate's own clause ("…, and I keep thinking about …")
    if frame.lower_ == "how" or _how_much(frame):  # the employer's people the "how" clause is about are no particular
        # thing ("the gang", "how strongly the association is committed": stop 55); what names them further is ("your
        # team in the Leeds depot"), and so is a thing: "how much the new ring road has cut your foot traffic" (a review)
        skip = skip | {t.i for c in frame.head.children if c.dep_ in ("nsubj", "nsubjpass")
                       and (frame.lower_ == "how" or _the_employers(c, params))
                       for t in (c, *(k for k in c.children if k.dep_ in ("det", "poss")))}
    return not _particular([t for t in region if cut is None or t.i < cut], toks, skip, own, params, frame=frame)


def _particular(region, toks, skip: set[int], own: frozenset[str], params, definite: bool = True,
                frame=None) -> bool:
    """Does the phrase name something particular: a name ("the Tesco contract", "the busy
    Christmas period"), a number, one thing with "the" or "this" ("checking the freezer
    temperature"), or a word rarer than `uncommon` (wordfreq Zipf)? Not the job's own words
    ("the relationship between attorneys and paralegals" in a paralegal's note), not a quality,
    however rare or definite ("how important punctuality is", "the friendliness of your staff"),
    nor a time ("at the last minute")."""
    from thanklint.respell import common_words

    words, qualities = common_words(), tuple(params.abstract_endings)
    generic, frames, settings = set(params.generic), set(params.frames), set(params.settings)
    rulebooks, praise = set(params.rulebooks), set(params.praise)
    # "the club's volunteers": an owner that is the employer by its kind makes its people no one thing (stop 55); "the
    # club's changing rooms" are (a review)
    employers = set(params.title_words) | _EMPLOYER_KINDS
    units = set(params.title_words) | _UNITS
    for t in region:
        if t.i in skip or t.lemma_.lower() in own or t.lower_ in own:
            continue
        if (t.pos_ == "NUM" and t.lower_ != "one") or any(c.isdigit() for c in t.text):  # "the 40-bed ward"
            return True
        if t.pos_ == "PROPN" and t.i != toks[0].i and not _names_rules(t, params.rulebooks):
            return True
        quality = t.lower_.endswith(qualities)
        rare = t.is_alpha and len(t.text) > 3 and words.get(t.lower_, 0) < params.uncommon
        if rare and t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB") and not quality:
            return True
        if (definite and t.pos_ == "NOUN" and t.dep_ != "poss" and t.ent_type_ not in ("DATE", "TIME") and not quality
                and (t.lemma_.lower() not in generic or (_named_kind(t, generic | settings) and t.lemma_.lower() not in units))
                and t.lemma_.lower() not in frames
                and t.lemma_.lower() not in rulebooks  # "within the governing documents": a field's rules (stop 55, detail-notes-9)
                and not (_bare_setting(t, settings) and _where_or_whom(t))
                and not _range_end(t, generic, praise)
                and not any(c.dep_ == "amod" and c.lower_ in _FITTING for c in t.children)
                and (frame is None or _modified(t) or not _a_setting_slot(t, frame, frames))
                and any(_definite(c, settings | employers if _people(t) or t.lemma_.lower() in generic else settings)
                        for c in t.children)):
            return True  # one thing, not a value; not the frame's owner ("the press's dedication")
    return False


_MODIFIERS = frozenset({"amod", "compound", "nmod", "nummod", "prep", "relcl", "acl", "poss", "appos"})


def _range_end(tok, generic: set[str], praise: set[str]) -> bool:
    """A bare "the" noun that ends a range a value any employer holds spans, "fish quality from the tender
    to the case": the whole of a process, from its first step to its last, no one thing (stop 60,
    detail-notes-15). Not a noun with words of its own ("from the old depot to the new one" names which),
    nor the path of a move or a task ("route a truck from the depot to the quarry", "cutting the walk from
    the kiln to the dryer", "the journey from the ward to the theatre": reviews)."""
    if tok.dep_ != "pobj" or _modified(tok) or tok.head.lower_ not in ("from", "to"):
        return False
    doc = tok.doc
    if tok.head.lower_ == "from":
        frm, nxt = tok.head, tok.right_edge.i + 1
        if not (nxt < len(doc) and doc[nxt].lower_ == "to" and any(
                c.dep_ == "pobj" and not _modified(c) for c in doc[nxt].children)):
            return False
    else:  # "to": right after a "from" phrase of its own
        before = tok.head.i - 1
        if before < 0:
            return False
        frm = next((t for t in doc[max(0, before - 6) : before] if t.lower_ == "from" and doc[before] in t.subtree
                    and doc[before].right_edge.i == before), None)
        if frm is None:
            return False
    # a bare value ("fish quality", "service"), not "the journey", "the patient journey", that a praise word governs
    # ("your emphasis on"): "You explained that support from the helpdesk to the engineers is handled in Jira" is a fact
    # of theirs (reviews)
    return (frm.head.pos_ == "NOUN" and frm.head.lemma_.lower() in generic
            and not any(c.dep_ in ("det", "poss") for c in frm.head.children) and _praised(frm.head, praise))


def _modified(tok) -> bool:
    """The noun has words of its own that say which one: "on the new line", "in the backlog of unpaid
    invoices"; not a bare "on the trail", "on the river" (where the field works: stop 56, detail-notes-10)."""
    return any(c.dep_ in _MODIFIERS for c in tok.children)


_LOCATIONS = frozenset({"on", "in", "at", "across", "around", "along", "through", "throughout", "over"})


def _a_setting_slot(tok, frame, frames) -> bool:
    """In a value's frame, the noun says where or with what the field works: after a preposition of place
    that is not the frame's own ("storytelling on the trail", "a memorable experience on the river"), or
    as the object of the work a value noun names ("the importance of reading the weather", "your focus on
    reducing rejections while keeping the line running"); not "your focus on the rebuild", "the challenge
    of the merger", nor what the people of a "how" clause did ("how your drivers handled the closure": a
    review, stop 56)."""
    while tok.dep_ == "conj" and tok.head.pos_ == "NOUN":
        tok = tok.head  # "working with the tides and the weather": the pair's slot is the first's
    prep = tok.head
    verb = prep.head.lemma_.lower()
    if (tok.dep_ == "pobj" and prep.lower_ in _PHRASAL and frame.pos_ == "NOUN" and prep.head.tag_ == "VBG"
            and (verb in _TENDING or (verb in _ONGOING and tok.tag_ == "NNS")) and not _timed(prep.head)):
        return True  # what a phrasal verb's work tends or goes on with: "your commitment to looking after the country",
        #              "the challenges of working with the tides and the weather" (stop 57, detail-notes-11); not one
        #              event: "working with the renovation" (a review)
    if tok.dep_ == "pobj":
        # the frame's own preposition is its first ("your focus on the rebuild"); a later one says where: "the
        # importance of safety and teamwork on the shore" (stop 57, detail-notes-11)
        own = (prep.head.lemma_.lower() in frames or prep.head.lower_ in frames) and prep == next(
            (c for c in prep.head.children if c.dep_ == "prep"), None)
        return prep.lower_ in _LOCATIONS and not own
    return tok.dep_ == "dobj" and frame.pos_ == "NOUN" and tok.head.tag_ == "VBG" and not _timed(tok.head)


_PHRASAL = frozenset({"with", "after", "for", "around"})
_TENDING = frozenset({"look", "care"})  # "looking after", "caring for": whatever is tended
_ONGOING = frozenset({"work", "live"})  # "working with the tides": things, in the plural; not "dealing with the merger"


def _timed(verb) -> bool:
    """The verb says how often: "walking the floor every hour" is one practice (a review, stop 46)."""
    return any(c.dep_ in ("npadvmod", "advmod", "prep") and any(d.lower_ in ("every", "each") or d.dep_ == "nummod"
                                                                for d in c.children) for c in verb.children)


def _names_rules(tok, rulebooks) -> bool:
    """The name is a regulator's or a scheme's, on the rules the whole field keeps: it modifies a
    rulebook noun, alone or with others ("strict RSA compliance", "WoF and CoF requirements"), ends
    the name of one ("the Fisheries Act", "the Ontario Building Code"), or is the regulator its keeping
    is owed to ("compliance with the Department of Insurance": stop 54, detail-notes-8). Every employer
    in the field keeps those: praise of them fits any note (stop 53, detail-notes-7); "the Halden audit"
    or "the RSA refit" names one thing. An acronym's rules, a capitalised rulebook or an Act only: "your
    focus on clean Python code" names what the team writes (a review)."""
    acronym = sum(c.isupper() for c in tok.text) >= 2  # "RSA", "WoF"; not "Python code", "Kubernetes guidelines"
    cur = tok
    for _ in range(4):
        if (cur.lemma_.lower() in rulebooks or cur.lower_ in rulebooks) and (
                acronym or cur.lower_ == "act" or (cur.i != tok.i and cur.text[:1].isupper())):
            return True  # ... or a rulebook's name: "the Maharashtra Land Revenue Code" (stop 54, detail-notes-8)
        if cur.dep_ not in ("compound", "conj", "nmod") or cur.head.i == cur.i:
            break
        cur = cur.head
    # the regulator a rulebook is kept with: "compliance with the Department of Insurance", "take compliance
    # with …" (the parser may hang "with" on the verb); not "sharing code with the Apache Foundation" (a review)
    while cur.dep_ == "pobj" and cur.head.lower_ == "of" and cur.head.head.pos_ == "PROPN":
        cur = cur.head.head  # "Insurance" of "the Department of Insurance"
    prep = cur.head if cur.dep_ == "pobj" else None
    if prep is None or prep.lower_ not in ("with", "to", "by"):
        return False
    kept = [prep.head] + [c for c in prep.head.children if c.dep_ == "dobj"]
    return any(k.lemma_.lower() in _KEEPING for k in kept)


# the nouns of keeping a field's rules, owed to a regulator ("compliance with the Department of Insurance")
_KEEPING = frozenset({"compliance", "adherence", "accreditation", "registration", "certification"})


# "the right gear", "the proper way": whatever fits, not one thing (stop 50, detail-notes-3)
_FITTING = frozenset({"right", "proper", "correct", "appropriate", "best"})


def _named_kind(tok, plain: set[str]) -> bool:
    """A generic head that a noun before it names: "the warehouse project", "the new booking system"
    (a review, stop 46); not "the team project"."""
    return any(c.dep_ == "compound" and c.pos_ == "NOUN" and c.lemma_.lower() not in plain for c in tok.children)


_WHERE = frozenset({"in", "on", "at", "within", "across", "throughout", "around", "among", "to", "of", "for"})
_MANNER = frozenset({"treat", "support", "respect", "serve", "care", "value", "listen", "put"})


def _where_or_whom(tok) -> bool:
    """Does the setting say where or for whom the field works ("respect in the kitchen", "treating the
    residents with dignity"), not what is done to it ("walking the floor every hour", "heating the
    studio through the winter": a review, stop 46)?"""
    if tok.dep_ == "pobj":
        return tok.head.lower_ in _WHERE
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in _MANNER


def _definite(child, settings) -> bool:
    """Does the child make its head one thing: "the"/"this", or an owner that has it ("the top
    floor's new hoist"), unless that owner is a bare setting ("the pupil's learning")?"""
    if child.dep_ == "det":
        return child.lower_ in _DEFINITE
    return (child.dep_ == "poss" and child.pos_ == "NOUN" and any(d.dep_ == "det" and d.lower_ in _DEFINITE for d in child.children)
            and not _bare_setting(child, settings))


_TASKS = frozenset({"problem", "issue", "fault", "challenge", "repair", "project", "task", "job", "kind", "sort", "type",
                    "transition", "change", "switch", "situation"})  # fmt: skip
_FONDNESS = frozenset({"love", "enjoy", "like", "adore", "be"})


def _said_of_subject(toks, content, particular):
    """A particular thing the candidate says what it is to them ("The 1642 psalter with the detached
    upper board is exactly the kind of repair I trained for", "The scour at pier 3 is an issue I
    have dealt with", "The three West Coast stations that keep dropping out would be an ideal first
    project for me"): the subject of "be" whose complement the candidate's clause or "for me" describes,
    a subject with a name, a number or a rare word in it ("the" and a common noun is any workplace's:
    "The busy weekends are exactly the kind of pressure I enjoy"). Not the candidate's own thing
    ("My thesis is a project I loved"), nor a value ("Teamwork is something I care about"), nor what
    the candidate does or feels as a rule ("The Great North Run is an event I train for every year",
    "… the achievement I am proudest of": a review, stop 46)."""
    for attr in toks:
        if attr.dep_ != "attr" or attr.head.lemma_ != "be" or attr.pos_ not in ("NOUN", "PRON"):
            continue
        # "the kind of challenge I enjoy" says what the thing is like, now; "an event I train for every year"
        # is the candidate's habit (stop 54, detail-notes-2 read again)
        kind = attr.lemma_.lower() in ("kind", "sort", "type") and all(
            v.lemma_.lower() in _FONDNESS for v in attr.children if v.dep_ == "relcl")
        if not kind and _habit_of_mine(attr, present=True):
            continue
        mine = [v for v in attr.children if v.dep_ == "relcl"
                and any(c.dep_ == "nsubj" and c.lower_ in _FIRST_PERSON for c in v.children)]  # fmt: skip
        for_me = any(v.dep_ == "prep" and v.lower_ == "for" and any(c.lower_ in ("me", "us") for c in v.children)
                     for v in attr.children)  # "… would be an ideal first troubleshooting project for me"
        # the candidate's clause makes the thing a task they have met or would take on ("an issue I have
        # dealt with"), not a thing of theirs ("a qualification I have already completed", "a challenge I
        # loved at school": a review, stop 46)
        task = attr.lemma_.lower() in _TASKS and not any(
            v.lemma_.lower() in _FONDNESS and not (kind and v.tag_ in ("VBP", "VBZ")) for v in mine)
        if not (for_me or (mine and task)):
            continue
        for subj in (c for c in attr.head.children if c.dep_ in ("nsubj", "csubj")):
            if (subj.pos_ != "PROPN" and not any(c.dep_ in ("det", "nummod") for c in subj.children)
                    and not (subj.tag_ == "VBG" and any(c.dep_ == "dobj" for c in subj.children))):
                continue  # "Stocktaking is the bit where I come into my own": a kind of work, not one thing;
                #           "Clearing the backlog of roughly thirty e-bike services" does one thing
            phrase = list(subj.subtree)
            if any(_mine(x) or x.lower_ in _FIRST_PERSON_WORDS for x in phrase) or not particular(phrase, definite=False):
                continue
            hit = next((t for t in phrase if content(t, {attr.head.i})), None)
            if hit is not None:
                return hit
    return None


def _offered_on_subject(toks, content, particular):
    """A particular thing of the employer's, told plainly as its sentence's subject, that the candidate
    then offers to take on or join: "The credit book for regular customers has grown so thick that no
    one is sure who owes what, and I would like to sort that out early", "The robotic urology list that
    starts on Thursday mornings next year sounds like a great development, and I would love to be part
    of it" (stop 54, detail-notes-8). The subject is "the" or "this" with words that tell which one
    (a clause, a phrase or an adjective), and particular (`_particular`); the offer is a clause of the
    candidate's with "would" or "'d" that takes the thing on, by a verb of doing (`_TAKING_ON`) or as
    a part of it, and points back to it ("it", "that"); or what the reader has been doing since
    (`_living_with_it`). "The culture your team has built is something
    I would love to be part of" names no particular thing; "The fast pace of the office seemed
    energising, and I would thrive in it" and "The positive attitude of the staff stood out, and I
    would fit right in" take nothing on (a review)."""
    said = any(_takes_it_on(t) or _living_with_it(t) for t in toks)
    for subj in toks:
        if subj.dep_ not in ("nsubj", "nsubjpass") or subj.head.dep_ != "ROOT" or subj.pos_ != "NOUN":
            continue
        if not (said or _suits_me(subj.head) or _moved_me(subj.head)):
            continue
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in subj.children):
            continue
        if not any(c.dep_ in ("relcl", "acl", "prep", "amod", "appos") for c in subj.children):
            continue
        hit = _subject_hit(subj, content, particular)
        if hit is not None:
            return hit
    return None


def _in_conj(tok, head) -> bool:
    """`tok` is in a clause joined to `head` after it ("…, and I'd be keen to …")."""
    return any(c.dep_ == "conj" and c.i > head.i and tok in c.subtree for c in head.children)


def _subject_hit(subj, content, particular):
    """The first detail word of a subject that names a particular thing, not the candidate's own."""
    phrase = list(subj.subtree)
    if any(_mine(x) or x.lower_ in _FIRST_PERSON_WORDS for x in phrase) or not particular(phrase):
        return None
    return next((t for t in phrase if content(t, set())), None)


def _owns_mine(toks) -> bool:
    """The sentence says "my" or "our": about the candidate's own past ("At my last job the panel asked …")."""
    return any(t.lower_ in ("my", "our") for t in toks)


def _told_as_now(toks, content, particular):
    """A particular thing of the workplace, told plainly as how it stands now: the subject of the
    sentence (or of a clause joined to it) is "the" or "this" thing with words that tell which one, or
    most or a lot of it, and its verb is in the present: "The border machine at the far end of the line
    is the one holding everything up", "Most of the current order book is swapping old polycarbonate
    roofs …", "The four-colour Heidelberg is running the school textbook order" (stop 57,
    detail-notes-13). Only the candidate could know it from the interview; "The role is a great fit"
    or "Your commitment to safety is inspiring" names nothing particular (`_particular`)."""
    for subj in toks:
        if subj.dep_ not in ("nsubj", "nsubjpass") or not (
                subj.head.dep_ == "ROOT" or (subj.head.dep_ == "conj" and subj.head.head.dep_ == "ROOT")):
            continue
        thing = _share_of(subj) or subj  # "Most of | the summer schedule", "A lot of | the farm jobs"
        if thing.pos_ not in ("NOUN", "PROPN"):
            continue
        head = subj.head
        finite = [head] + [c for c in head.children if c.dep_ in ("aux", "auxpass")]
        if not any(t.tag_ in ("VBZ", "VBP") for t in finite) or any(t.tag_ == "MD" for t in finite):
            continue
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in thing.children):
            continue
        if not any(c.dep_ in ("relcl", "acl", "prep", "amod", "appos", "compound") for c in thing.children) \
                and thing.pos_ != "PROPN":
            continue
        if _the_candidates(toks, head):
            continue  # the candidate's own place or liking: "At my current plant, the night shift is short-staffed",
            #           "The busy weekends are exactly the kind of pressure I enjoy" (a review); a clause of theirs
            #           joined after it may follow: "…, and I'd be keen to train toward working on it" (detail-notes-4)
        if _judged(head) or _said_of_all(head) or thing.lemma_.lower() in _SAYINGS:
            continue  # a judgement or a truth of the field: "The busy season is the hardest part of the job", "The
            #           care sector is facing staff shortages", "The key to good service is listening" (a review)
        hit = _subject_hit(subj, content, particular)
        if hit is not None:
            return hit
    return None


_PLACING = frozenset({"in", "into", "onto", "to", "at", "behind", "beside", "near", "out", "from", "by", "before",
                      "after", "during", "over", "on", "with", "under", "across", "through"})


_SUPPOSING = frozenset({"would", "could", "might", "'d", "’d"})


def _the_candidates(toks, head) -> bool:
    """The writer is named before the clause's verb or in its clause, not in a clause of theirs joined after it:
    "At my current plant, the night shift is short-staffed"; "…, and I'd be keen to help" may follow."""
    return any(t.lower_ in _FIRST_PERSON_WORDS for t in toks if t.i < head.i or t in head.subtree and not _in_conj(t, head))


def _plan_told_plainly(toks, particular, plans):
    """A plan of the workplace told plainly as its sentence's gerund subject: a verb of change with a thing of
    its own as its object, judged as a plan ("… is a bold call", "… sounds like a sensible way to …") or said
    with "will", "should" or the like, that puts the thing somewhere or sometime particular: "Replacing the Level
    1 food court with a fresh food market … by late 2026 is a bold call", "Growing more of the kitchen's own
    vegetables in the old glasshouse behind the lodge is a great idea" (stop 67, detail-notes-22). Not the
    candidate's own ("Moving my family to the coast"), done ("… has been a big change"), supposed ("… would
    be a dream"), a value ("Putting the customer at the heart of every decision is the foundation of your
    business") nor the job's everyday work ("Running the pass on a Friday night is a big job": a review)."""
    judgements, changes = plans
    if not judgements or not toks:
        return None
    gerund = toks[0]
    head = gerund.head
    # the parser takes a gerund's clause ended by a comma for an adverbial one ("Moving the young birds into the
    # bigger paddock before the hot weather, and building extra shade …, sounds like a sensible job": stop 69,
    # detail-notes-24); it is the subject when the verb has none
    subject = gerund.dep_ == "csubj" or (gerund.dep_ == "advcl" and head.dep_ == "ROOT" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children))
    if gerund.tag_ != "VBG" or not subject:
        return None
    # the objects of the gerunds the clause joins too: "Moving trivia from Wednesday to Thursday nights and adding a
    # music round …" (detail-notes-24)
    gerunds = [gerund] + [c for c in gerund.children if c.dep_ == "conj" and c.tag_ == "VBG"]
    objects = [c for g in gerunds for c in g.children if c.dep_ == "dobj"]
    if not any(o.pos_ in ("PROPN", "ADJ", "NUM", "PRON") or any(c.dep_ in ("det", "nummod", "poss") for c in o.children)
               for o in objects):
        return None  # one thing or some of it, not a bare noun: "Turning ideas into action", "Switching careers",
        #              "Moving house" (a review)
    if not any(g.lemma_.lower() in changes for g in gerunds):
        return None  # a verb of change: any verb judged "a change" took praise ("Joining your team in Leeds is an
        #              exciting change", "Treating every guest like family at the Grand Hotel is a lovely change": a review)
    judged = (head.lemma_ == "be" and any(c.dep_ == "attr" and c.lemma_.lower() in judgements for c in head.children)) or (
        head.lemma_ in ("sound", "seem", "look") and any(
            o.lemma_.lower() in judgements for c in head.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj")) or (
        head.lemma_ != "be" and head.pos_ == "VERB" and any(c.dep_ == "aux" and c.tag_ == "MD" for c in head.children))
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    if not judged or head.tag_ == "VBD" or any(c.tag_ == "VBD" or c.lemma_ == "have" or c.lower_ in _SUPPOSING for c in auxes):
        return None  # a plan is still to come and meant: not "… was a big step", "… has been a big change", "… would be a dream"
    if _the_candidates(toks, head):
        return None  # the candidate's own: "Moving the archive into the new basement is a big job for us"
    for p in (t for g in gerunds for t in g.subtree):
        if p.dep_ in ("prep", "conj") and p.lower_ in _PLACING and p.i > gerund.i + 1:
            phrase = [t for t in p.subtree if t.dep_ != "prep" or t.i == p.i]
            if particular(phrase):
                return gerund
    return None


def _judged(head) -> bool:
    """The clause says what the thing is worth, not how it stands: an adjective or a superlative for its
    complement ("is outdated", "is one of the largest in the world", "is the busiest"), or a noun of
    judging ("is a real problem", "the hardest part of the job", "a great place to live")."""
    comps = [c for c in head.children if c.dep_ in ("attr", "acomp", "oprd")]
    return any((c.dep_ == "acomp" and c.lemma_.lower() in _JUDGING_ADJ) or c.lemma_.lower() in _JUDGING
               or any(t.tag_ == "JJS" for t in c.subtree) for c in comps)


def _said_of_all(head) -> bool:
    """The clause is about a whole field or everyone in it: "most" or "any" on a noun ("in most companies",
    "of any nursing job"), or the field itself ("the care sector", "in this industry"); not "every pier" of
    one schedule (detail-notes-13)."""
    return any((t.lower_ in ("most", "any") and t.dep_ in ("det", "amod", "predet"))
               or t.lemma_.lower() in _FIELDS or _a_field_named(t) for t in head.subtree)


def _a_field_named(tok) -> bool:
    """"in accounting", "in construction", "in nursing": a bare singular noun after "in", a field of work."""
    return (tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.tag_ == "NN" and tok.is_lower
            and not any(c.dep_ in ("det", "poss", "compound", "amod", "nummod") for c in tok.children))


_JUDGING = frozenset({"problem", "part", "reason", "place", "key", "issue", "challenge", "thing", "way", "secret",
                      "heart", "example"})
_SAYINGS = frozenset({"key", "secret", "trick", "heart"})
# adjectives of judging, not of a state: "is outdated", "is difficult"; not "is overdue for replacement" (detail-notes-4)
_JUDGING_ADJ = frozenset({"difficult", "hard", "tough", "easy", "outdated", "terrible", "great", "good", "bad",
                          "important", "essential", "vital", "crucial", "interesting", "exciting", "challenging",
                          "rewarding", "demanding", "stressful", "inspiring", "impressive", "amazing", "wonderful"})
_FIELDS = frozenset({"sector", "industry", "trade", "trades", "profession", "field", "economy", "market", "world"})
_SHARES = frozenset({"most", "much", "lot", "half", "bulk", "majority"})


def _share_of(subj):
    """The thing a share of which is the subject: "Most of the summer schedule", "A lot of the farm jobs"."""
    if subj.lower_ not in _SHARES:
        return None
    of = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


_WISHING = frozenset({"would", "'d", "’d", "will", "'ll", "’ll"})


def _wished_for(owned) -> bool:
    """A bare "your" thing in the candidate's wish or promise is the employer by its kind: "I would be proud
    to ride for your stable this season", "I'd be proud to be part of your circuit", "I would love to help keep
    your stage full" (stop 56, detail-notes-8 and -10 read again). Words of its own make it one thing: "I
    would love to be part of your Christmas grotto", "I'd help clear your backlog of unpaid invoices"."""
    nxt = owned.doc[owned.i + 1] if owned.i + 1 < len(owned.doc) else None
    if any(c.dep_ != "poss" for c in owned.children) or (nxt is not None and nxt.dep_ == "prep"):
        return False  # ... and so do those the parser hangs higher up: "a strong fit for your team | on the night ward"
    for verb in owned.ancestors:
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        if subj:
            return subj[0].lower_ == "i" and any(a.dep_ == "aux" and a.lower_ in _WISHING for a in verb.children)
    return False


_SEEMING = frozenset({"sound", "seem", "look"})


def _suits_me(verb) -> bool:
    """Does the verb say the thing sounds like work the candidate would take on: "… sounds like exactly the
    kind of steady, well-planned install where I do my best work", "… sounds like a fantastic project to be
    part of" (stop 56, detail-notes-10)? Not "… sounds like a great place" (no clause of the candidate's)."""
    if verb.lemma_.lower() not in _SEEMING:
        return False
    like = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "like"), None)
    what = next((c for c in like.children if c.dep_ == "pobj"), None) if like is not None else None
    if what is None:
        return False
    nouns = [what]
    if what.lemma_.lower() in ("kind", "sort", "type"):  # "the kind of … install | where I do my best work"
        nouns += [g for c in what.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    clauses = [v for n in nouns for v in n.children if v.dep_ in ("relcl", "acl")]
    mine = any(c.dep_ == "nsubj" and c.lower_ in _FIRST_PERSON for v in clauses for c in v.children)
    part = any(v.tag_ == "VB" and any(t.lower_ == "part" or t.lemma_.lower() in _TAKING_ON for t in v.subtree)
               for v in clauses)
    return mine or part


_REACTIONS = frozenset({"smile", "laugh", "think", "grin"})


def _moved_me(verb) -> bool:
    """Does the verb say the thing made the candidate smile or think: "The bride from last weekend who
    wanted her fiancé's name hidden inside the peacock design … made me smile all the way home" (stop 56,
    detail-notes-10)?"""
    return verb.lemma_.lower() == "make" and any(
        c.dep_ in ("ccomp", "xcomp") and c.lemma_.lower() in _REACTIONS
        and any(n.lower_ == "me" for n in (*verb.children, *c.children)) for c in verb.children)


# what the candidate offers to do with a thing of the employer's ("sort that out", "take a look at it")
_TAKING_ON = frozenset({"sort", "fix", "tackle", "take", "handle", "clear", "solve", "improve", "help", "join", "support",
                        "manage", "lead", "look", "change", "update", "move", "organise", "organize", "streamline", "tidy"})
_BACK = frozenset({"it", "that", "this", "them", "those", "these"})


def _takes_it_on(tok) -> bool:
    """Is `tok` the candidate ("I") of a "would"/"'d" clause that takes a thing on and points back to
    it: "I would like to sort that out early", "I'd be glad to take a look at it", "I would love to be
    part of it"?"""
    if tok.dep_ != "nsubj" or tok.lower_ != "i":
        return False
    verb = tok.head
    if not any(a.dep_ == "aux" and a.lower_ in ("would", "'d", "’d") for a in verb.children):
        return False
    clause = [t for t in verb.subtree if t.i > tok.i]
    acts = any(t.pos_ == "VERB" and t.lemma_.lower() in _TAKING_ON for t in clause) or any(t.lower_ == "part" for t in clause)
    return acts and any(t.lower_ in _BACK for t in clause)


def _living_with_it(tok) -> bool:
    """Is `tok` the reader ("you") of a clause in the perfect progressive, what the reader has been doing
    about the thing since: "The old FM transmitter is still dropping out for cars parked in the back two
    rows, and you've been giving a few refunds every weekend because of it", "…, and you've been turning
    away around fifteen bookings a week" (stop 55, detail-notes-9)?"""
    if tok.dep_ != "nsubj" or tok.lower_ != "you" or tok.head.tag_ != "VBG":
        return False
    aux = {a.lower_ for a in tok.head.children if a.dep_ == "aux"}
    return "been" in aux and bool(aux & {"have", "'ve", "’ve", "has"})


# the telling verbs of the cues, which say what the interviewer told and what the candidate is good at alike
_TELLING = frozenset({"explain", "describe", "show", "share", "discuss", "outline", "walk", "highlight", "emphasize",
                      "emphasise", "tell", "mention",
                      # ... and what the candidate likes to see: "I love seeing a community come together in the
                      # cold" (stop 56, detail-notes-10); "I loved seeing the new kiln" is the visit's
                      "see", "watch",
                      # ... and the cue "working through": "I'm confident working through the ATO guidelines" (stop 69,
                      # detail-notes-24); "Working through how to handle deemed approvals … reminded me" is the interview's
                      "work"})
_SEEING = frozenset({"see", "watch"})


def _skill_of_mine(tok) -> bool:
    """The cue's telling verb, a gerund or an infinitive with no subject of its own, says what the
    candidate is good at or likes doing, now: "I'm comfortable explaining complex charges", "I am good
    at explaining technical issues", "I enjoy showing new starters the ropes". Not "I appreciate you
    explaining …" (the reader's), "I'm grateful to you for explaining …", "grateful for the chance to
    discuss …" (thanks), nor "You explained how …", "I explained how I would …" (the interview)."""
    if tok.lemma_.lower() not in _TELLING or tok.tag_ not in ("VBG", "VB"):
        return False
    if tok.lemma_.lower() in _SEEING and not (tok.head.pos_ == "VERB" and tok.head.lemma_.lower() in _LIKING):
        return False  # "I'm eager to see the second Manchester store you are opening" looks ahead (a review)
    if tok.tag_ == "VBG" and any(a.dep_ == "aux" and a.lemma_.lower() in _LIKING and a.tag_ in ("VBP", "VBZ")
                                 for a in tok.children) and any(c.dep_ == "nsubj" and c.lower_ in ("i", "we")
                                                                for c in tok.children):
        return True  # the liking verb the parser made an auxiliary: "… and I enjoy | walking an anxious nurse through …"
        #              (stop 69, detail-notes-24)
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False
    while tok.dep_ == "conj" and tok.head.tag_ == tok.tag_:
        tok = tok.head  # the first of the skills listed: "comfortable handling cash … and explaining terms" (stop 53,
        #                 detail-notes-7)
    head = tok.head
    if tok.dep_ == "prep" and tok.tag_ == "VBG":  # a listed gerund the parser took for a preposition ("following"):
        head = next((c for c in head.children if c.dep_ == "acomp"), None)  # the skill adjective of its clause
        if head is None:
            return False
    elif tok.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in _SKILL_PREPOSITIONS:
        head = head.head  # "good at | explaining"
    elif tok.dep_ == "advcl" and head.lemma_ == "be" and tok.tag_ == "VBG":
        head = next((c for c in head.children if c.dep_ == "acomp"), None)  # "I'm confident | completing … and explaining
        if head is None:                                                     # home care", hung on "'m" (stop 66, detail-notes-21)
            return False
    elif tok.dep_ not in ("xcomp", "acomp", "advcl"):
        return False
    if head.pos_ == "ADJ" and head.lemma_.lower() not in _THANKFUL:
        pred = head.head if head.dep_ == "acomp" else None  # "I'm comfortable | explaining"
    elif head.pos_ == "VERB" and head.lemma_.lower() in _LIKING:
        pred = head  # "I enjoy | showing"
    else:
        return False
    if pred is None or pred.tag_ not in ("VBP", "VBZ") or any(a.dep_ == "aux" and a.lower_ in _HYPOTHETICAL
                                                             for a in pred.children):
        return False
    return any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in pred.children)


def _offer_of_mine(tok) -> bool:
    """The cue's telling verb is what the candidate would gladly do: "I would be happy to share additional
    portfolio pages", "I'd be glad to show you the logbook". Not "I was glad to see the new kiln" (the visit)."""
    if tok.lemma_.lower() not in _TELLING or tok.tag_ != "VB" or tok.dep_ != "xcomp":
        return False
    adj = tok.head
    if adj.lemma_.lower() not in _OFFERING or adj.dep_ != "acomp":
        return False
    be = adj.head
    if not any(a.dep_ == "aux" and a.lower_ in ("would", "'d", "’d", "will", "'ll", "’ll") for a in be.children):
        return False
    subject = be
    while subject.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in subject.children):
        subject = subject.head  # "I am very interested … and would be happy to share …"
    if not any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in subject.children):
        return False
    return not any(_told_by_reader(t) for t in tok.subtree)  # "I'd be happy to walk you through the new kiln
    #                                                            schedule you described" (a review)


def _told_by_reader(tok) -> bool:
    """A verb the reader did in the past, in the note's words: "… you described", "… you showed me"."""
    return tok.tag_ == "VBD" and any(c.dep_ == "nsubj" and c.lower_ == "you" for c in tok.children)


_OFFERING = frozenset({"happy", "glad", "willing", "keen", "eager", "delighted", "pleased", "able"})
_SKILL_PREPOSITIONS = frozenset({"at", "in", "with"})
_THANKFUL = frozenset({"grateful", "thankful", "appreciative", "glad", "happy", "pleased", "delighted"})
_LIKING = frozenset({"enjoy", "like", "love"})


def _habit_of_mine(attr, present: bool = False) -> bool:
    """Does the predicate say what the candidate does, not would do ("the part where I shine",
    "a challenge I take very seriously"), as against "a problem I would be keen to tackle"? The
    clause on the predicate only, not one further in ("…, drawing on the work I oversaw"). With
    `present`, only a present tense is a habit: "an issue I have dealt with", "the kind of repair
    I trained for" say what the candidate has met, about the thing the interview showed."""
    for verb in attr.children:
        if verb.dep_ != "relcl":
            continue
        for t in verb.children:
            if t.dep_ == "nsubj" and t.lower_ in _FIRST_PERSON:
                if any(a.dep_ == "aux" and a.lower_ in _HYPOTHETICAL for a in verb.children):
                    continue
                if not present or (verb.tag_ in ("VBP", "VBZ") and not any(a.dep_ == "aux" for a in verb.children)):
                    return True
    return False


def _conditional(tok) -> bool:
    """The verb of an "if" clause: what it says is supposed, not what happened."""
    return tok.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITIONS for m in tok.children)


# "if the new press you showed me is any sign": an "if" that states, not supposes (a review of stop 51)
_EVIDENCE = frozenset({"sign", "indication", "guide", "measure", "indicator", "example", "anything"})


_TALK = frozenset({"talk", "conversation", "discussion", "chat", "story"})
_TOPIC = frozenset({"about", "on", "of", "regarding", "around"})
_ANYONE = frozenset({"people", "everyone", "everybody", "anyone", "folk", "folks", "customer", "guest", "visitor", "client",
                     "someone", "somebody"})
# the candidate's own people, after "my" or "our": what they told is no interview ("my mentor told me")
_MY_PEOPLE = frozenset({"manager", "mentor", "boss", "supervisor", "colleague", "coworker", "co-worker", "teacher",
                        "friend", "family", "mother", "father", "mum", "mom", "dad", "parent", "wife", "husband", "partner",
                        "lecturer", "professor", "tutor", "coach", "sister", "brother"})


def _others_talk(tok) -> bool:
    """The cue's talk is anyone's, not the interview's: a plural with no owner or article ("in
    conversations that need tact"), or talk whose subject is people in general, a bare plural
    ("something people talk about"). "Our conversations", "the stories you told", "your team talked
    about" are the interview's. Nor is what the candidate's own people or people at large told them: "parents have told
    me their children now enjoy maths", "my manager told me" (stop 69, detail-notes-24); "the team told me" may be."""
    if tok.lemma_.lower() == "tell" and tok.pos_ == "VERB":
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        # not every bare plural nor every "my": "Nurses on Ward 4 told me about the new triage board", "My tour guide
        # told me about the new kiln" were the visit's (a review)
        return subj is not None and subj.pos_ == "NOUN" and (subj.lemma_.lower() in _ANYONE | {"parent"} or (
            subj.lemma_.lower() in _MY_PEOPLE and any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in subj.children)))
    if tok.lemma_.lower() not in _TALK:
        return False
    if tok.pos_ == "NOUN":  # ... with no topic: "stories about the 1998 flood" were told (a review)
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        return (tok.tag_ == "NNS" and not any(c.dep_ in ("det", "poss") for c in tok.children)
                and not (nxt is not None and nxt.lower_ in _TOPIC))
    # people at large; "Drivers talked about the new Hexham route" were the crew met (a review)
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in _ANYONE for c in tok.children)


def _supposed(tok) -> bool:
    """The token is in an "if" clause, the clause's verb or below it ("if you want to see me in action":
    stop 51, detail-notes-5), unless the clause is "X is any sign" or "anything to go by"."""
    for v in (tok, *tok.ancestors):
        if _conditional(v):
            evidence = any(c.dep_ == "attr" and c.lemma_.lower() in _EVIDENCE for c in v.children)
            return not (v.lemma_ == "be" and evidence)
    return False


def _toured(tok, stop: set[int]) -> bool:
    """"Thank you for showing me around | the bakery": the place a cue verb shows the
    candidate around is thanks for the tour; what was seen there is the detail ("showing me
    the new press"). Climbs from the noun to the cue."""
    cur = tok
    for _ in range(8):
        if cur.i in stop or cur.head.i == cur.i:
            return False
        if cur.dep_ == "prep" and cur.lower_ in ("around", "round") and cur.head.i in stop:
            return True
        cur = cur.head
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
    details = find_details(analysis, p, ctx)
    best = carrier(analysis, p, list(details), eligible=concrete_sentences(analysis, p, ctx))
    if best is not None:
        found = quote(analysis.note, analysis.sentence_tokens()[best], focus=details.get(best))
        return passed(rule, f"found: “{found}”")
    detail = f"topics you could mention: {', '.join(ctx.topics)}" if ctx.topics else ""
    return missing(analysis.note, rule, ctx, p.missing_at, detail)
