"""Adding documents: `core add` with files, feeds and web addresses, and where each document's source shows.

Web addresses are served by a local HTTP server made here: nothing needs the internet.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path

import pytest

from core.reading.documents import Given, read_url
from core.reading.fetch import ONLINE_SETTING
from core.store import reading
from core.views.cards import citation, event_card_html
from core.views.exports import to_csv

DOCS = Path(__file__).parent / "documents"


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A client that stops reading a huge page early is expected here, not an error to print."""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A local web server over tests/documents, plus a 30 MB page and a feed whose items link to it."""
    root = tmp_path_factory.mktemp("site")
    for path in DOCS.glob("*.html"):
        (root / path.name).write_bytes(path.read_bytes())
    (root / "huge.html").write_bytes(b"<html><body>" + b"<p>word</p>" * 3_000_000 + b"</body></html>")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    feed = (DOCS / "17_feed_rss.xml").read_text().replace(
        "https://www.chiltancourier.pk/balochistan/2025/01/13/levies-checkpost-attack-kalat/", f"{base}/02_html_jsonld_turbat.html")
    (root / "feed.xml").write_text(feed)
    yield base
    server.shutdown()


def test_urls_are_refused_while_fetching_is_off(site, monkeypatch):
    monkeypatch.delenv(ONLINE_SETTING, raising=False)
    with pytest.raises(ValueError, match="fetching web pages is off: pass --online"):
        read_url(f"{site}/01_html_og_tank.html")


def test_a_fetched_page_is_read_like_a_saved_one(site):
    [page] = read_url(f"{site}/01_html_og_tank.html", Given(online=True))
    assert page.outlet == "The Khyber Dispatch" and page.date.isoformat() == "2025-03-14" and page.kind == "url"


@pytest.mark.parametrize("path, reason", [("missing.html", "404"), ("huge.html", "MB limit")])
def test_unreachable_and_huge_pages_get_one_line(site, path, reason):
    with pytest.raises(ValueError, match=reason) as info:
        read_url(f"{site}/{path}", Given(online=True))
    assert "\n" not in str(info.value)


def test_a_closed_port_is_unreachable():
    with pytest.raises(ValueError, match="unreachable"):
        read_url("http://127.0.0.1:9/page.html", Given(online=True))


def test_add_a_feed_twice_adds_only_new_items(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    first = cli("add", DOCS / "17_feed_rss.xml", DOCS / "11_pasted_no_date_landikotal.txt", url=url)
    assert first.returncode == 1
    assert "added 4 documents" in first.stdout and "refused 1" in first.stdout
    assert len(first.stderr.strip().splitlines()) == 1 and "pass --date" in first.stderr
    again = cli("add", DOCS / "17_feed_rss.xml", DOCS / "11_pasted_no_date_landikotal.txt", "--date", "2025-04-07",
                url=url)
    assert again.returncode == 0 and "added 1 document (" in again.stdout and "skipped 4 already stored" in again.stdout
    documents = reading.load_documents(url).set_index("name")
    items = documents[documents.index.str.startswith("17_feed_rss.xml item")]
    assert len(items) == 4 and items["url"].notna().all() and set(items["outlet"]) == {"The Chiltan Courier"}
    assert documents.loc["11_pasted_no_date_landikotal.txt", "date_source"] == "user"


def test_add_fetches_feed_items_when_online(cli, tmp_path, site):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    done = cli("add", f"{site}/feed.xml", "--online", url=url)
    assert done.returncode == 0, done.stderr
    documents = reading.load_documents(url)
    fetched = documents[documents["outlet"] == "The Makran Mirror"]
    assert len(fetched) == 1  # the first item's link was fetched and read as the page it points to
    offline = documents[documents["note"].fillna("").str.contains("summary only")]
    assert len(offline) == 0 or all(offline["kind"] == "feed item")


def test_every_event_cites_its_outlet_date_and_url(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    assert cli("add", DOCS / "01_html_og_tank.html", url=url).returncode == 0
    [event] = reading.load_events(url).to_dict(orient="records")
    cited = citation(event["source"])
    assert cited.startswith("The Khyber Dispatch, 14 Mar 2025, https://www.khyberdispatch.pk/news/2025/03/14/")
    assert cited in event_card_html(event, "/documents?doc=x")
    csv = to_csv(reading.load_events(url)).decode("utf-8-sig")
    assert "source_outlet" in csv.splitlines()[0] and "The Khyber Dispatch" in csv
    geo = json.loads(cli("export", "--format", "geojson", "--out", tmp_path / "o.geojson", url=url).stdout and
                     (tmp_path / "o.geojson").read_text())
    assert geo["features"][0]["properties"]["source_url"].startswith("https://www.khyberdispatch.pk/")
