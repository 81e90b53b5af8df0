"""Accepting tracked changes by author, as Word's "accept" does (docx.finalize.accept)."""

from __future__ import annotations

from reportgen.docx.finalize.accept import accept, pending_authors
from reportgen.ooxml.elements import Element, parse_part, serialize, w
from reportgen.ooxml.text import paragraph_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def body(xml: str) -> Element:
    return parse_part(f'<w:body xmlns:w="{W}">{xml}</w:body>'.encode())


def texts(root: Element) -> list[str]:
    return [paragraph_text(p) for p in root.iter(w("p"))]


def run(text: str) -> str:
    return f"<w:r><w:t>{text}</w:t></w:r>"


def deleted(text: str) -> str:
    return f"<w:r><w:delText>{text}</w:delText></w:r>"


def mark(kind: str, author: str, inner: str = "", ident: int = 1) -> str:
    return f'<w:{kind} w:id="{ident}" w:author="{author}">{inner}</w:{kind}>'


def everyone(author: str) -> bool:
    return True


def test_insertions_stay_and_deletions_go() -> None:
    root = body(
        f"<w:p>{run('执行率')}{mark('del', 'reportgen', deleted('95%'))}{mark('ins', 'reportgen', run('90%'))}</w:p>"
    )
    assert accept(root, everyone) == 2
    assert texts(root) == ["执行率90%"]
    assert b"w:ins" not in serialize(root) and b"w:del" not in serialize(root)


def test_only_the_chosen_authors_changes_are_accepted() -> None:
    root = body(f"<w:p>{mark('ins', 'reportgen', run('甲'))}{mark('ins', '张三', run('乙'), 2)}</w:p>")
    assert pending_authors(root) == {"reportgen": 1, "张三": 1}
    assert accept(root, lambda author: author == "reportgen") == 1
    assert pending_authors(root) == {"张三": 1}
    assert texts(root) == ["甲乙"]


def test_a_deletion_inside_another_authors_insertion() -> None:
    inner = mark("del", "reportgen", deleted("旧"), 2)
    root = body(f"<w:p>{run('前')}{mark('ins', '张三', inner)}</w:p>")
    accept(root, lambda author: author == "reportgen")
    assert texts(root) == ["前"]
    assert root.find(f".//{w('ins')}") is None  # left empty, so gone too


def test_a_paragraph_deleted_as_a_whole_is_gone_and_counts_once() -> None:
    paragraph_mark = f"<w:pPr><w:rPr>{mark('del', 'reportgen', ident=3)}</w:rPr></w:pPr>"
    gone = f"<w:p>{paragraph_mark}{mark('del', 'reportgen', deleted('整段'))}</w:p>"
    root = body(f"{gone}<w:p>{run('下一段')}</w:p>")
    assert pending_authors(root) == {"reportgen": 1}
    assert accept(root, everyone) == 1
    assert texts(root) == ["下一段"]


def test_a_deleted_paragraph_mark_joins_the_next_paragraph() -> None:
    joined = f"<w:p><w:pPr><w:rPr>{mark('del', '张三')}</w:rPr></w:pPr>{run('上半')}</w:p>"
    root = body(f'{joined}<w:p><w:pPr><w:jc w:val="center"/></w:pPr>{run("下半")}</w:p>')
    accept(root, everyone)
    (p,) = root.iter(w("p"))
    assert paragraph_text(p) == "上半下半" and p.find(f"{w('pPr')}/{w('jc')}") is not None


def test_an_inserted_paragraph_mark_loses_only_its_mark() -> None:
    root = body(
        f"<w:p><w:pPr><w:rPr>{mark('ins', 'reportgen')}</w:rPr></w:pPr>{mark('ins', 'reportgen', run('新段'), 2)}</w:p>"
    )
    accept(root, everyone)
    assert texts(root) == ["新段"] and root.find(f".//{w('rPr')}") is None


def test_deleted_rows_go_and_a_table_without_rows_with_them() -> None:
    def row(text: str, kind: str = "") -> str:
        trpr = f"<w:trPr>{mark(kind, 'reportgen')}</w:trPr>" if kind else ""
        return f"<w:tr>{trpr}<w:tc><w:p>{run(text)}</w:p></w:tc></w:tr>"

    root = body(
        f"<w:tbl>{row('留')}{row('删', 'del')}{row('增', 'ins')}</w:tbl><w:tbl>{row('全删', 'del')}</w:tbl><w:p/>"
    )
    accept(root, everyone)
    assert len(root.findall(w("tbl"))) == 1
    assert texts(root) == ["留", "增", ""]
    assert root.find(f".//{w('trPr')}/*") is None


def test_formatting_changes_keep_the_new_formatting() -> None:
    change = mark("rPrChange", "张三", "<w:rPr/>")
    root = body(f"<w:p><w:r><w:rPr><w:b/>{change}</w:rPr><w:t>粗体</w:t></w:r></w:p>")
    assert pending_authors(root) == {"张三": 1}
    accept(root, everyone)
    assert root.find(f".//{w('rPrChange')}") is None and root.find(f".//{w('b')}") is not None


def test_moved_text_ends_up_where_it_was_moved_to() -> None:
    moved_from = (
        f'<w:moveFromRangeStart w:id="7" w:author="张三" w:name="m"/>{mark("moveFrom", "张三", run("移动"), 8)}'
        '<w:moveFromRangeEnd w:id="7"/>'
    )
    moved_to = (
        f'<w:moveToRangeStart w:id="9" w:author="张三" w:name="m"/>{mark("moveTo", "张三", run("移动"), 10)}'
        '<w:moveToRangeEnd w:id="9"/>'
    )
    root = body(f"<w:p>{moved_from}{run('甲')}</w:p><w:p>{run('乙')}{moved_to}</w:p>")
    accept(root, everyone)
    assert texts(root) == ["甲", "乙移动"]
    assert b"move" not in serialize(root)
