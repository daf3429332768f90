"""GitHub Actions workflow commands: `::error file=…,line=…,col=…::message`, one a
finding, which the runner turns into annotations on the pull request's diff.
Property values escape % CR LF : and , and the message % CR LF — what the runner
unescapes; anything else would cut the command short. Other control characters
are shown escaped: the runner's log would act on them as a terminal does."""

from __future__ import annotations

from thanklint.formatters._escape import visible

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(text)


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(reports, **_options) -> str:
    out = []
    for r in reports:
        for f in r.findings:
            s = f.span
            props = [f"file={_prop(r.path)}", f"line={s.line}"]
            if s.end_line == s.line:  # the runner refuses col/endColumn on a span over several lines
                props += [f"col={s.column}", f"endColumn={max(s.end_column, s.column)}"]
            else:
                props.append(f"endLine={s.end_line}")
            props.append(f"title={_prop('thanklint ' + f.rule)}")
            out.append(f"::{_COMMAND[f.severity.value]} {','.join(props)}::{_data(f.message)}")
    return "".join(line + "\n" for line in out)
