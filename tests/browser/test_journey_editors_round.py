"""The editors' round as a clerk does it: the Word report downloaded and edited (a sentence
typed into a paragraph, as in Word), a figure changed in the editor, the edited draft uploaded
on 修改稿; the revised draft keeps the sentence and has the new figure, and what is left to do
is listed."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from browser_steps import Browser, Shoot
from clerk_steps import accepted_paragraphs, scroll_up, type_into

pytestmark = pytest.mark.browser

SENTENCE = "全年未发生重大安全事故。"


def type_a_sentence(draft: Path, into: Path) -> str:
    """The editor's change: ``SENTENCE`` typed at the end of the first long body paragraph."""
    document = docx.Document(str(draft))
    paragraph = next(p for p in document.paragraphs if len(p.text) > 40 and p.runs)
    paragraph.add_run(SENTENCE)
    document.save(str(into))
    return paragraph.text


def test_an_edited_draft_uploaded_after_a_figure_changed_comes_back_with_the_editors_sentence_and_the_new_figure(
    browser: Browser, shoot: Shoot, tmp_path: Path
) -> None:
    browser.open("/")
    browser.follow(browser.find("form[action='/reports/starter'] button"))
    shoot("overview")
    first = browser.download(browser.link("Word 报告"), ".docx")
    assert not any("1600.00" in text for text in accepted_paragraphs(first))
    edited = tmp_path / "编辑修改稿.docx"
    typed = type_a_sentence(first, edited)

    browser.follow(browser.link("填写数据"))
    type_into(browser, "budget.executed", "1600")
    scroll_up(browser)
    shoot("editor-figure-changed")

    browser.follow(browser.link("修改稿"))
    assert "还没有修改稿" in browser.text
    shoot("drafts-empty")
    browser.upload("form[action$='/drafts']", edited)
    assert "仍需处理的地方" in browser.text and "第 2 稿（最新修订稿）" in browser.text
    assert "编辑修改稿.docx" in browser.text
    shoot("drafts-findings")

    revised = browser.download(browser.link("下载第 2 稿（修订稿）"), ".docx")
    paragraphs = accepted_paragraphs(revised)
    assert any(SENTENCE in text for text in paragraphs), typed
    assert any("1600.00" in text for text in paragraphs)
