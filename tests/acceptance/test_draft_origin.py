"""A draft's record of its template and style is data, never a path: ``update`` and ``check``
load only built-in names from it (or what the user passes), so a tampered draft cannot make
reportgen load templates or styles from other folders or echo other files' contents."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafting import render
from reportgen.api import check_report, update_report
from reportgen.cli import app
from reportgen.docx.draft.read import read_draft
from reportgen.errors import StyleError, TemplateError
from reportgen.support.resources import builtin_dir
from samples import MINIMAL

runner = CliRunner()
SECRET = "database_password: hunter2\n"


def tampered(draft: bytes, **origin: str) -> bytes:
    """``draft`` with its baseline's attributes (template, style) replaced."""
    source = zipfile.ZipFile(io.BytesIO(draft))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "customXml/item1.xml":
                text = data.decode()
                for name, value in origin.items():
                    text = re.sub(f'{name}="[^"]*"', f'{name}="{value}"', text, count=1)
                data = text.encode()
            target.writestr(item, data)
    return buffer.getvalue()


@pytest.fixture
def evil(tmp_path: Path) -> Path:
    """A template folder elsewhere, and the relative path leading there from the built-in ones."""
    folder = tmp_path / "evil"
    folder.mkdir()
    for name in ("00_title.md.jinja", "03_performance.md.jinja"):
        (folder / name).write_text("邪恶模板的内容\n", encoding="utf-8")
    return folder


def draft_of(tmp_path: Path, **origin: str) -> tuple[Path, Path]:
    data = tmp_path / "data.yaml"
    data.write_text(MINIMAL, encoding="utf-8")
    draft = tmp_path / "draft.docx"
    draft.write_bytes(tampered(render(data), **origin))
    return data, draft


@pytest.mark.rendering
@pytest.mark.parametrize("kind", ["relative", "absolute", "common", "missing"])
def test_update_refuses_a_template_path_recorded_in_the_draft(tmp_path: Path, evil: Path, kind: str) -> None:
    recorded = {
        "relative": os.path.relpath(evil, builtin_dir("narratives")),
        "absolute": str(evil),
        "common": "_common",
        "missing": "no-such-template",
    }[kind]
    data, draft = draft_of(tmp_path, template=recorded)
    out = tmp_path / "out.docx"
    with pytest.raises(TemplateError, match="--template") as caught:
        update_report(data, draft, out)
    assert "邪恶" not in caught.value.message and not out.exists()


@pytest.mark.rendering
def test_update_refuses_a_style_path_recorded_in_the_draft_without_echoing_the_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(SECRET, encoding="utf-8")
    data, draft = draft_of(tmp_path, style=str(secret))
    result = runner.invoke(app, ["update", str(data), str(draft), "-o", str(tmp_path / "out.docx")])
    assert result.exit_code == 2
    assert "--style" in result.output and "database_password" not in result.output
    assert "Traceback" not in result.output and not (tmp_path / "out.docx").exists()


@pytest.mark.rendering
def test_a_built_in_style_name_cannot_lead_out_of_the_styles_folder(tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_text(SECRET, encoding="utf-8")
    name = os.path.relpath(tmp_path / "secret", builtin_dir("styles"))
    data, draft = draft_of(tmp_path, style=name)
    with pytest.raises(StyleError, match="--style") as caught:
        update_report(data, draft, tmp_path / "out.docx")
    assert "database_password" not in caught.value.message


@pytest.mark.rendering
def test_check_refuses_a_recorded_template_path_too(tmp_path: Path, evil: Path) -> None:
    data, draft = draft_of(tmp_path, template=str(evil))
    with pytest.raises(TemplateError, match="--template"):
        check_report(draft, data)
    result = runner.invoke(app, ["check", str(draft), "--data", str(data), "--template", "standard"])
    assert "邪恶" not in result.output and "错误" not in result.output, result.output


@pytest.mark.rendering
def test_check_needs_no_style_from_the_draft(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(SECRET, encoding="utf-8")
    data, draft = draft_of(tmp_path, style=str(secret))
    check_report(draft, data)  # no StyleError: the style changes no text
    result = runner.invoke(app, ["check", str(draft), "--data", str(data)])
    assert "database_password" not in result.output and "错误" not in result.output, result.output


@pytest.mark.rendering
def test_options_given_by_the_user_replace_a_bad_record(tmp_path: Path, evil: Path) -> None:
    data, draft = draft_of(tmp_path, template=str(evil), style="../../x")
    result = runner.invoke(
        app,
        [
            "update",
            str(data),
            str(draft),
            "-o",
            str(tmp_path / "out.docx"),
            "--template",
            "standard",
            "--style",
            "gbt9704",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.docx").exists()


@pytest.mark.rendering
def test_recorded_built_in_names_are_still_used(tmp_path: Path) -> None:
    data, draft = draft_of(tmp_path, template="hunan", style="gbt9704")
    update_report(data, draft, tmp_path / "out.docx")
    updated = read_draft((tmp_path / "out.docx").read_bytes()).baseline
    assert updated is not None and updated.origin.template == "hunan"


@pytest.mark.parametrize("name", ["../narratives/standard", "standard/../hunan", "/etc", "_common", ""])
def test_render_accepts_only_built_in_template_names(name: str) -> None:
    from reportgen.api import Renderer, RenderOptions

    with pytest.raises(TemplateError, match="--narratives"):
        Renderer(RenderOptions(template=name))
