"""Which roles of bureau mode may use each route: the one table the authorisation matrix
(tests/security/test_route_matrix.py) checks every route of the application against.

A route not in :data:`ACCESS` (nor matched by a rule of :data:`FAMILIES`) fails the matrix
with its path named: whoever adds a route classifies it here.

Roles: ``unit`` (单位填报: for a route with ids in its path, only the unit whose thing it is),
``reviewer`` and ``admin`` (of the bureau the thing belongs to). Two more kinds of route:
``OPEN`` (anyone, signed in or not: the sign-in page) and ``SELF`` (any signed-in account,
acting on its own session or password only).
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

UNIT = frozenset({"unit"})
OVERSEERS = frozenset({"reviewer", "admin"})
READERS = frozenset({"unit", "reviewer", "admin"})
ADMIN = frozenset({"admin"})
REVIEWER = frozenset({"reviewer"})


@dataclass(frozen=True)
class Access:
    """Who may use a route; ``changes``: it may change stored data when used as allowed."""

    roles: frozenset[str]
    changes: bool
    kind: str = "roles"  # "roles", "open" or "self"


OPEN = Access(READERS, changes=False, kind="open")
SELF = Access(READERS, changes=True, kind="self")


def reads(roles: frozenset[str]) -> Access:
    return Access(roles, changes=False)


def changes(roles: frozenset[str]) -> Access:
    return Access(roles, changes=True)


ACCESS: dict[tuple[str, str], Access] = {
    # signing in and the account's own session and password
    ("GET", "/login"): OPEN,
    ("POST", "/login"): OPEN,
    ("POST", "/logout"): SELF,
    ("POST", "/logout-everywhere"): SELF,
    ("GET", "/password"): SELF,
    ("POST", "/password"): SELF,
    # the lists (each user sees what it reads) and new reports (the user's own unit)
    ("GET", "/"): reads(READERS),
    ("GET", "/api/reports"): reads(READERS),
    ("GET", "/docs"): reads(READERS),  # the JSON API's description
    ("GET", "/openapi.json"): reads(READERS),
    ("POST", "/reports/starter"): changes(UNIT),
    ("POST", "/reports/upload"): changes(UNIT),
    ("POST", "/reports/import"): changes(UNIT),  # a 绩效目标表 or 自评表: one new report per table
    ("POST", "/reports/blank"): changes(UNIT),
    ("POST", "/api/reports"): changes(UNIT),
    # one report: read by its unit and its bureau's reviewers and admins
    ("GET", "/reports/{report_id}"): reads(READERS),
    ("GET", "/reports/{report_id}/report.docx"): reads(READERS),
    ("GET", "/reports/{report_id}/data.yaml"): reads(READERS),
    ("GET", "/reports/{report_id}/workbook.xlsx"): reads(READERS),
    ("GET", "/api/reports/{report_id}"): reads(READERS),
    ("GET", "/api/reports/{report_id}/data"): reads(READERS),
    ("GET", "/reports/{report_id}/history"): reads(READERS),
    ("GET", "/reports/{report_id}/versions/{number}"): reads(READERS),
    ("GET", "/reports/{report_id}/versions/{number}/data.yaml"): reads(READERS),
    ("GET", "/reports/{report_id}/versions/{number}/report.docx"): reads(READERS),
    ("GET", "/reports/{report_id}/compare"): reads(READERS),
    ("GET", "/reports/{report_id}/drafts"): reads(READERS),
    ("GET", "/reports/{report_id}/drafts/{number}.docx"): reads(READERS),
    ("GET", "/reports/{report_id}/preview"): reads(READERS),
    ("GET", "/reports/{report_id}/preview/frame"): reads(READERS),
    ("GET", "/reports/{report_id}/pages"): reads(READERS),
    ("GET", "/reports/{report_id}/pages/status"): reads(READERS),
    ("GET", "/reports/{report_id}/pages/{number}.png"): reads(READERS),
    ("GET", "/reports/{report_id}/report.pdf"): reads(READERS),
    ("GET", "/reports/{report_id}/edit"): reads(READERS),
    # one report's data and documents: changed by its unit only
    ("POST", "/reports/{report_id}/versions"): changes(UNIT),
    ("PUT", "/api/reports/{report_id}/data"): changes(UNIT),
    ("POST", "/reports/{report_id}/versions/{number}/restore"): changes(UNIT),
    ("POST", "/reports/{report_id}/copy"): changes(UNIT),
    ("POST", "/reports/{report_id}/drafts"): changes(UNIT),
    ("POST", "/reports/{report_id}/drafts/{number}/update"): changes(UNIT),
    ("POST", "/reports/{report_id}/drafts/{number}/finalize"): changes(UNIT),  # the final copy: a new draft
    ("POST", "/reports/{report_id}/settings"): changes(UNIT),
    ("POST", "/reports/{report_id}/edit"): changes(UNIT),
    ("POST", "/reports/{report_id}/rows"): changes(UNIT),
    # review: the unit submits, the bureau's reviewer returns or approves
    ("POST", "/reports/{report_id}/submit"): changes(UNIT),
    ("POST", "/reports/{report_id}/return"): changes(REVIEWER),
    ("POST", "/reports/{report_id}/approve"): changes(REVIEWER),
    ("GET", "/review"): reads(OVERSEERS),
    # administration: the bureau's units, accounts and audit log
    ("GET", "/admin/units"): reads(ADMIN),
    ("GET", "/admin/units/template.xlsx"): reads(ADMIN),
    ("POST", "/admin/units/upload"): changes(ADMIN),
    ("POST", "/admin/units/confirm"): changes(ADMIN),
    ("GET", "/admin/units/passwords.xlsx"): reads(ADMIN),
    ("POST", "/admin/units/new"): changes(ADMIN),
    ("POST", "/admin/users/new"): changes(ADMIN),
    ("POST", "/admin/users/{user_id}/reset"): changes(ADMIN),
    ("POST", "/admin/users/{user_id}/active"): changes(ADMIN),
    ("POST", "/admin/users/{user_id}/sign-out"): changes(ADMIN),
    ("GET", "/admin/audit"): reads(ADMIN),
    ("GET", "/admin/audit.xlsx"): reads(ADMIN),
}

# Families of routes announced by issue 12 and built alongside this table: each rule
# (method pattern, path pattern) → access, the first match wins. An exact entry of ACCESS
# comes first; replace a rule by exact entries once its routes exist.
FAMILIES: list[tuple[str, str, Access]] = [
    ("GET", "/review*", reads(OVERSEERS)),
    ("GET", "/batch*", reads(OVERSEERS)),
    ("*", "/batch*", changes(OVERSEERS)),
    ("GET", "/admin/*", reads(ADMIN)),
    ("*", "/admin/*", changes(ADMIN)),
    ("GET", "/import*", reads(ADMIN)),
    ("*", "/import*", changes(ADMIN)),
]


def access_of(method: str, path: str) -> Access | None:
    """The access of a route, ``None`` when it is not classified."""
    found = ACCESS.get((method, path))
    if found is not None:
        return found
    for methods, pattern, rule in FAMILIES:
        if fnmatch.fnmatchcase(method, methods) and fnmatch.fnmatchcase(path, pattern):
            return rule
    return None
