"""The note as the rules see it: decoding, line endings, front matter, e-mail
headers, sections, and positions in code points."""

from __future__ import annotations

import json

import pytest

from conftest import excerpt, result, run_cli
from thanklint.api import read_text
from thanklint.errors import InputError
from thanklint.note import decode as _decode


def decode(raw, encoding=None, name="input"):
    """(text, had BOM) — the decoder's other outputs are not under test here."""
    out = _decode(raw, encoding, name)
    return out[0], out[-1]

TEXT = "Hi Dana,\n\nThank you for the tour, it was awesome.\n\nBest,\nSam"


# -- decoding ------------------------------------------------------------------------


def test_utf8_without_bom():
    assert decode("Hi Zoë,".encode("utf-8")) == ("Hi Zoë,", False)


def test_utf8_with_bom_drops_the_bom():
    text, bom = decode(b"\xef\xbb\xbf" + "Hi Zoë,".encode("utf-8"))
    assert (text, bom) == ("Hi Zoë,", True)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec):
    raw = "Hi Zoë,\nThank you.".encode(codec)
    if codec != "utf-16":  # plain utf-16 writes its own BOM
        raw = ("\ufeff" + "Hi Zoë,\nThank you.").encode(codec)
    text, bom = decode(raw)
    assert text == "Hi Zoë,\nThank you." and bom


def test_non_utf8_names_the_byte_offset_and_encoding_flag():
    raw = "Hi Zoë,".encode("cp1252")  # ë is 0xeb at byte 5
    with pytest.raises(InputError) as info:
        decode(raw, None, "note.txt")
    msg = str(info.value)
    assert "note.txt" in msg and "byte offset 5" in msg and "--encoding" in msg, msg


def test_explicit_encoding_reads_cp1252():
    assert decode("Hi Zoë, “thanks”".encode("cp1252"), "cp1252") == ("Hi Zoë, “thanks”", False)


def test_unknown_encoding_is_an_input_error():
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        decode(b"Hi", "klingon")


def test_nul_byte_means_binary():
    with pytest.raises(InputError) as info:
        decode(b"Hi Dana\x00\x01\x02", None, "photo.txt")
    assert "binary" in str(info.value) and "byte offset 7" in str(info.value)


def test_read_text_rejects_empty_and_whitespace():
    for raw in (b"", b"   \n\n\t "):
        with pytest.raises(InputError, match="is empty"):
            read_text(raw, name="n.txt", max_bytes=1000)


def test_read_text_limit():
    with pytest.raises(InputError) as info:
        read_text(b"x" * 101, name="n.txt", max_bytes=100)
    assert "101 bytes" in str(info.value) and "100-byte limit" in str(info.value)
    assert read_text(b"x" * 100, name="n.txt", max_bytes=100)[0] == "x" * 100


# -- line endings --------------------------------------------------------------------


def _positions(report, rule_id):
    return [(f.span.line, f.span.column, f.span.end_line, f.span.end_column, excerpt(report, f))
            for f in result(report, rule_id).findings]  # fmt: skip


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["CRLF", "CR"])
def test_line_endings_keep_positions(lint_text, newline):
    lf = lint_text(TEXT)
    other = lint_text(TEXT.replace("\n", newline))
    assert _positions(lf, "tone") == [(3, 32, 3, 39, "awesome")]
    assert _positions(other, "tone") == _positions(lf, "tone"), f"{newline!r} note reports other positions than LF"
    assert [r.status for r in other.results] == [r.status for r in lf.results]
    assert other.score.points == lf.score.points


def test_crlf_every_finding_keeps_its_lf_position(lint_text):
    """Content rules that report a missing sentence must point at the same place in
    a CRLF note as in the LF one (not at the greeting)."""
    lf = ("Dear Mr. Park,\n\nFollowing up on my interview for the barista role at Fabrikam Coffee. I have two "
          "years of\nlatte art experience.\n\nBest,\nLi\n")  # fmt: skip
    crlf = lf.replace("\n", "\r\n")
    want = sorted((f.rule, f.span.line, f.span.column, f.span.end_line, f.span.end_column) for f in lint_text(lf).findings)
    got = sorted((f.rule, f.span.line, f.span.column, f.span.end_line, f.span.end_column) for f in lint_text(crlf).findings)
    assert ("gratitude", 3, 1) in [w[:3] for w in want], want
    assert got == want, f"CRLF positions differ from LF:\n  LF:   {want}\n  CRLF: {got}"


def test_crlf_offsets_are_offsets_in_what_the_user_wrote(linter, lint_text):
    src = TEXT.replace("\n", "\r\n")
    report = lint_text(src)
    (f,) = result(report, "tone").findings
    assert src[f.span.offset : f.span.offset + f.span.length] == "awesome"


def test_crlf_sections(linter):
    n = linter.parse(TEXT.replace("\n", "\r\n"))
    assert n.greeting.text == "Hi Dana,"
    assert n.signoff.valediction.text == "Best," and n.signoff.name.text == "Sam"


# -- front matter and headers ---------------------------------------------------------

FRONT = "---\ncompany: Northwind\ninterviewer: [Dana Alvarez]\nrole: Data Analyst\n---\nHi Dana,\n\nThank you for the tour.\n\nBest,\nSam\n"


def test_front_matter_is_parsed_and_excluded(linter):
    n = linter.parse(FRONT)
    assert n.front_matter == {"company": "Northwind", "interviewer": ["Dana Alvarez"], "role": "Data Analyst"}
    assert n.text[n.content_start :].startswith("Hi Dana,")
    assert n.greeting.text == "Hi Dana," and n.greeting.start == n.content_start
    assert "company" not in n.analysis_text and len(n.analysis_text) == len(n.text)


def test_front_matter_becomes_context(linter):
    n = linter.parse(FRONT)
    ctx = linter.context_for(n, None)
    assert (ctx.company, ctx.interviewer, ctx.role) == ("Northwind", ("Dana Alvarez",), "Data Analyst")


def test_front_matter_positions_count_from_the_top_of_the_file(lint_text):
    report = lint_text(FRONT.replace("the tour.", "the tour!!!"))
    assert _positions(report, "tone") == [(8, 23, 8, 26, "!!!")]


def test_front_matter_yaml_error_is_an_input_error(linter):
    with pytest.raises(InputError, match="front matter is not valid YAML"):
        linter.parse("---\ncompany: [Northwind\n---\nHi Dana,\n\nThanks.\n\nBest,\nSam")


def test_email_headers(linter):
    text = ("Subject: Thank you — Data Analyst interview\nTo: Dana Alvarez <dana@northwind.example>\n"
            "Date: Wed, 4 Nov 2026 09:00:00 +0000\n\nHi Dana,\n\nThank you for the tour.\n\nBest,\nSam")  # fmt: skip
    n = linter.parse(text, path="thanks.eml")
    assert n.headers["subject"] == "Thank you — Data Analyst interview"
    assert n.headers["to"] == "Dana Alvarez <dana@northwind.example>"
    assert n.greeting.text == "Hi Dana,"
    assert linter.context_for(n, None).interviewer == ("Dana Alvarez",)


# -- sections ------------------------------------------------------------------------


def test_sections(linter):
    text = "Dear Ms. Alvarez,\n\nThank you for the tour.\n\nI look forward to hearing from you.\n\nKind regards,\nSam Okafor"
    n = linter.parse(text)
    assert n.greeting.text == "Dear Ms. Alvarez,"
    assert n.signoff.valediction.text == "Kind regards,"
    assert n.signoff.name.text == "Sam Okafor"
    body = n.text[n.body_start : n.body_end].strip()
    assert body == "Thank you for the tour.\n\nI look forward to hearing from you."
    assert [n.text[s:e] for s, e in n.body_paragraphs] == ["Thank you for the tour.", "I look forward to hearing from you."]


def test_inline_greeting_and_one_line_signoff(linter):
    n = linter.parse("Hi Dana, thank you for the tour and for showing me the new cold-storage wing today.\n\nBest, Sam")
    assert n.greeting.text == "Hi Dana,"
    assert n.text[n.body_start :].startswith(" thank you")
    assert n.signoff.valediction.text == "Best," and n.signoff.name.text == "Sam"


@pytest.mark.parametrize("line", ["With thanks and best regards,", "Thanks and kind regards,"])
def test_two_closing_phrases_joined_are_one_valediction(linter, line):
    # stop 57, fresh-55: "With thanks and best regards," had been read as a sentence, and the name below it as a
    # signature alone ("A name alone ends abruptly")
    n = linter.parse(f"Dear Ms Lee,\n\nThank you for the interview.\n\n{line}\nAmara Diallo\n")
    assert n.signoff.valediction.text == line and n.signoff.name.text == "Amara Diallo"


def test_a_closing_phrase_and_a_wish_is_no_valediction(linter):
    n = linter.parse("Dear Ms Lee,\n\nThank you for the interview.\n\nThanks and good luck with the launch,\nAmara Diallo\n")
    assert n.signoff is None and n.signature.text == "Amara Diallo"


@pytest.mark.parametrize("greeting", ["Tēnā koe Aroha,", "Tena koe Aroha,", "Kia ora Aroha,"])
def test_a_greeting_in_te_reo_names_the_interviewer(linter, lint_text, greeting):
    text = f"{greeting}\n\nThank you for the visit to the Pīwakawaka room.\n\nNgā mihi nui,\nLydia Tuilagi"
    assert linter.parse(text).greeting.text == greeting
    assert result(lint_text(text), "greeting").status.value == "pass"


@pytest.mark.parametrize("line", ["Sam Okafor", "- Sam Okafor", "\u2014Sam Okafor", "~ Sam Okafor"])
def test_a_name_alone_at_the_end_is_the_signature_not_body(linter, line):
    n = linter.parse(f"Hi Dana,\n\nThank you for the tour.\n\n{line}")
    assert n.signoff is None and n.signature.text == "Sam Okafor"
    assert [n.text[s:e] for s, e in n.body_paragraphs] == ["Thank you for the tour."]


def test_a_dash_signature_costs_what_a_bare_name_does(tmp_path):
    """"- Mike" is a signature without a closing phrase, not a missing sign-off (no grade cap)."""
    body = "Hi Dana,\n\nThank you for the tour of the cold-storage wing.\n\n"
    scores = {}
    for name, last in (("bare.txt", "Mike"), ("dash.txt", "- Mike")):
        (tmp_path / name).write_text(body + last, encoding="utf-8")
        out = json.loads(run_cli("--format", "json", "--grammar-engine", "off", name, cwd=tmp_path).stdout)
        f = out["files"][0]
        scores[name] = (f["score"], [x["message"] for x in f["findings"] if x["rule"] == "signoff"])
    assert scores["dash.txt"] == scores["bare.txt"]
    assert "A name alone ends abruptly" in scores["dash.txt"][1][0]


@pytest.mark.parametrize("last", ["See you on Monday", "Thank you again."])
def test_a_last_line_that_is_not_a_name_stays_body(linter, last):
    n = linter.parse(f"Hi Dana,\n\nThank you for the tour.\n\n{last}")
    assert n.signature is None
    assert n.text[n.body_paragraphs[-1][0] : n.body_paragraphs[-1][1]] == last


# -- code points ---------------------------------------------------------------------


def test_columns_count_code_points_after_emoji(lint_text):
    # 👋 and 🙏 are outside the BMP: two UTF-16 units, one code point each
    report = lint_text("Hi Dana 👋,\n\nThank you 🙏 for the chat, it was awesome.\n\nBest,\nSam")
    assert _positions(report, "tone") == [
        (1, 9, 1, 10, "👋"),
        (3, 11, 3, 12, "🙏"),
        (3, 34, 3, 41, "awesome"),
    ]


def test_combining_accents_count_as_code_points(lint_text):
    # "José" written with a combining acute: 5 code points
    report = lint_text("Hi Jose\u0301,\n\nThank you, the tour was awesome.\n\nBest,\nSam")
    assert _positions(report, "tone") == [(3, 25, 3, 32, "awesome")]
