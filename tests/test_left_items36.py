"""Items session 35 left (docs/history/robustness.md), each reproduced with invented inputs
first: names with a backslash or a control character in the command line's lines, a file a
remote cluster's workers may not read, htmldate's assertion on a page that is one element it
removes, and the GDELT export's coordinates against the codebook's numeric fields."""

from __future__ import annotations

from pathlib import Path

import pytest
from htmldate.settings import CLEANING_LIST

from detente.ingest.readers import SourceDocument, read_file

PARAGRAPHS = ("<p>Chile accused Peru of shelling a border post on Monday, the ministry said.</p>"
              "<p>Peru denied the charge and called for talks in Lima on Friday.</p>")


def _read(path: Path) -> list:
    """What reading ``path`` gives: the document's text, title and date, or the problem."""
    return [(item.text, item.title, item.date) if isinstance(item, SourceDocument)
            else item.reason for item in read_file(path)]


# ---- 3. a page that is one element htmldate removes ------------------------------------------
# libxml2 reads the content of these as text, and trafilatura's loader refuses such a page: no
# tree, no assertion (the page is "no article text found", as before)
READ_AS_TEXT = {"iframe", "frameset", "noframes"}
ONE_ELEMENT_PAGES = [f"<{tag}><br>{PARAGRAPHS}" for tag in CLEANING_LIST
                     if tag not in READ_AS_TEXT]
ONE_ELEMENT_PAGES += ["</html><body><style>p {}</style>",
                      "<svg><br><pre>Chile accused Peru of shelling a border post.</pre>"]


@pytest.mark.parametrize("body", ONE_ELEMENT_PAGES)
def test_a_page_that_is_one_element_htmldate_removes_reads_as_its_whole_twin(tmp_path, body):
    # a page with no <html> or <body> whose markup libxml2 reads as one element (an <svg>, an
    # <audio>, an <object> holding the article, a lone <style>): htmldate removes such
    # elements from a copy of the tree, the copy's root has no parent to be removed from, and
    # lxml failed an assertion, "cannot parse the HTML ()"; the page is read as the same page
    # inside <html><body> is read
    bare, whole = tmp_path / "bare.html", tmp_path / "whole.html"
    bare.write_text(body, encoding="utf-8")
    whole.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    read = _read(bare)
    assert not any(isinstance(item, str) and item.startswith("cannot parse") for item in read)
    assert read == _read(whole)

