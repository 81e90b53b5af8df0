"""Scoring profiles (评分规则方案): the scoring rules of a province or platform as data.

A profile is a readable YAML file in ``profiles/`` (built-in) or in a user folder given
with ``--profiles`` (searched first, so a user file overrides a built-in one of the same
name), or a file given with ``--profile FILE.yaml``. The default profile holds the rules of
财预〔2020〕10号 (docs/domain.md §1.5–§1.7); others add rules such as a deduction for results far
above their target or a cap on the total by the budget execution rate.

Data may name a profile (``scoring.profile``) but never a path: names are looked up in the
profile folders only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from reportgen.data.model import QualitativeBands, Scoring
from reportgen.errors import ReportgenError
from reportgen.support.resources import builtin_dir

DEFAULT_PROFILE = "caiyu-2020-10"
_NAME = re.compile(r"^[A-Za-z0-9_\-]{1,64}$")
_MAX_PROFILE_BYTES = 64 * 1024


class ProfileError(ReportgenError):
    """A scoring profile is missing or invalid."""


Points = Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OverAchievement(_Strict):
    """超额完成扣分: a quantitative result at least ``at_least`` × its target loses ``deduct`` points."""

    at_least: Annotated[Decimal, Field(gt=1, allow_inf_nan=False)]
    deduct: Points


class ExecutionCap(_Strict):
    """按预算执行率封顶: a rate (%) below ``below`` caps the total at ``max_total``."""

    below: Annotated[Decimal, Field(gt=0, le=100, allow_inf_nan=False)]
    max_total: Points


class Profile(_Strict):
    """One scoring profile."""

    name: str = Field(min_length=1, max_length=100)
    description: str = ""
    over_threshold: Annotated[Decimal, Field(gt=1, allow_inf_nan=False)] = Decimal("1.2")
    qualitative_bands: QualitativeBands = (Decimal("0.8"), Decimal("0.6"))
    over_achievement: OverAchievement | None = None
    execution_caps: tuple[ExecutionCap, ...] = ()


@dataclass(frozen=True)
class Rules:
    """The rules a report is scored by: its profile, with what the data's ``scoring`` sets."""

    profile: Profile
    over_threshold: Decimal
    qualitative_bands: tuple[Decimal, Decimal]
    group_weights: dict[str, Decimal]
    scale_to_100: bool

    @property
    def name(self) -> str:
        return self.profile.name

    def cap_for(self, rate: Decimal | None) -> ExecutionCap | None:
        """The tightest execution cap that applies to ``rate`` (%), if any."""
        if rate is None:
            return None
        matching = [cap for cap in self.profile.execution_caps if rate < cap.below]
        return min(matching, key=lambda cap: cap.below) if matching else None


def rules_for(scoring: Scoring, profile: Profile | None = None) -> Rules:
    """Effective rules: the profile's, overridden by what the data's ``scoring`` sets explicitly."""
    profile = profile or default_profile()
    given = scoring.model_fields_set
    return Rules(
        profile=profile,
        over_threshold=scoring.over_threshold if "over_threshold" in given else profile.over_threshold,
        qualitative_bands=scoring.qualitative_bands if "qualitative_bands" in given else profile.qualitative_bands,
        group_weights=dict(scoring.group_weights),
        scale_to_100=scoring.scale_to_100,
    )


@cache
def default_profile() -> Profile:
    """The built-in default profile (loaded once: a built-in file does not change while running)."""
    return load_profile(DEFAULT_PROFILE)


def available_profiles(user_dir: Path | None = None) -> list[str]:
    """Names of the profiles that can be chosen by name."""
    folders = [d for d in (user_dir, builtin_dir("profiles")) if d is not None and d.is_dir()]
    return sorted({p.stem for folder in folders for p in folder.glob("*.yaml")})


def load_profile(name_or_file: str, user_dir: Path | None = None, allow_file: bool = True) -> Profile:
    """A profile by name (user folder first, then built-in) or, when ``allow_file``, by file path.

    Names from data files are looked up with ``allow_file=False``: data never names a path.
    """
    if allow_file and name_or_file.endswith((".yaml", ".yml")):
        return _load_file(Path(name_or_file).resolve())
    if not _NAME.match(name_or_file):
        raise ProfileError(
            f"评分规则方案名称“{name_or_file[:40]}”无效：只能是方案名称（字母、数字、-、_），"
            f"可用的方案：{'、'.join(available_profiles(user_dir))}。"
        )
    for folder in (user_dir, builtin_dir("profiles")):
        if folder is None:
            continue
        path = folder / f"{name_or_file}.yaml"
        if path.is_file() and path.resolve().parent == folder.resolve():
            return _load_file(path.resolve())
    known = "、".join(available_profiles(user_dir))
    raise ProfileError(f"没有名为“{name_or_file}”的评分规则方案；可用的方案：{known}。")


@cache
def _load_file(path: Path) -> Profile:
    try:
        if path.stat().st_size > _MAX_PROFILE_BYTES:
            raise ProfileError(f"评分规则方案文件 {path} 过大（超过 64 KB），不是方案文件。")
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProfileError(f"无法读取评分规则方案文件 {path}：{exc.strerror}") from None
    except (yaml.YAMLError, UnicodeDecodeError):
        raise ProfileError(f"评分规则方案文件 {path} 不是有效的 YAML（UTF-8）文件。") from None
    try:
        return Profile.model_validate(raw)
    except ValidationError as exc:
        problems = "；".join(
            f"{'.'.join(str(p) for p in err['loc']) or '（整个文件）'}: {err['msg']}" for err in exc.errors()
        )
        raise ProfileError(f"评分规则方案文件 {path} 有误：{problems}") from None


__all__ = [
    "DEFAULT_PROFILE",
    "ExecutionCap",
    "OverAchievement",
    "Profile",
    "ProfileError",
    "Rules",
    "available_profiles",
    "load_profile",
    "rules_for",
]
