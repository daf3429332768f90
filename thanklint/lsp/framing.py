"""The LSP base protocol's framing (`Content-Length: N` header, blank line, N bytes of
JSON), read so that a client's mistake costs one message, never the connection.

pygls's own reader trusts the header: after a `Content-Length` that is not a number,
or one that disagrees with the body, it glues every later message to the one before,
so the server stops answering and never sees `exit`. This reader says what was wrong
and resynchronises at the next `Content-Length:` header. Such a header cannot occur
inside a JSON body (a JSON string cannot hold a raw CR or LF, and outside strings the
letters are not JSON), which is what makes finding it safe.
"""

from __future__ import annotations

import re

MARK = b"Content-Length:"
MAX_HEADER = 8 * 1024  # a real header part is a few dozen bytes
MAX_BODY = 256 * 1024 * 1024  # far above any note (the checker's own limit is a few MB)
_FIELD = re.compile(rb"([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*([^\r\n]*?)[ \t]*")
_NEXT_HEADER = re.compile(rb"Content-Length:[ \t]*\d+\r\n")


class Framer:
    """Bytes in, messages out. `feed(data)` returns a list of ("message", body) and
    ("error", text) items in stream order."""

    def __init__(self) -> None:
        self.buf = bytearray()
        self.need: int | None = None  # the body length of the header just read
        self.scanned = 0  # how far the pending body was searched for a next header

    def feed(self, data: bytes) -> list[tuple[str, object]]:
        self.buf += data
        out: list[tuple[str, object]] = []
        while True:
            item = self._body() if self.need is not None else self._header()
            if item is None:
                return out
            if item[0] != "header":
                out.append(item)

    def _skip(self, n: int, why: str) -> tuple[str, object]:
        del self.buf[:n]
        return ("error", why)

    def _header(self):
        end = self.buf.find(b"\r\n\r\n")
        if end < 0:
            if len(self.buf) <= MAX_HEADER:
                return None  # wait for the rest of the header
            p = self.buf.rfind(MARK, 1)
            keep = p if p > 0 else len(self.buf) - len(MARK)
            return self._skip(keep, f"skipped {keep} bytes that are not a message header")
        block = bytes(self.buf[:end])
        fields = _fields(block)
        value = fields.get(b"content-length") if fields else None
        if value is None or not value.isdigit() or len(value) > 12 or int(value) > MAX_BODY:
            p = block.rfind(MARK)  # the last one: the header this block ends with
            if p > 0:
                return self._skip(p, f"skipped {p} bytes that are not a message")
            if fields is None:
                return self._skip(end + 4, f"a malformed message header: {_show(block)}")
            if value is None:
                return self._skip(end + 4, f"a message header without Content-Length: {_show(block)}")
            return self._skip(end + 4, f"a message header with a bad Content-Length: {_show(value)}")
        del self.buf[: end + 4]
        self.need, self.scanned = int(value), 0
        return ("header", None)  # (the body comes next)

    def _body(self):
        n = self.need
        stop = min(n, len(self.buf))
        # (up to 64 bytes past the body: a header may start inside it and end after it)
        m = _NEXT_HEADER.search(self.buf, max(0, self.scanned - 64), min(n + 64, len(self.buf)))
        if m is not None and m.start() < n:  # the next message starts inside this one: its length was too large
            self.need = None
            return self._skip(m.start(), f"Content-Length {n} runs into the next message (the body has {m.start()} bytes)")
        self.scanned = stop
        if len(self.buf) < n:
            return None
        body = bytes(self.buf[:n])
        del self.buf[:n]
        self.need = None
        return ("message", body)


def _fields(block: bytes) -> dict[bytes, bytes] | None:
    """The header fields, or None when a line is not a header field."""
    out = {}
    for line in block.split(b"\r\n"):
        m = _FIELD.fullmatch(line)
        if m is None:
            return None
        out[m.group(1).lower()] = m.group(2)
    return out


def _show(b: bytes, limit: int = 80) -> str:
    s = b.decode("utf-8", "backslashreplace")
    return repr(s if len(s) <= limit else s[:limit] + "…")
