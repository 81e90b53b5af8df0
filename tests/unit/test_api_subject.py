"""Whose report a draft is: recorded in its baseline, compared with the data's by update."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting import render
from reportgen.api import load
from reportgen.api.drafts import describe, same_subject
from reportgen.api.rendering import subject_of
from reportgen.docx.baseline import baseline_xml, parse_baseline
from reportgen.docx.draft.read import read_draft
from reportgen.revise.model import Baseline, Generated, Subject
from samples import LINGLING, LINGLING_PROJECT

JUSTICE_2024 = Subject("某县司法局", 2024, "department")


@pytest.mark.rendering
@pytest.mark.parametrize("data", [LINGLING, LINGLING_PROJECT])
def test_a_rendered_draft_records_the_unit_year_and_kind_of_its_data(data: Path) -> None:
    draft = read_draft(render(data))
    assert draft.baseline is not None
    assert draft.baseline.subject == subject_of(load(data)) and draft.baseline.subject.known


def test_the_subject_round_trips_through_the_baseline_part() -> None:
    baseline = Baseline((Generated("k", "正文"),), subject=Subject('某县"司法局"<&>', 2024, "project"))
    parsed = parse_baseline(baseline_xml(baseline))
    assert parsed is not None and parsed[0] == baseline


@pytest.mark.parametrize("year", ["", "20x4", "123456789012345678901234567890"])
def test_a_missing_or_malformed_subject_reads_as_unknown(year: str) -> None:
    xml = baseline_xml(Baseline((Generated("k", "正文"),), subject=JUSTICE_2024))
    parsed = parse_baseline(xml.replace(b'year="2024"', f'year="{year}"'.encode()))
    assert parsed is not None and parsed[0].subject == Subject() and not parsed[0].subject.known


@pytest.mark.parametrize(
    ("data", "same"),
    [
        (JUSTICE_2024, True),
        (Subject(" 某县司法局 ", 2024, "department"), True),
        (Subject("某县司法局", 2023, "department"), False),
        (Subject("某县公安局", 2024, "department"), False),
        (Subject("某县司法局", 2024, "project"), False),
        (Subject(), True),  # nothing to compare with
    ],
)
def test_a_draft_and_data_are_one_report_when_unit_year_and_kind_agree(data: Subject, same: bool) -> None:
    assert same_subject(JUSTICE_2024, data) is same


def test_a_draft_that_records_no_subject_is_taken_as_the_same() -> None:
    assert same_subject(Subject(), JUSTICE_2024)


def test_a_subject_is_described_in_chinese() -> None:
    assert describe(JUSTICE_2024) == "某县司法局 2024 年度部门整体支出"
    assert describe(Subject("某县司法局", 2024, "project")) == "某县司法局 2024 年度项目支出"
