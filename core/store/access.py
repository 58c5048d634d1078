"""Who may do what: roles for team use, read from a file the deployment names (CONFLICT_ROLES).

A roles file is CSV with `email,role` rows; roles are viewer (read and export), analyst (also add documents,
review, edit and undo merges) and admin (everything). Without a login configured the app is single-user and
its one user may do everything; it then listens on 127.0.0.1 only.

>>> may("viewer", "export"), may("viewer", "add"), may("analyst", "add")
(True, False, True)
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

ROLES: dict[str, frozenset[str]] = {
    "viewer": frozenset({"read", "export"}),
    "analyst": frozenset({"read", "export", "add", "review", "edit", "undo_merge"}),
    "admin": frozenset({"read", "export", "add", "review", "edit", "undo_merge", "manage"}),
}
ROLES_VAR = "CONFLICT_ROLES"
"""The environment variable naming the roles file."""


class AccessError(ValueError):
    """The roles file cannot be read or names an unknown role; the message says where."""


def may(role: str | None, action: str) -> bool:
    """True when `role` allows `action` (read, export, add, review, edit, undo_merge, manage)."""
    return action in ROLES.get(role or "", frozenset())


def load_roles(path: str | Path | None = None) -> dict[str, str]:
    """email (lower case) -> role, from `path` or the file CONFLICT_ROLES names; {} when there is none."""
    path = path or os.environ.get(ROLES_VAR)
    if not path:
        return {}
    try:
        with Path(path).open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise AccessError(f"roles file {Path(path).name}: {exc.strerror}") from None
    out = {}
    for line, row in enumerate(rows, start=2):
        email, role = (row.get("email") or "").strip().lower(), (row.get("role") or "").strip().lower()
        if role not in ROLES:
            raise AccessError(f"roles file {Path(path).name}, line {line}: role {role!r} is not one of {', '.join(ROLES)}")
        if email:
            out[email] = role
    return out


def role_of(email: str | None, roles: dict[str, str]) -> str | None:
    """The role of a logged-in user, None when the roles file does not name them (no access)."""
    return roles.get((email or "").strip().lower())
