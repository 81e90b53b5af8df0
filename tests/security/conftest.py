"""The security tests' world (tests/helpers/security_world.py): built once per test module,
since the tests that share it change nothing of it but what its attackers own."""

from __future__ import annotations

import pytest

from security_world import World, build_world


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("world"))


@pytest.fixture
def fresh_world(tmp_path_factory: pytest.TempPathFactory) -> World:
    """A world of the test's own, for tests that change it."""
    return build_world(tmp_path_factory.mktemp("fresh"))
