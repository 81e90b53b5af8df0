"""Bureau mode's accounts over the database: units, users, signing in (throttled), passwords
and server-side sessions. No web framework here: the routes call these and set the cookie.

A session's token is random (:mod:`secrets`) and handed to the browser once; the database
keeps only its SHA-256, so a copy of the database signs nobody in. Every message is Chinese.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as OrmSession

from reportgen.web import audit, passwords
from reportgen.web.audit import Actor
from reportgen.web.db import BureauRow, LoginAttemptRow, ReportRow, SessionRow, UnitRow, UserRow, now, writing
from reportgen.web.engine import lock_table, one_at_a_time, stored_text

ROLES = ("unit", "reviewer", "admin")
ROLE_NAMES = {"unit": "单位填报", "reviewer": "审核", "admin": "管理员"}
SESSION_LIFETIME = timedelta(hours=12)
LAST_SEEN_EVERY = timedelta(minutes=1)  # a lookup writes last_seen at most this often
THROTTLE_WINDOW = timedelta(minutes=15)
MAX_LOGIN_FAILURES = 5  # per login within the window
MAX_ADDRESS_FAILURES = 20  # per address within the window
KEEP_ATTEMPTS = timedelta(days=1)
_LOGIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,99}")
LOGIN_RULE = "账号只能由字母、数字和 . _ @ - 组成（不超过 100 个字符），并以字母或数字开头"
WRONG = "账号或密码不正确。"
DEFAULT_BUREAU = "本局"  # the bureau of a server that was given no name for it

Clock = Callable[[], datetime]


class AccountError(Exception):
    """A request about accounts that was refused; ``message`` says why, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotInBureau(AccountError):
    """A unit or account that does not exist in the admin's bureau (another bureau's is the
    same as none, so that ids cannot be probed)."""


NO_SUCH_USER = "没有这个账号（可能编号有误，或不是本局的账号）。"
NO_SUCH_UNIT = "没有这个单位（可能编号有误，或不是本局的单位）。"
OWN_ACCOUNT = "自己的账号请在“账号与密码”页修改密码或退出所有设备上的登录。"


@dataclass(frozen=True, slots=True)
class Bureau:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class Unit:
    id: int
    name: str
    code: str | None
    contact: str
    bureau_id: int


@dataclass(frozen=True, slots=True)
class User:
    id: int
    login: str
    name: str
    role: str
    unit_id: int | None
    must_change_password: bool
    active: bool
    bureau_id: int


@dataclass(frozen=True, slots=True)
class UnitSummary:
    """A unit as the admin's list shows it: its accounts and its reports by status."""

    unit: Unit
    accounts: int
    statuses: dict[str, int]


@dataclass(frozen=True, slots=True)
class Taken:
    """What new units and accounts may not repeat: every unit code and login of the server
    (logins in lower case: they sign in whatever the case) and the names of a bureau's units."""

    codes: frozenset[str] = frozenset()
    logins: frozenset[str] = frozenset()
    unit_names: frozenset[str] = frozenset()


class Wanted(Protocol):
    """A unit to create with the 单位填报 account of its staff."""

    @property
    def name(self) -> str: ...
    @property
    def code(self) -> str | None: ...
    @property
    def contact(self) -> str: ...
    @property
    def login(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Made:
    """A unit created with its account, and the account's initial password."""

    unit: Unit
    user: User
    password: str


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A live session: its user and the CSRF token its forms must carry."""

    session_id: int
    user: User
    csrf_token: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _utc(moment: datetime) -> datetime:
    """A stored moment: UTC, which SQLite returns without its zone."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _user(row: UserRow) -> User:
    assert row.bureau_id is not None, "every account belongs to a bureau"
    return User(row.id, row.login, row.name, row.role, row.unit_id, row.must_change_password, row.active, row.bureau_id)


def _unit(row: UnitRow) -> Unit:
    assert row.bureau_id is not None, "every unit belongs to a bureau"
    return Unit(row.id, row.name, row.code, row.contact, row.bureau_id)


def login_problem(login: str) -> str | None:
    """Why ``login`` cannot be an account's login (``None``: it can)."""
    return None if _LOGIN.fullmatch(login) else LOGIN_RULE + "。"


def _coded(code: str | None) -> str:
    return f"（代码 {code}）" if code else ""


def _minutes(span: timedelta) -> int:
    return max(1, -(-int(span.total_seconds()) // 60))


class Accounts:
    """The accounts of one database; ``clock`` gives the current moment (UTC)."""

    def __init__(self, engine: Engine, clock: Clock = now) -> None:
        self._engine = engine
        self._clock = clock
        self._bureau_names: dict[int, str] = {}  # bureaus are never renamed

    @property
    def engine(self) -> Engine:
        return self._engine

    def bureau_name(self, bureau_id: int) -> str:
        if bureau_id not in self._bureau_names:
            with OrmSession(self._engine) as session:
                row = session.get(BureauRow, bureau_id)
                self._bureau_names[bureau_id] = row.name if row is not None else ""
        return self._bureau_names[bureau_id]

    # -- bureaus, units and users ----------------------------------------------------------

    def bureau(self, name: str) -> Bureau:
        """The bureau called ``name``, created if there is none."""
        name = name.strip()
        if not name:
            raise AccountError("请填写主管部门（财政局）名称。")
        with OrmSession(writing(self._engine)) as session, session.begin():
            return self._bureau(session, name)

    def _bureau(self, session: OrmSession, name: str) -> Bureau:
        row = session.scalar(select(BureauRow).where(BureauRow.name == name))
        if row is None:
            lock_table(session, BureauRow.__tablename__)  # PostgreSQL: two first accounts make one bureau
            row = session.scalar(select(BureauRow).where(BureauRow.name == name))
        if row is None:
            row = BureauRow(name=name, created=self._clock())
            session.add(row)
            session.flush()
        return Bureau(row.id, row.name)

    def bureaus(self) -> list[Bureau]:
        with OrmSession(self._engine) as session:
            return [Bureau(row.id, row.name) for row in session.scalars(select(BureauRow).order_by(BureauRow.id))]

    def _chosen_bureau(self, session: OrmSession, bureau_id: int | None) -> int:
        """``bureau_id`` when it exists; without one, the server's only bureau (created as
        :data:`DEFAULT_BUREAU` on a server that has none)."""
        if bureau_id is not None:
            if session.get(BureauRow, bureau_id) is None:
                raise AccountError("所属主管部门不存在。")
            return bureau_id
        ids = session.scalars(select(BureauRow.id).limit(2)).all()
        if len(ids) > 1:
            raise AccountError("本服务器有多个主管部门，请指定账号或单位属于哪一个。")
        return ids[0] if ids else self._bureau(session, DEFAULT_BUREAU).id

    def create_unit(
        self,
        name: str,
        code: str | None = None,
        contact: str = "",
        *,
        bureau_id: int | None = None,
        actor: Actor | None = None,
    ) -> Unit:
        """A new unit of bureau ``bureau_id`` (without one: the server's only bureau); made by
        an admin (``actor``): of the admin's bureau, recorded in the audit log."""
        name, contact = name.strip(), contact.strip()
        code = (code or "").strip() or None
        if not name:
            raise AccountError("请填写单位名称。")
        if len(name) > 200 or len(contact) > 200 or (code is not None and len(code) > 60):
            raise AccountError("单位名称和联系人不能超过 200 个字符，单位代码不能超过 60 个字符。")
        if "\x00" in name + contact + (code or ""):
            raise AccountError("单位名称、单位代码和联系人中不能有不可见的控制字符。")
        if actor is not None:
            bureau_id = actor.bureau_id
        taken = AccountError(f"单位代码“{code}”已被其他单位使用。")
        with OrmSession(writing(self._engine)) as session, session.begin():
            if code is not None and session.scalar(select(UnitRow.id).where(UnitRow.code == code)) is not None:
                raise taken
            chosen = self._chosen_bureau(session, bureau_id)
            same_name = select(UnitRow.id).where(UnitRow.bureau_id == chosen, UnitRow.name == name)
            if actor is not None and session.scalar(same_name) is not None:
                raise AccountError(f"本局已有单位“{name}”。")
            row = UnitRow(name=name, code=code, contact=contact, created=self._clock(), bureau_id=chosen)
            session.add(row)
            try:
                session.flush()
            except IntegrityError:  # PostgreSQL: another transaction took the code since the check
                raise taken from None
            if actor is not None:
                audit.record(session.connection(), actor, "accounts", f"新建单位“{name}”{_coded(code)}", unit_id=row.id)
            return _unit(row)

    def unit_by_code(self, code: str) -> Unit | None:
        with OrmSession(self._engine) as session:
            row = session.scalar(select(UnitRow).where(UnitRow.code == code.strip()))
            return None if row is None else _unit(row)

    def unit(self, unit_id: int) -> Unit | None:
        with OrmSession(self._engine) as session:
            row = session.get(UnitRow, unit_id)
            return None if row is None else _unit(row)

    def units(self, bureau_id: int) -> list[Unit]:
        """The bureau's units, by code then name."""
        with OrmSession(self._engine) as session:
            query = select(UnitRow).where(UnitRow.bureau_id == bureau_id).order_by(UnitRow.code, UnitRow.name)
            return [_unit(row) for row in session.scalars(query)]

    def users(self, bureau_id: int) -> list[User]:
        """The bureau's accounts, by login."""
        with OrmSession(self._engine) as session:
            query = select(UserRow).where(UserRow.bureau_id == bureau_id).order_by(UserRow.login)
            return [_user(row) for row in session.scalars(query)]

    def create_user(
        self,
        login: str,
        role: str,
        *,
        unit_id: int | None = None,
        name: str = "",
        password: str | None = None,
        bureau_id: int | None = None,
        actor: Actor | None = None,
    ) -> tuple[User, str]:
        """A new active account and its password: ``password`` when given (it must meet the
        minimum rule; no change is then required), else a generated initial password that
        must be changed at the first sign-in. A unit account belongs to its unit's bureau;
        others to ``bureau_id`` (without one: the server's only bureau). Made by an admin
        (``actor``): of the admin's bureau (a unit of another is not found), in the audit log."""
        login = login.strip()
        if why := login_problem(login):
            raise AccountError(why)
        if role not in ROLES:
            raise AccountError(f"角色“{role}”不存在：应为 unit（单位填报）、reviewer（审核）或 admin（管理员）。")
        if role == "unit" and unit_id is None:
            raise AccountError("单位填报账号必须指定所属单位。")
        if role != "unit" and unit_id is not None:
            raise AccountError(f"{ROLE_NAMES[role]}账号不属于某个单位，请不要指定单位。")
        if password is not None and (why := passwords.weakness(password, login)):
            raise AccountError(why)
        if len(name.strip()) > 200:
            raise AccountError("姓名不能超过 200 个字符。")
        if "\x00" in name:
            raise AccountError("姓名中不能有不可见的控制字符。")
        if actor is not None:
            bureau_id = actor.bureau_id
        chosen = password if password is not None else passwords.initial_password()
        moment = self._clock()
        row = UserRow(
            login=login,
            name=name.strip(),
            role=role,
            unit_id=unit_id,
            password_hash=passwords.hash_password(chosen),
            must_change_password=password is None,
            active=True,
            created=moment,
            sessions_valid_after=moment,
        )
        with OrmSession(writing(self._engine)) as session, session.begin():
            lock_table(session, UserRow.__tablename__)  # PostgreSQL: the check below holds until the insert
            unit = None
            if unit_id is not None:
                unit = session.get(UnitRow, unit_id)
                if unit is None or (actor is not None and unit.bureau_id != actor.bureau_id):
                    raise NotInBureau(NO_SUCH_UNIT) if actor is not None else AccountError("所属单位不存在。")
                if bureau_id is not None and unit.bureau_id != bureau_id:
                    raise AccountError("所属单位不属于这个主管部门。")
                row.bureau_id = unit.bureau_id
            else:
                row.bureau_id = self._chosen_bureau(session, bureau_id)
            if session.scalar(select(UserRow.id).where(func.lower(UserRow.login) == login.lower())) is not None:
                raise AccountError(f"账号“{login}”已存在。")
            session.add(row)
            try:
                session.flush()
            except IntegrityError:
                raise AccountError(f"账号“{login}”已存在。") from None
            if actor is not None:
                where = f"（{unit.name}）" if unit is not None else ""
                detail = f"新建{ROLE_NAMES[role]}账号“{login}”{where}"
                audit.record(session.connection(), actor, "accounts", detail, unit_id=unit_id)
            return _user(row), chosen

    def user(self, user_id: int) -> User | None:
        with OrmSession(self._engine) as session:
            row = session.get(UserRow, user_id)
            return None if row is None else _user(row)

    def has_admin(self) -> bool:
        """Whether an active admin account exists."""
        with OrmSession(self._engine) as session:
            query = select(UserRow.id).where(UserRow.role == "admin", UserRow.active.is_(True)).limit(1)
            return session.scalar(query) is not None

    # -- administration: an admin's changes in its bureau, each in the audit log -----------

    def summaries(self, bureau_id: int) -> list[UnitSummary]:
        """The bureau's units (by code, then name) with their number of accounts and reports by status."""
        with OrmSession(self._engine) as session:
            units = session.scalars(
                select(UnitRow).where(UnitRow.bureau_id == bureau_id).order_by(UnitRow.code, UnitRow.name)
            ).all()
            accounts = dict(
                session.execute(
                    select(UserRow.unit_id, func.count())
                    .where(UserRow.bureau_id == bureau_id, UserRow.unit_id.is_not(None))
                    .group_by(UserRow.unit_id)
                ).all()
            )
            statuses: dict[int, Counter[str]] = {}
            for unit_id, status, count in session.execute(
                select(ReportRow.unit_id, ReportRow.status, func.count())
                .join(UnitRow, UnitRow.id == ReportRow.unit_id)
                .where(UnitRow.bureau_id == bureau_id)
                .group_by(ReportRow.unit_id, ReportRow.status)
            ):
                if unit_id is not None:
                    statuses.setdefault(unit_id, Counter())[status] += count
        return [UnitSummary(_unit(row), accounts.get(row.id, 0), dict(statuses.get(row.id, {}))) for row in units]

    def taken(self, bureau_id: int) -> Taken:
        """The codes and logins of the server and the unit names of the bureau."""
        with OrmSession(self._engine) as session:
            return self._taken(session, bureau_id)

    def create_units(self, actor: Actor, wanted: Sequence[Wanted]) -> list[Made]:
        """Units of the admin's bureau, each with a 单位填报 account and its initial password,
        all in one transaction (with their audit entries): nothing is created when any unit
        or account cannot be (a code or login taken meanwhile, …)."""
        if not wanted:
            raise AccountError("没有要创建的单位。")
        for item in wanted:
            if why := login_problem(item.login):
                raise AccountError(f"账号“{item.login}”：{why}")
        initials = [passwords.initial_password() for _ in wanted]
        hashes = [passwords.hash_initial(initial) for initial in initials]  # before the write lock
        moment = self._clock()
        with OrmSession(writing(self._engine)) as session, session.begin():
            clash = self._clash(self._taken(session, actor.bureau_id), wanted)
            if clash:
                raise AccountError(clash)
            units = [
                UnitRow(
                    name=item.name.strip(),
                    code=(item.code or "").strip() or None,
                    contact=item.contact.strip(),
                    created=moment,
                    bureau_id=actor.bureau_id,
                )
                for item in wanted
            ]
            session.add_all(units)
            session.flush()
            users = [
                UserRow(
                    login=item.login.strip(),
                    name="",
                    role="unit",
                    unit_id=unit.id,
                    bureau_id=actor.bureau_id,
                    password_hash=hashed,
                    must_change_password=True,
                    active=True,
                    created=moment,
                    sessions_valid_after=moment,
                )
                for item, unit, hashed in zip(wanted, units, hashes, strict=True)
            ]
            session.add_all(users)
            try:
                session.flush()
            except IntegrityError:
                raise AccountError("有单位代码或账号刚被他人使用，这次没有创建任何单位：请重新上传工作簿。") from None
            connection = session.connection()
            for unit, user in zip(units, users, strict=True):
                detail = f"新建单位“{unit.name}”{_coded(unit.code)}和单位填报账号“{user.login}”"
                audit.record(connection, actor, "accounts", detail, unit_id=unit.id, at=moment)
            return [
                Made(_unit(unit), _user(user), initial)
                for unit, user, initial in zip(units, users, initials, strict=True)
            ]

    @staticmethod
    def _taken(session: OrmSession, bureau_id: int) -> Taken:
        codes = session.scalars(select(UnitRow.code).where(UnitRow.code.is_not(None))).all()
        logins = session.scalars(select(func.lower(UserRow.login))).all()
        names = session.scalars(select(UnitRow.name).where(UnitRow.bureau_id == bureau_id)).all()
        return Taken(frozenset(c for c in codes if c is not None), frozenset(logins), frozenset(names))

    @staticmethod
    def _clash(taken: Taken, wanted: Sequence[Wanted]) -> str:
        """The first unit or account of ``wanted`` that repeats another or what is taken ("" if none)."""
        codes, logins, names = set(taken.codes), set(taken.logins), set(taken.unit_names)
        for item in wanted:
            code, login, name = (item.code or "").strip(), item.login.strip().lower(), item.name.strip()
            if not name or len(name) > 200 or len(code) > 60 or len(item.contact.strip()) > 200:
                return f"单位“{name[:200]}”的名称、代码或联系人为空或过长，这次没有创建任何单位。"
            if code and code in codes:
                return f"单位代码“{code}”已被使用，这次没有创建任何单位。"
            if login in logins:
                return f"账号“{item.login.strip()}”已存在，这次没有创建任何单位。"
            if name in names:
                return f"本局已有单位“{name}”，这次没有创建任何单位。"
            if code:
                codes.add(code)
            logins.add(login)
            names.add(name)
        return ""

    def _bureau_user(self, session: OrmSession, actor: Actor, user_id: int) -> UserRow:
        row = session.get(UserRow, user_id)
        if row is None or row.bureau_id != actor.bureau_id:
            raise NotInBureau(NO_SUCH_USER)
        return row

    def bureau_unit(self, bureau_id: int, unit_id: int) -> Unit:
        """The unit ``unit_id`` of the bureau (:class:`NotInBureau` if it is not one of its)."""
        unit = self.unit(unit_id)
        if unit is None or unit.bureau_id != bureau_id:
            raise NotInBureau(NO_SUCH_UNIT)
        return unit

    def reset_password_of(self, actor: Actor, user_id: int) -> tuple[User, str]:
        """A new initial password for an account of the admin's bureau (to be changed at the
        next sign-in); its sessions end."""
        initial = passwords.initial_password()
        hashed = passwords.hash_initial(initial)
        with OrmSession(writing(self._engine)) as session, session.begin():
            row = self._bureau_user(session, actor, user_id)
            if row.id == actor.user_id:
                raise AccountError(OWN_ACCOUNT)
            row.password_hash = hashed
            row.must_change_password = True
            self._end_sessions(session, row)
            audit.record(session.connection(), actor, "accounts", f"重置账号“{row.login}”的密码", unit_id=row.unit_id)
            return _user(row), initial

    def set_active(self, actor: Actor, user_id: int, active: bool) -> User:
        """Reactivate or deactivate an account of the admin's bureau; a deactivated account's
        sessions end. An admin cannot deactivate itself, nor the bureau's last active admin."""
        with OrmSession(writing(self._engine)) as session, session.begin():
            row = self._bureau_user(session, actor, user_id)
            if row.active == active:
                return _user(row)
            if not active:
                if row.id == actor.user_id:
                    raise AccountError("不能停用自己正在使用的账号：请让另一位管理员停用。")
                admins = select(func.count()).where(
                    UserRow.bureau_id == actor.bureau_id, UserRow.role == "admin", UserRow.active.is_(True)
                )
                if row.role == "admin" and (session.scalar(admins) or 0) <= 1:
                    raise AccountError("这是本局最后一个启用的管理员账号，不能停用：请先新建或启用另一个管理员账号。")
                self._end_sessions(session, row)
            row.active = active
            verb = "启用" if active else "停用"
            audit.record(session.connection(), actor, "accounts", f"{verb}账号“{row.login}”", unit_id=row.unit_id)
            return _user(row)

    def sign_out_everywhere(self, actor: Actor, user_id: int) -> User:
        """End every session of an account of the admin's bureau."""
        with OrmSession(writing(self._engine)) as session, session.begin():
            row = self._bureau_user(session, actor, user_id)
            if row.id == actor.user_id:
                raise AccountError(OWN_ACCOUNT)
            self._end_sessions(session, row)
            detail = f"让账号“{row.login}”在所有设备上退出登录"
            audit.record(session.connection(), actor, "accounts", detail, unit_id=row.unit_id)
            return _user(row)

    # -- signing in ------------------------------------------------------------------------

    def authenticate(self, login: str, password: str, address: str) -> User:
        """The account ``login`` signs in to with ``password`` from ``address``; refused
        (:class:`AccountError`) when wrong, inactive, or after too many failures in
        :data:`THROTTLE_WINDOW` for the login or the address — then even the right password
        is refused until the window has passed.

        The password is checked outside any write transaction (argon2 takes tens of
        milliseconds, during which SQLite would hold every other save); so on SQLite attempts
        racing each other may pass the limits by the number that run at once, no more. On
        PostgreSQL the attempts at one login take turns (:func:`one_at_a_time`): its limit holds
        exactly; the address's may be passed by attempts at different logins racing."""
        login = stored_text(login.strip(), 100)  # the column's length; no account's login is longer
        address = stored_text(address, 100)
        with one_at_a_time(self._engine, f"reportgen sign-in {login.lower()}"):
            return self._authenticate(login, password, address)

    def _authenticate(self, login: str, password: str, address: str) -> User:
        moment = self._clock()
        with OrmSession(self._engine) as session:
            wait = self._throttled(session, login, address, moment)
            if wait is not None:
                raise AccountError(f"登录失败次数过多，请 {_minutes(wait)} 分钟后再试。")
            row = session.scalar(select(UserRow).where(func.lower(UserRow.login) == login.lower()))
            found = None if row is None else (_user(row), row.password_hash)
        if found is None:
            passwords.check_against_hash_of_nothing(password)
            verified = passwords.Verified(ok=False)
        else:
            verified = passwords.verify(found[1], password)
        user = found[0] if found is not None and found[0].active and verified.ok else None
        with writing(self._engine).begin() as connection:
            attempt = {"login": login.lower(), "address": address, "at": moment, "ok": user is not None}
            connection.execute(insert(LoginAttemptRow).values(**attempt))
            connection.execute(delete(LoginAttemptRow).where(LoginAttemptRow.at < moment - KEEP_ATTEMPTS))
            if found is not None and verified.rehashed:
                stale = (UserRow.id == found[0].id, UserRow.password_hash == found[1])
                connection.execute(update(UserRow).where(*stale).values(password_hash=verified.rehashed))
        if user is None:
            raise AccountError("此账号已停用，请联系管理员。" if verified.ok else WRONG)
        return user

    def _throttled(self, session: OrmSession, login: str, address: str, moment: datetime) -> timedelta | None:
        """How long until ``login`` or ``address`` may try again; ``None`` when it may now."""
        since = moment - THROTTLE_WINDOW
        key = login.lower()
        last_ok = session.scalar(
            select(func.max(LoginAttemptRow.at)).where(LoginAttemptRow.login == key, LoginAttemptRow.ok.is_(True))
        )
        login_since = max(since, _utc(last_ok)) if last_ok is not None else since
        waits = []
        for column, value, start, limit in (
            (LoginAttemptRow.login, key, login_since, MAX_LOGIN_FAILURES),
            (LoginAttemptRow.address, address, since, MAX_ADDRESS_FAILURES),
        ):
            failures = session.scalars(
                select(LoginAttemptRow.at)
                .where(column == value, LoginAttemptRow.ok.is_(False), LoginAttemptRow.at > start)
                .order_by(LoginAttemptRow.at.desc())
                .limit(limit)
            ).all()
            if len(failures) >= limit:
                waits.append(_utc(failures[-1]) + THROTTLE_WINDOW - moment)
        return max(waits) if waits else None

    # -- passwords -------------------------------------------------------------------------

    def change_password(self, user_id: int, current: str, new: str) -> None:
        """Set the user's own password (knowing the current one); the change is then no
        longer required."""
        with OrmSession(writing(self._engine)) as session, session.begin():
            row = session.get(UserRow, user_id, with_for_update=True)
            if row is None:
                raise AccountError("账号不存在。")
            if not passwords.verify(row.password_hash, current).ok:
                raise AccountError("当前密码不正确。")
            if why := passwords.weakness(new, row.login):
                raise AccountError(why)
            if passwords.verify(row.password_hash, new).ok:
                raise AccountError("新密码不能与当前密码相同。")
            row.password_hash = passwords.hash_password(new)
            row.must_change_password = False

    def reset_password(self, login: str) -> str:
        """A new initial password for ``login`` (to be changed at the next sign-in); the
        account's sessions end."""
        initial = passwords.initial_password()
        with OrmSession(writing(self._engine)) as session, session.begin():
            found = select(UserRow).where(func.lower(UserRow.login) == login.strip().lower()).with_for_update()
            row = session.scalar(found)
            if row is None:
                raise AccountError(f"账号“{login.strip()}”不存在。")
            row.password_hash = passwords.hash_password(initial)
            row.must_change_password = True
            self._end_sessions(session, row)
        return initial

    # -- sessions --------------------------------------------------------------------------

    def open_session(self, user_id: int) -> str:
        """A new session for the user: returns its token (only its hash is stored)."""
        token = secrets.token_urlsafe(32)
        moment = self._clock()
        with writing(self._engine).begin() as connection:
            connection.execute(
                insert(SessionRow).values(
                    token_hash=token_hash(token),
                    user_id=user_id,
                    csrf_token=secrets.token_urlsafe(32),
                    created=moment,
                    last_seen=moment,
                    expires=moment + SESSION_LIFETIME,
                )
            )
        return token

    def session(self, token: str) -> SignedIn | None:
        """The live session of ``token``: ``None`` when unknown, expired, opened before the
        user's last "logout everywhere", or of an inactive user. Notes when it was seen."""
        moment = self._clock()
        with OrmSession(self._engine) as session:
            found = session.execute(
                select(SessionRow, UserRow)
                .join(UserRow, UserRow.id == SessionRow.user_id)
                .where(SessionRow.token_hash == token_hash(token))
            ).first()
            if found is None:
                return None
            row, user = found[0], found[1]
            if _utc(row.expires) <= moment or _utc(row.created) < _utc(user.sessions_valid_after) or not user.active:
                return None
            signed_in = SignedIn(row.id, _user(user), row.csrf_token)
            stale = _utc(row.last_seen) + LAST_SEEN_EVERY <= moment
        if stale:
            with writing(self._engine).begin() as connection:
                seen = update(SessionRow).where(SessionRow.id == signed_in.session_id).values(last_seen=moment)
                connection.execute(seen)
        return signed_in

    def logout(self, token: str) -> None:
        """End the session of ``token`` (nothing when there is none)."""
        with writing(self._engine).begin() as connection:
            connection.execute(delete(SessionRow).where(SessionRow.token_hash == token_hash(token)))

    def logout_everywhere(self, user_id: int) -> None:
        """End every session of the user, in every browser."""
        with OrmSession(writing(self._engine)) as session, session.begin():
            row = session.get(UserRow, user_id)
            if row is not None:
                self._end_sessions(session, row)

    def _end_sessions(self, session: OrmSession, row: UserRow) -> None:
        row.sessions_valid_after = self._clock()
        session.execute(delete(SessionRow).where(SessionRow.user_id == row.id))
