"""Web pages as offices publish plans: Word's HTML export, and a portal's article page with its chrome."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planwatch.document import load_bytes, load_document
from planwatch.model import ParsedPlan
from planwatch.parse.pipeline import parse_document
from tests import seed_pdfs
from tests.plan_reading import reading as _reading

FIXTURES = Path(__file__).parent / "fixtures"

CHROME_TOP = """
<div class="header"><div class="logo">新建区人民政府</div>
  <div class="search"><input type="text" value="请输入关键字"><button>搜索</button></div></div>
<div class="menu"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
  <li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a>
  &gt; <a href="/ghjh/">规划计划</a></div>
<div class="article-head"><h1 class="title">
  新建区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要</h1>
  <div class="info">发布时间：2021-03-01 来源：区发改委 字号：<a>大</a> <a>中</a> <a>小</a></div></div>
<div class="TRS_Editor">
"""
CHROME_BOTTOM = (
    """
</div>
<div class="share">分享到：<a>微信</a> <a>微博</a>
  <a href="javascript:window.print()">打印本页</a> <a>关闭窗口</a></div>
<div class="related"><h3>相关文章</h3><ul>"""
    + "".join(
        f'<li><a href="/a{n}.html">关于印发新建区第{n}批重点项目计划的通知</a></li>' for n in range(1, 15)
    )
    + """</ul></div>
<div class="footer">版权所有：新建区人民政府　主办：新建区人民政府办公室　网站标识码：3601120001
  <br>赣ICP备05001234号　赣公网安备36012202000123号　联系电话：0791-83771234</div>
"""
)


@pytest.fixture(scope="session")
def seed_html(request: pytest.FixtureRequest) -> Path:
    folder = Path(request.config.cache.mkdir(f"seed-html-{seed_pdfs.fingerprint()}"))
    path = folder / "seed.html"
    if not path.exists():
        seed_pdfs.build_html(folder)
    return path


def test_word_html_export_reads_with_its_two_row_header_and_word_markup() -> None:
    document = load_document(FIXTURES / "word_export.html")
    assert document.encoding == "gb18030"
    lines = [line.raw for line in document.lines]
    assert lines[:2] == [
        "某县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要",
        "第一章\xa0 发展基础",
    ]
    assert "（一）\xa0\xa0 经济发展目标" in lines  # Word's list number, kept where supportLists hides it
    assert not any("mso" in line or "o:p" in line or "Author" in line for line in lines)
    plan = parse_document(document)
    rows = [
        (i.category, i.name, i.unit, i.base and i.base.raw, i.target and i.target.raw)
        for i in plan.indicators
    ]
    assert rows == [
        ("经济发展", "地区生产总值", "亿元", "210", "300"),
        ("经济发展", "一般公共预算收入", "亿元", "12.5", "16"),
        ("绿色生态", "单位地区生产总值能耗降低", "%", "—", "[10]"),
    ]
    assert [i.target.year for i in plan.indicators if i.target] == [2025] * 3
    assert plan.indicators[0].cells[2].header == "数值2020年"
    assert plan.problems == ()


def test_the_seed_exported_to_html_reads_as_the_txt(seed_html: Path, seed: ParsedPlan) -> None:
    from_html = _reading(parse_document(load_document(seed_html)))
    assert from_html == _reading(seed)


def test_a_portal_page_reads_only_the_article_inside_its_chrome(seed_html: Path, seed: ParsedPlan) -> None:
    exported = seed_html.read_text(encoding="utf-8")
    body = exported[exported.index("<body") : exported.index("</body>")]
    body = body[body.index(">") + 1 :]
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>新建区十四五规划纲要_新建区人民政府</title>'
        f"</head><body>{CHROME_TOP}{body}{CHROME_BOTTOM}</body></html>"
    )
    document = load_bytes(page.encode("utf-8"), "article.html")
    text = "\n".join(line.raw for line in document.lines)
    for chrome in ("当前位置", "版权所有", "网站标识码", "相关文章", "打印本页", "发布时间", "请输入关键字"):
        assert chrome not in text, chrome
    assert _reading(parse_document(document)) == _reading(seed)


def test_the_title_above_the_article_box_is_read_first() -> None:
    article = "".join(
        f"<p>第{n}段：到2025年，全区高速公路里程达到{n}公里，普通国省干线公路里程达到333.2公里。</p>"
        for n in range(9)
    )
    page = (
        "<html><head><title>某县规划_某县人民政府</title></head><body>"
        '<div class="nav"><a href="/">首页</a><a href="/x">新闻</a></div>'
        f'<div class="bt">某县交通运输发展“十四五”规划</div><div id="zoom">{article}</div>'
        "<div>版权所有</div></body></html>"
    )
    lines = [line.raw for line in load_bytes(page.encode("utf-8"), "p.html").lines]
    assert lines[0] == "某县交通运输发展“十四五”规划"
    assert len(lines) == 10 and lines[1].startswith("第0段")


def test_a_short_page_is_read_whole() -> None:
    page = (
        "<html><body><div><a href='/'>首页</a></div><p>第一章 总则</p><p>到2025年达到5家。</p></body></html>"
    )
    lines = [line.raw for line in load_bytes(page.encode("utf-8"), "p.html").lines]
    assert lines == ["首页", "第一章 总则", "到2025年达到5家。"]
    assert re.match(r"首页", lines[0])
