"""Who is acting: a signed-in user of the web app, a user named with the CLI's `--as`, or the system.

The system actor is whoever runs the CLI on the server without `--as`: the machine's operator,
with every right (as an administrator). Its audit name says so: `命令行:<login name>`.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

SYSTEM_PREFIX: Final = "命令行:"


class Role(StrEnum):
    ADMIN = "admin"  # everything: users, the audit log
    PLANNER = "planner"  # writes every figure, assigns items to departments, ingests plans
    DEPARTMENT = "department"  # writes only the items assigned to its department
    VIEWER = "viewer"  # reads


ROLE_LABELS: Final = {
    Role.ADMIN: "管理员",
    Role.PLANNER: "规划人员",
    Role.DEPARTMENT: "部门用户",
    Role.VIEWER: "只读用户",
}


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    role: Role
    department: str | None = None
    # granted beside the role by an administrator: "review" (审核), "approve" (审批); see permissions
    capabilities: frozenset[str] = frozenset()

    @property
    def is_system(self) -> bool:
        return self.name.startswith(SYSTEM_PREFIX)

    @property
    def role_label(self) -> str:
        return "系统" if self.is_system else ROLE_LABELS[self.role]


def system_actor() -> Actor:
    """The operator at the server's shell (the CLI without `--as`)."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):  # no login name in a bare container
        login = "未知"
    return Actor(SYSTEM_PREFIX + login, Role.ADMIN)


def role_of(code: str) -> Role:
    return Role(code)
