"""Team use in Chromium: Streamlit's OIDC login against a local mock provider, roles from a file, and the
audit's "who" taken from the login."""

from __future__ import annotations

import textwrap

import pytest
from playwright.sync_api import expect

from bench.live_app import free_port, serve, wait_until_ready


@pytest.fixture(scope="module")
def team_app(tmp_path_factory, store_url):
    pytest.importorskip("authlib")
    mock = pytest.importorskip("oidc_provider_mock")
    folder = tmp_path_factory.mktemp("team")
    roles = folder / "roles.csv"
    roles.write_text("email,role\nviewer@example.org,viewer\nanalyst@example.org,analyst\n", encoding="utf-8")
    users = [mock.User(sub="viewer", claims={"email": "viewer@example.org"}),
             mock.User(sub="analyst", claims={"email": "analyst@example.org"}),
             mock.User(sub="stranger", claims={"email": "stranger@example.org"})]
    with mock.run_server_in_thread(user_claims=users) as provider:
        port = free_port()
        secrets = folder / "secrets.toml"
        secrets.write_text(textwrap.dedent(f"""
            [auth]
            redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
            cookie_secret = "a-test-cookie-secret-of-some-length"
            client_id = "dashboard"
            client_secret = "dashboard-secret"
            server_metadata_url = "http://127.0.0.1:{provider.server_port}/.well-known/openid-configuration"
        """), encoding="utf-8")
        with serve(store_url, env={"CONFLICT_ROLES": str(roles)}, args=["--secrets.files", str(secrets)],
                   port=port) as (base, _process):
            yield base


def _login(browser, base: str, sub: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1600})
    page = context.new_page()
    page.goto(base, wait_until="domcontentloaded")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_selector("input[name=sub]", timeout=30_000)
    page.fill("input[name=sub]", sub)
    page.locator("button[type=submit], input[type=submit]").first.click()
    page.wait_for_url(f"{base}/**", timeout=30_000)
    return context, page


def test_a_visitor_must_log_in_and_roles_decide_what_they_see(browser, team_app, artifacts):
    context = browser.new_context()
    page = context.new_page()
    page.goto(team_app, wait_until="domcontentloaded")
    expect(page.get_by_role("button", name="Log in")).to_be_visible(timeout=30_000)
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0  # nothing before the login
    context.close()

    context, page = _login(browser, team_app, "viewer")
    wait_until_ready(page)
    expect(page.get_by_text("Signed in as viewer@example.org (viewer)")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("link", name="Map")).to_be_visible()
    assert page.get_by_role("link", name="Add documents").count() == 0
    page.screenshot(path=str(artifacts / "login_viewer.png"))
    context.close()

    context, page = _login(browser, team_app, "analyst")
    wait_until_ready(page)
    expect(page.get_by_text("Signed in as analyst@example.org (analyst)")).to_be_visible(timeout=30_000)
    page.get_by_role("link", name="Add documents").click()
    wait_until_ready(page)
    assert page.get_by_label("Your name (recorded with the save)").count() == 0  # the login is the name
    context.close()

    context, page = _login(browser, team_app, "stranger")
    expect(page.get_by_text("has no role in this dashboard")).to_be_visible(timeout=30_000)
    context.close()
