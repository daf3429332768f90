"""thanklint's own grammar shapes (thanklint/grammar/shapes.py, issue 9): "I has enjoyed", "I manages",
"I look forward to hear from you" are reported with Harper, which misses them, and exactly once with
LanguageTool or both engines, which catch them too; correct sentences of the same shape stay clean."""

from __future__ import annotations

import json

import pytest
from conftest import HARPER, run_cli
from test_grammar_cli import _languagetool_args


def _note(body: str) -> str:
    return f"Hi Dana,\n\nThank you for meeting with me on Tuesday. {body}\n\nBest,\nSam\n"


# the sentence -> (the word reported, its suggestion)
ERRORS = {
    # a plural subject with "a" and a quantifier, and "a", a name and a plural that is no preposition's
    # object: still slips (stop 40: the exceptions for "why a … byelaw matters is", "on a Saturday moves")
    "A few reports is late this week.": ("is", "are"),
    "I wrote a Python scripts for the team.": ("scripts", "script"),
    "I has enjoyed our talk about the dashboard.": ("has", "have"),
    "I look forward to hear from you.": ("hear", "hearing"),
    "I manages a team of four analysts.": ("manages", "manage"),
    # decided: errors too. Agreement is with "I" across a parenthetical ("I, like my manager, have"),
    # and in a relative clause ("the reports I manage")
    "I, like my manager, has a background in statistics.": ("has", "have"),
    "These are the weekly reports I manages for the region.": ("manages", "manage"),
    "I also hopes to see the new plant.": ("hopes", "hope"),  # spaCy's lemma would say "hop"
    "I am looking forward to meet the team.": ("meet", "meeting"),
    # a modal or "do" + a past or 3rd-person verb
    "Our talk about the roadmap will helps me prepare.": ("helps", "help"),
    "I could even began on the migration next month.": ("began", "begin"),
    "I am sure the launch will goes well.": ("goes", "go"),
    "I can't went to the site that day.": ("went", "go"),  # "can't" is split "ca" + "n't"
    # a past form the parser tags as a base form or participle after the modal (stop 63)
    "I won't forgot the tour of the plant.": ("forgot", "forget"),
    "You won't regretted hiring me.": ("regretted", "regret"),
    "I will definitely sent the writing sample tomorrow.": ("sent", "send"),
    # a common-noun subject and its verb
    "Your engineers is clearly proud of the new plant.": ("is", "are"),
    "The new dashboard make the churn data easy to read.": ("make", "makes"),
    "Your analysts was generous with their time.": ("was", "were"),
    # ... also in a clause of its own after "and", and after a phrasal gerund the verb is not under (a review, stop 49)
    "I lead the team, and the nurses trusts me and come to me with problems.": ("trusts", "trust"),
    "Since starting out the teams has doubled in size.": ("has", "have"),
    # ... and with a causative's object before, or an infinitive's verb, that is not the subject's (stop 55)
    "I let the kids play while the manager plan the week.": ("plan", "plans"),
    "Before the audit started to make sense, the cuts was the hardest part.": ("was", "were"),
    "I was glad to hear the sales figures has improved since spring.": ("has", "have"),
    "The training that I had at Tesco have prepared me for this role.": ("have", "has"),
    # "a" + a regular plural
    "Your team shared a reports on retention with me.": ("reports", "report"),
    "We talked about what creates a firebreaks.": ("firebreaks", "firebreak"),  # a verb between "what" and "a"
    # a subject pronoun and its verb
    "It were a pleasure to meet the whole team.": ("were", "was"),
    "She have built a remarkable team in two years.": ("have", "has"),
    "They was generous with their time.": ("was", "were"),
    "I were glad to see the new lab.": ("were", "was"),
    "My manager and I was impressed by the demo.": ("was", "were"),
    # a phrasal verb spelled as its noun (the suggestion is "follow up")
    "I will follow-up with the recruiting team next week.": ("follow-up", "follow"),
}

CLEAN = [
    "I look forward to it.",
    "I look forward to lunch with the team next week.",
    "If it were up to me, I would start on Monday.",
    "The plan is, as it were, already in motion.",
    "The team I joined last year has grown since.",
    "Our history class on World War I has stayed with me.",
    "I, who have worked in sales, know the pressure well.",
    "What I have learned there is how to listen.",
    "I look forward to working with you.",
    # near misses of the modal, agreement and article shapes that a careful editor calls right
    "The tasting made the work you described in the interview feel very tangible.",  # a causative's bare verb
    "I noticed how a witness code-switches between Spanish and English.",  # a hyphenated verb, no plural
    "Your team tests a payments platform that settles thousands of transfers a day.",  # a plural noun adjunct
    "I will have finished my notice period by then.",
    "I suggest that the team meet again next week.",
    "It is important that every engineer attend the design reviews.",
    "The fish in your lobby tank are a lovely touch.",
    "The news about the launch is exciting.",
    "Learning new tools is part of the job.",
    # a plural noun adjunct the parser reads as the article's noun, its head as an adjective; a
    # standard's name in capitals, no article (stop 35, fresh-23)
    "In my three years at a disputes firm in New Delhi, I have drafted statements of claim.",
    "I also have plenty of experience with torque-critical Swagelok and AN fittings.",
    # an acronym ending in S, and the sentence's verb the parser hangs on a comparison (stop 36, fresh-24)
    "I have been a qualified STMS for six years.",
    "Your question about a breeder who trusts his own eye more than the figures was a good one.",
    # a clause subject ending in a plural list item (stop 35, fresh-22)
    "Translating a case team's needs into search terms, processing settings, and realistic timelines is the part I enjoy most.",
    "Two weeks is plenty of time for the handover.",
    "The team are all so welcoming.",
    "A few of your analysts showed me their models.",
    "A great many people use the app every day.",
    "The rest of the designers are in Lisbon.",
    "Statistics is the part of the role I know best.",
    # "were" in a condition or wish, a bare verb after a subjunctive or causative: right
    "I wish it were possible to start sooner.",
    "If I were in your place, I would start with the audit.",
    "I suggest that she join the next planning call.",
    # "Ca" is calcium, no "ca" of "can't" (stop 62, fresh-61)
    "Pairing the Mg/Ca temperatures with alkenone records would help.",
    "The Mg/Ca needs careful cleaning before each run.",  # a word after "Ca" that starts with "n" (a review)
    # "'d" is "had" before a participle, and a hyphened verb's first word is no past (stop 63)
    "I'd forgotten how busy the loading dock gets at six.",
    "You can left-click the icon to open the report.",
    # ... nor a question's participle before its noun, nor a clause cut off by a comma (a review, stop 63; Harper
    # reports "can be" in "the trash can left by the door" and the name in "Will taught me" whatever the shape does)
    "Does written feedback reach the candidate?",
    "I'll start as soon as I can, given my notice period.",
    "I can, left to my own devices, over-engineer things.",
    "Let it run overnight and check the logs.",
    "You were generous with your time, and they were too.",
    "My manager and I were impressed by the demo, and either he or she is welcome to visit.",
    # the hyphenated nouns themselves
    "Thanks again for the quick follow-up on my references.",
    "The kick-off meeting with your team was fun.",
    # two kinds of a thing, and a noun repeated in an adverb (stop 30, fresh-14)
    "I understand how closely the engineering and environmental work have to move together.",
    "I would start sampling a week earlier and mapping it block by block.",
    # the last of a list of nouns after a colon (stop 30, fresh-13)
    "I appreciated your description of the season: rice work from April, fungicide passes through July, "
    "and the defoliation push in the fall.",
    # the verb of a clause "how much" opens (stop 30, fresh-15)
    "I know how much a patient mentor matters, and I would be glad to help.",
    "I know how much patience a level sheet demands.",
    # a verb the parser takes for the plural, and a noun adjunct before a head it takes for a verb
    # (stop 31, fresh-17)
    "Your point that a good operator questions every switching order before acting on it is one I share.",
    "I was struck by your focus on moving away from a generic activities calendar towards a lifestyle program.",
    # the verb of a clause "why" opens, a plural's verb after an "as" phrase, "'d" as "had" (stop 33, fresh-19)
    "Just as important, I enjoy explaining to residents why a flowerpot saucer matters.",
    "My four years as a street works coordinator have given me a solid grounding in NRSWA, and I'm used to being on site at 7 a.m.",
    "I really enjoyed talking shop, and it was a nice surprise to learn we'd both planted the same burn near Williams Lake back in 2021.",
    # an object with its determiner and adjectives, its last word a verb's form (stop 34, natural-1)
    "I love the relaxed, community feel of your café, and I would be thrilled to help it keep growing.",
    # the article's noun before a participle's clause (stop 34, fresh-21)
    "I have worked as a sessional therapist for a charity supporting families in South Gloucestershire.",
    # a wh clause's verb with "a" read as a plural subject; a verb after a name read as a plural (stop 40, fresh-28)
    "Explaining to a twelve-year-old why a catch-and-release byelaw matters is as important as catching a poacher.",
    "I know a sale barn running 3,000 head on a Saturday moves at a different pace.",
    # a middle item of a list of verb phrases that share "I": its object read as a subject and verb (stop 49, fresh-46)
    "I design exercise programs, complete physical demands analyses on job sites, and write reports.",
    # a phrasal gerund's object before the sentence's verb (stop 49, natural-3)
    "Your advice to ask tenants what they need before pointing out a property's features has stayed with me.",
    # a causative's object and its bare verb, the parse hanging the verb on the sentence's; an infinitive's
    # object before the sentence's verb (stop 55, natural-11)
    "I enjoyed the quick tour, especially the booking desk, where Sam was helping a family from Germany plan their trip to Waitomo.",
    "It was good to see the blocks you'll be starting on first, and Mere's quick demo on where to make the cuts was really helpful.",
]
# not the pronoun "I": the shapes leave these alone (the engines judge them on their own)
NOT_THE_PRONOUN = [
    'Your slide on why the word "I" has no place in a headline made me laugh.',
    "I heard the Phase I has wrapped up early.",
    "Phase I has wrapped up early, I hear.",
]


def _json(proc) -> list[dict]:
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return json.loads(proc.stdout)["files"]


def _run(tmp_path, engine: list[str], clean: list[str] = CLEAN) -> tuple[dict, list]:
    """Each sentence in a note of its own, all notes in one CLI run."""
    texts = {f"e{i}.txt": _note(s) for i, s in enumerate(ERRORS)} | {f"c{i}.txt": _note(s) for i, s in enumerate(clean)}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    files = _json(run_cli("--format", "json", *engine, *texts, cwd=tmp_path, timeout=300))
    by_name = {f["path"].rsplit("/", 1)[-1]: f for f in files}
    grammar = {}
    for name, text in texts.items():
        found = [x for x in by_name[name]["findings"] if x["rule"] == "grammar"]
        grammar[name] = [(text[x["offset"] : x["offset"] + x["length"]], [s["text"] for s in x["suggestions"]]) for x in found]
    return grammar, files


def _assert_each_error_once(grammar: dict) -> None:
    for i, (sentence, (word, fix)) in enumerate(ERRORS.items()):
        found = grammar[f"e{i}.txt"]
        assert len(found) == 1, f"{sentence!r}: {found}"
        span, suggestions = found[0]
        assert word in span.split(), f"{sentence!r}: {found}"
        # an engine's own finding may word its suggestion as a phrase ("I have")
        assert any(fix in s.split() for s in suggestions), found


def _assert_clean(grammar: dict, clean: list[str] = CLEAN) -> None:
    for i, sentence in enumerate(clean):
        assert grammar[f"c{i}.txt"] == [], f"{sentence!r}: {grammar[f'c{i}.txt']}"


def test_shapes_are_reported_with_harper_and_correct_sentences_stay_clean(tmp_path):
    grammar, files = _run(tmp_path, list(HARPER), CLEAN + NOT_THE_PRONOUN)
    assert all(f["engine"]["grammar"].startswith("harper") for f in files)
    # one finding each, also where Harper's own LookingForwardTo covers the words ("looking forward to meet")
    _assert_each_error_once(grammar)
    _assert_clean(grammar, CLEAN + NOT_THE_PRONOUN)


def test_a_shape_finding_is_a_suggestion_that_fix_leaves_alone(tmp_path):
    text = _note("I manages a team of four analysts. Your engineers is clearly proud of the new plant.")
    (tmp_path / "note.txt").write_text(text, encoding="utf-8")
    proc = run_cli("--fix", *HARPER, "note.txt", cwd=tmp_path, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    assert (tmp_path / "note.txt").read_text(encoding="utf-8") == text  # measured too rarely to be applied


lt = pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")


@pytest.mark.languagetool
@lt
@pytest.mark.parametrize("choice", ["languagetool", "both"])
def test_shapes_are_reported_once_with_languagetool_and_both(tmp_path, choice):
    args = _languagetool_args()
    args[args.index("--grammar-engine") + 1] = choice
    grammar, files = _run(tmp_path, args)
    assert all("languagetool" in f["engine"]["grammar"] for f in files)
    _assert_each_error_once(grammar)
    _assert_clean(grammar)


def test_a_user_can_switch_the_shapes_off_and_a_broken_message_is_a_config_error(tmp_path):
    (tmp_path / "note.txt").write_text(_note("I manages a team of four analysts."), encoding="utf-8")
    (tmp_path / "thanklint.toml").write_text("[rules]\ngrammar = { shapes = {} }\n", encoding="utf-8")
    grammar = [x for x in _json(run_cli("--format", "json", *HARPER, "note.txt", cwd=tmp_path))[0]["findings"]
               if x["rule"] == "grammar"]
    assert grammar == []
    (tmp_path / "thanklint.toml").write_text(
        '[rules]\ngrammar = { shapes = { i_verb = { message = "Use {fx}" } } }\n', encoding="utf-8")
    proc = run_cli("--format", "json", *HARPER, "note.txt", cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and proc.stdout == b"", err
    assert "shapes.i_verb" in err and "{word}" in err and len(err.strip().splitlines()) == 1, err
