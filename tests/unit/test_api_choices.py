"""The built-in template sets and styles a front end offers, and the kinds each set serves."""

from __future__ import annotations

from reportgen.api.choices import style_choice, style_choices, template_choice, template_choices


def test_the_template_sets_are_the_built_in_folders_standard_first() -> None:
    names = [choice.name for choice in template_choices()]
    assert names[0] == "standard" and "hunan" in names and "_common" not in names


def test_the_hunan_outline_serves_only_department_reports() -> None:
    hunan, standard = template_choice("hunan"), template_choice("standard")
    assert hunan is not None and hunan.serves("department") and not hunan.serves("project")
    assert standard is not None and standard.serves("department") and standard.serves("project")
    assert "十章" in hunan.description


def test_only_built_in_names_are_choices() -> None:
    assert template_choice("../standard") is None and template_choice("_common") is None
    assert style_choice("gbt9704.yaml") is None and style_choice("../styles/gbt9704") is None
    assert [choice.name for choice in style_choices()] == ["gbt9704"]
    found = style_choice("gbt9704")
    assert found is not None and "GB/T 9704" in found.description
