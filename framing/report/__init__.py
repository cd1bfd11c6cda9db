"""The comparison report: HTML, Markdown, charts, CSV, JSONL and a manifest."""
from __future__ import annotations

from framing.report.render import write_pages, write_report

__all__ = ["write_pages", "write_report"]
