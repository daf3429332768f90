"""A note as the rules see it: decoded text, front matter, e-mail headers, the
greeting / body / sign-off sections, placeholders and a line index.

Every offset is a code-point index into `Note.text`, which has the same length as
the decoded input: CRLF becomes " \\n" and a lone CR becomes "\\n", so positions
reported on `text` are positions in what the user wrote.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from thanklint.errors import InputError
from thanklint.model import Span

BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


@dataclass(frozen=True)
class Layout:
    """The pack's words for a note's shape (from pack.yaml `layout:`)."""

    salutations: tuple[str, ...] = ()
    valedictions: tuple[str, ...] = ()
    placeholder_patterns: tuple[str, ...] = ()
    header_keys: tuple[str, ...] = ("subject", "to", "from", "date", "cc")
    titles: tuple[str, ...] = ()  # "Ms.", "Dr.", "Principal": not a name by themselves
    addressees: tuple[str, ...] = ()  # "Hiring Manager", "Search Committee": a greeting that names no one


@dataclass(frozen=True, slots=True)  # slots: a 1 MB note can be 500,000 lines; half the time to make them
class Line:
    start: int
    end: int  # exclusive, before the newline
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, slots=True)  # slots: a 1 MB note can hold 140,000 of them
class Placeholder:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Directive:
    """A control line: `thanklint: disable=tone,length`, `enable=…`, `ignore-next-line`
    (in Markdown `<!-- thanklint-disable tone -->`). Not part of the note."""

    line: int  # 1-based
    action: str  # disable | enable | ignore-next-line
    rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class SignOff:
    valediction: Line
    name: Line | None  # the line (or the part of the valediction line) with the name


@dataclass(frozen=True)
class Note:
    source: str  # decoded text as written (original line endings, BOM removed)
    text: str  # same length as source; line endings normalised to "\n"
    path: str = "<text>"
    encoding: str = "utf-8"  # how the file was decoded, so --fix writes it back the same way
    bom: bool = False
    front_matter: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)
    content_start: int = 0  # where the letter starts (after front matter and headers)
    lines: tuple[Line, ...] = ()
    greeting: Line | None = None
    signoff: SignOff | None = None
    signature: Line | None = None  # no sign-off, but a name alone ends the note ("Sam")
    body_start: int = 0
    body_end: int = 0
    placeholders: tuple[Placeholder, ...] = ()
    directives: tuple[Directive, ...] = ()
    masked: tuple[tuple[int, int], ...] = ()  # control lines, blanked for the rules
    line_starts: tuple[int, ...] = (0,)
    layout: Layout = field(default_factory=Layout)

    # -- positions -----------------------------------------------------------------
    def span(self, start: int, end: int) -> Span:
        line, col = self.position(start)
        end_line, end_col = self.position(end)
        return Span(line, col, end_line, end_col, start, end - start)

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[max(i, 0)] + 1

    # -- sections ------------------------------------------------------------------
    @cached_property  # a Note never changes: computed once, on first use
    def content_lines(self) -> tuple[Line, ...]:
        return tuple(ln for ln in self.lines if ln.start >= self.content_start and ln.text.strip())

    @cached_property  # a Note never changes: computed once, on first use
    def analysis_text(self) -> str:
        """The text given to the NLP layer: front matter and headers blanked out
        (newlines kept) so offsets stay those of `text`."""
        head = re.sub(r"[^\n]", " ", self.text[: self.content_start])
        return _blank(head + self.text[self.content_start :], self.masked)

    def disabled_rules(self) -> dict[str, int]:
        """Rule id → the line of the control line that switched it off (last word wins)."""
        off: dict[str, int] = {}
        for d in self.directives:
            for rule in d.rules:
                if d.action == "disable":
                    off[rule] = d.line
                else:
                    off.pop(rule, None)
        return off

    def ignored_lines(self) -> frozenset[int]:
        """Lines whose findings `ignore-next-line` drops: the next line that is not a control line."""
        control = {d.line for d in self.directives}
        out = set()
        for d in self.directives:
            if d.action == "ignore-next-line":
                nxt = d.line + 1
                while nxt in control:
                    nxt += 1
                out.add(nxt)
        return frozenset(out)

    @cached_property  # a Note never changes: computed once, on first use
    def body_paragraphs(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of each body paragraph: blocks separated by blank lines."""
        paras: list[tuple[int, int]] = []
        cur: list[Line] = []
        for ln in self.lines:
            if ln.end <= self.body_start or ln.start >= self.body_end:
                continue
            if ln.text.strip():
                cur.append(ln)
            elif cur:
                paras.append((cur[0].start, cur[-1].end))
                cur = []
        if cur:
            paras.append((cur[0].start, cur[-1].end))
        return tuple(paras)

    @cached_property  # a Note never changes: computed once, on first use
    def _placeholder_spans(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        return tuple(p.start for p in self.placeholders), tuple(p.end for p in self.placeholders)

    def in_placeholder(self, start: int, end: int) -> bool:
        return _overlaps(*self._placeholder_spans, start, end)

    @cached_property  # a Note never changes: computed once, on first use
    def _masked_spans(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        return tuple(s for s, _ in self.masked), tuple(e for _, e in self.masked)

    def in_control_line(self, start: int, end: int) -> bool:
        return _overlaps(*self._masked_spans, start, end)


def _overlaps(starts: tuple[int, ...], ends: tuple[int, ...], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, disjoint spans (starts[i], ends[i]):
    only the last span starting before `end` can reach past `start`."""
    i = bisect.bisect_left(starts, end) - 1
    return i >= 0 and ends[i] > start


# -- decoding ----------------------------------------------------------------------


def decode(raw: bytes, encoding: str | None = None, name: str = "input") -> tuple[str, str, bool]:
    """Bytes → (text, encoding, had_bom). Raises InputError with the byte offset on bad input."""
    if encoding:
        try:
            return raw.decode(encoding), encoding, False
        except LookupError:
            raise InputError(f"unknown encoding '{encoding}'") from None
        except UnicodeDecodeError as e:
            raise InputError(f"{name}: cannot be read as {encoding} (byte offset {e.start})") from None
    for bom, codec in BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(codec), codec, True
            except UnicodeDecodeError as e:
                raise InputError(f"{name}: broken {codec} text at byte offset {e.start + len(bom)}") from None
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise InputError(f"{name}: looks like a binary file (NUL byte at byte offset {nul}), not a note")
    try:
        return raw.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as e:
        raise InputError(
            f"{name}: not UTF-8 (byte 0x{raw[e.start]:02x} at byte offset {e.start}); "
            "if it is in another encoding, pass --encoding (for example --encoding cp1252)"
        ) from None


def is_blank(text: str) -> bool:
    """Nothing a reader would see: whitespace and invisible format characters
    (Unicode category Cf: zero-width spaces and joiners, U+2060, a stray BOM)."""
    return all(c.isspace() or unicodedata.category(c) == "Cf" for c in text)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", " \n").replace("\r", "\n")


# -- parsing -----------------------------------------------------------------------

_DIRECTIVE = re.compile(
    r"^\s*(?:thanklint:\s*(?:(disable|enable)\s*=\s*([\w,\s-]+?)|(ignore-next-line))"
    r"|<!--\s*thanklint-(?:(disable|enable)\s+([\w,\s-]+?)|(ignore-next-line))\s*-->)\s*$"
)
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(\n|\Z)", re.S)
_HEADER = re.compile(r"^([A-Za-z-]{1,20}):[ \t]*(.*)$")
_CONTACT = re.compile(
    r"(@|https?://|www\.|\+?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}|linkedin|github\.com|^sent from my)", re.I
)


def parse(text: str, layout: Layout, *, path: str = "<text>", encoding: str = "utf-8", bom: bool = False,
          front_matter_loader=None, email: bool = False) -> Note:  # fmt: skip
    """Decoded text → Note. `front_matter_loader(str) -> dict` parses YAML front
    matter (it is passed in so this module stays free of the YAML dependency)."""
    norm = normalise_newlines(text)
    lines = _split_lines(norm)
    front: dict = {}
    content_start = 0
    m = _FRONT.match(norm)
    if m:
        if front_matter_loader is not None:
            front = front_matter_loader(m.group(1) or "") or {}
            if not isinstance(front, dict):
                raise InputError(f"{path}: the front matter between '---' lines must be key: value pairs")
        content_start = m.end()
    directives, masked = _directives(lines, m.end() if m else 0)
    shown = norm  # what the user wrote; `norm` is what the rules see (control lines blank)
    norm = _blank(norm, masked)
    if masked:
        lines = _split_lines(norm)
    if email:
        headers, content_start = _email_headers(lines, path)
    else:
        headers, content_start = _headers(lines, content_start, layout.header_keys)

    placeholders = _placeholders(norm, m.end() if m else 0, layout.placeholder_patterns)
    content = [ln for ln in lines if ln.start >= content_start and ln.text.strip()]
    greeting = _greeting(content, layout.salutations)
    signoff = _signoff(content, layout.valedictions, greeting)
    body_start = content[0].start if content else content_start
    if greeting is not None:
        line = _line_of(content, greeting.start)
        inline = line.text[greeting.end - line.start :].strip()  # "Hi Sam, thank you …": the rest is body
        body_start = greeting.end if inline else line.end
    signature = None if signoff else _bare_name(content)
    # a signature's line ends the body where it starts, before a dash ("- Sam")
    body_end = signoff.valediction.start if signoff else norm.rfind("\n", 0, signature.start) + 1 if signature else len(norm)
    return Note(
        source=text,
        text=shown,
        path=path,
        encoding=encoding,
        bom=bom,
        front_matter=front,
        headers=headers,
        content_start=content_start,
        lines=tuple(lines),
        greeting=greeting,
        signoff=signoff,
        signature=signature,
        body_start=body_start,
        body_end=max(body_end, body_start),
        placeholders=placeholders,
        directives=tuple(directives),
        masked=tuple(masked),
        line_starts=tuple(ln.start for ln in lines),
        layout=layout,
    )


def _directives(lines: list[Line], start: int) -> tuple[list[Directive], list[tuple[int, int]]]:
    found, masked = [], []
    for i, ln in enumerate(lines, 1):
        if ln.start < start or "thanklint" not in ln.text:
            continue
        m = _DIRECTIVE.match(ln.text)
        if not m:
            continue
        action = m.group(1) or m.group(4) or m.group(3) or m.group(6)
        names = m.group(2) or m.group(5) or ""
        rules = tuple(r.strip() for r in re.split(r"[,\s]+", names) if r.strip())
        found.append(Directive(i, action, rules))
        masked.append((ln.start, ln.end))
    return found, masked


def _blank(text: str, spans) -> str:
    """`text` with each (start, end) of `spans` (sorted, apart) turned to spaces, in
    one pass: a note of thousands of control lines is not copied once per line."""
    if not spans:
        return text
    parts, pos = [], 0
    for start, end in spans:
        parts += (text[pos:start], " " * (end - start))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _split_lines(text: str) -> list[Line]:
    out, start = [], 0
    for part in text.split("\n"):
        out.append(Line(start, start + len(part), part))
        start += len(part) + 1
    return out


def _after(ln: Line, lines: list[Line]) -> int:
    """Where the line after `ln` starts: past its newline, or the end of the text
    when `ln` is the last line (no newline follows it)."""
    return min(ln.end + 1, lines[-1].end)


def _line_of(lines: list[Line], offset: int) -> Line:
    for ln in lines:
        if ln.start <= offset <= ln.end:
            return ln
    return lines[-1]


def _headers(lines: list[Line], start: int, keys: tuple[str, ...]) -> tuple[dict, int]:
    """E-mail style header lines ("Subject: …", "To: …") at the top of the letter."""
    headers: dict = {}
    end = start
    for ln in lines:
        if ln.start < start:
            continue
        if not ln.text.strip():
            if headers:
                end = _after(ln, lines)
                continue
            continue
        m = _HEADER.match(ln.text.strip())
        if not m or m.group(1).lower() not in keys:
            break
        headers[m.group(1).lower()] = m.group(2).strip()
        end = _after(ln, lines)
    return headers, end if headers else start


def _email_headers(lines: list[Line], path: str) -> tuple[dict, int]:
    """An .eml file: every header up to the first blank line (folded lines included)."""
    headers: dict = {}
    key = None
    for ln in lines:
        if not ln.text.strip():
            break
        if ln.text[:1] in " \t" and key:
            headers[key] += " " + ln.text.strip()
            continue
        m = _HEADER.match(ln.text) or re.match(r"^([\w-]+):\s*(.*)$", ln.text)
        if not m:
            raise InputError(f"{path}: not an e-mail message (line {lines.index(ln) + 1} is not a header)")
        key = m.group(1).lower()
        headers[key] = m.group(2).strip()
    else:
        return headers, len(lines[-1].text) + lines[-1].start if lines else 0
    cte = headers.get("content-transfer-encoding", "").lower()
    ctype = headers.get("content-type", "text/plain").lower()
    if cte in ("quoted-printable", "base64") or ctype.startswith("multipart/"):
        raise InputError(
            f"{path}: the message body is {cte or ctype}-encoded; save the note as plain text "
            "(or the e-mail without encoding) to check it"
        )
    return headers, _after(ln, lines)


def _placeholders(text: str, start: int, patterns: tuple[str, ...]) -> tuple[Placeholder, ...]:
    """Every pattern's matches, sorted; where two overlap, the earlier pattern's wins."""
    found: list[Placeholder] = []  # sorted by start, none overlapping: so their ends are sorted too
    for pat in patterns:
        starts = [p.start for p in found]
        new = []
        for m in re.finditer(pat, text[start:]):
            s, e = m.start() + start, m.end() + start
            i = bisect.bisect_left(starts, e) - 1  # the last one found before that starts before `e`
            if i < 0 or found[i].end <= s:
                new.append(Placeholder(s, e, m.group(0)))
        if new:  # both lists are sorted already: 140,000 slots are not sorted again for each pattern
            found = sorted(found + new, key=lambda p: p.start) if found else new
    return tuple(found)


_EDGES = re.compile(r"^[\s\u200b\u200c\u200d\u2060\ufeff]*(.*?)[\s\u200b\u200c\u200d\u2060\ufeff]*$", re.S)


def _visible(text: str) -> tuple[int, str]:
    """A line without the blanks and invisible characters around it, and where it starts:
    a zero-width space pasted before "Dear Ms. Alvarez," still leaves a greeting."""
    m = _EDGES.match(text)
    return m.start(1), m.group(1)


def _starts_with(text: str, phrases: tuple[str, ...]) -> str | None:
    low = text.lower()
    for p in sorted(phrases, key=len, reverse=True):
        if low.startswith(p) and (len(low) == len(p) or not low[len(p)].isalnum()):
            return p
    return None


def _greeting(content: list[Line], salutations: tuple[str, ...]) -> Line | None:
    """The salutation line, looked for among the first lines (a letterhead may come
    first). A salutation inside a long first line keeps only its part up to the comma."""
    for ln in content[:14]:
        lead, stripped = _visible(ln.text)
        if _starts_with(stripped, salutations):
            if ln.words <= 10:
                return Line(ln.start + lead, ln.start + lead + len(stripped), stripped)
            cut = re.search(r"[,:\u2014]|\s-\s", stripped)
            if cut and len(stripped[: cut.start()].split()) <= 8:
                part = stripped[: cut.end()]
                return Line(ln.start + lead, ln.start + lead + len(part), part)
            return None
        if ln.words > 12:  # the body has begun
            return None
    return None


def _inline_signoff(last: Line, valedictions: tuple[str, ...]) -> SignOff | None:
    """"… our next conversation. Warmly, Arjun" — a sign-off at the end of the last line."""
    alts = "|".join(re.escape(v) for v in sorted(valedictions, key=len, reverse=True))
    m = re.search(rf"[.!?]\s+((?:{alts}),)\s*([^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){{0,2}})\s*$", last.text, re.I)
    if not m:
        return None
    return SignOff(
        Line(last.start + m.start(1), last.start + m.end(1), m.group(1)),
        Line(last.start + m.start(2), last.start + m.end(2), m.group(2)),
    )


def _bare_name(content: list[Line]) -> Line | None:
    """The last line, when it is a name alone: up to four capitalised words, no sentence
    punctuation ("Sam", "Sam Okafor", "- Sam" as e-mails sign; not "Looking forward to it")."""
    if len(content) < 2:
        return None
    last = content[-1]
    lead, t = _visible(last.text)
    dash = re.match(r"[-–—~]+\s*", t)
    if dash:
        lead, t = lead + dash.end(), t[dash.end() :]
    words = t.split()
    if not words or len(words) > 4 or t[-1:] in ".!?:," or not all(w[0].isupper() for w in words):
        return None
    return Line(last.start + lead, last.start + lead + len(t), t)


# a short capitalised phrase ending in a comma, as a closing phrase is written on its own line
_SHORT_CLOSE = re.compile(r"[A-Z][^\W\d_]*(?:\s+[^\W\d_]+){0,3},")


def _signoff(content: list[Line], valedictions: tuple[str, ...], greeting: Line | None) -> SignOff | None:
    if content and content[-1].words > 7:
        return _inline_signoff(content[-1], valedictions)
    tail = content[-7:]
    for i in range(len(tail) - 1, -1, -1):
        ln = tail[i]
        if greeting is not None and ln.start <= greeting.start:
            break
        lead, stripped = _visible(ln.text)
        phrase = _starts_with(stripped, valedictions)
        if phrase is None and i == len(tail) - 2 and _SHORT_CLOSE.fullmatch(stripped) and _bare_name(tail):
            phrase = stripped[:-1]  # "With sincere regards," above a name: a closing phrase the pack does not list
        if phrase is None or ln.words > 7 or stripped[-1:] in ".?" or ln is content[0]:
            continue
        val_end = ln.start + lead + len(stripped)
        rest = stripped[len(phrase) :]
        name: Line | None = None
        m = re.match(r"\s*[,\u2014-]\s*(\S.*)$", rest)
        if m and "," not in m.group(1):  # "Best, Sam" on one line
            name_start = ln.start + lead + len(phrase) + m.start(1)
            name = Line(name_start, val_end, m.group(1))
            val_end = name_start
        elif rest.strip(" ,!") and not rest.lstrip().startswith(","):
            # two closing phrases joined are one ("With thanks and best regards,": stop 57, fresh-55); other words
            # after one make a sentence, not a valediction ("Best of luck with the launch!")
            joined = re.fullmatch(r"\s+and\s+(.+?)\s*,?", rest)
            if len(rest.split()) > 2 and not (joined and _starts_with(joined.group(1), valedictions) == joined.group(1).lower()):
                continue
        if name is None:
            for nxt in tail[i + 1 :]:
                lead2, t = _visible(nxt.text)
                if not _CONTACT.search(t) and nxt.words <= 5 and t[-1:] not in "?!:" and not t.endswith(","):
                    name = Line(nxt.start + lead2, nxt.start + lead2 + len(t), t)
                break
        val = Line(ln.start + lead, val_end, ln.text[lead : val_end - ln.start].rstrip())
        return SignOff(val, name)
    return None
