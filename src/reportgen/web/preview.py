"""The preview page: a report's HTML fragment (from :meth:`reportgen.api.Renderer.preview`)
in a standalone page with the preview stylesheet, ``static/preview.css``, inlined."""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape

from reportgen.api import Checked, Renderer

STATIC = Path(__file__).resolve().parent / "static"
PREVIEW_CSS = STATIC / "preview.css"


def preview_css() -> str:
    """The preview stylesheet's text (shipped in the wheel with the package)."""
    return PREVIEW_CSS.read_text(encoding="utf-8")


def preview_page(renderer: Renderer, checked: Checked) -> str:
    """A whole HTML page previewing a valid, checked report."""
    fragment = renderer.preview(checked)
    title = checked.report.unit.name if checked.report else ""
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(title)} · 报告预览</title><style>{preview_css()}</style></head>"
        f'<body class="rg-preview">{fragment}</body></html>'
    )
