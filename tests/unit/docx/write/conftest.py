"""Fixtures of the .docx writer's tests: the built-in stylesheet and the sample written with it."""

from __future__ import annotations

import pytest

from reportgen.docx import write_docx
from reportgen.render.stylesheet import Stylesheet, load_stylesheet
from written import SAMPLE


@pytest.fixture(scope="module")
def sheet() -> Stylesheet:
    return load_stylesheet("gbt9704")


@pytest.fixture(scope="module")
def data(sheet: Stylesheet) -> bytes:
    return write_docx(SAMPLE, sheet)


@pytest.fixture(scope="module")
def literal_sheet(sheet: Stylesheet) -> Stylesheet:
    return sheet.model_copy(update={"numbering": "literal"})


@pytest.fixture(scope="module")
def literal(literal_sheet: Stylesheet) -> bytes:
    return write_docx(SAMPLE, literal_sheet)
