"""Errors and validation issues shown to users.

Every problem a user can cause is a :class:`ReportgenError` with a Chinese message; the CLI
turns these into exit codes in one place and never shows a traceback for them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from reportgen.textchars import shown


class Severity(StrEnum):
    """问题级别: errors stop rendering, warnings do not; missing items (尚未填写) make a draft."""

    ERROR = "error"
    WARNING = "warning"
    MISSING = "missing"

    @property
    def word(self) -> str:
        """The Chinese word shown before an issue: 错误, 提示, 尚未填写."""
        return {"error": "错误", "warning": "提示", "missing": "尚未填写"}[self.value]


@dataclass(frozen=True)
class Issue:
    """One problem found in the data, with where it is and what to do about it."""

    path: str
    message: str
    severity: Severity = Severity.ERROR
    label: str = ""
    location: str = ""

    def __post_init__(self) -> None:
        # Messages quote the user's text: characters a terminal cannot print are shown as code points.
        for name in ("path", "message", "label", "location"):
            object.__setattr__(self, name, shown(getattr(self, name)))

    def describe(self, file: str = "") -> str:
        """One line for a terminal: ``file:第3行第5列: indicators[0].target（年度指标值）: message``."""
        where = ":".join(part for part in (shown(file), self.location) if part)
        field_ = self.path
        if self.label:
            field_ = f"{field_}（{self.label}）"
        return ": ".join(part for part in (where, field_, self.message) if part)


class ReportgenError(Exception):
    """Base of every error caused by input, templates, styles or output paths."""

    def __init__(self, message: str) -> None:
        message = shown(message)  # a file name or quoted value may hold unprintable characters
        super().__init__(message)
        self.message = message


@dataclass
class DataError(ReportgenError):
    """The data file cannot be read or is invalid; holds every issue found at once."""

    file: str
    issues: list[Issue] = field(default_factory=list)
    purpose: str = ""  # what was refused: "" (a report) or "定稿" (render --final)

    def __post_init__(self) -> None:
        self.file = shown(self.file)
        ReportgenError.__init__(self, self.render())

    def render(self) -> str:
        if self.purpose:
            lines = [
                f"{self.file}: 还有 {len(self.issues)} 处尚未完成，未生成{self.purpose}（去掉 --final 可生成草稿）："
            ]
        else:
            errors = [i for i in self.issues if i.severity is Severity.ERROR]
            lines = [f"{self.file}: 数据有 {len(errors)} 处错误，未生成报告："]
        lines += [f"  - [{issue.severity.word}] {issue.describe()}" for issue in self.issues]
        return "\n".join(lines)

    @classmethod
    def single(cls, file: str, message: str, location: str = "", path: str = "") -> DataError:
        return cls(file, [Issue(path=path, message=message, location=location)])


class TemplateError(ReportgenError):
    """A narrative template is missing or broken."""


class StyleError(ReportgenError):
    """A document style definition is missing or invalid."""


class OutputError(ReportgenError):
    """The output file cannot be written (exists, directory missing, …)."""


def errors_of(issues: Iterable[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity is Severity.ERROR]


def warnings_of(issues: Iterable[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity is Severity.WARNING]


def missing_of(issues: Iterable[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity is Severity.MISSING]
