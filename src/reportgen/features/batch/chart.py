"""Chart pictures for the batch summary (matplotlib, imported only here and only when used)."""

from __future__ import annotations

import io
from collections.abc import Sequence

CJK_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
)
WIDTH_IN, HEIGHT_IN, DPI = 6.0, 3.2, 200


def bar_chart_png(labels: Sequence[str], values: Sequence[int], ylabel: str) -> bytes:
    """A simple bar chart with the value above each bar, as PNG bytes (deterministic)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager, pyplot
    from matplotlib.ticker import MaxNLocator

    installed = {font.name for font in font_manager.fontManager.ttflist}
    family = [name for name in CJK_FONTS if name in installed] or ["sans-serif"]
    with pyplot.rc_context(
        {"font.family": family, "axes.unicode_minus": False, "svg.hashsalt": "reportgen", "path.simplify": True}
    ):
        figure, axes = pyplot.subplots(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
        bars = axes.bar(list(labels), list(values), color="#4a6fa5", width=0.55)
        axes.bar_label(bars, padding=2)
        axes.set_ylabel(ylabel)
        axes.spines[["top", "right"]].set_visible(False)
        axes.set_ylim(0, max([*values, 1]) * 1.2)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
        pyplot.close(figure)
    return buffer.getvalue()


def picture_size_mm() -> tuple[float, float]:
    """The printed size of a chart (mm) at the type-area width."""
    return 150.0, 150.0 * HEIGHT_IN / WIDTH_IN
