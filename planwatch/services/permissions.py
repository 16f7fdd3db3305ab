"""Who may do what: checked inside each service, so the CLI and the web app refuse the same things.

Reads that need a sign-in are the web app's concern (`present.web.auth`); here are the rules
for acting on a plan's books.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.engine import Connection

from planwatch.errors import PlanwatchError
from planwatch.services.actor import Actor, Role
from planwatch.store import assignments, project_library

WRITERS = (Role.ADMIN, Role.PLANNER, Role.DEPARTMENT)
PLANNERS = (Role.ADMIN, Role.PLANNER)


class PermissionDenied(PlanwatchError):
    """The acting user may not do this (a web request answers 403)."""


def require_role(actor: Actor, *roles: Role, doing: str = "进行此操作") -> None:
    if actor.role not in roles:
        raise PermissionDenied(f"用户“{actor.name}”（{actor.role_label}）没有{doing}的权限")


def may_write_somewhere(connection: Connection, actor: Actor, plan_id: int) -> None:
    """Cheap check before reading an upload: a department user needs at least one item of the plan."""
    require_role(actor, *WRITERS, doing="填报数据")
    if actor.role is Role.DEPARTMENT and not (
        actor.department and assignments.has_any(connection, plan_id, actor.department)
    ):
        raise PermissionDenied(f"规划 {plan_id} 中没有分配给“{actor.department or '（未指定部门）'}”的指标")


def require_write(connection: Connection, actor: Actor, plan_id: int, item_ids: Iterable[str]) -> None:
    """Every item must be the actor's to write: all of them, or the write is refused whole."""
    require_role(actor, *WRITERS, doing="填报数据")
    wanted = list(dict.fromkeys(item_ids))
    if actor.role in PLANNERS:
        return
    owners = assignments.departments_of(connection, plan_id, wanted)
    refused = [i for i in wanted if actor.department is None or owners.get(i) != actor.department]
    if refused:
        raise PermissionDenied(f"您的账号不能填报这些指标：{'、'.join(refused)}（未分配给您的部门）")


def writable(actor: Actor, owners: dict[str, str], item_ids: Iterable[str]) -> list[str]:
    """Of `item_ids`, those the actor may write, given the plan's assignments (for forms)."""
    if actor.role in PLANNERS:
        return list(item_ids)
    if actor.role is Role.DEPARTMENT and actor.department:
        return [i for i in item_ids if owners.get(i) == actor.department]
    return []


# ---- reviewing and approving figures (issue 12) ------------------------------------------------------
# Review (审核, the statistics bureau) and approve (审批, 发改) are capabilities an administrator grants
# to a user beside the role (`planwatch user grant`), not roles: a 统计局 department user can enter its
# own figures and review everyone's; a planner may or may not approve. Administrators (and the system)
# hold both. A capability is granted only where the role can carry it: review to planners and department
# users, approve to planners; a viewer reads.
REVIEW = "review"
APPROVE = "approve"
CAPABILITY_LABELS = {REVIEW: "审核", APPROVE: "审批"}
GRANTABLE = {REVIEW: (Role.PLANNER, Role.DEPARTMENT), APPROVE: (Role.PLANNER,)}


def holds(actor: Actor, capability: str) -> bool:
    return actor.role is Role.ADMIN or capability in actor.capabilities


def require_capability(actor: Actor, capability: str) -> None:
    if not holds(actor, capability):
        label = CAPABILITY_LABELS[capability]
        raise PermissionDenied(
            f"用户“{actor.name}”（{actor.role_label}）没有{label}数据的权限（请管理员授予“{label}”权限）"
        )


def require_other_hand(actor: Actor, entered_by: Iterable[str], doing: str, *, separate: bool) -> None:
    """Separation of duties: nobody reviews or approves a figure they entered themselves."""
    if separate and actor.name in set(entered_by):
        raise PermissionDenied(
            f"不能{doing}自己填报的数据（职责分离：填报人与{doing}人须为不同的人；"
            "设置 PLANWATCH_SEPARATE_DUTIES=0 可关闭此项检查）"
        )


def require_project_write(connection: Connection, actor: Actor, plan_id: int, keys: Iterable[str]) -> None:
    """调度 reports: planners report on every project; a department user only on the projects whose
    责任单位 is its unit — all of them, or the write is refused whole."""
    require_role(actor, *WRITERS, doing="填报项目调度")
    if actor.role in PLANNERS:
        return
    wanted = list(dict.fromkeys(keys))
    units = project_library.departments_of(connection, plan_id, wanted)
    refused = [k for k in wanted if actor.department is None or units.get(k) != actor.department]
    if refused:
        shown = "、".join(refused[:20]) + ("等" if len(refused) > 20 else "")
        unit = actor.department or "（未指定部门）"
        raise PermissionDenied(f"您的账号不能填报这些项目的调度：{shown}（责任单位不是“{unit}”）")


def writable_projects(actor: Actor, units: dict[str, str | None], keys: Iterable[str]) -> list[str]:
    """Of `keys`, the projects whose 调度 the actor may report, given each project's 责任单位 (for forms)."""
    if actor.role in PLANNERS:
        return list(keys)
    if actor.role is Role.DEPARTMENT and actor.department:
        return [k for k in keys if units.get(k) == actor.department]
    return []


def require_task_unit(actor: Actor, task_key: str, units: Iterable[str], *, doing: str) -> None:
    """A department user acts only on tasks assigned to its unit (牵头 or 责任); planners on every task."""
    require_role(actor, *WRITERS, doing=doing)
    if actor.role in PLANNERS:
        return
    if actor.department is None or actor.department not in set(units):
        unit = actor.department or "（未指定部门）"
        raise PermissionDenied(f"任务 {task_key} 未分配给您的单位“{unit}”，不能{doing}")


def require_backdating(actor: Actor, on: object, today: object) -> None:
    """Only the system (the operator at the server's shell) records an action on another day than
    today: entering a paper record after the fact (补录). Users act today."""
    if on != today and not actor.is_system:
        raise PermissionDenied(f"用户“{actor.name}”不能补录以往日期的记录（只有系统操作者可以）")
