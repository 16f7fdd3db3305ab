"""Projects of the project boxes: which items are projects, and what each one says.

The seed figures were read off the document (planwatch/data/xinjian_14th_fyp_draft2.txt), box by
box, not taken from the code's output. The small plans in tests/fixtures/projects_*.txt are
written in other offices' styles: a `表3` list with `（1）项目名称：…；总投资：…` items, PDF text with
spaces inside numbers, year targets and nested group headers.
"""

from __future__ import annotations

import io
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.document import Document, load_bytes
from planwatch.model import ParsedPlan, Project
from planwatch.parse.outline import parse_outline
from planwatch.parse.pipeline import all_tables
from planwatch.parse.projects import ProjectsResult, extract_projects
from tests.helpers import document_from_text

FIXTURES = Path(__file__).parent / "fixtures"


def _extract(document: Document) -> ProjectsResult:
    return extract_projects(document, parse_outline(document, all_tables(document)))


def _from_text(text: str) -> ProjectsResult:
    return _extract(document_from_text(text))


def _at(result: ProjectsResult, line: int) -> Project:
    found = [p for p in result.projects if p.line == line]
    assert len(found) == 1, f"no project starts at line {line}"
    return found[0]


@pytest.fixture(scope="module")
def seed_projects(seed_document: Document) -> ProjectsResult:
    return _extract(seed_document)


# --- the seed: how many, where ------------------------------------------------------------
def test_seed_has_149_projects_of_which_88_state_an_investment(seed_projects: ProjectsResult) -> None:
    assert len(seed_projects.projects) == 149
    assert sum(p.investment_wan_yuan is not None for p in seed_projects.projects) == 88


SEED_BOX_COUNTS = {
    ("专栏3-1", "汽车及汽车零部件产业发展重点及项目支撑"): 2,  # 二、 only: 一、 holds directions
    ("专栏3-2", "新一代信息技术产业发展重点及项目支撑"): 9,
    ("专栏3-3", "机电装备制造产业发展重点及项目支撑"): 3,
    ("专栏3-4", "绿色食品产业发展重点及项目支撑"): 3,
    (
        "专栏3-5",
        "能源建材产业发展重点及项目支撑",
    ): 8,  # 1、 + （1）-（3） + （1）-（4）: 2、 and 3、 are group headers
    ("专栏3-6", "印刷包装产业发展重点及项目支撑"): 1,
    ("专栏3-7", "生产性服务业发展项目支撑"): 5,
    ("专栏3-8", "生活性服务业发展项目支撑"): 3,
    ("专栏3-11", "数字经济发展的项目支撑"): 11,
    (
        "专栏6-1",
        "九望新城重大建设项目",
    ): 6,  # the numbered lines under 2021年目标： are schedule, not projects
    ("专栏6-2", "城市管理重大建设及储备项目"): 14,
    ("专栏7-1", "部分重点特色田园综合体建设方向"): 3,  # a box of directions: only items with 占地 or 总投资
    ("专栏8-1", "文化服务设施重大建设项目"): 3,
    ("专栏8-2", "文化与生态旅游发展项目支撑"): 11,
    ("专栏8-1", "环境治理保护重点工程"): 5,  # 8-x inside chapter 9 is the draft's numbering, kept as written
    ("专栏8-2", "生态保护与修复重大工程"): 4,
    ("专栏10-1", "教育领域重大建设项目"): 16,
    ("专栏10-2", "医疗服务设施重大建设项目"): 5,
    ("专栏11-1", "综合交通重点工程项目"): 11,
    ("专栏11-2", "水利重点工程项目"): 13,
    ("专栏11-3", "能源重点工程项目"): 7,
    ("专栏11-4", "新型基础设施重点工程项目"): 6,  # 1、5G建设项目 included: a digit right after 、
}


def test_every_project_box_gives_its_items_and_no_other_box_does(seed_projects: ProjectsResult) -> None:
    counts = Counter((p.box, p.box_title) for p in seed_projects.projects)
    assert dict(counts) == SEED_BOX_COUNTS


def test_ids_number_the_projects_in_document_order(seed_projects: ProjectsResult) -> None:
    projects = seed_projects.projects
    assert [p.id for p in projects] == [f"P{n:03d}" for n in range(1, len(projects) + 1)]
    assert [p.line for p in projects] == sorted(p.line for p in projects)


def test_the_pipeline_carries_the_projects_and_their_problems(
    seed: ParsedPlan, seed_projects: ProjectsResult
) -> None:
    assert seed.projects == seed_projects.projects
    assert set(seed_projects.problems) <= set(seed.problems)


# --- the seed: name, owner and investment of a large sample, read off the document --------
SEED_SAMPLE = [
    # line, box, number, name, owner, 万元, qualifier
    (540, "专栏3-1", "1、", "江西五十铃汽车有限公司新能源研发中心建设项目", None, "7731", None),
    (541, "专栏3-1", "2、", "乾元汽车零部件生产基地", "江西乾元机械制造有限公司", "17000", "approx"),
    (555, "专栏3-2", "1、", "南昌工控云创港物联网产业园", None, None, None),
    (556, "专栏3-2", "2、", "南昌乾照光电基地（二期）", "江西乾照光电有限公司", "250000", None),
    (557, "专栏3-2", "3、", "南昌维科产业园", "江西维科技术有限公司", "300000", None),
    (559, "专栏3-2", "4、", "维科LG电池合资项目", None, "200000", None),
    (560, "专栏3-2", "5、", "中国电子信息产业园项目", None, "200000", "plan"),
    (566, "专栏3-2", "9、", "南昌市5G+VR智慧教育示范应用项目", None, "17300", None),
    (580, "专栏3-3", "1、", "南昌轨道交通产业园", "南昌轨道交通集团产业园管理有限公司", "624700", None),
    (581, "专栏3-3", "2、", "东佳信线缆生产基地项目", "江西科本电线电缆有限公司", "100000", None),
    (582, "专栏3-3", "3、", "爱环仕智能酒店设备产业园", "江西爱环仕酒店设备有限公司", "100000", None),
    (603, "专栏3-4", "1、", "林恩茶现代城市工厂", "江西林恩茶业有限公司", "16000", None),
    (
        605,
        "专栏3-4",
        "3、",
        "“菜东家农产品供应链大数据中心”总部基地项目",
        "江西菜东家农业发展有限公司",
        "10000",
        None,
    ),
    (619, "专栏3-5", "1、", "传统能源项目", None, None, None),
    (622, "专栏3-5", "（2）", "生物质能发电项目", "四川能投环境工程投资有限公司", None, None),
    (
        625,
        "专栏3-5",
        "（1）",
        "市政公用集团绿色建筑产业园",
        "南昌市政公用投资控股责任有限公司",
        "200000",
        None,
    ),
    (630, "专栏3-5", "（4）", "东方雨虹（江西）生产基地", None, "200000", "approx"),
    (641, "专栏3-6", "1、", "现代出版传媒产业基地项目", "中文天地出版传媒集团股份有限公司", "200000", None),
    (673, "专栏3-7", "2、", "国盛证券总部项目", None, "100000", None),
    (690, "专栏3-8", "1、", "居然之家家居生活MALL项目", "北京居然之家商业发展有限公司", "500000", "approx"),
    (691, "专栏3-8", "2、", "绿地国际商贸中心", None, "1200000", None),
    (693, "专栏3-8", "3、", "维也纳商务酒店（连锁）", None, None, None),
    (777, "专栏3-11", "1、", "江西（新建）科创产业城项目", "江西省城科云创置业有限公司", "3000000", None),
    (
        778,
        "专栏3-11",
        "2、",
        "中国长城（江西）自主创新基地项目",
        "江西长城计算机系统有限公司",
        "20000",
        "approx",
    ),
    (783, "专栏3-11", "7、", "中软云联集团总部基地项目", None, "10000", None),
    (784, "专栏3-11", "8、", "中南高科•新建数字化智造产业园", "南昌锦洪产业园管理有限公司", "104000", None),
    (787, "专栏3-11", "10、", "“数字新建  智慧城区”项目", None, "19979", None),
    (789, "专栏3-11", "11、", "新建区医疗信息共享中心", "新建区卫生健康委", "3000", None),
    (955, "专栏6-1", "1、", "交通路网建设项目", None, "636900", None),
    (974, "专栏6-1", "3.", "学校、医院社会服务项目", None, "252000", None),
    (998, "专栏6-1", "4、", "污水处理厂项目", None, "21000", None),
    (1006, "专栏6-1", "6、", "安置点建设项目", None, "300000", None),
    (1034, "专栏6-2", "1、", "道路改造提升项目", None, "625", None),
    (1048, "专栏6-2", "8、", "马兰花海公园建设工程", None, "2400", None),
    (1059, "专栏6-2", "14、", "智慧路灯监管平台", None, None, None),
    (1126, "专栏7-1", "5、", "江西铭宸智慧农业科技产业园", None, "30000", "approx"),
    (1215, "专栏8-1", "1、", "新建区文化中心", None, "46900", None),
    (1219, "专栏8-1", "3、", "朱权墓与乐安王墓本体及安防工程", None, "1700", None),
    (1263, "专栏8-2", "4、", "蓝城·江右茶镇项目", "浙江蓝城悦天盛建设管理有限公司", "750000", "approx"),
    (1269, "专栏8-2", "7、", "新建区昌邑乡全国戏曲之乡", None, "100000", None),
    (1278, "专栏8-2", "11、", "铜源峡造纸与明代宫廷宣纸文化展示区", None, "6000", None),
    (1305, "专栏8-1", "1、", "环境空气质量改善工程", None, None, None),
    (1417, "专栏10-1", "1.", "新建二中初中部", None, "11000", None),
    (1419, "专栏10-1", "2.", "欣悦湖学校", None, "21000", "plan"),
    (1439, "专栏10-1", "12.", "绿地国际双创中心幼儿园", None, "615", "plan"),
    (1443, "专栏10-1", "14．", "新建区学校电教培训中心", None, "3000", "approx"),
    (1474, "专栏10-2", "2、", "区疾控中心业务用房建设", None, "9000", None),
    (1555, "专栏11-1", "11、", "客运枢纽工程", None, None, None),
    (1583, "专栏11-2", "4、", "新建区抗旱应急水源工程", None, None, None),
    (1650, "专栏11-4", "1、", "5G建设项目", None, None, None),
]


@pytest.mark.parametrize(("line", "box", "number", "name", "owner", "wan_yuan", "qualifier"), SEED_SAMPLE)
def test_seed_project_reads_as_written(
    seed_projects: ProjectsResult,
    line: int,
    box: str,
    number: str,
    name: str,
    owner: str | None,
    wan_yuan: str | None,
    qualifier: str | None,
) -> None:
    project = _at(seed_projects, line)
    assert (project.box, project.number, project.name, project.owner) == (box, number, name, owner)
    assert project.investment_wan_yuan == (Decimal(wan_yuan) if wan_yuan else None)
    assert project.investment_qualifier == qualifier


@pytest.mark.parametrize(
    ("line", "raw"),
    [
        (541, "计划总投资约1.7亿元"),
        (556, "总投资25亿元"),
        (560, "拟投资20亿元"),
        (580, "总投资62.47亿元"),  # not 项目一期约投资50亿元
        (673, "投资10亿元"),
        (778, "总投资约2亿元"),  # not 一期计划投资约5000万元
        (787, "总投资19979.00万元"),  # after 项目总投资总估算：
        (1048, "5年总投资2400万元"),  # not 计划年投资480万元
        (1417, "投入资金1.1亿元"),
        (1439, "计划总投资615万元"),  # not 其中…投资335万元
        (964, "总投资12.97亿元"),  # not 三年内完成建设投资9.3亿元
    ],
)
def test_investment_raw_is_the_total_as_written(seed_projects: ProjectsResult, line: int, raw: str) -> None:
    assert _at(seed_projects, line).investment_raw == raw


def test_box_sums_match_the_amounts_added_by_hand(seed_projects: ProjectsResult) -> None:
    def total(box: str) -> Decimal:
        return sum(
            (p.investment_wan_yuan or Decimal(0) for p in seed_projects.projects if p.box == box), Decimal(0)
        )

    assert total("专栏6-1") == Decimal("1385400")  # 63.69 + 12.97 + 25.2 + 2.1 + 4.58 + 30 亿元
    assert total("专栏10-1") == Decimal("114415")  # 1.1 + 2.1 + 2.22 + 1.2 + … + 0.2 亿元


def test_every_quote_is_cut_from_the_project_text(seed_projects: ProjectsResult) -> None:
    for p in seed_projects.projects:
        for quote in (p.name, p.investment_raw, p.land_raw, p.capacity_raw):
            assert quote is None or quote in p.text, (p.line, quote)
        assert isinstance(p.investment_wan_yuan, Decimal | None)
        assert isinstance(p.land_mu, Decimal | None)


@pytest.mark.parametrize(
    ("line", "last_line", "first", "last"),
    [
        (582, 583, "3、爱环仕智能酒店设备产业园", "：江西爱环仕酒店设备有限公司投资建设，"),
        (1269, 1270, "7、新建区昌邑乡全国戏曲之乡", "：项目总投资10亿元，"),
        (1555, 1557, "11、客运枢纽工程：", "南矶乡客运站、"),
    ],
)
def test_an_item_split_over_lines_is_one_project(
    seed_projects: ProjectsResult, line: int, last_line: int, first: str, last: str
) -> None:
    project = _at(seed_projects, line)
    assert project.last_line == last_line
    lines = project.text.split("\n")
    assert lines[0].startswith(first)
    assert lines[-1].startswith(last)


@pytest.mark.parametrize(
    "line",
    [
        535,  # 专栏3-1 一、…发展重点: directions
        550,
        614,
        620,  # 2、新能源项目： a group header: its （1）-（3） are the projects
        624,  # 3、建筑材料项目：
        717,  # 专栏3-9 特色种植产业
        732,  # 专栏3-10 特色养殖业
        1120,  # 专栏7-1: a direction without 占地 or 总投资
        1122,
        1139,  # 专栏7-2 特色小镇
        1347,  # 专栏8-3 绿色生活重点行动
        980,  # 专栏6-1: 1、开工建设… under 2021年目标： is a year's target
        994,
    ],
)
def test_directions_group_headers_and_year_lines_are_not_projects(
    seed_projects: ProjectsResult, line: int
) -> None:
    assert all(p.line != line for p in seed_projects.projects)


# --- the seed: year targets of 专栏6-1 -----------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "schedule"),
    [
        (955, [(2021, 958, "72400"), (2022, 960, "174800"), (2023, 962, "170400")]),
        (964, [(2021, 968, "48700"), (2022, 970, "44300"), (2023, 972, "23600")]),
        (
            974,  # each numbered line under a year is that year's entry; 投资1亿元 is the year's money
            [
                (2021, 980, "10000"),
                (2021, 982, "7000"),
                (2022, 986, "12000"),
                (2022, 988, "50000"),
                (2022, 990, "5000"),
                (2023, 994, "20000"),
                (2023, 996, "8000"),
            ],
        ),
        (998, [(2021, 1000, "5000"), (2022, 1000, "11000"), (2023, 1000, "5000")]),  # inline
        (
            1002,  # inline, with 1、 2、 points in each year
            [
                (2021, 1004, "500"),
                (2021, 1004, "300"),
                (2022, 1004, "14500"),
                (2022, 1004, "8000"),
                (2023, 1004, "14500"),
                (2023, 1004, "8000"),
            ],
        ),
        (1006, [(2021, 1008, None), (2022, 1008, "100000"), (2023, 1008, "200000")]),
    ],
)
def test_year_targets_of_the_jiuwang_box(
    seed_projects: ProjectsResult, line: int, schedule: list[tuple[int, int, str | None]]
) -> None:
    got = [(e.year, e.line, e.investment_wan_yuan) for e in _at(seed_projects, line).schedule]
    assert got == [(y, n, Decimal(v) if v else None) for y, n, v in schedule]


def test_a_year_entry_keeps_its_text_and_quote(seed_projects: ProjectsResult) -> None:
    first = _at(seed_projects, 955).schedule[0]
    assert first.text.startswith(
        "2021年目标：开工建设14条道路，总长度40.04公里，总投资43.95亿元，完成投资7.24亿元。"
    )
    assert first.investment_raw == "投资7.24亿元"
    assert _at(seed_projects, 974).schedule[0].text.startswith("1、开工建设江西省第三人民医院")
    assert _at(seed_projects, 974).last_line == 996


def test_projects_without_year_targets_have_an_empty_schedule(seed_projects: ProjectsResult) -> None:
    assert {p.box for p in seed_projects.projects if p.schedule} == {"专栏6-1"}


# --- the seed: land and capacity -------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "raw", "mu"),
    [
        (540, "占地面积6821.25平方米", "10.231875"),  # 平方米 × 0.0015
        (557, "占地面积295.86亩", "295.86"),
        (559, "用地约300亩", "300"),
        (581, "规划用地约80亩", "80"),  # not 总建筑面积95000平方米
        (777, "用地范围约5000亩", "5000"),
        (782, "占地约46.31亩", "46.31"),
        (1215, "用地面积约77.11亩", "77.11"),
        (1276, "用地规模约50万平方米", "750"),
        (1474, "规划用地12亩", "12"),
        (556, None, None),
        (625, None, None),  # only 一期用地500亩: a Problem, not the project's land
    ],
)
def test_land_in_mu(seed_projects: ProjectsResult, line: int, raw: str | None, mu: str | None) -> None:
    project = _at(seed_projects, line)
    assert (project.land_raw, project.land_mu) == (raw, Decimal(mu) if mu else None)


@pytest.mark.parametrize(
    ("line", "capacity"),
    [
        (619, "2X100MW"),
        (1620, "2×100MW"),
        (557, "年产6000万只"),
        (623, "4.95万千瓦"),
        (621, "50MW"),
        (628, "年总产能12万吨"),
        (1583, "装机容量共5000KW"),
        (556, None),
    ],
)
def test_capacity_as_written(seed_projects: ProjectsResult, line: int, capacity: str | None) -> None:
    assert _at(seed_projects, line).capacity_raw == capacity


def test_section_ids_are_the_items_own(seed_projects: ProjectsResult, seed_document: Document) -> None:
    outline = parse_outline(seed_document, all_tables(seed_document))
    for p in seed_projects.projects:
        section = outline.section(p.section_id)
        assert section is not None
        assert section.line == p.line or p.line == 1650  # 1、5G…: the outline does not take it; its box does


# --- the seed: what could not be read --------------------------------------------------------
def test_seed_problems_are_the_drafts_own(seed_projects: ProjectsResult) -> None:
    got = [(p.line, p.field, p.reason) for p in seed_projects.problems]
    assert got == [
        (
            623,
            "项目单位",
            "条目列出多个项目单位（中电建水电开发集团有限公司、南昌深能新能源有限公司），只记录第一个",
        ),
        (625, "用地", "仅给出分期用地（一期用地500亩），未给出总用地"),
        (1624, "项目名称", "项目名称重复（另见第621行）"),
        (1626, "项目名称", "项目名称重复（另见第622行）"),
        (1657, "项目名称", "项目名称重复（另见第566行）"),
    ]


# --- bad input: what could be read comes out, the rest is a Problem ---------------------------
def _box(*items: str) -> str:
    return "\n".join(["第一章 重大项目", "专栏1-1 重大建设项目", *items, "第二章 保障措施"])


@pytest.mark.parametrize(
    ("body", "field", "reason"),
    [
        ("总投资**亿元，占地50亩。", "总投资", "投资额无法识别：总投资**亿元"),
        ("总投资X亿元，占地50亩。", "总投资", "投资额无法识别：总投资X亿元"),
        ("总投资25，占地50亩。", "总投资", "投资额缺少单位：总投资25"),
        ("总投资：25亿，占地50亩。", "总投资", "投资额缺少单位：总投资：25亿"),
        ("总投资1.5亿美元，占地50亩。", "总投资", "投资额不是人民币，未换算为万元：总投资1.5亿美元"),
        (
            "一期计划投资约5000万元，占地50亩。",
            "总投资",
            "仅给出分期或年度投资（一期计划投资约5000万元），未给出总投资",
        ),
        ("占地**亩，总投资3亿元。", "用地", "用地面积无法识别：占地**亩"),
    ],
)
def test_an_unreadable_amount_is_a_problem_and_never_a_number(body: str, field: str, reason: str) -> None:
    result = _from_text(_box(f"1、甲项目：{body}"))
    [project] = result.projects
    assert project.name == "甲项目"
    assert [(p.line, p.field, p.reason) for p in result.problems] == [(3, field, reason)]
    if field == "总投资":
        assert project.investment_wan_yuan is None and project.investment_raw is None
        assert project.land_mu == Decimal(50)
    else:
        assert project.land_mu is None and project.investment_wan_yuan == Decimal(30000)


def test_a_duplicated_name_is_reported_on_the_later_project() -> None:
    result = _from_text(_box("1、滨江公园：总投资1亿元。", "2、滨江 公园：总投资2亿元。"))
    assert [p.investment_wan_yuan for p in result.projects] == [Decimal(10000), Decimal(20000)]
    assert [(p.line, p.field, p.reason) for p in result.problems] == [
        (4, "项目名称", "项目名称重复（另见第3行）")
    ]


@pytest.mark.parametrize("lead", [[], ["按照成熟一批、推进一批的原则滚动实施。"]])
def test_a_project_box_without_items_is_a_problem_on_its_line(lead: list[str]) -> None:
    result = _from_text(_box(*lead))
    assert result.projects == ()
    assert [(p.line, p.field) for p in result.problems] == [(2, "专栏")]


def test_an_item_without_a_name_is_a_problem() -> None:
    result = _from_text(_box("1、：总投资1亿元。"))
    assert result.projects[0].name == ""
    assert [(p.line, p.field, p.reason) for p in result.problems] == [(3, "项目名称", "未写项目名称")]


def test_the_paragraph_after_a_box_is_not_its_last_projects() -> None:
    # A box has no end mark: after a blank line, prose following a finished item is the body's.
    result = _from_text(_box("1、甲项目：总投资1亿元。", "", "全区固定资产投资总投资达到500亿元。"))
    [project] = result.projects
    assert (project.last_line, project.text) == (3, "1、甲项目：总投资1亿元。")
    assert project.investment_wan_yuan == Decimal(10000)


def test_labelled_lines_of_one_item_stay_together() -> None:
    result = _from_text(_box("（1）项目名称：乙项目；", "建设单位：乙建设有限公司；", "总投资：2亿元。"))
    [project] = result.projects
    assert (project.name, project.owner, project.investment_raw) == (
        "乙项目",
        "乙建设有限公司",
        "总投资：2亿元",
    )
    assert (project.line, project.last_line) == (3, 5)


def test_items_numbered_like_groups_are_projects_when_they_say_something() -> None:
    result = _from_text(_box("一、临港物流园：总投资10亿元。", "二、城南污水处理厂：总投资2亿元。"))
    assert [(p.number, p.name, p.investment_wan_yuan) for p in result.projects] == [
        ("一、", "临港物流园", Decimal(100000)),
        ("二、", "城南污水处理厂", Decimal(20000)),
    ]
    assert result.problems == ()


def test_owner_forms() -> None:
    result = _from_text(
        _box(
            "1、甲项目：由江西甲有限公司投资建设，总投资1亿元。",
            "2、乙项目：建设单位：乙集团有限公司；总投资1亿元。",
            "3、丙项目：业主单位为丙城投公司，总投资1亿元。",
            "4、丁项目：丁县人民政府负责建设，总投资1亿元。",
            "5、戊项目：三年内完成建设投资9亿元。",
        )
    )
    assert [p.owner for p in result.projects] == [
        "江西甲有限公司",
        "乙集团有限公司",
        "丙城投公司",
        "丁县人民政府",
        None,
    ]


# --- other offices' styles -------------------------------------------------------------------------
def _fixture(name: str) -> ProjectsResult:
    return _extract(load_bytes((FIXTURES / name).read_bytes(), name))


def _summary(result: ProjectsResult) -> list[tuple[object, ...]]:
    return [
        (
            p.line,
            p.box,
            p.number,
            p.name,
            p.owner,
            p.investment_raw,
            p.investment_wan_yuan,
            p.investment_qualifier,
        )
        for p in result.projects
    ]


def test_a_table_titled_list_of_labelled_items() -> None:
    result = _fixture("projects_table_list.txt")
    assert _summary(result) == [
        (
            6,
            "表3",
            "（1）",
            "临江港区综合码头二期",
            "临江港务集团有限公司",
            "总投资：12.5亿元",
            Decimal(125000),
            None,
        ),
        (
            7,
            "表3",
            "（2）",
            "城北污水处理厂扩建",
            "城北水务有限公司",
            "总投资：3.2亿元",
            Decimal(32000),
            None,
        ),
        (8, "表3", "（3）", "高新区标准厂房", None, None, None, None),
        (9, "表3", "（4）", "城北污水处理厂扩建", None, "总投资约6000万元", Decimal(6000), "approx"),
    ]
    assert {p.box_title for p in result.projects} == {"“十四五”重大项目"}
    assert result.projects[1].capacity_raw == "日处理能力5万吨"
    assert (result.projects[2].land_raw, result.projects[2].land_mu) == ("用地面积120亩", Decimal(120))
    assert [(p.line, p.field, p.reason) for p in result.problems] == [
        (8, "总投资", "投资额无法识别：总投资：**亿元"),
        (9, "项目名称", "项目名称重复（另见第7行）"),
    ]


def test_pdf_text_with_spaces_inside_amounts_and_grouped_boxes() -> None:
    result = _fixture("projects_pdf_spaces.txt")
    assert _summary(result) == [
        (5, "专栏4", "1.", "华东新材料产业园", "华东新材料有限公司", "总投资 25 亿元", Decimal(250000), None),
        (6, "专栏4", "2.", "光伏电站项目", None, "总投资约 4 亿元", Decimal(40000), "approx"),
        (8, "专栏4", "1.", "智慧物流园", None, "计划总投资 8000 万元", Decimal(8000), "plan"),
        (10, "专栏4", "2.", "数据中心", None, None, None, None),
    ]
    first, second, third, _ = result.projects
    assert (first.land_raw, first.land_mu, first.capacity_raw) == (
        "占地 300 亩",
        Decimal(300),
        "年产 高性能薄膜 5 万吨",
    )
    assert second.capacity_raw == "2×50MW"
    assert (third.land_raw, third.land_mu, third.last_line) == ("规划用地 6.5 公顷", Decimal("97.5"), 9)
    assert [(p.line, p.reason) for p in result.problems] == [(10, "投资额缺少单位：总投资 5")]


def test_year_targets_nested_groups_and_an_empty_reserve_box() -> None:
    result = _fixture("projects_year_targets.txt")
    assert [(p.line, p.number, p.name, p.investment_wan_yuan) for p in result.projects] == [
        (5, "1、", "道路建设项目", Decimal(120000)),
        (10, "2、", "公园建设项目", Decimal(20000)),  # after a one-line year list: 2、 with a name and colon
        (12, "（1）", "屋顶光伏项目", None),  # 3、能源项目： is a group header
        (13, "（2）", "储能电站项目", None),
        (14, "4、", "道路建设项目", None),
    ]
    road, park, solar, _, _ = result.projects
    assert [(e.year, e.line, e.investment_wan_yuan) for e in road.schedule] == [
        (2022, 7, Decimal(30000)),
        (2023, 9, Decimal(20000)),
    ]
    assert [(e.year, e.investment_raw) for e in park.schedule] == [
        (2022, "投资5000万元"),
        (2023, "投资1亿元"),
        (2023, "投资5000万元"),
    ]
    assert (solar.owner, solar.capacity_raw) == ("新城能源有限公司", "装机容量20MW")
    assert [(p.line, p.field, p.reason) for p in result.problems] == [
        (13, "总投资", "仅给出分期或年度投资（一期计划投资1亿元），未给出总投资"),
        (14, "年度投资", "投资额无法识别：投资**亿元"),
        (14, "总投资", "投资额无法识别：总投资X亿元"),
        (14, "项目名称", "项目名称重复（另见第5行）"),
        (15, "专栏", "项目专栏中没有编号的项目条目，未能读出项目"),
    ]


@pytest.mark.parametrize(
    "name", ["projects_table_list.txt", "projects_pdf_spaces.txt", "projects_year_targets.txt"]
)
def test_a_docx_of_the_same_paragraphs_gives_the_same_projects(name: str) -> None:
    import docx

    text = (FIXTURES / name).read_text(encoding="utf-8")
    word = docx.Document()
    for line in text.splitlines():
        word.add_paragraph(line)
    buffer = io.BytesIO()
    word.save(buffer)
    from_docx = _extract(load_bytes(buffer.getvalue(), "plan.docx"))
    from_text = _extract(load_bytes(text.encode("utf-8"), "plan.txt"))
    assert from_docx.projects
    assert from_docx == from_text


# --- never a crash -----------------------------------------------------------------------------------
_BOX_PIECES = st.sampled_from(
    [
        "1、甲项目：",
        "2、",
        "（1）乙项目：总投资",
        "3.",
        "2021年目标：",
        "2022年度目标1、",
        "完成投资",
        "总投资约",
        "占地",
        "用地**",
        "25",
        " 3.5 ",
        "X",
        "**",
        "亿元",
        "万元",
        "平方米",
        "亩",
        "MW",
        "2X100",
        "年产",
        "项目单位为",
        "有限公司投资建设",
        "，",
        "。",
        "：",
        "\n",
        "专栏2 储备项目\n",
        "表3 重大项目\n",
        "二、储备项目\n",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_BOX_PIECES, max_size=40))
def test_any_box_text_gives_projects_whose_quotes_are_their_own(pieces: list[str]) -> None:
    result = _from_text(_box("".join(pieces)))
    for p in result.projects:
        assert p.line <= p.last_line
        for quote in (p.name, p.investment_raw, p.land_raw, p.capacity_raw):
            assert quote is None or quote in p.text
        assert (p.investment_raw is None) == (p.investment_wan_yuan is None)
        for entry in p.schedule:
            assert (entry.investment_raw is None) == (entry.investment_wan_yuan is None)
