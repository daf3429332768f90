"""Write rules/thankyou/data/scowl-words.txt.gz: the words of SCOWL (Kevin Atkinson's Spell
Checker Oriented Word Lists) up to size 80, its "huge" size, written in the letters a-z alone
(no capital, apostrophe or accent: names are the name checks' to judge), in every English
it holds (american, british, british_z, canadian, australian and the words all share). A field's
word in that list ("tephra", "medevac", "prepreg", "externship") is no misspelling when no
common word and no word of SCOWL's size 50 is one edit from it (spelling.yaml, `scowl_words`).

SCOWL comes from Debian's `scowl` package (a registry here, as PyPI and Maven Central are):
without --deb this runs `apt-get download scowl=VERSION` in a temporary folder. The .deb is read
in Python (an ar archive holding a tar; Debian's are .tar.xz, which Python reads, while
Ubuntu's .tar.zst it cannot), so no dpkg is needed. Words of size 50 or less come
first, one a line; then, after an empty line, the words of sizes 55 to 80. Not a runtime
dependency; its notice is rules/thankyou/data/scowl-COPYRIGHT.txt:

    python bench/make_scowl_words.py [--deb scowl_2020.12.07-2_all.deb]
"""

from __future__ import annotations

import argparse
import gzip
import io
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "rules" / "thankyou" / "data"
OUT = DATA / "scowl-words.txt.gz"
NOTICE = DATA / "scowl-COPYRIGHT.txt"
VERSION = "2020.12.07-2"
KINDS = ("english", "american", "british", "british_z", "canadian", "australian")
CORE, TOP = 50, 80
_LIST = re.compile(r"\./usr/share/dict/scowl/(%s)-words\.(\d+)" % "|".join(KINDS))
_WORD = re.compile(r"[a-z]+")


def _ar_member(deb: bytes, prefix: str) -> bytes:
    """The first member of an ar archive (a .deb) whose name starts with `prefix`."""
    if not deb.startswith(b"!<arch>\n"):
        raise SystemExit("make_scowl_words: not a .deb (no ar header)")
    pos = 8
    while pos + 60 <= len(deb):
        name = deb[pos : pos + 16].decode("ascii").strip().rstrip("/")
        size = int(deb[pos + 48 : pos + 58].decode("ascii"))
        if name.startswith(prefix):
            return deb[pos + 60 : pos + 60 + size]
        pos += 60 + size + (size & 1)
    raise SystemExit(f"make_scowl_words: no {prefix}* in the .deb")


def deb_bytes(argv: list[str] | None, description: str, package: str, version: str) -> bytes:
    """The .deb named by --deb, else `apt-get download package=version` into a temporary folder."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--deb", type=Path, help=f"Debian's {package}_{version}_all.deb (default: apt-get download it)")
    a = ap.parse_args(argv)
    if a.deb:
        return a.deb.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["apt-get", "download", f"{package}={version}"], cwd=tmp, check=True)
        return next(Path(tmp).glob(f"{package}_*.deb")).read_bytes()


def main(argv: list[str] | None = None) -> int:
    deb = deb_bytes(argv, __doc__.split("\n\n")[0], "scowl", VERSION)
    with tarfile.open(fileobj=io.BytesIO(_ar_member(deb, "control.tar"))) as tar:
        control = tar.extractfile("./control").read().decode("utf-8")
    version = re.search(r"^Version: (\S+)", control, re.M).group(1)
    core: set[str] = set()
    every: set[str] = set()
    notice = None
    with tarfile.open(fileobj=io.BytesIO(_ar_member(deb, "data.tar"))) as tar:
        for member in tar:
            if member.name == "./usr/share/doc/scowl/copyright":
                notice = tar.extractfile(member).read()
            m = _LIST.fullmatch(member.name)
            if not m or int(m.group(2)) > TOP:
                continue
            words = {w for w in tar.extractfile(member).read().decode("latin-1").split() if _WORD.fullmatch(w)}
            every |= words
            if int(m.group(2)) <= CORE:
                core |= words
    if not core or notice is None:
        raise SystemExit("make_scowl_words: no SCOWL lists or notice in the .deb")
    head = [f"# An extract of SCOWL {version} (Debian's scowl package), modified: its lists of sizes <= {TOP} merged,",
            "# only words of the letters a-z kept; SCOWL's notice: scowl-COPYRIGHT.txt",
            f"# written by bench/make_scowl_words.py: sizes <= {CORE} first, then an empty line, then sizes to {TOP}"]
    text = "\n".join(head + sorted(core)) + "\n\n" + "\n".join(sorted(every - core)) + "\n"
    OUT.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    NOTICE.write_bytes(notice)
    print(f"wrote {OUT} ({len(core)} + {len(every - core)} words, {OUT.stat().st_size // 1000} KB) and {NOTICE.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
