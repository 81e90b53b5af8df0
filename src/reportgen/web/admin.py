"""Administration from the command line (``reportgen admin …``): the first accounts of a
bureau, created before anyone can sign in, and its units with their accounts from a workbook;
backups of the database and their restore."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.errors import ReportgenError

if TYPE_CHECKING:
    from reportgen.web.backup import Copied

COMMAND_LINE = "命令行"  # the audit log's name for what ``reportgen admin`` does


class WorkbookProblems(ReportgenError):
    """The units workbook has problems (each with its cell): nothing was created."""

    def __init__(self, file: str, problems: list[str]) -> None:
        super().__init__(f"{file}：有 {len(problems)} 处问题，没有新建任何单位。")
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Imported:
    bureau: str
    units: int


@dataclass(frozen=True, slots=True)
class Created:
    login: str
    role: str
    unit_name: str | None
    password: str  # the initial password, to be changed at the first sign-in


def create_user(
    data_dir: Path,
    login: str,
    role: str,
    unit_code: str | None = None,
    name: str = "",
    password_file: Path | None = None,
    bureau: str | None = None,
    database: str | None = None,
) -> Created:
    """A new account in the workspace of ``data_dir`` with a generated initial password; a
    unit account belongs to the unit of ``unit_code``. With ``password_file`` the password is
    written there (a new file readable by its owner only; an existing file is never
    overwritten, and nothing is created when it exists). A reviewer or admin belongs to the
    bureau named ``bureau`` (created if new; without a name, the server's only bureau).
    ``database``: a PostgreSQL URL (see :func:`reportgen.web.db.open_database`)."""
    from reportgen.web.accounts import AccountError, Accounts
    from reportgen.web.db import open_database

    handle = _new_private_file(password_file) if password_file is not None else None
    try:
        accounts = Accounts(open_database(data_dir, database))
        unit = None
        if unit_code is not None:
            unit = accounts.unit_by_code(unit_code)
            if unit is None:
                raise ReportgenError(f"单位代码“{unit_code.strip()}”不存在。")
        try:
            bureau_id = accounts.bureau(bureau).id if bureau is not None and role != "unit" else None
            unit_id = unit.id if unit else None
            user, initial = accounts.create_user(login, role, unit_id=unit_id, name=name, bureau_id=bureau_id)
        except AccountError as exc:
            raise ReportgenError(exc.message) from None
    except BaseException:
        if handle is not None and password_file is not None:
            os.close(handle)
            password_file.unlink(missing_ok=True)
        raise
    if handle is not None:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(initial + "\n")
    return Created(user.login, user.role, unit.name if unit else None, initial)


def backup(data_dir: Path, target: Path, database: str | None = None) -> Copied:
    """A consistent copy of the workspace's database in the new file ``target`` (the server
    may go on running meanwhile)."""
    from reportgen.web import backup as backups
    from reportgen.web.db import open_database

    engine = open_database(data_dir, database)
    try:
        return backups.backup(engine, target)
    finally:
        engine.dispose()


def restore(data_dir: Path, source: Path, database: str | None = None) -> Copied:
    """The backup ``source`` brought into the workspace's database, which must be empty."""
    from reportgen.web import backup as backups
    from reportgen.web.db import reach_database

    engine = reach_database(data_dir, database)
    try:
        return backups.restore(engine, source)
    finally:
        engine.dispose()


def _new_private_file(path: Path) -> int:
    try:
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise ReportgenError(f"文件 {path} 已存在：不会覆盖它，请换一个文件名。") from None
    except OSError as exc:
        raise ReportgenError(f"无法创建文件 {path}：{exc.strerror or exc}。") from None


def import_units(
    data_dir: Path, workbook: Path, password_file: Path, bureau: str | None = None, database: str | None = None
) -> Imported:
    """The units of ``workbook`` (单位名称, 单位代码, 联系人, 账号) created in the bureau named
    ``bureau`` (created if new; without a name, the server's only bureau), each with a 单位填报
    account, all or none; the initial passwords are written to ``password_file`` as a workbook
    (账号, 单位, 初始密码): a new file readable by its owner only, never an existing one."""
    from reportgen.support.archive import ArchiveError, read_file
    from reportgen.web.accounts import DEFAULT_BUREAU, AccountError, Accounts
    from reportgen.web.audit import Actor
    from reportgen.web.db import open_database
    from reportgen.web.units_workbook import Handed, passwords_book, read_plan
    from reportgen.web.upload import MAX_UPLOAD

    if password_file.exists():
        raise ReportgenError(f"文件 {password_file} 已存在：不会覆盖它，请换一个文件名。")
    try:
        content = read_file(workbook, MAX_UPLOAD)
    except ArchiveError as exc:
        raise ReportgenError(f"{workbook}：{exc.message}") from None
    except OSError as exc:
        raise ReportgenError(f"无法读取 {workbook}：{exc.strerror or exc}。") from None
    accounts = Accounts(open_database(data_dir, database))
    try:
        if bureau is not None:
            chosen = accounts.bureau(bureau)
        else:
            bureaus = accounts.bureaus()
            if len(bureaus) > 1:
                names = "、".join(found.name for found in bureaus)
                raise ReportgenError(f"本服务器有多个主管部门（{names}）：请用 --bureau 指定单位属于哪一个。")
            chosen = bureaus[0] if bureaus else accounts.bureau(DEFAULT_BUREAU)
    except AccountError as exc:
        raise ReportgenError(exc.message) from None
    plan = read_plan(content, accounts.taken(chosen.id), str(workbook))
    if not plan.ok:
        raise WorkbookProblems(str(workbook), [str(problem) for problem in plan.problems] or ["工作簿中没有单位。"])
    handle = _new_private_file(password_file)
    try:
        with os.fdopen(handle, "wb") as file:
            try:
                made = accounts.create_units(Actor(None, COMMAND_LINE, chosen.id), plan.units)
            except AccountError as exc:
                raise ReportgenError(exc.message) from None
            handed = [Handed(item.user.login, item.unit.name, item.password) for item in made]
            file.write(passwords_book(handed))
    except BaseException:
        password_file.unlink(missing_ok=True)
        raise
    return Imported(chosen.name, len(made))
