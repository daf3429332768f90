"""Every finding's span lies inside the note, and its line/column agree with its
offset — checked on generated notes built from the pieces real notes are made of
(greetings, e-mail headers, front matter, CRLF, emoji, placeholders, zero-width
characters, control lines) plus random text. Lines and columns are computed here
from the text the user wrote, independently of thanklint's own line index."""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, Phase, given, reject, settings
from hypothesis import strategies as st

from conftest import HARPER, run_cli

GREETINGS = ["Dear Ms. Alvarez,", "Hi Sam,", "Hello [Name],", "To whom it may concern,", "Dear Hiring Manager:",
             "Hi Dana, thank you for the tour!", "Hey {{interviewer}},", "Frank,"]  # fmt: skip
HEADERS = ["Subject: Thank you", "SUBJECT:", "Subject: Thanks an Thank ", "To: dana@northwind.com", "From:",
           "Subject:", "Date: Mon, 30 Nov 2026", "Cc: sam@example.org"]  # fmt: skip
FRONT_MATTER = ["---\ncompany: Northwind Traders\ninterviewer: [Dana Alvarez]\n---", "---\n---",
                "---\nrole: Data Analyst\ntopics: [the weekly sales dashboard]\n---\n", "---"]  # fmt: skip
BODY = [
    "Thank you for taking the time to meet with me on Tuesday.",
    "I especially enjoyed hearing how your team rebuilt the weekly sales dashboard.",
    "I'm excited about the chance to join {{company}} as a [Role].",
    "At Contoso I automated our inventory reporting in SQL and Python.",
    "I look forward to hearing about the next steps.",
    "I really need this job!!! 🙏",
    "THANK YOU SO MUCH",
    "Its a grate oportunity , and i am very exited.",
    "The team 👩‍💻 and the 👍🏽 culture impressed me.",
    "Zero\u200bwidth\u200d joiners\ufeff here.",
    "\tIndented with a tab.",
    "I have another offer, and the salary is XXX.",
    "It was a pleasure to discuss [specific topic] with <Interviewer>.",
    "thanklint: disable=tone",
    "<!-- thanklint-disable length -->",
    "Northwinds is great.",
]
SIGNOFFS = ["Best regards,", "Sam Okafor", "Best, Sam", "Thanks!", "Sincerely,\nYour Name", "Warmly, Arjun",
            "Sent from my iPhone"]  # fmt: skip
SEPARATORS = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", " ", "", "\t", "\n \n"]

# Random text: any code point but surrogates (not encodable), with real notes' punctuation often.
RANDOM = st.text(st.characters(exclude_categories=("Cs",)), max_size=30) | st.text(" .,!?:-\n\r\t[]{}<>aeiouAEIOU🙂", max_size=20)


@st.composite
def notes(draw, sentences: int = 0) -> str:
    """A note with at least `sentences` real sentences in its body."""
    head = draw(st.lists(st.sampled_from(FRONT_MATTER + HEADERS), max_size=3))
    greeting = draw(st.lists(st.sampled_from(GREETINGS), max_size=1))
    body = draw(st.lists(st.sampled_from(BODY), min_size=sentences, max_size=sentences))
    body += draw(st.lists(st.sampled_from(BODY) | RANDOM, max_size=6))
    tail = draw(st.lists(st.sampled_from(SIGNOFFS), max_size=2))
    pieces = head + greeting + body + tail
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(pieces), max_size=len(pieces)))
    return "".join(p + s for p, s in zip(pieces, seps))


def _line_starts(text: str) -> list[int]:
    """Where each line starts; CRLF, CR and LF each end a line, as editors read them."""
    return [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]


def _position(starts: list[int], offset: int) -> tuple[int, int]:
    line = max(i for i, s in enumerate(starts) if s <= offset)
    return line + 1, offset - starts[line] + 1


def span_problems(text: str, spans) -> list[str]:
    """Each span (rule, line, column, end_line, end_column, offset, length) that lies
    outside `text` or whose line/column disagree with its offset/length."""
    starts = _line_starts(text)
    out = []
    for rule, line, col, end_line, end_col, offset, length in spans:
        where = f"{rule} at offset {offset} length {length} ({line}:{col}-{end_line}:{end_col})"
        if not (0 <= offset and length >= 0 and offset + length <= len(text)):
            out.append(f"{where}: outside the {len(text)} characters")
        elif (line, col) != _position(starts, offset) or (end_line, end_col) != _position(starts, offset + length):
            out.append(f"{where}: expected {_position(starts, offset)}-{_position(starts, offset + length)}")
    return out


def _report_spans(report):
    for f in report.findings:
        yield (f.rule, *_fields(f.span))
        for s in f.suggestions:
            yield (f"{f.rule} suggestion", *_fields(s.span))


def _fields(s):
    return s.line, s.column, s.end_line, s.end_column, s.offset, s.length


@st.composite
def emails(draw) -> str:
    """An .eml file: header lines (a folded one, maybe), a blank line, a note; or headers alone."""
    headers = draw(st.lists(st.sampled_from(HEADERS + ["Subject: Thank you,\n  Dana", "Content-Type: text/plain"]),
                            min_size=1, max_size=4))  # fmt: skip
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    body = draw(st.sampled_from(["", eol]) | notes().map(lambda t: eol + t))
    return eol.join(headers) + eol + body


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(notes().map(lambda t: (t, "note.txt")) | emails().map(lambda t: (t, "note.eml")))
def test_every_span_lies_inside_the_note(lint_text, example):
    from thanklint.errors import ThanklintError

    text, path = example
    try:
        report = lint_text(text, path=path)
    except ThanklintError:  # empty, or front matter that is not YAML or names no context key: a clear message
        reject()
    assert report.engines.get("grammar", "").startswith("harper")
    assert span_problems(text, _report_spans(report)) == [], repr(text)


def test_the_subject_only_note(lint_text):
    """The fuzzer's minimal case: a header line and nothing after it (8 characters)."""
    report = lint_text("SUBJECT:")
    assert report.findings, "an empty letter still fails the content rules"
    assert span_problems("SUBJECT:", _report_spans(report)) == []
    assert all(f.span.offset <= 8 and f.span.column <= 9 for f in report.findings)


def test_a_header_only_note_through_the_cli():
    """The probe's case: 25 characters on stdin, findings once reported at offset 26."""
    text = "Subject: Thanks an Thank "
    proc = run_cli("--format", "json", "--no-cache", "--isolated", *HARPER, "-", input=text.encode(), timeout=60)
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert findings, proc.stderr.decode()
    spans = [(f["rule"], f["line"], f["column"], f["end_line"], f["end_column"], f["offset"], f["length"])
             for f in findings]  # fmt: skip
    assert span_problems(text, spans) == []


# Notes the CLI reads from files: one with no words is refused as empty, a leading BOM is
# dropped when the bytes are decoded, a NUL byte makes it a binary file (refused too).
_FILE_NOTES = notes(sentences=1).map(lambda t: t.lstrip("\ufeff").replace("\x00", ""))


# One CLI run checks the whole batch (spaCy loads once); no shrinking, which would rerun it.
@settings(max_examples=2, deadline=None, derandomize=True, phases=[Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])  # fmt: skip
@given(st.lists(_FILE_NOTES, min_size=15, max_size=15))
def test_cli_json_spans_lie_inside_the_notes(tmp_path, batch):
    folder = tmp_path / f"batch-{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    texts = {}
    for i, text in enumerate(batch):
        path = folder / f"note-{i:02}.txt"
        path.write_bytes(text.encode("utf-8"))
        texts[str(path)] = text
    proc = run_cli("--format", "json", "--no-cache", "--isolated", *HARPER, *texts, timeout=120)
    assert proc.returncode in (0, 1) and proc.stdout, proc.stderr.decode()[-3000:]
    out = json.loads(proc.stdout)
    bad = {p: t for p, t in texts.items() if p not in {f["path"] for f in out["files"]}}
    assert not bad, f"not checked: {bad!r}\n{proc.stderr.decode()}"
    for file in out["files"]:
        spans = [(f["rule"], *(s[k] for k in ("line", "column", "end_line", "end_column", "offset", "length")))
                 for f in file["findings"] for s in (f, *f["suggestions"])]  # fmt: skip
        assert span_problems(texts[file["path"]], spans) == [], repr(texts[file["path"]])
