"""--format html and --output: the annotated report a job seeker opens in a browser.

Without a browser: the page parses, is self-contained, escapes what the note holds,
highlights each finding's exact text (nested and crossing spans, zero-length
markers), and the CLI's exit codes and --output behave as for every format.
In a real headless Chromium (Debian's chromium + chromedriver, driven by Selenium;
.ci/run installs them, elsewhere those tests skip): the highlighted text a user sees,
a note's <script> shown as text and never run, the folder summary, contrast,
keyboard reach, and screenshots at desktop and phone widths
(THANKLINT_UPDATE_SCREENSHOTS=1 also writes them to docs/img/)."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import HARPER, REPO, STRONG_NOTE, run_cli
from thanklint.formatters import render
from thanklint.report import RuleInfo
from thanklint.model import Finding, RuleResult, Severity, Span, Status, Suggestion

CTX = {"company": "Northwind Traders", "interviewer": "Dana Alvarez", "role": "Data Analyst"}
FRONT = "---\ncompany: Northwind Traders\ninterviewer: Dana Alvarez\nrole: Data Analyst\n---\n"
# Findings that overlap as real ones do: a placeholder, a content rule's line around a
# misspelling and a wrong company, two rules on the same sentence, a tone phrase inside it.
FLAWED = (
    "Hi [Name],\n\n"
    "I wanted to follow up on our interview yesterday about the Data Analyst role at Fabrikam. I recieve a lot of\n"
    "energy from hearing how your team rebuilt the weekly sales dashboard!!!\n\n"
    "At Contoso I automated our inventory reporting in SQL and Python. I really need this job.\n\n"
    "Best,\nSam Okafor\n"
)
SCRIPT_NOTE = STRONG_NOTE.replace("Best regards,", "<script>alert(1)</script> <img src=x onerror=alert(2)>\n\nBest regards,")
CONTROL_NOTE = STRONG_NOTE.replace("Dear Ms. Alvarez,", "Dear Ms. Alvarez,\x1b[31m \u202eevil")


class _Page(HTMLParser):
    """Tags, attributes, the text and, per data-finding number, the note text inside
    its marks (the numbered links after a span are not the note's text)."""

    VOID = {"meta", "br", "img", "input", "link", "hr", "circle", "path"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[tuple[str, dict]] = []
        self.flagged: dict[str, str] = {}
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag not in self.VOID:
            self.stack.append((tag, a))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        if any(t == "a" and "ref" in a.get("class", "") for t, a in self.stack):
            return
        self.text.append(data)
        for t, a in self.stack:
            if t == "mark":
                self.flagged[a["data-finding"]] = self.flagged.get(a["data-finding"], "") + data


def parse(page: str) -> _Page:
    p = _Page()
    p.feed(page)
    p.close()
    assert not p.stack, f"unclosed: {p.stack}"
    return p


def excerpt(report, f) -> str:
    return report.text[f.span.offset : f.span.offset + f.span.length]


def _span(text: str, start: int, end: int) -> Span:
    line = text.count("\n", 0, start) + 1
    col = start - (text.rfind("\n", 0, start) + 1) + 1
    end_line = text.count("\n", 0, end) + 1
    end_col = end - (text.rfind("\n", 0, end) + 1) + 1
    return Span(line, col, end_line, end_col, start, end - start)


def with_findings(report, *spans: tuple[int, int, Severity]):
    """`report` with extra findings of a rule 'probe' at the given offsets: shapes the
    real rules make only now and then (a span crossing another's end, a zero-length place)."""
    found = tuple(Finding("probe", sev, f"probe {a}-{b}", _span(report.text, a, b),
                          (Suggestion("insert", "Add this.", _span(report.text, a, a)),))
                  for a, b, sev in spans)  # fmt: skip
    return replace(report, results=(*report.results, RuleResult("probe", Status.FAIL, found)),
                   rules=(*report.rules, RuleInfo("probe", "A probe", 0.0, "")))


# ---------------------------------------------------------------- without a browser


def test_each_finding_highlights_exactly_its_text(lint_text):
    report = lint_text(FLAWED, CTX)
    rules = {f.rule for f in report.findings}
    assert {"placeholder", "spelling", "consistency", "tone"} <= rules, rules
    page = parse(render("html", [report]))
    for k, f in enumerate(report.findings, 1):
        assert page.flagged.get(str(k)) == excerpt(report, f), (k, f.rule)


def test_crossing_nested_and_zero_length_spans(lint_text):
    base = lint_text(STRONG_NOTE, CTX)
    start = STRONG_NOTE.index("Thank you")
    report = with_findings(
        base,
        (start, start + 30, Severity.ERROR),  # crosses the next one's start...
        (start + 10, start + 50, Severity.WARNING),  # ...and ends after it: split into pieces
        (start + 12, start + 20, Severity.INFO),  # nested in both
        (start + 10, start + 50, Severity.INFO),  # the same span twice
        (start + 50, start + 50, Severity.INFO),  # a place, where the last ends
        (0, 0, Severity.WARNING),  # a place at the very start
        (len(STRONG_NOTE), len(STRONG_NOTE), Severity.INFO),  # and at the very end
    )
    html = render("html", [report])
    page = parse(html)
    for k, f in enumerate(report.findings, 1):
        if f.span.length:
            assert page.flagged.get(str(k)) == excerpt(report, f), (k, f.span)
        else:  # a marker: a numbered link to its entry, no empty highlight
            assert str(k) not in page.flagged
            assert any(t == "a" and "marker" in a.get("class", "") and a.get("href") == f"#note-0-f{k}"
                       for t, a in page.tags)  # fmt: skip
    # the note reads the same with the highlights in it (marker and link numbers aside)
    assert html.count("<mark") > len([f for f in report.findings if f.span.length])  # some were split


def test_page_is_self_contained_and_runs_nothing(lint_text):
    html = render("html", [lint_text(SCRIPT_NOTE, CTX)])
    page = parse(html)
    names = [t for t, _ in page.tags]
    assert "script" not in names and "img" not in names and "link" not in names
    for _, attrs in page.tags:
        for key in ("src", "href", "xlink:href", "action"):
            value = attrs.get(key) or ""
            assert not value.startswith(("http:", "https:", "//", "file:", "javascript:")), (key, value)
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert "url(" not in html  # nor anything the CSS would fetch
    text = "".join(page.text)
    assert "<script>alert(1)</script> <img src=x onerror=alert(2)>" in text  # shown, as text


def test_control_characters_are_shown_escaped(lint_text):
    html = render("html", [lint_text(CONTROL_NOTE, CTX, path="odd\x1b]0;name.txt")])
    assert html.isascii()
    assert "\x1b" not in html and "\u202e" not in html and "&#8238;" not in html
    assert '<span class="ctl">\\x1b</span>[31m' in html and '<span class="ctl">\\u202e</span>evil' in html
    assert "odd\\x1b]0;name.txt" in html  # the file name too


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """Notes in notes/, and one result cache for the module: each note is analysed
    once, and every other CLI run of it is a cache hit (seconds, not tens)."""
    d = tmp_path_factory.mktemp("html")
    (d / "notes").mkdir()
    (d / "notes" / "clean.txt").write_text(FRONT + STRONG_NOTE, encoding="utf-8")
    (d / "notes" / "flawed.txt").write_text(FRONT + FLAWED, encoding="utf-8")
    (d / "notes" / "script <b>.txt").write_text(FRONT + SCRIPT_NOTE, encoding="utf-8")
    return d


def cli(workdir, *args):
    return run_cli(*args, *HARPER, cwd=workdir, env={"THANKLINT_CACHE_DIR": str(workdir / "cache")})


def test_cli_html_exit_codes_match_the_other_formats(workdir):
    html = {}
    for note, code in (("notes/clean.txt", 0), ("notes/flawed.txt", 1), ("notes/missing.txt", 2)):
        for fmt in ("json", "html"):
            proc = cli(workdir, note, "--format", fmt)
            assert proc.returncode == code, (note, fmt, proc.stderr.decode())
        html[note] = proc.stdout
        if code == 2:
            err = proc.stderr.decode()
            assert proc.stdout == b"" and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert parse(html["notes/flawed.txt"].decode("ascii")).flagged["1"] == "[Name]"


def test_output_writes_the_same_report_to_a_file(workdir):
    out_dir = workdir / "out"
    out_dir.mkdir()
    for fmt in ("html", "json", "text"):
        piped = cli(workdir, "notes/flawed.txt", "--format", fmt)
        out = out_dir / f"report.{fmt}"
        out.write_text("an older report")
        proc = cli(workdir, "notes/flawed.txt", "--format", fmt, "--output", str(out))
        assert (proc.returncode, proc.stdout) == (1, b""), proc.stderr.decode()
        assert out.read_bytes() == piped.stdout, fmt
    assert sorted(p.name for p in out_dir.iterdir()) == ["report.html", "report.json", "report.text"]  # no temp file left
    proc = cli(workdir, "notes/flawed.txt", "--format", "html", "-o", "-")  # '-': standard output
    assert proc.stdout == (out_dir / "report.html").read_bytes() and not (workdir / "-").exists()


def test_output_over_an_existing_report_keeps_its_permissions(workdir):
    out = workdir / "private-report.json"
    out.write_text("an older report")
    out.chmod(0o600)  # the owner keeps reports about private notes private
    proc = cli(workdir, "notes/flawed.txt", "--format", "json", "--output", str(out))
    assert proc.returncode == 1, proc.stderr.decode()
    assert out.read_text().startswith("{") and (out.stat().st_mode & 0o777) == 0o600


def test_output_never_overwrites_a_note_and_says_why_it_cannot_write(workdir):
    note = workdir / "notes" / "clean.txt"
    for paths, target in ((["notes/clean.txt"], "./notes/../notes/clean.txt"), (["notes"], "notes/clean.txt")):
        proc = cli(workdir, *paths, "--format", "html", "-o", target)
        err = proc.stderr.decode()
        assert proc.returncode == 2 and "note being checked" in err and len(err.strip().splitlines()) == 1, err
        assert note.read_text(encoding="utf-8") == FRONT + STRONG_NOTE
    proc = cli(workdir, "notes/clean.txt", "--format", "html", "-o", "no/such/dir/r.html")
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "cannot write it" in err and "Traceback" not in err, err
    assert not (workdir / "no").exists()


# ---------------------------------------------------------------- in a real browser

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
browser_only = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                                  reason="needs Debian's chromium and chromium-driver (.ci/run installs them)")  # fmt: skip


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (pip install -e '.[test]')")
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(options=opts, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(10)
    try:
        yield driver
    finally:
        driver.quit()


def _viewport(driver, width: int, height: int) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})  # fmt: skip


def _open(driver, path: Path) -> None:
    driver.get(path.as_uri())
    assert driver.execute_script("return document.readyState") == "complete"


# the text each finding's marks show, without the numbered links after spans
FLAGGED_JS = """
const out = {};
for (const m of document.querySelectorAll('#note-' + arguments[0] + ' mark')) {
  const c = m.cloneNode(true);
  c.querySelectorAll('a.ref').forEach(e => e.remove());
  out[m.dataset.finding] = (out[m.dataset.finding] || '') + c.textContent;
}
return out;"""


# the note as shown, without the numbered links after spans
NOTE_JS = """
const c = document.querySelector('#note-' + arguments[0] + ' pre.text').cloneNode(true);
c.querySelectorAll('a.ref').forEach(e => e.remove());
return c.textContent;"""


@browser_only
def test_in_chromium_highlights_escaping_and_screenshots(browser, lint_text, tmp_path):
    report = lint_text(FLAWED, CTX, path="after-interview.txt")
    page = tmp_path / "report.html"
    page.write_text(render("html", [report]), encoding="ascii")
    shots = tmp_path / "screenshots"
    shots.mkdir()
    _viewport(browser, 1280, 900)
    _open(browser, page)
    browser.save_screenshot(str(shots / "html-report-desktop.png"))
    flagged = browser.execute_script(FLAGGED_JS, 0)
    # the pieces of one finding (split where spans cross), joined, are exactly the text it flags
    for k, f in enumerate(report.findings, 1):
        assert flagged.get(str(k)) == excerpt(report, f), (k, f.rule, flagged.get(str(k)))
    # hovering a highlight shows its message and suggestions (the mark's title)
    k, f = next((k, f) for k, f in enumerate(report.findings, 1) if f.rule == "spelling")
    hover = browser.find_element("css selector", f'#note-0 mark[data-finding="{k}"]').get_attribute("title")
    assert f.message in hover and f.suggestions[0].title(200) in hover
    assert browser.find_element("css selector", "svg.gauge").get_attribute("aria-label") == (
        f"Score {report.score.points} of 100: {report.score.grade}"
    )
    # keyboard: Tab reaches every finding's link, in the note and in the list
    refs = set(browser.execute_script("return [...document.querySelectorAll('a.ref')].map(a => a.id)"))
    assert len(refs) == len(report.findings)
    reached = set()
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    for _ in range(3 * len(report.findings) + 5):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        reached.add(browser.execute_script("return document.activeElement.id"))
    assert refs <= reached
    # each link leads to an entry whose text is the message
    first = report.findings[0]
    browser.find_element("css selector", "a.ref").click()
    assert browser.execute_script("return location.hash") == "#note-0-f1"
    assert first.message in browser.find_element("id", "note-0-f1").text
    _contrast_ok(browser)
    _viewport(browser, 390, 844)
    _open(browser, page)
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    browser.save_screenshot(str(shots / "html-report-phone.png"))
    for png in shots.iterdir():
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000, png
    if os.environ.get("THANKLINT_UPDATE_SCREENSHOTS") == "1":
        for png in shots.iterdir():
            shutil.copyfile(png, REPO / "docs" / "img" / png.name)


@browser_only
def test_in_chromium_a_notes_script_is_text_and_never_runs(browser, lint_text, tmp_path):
    report = with_findings(lint_text(SCRIPT_NOTE, CTX), (SCRIPT_NOTE.index("<script>"), SCRIPT_NOTE.index("</script>") + 9,
                                                          Severity.ERROR))  # fmt: skip
    page = tmp_path / "report.html"
    page.write_text(render("html", [report]), encoding="ascii")
    _open(browser, page)
    assert browser.execute_script("return document.scripts.length") == 0
    assert browser.execute_script("return document.images.length") == 0
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 — an alert would be the script running
    text = browser.execute_script(NOTE_JS, 0)
    assert "<script>alert(1)</script> <img src=x onerror=alert(2)>" in text
    k = next(k for k, f in enumerate(report.findings, 1) if f.rule == "probe")
    assert browser.execute_script(FLAGGED_JS, 0)[str(k)] == "<script>alert(1)</script>"


@browser_only
def test_in_chromium_a_folder_gets_a_summary_with_each_score(browser, workdir):
    proc = cli(workdir, "notes", "--format", "html", "-o", "report.html")
    assert proc.returncode == 1, proc.stderr.decode()
    scores = json.loads(cli(workdir, "notes", "--format", "json").stdout)["files"]
    assert len(scores) == 3
    _viewport(browser, 1280, 900)
    _open(browser, workdir / "report.html")
    rows = browser.execute_script("return [...document.querySelectorAll('.summary tbody tr')]"
                                  ".map(r => [...r.cells].map(c => c.textContent))")  # fmt: skip
    assert [(r[0], int(r[1]), r[2]) for r in rows] == [(f["path"], f["score"], f["grade"]) for f in scores]
    # each summary row links to that note's section, which shows the same score
    for i, f in enumerate(scores):
        browser.find_element("link text", f["path"]).click()
        assert browser.execute_script("return location.hash") == f"#note-{i}"
        section = browser.find_element("id", f"note-{i}")
        assert section.find_element("css selector", "h2").text == f["path"]
        assert f"{f['score']}/100" in section.text
    assert browser.execute_script("return document.scripts.length") == 0


CONTRAST_JS = """
function rgb(s) { const m = s.match(/[\\d.]+/g).map(Number); return m.length > 3 ? m : [...m, 1]; }
function lum([r, g, b]) {
  const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}
function background(el) {
  for (; el; el = el.parentElement) {
    const c = rgb(getComputedStyle(el).backgroundColor);
    if (c[3] > 0) return c;
  }
  return [255, 255, 255, 1];
}
const worst = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const el = walker.currentNode.parentElement;
  if (!walker.currentNode.textContent.trim() || el.closest('svg') || el.closest('.sr')) continue;
  const a = lum(rgb(getComputedStyle(el).color)), b = lum(background(el));
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  if (ratio < 4.5) worst.push([el.className || el.tagName, walker.currentNode.textContent.slice(0, 30), ratio]);
}
return worst;"""


def _contrast_ok(driver) -> None:
    low = driver.execute_script(CONTRAST_JS)
    assert low == [], f"text under 4.5:1 contrast: {low[:5]}"
