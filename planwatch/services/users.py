"""Users of the web app: added by an administrator (or the system), signed in by name and password."""

from __future__ import annotations

from planwatch.services.actor import Actor, Role, role_of
from planwatch.services.departments import list_departments, require_known
from planwatch.services.permissions import require_role
from planwatch.store import Store, audit
from planwatch.store import sessions as session_store
from planwatch.store import users as user_store
from planwatch.store.users import User, UserError

MIN_PASSWORD = 8
MAX_NAME = 100


def add_user(
    store: Store, actor: Actor, name: str, role: str, password: str, department: str | None = None
) -> User:
    require_role(actor, Role.ADMIN, doing="添加用户")
    name, department = name.strip(), (department or "").strip() or None
    if not name or len(name) > MAX_NAME:
        raise UserError(f"用户名不能为空，且不超过{MAX_NAME}个字符")
    if ":" in name:
        raise UserError("用户名不能含有“:”（这是命令行系统用户的写法）")
    if role not in {r.value for r in Role}:
        raise UserError(f"角色“{role}”无法识别，应为 {'、'.join(r.value for r in Role)} 之一")
    if role == Role.DEPARTMENT and department is None:
        raise UserError("部门用户须指定所属部门（--department）")
    if len(password) < MIN_PASSWORD:
        raise UserError(f"密码至少{MIN_PASSWORD}个字符")
    with store.transaction() as connection:
        if department is not None:
            department = require_known(connection, department, field="--department")
        user = user_store.insert_user(connection, name, role, password, department)
        new = {"role": role, "department": department}
        audit.record(connection, actor.name, "user.add", None, name, None, new)
    return user


def list_users(store: Store, actor: Actor) -> list[User]:
    require_role(actor, Role.ADMIN, Role.PLANNER, doing="查看用户")
    with store.reading() as connection:
        return user_store.list_users(connection)


def departments(store: Store) -> list[str]:
    """The units of the directory, in its order: what assignments choose from."""
    return [d.name for d in list_departments(store)]


def actor_of(user: User) -> Actor:
    return Actor(user.name, role_of(user.role), user.department, frozenset(user.capabilities))


def find_actor(store: Store, name: str) -> Actor:
    """The active user `name` as an actor (the CLI's `--as`); refused when there is no such user."""
    with store.reading() as connection:
        user = user_store.get_user(connection, name)
    if user is None:
        raise UserError(f"没有启用的用户“{name}”（用 planwatch user list 查看）", field="--as")
    return actor_of(user)


def active_user(store: Store, name: str) -> User | None:
    """The active user of that name (every web request reads it, so a disabled account stops at once)."""
    with store.reading() as connection:
        return user_store.get_user(connection, name)


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The user when the name and password are right; a hash made with weaker settings is renewed."""
    with store.reading() as connection:
        user, renew = user_store.check_password(connection, name, password)
    if user is not None and renew:
        with store.transaction() as connection:
            user_store.rehash(connection, name, password)
    return user


def change_password(store: Store, actor: Actor, name: str, password: str) -> int:
    """A new password (one's own, or anyone's by an administrator); every session of the user ends.
    Returns how many sessions ended."""
    if actor.name != name:
        require_role(actor, Role.ADMIN, doing="修改他人的密码")
    if len(password) < MIN_PASSWORD:
        raise UserError(f"密码至少{MIN_PASSWORD}个字符")
    with store.transaction() as connection:
        if not user_store.set_password(connection, name, password):
            raise UserError(f"没有用户“{name}”")
        ended = session_store.revoke(connection, why="修改密码", user_name=name)
        audit.record(connection, actor.name, "user.password", None, name, None, {"sessions_ended": ended})
    return ended


def set_active(store: Store, actor: Actor, name: str, active: bool) -> int:
    """Disable (or enable again) an account; disabling ends every session of it at once."""
    require_role(actor, Role.ADMIN, doing="停用或启用用户")
    with store.transaction() as connection:
        if not user_store.set_active(connection, name, active):
            raise UserError(f"没有用户“{name}”")
        ended = 0 if active else session_store.revoke(connection, why="账号停用", user_name=name)
        audit.record(connection, actor.name, "user.active", None, name, None, {"active": active})
    return ended
