"""What one report's templates may spend: time, output, loop iterations and value sizes.

Templates may come from strangers (``--narratives``, a web upload), so rendering has a
budget. The sandbox (:mod:`reportgen.render.narrative.sandbox`) asks the current budget before
every call, operator and loop step; exceeding it raises :class:`LimitExceeded`, which the
narratives turn into a :class:`~reportgen.errors.TemplateError` naming the template line.

The limits are generous. For a 5,000-indicator unit the built-in templates take about half
a second and 5,000 loop steps, print 0.5 million characters and make 2.4 million in all;
``tests/unit/render/narrative/test_budget.py`` renders it within a tenth of every size limit. A real
report (the Lingling example) prints 5,700 characters in 56 loop steps. Loop steps are
capped far higher than needed because they are cheap; time stops loops whose steps are not.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """The budget of rendering one report (all chapters together)."""

    seconds: float = 30.0
    output_chars: int = 20_000_000  # also the largest single string or list a template may make
    iterations: int = 10_000_000  # loop steps, all loops of all chapters together
    made_chars: int = 50_000_000  # every string and list template code makes, added up
    items: int = 1_000_000  # the longest list (each item is an object: far costlier than a character)
    power_bits: int = 100_000  # the largest integer ``a ** b`` may produce


LIMITS = Limits()


class LimitExceeded(Exception):
    """Template code went over its budget; ``reason`` says which one, in Chinese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Budget:
    """The spending of one render against its :class:`Limits`."""

    CHECK_EVERY = 1024  # loop steps between two looks at the clock

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or LIMITS
        self.deadline = time.monotonic() + self.limits.seconds
        self.output = 0
        self.iterations = 0
        self.total_made = 0

    def tick(self) -> None:
        """Stop when the time is up."""
        if time.monotonic() > self.deadline:
            raise LimitExceeded(f"运行超过{self.limits.seconds:g}秒，已停止")

    def step(self) -> None:
        """One loop iteration."""
        self.iterations += 1
        if self.iterations > self.limits.iterations:
            raise LimitExceeded(f"循环次数超过{self.limits.iterations:,}次，已停止")
        if self.iterations % self.CHECK_EVERY == 0:
            self.tick()

    def emit(self, chars: int) -> None:
        """``chars`` more characters of rendered output."""
        self.output += chars
        if self.output > self.limits.output_chars:
            raise LimitExceeded(f"输出超过{self.limits.output_chars:,}字符，已停止")

    def allow(self, size: int) -> None:
        """Refuse making a string or list of ``size`` characters/items."""
        if size > self.limits.output_chars:
            raise LimitExceeded(f"生成的文字或列表超过{self.limits.output_chars:,}字符（或项），已停止")

    def allow_items(self, count: int) -> None:
        """Refuse making a list (tuple, dict, set) of ``count`` items."""
        if count > self.limits.items:
            raise LimitExceeded(f"生成的列表超过{self.limits.items:,}项，已停止")

    def made(self, size: int) -> None:
        """Template code made a string or list of ``size``: count it against both limits."""
        self.allow(size)
        self.total_made += size
        if self.total_made > self.limits.made_chars:
            raise LimitExceeded(f"生成的文字累计超过{self.limits.made_chars:,}字符，已停止")


_CURRENT: ContextVar[Budget | None] = ContextVar("reportgen_template_budget", default=None)


@contextmanager
def spending(limits: Limits | None = None) -> Iterator[Budget]:
    """A fresh budget for the templates rendered inside the ``with`` block."""
    budget = Budget(limits)
    token = _CURRENT.set(budget)
    try:
        yield budget
    finally:
        _CURRENT.reset(token)


def current() -> Budget:
    """The budget of the render in progress (a fresh one outside a render, e.g. compiling)."""
    return _CURRENT.get() or Budget()


def size(value: object, cap: int | None = None, text: bool = False) -> int:
    """How big ``value`` can make a result: characters, |int| (a count, a width), or for a
    list its items plus theirs, counted only until above ``cap``. With ``text``: how long
    ``value`` is when printed (an int by its digits)."""
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, bool):
        return 1
    if isinstance(value, int):
        return value.bit_length() // 3 + 1 if text else abs(value)
    if isinstance(value, range):
        return len(value)
    if isinstance(value, list | tuple | set | frozenset | dict):
        limit = current().limits.output_chars if cap is None else cap
        total = len(value)
        items = itertools.chain.from_iterable(value.items()) if isinstance(value, dict) else value
        for item in items:
            if total > limit:
                break
            nested = isinstance(item, str | list | tuple | dict | set | frozenset)
            total += size(item, limit - total, text) if nested else 1
        return total
    return 1


def text_size(value: object) -> int:
    """About how many characters ``value`` prints as."""
    return size(value, text=True)


def product_size(values: Iterable[object], cap: int) -> int:
    """The product of the sizes of ``values`` (each at least 1), stopping once above ``cap``."""
    total = 1
    for value in values:
        total *= max(1, size(value))
        if total > cap:
            break
    return total


_PERCENT_SPEC = re.compile(r"%[-#0 +]*[\d*]*(?:\.[\d*]*)?")
_BRACE_FIELD = re.compile(r"\{[^{}]*\}")
_NESTED_BRACE = re.compile(r"\{[^{}]*:[^{}]*\{")
_DIGITS = re.compile(r"\d+")


def check_format(template: str, percent: bool, braces: bool) -> None:
    """Refuse format strings whose widths or precisions would make huge strings."""
    cap = current().limits.output_chars
    specs: list[str] = []
    if percent:
        specs += [m.group() for m in _PERCENT_SPEC.finditer(template)]
        if any("*" in spec for spec in specs):
            raise LimitExceeded("格式中的“*”宽度不受支持（请直接写出宽度），已停止")
    if braces:
        if _NESTED_BRACE.search(template):
            raise LimitExceeded("格式宽度不能来自参数（“{:{…}}”，请直接写出宽度），已停止")
        specs += [m.group().partition(":")[2] for m in _BRACE_FIELD.finditer(template)]
    for spec in specs:
        for digits in _DIGITS.findall(spec):
            if len(digits) > len(str(cap)) or int(digits) > cap:
                raise LimitExceeded(f"格式宽度或精度 {digits[:12]} 过大，已停止")
