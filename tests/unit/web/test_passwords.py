"""Passwords: argon2 hashes, the generated initial password and the minimum rule."""

from __future__ import annotations

from argon2 import PasswordHasher

from reportgen.web import passwords


def test_a_hash_verifies_its_password_and_no_other() -> None:
    stored = passwords.hash_password("正确的密码horse-battery")
    assert stored.startswith("$argon2id$") and "horse" not in stored
    assert passwords.verify(stored, "正确的密码horse-battery").ok
    assert not passwords.verify(stored, "正确的密码horse-batterY").ok


def test_a_damaged_hash_verifies_nothing() -> None:
    assert not passwords.verify("not a hash", "anything").ok


def test_a_hash_made_with_weaker_parameters_is_replaced_when_it_verifies() -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8192).hash("long enough password")
    verified = passwords.verify(weak, "long enough password")
    assert verified.ok and verified.rehashed is not None
    assert passwords.verify(verified.rehashed, "long enough password") == passwords.Verified(ok=True)


def test_an_initial_password_is_twelve_unambiguous_characters_in_groups_of_four() -> None:
    made = {passwords.initial_password() for _ in range(50)}
    assert len(made) == 50
    for password in made:
        groups = password.split("-")
        assert [len(group) for group in groups] == [4, 4, 4]
        assert set("".join(groups)) <= set(passwords.ALPHABET)
        assert not set("".join(groups)) & set("0O1lI")
        assert passwords.weakness(password, "someone") is None


def test_a_password_needs_ten_characters_and_must_not_be_the_login() -> None:
    assert passwords.weakness("short1234", "clerk") == "密码至少需要 10 个字符。"
    assert passwords.weakness("Finance.Clerk", "finance.clerk") == "密码不能与账号相同。"
    assert passwords.weakness("县财政局绩效自评二〇二五", "clerk") is None
