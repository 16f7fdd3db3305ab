"""Names the statistics bureau writes for a plan's indicators: a table people extend, seeded here.

"same": the bulletin's name is the plan's indicator (城镇化率 is 常住人口城镇化率). "different": a
like-sounding other measure (城镇登记失业率 is not 城镇调查失业率): never matched, shown as such.
Migration 0010 inserts `SEED`; a later change to it needs a migration of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from planwatch.errors import PlanwatchError
from planwatch.store.audit import utc
from planwatch.store.schema import indicator_synonyms

SEEDED_BY: Final = "预置"
SAME: Final = "same"
DIFFERENT: Final = "different"
RELATIONS: Final = (SAME, DIFFERENT)

# (the plan's name, the bulletin's name, relation, note)
SEED: Final[tuple[tuple[str, str, str, str], ...]] = (
    ("常住人口城镇化率", "城镇化率", SAME, "公报常省略“常住人口”"),
    ("常住人口城镇化率", "户籍人口城镇化率", DIFFERENT, "按户籍人口计算，口径不同"),
    ("社会消费品零售总额", "社零", SAME, "简称"),
    ("社会消费品零售总额", "社零总额", SAME, "简称"),
    ("一般公共预算收入", "地方一般公共预算收入", SAME, "县级公报的写法"),
    ("一般公共预算收入", "一般财政公共预算收入", SAME, "规划中常见的写法"),
    ("城镇调查失业率", "城镇登记失业率", DIFFERENT, "登记失业率与调查失业率口径不同"),
    ("调查失业率", "城镇登记失业率", DIFFERENT, "登记失业率与调查失业率口径不同"),
    ("地区生产总值", "GDP", SAME, "英文简称"),
    ("地区生产总值", "生产总值", SAME, "简称"),
    ("人均地区生产总值", "人均GDP", SAME, "英文简称"),
    ("人均地区生产总值", "人均生产总值", SAME, "简称"),
    ("实际利用外资额", "实际使用外资", SAME, "2019年起的统计名称"),
    ("实际利用外资额", "实际利用外资", SAME, "简称"),
    ("进出口总额", "外贸进出口总额", SAME, "全称"),
    ("研发支出占GDP比重", "研究与试验发展经费投入强度", SAME, "统计名称"),
    ("研发支出占GDP比重", "R&D经费投入强度", SAME, "统计名称"),
    ("研发支出占GDP比重", "研发经费投入强度", SAME, "统计名称"),
    ("研发支出占GDP比重", "全社会研发经费投入强度", SAME, "统计名称"),
    ("城镇居民人均可支配收入", "城镇常住居民人均可支配收入", SAME, "全称"),
    ("农村居民人均可支配收入", "农村常住居民人均可支配收入", SAME, "全称"),
    ("城乡居民人均可支配收入比", "城乡居民收入比", SAME, "简称"),
    ("规模以上工业增加值", "规上工业增加值", SAME, "简称"),
    ("固定资产投资", "全社会固定资产投资", DIFFERENT, "全社会口径含农户投资"),
    ("空气质量优良天数比例", "空气质量优良率", SAME, "简称"),
    ("空气质量优良天数比例", "优良天数比例", SAME, "简称"),
    ("每千人医院卫生院床位数", "每千人口医疗卫生机构床位数", DIFFERENT, "医疗卫生机构多于医院、卫生院"),
    ("单位GDP能源消耗", "单位地区生产总值能耗", SAME, "统计名称"),
    ("单位GDP能源消耗", "单位GDP能耗", SAME, "简称"),
    ("单位GDP能源消耗", "万元GDP能耗", SAME, "旧称"),
    ("单位GDP二氧化碳排放", "单位地区生产总值二氧化碳排放", SAME, "统计名称"),
)


class SynonymError(PlanwatchError):
    """A synonym that cannot be added or removed."""


@dataclass(frozen=True, slots=True)
class Synonym:
    id: int
    name: str
    synonym: str
    relation: str
    note: str
    added_by: str
    added_at: datetime


def seed(connection: Connection, at: datetime | None = None) -> None:
    """Insert the seed pairs (a new database; the tests after emptying one)."""
    moment = at or datetime.now(UTC)
    connection.execute(
        insert(indicator_synonyms),
        [
            {"name": n, "synonym": s, "relation": r, "note": note, "added_by": SEEDED_BY, "added_at": moment}
            for n, s, r, note in SEED
        ],
    )


def all_synonyms(connection: Connection) -> list[Synonym]:
    s = indicator_synonyms.c
    query = select(indicator_synonyms).order_by(s.name, s.synonym)
    return [
        Synonym(r.id, r.name, r.synonym, r.relation, r.note, r.added_by, utc(r.added_at))
        for r in connection.execute(query)
    ]


def add(connection: Connection, name: str, synonym: str, relation: str, note: str, added_by: str) -> Synonym:
    moment = datetime.now(UTC)
    row = {"name": name, "synonym": synonym, "relation": relation, "note": note}
    try:
        with connection.begin_nested():
            new_id = connection.execute(
                insert(indicator_synonyms).values(**row, added_by=added_by, added_at=moment)
            ).inserted_primary_key
    except IntegrityError:
        raise SynonymError(f"同义词“{name}”—“{synonym}”已存在") from None
    assert new_id is not None
    return Synonym(int(new_id[0]), name, synonym, relation, note, added_by, moment)


def remove(connection: Connection, synonym_id: int) -> Synonym | None:
    """Delete one pair; the pair deleted (for the audit), None when there was none."""
    found = next((s for s in all_synonyms(connection) if s.id == synonym_id), None)
    if found is not None:
        connection.execute(delete(indicator_synonyms).where(indicator_synonyms.c.id == synonym_id))
    return found
