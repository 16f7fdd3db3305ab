"""A revised copy of the seed, as the office would make it after the 征求意见 round: the draft's
defects fixed by hand (lint findings), a row inserted in 专栏2-1, two targets changed and a
project's amount corrected. Each edit is listed here, so a test can hold the diff to exactly them.
"""

from __future__ import annotations

from pathlib import Path

from planwatch.services.plans import bundled_plan_path

# (line of the seed, text as written, text as revised): each occurs once on its line.
EDITS = (
    (321, "比重达到**%", "比重达到2.5%"),  # placeholder filled (lint: placeholder-stars) → target changed
    (321, "实际利用外资额达到**亿美元", "实际利用外资额达到2.6亿美元"),  # placeholder filled → target changed
    (377, "[]", "8.2"),  # 规模以上工业增加值增速's 2020 base (lint: placeholder-cell) → indicator changed
    (519, "规模以上工业企业户数突破260家", "规模以上工业企业户数突破300家"),  # a target changed (lint: 794)
    (544, "AR/VR产业规模达到8亿元", "AR/VR产业规模达到10亿元"),  # a target changed (lint: 756)
    (556, "项目总投资25亿元", "项目总投资26亿元"),  # a project's amount corrected
    (650, "等创新平台等创新平台", "等创新平台"),  # lint: doubled-word (text only)
    (760, "等创新平台等创新平台", "等创新平台"),  # lint: doubled-word (text only)
    (1070, "促进促进", "促进"),  # lint: doubled-word (text only)
)
# A row inserted in 专栏2-1 after 社会消费品零售总额 (the seed's line 367): every row below it shifts.
INSERT_AFTER = 367
INSERTED_ROW = (
    "\t",
    "\t数字经济核心产业增加值占地区生产总值比重（%）",
    "\t8",
    "\t12",
    "\t[4]",
    "\t预期性",
    "",
)


def revised_text() -> str:
    lines = bundled_plan_path().read_text(encoding="utf-8").split("\n")
    for number, old, new in EDITS:
        assert lines[number - 1].count(old) == 1, (number, old)
        lines[number - 1] = lines[number - 1].replace(old, new)
    lines[INSERT_AFTER:INSERT_AFTER] = INSERTED_ROW
    text = "\n".join(lines)
    return text.replace("征求意见2稿", "征求意见3稿", 1)


def write_revised(folder: Path) -> Path:
    path = folder / "新建区十四五规划纲要（征求意见3稿）.txt"
    path.write_text(revised_text(), encoding="utf-8")
    return path
