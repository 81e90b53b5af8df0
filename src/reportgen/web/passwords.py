"""Passwords: the one adapter over argon2-cffi (hashing, checking, the initial password and
the minimum rule a new password must meet)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 10
INITIAL_LENGTH = 12
# No 0/O/o, 1/l/I, 2/Z, 5/S, 8/B: an initial password is read off a screen or a sheet of paper.
ALPHABET = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679"
GROUP = 4  # the initial password is shown in groups of four, joined by "-"

_hasher = PasswordHasher()
_initial_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # see hash_initial


@dataclass(frozen=True, slots=True)
class Verified:
    """The outcome of :func:`verify`: ``ok``, and a new hash to store when the parameters of
    the stored one are out of date (``None`` otherwise)."""

    ok: bool
    rehashed: str | None = None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify(stored_hash: str, password: str) -> Verified:
    """Whether ``password`` matches ``stored_hash`` (argon2 compares in constant time)."""
    try:
        _hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return Verified(ok=False)
    if _hasher.check_needs_rehash(stored_hash):
        return Verified(ok=True, rehashed=_hasher.hash(password))
    return Verified(ok=True)


def check_against_hash_of_nothing(password: str) -> None:
    """Spend the time of one verification, for a login that does not exist (so the answer's
    delay does not tell which logins exist)."""
    verify(_dummy_hash(), password)


def initial_password() -> str:
    """A random password for a new account or a reset: 12 characters from :data:`ALPHABET`,
    in groups of four (``abcd-EFGH-3467``), about 68 bits."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(INITIAL_LENGTH))
    return "-".join(chars[i : i + GROUP] for i in range(0, INITIAL_LENGTH, GROUP))


def weakness(password: str, login: str) -> str | None:
    """Why ``password`` may not be chosen by ``login``, in Chinese; ``None`` when it may."""
    if len(password) < MIN_LENGTH:
        return f"密码至少需要 {MIN_LENGTH} 个字符。"
    if password.strip().casefold() == login.strip().casefold():
        return "密码不能与账号相同。"
    return None


@cache
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_hex(16))


def hash_initial(password: str) -> str:
    """The hash of a generated initial password, made cheaply: the slow default (about 0.6 s
    on a 2-core server) protects passwords people choose, while an initial password is 12
    random characters of :data:`ALPHABET` (about 68 bits), beyond guessing even at a million
    hashes a second; so a workbook of 500 units takes a second, not five minutes. The first
    sign-in rehashes it with the default parameters (:func:`verify`), and the account must
    then choose its own password anyway."""
    return _initial_hasher.hash(password)
