"""Data in, checked data out: read a file, validate it, compute its figures and findings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen.data.model import Report
from reportgen.data.sources import RawData, read_data
from reportgen.data.validate import validate
from reportgen.errors import (
    Issue,
    Severity,
    errors_of,
    missing_of,
    warnings_of,
)
from reportgen.figures.checks import check
from reportgen.figures.compute import Figures, compute
from reportgen.figures.profiles import Profile, ProfileError, load_profile


@dataclass(frozen=True)
class Checked:
    """A data file after validation: the model and figures when valid, and every issue."""

    raw: RawData
    report: Report | None
    figures: Figures | None
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return errors_of(self.issues)

    @property
    def warnings(self) -> list[Issue]:
        return warnings_of(self.issues)

    @property
    def missing(self) -> list[Issue]:
        """What a draft still lacks (尚未填写)."""
        return missing_of(self.issues)

    @property
    def ok(self) -> bool:
        return not self.errors and self.report is not None


def check_data(raw: RawData, profile: Profile | None = None, profiles_dir: Path | None = None) -> Checked:
    """Validate raw data and compute its figures; never raises for bad content.

    The scoring profile is ``profile`` (the command line's), else the one the data names
    (``scoring.profile``: a name looked up in ``profiles_dir`` and the built-in profiles,
    never a path), else the default.
    """
    report, issues = validate(raw)
    if report is None or errors_of(issues):
        return Checked(raw, None, None, issues)
    named = report.scoring.profile
    try:
        chosen = profile or (load_profile(named, profiles_dir, allow_file=False) if named else None)
    except ProfileError as exc:
        return Checked(
            raw,
            None,
            None,
            [
                *issues,
                Issue(
                    "scoring.profile", exc.message, Severity.ERROR, "评分规则方案", raw.locate(("scoring", "profile"))
                ),
            ],
        )
    figures = compute(report, profile=chosen)
    return Checked(raw, report, figures, issues + check(report, figures, raw))


def check_values(
    data: Mapping[str, Any], source: str = "网页表单", profile: Profile | None = None, profiles_dir: Path | None = None
) -> Checked:
    """Check data given as plain values (what the web editor holds), exactly as a file's are checked.

    ``source`` names where the values came from in place of a file name.
    """
    return check_data(RawData(source, dict(data)), profile, profiles_dir)


def load(path: Path, profile: Profile | str | None = None, profiles_dir: Path | None = None) -> Checked:
    """Read and check a data file (YAML, JSON, Excel). Unreadable files raise :class:`DataError`.

    ``profile`` is a scoring profile, or what ``--profile`` takes: a profile's name (looked
    up in ``profiles_dir`` and the built-in ones) or .yaml file, loaded before the data is read.
    """
    if isinstance(profile, str):
        profile = load_profile(profile, profiles_dir) if profile else None
    return check_data(read_data(path), profile, profiles_dir)
