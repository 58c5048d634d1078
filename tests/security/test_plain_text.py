"""Report-supplied strings stay plain text on every page: no Markdown link or image, no formula."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from core.store.ingest import preview, read_upload
from core.store.writing import save_documents

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
TITLE = "Blast [click here](http://tracker.invalid/x) ![pixel](http://tracker.invalid/p.png) costs $5 to $10"
REPORT = (f"{TITLE}\n\nPublished: 2025-03-04\n\nQUETTA: Two policemen were martyred when gunmen opened fire on a "
          "checkpost in Quetta on Monday, police said.\n").encode()


def test_a_report_title_is_never_markdown(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    batch = preview(read_upload(REPORT, "hostile.txt"))
    from core.store.ingest import editor_table

    save_documents(batch.documents, batch.events, who="test", mentions=batch.mentions, url=url,
                   originals={}, changes={}, discarded=[])
    assert len(editor_table(batch.events)) == 1
    monkeypatch.setenv("DATABASE_URL", url)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/documents.py").run()
    assert not at.exception
    shown = [h.value for h in at.subheader] + [c.value for c in at.caption] + [m.value for m in at.markdown]
    title = [s for s in shown if "tracker" in s]
    assert title, "the title should be shown"
    for line in title:
        assert "](http" not in line and "![" not in line  # escaped: \](, \!\[
        assert "\\$5" in line or "$5" not in line
