"""The fast paths of rendering change nothing: reportgen's own templates skip the sandbox's
checks and give the same bytes as through the sandbox, a user's templates are still checked,
plain Markdown becomes the blocks markdown-it would make, and what the writer remembers
belongs to the text it was made for."""

from __future__ import annotations

from pathlib import Path

import jinja2.sandbox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.api import Renderer, RenderOptions, load
from reportgen.docx.write.paragraphs import run_xml
from reportgen.errors import TemplateError
from reportgen.ooxml.escape import clean
from reportgen.render.markdown import _parsed, parse
from reportgen.render.narrative import Narratives
from samples import EXAMPLES, FIXTURES, MINIMAL

pytestmark = pytest.mark.rendering

DATA = sorted(EXAMPLES.glob("*/data.yaml")) + sorted((FIXTURES / "valid").glob("*.yaml"))[:8]


def _user_folder(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "custom"
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "files",
    [
        {"03_performance.md.jinja": "一\n{{ report.__class__ }}"},
        {"99_extra.md.jinja": "一\n{{ report.__class__ }}"},
        {"99_extra.md.jinja": "{{ ''.__class__.__mro__ }}"},
    ],
    ids=["overriding-chapter", "added-chapter", "added-chapter-str"],
)
def test_a_user_template_is_still_sandboxed(tmp_path: Path, files: dict[str, str]) -> None:
    data = tmp_path / "data.yaml"
    data.write_text(MINIMAL, encoding="utf-8")
    renderer = Renderer(RenderOptions(narratives_dir=_user_folder(tmp_path, files)))
    assert renderer.narratives.sandboxed
    assert isinstance(renderer.narratives.env, jinja2.sandbox.SandboxedEnvironment)
    with pytest.raises(TemplateError) as caught:
        renderer.render(load(data))
    assert "执行了不允许的操作" in caught.value.message


def test_built_in_templates_alone_skip_the_sandbox() -> None:
    narratives = Narratives("standard")
    assert not narratives.sandboxed
    assert not isinstance(narratives.env, jinja2.sandbox.SandboxedEnvironment)
    assert isinstance(Narratives("standard", sandboxed=True).env, jinja2.sandbox.SandboxedEnvironment)


@pytest.mark.parametrize("template", ["standard", "hunan"])
@pytest.mark.parametrize("data", DATA, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_built_in_templates_give_the_same_document_fast_and_checked(data: Path, template: str) -> None:
    checked = load(data)
    assert checked.ok and checked.report is not None
    fast = Renderer(RenderOptions(template=template))
    sandboxed = Renderer(RenderOptions(template=template))
    sandboxed.narratives = Narratives(template, sandboxed=True)
    if template == "hunan" and checked.report.kind != "department":  # both refuse it, in the same words
        refusals = []
        for renderer in (fast, sandboxed):
            with pytest.raises(TemplateError, match="只用于") as caught:
                renderer.render(checked)
            refusals.append(caught.value.message)
        assert refusals[0] == refusals[1]
        return
    assert fast.render(checked) == sandboxed.render(checked)


_PIECES = [*"a中 #*_\\\t\n\r\x00\u3000\xa0\ue000【】：&<>[]`~!=-1."]
_MARKDOWN = st.lists(
    st.sampled_from([*_PIECES, "\n\n", "## ", "### ", "**", "【待补充：数】", "  \n"]),
    max_size=40,
).map("".join)


@settings(max_examples=3000, deadline=None)
@given(_MARKDOWN)
def test_plain_lines_give_the_blocks_markdown_it_gives(text: str) -> None:
    assert parse(text) == _parsed(text)


def test_a_plain_line_and_a_line_with_emphasis_are_not_confused() -> None:
    plain, emphasis = parse("完成情况：已完成。"), parse("完成情况：**已完成**。")
    assert plain != emphasis
    assert parse("完成情况：已完成。") == plain  # asked again: the same blocks
    assert [span.bold for span in emphasis[0].spans] == [False, True, False]


def test_a_remembered_run_belongs_to_its_text_and_emphasis() -> None:
    first = run_xml("产出指标")
    assert run_xml("产出指标") == first
    assert "效益指标" in run_xml("效益指标") and "产出指标" not in run_xml("效益指标")
    assert "<w:b/>" in run_xml("产出指标", bold=True) and "<w:b/>" not in first
    assert "yellow" in run_xml("产出指标", highlight=True)
    assert run_xml("“1620件”", quote_font="仿宋_GB2312") != run_xml("“1620件”")


def test_clean_text_is_returned_as_it_is_and_other_text_is_still_cleaned() -> None:
    text = "经自评，综合得分98分。"
    assert clean(text) is text
    assert clean("一\r\n二\r三\x0b四") == "一\n二\n三\n四"
    assert clean("控制\x01字符\ufffe\ud800") == "控制字符"
