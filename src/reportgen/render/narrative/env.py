"""The sandboxed Jinja environment and the chapter templates of a template set.

A template set is a folder ``narratives/<name>/`` of chapter files ``NN_slug.md.jinja``
(the number orders the chapters) and partials starting with ``_``; ``narratives/_common``
holds macros every set can import. A user folder given
with ``--narratives`` is searched first, so its files override built-in ones of the same
name and may add chapters.

Templates may come from strangers: the sandbox gives them a budget (time, output, loops,
sizes; :mod:`reportgen.render.narrative.sandbox`) and the loader reads only UTF-8 files inside the
template folders (:mod:`reportgen.render.narrative.loader`). reportgen's own template sets,
used without a user folder, run in a plain Jinja environment with the same filters, globals
and escaping (a third less time per report): no sandbox checks on attributes, calls and
operators, only the budget of time and output measured as the chapters are written. A user
folder puts every template of the set in the sandbox, since its files may override or
import the built-in ones. Any failure becomes a
:class:`~reportgen.errors.TemplateError` naming the template and line
(:mod:`reportgen.render.narrative.failures`).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from reportgen.errors import ReportgenError, TemplateError
from reportgen.figures import fmt
from reportgen.render.narrative.budget import LimitExceeded, Limits, spending
from reportgen.render.narrative.escaping import (
    escape,
    heading,
    key_marker,
    md,
    page_break,
    role_marker,
    table_marker,
    unescape,
)
from reportgen.render.narrative.failures import template_error
from reportgen.render.narrative.loader import FolderLoader
from reportgen.render.narrative.sandbox import BudgetedEnvironment
from reportgen.support.cache import cache_dir, code_fingerprint
from reportgen.support.resources import builtin_dir

SUFFIX = ".md.jinja"


def available_templates() -> list[str]:
    """Names of the built-in template sets."""
    folders = builtin_dir("narratives").iterdir()
    return sorted(p.name for p in folders if p.is_dir() and not p.name.startswith("_"))


class Narratives:
    """The chapters of one template set, loaded once and rendered per report."""

    def __init__(self, template: str = "standard", user_dir: Path | None = None, *, sandboxed: bool = False) -> None:
        """``sandboxed`` runs even the built-in templates in the sandbox (as with a ``user_dir``)."""
        if template not in available_templates():  # a name, never a path
            known = "、".join(available_templates())
            raise TemplateError(
                f"没有名为“{template}”的报告模板；可用的模板：{known}。"
                "自己的模板请放在一个目录中，用 --narratives 指定。"
            )
        if user_dir is not None and not user_dir.is_dir():
            raise TemplateError(f"模板目录 {user_dir} 不存在，请检查 --narratives 参数。")
        builtin = builtin_dir("narratives") / template
        self.folders = [d for d in (user_dir, builtin) if d is not None]
        self.search = (*self.folders, builtin_dir("narratives") / "_common")
        self.sandboxed = sandboxed or user_dir is not None
        folders = tuple(str(d) for d in self.search)
        self.env = _environment(folders) if self.sandboxed else _trusted_environment(folders)
        self.chapters = self._chapter_names()

    def _chapter_names(self) -> list[str]:
        names = {p.name for folder in self.folders for p in folder.glob(f"*{SUFFIX}") if not p.name.startswith("_")}
        return sorted(names)

    def render(self, context: Mapping[str, Any], limits: Limits | None = None) -> list[tuple[str, str]]:
        """(chapter slug, Markdown) for every chapter, in order, within one budget."""
        rendered: list[tuple[str, str]] = []
        with spending(limits) as budget:
            for name in self.chapters:
                chunks: list[str] = []
                try:
                    stream = self.env.get_template(name).generate(context)
                    for chunk in stream:
                        try:
                            budget.emit(len(chunk))
                            budget.tick()
                        except LimitExceeded as exc:
                            stream.throw(exc)  # type: ignore[attr-defined]  # raised at the template's line
                        chunks.append(chunk)
                except ReportgenError:
                    raise
                except Exception as exc:  # whatever a template does wrong: name and line
                    raise template_error(exc, name, self.search) from None
                rendered.append((name.removesuffix(SUFFIX), unescape("".join(chunks))))
        return rendered


def _bytecode_cache(kind: str = "") -> jinja2.BytecodeCache | None:
    """Compiled templates kept between processes (keyed by template name and source); each
    ``kind`` of environment compiles differently and has a folder of its own."""
    folder = cache_dir()
    if folder is None:
        return None
    jinja_folder = folder / f"jinja-{kind}{code_fingerprint('render/narrative')}"
    try:
        jinja_folder.mkdir(exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(jinja_folder))


_OPTIONS: dict[str, Any] = {
    "undefined": jinja2.StrictUndefined,
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
}


@cache
def _environment(folders: tuple[str, ...]) -> jinja2.Environment:
    """The sandbox, for any template set with a user's templates in it."""
    env = BudgetedEnvironment(
        loader=FolderLoader(list(folders), encoding="utf-8"), bytecode_cache=_bytecode_cache(), **_OPTIONS
    )
    _add_helpers(env)
    env.guard(finalize=escape)
    return env


@cache
def _trusted_environment(folders: tuple[str, ...]) -> jinja2.Environment:
    """A plain environment, for reportgen's own templates only (``folders`` are built-in; they
    are part of the installed package, so a loaded template is not looked at again)."""
    loader = FolderLoader(list(folders), encoding="utf-8")
    env = jinja2.Environment(loader=loader, bytecode_cache=_bytecode_cache("trusted-"), auto_reload=False, **_OPTIONS)
    _add_helpers(env)
    env.finalize = escape
    return env


def _add_helpers(env: jinja2.Environment) -> None:
    """reportgen's filters and globals, the same in both environments."""
    env.filters.update(
        amount=fmt.amount,
        pct=fmt.pct,
        num=fmt.number,
        score=fmt.score,
        join=fmt.join,
        cn=fmt.cn_number,
        md=md,
        value=fmt.value_text,
        diff=fmt.difference,
        unnumbered=fmt.unnumbered,
        sentence=fmt.sentence,
    )
    env.globals.update(table=table_marker, role=role_marker, page_break=page_break, heading=heading, key=key_marker)
