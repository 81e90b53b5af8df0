"""``reportgen batch``: the options checked before any work, then the units and the summaries."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from reportgen.api import Renderer, RenderOptions
from reportgen.errors import OutputError
from reportgen.features.batch.run import BatchResult, Progress, run_batch
from reportgen.features.batch.summary import Summary

SLOW_PDF = (
    "未找到能调用 LibreOffice 的 Python（Debian/Ubuntu 请安装 python3-uno），"
    "PDF 将逐份启动 LibreOffice 生成，每份约需 2 秒。"
)


def batch_reports(
    inputs: Iterable[Path],
    outdir: Path,
    options: RenderOptions,
    *,
    jobs: int | None = None,
    force: bool = False,
    bureau: str = "",
    on_notice: Callable[[str], None] = lambda _: None,
    on_ready: Callable[[], None] = lambda: None,
    progress: Progress | None = None,
    on_plan: Callable[[int], None] | None = None,
    pdf: bool = False,
) -> BatchResult:
    """Render every unit of ``inputs`` into ``outdir`` with the summary table and report
    (see :func:`~reportgen.features.batch.run.run_batch`).

    A bad template, style or reference document fails here, before any unit; ``on_notice``
    hears what the reference document cannot provide, ``on_ready`` that the work begins;
    ``bureau`` signs the summary report. With ``pdf``, a missing LibreOffice fails here too, and
    ``on_notice`` hears which fonts of the reports this machine lacks (the PDFs set them in another face).
    """
    renderer = Renderer(options)
    for notice in renderer.notices:
        on_notice(notice)
    if pdf:
        for warning in _pdf_warnings(renderer):
            on_notice(warning)
    on_ready()
    return run_batch(
        inputs,
        outdir,
        options,
        jobs=jobs,
        force=force,
        progress=progress,
        on_plan=on_plan,
        summary=Summary(renderer.stylesheet, bureau),
        pdf=pdf,
    )


def _pdf_warnings(renderer: Renderer) -> list[str]:
    from reportgen.features.pdf import find_soffice
    from reportgen.features.pdf_fonts import missing_font_warnings, stylesheet_fonts
    from reportgen.features.pdf_server import find_uno_python

    soffice = find_soffice()
    if soffice is None:
        raise OutputError(
            "未找到 LibreOffice，无法生成 PDF，尚未生成任何报告。请先安装 LibreOffice"
            "（Debian/Ubuntu 运行 sudo apt-get install libreoffice-writer fonts-noto-cjk；"
            "Windows 或 macOS 从 LibreOffice 官网下载安装），或去掉 --pdf 只生成 Word 文档。"
        )
    slow = [] if find_uno_python(soffice) else [SLOW_PDF]
    return slow + missing_font_warnings(stylesheet_fonts(renderer.stylesheet))
