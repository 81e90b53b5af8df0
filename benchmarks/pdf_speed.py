"""PDF speed: a cold LibreOffice per report against one warm LibreOffice for a whole batch.

Renders N synthetic units (default 200) with ``run_batch``, then converts a few of the
reports cold (``soffice --convert-to``, one process each) and all of them through one
:class:`~reportgen.features.pdf_server.WarmConverter`, and prints seconds per report for
both and the ratio; finally times ``run_batch(..., pdf=True)`` end to end (rendering and
PDFs) per report. Fonts as in CI (ci/fonts.conf). Asserts nothing.

Run: python benchmarks/pdf_speed.py [--units 200] [--cold 5] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("FONTCONFIG_FILE", str(HERE.parent / "ci" / "fonts.conf"))

from synthetic import write_units  # noqa: E402

from reportgen.features import pdf  # noqa: E402
from reportgen.features.batch.run import run_batch  # noqa: E402
from reportgen.features.pdf_server import WarmConverter, find_uno_python  # noqa: E402


def cold_per_report(reports: list[Path]) -> float:
    start = time.perf_counter()
    for report in reports:
        pdf.pdf_bytes(report)
    return (time.perf_counter() - start) / len(reports)


def warm_per_report(reports: list[Path]) -> tuple[float, float]:
    """Seconds per report, and the seconds the office took to start (in the first report)."""
    soffice = pdf.find_soffice()
    python = find_uno_python(soffice) if soffice else None
    if soffice is None or python is None:
        raise SystemExit("needs LibreOffice and a Python with its uno module (python3-uno)")
    with WarmConverter(soffice, python) as converter:
        start = time.perf_counter()
        converter.pdf_bytes(reports[0])
        first = time.perf_counter() - start
        for report in reports:
            converter.pdf_bytes(report)
        return (time.perf_counter() - start - first) / len(reports), first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--cold", type=int, default=5, help="reports converted cold (each takes seconds)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reportgen-pdf-bench-") as work:
        folder = Path(work)
        write_units(folder / "in", args.units)
        run_batch([folder / "in"], folder / "docx", jobs=args.jobs, force=True)
        reports = sorted((folder / "docx").glob("*.docx"))
        reports = [r for r in reports if not r.name.startswith("汇总")]
        cold = cold_per_report(reports[: args.cold])
        warm, startup = warm_per_report(reports)
        print(f"cold: {cold:.3f} s per report ({min(args.cold, len(reports))} reports, one soffice each)")
        print(f"warm: {warm:.3f} s per report ({len(reports)} reports, one office; it started in {startup:.1f} s)")
        print(f"ratio cold / warm: {cold / warm:.1f}x")
        start = time.perf_counter()
        result = run_batch([folder / "in"], folder / "batch", jobs=args.jobs, force=True, pdf=True)
        elapsed = time.perf_counter() - start
        done = sum(u.status == "ok" for u in result.units)
        print(
            f"batch --pdf: {elapsed:.1f} s for {done} of {len(result.units)} units, "
            f"{elapsed / max(done, 1):.3f} s per report (rendering and PDF, {args.jobs} jobs)"
        )


if __name__ == "__main__":
    main()
