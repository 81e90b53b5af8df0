"""The sandboxed Jinja environment with a budget: every call, operator and loop step of
template code is checked against the current :class:`~reportgen.render.narrative.budget.Budget`.

Jinja's own sandbox stops templates from reaching Python internals; this one also stops
them from running forever or filling the memory:

- calls (functions, methods, filters) look at the clock, refuse arguments that would make a
  huge result (``'x'|center(10**9)``, ``s|replace('', t)``, ``'%999999999s'|format(1)``) and
  count the size of what they return;
- ``*``, ``**``, ``+`` and ``%`` are intercepted and refused when the result would be huge;
- every ``{% for %}`` iterates through a counter, so nested loops stop even with no output,
  and every ``~`` concatenation is measured.

The narratives measure the rendered output as it is produced.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import wraps
from typing import Any

from jinja2 import nodes
from jinja2.runtime import Context, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

from reportgen.render.narrative.budget import LimitExceeded, check_format, current, product_size, size, text_size

Estimate = Callable[[list[Any], Mapping[str, Any]], int]


class BudgetedEnvironment(ImmutableSandboxedEnvironment):
    """An immutable sandbox whose templates spend from the current budget."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._safe_attributes: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Jinja's answer, asked once per type and name: it depends on nothing else (the
        name's underscores, the type's place among functions, methods, frames, generators
        and the known mutable containers) — and attribute checks were a fifth of rendering
        a report with a thousand indicators."""
        cls = type(obj)
        if obj.__class__ is not cls:  # an object that claims another class: asked every time
            return super().is_safe_attribute(obj, attr, value)
        key = (cls, attr)
        known = self._safe_attributes.get(key)
        if known is None:
            known = self._safe_attributes[key] = super().is_safe_attribute(obj, attr, value)
        return known

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        guarded = _Guards().visit(tree)
        assert isinstance(guarded, nodes.Template)
        return guarded

    def call_binop(self, context: Context, operator_: str, left: Any, right: Any) -> Any:
        budget = current()
        budget.tick()
        _check_binop(operator_, left, right)
        result = self.binop_table[operator_](left, right)
        _count(result)
        return result

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if getattr(__obj, "__self__", None) is __self:  # the budget's own hooks (budget_loop …)
            return __context.call(__obj, *args, **kwargs)
        current().tick()
        owner = _owner(__obj)
        name = f"str.{getattr(getattr(__obj, '__wrapped__', __obj), '__name__', '')}" if isinstance(owner, str) else ""
        checked = _check_call(__obj, name, [] if owner is None else [owner], list(args), kwargs)
        result = super().call(__context, __obj, *checked, **kwargs)
        _count(result)
        return result

    def budget_loop(self, iterable: Any) -> Iterable[Any]:
        """What a ``{% for %}`` iterates over: ``iterable``, one budget step per item."""
        return _Counted(iterable)

    def budget_part(self, value: Any) -> Any:
        """One part of a ``~`` concatenation: refused if its text would be huge."""
        current().allow(text_size(value))
        return value

    def budget_value(self, value: Any) -> Any:
        """A ``~`` concatenation's result, measured."""
        _count(value)
        return value

    def concat(self, pieces: Iterable[str]) -> str:
        """Joins the output of a macro, ``{% set %}`` block or filter block: measured first."""
        pieces = pieces if isinstance(pieces, list) else list(pieces)
        current().made(sum(len(piece) for piece in pieces))
        return "".join(pieces)

    def guard(self, finalize: Callable[[Any], Any]) -> None:
        """Make every filter and every printed value (``finalize``) spend from the budget."""
        for name, func in list(self.filters.items()):
            self.filters[name] = _guarded_filter(name, func)

        def budgeted_finalize(value: Any) -> Any:
            if not isinstance(value, str):
                current().allow(text_size(value))
            return finalize(value)

        self.finalize = budgeted_finalize
        self.globals.pop("lipsum", None)  # makes any amount of text in one call; not for reports


class _Guards(NodeTransformer):
    """Rewrites a parsed template: loops count their steps, concatenations are measured."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        assert isinstance(node.iter, nodes.Expr)
        node.iter = _environment_call("budget_loop", node.iter)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        node.nodes = [_environment_call("budget_part", part) for part in node.nodes]
        return _environment_call("budget_value", node)


def _environment_call(method: str, argument: nodes.Expr) -> nodes.Call:
    call = nodes.Call(nodes.EnvironmentAttribute(method), [argument], [], None, None, lineno=argument.lineno)
    call.node.lineno = argument.lineno
    return call


class _Counted:
    """An iterable that takes one budget step per item; keeps ``len`` for ``loop.length``."""

    def __init__(self, iterable: Any) -> None:
        self.iterable = iterable

    def __iter__(self) -> Iterator[Any]:
        budget = current()
        for item in self.iterable:
            budget.step()
            yield item

    def __len__(self) -> int:
        return len(self.iterable)


def _count(value: Any) -> None:
    if isinstance(value, str):
        current().made(len(value))
    elif isinstance(value, list | tuple | dict | set | frozenset):
        current().allow_items(len(value))
        current().made(len(value))


def _check_binop(operator_: str, left: Any, right: Any) -> None:
    if operator_ == "*":
        for sequence, times in ((left, right), (right, left)):
            if isinstance(sequence, str | list | tuple) and isinstance(times, int):
                current().allow(len(sequence) * max(times, 0))
                if not isinstance(sequence, str):
                    current().allow_items(len(sequence) * max(times, 0))
    elif operator_ == "+":
        if isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
            current().allow(len(left) + len(right))
            if not isinstance(left, str):
                current().allow_items(len(left) + len(right))
    elif operator_ == "**":
        if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
            limit = current().limits.power_bits
            if abs(left).bit_length() * right > limit:
                raise LimitExceeded(f"乘方结果超过{limit:,}位二进制数，已停止")
    elif operator_ == "%" and isinstance(left, str):
        check_format(left, percent=True, braces=False)
        current().allow(len(left) + text_size(right))


def _owner(obj: Any) -> Any:
    """The string or list a method is bound to (``'、'`` in ``'、'.join``), else None."""
    target = getattr(obj, "__wrapped__", obj)  # the sandbox wraps str.format
    owner = getattr(target, "__self__", None)
    return owner if isinstance(owner, str | list | tuple | dict) else None


def _trusted(func: Any) -> bool:
    """reportgen's own filters and globals format values, and macros are guarded template code."""
    return isinstance(func, Macro) or str(getattr(func, "__module__", "")).startswith("reportgen.")


def _check_call(func: Any, name: str, head: list[Any], args: list[Any], kwargs: dict[str, Any]) -> list[Any]:
    """Refuse a call whose result would be huge; returns the arguments to call with.

    ``name`` is the filter or str-method name; ``head`` the value it works on when that is
    not among ``args`` (a method's string). Iterators handed to other code than reportgen's
    (and to any join) are read into a list first, at most the limit, so their size is known.
    """
    budget = current()
    cap = budget.limits.output_chars
    sizes_by_int = not _trusted(func) and name not in _FORMATS  # a format's ints are values
    for value in itertools.chain(args, kwargs.values()):
        if sizes_by_int and isinstance(value, int) and not isinstance(value, bool) and abs(value) > cap:
            shown = str(value) if abs(value) < 10**15 else "（位数过多）"
            raise LimitExceeded(f"参数 {shown} 过大，已停止")
    if not _trusted(func):
        args = [_listed(v) for v in args]
    estimate = _ESTIMATES.get(name)
    if estimate is None:
        if not _trusted(func):
            budget.allow(product_size((v for v in (*head, *args, *kwargs.values()) if not isinstance(v, int)), cap))
        return args
    if name in ("join", "str.join"):
        args = [_listed(v) for v in args]
    budget.allow(estimate([*head, *args], kwargs))
    return args


def _listed(value: Any) -> Any:
    """An iterator (``map``, ``select`` …) read into a list, so that its size is known."""
    if not isinstance(value, Iterator):
        return value
    items = list(itertools.islice(value, current().limits.items + 1))
    current().allow_items(len(items))
    return items


def _arg(values: list[Any], kwargs: Mapping[str, Any], index: int, key: str, default: Any) -> Any:
    return values[index] if len(values) > index else kwargs.get(key, default)


def _replace(values: list[Any], kwargs: Mapping[str, Any]) -> int:
    text, new = str(_arg(values, kwargs, 0, "s", "")), _arg(values, kwargs, 2, "new", "")
    return len(text) + (len(text) + 1) * len(str(new))


def _join(values: list[Any], kwargs: Mapping[str, Any]) -> int:
    items, separator = _arg(values, kwargs, 0, "value", ()), _arg(values, kwargs, 1, "d", "")
    return size(items) + size(items) * len(str(separator))


def _join_method(values: list[Any], kwargs: Mapping[str, Any]) -> int:
    return _join(values[1:2] + values[0:1], kwargs)


def _indent(values: list[Any], kwargs: Mapping[str, Any]) -> int:
    text, width = str(_arg(values, kwargs, 0, "s", "")), _arg(values, kwargs, 1, "width", 4)
    per_line = len(width) if isinstance(width, str) else int(width)
    return len(text) + (text.count("\n") + 1) * per_line


def _expandtabs(values: list[Any], kwargs: Mapping[str, Any]) -> int:
    text, tabsize = str(values[0]), _arg(values, kwargs, 1, "tabsize", 8)
    return len(text) + text.count("\t") * int(tabsize)


def _wordwrap(values: list[Any], kwargs: Mapping[str, Any]) -> int:
    text, width = str(_arg(values, kwargs, 0, "s", "")), int(_arg(values, kwargs, 1, "width", 79))
    wrap = _arg(values, kwargs, 3, "wrapstring", None) or "\n"
    return len(text) + (len(text) // max(width, 1) + 1) * len(str(wrap))


def _format(values: list[Any], kwargs: Mapping[str, Any], percent: bool) -> int:
    template = values[0] if values else ""
    if isinstance(template, str):
        check_format(template, percent=percent, braces=not percent)
    return len(str(template)) + sum(size(v) for v in values[1:] if not isinstance(v, int))


_FORMATS = ("format", "str.format", "str.format_map")
_ESTIMATES: dict[str, Estimate] = {
    "replace": _replace,
    "join": _join,
    "indent": _indent,
    "wordwrap": _wordwrap,
    "format": lambda values, kwargs: _format(values, kwargs, percent=True),
    "str.replace": _replace,
    "str.join": _join_method,
    "str.expandtabs": _expandtabs,
    "str.format": lambda values, kwargs: _format(values, kwargs, percent=False),
    "str.format_map": lambda values, kwargs: _format(values, kwargs, percent=False),
}


def _guarded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` as a filter that spends from the budget."""
    passes_state = hasattr(func, "jinja_pass_arg")

    @wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        current().tick()
        state, values = (list(args[:1]), list(args[1:])) if passes_state else ([], list(args))
        values = _check_call(func, name, [], values, kwargs)
        result = func(*state, *values, **kwargs)
        _count(result)
        return result

    return guarded
