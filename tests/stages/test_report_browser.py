"""The report in headless Chromium, offline: no JavaScript error, every chart drawn, a screenshot."""

from __future__ import annotations

import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_report import CHARTS

from helpers import project_params

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.slow(cost=5),
    pytest.mark.xdist_group("sample-project"),
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="/usr/bin/chromium is absent: `apt-get install -y chromium` to run the browser test",
    ),
]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # offline: any network fetch fails
    "--enable-logging=stderr",
    "--v=0",
]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


def browse(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Open ``page`` in headless Chromium with a fresh profile, after 15 s of virtual time."""
    command = [
        str(CHROMIUM),
        *FLAGS,
        f"--user-data-dir={profile}",
        "--virtual-time-budget=15000",
        *extra,
        page.resolve().as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=240, check=False)


def page_errors(stderr: str) -> list[str]:
    """Console output and uncaught errors of the page (the report itself logs nothing)."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


class _Charts(HTMLParser):
    """Which plotly chart containers hold a drawn ``svg.main-svg``."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str | None] = []
        self.drawn: dict[str, bool] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if "main-svg" in classes:
            for chart in self.stack:
                if chart is not None:
                    self.drawn[chart] = True
        if tag in VOID:
            return
        chart = found.get("id") if "plotly-graph-div" in classes else None
        if chart is not None:
            self.drawn.setdefault(chart, False)
        self.stack.append(chart)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.stack:
            self.stack.pop()


def drawn_charts(dom: str) -> dict[str, bool]:
    parser = _Charts()
    parser.feed(dom)
    return parser.drawn


@pytest.fixture(scope="module")
def report(sample_project):
    """The page the sample project's ``dvc repro`` wrote (the report stage's own output)."""
    page = project_params(sample_project).paths.report / "index.html"
    assert page.is_file()
    return page


def test_harness_sees_errors_and_undrawn_charts(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
        '<div id="fig-a" class="plotly-graph-div"></div>'
        "<script>Plotly.newPlot('fig-a', []);</script></body></html>",
        encoding="utf-8",
    )
    result = browse(broken, tmp_path / "profile", "--dump-dom")
    assert any("Plotly is not defined" in line for line in page_errors(result.stderr))
    assert drawn_charts(result.stdout) == {"fig-a": False}


def test_report_renders_every_chart_without_javascript_errors(report, tmp_path):
    result = browse(report, tmp_path / "profile", "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    assert page_errors(result.stderr) == []
    drawn = drawn_charts(result.stdout)
    assert drawn == {f"fig-{chart}": True for chart in CHARTS}


def test_report_screenshot(report, tmp_path):
    shot = tmp_path / "report.png"
    result = browse(
        report,
        tmp_path / "profile",
        f"--screenshot={shot}",
        "--window-size=1400,4000",
        "--hide-scrollbars",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert page_errors(result.stderr) == []
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000
    print(f"screenshot: {shot}")
