"""Login for team use (Streamlit's OIDC login, configured in .streamlit/secrets.toml) and the user's role."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from core.store.access import AccessError, load_roles, may, role_of


@dataclass(frozen=True)
class Visitor:
    """Who is using the app: the logged-in identity (None when single-user) and the role."""

    identity: str | None
    role: str

    def may(self, action: str) -> bool:
        """True when the visitor's role allows `action`."""
        return may(self.role, action)


def login_configured() -> bool:
    """True when .streamlit/secrets.toml has an [auth] section."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets file at all
        return False


def visitor() -> Visitor:
    """The logged-in visitor and their role; stops the page with a login button or a refusal when needed.
    Without a login configured: single-user, every action allowed, and a banner says so."""
    if not login_configured():
        st.sidebar.caption("Single-user mode: no login, and only this computer can open the app (127.0.0.1). "
                           "See the README to serve it to a team.")
        return Visitor(None, "admin")
    if not st.user.is_logged_in:
        _only(_login_page)
    email = str(st.user.get("email") or st.user.get("sub") or "")
    try:
        role = role_of(email, load_roles())
    except AccessError as exc:
        st.session_state["access_refusal"] = str(exc)
        _only(_refusal_page)
    if role is None:
        st.session_state["access_refusal"] = (f"{email} has no role in this dashboard: ask an administrator to add you "
                                              "to the roles file.")
        _only(_refusal_page)
    st.sidebar.caption(f"Signed in as {email} ({role})")
    st.sidebar.button("Log out", on_click=st.logout, key="logout")
    return Visitor(email, role)


def _only(page) -> None:
    """Show one page and nothing else: no page list, no filter, no data (then stop the run)."""
    st.navigation([st.Page(page, title="Conflict events")], position="hidden").run()
    st.stop()


def _login_page() -> None:
    st.title("Conflict events")
    st.write("Sign in with your organisation's account to see the events.")
    st.button("Log in", on_click=st.login, type="primary")


def _refusal_page() -> None:
    st.title("Conflict events")
    st.error(st.session_state.get("access_refusal", "No access."))
    st.button("Log out", on_click=st.logout)
