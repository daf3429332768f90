"""The process table, read from /proc: what the lifecycle tests check after a run
(no JVM or server left behind). Linux only, like the machines the suite runs on."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Proc:
    pid: int
    ppid: int
    cmdline: bytes
    cwd: Path | None


def processes():
    """Every live (not zombie) process we may read."""
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
            cmd = (d / "cmdline").read_bytes()
        except OSError:
            continue
        if fields[0] == "Z":
            continue
        try:
            cwd = Path(os.readlink(d / "cwd"))
        except OSError:
            cwd = None
        yield Proc(int(d.name), int(fields[1]), cmd, cwd)


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
