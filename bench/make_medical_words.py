"""Write rules/thankyou/data/medical-words.txt.gz: the long words of a medical spelling
dictionary that SCOWL's "huge" list lacks ("corneoscleral", "theranostics"). The dictionary is
Debian's `hunspell-en-med` (Aristotelis P.'s hunspell-en-med-glut: OpenMedSpel by R. Robinson
merged with Rajasekharan N.'s MTH-Med-Spel-Chek; drug names, anatomy, surgery, ICD-9 terms;
GPL-3+). Kept: lower-case words of the letters a-z alone, of MIN_LENGTH letters or more (the
list holds a few short slips, "arte", "ment"), not in scowl-words.txt.gz. A word there is no
misspelling when no common word and no word of SCOWL's size 50 is one edit from it
(spelling.yaml, `medical_words`): the list also holds slips like "accomodation".

Like bench/make_scowl_words.py, it reads the .deb in Python (`apt-get download` unless --deb).
Not a runtime dependency; the list's notice is rules/thankyou/data/medical-words-COPYRIGHT.txt:

    python bench/make_medical_words.py [--deb hunspell-en-med_0.0.20140410-4_all.deb]
"""

from __future__ import annotations

import gzip
import io
import re
import sys
import tarfile

from make_scowl_words import DATA, OUT as SCOWL, _ar_member, deb_bytes

OUT = DATA / "medical-words.txt.gz"
NOTICE = DATA / "medical-words-COPYRIGHT.txt"
PACKAGE, VERSION = "hunspell-en-med", "0.0.20140410-4"
DIC = "./usr/share/hunspell/en_med_glut.dic"
COPYRIGHT = f"./usr/share/doc/{PACKAGE}/copyright"
MIN_LENGTH = 8
_WORD = re.compile(r"[a-z]+")


def main(argv: list[str] | None = None) -> int:
    deb = deb_bytes(argv, __doc__.split("\n\n")[0], PACKAGE, VERSION)
    dic = notice = None
    with tarfile.open(fileobj=io.BytesIO(_ar_member(deb, "data.tar"))) as tar:
        for member in tar:
            if member.name == DIC:
                dic = tar.extractfile(member).read().decode("utf-8", errors="replace")
            elif member.name == COPYRIGHT:
                notice = tar.extractfile(member).read()
    if dic is None or notice is None:
        raise SystemExit(f"make_medical_words: no {DIC} or copyright in the .deb")
    scowl = set(gzip.decompress(SCOWL.read_bytes()).decode("utf-8").split())
    # a .dic line is word[/affix flags]; its first line is the count
    entries = (line.split("/")[0].strip() for line in dic.splitlines()[1:])
    words = sorted({w for w in entries if len(w) >= MIN_LENGTH and _WORD.fullmatch(w) and w not in scowl})
    head = [f"# An extract of {PACKAGE} {VERSION} (Debian; hunspell-en-med-glut, GPL-3+), modified: its lower-case",
            f"# words of {MIN_LENGTH}+ letters a-z that SCOWL to size 80 lacks; notice: {NOTICE.name}",
            "# written by bench/make_medical_words.py"]  # fmt: skip
    OUT.write_bytes(gzip.compress(("\n".join(head + words) + "\n").encode("utf-8"), mtime=0))
    NOTICE.write_bytes(notice)
    print(f"wrote {OUT} ({len(words)} words, {OUT.stat().st_size // 1000} KB) and {NOTICE.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
