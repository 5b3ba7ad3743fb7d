"""The page's stylesheet, inlined so the report needs no other file to look right."""

from __future__ import annotations

CSS = """
:root { --ink: #222; --muted: #5a5a5a; --rule: #d9d9d9; --accent: #1f5fa8; --bg: #f7f7f5; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1180px; padding: 0 24px 48px; color: var(--ink);
  font: 15px/1.5 "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
header { border-bottom: 3px solid var(--accent); padding: 24px 0 12px; }
h1 { font-size: 1.9em; margin: 0 0 6px; }
h2 { font-size: 1.45em; margin: 40px 0 8px; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.15em; margin: 28px 0 6px; color: var(--accent); }
h4 { font-size: 1.02em; margin: 0 0 4px; }
p.intro, p.caption, figcaption, .note, p.empty { color: var(--muted); }
nav, aside.notes { background: var(--bg); border: 1px solid var(--rule); padding: 8px 18px;
  margin: 16px 0; }
nav h2, aside.notes h2 { font-size: 1.05em; border: 0; margin: 6px 0; }
nav ol { margin: 0; padding-left: 22px; columns: 2; }
nav ul { margin: 0 0 6px; padding-left: 16px; font-size: 0.92em; }
a { color: var(--accent); }
a.csv { font-family: "DejaVu Sans Mono", monospace; font-size: 0.9em; }
.stats { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; }
.stat { background: var(--bg); border: 1px solid var(--rule); padding: 8px 14px; min-width: 130px; }
.stat b { display: block; font-size: 1.5em; }
figure.chart { margin: 18px 0 26px; }
figcaption { font-size: 0.92em; margin-top: 4px; }
details { margin: 6px 0; }
summary { cursor: pointer; color: var(--accent); }
.scroll { overflow-x: auto; max-height: 520px; overflow-y: auto; }
table { border-collapse: collapse; font-size: 0.88em; margin: 6px 0; width: 100%; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 8px; text-align: left;
  vertical-align: top; }
td.path { overflow-wrap: anywhere; min-width: 12em; }
th { min-width: 3.5em; }
th { background: var(--bg); position: sticky; top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.topic { border: 1px solid var(--rule); border-left: 5px solid var(--accent); padding: 10px 16px;
  margin: 16px 0; }
.topic .meta { color: var(--muted); font-size: 0.92em; }
.terms { margin: 4px 0; }
.terms span.lang { display: inline-block; min-width: 2.4em; font-weight: bold; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
@media (max-width: 800px) { .columns { grid-template-columns: 1fr; } nav ol { columns: 1; } }
blockquote.passage { margin: 8px 0; padding: 6px 12px; background: var(--bg);
  border-left: 3px solid var(--rule); }
blockquote.passage p { margin: 0 0 4px; }
blockquote.passage footer { font-size: 0.85em; color: var(--muted); }
code { font-size: 0.92em; }
footer.page { margin-top: 40px; border-top: 1px solid var(--rule); padding-top: 8px;
  color: var(--muted); font-size: 0.9em; }
"""
