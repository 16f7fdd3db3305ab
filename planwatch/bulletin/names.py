"""Names: the subject a bulletin writes, the series a plan keeps, and how one is the other.

A name is compared by its key: full/half width folded (Ⅲ is III), no spaces, no bracketed part
(（GDP）, （R&D）), no leading 全区/全县/我区… or the bulletin's own region, ASCII lower-cased.
A series named for a rate (固定资产投资增速, %) takes the growth rates of its base (固定资产投资);
one named for a fall (单位GDP能源消耗降幅) takes its base's falls as positive levels; a count
(高新技术企业数量, 家) also answers to its base (高新技术企业). The synonym table joins names:
"same" pairs form groups (each name in a group is the others), "different" pairs are other measures.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from planwatch.bulletin.types import Candidate, SynonymPair

_BRACKETED = re.compile(r"[(（\[【〔][^()（）\[\]【】〔〕]*[)）\]】〕]")
_QUOTES = str.maketrans("", "", "“”‘’\"'•·")
_REGIONS = ("全区", "全县", "全市", "全省", "全旗", "我区", "本区", "我县", "本县", "我市", "本市")
_LEADING = re.compile(
    r"^(?:初步核算|经最终核实|经核实|最终核实|据统计|分产业看|按常住地分|按经营地分|按常住人口计算|"
    r"(?:19|20)[0-9]{2}年(?:度)?|全年|年末|年初|年内|其中|实现|完成|拥有|共有|共计|共|累计|另外|此外|"
    r"全区|全县|全市|全省|我区|本区|我县|本县|我市|本市)"
)
_TRAILING = re.compile(r"(?:为|达到|达|是|实现|完成|共计|共有|共|合计|总计|累计|已|约|超过|突破)$")
_INNER_VERB = re.compile(r"(?<=.{2})实现(?=.{2})")
_RATE_SUFFIX = re.compile(r"(?:增速|增长率|增长速度|增幅)$")
_FALL_SUFFIX = re.compile(r"(?:降幅|下降率|降低率|下降幅度|降低幅度)$")
_COUNT_SUFFIX = re.compile(r"(?:数量|个数|户数|家数)$")
COUNT_UNITS = frozenset(["个", "家", "户", "所", "座", "项", "条", "名", "件", "处", "台", "套"])


def key(name: str, region: str | None = None) -> str:
    text = unicodedata.normalize("NFKC", name).translate(_QUOTES)
    text = "".join(text.split())
    while (stripped := _BRACKETED.sub("", text)) != text:
        text = stripped
    for prefix in (*((region,) if region else ()), *_REGIONS):
        if text.startswith(prefix) and len(text) > len(prefix) + 1:
            text = text[len(prefix) :]
            break
    return text.lower()


def clean_subject(text: str, region: str | None = None) -> str:
    """The name a bulletin states a figure for, without the words around it: 全年全区实现地区生产总值
    → 地区生产总值; an empty string when nothing is left."""
    name = "".join(text.split()).strip(",;:，；：、")
    while (stripped := _BRACKETED.sub("", name)) != name:
        name = stripped
    changed = True
    while changed and name:
        changed = False
        if region and name.startswith(region):
            name, changed = name[len(region) :], True
        if match := _LEADING.match(name):
            name, changed = name[match.end() :], True
        if match := _TRAILING.search(name):
            name, changed = name[: match.start()], True
        name = name.strip(",;:，；：、")
    # 规模以上工业实现营业收入: the verb inside a subject is not part of the name
    return _INNER_VERB.sub("", name) if len(name) > 4 else name


@dataclass(frozen=True, slots=True)
class Reading:
    """How a series answers to bulletin names: (key, role), role plain | rate | fall | count."""

    candidate: Candidate
    names: tuple[tuple[str, str], ...]


def readings(candidate: Candidate) -> Reading:
    own = key(candidate.name)
    names = [(own, "plain")]
    if candidate.unit in ("%", "％") and (m := _RATE_SUFFIX.search(own)) and m.start() > 1:
        names.append((own[: m.start()], "rate"))
    if candidate.unit in ("%", "％") and (m := _FALL_SUFFIX.search(own)) and m.start() > 1:
        names.append((own[: m.start()], "fall"))
    if candidate.unit in COUNT_UNITS and (m := _COUNT_SUFFIX.search(own)) and m.start() > 1:
        names.append((own[: m.start()], "count"))
    return Reading(candidate, tuple(names))


@dataclass
class Synonyms:
    """Groups of names that are one measure, and the other measures each name must not be taken for."""

    groups: dict[str, frozenset[str]] = field(default_factory=dict)
    notes: dict[tuple[str, str], str] = field(default_factory=dict)
    different: dict[str, dict[str, str]] = field(default_factory=dict)  # key → other key → note
    shown: dict[str, str] = field(default_factory=dict)  # key → the name as written in the table

    @classmethod
    def of(cls, pairs: Iterable[SynonymPair]) -> Synonyms:
        found = cls()
        parent: dict[str, str] = {}

        def root(name: str) -> str:
            parent.setdefault(name, name)
            while parent[name] != name:
                parent[name] = parent[parent[name]]
                name = parent[name]
            return name

        for pair in pairs:
            a, b = key(pair.name), key(pair.synonym)
            found.shown.setdefault(a, pair.name)
            found.shown.setdefault(b, pair.synonym)
            if pair.relation == "different":
                found.different.setdefault(a, {})[b] = pair.note
                found.different.setdefault(b, {})[a] = pair.note
                continue
            parent[root(a)] = root(b)
            found.notes[(a, b)] = found.notes[(b, a)] = pair.note
        members: dict[str, set[str]] = {}
        for name in list(parent):
            members.setdefault(root(name), set()).add(name)
        for group in members.values():
            for name in group:
                found.groups[name] = frozenset(group)
        return found

    def same(self, name: str) -> frozenset[str]:
        return self.groups.get(name, frozenset({name}))

    def other_measure(self, subject: str, name: str) -> str | None:
        """The note when `subject` is a different measure from `name` (or from one of its group)."""
        for member in self.same(name):
            note = self.different.get(member, {}).get(subject)
            if note is not None:
                return note
        return None
