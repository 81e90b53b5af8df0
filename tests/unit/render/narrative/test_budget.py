"""Templates have a budget: hostile ones stop with a clear error naming the template line,
long before they use up memory or time; the built-in ones stay far below it."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportgen.api import Renderer, RenderOptions, load
from reportgen.errors import TemplateError
from reportgen.render.narrative import budget
from reportgen.render.narrative.budget import Limits
from samples import MINIMAL

CHAPTER = "03_performance.md.jinja"
HEADROOM = 1 << 30  # 1 GiB more address space than the process has: far below what the hostile inputs ask for


@pytest.fixture
def memory_cap() -> Iterator[None]:
    """Cap this process's address space while the test runs: a guard that fails shows as
    a MemoryError ("内存不足"), not as a machine that swaps."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    size = int(Path("/proc/self/status").read_text().split("VmSize:")[1].split()[0]) * 1024
    resource.setrlimit(resource.RLIMIT_AS, (size + HEADROOM, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def render_template(tmp_path: Path, source: str, name: str = CHAPTER) -> str:
    folder = tmp_path / "custom"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(source, encoding="utf-8")
    data = tmp_path / "data.yaml"
    data.write_text(MINIMAL, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        Renderer(RenderOptions(narratives_dir=folder)).document(load(data))
    return caught.value.message


HOSTILE = [
    ("{{ 'x' * 3000000000 }}", "生成的文字或列表超过20,000,000字符"),
    ("{{ [0] * 3000000000 }}", "生成的文字或列表超过"),
    ("{{ 'ab' + 'x' * 19999999 }}", "生成的文字或列表超过"),
    ("{{ 'x'|center(3000000000) }}", "参数 3000000000 过大"),
    ("{{ 'x'.ljust(3000000000) }}", "参数 3000000000 过大"),
    ("{{ ('x' * 1000000)|replace('', 'y' * 1000000) }}", "生成的文字或列表超过"),
    ("{{ ('x' * 1000000).replace('x', 'y' * 1000000) }}", "生成的文字或列表超过"),
    ("{{ range(100000)|map('string')|join('y' * 1000000) }}", "生成的文字或列表超过"),
    ("{{ ('y' * 1000000).join(range(100000)|map('string')) }}", "生成的文字或列表超过"),
    ("{{ ('\\n' * 1000000)|indent(1000000) }}", "生成的文字或列表超过"),
    ("{{ ('\\t' * 1000000).expandtabs(1000) }}", "生成的文字或列表超过"),
    ("{{ 'x'|wordwrap(1, wrapstring='y' * 10000000) }}", "生成的文字或列表超过"),
    ("{{ '%999999999s'|format(1) }}", "格式宽度或精度 999999999 过大"),
    ("{{ '%999999999s' % 1 }}", "格式宽度或精度 999999999 过大"),
    ("{{ '%*s' % (999999999, 1) }}", "“*”宽度不受支持"),
    ("{{ '{:>999999999}'.format(1) }}", "格式宽度或精度 999999999 过大"),
    ("{{ '{:{}}'.format(1, 19999999) }}", "格式宽度不能来自参数"),
    ("{{ 2 ** (10 ** 10) }}", "乘方结果超过100,000位二进制数"),
    (
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "生成的文字或列表超过",
    ),
    (
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
        "生成的文字或列表超过",
    ),
    ("{{ [('x' * 10000000)] * 100 }}", "生成的文字或列表超过"),
    ("{{ [[0]] * 19000000 }}", "生成的列表超过100,000项"),
    ("{{ ([0] * 900000 + [1] * 900000)|length }}", "生成的列表超过100,000项"),
    ("{{ [1, 2, 3]|slice(19000000)|list|length }}", "生成的列表超过100,000项"),
    ("{{ ('x' * 19000000)|list|length }}", "生成的列表超过100,000项"),
    ("{{ '' ~ [[('x' * 1000000)] * 100] * 100 }}", "生成的文字或列表超过"),
    ("{{ ([('x' * 10000000)] * 100)|string }}", "生成的文字或列表超过"),
    ("{% set s %}{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}{% endset %}", "生成的文字"),
    ("{% filter upper %}{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}{% endfilter %}", "生成的文字"),
    ("{% macro m() %}{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}{% endmacro %}{{ m() }}", "生成的文字"),
    ("{% for i in range(100) %}{{ 'x' * 15000000 }}{% endfor %}", "输出超过20,000,000字符"),
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "循环次数超过1,000,000次"),
    ("{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}", "循环次数超过"),
    (
        "{% for a in report.indicators %}{% for b in range(100000) %}{% for c in 'x' * 1000000 %}"
        "{% endfor %}{% endfor %}{% endfor %}",
        "循环次数超过",
    ),
]


@pytest.mark.parametrize(("source", "reason"), HOSTILE, ids=[f"hostile{n}" for n in range(len(HOSTILE))])
def test_hostile_templates_stop_with_the_template_line(
    tmp_path: Path, memory_cap: None, source: str, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(budget, "LIMITS", Limits(iterations=1_000_000, items=100_000))  # defaults: same, slower
    message = render_template(tmp_path, "正文\n" + source)
    assert message.startswith(f"模板“{CHAPTER}”第2行：")
    assert reason in message and "已停止" in message


def test_lipsum_is_not_offered_to_templates(tmp_path: Path) -> None:
    assert "'lipsum' is undefined" in render_template(tmp_path, "{{ lipsum(1000000) }}")


def test_the_time_budget_stops_a_loop_that_outputs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(budget, "LIMITS", Limits(seconds=0.2, iterations=10**15))
    source = "一\n二\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    assert f"模板“{CHAPTER}”第3行：运行超过0.2秒，已停止" in render_template(tmp_path, source)


def test_the_time_budget_stops_a_loop_that_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(budget, "LIMITS", Limits(seconds=0.2, iterations=10**15, output_chars=10**12))
    source = "一\n{% for i in range(100000) %}{% for j in range(100000) %}{{ j }}{% endfor %}{% endfor %}"
    assert f"模板“{CHAPTER}”第2行：运行超过0.2秒，已停止" in render_template(tmp_path, source)


def test_the_budget_covers_included_templates_and_names_them(tmp_path: Path) -> None:
    (tmp_path / "custom").mkdir()
    (tmp_path / "custom" / "_loop.md.jinja").write_text("\n{{ 'x' * 3000000000 }}", encoding="utf-8")
    message = render_template(tmp_path, "{% include '_loop.md.jinja' %}")
    assert message.startswith("模板“_loop.md.jinja”第2行：生成的文字或列表超过")


@pytest.mark.rendering
def test_a_hostile_template_ends_the_cli_with_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "custom"
    folder.mkdir()
    (folder / CHAPTER).write_text("{% for i in range(100000) %}{{ 'x' * 100000 }}{% endfor %}", encoding="utf-8")
    data = tmp_path / "data.yaml"
    data.write_text(MINIMAL, encoding="utf-8")

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, resource.RLIM_INFINITY))

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "reportgen",
            "render",
            str(data),
            "--narratives",
            str(folder),
            "-o",
            str(tmp_path / "r.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=cap,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 2
    assert f"模板“{CHAPTER}”第1行：" in result.stderr and "已停止" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "r.docx").exists()


def many_indicators(count: int) -> str:
    head = MINIMAL.split("indicators:")[0]
    weight = f"{90 / count:.4f}"
    rows = [
        f"  - {{level1: 产出指标, level2: 数量指标, name: 办理案件{n}, target: 100件, actual: {90 + n % 20}件, "
        f"weight: {weight}}}"
        for n in range(count)
    ]
    return head + "indicators:\n" + "\n".join(rows) + "\n"


@pytest.mark.parametrize("template", ["standard", "hunan"])
def test_built_in_templates_need_a_tenth_of_the_budget_for_5000_indicators(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, template: str
) -> None:
    defaults = Limits()
    tenth = Limits(
        seconds=defaults.seconds,
        output_chars=defaults.output_chars // 10,
        iterations=defaults.iterations // 10,
        made_chars=defaults.made_chars // 10,
        items=defaults.items // 10,
    )
    monkeypatch.setattr(budget, "LIMITS", tenth)
    data = tmp_path / "data.yaml"
    data.write_text(many_indicators(5000), encoding="utf-8")
    checked = load(data)
    assert checked.ok, checked.errors[:3]
    document = Renderer(RenderOptions(template=template)).document(checked)
    assert len(document.blocks) > 5000


@pytest.mark.rendering
@pytest.mark.parametrize(
    "source",
    [
        "{{ big }}",
        "{{ '共' ~ big ~ '元' }}",
        "{{ '%d元' % big }}",
        "{{ '%d元'|format(big) }}",
        "{{ [big, big]|join }}",
        "{{ big * big }}",
    ],
)
def test_large_numbers_are_values_not_sizes(source: str) -> None:
    from reportgen.render.narrative.env import _environment

    rendered = _environment(()).from_string(source).render(big=12_345_678_901)
    assert "12345678901" in rendered.replace(",", "") or "152415787526596567801" in rendered
