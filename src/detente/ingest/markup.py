"""A budget for markup, checked before any HTML or XML parser sees it.

lxml (libxml2) and trafilatura take time that grows with the square of the attributes on one
element (a page with 50,000 of them took 23 s to read; 200,000, over five minutes, inside C
code where no signal is heard), and feedparser the same for the attributes of one feed
element (50,000: 34 s). The text extraction's fallbacks (justext) grow with the square of a
run of short paragraphs (a list of 25,000 items: 88 s). So a document is first scanned once,
in linear time, for what those costs grow with: the most attributes on one element, and for
HTML the number of elements and of block elements.

The scan of HTML follows the HTML5 tokenizer (libxml2 2.14's): a tag ends at the first ``>``
outside a quoted attribute value; comments, and the contents of script and style, hold no tags.
Where the scan cannot be exact it errs on the side of seeing more (it ends a comment or a script
at the earliest place any parser might), so nothing the parser would count is hidden from it.
A feed may be read by an XML parser or, when it is not well-formed, by feedparser's lenient
one, whose comments and CDATA sections end elsewhere: there a comment, a CDATA section or a
declaration ends at its first ``>`` or ``<``, and what follows is scanned as markup. Every
pattern is possessive or bounded by a literal: none backtracks over what it has read.

libxml2 reads no element nested deeper than PARSER_MAX_DEPTH, nor anything after one: a page
it stopped on (``cut_by_depth``) is read again flattened (``flat_html``), with the same scan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import AnyStr

from lxml import etree

# The most attributes one element may have: pages carry a few, a hundred at the very most.
MAX_ATTRIBUTES = 1_000
# The most elements (start tags) an HTML page may have: a news page has a few thousand; past
# this, extraction takes seconds even without the quadratic parts.
MAX_ELEMENTS = 50_000
# Past this many block elements (paragraphs, list items, cells ...) the text is extracted
# without trafilatura's fallbacks, whose time grows with the square of their number.
FULL_EXTRACTION_BLOCKS = 2_000
# An attribute takes at least two characters (a name, and white space or a quoted value before
# the next), so only a tag longer than this can hold too many; shorter tags are not counted.
_WIDE_TAG = 2 * MAX_ATTRIBUTES

# The elements that start a paragraph for justext (its PARAGRAPH_TAGS, and <br>), and the
# other block elements of HTML5: what the fallbacks' time grows with the square of.
BLOCK_TAGS = frozenset(
    {"blockquote", "body", "br", "caption", "center", "col", "colgroup", "dd", "div", "dl"}
    | {"dt", "fieldset", "form", "h1", "h2", "h3", "h4", "h5", "h6", "legend", "li", "ol"}
    | {"optgroup", "option", "p", "pre", "table", "td", "textarea", "tfoot", "th", "thead"}
    | {"tr", "ul", "address", "article", "aside", "figcaption", "footer", "header", "hr"}
    | {"main", "nav", "section"}
)
_RAW_TEXT = ("script", "style")  # raw text in every HTML parser: what is inside is no tag
# libxml2's HTML parser (lxml's, trafilatura's) stops at this many open elements ("Excessive
# depth in document: 256"): what is nested deeper, and all of the page after it, is left out
# of its tree, and a page whose text sits deeper had "no article text".
PARSER_MAX_DEPTH = 256
# What a flattened page keeps as it is: the elements of its head (metadata: title, dates,
# JSON-LD), which hold no nesting, and the document's own elements.
_KEPT_AS_WRITTEN = frozenset({"html", "head", "body", "title", "meta", "link", "base"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# The flat elements that keep their name: headings, and preformatted text (its line ends).
_NAMED_BLOCKS = _HEADINGS | {"pre"}

_WS = r"[\t\n\f\r ]"
_NAME_STOP = r"\t\n\f\r />"
# One attribute: a name (which may start with '=' or hold quotes, as in HTML5), and a value
# after '=': quoted (to the closing quote, or the end), or unquoted (to white space or '>').
_ATTRIBUTE = (rf"[^{_NAME_STOP}][^{_NAME_STOP}=]*+"
              rf"""(?:{_WS}*+={_WS}*+(?:"[^"]*+"?+|'[^']*+'?+|[^\t\n\f\r >]*+))?+""")
# What follows a tag's name: separators and attributes, to the '>' (or the end of the input).
_TAG_REST = rf"(?P<rest>(?:[\t\n\f\r /]++|{_ATTRIBUTE})*+)>?+"
# A comment ends at the earliest end any parser takes: '<!-->', '-->', '--!>', '-- >'.
_COMMENT = rf"<!--(?:-?>|.*?(?:--!?{_WS}*>|\Z))"
_TAG = rf"<(?P<end>/?)(?P<name>[A-Za-z][^{_NAME_STOP}]*+){_TAG_REST}"
# In XML a name may also start with '_', ':' or a letter outside ASCII: anything is taken
_XML_TAG = rf"<(?P<end>/?)(?P<name>[^{_NAME_STOP}!?<][^{_NAME_STOP}]*+){_TAG_REST}"
# A doctype, a processing instruction, a bogus comment: to the first '>', or to a '<', which is
# scanned again (a '<' inside a CDATA section is markup to the HTML parser the text goes to).
_OTHER = r"<[!?/][^<>]*+>?+"


def _patterns(kind: type[AnyStr]) -> dict[str, re.Pattern[AnyStr]]:
    def compiled(pattern: str, flags: int = 0) -> re.Pattern[AnyStr]:
        return re.compile(pattern if kind is str else pattern.encode(), flags | re.S)  # type: ignore[arg-type]

    return {
        "html": compiled("|".join((_COMMENT, _TAG, _OTHER))),
        "xml": compiled("|".join((_XML_TAG, _OTHER))),
        "attribute": compiled(_ATTRIBUTE),
        **{name: compiled(f"</{name}", re.I) for name in (*_RAW_TEXT, "title")},
    }


_STR = _patterns(str)
_BYTES = _patterns(bytes)


@dataclass(frozen=True)
class Budget:
    """What a scan found: the problem that refuses the document (None: within the budget),
    and how many elements and block elements it has."""

    problem: str | None = None
    elements: int = 0
    blocks: int = 0

    @property
    def full_extraction(self) -> bool:
        """Whether trafilatura may use its fallbacks (quadratic in the block elements)."""
        return self.blocks <= FULL_EXTRACTION_BLOCKS


def too_many_attributes() -> str:
    return (f"an element with more than {MAX_ATTRIBUTES:,} attributes (the parser's time "
            "grows with the square of their number)")


def too_many_elements() -> str:
    return f"over {MAX_ELEMENTS:,} elements (a news page has a few thousand)"


def html_budget(markup: str) -> Budget:
    """The budget of an HTML page or fragment (see the module's docstring)."""
    patterns = _STR
    elements = blocks = 0
    pos = 0
    while (tag := patterns["html"].search(markup, pos)) is not None:
        pos = tag.end()
        name = tag.group("name")
        if name is None:
            continue  # a comment, a doctype: no element
        if _wide(tag, patterns):
            return Budget(too_many_attributes(), elements, blocks)
        if tag.group("end"):
            continue
        elements += 1
        if elements > MAX_ELEMENTS:
            return Budget(too_many_elements(), elements, blocks)
        lowered = name.lower()
        blocks += lowered in BLOCK_TAGS
        if lowered in _RAW_TEXT:
            close = patterns[lowered].search(markup, pos)
            pos = close.start() if close else len(markup)
    return Budget(None, elements, blocks)


def xml_problem(data: bytes) -> str | None:
    """The problem with a feed's XML (an element with too many attributes), or None.

    UTF-16 and UTF-32 feeds are decoded first (their '<' is not the byte '<'); any other
    encoding a feed may declare writes markup in ASCII bytes, so the bytes are scanned as
    they are."""
    wide = _wide_encoding(data)
    source: str | bytes = data.decode(wide, errors="replace") if wide else data
    patterns = _STR if isinstance(source, str) else _BYTES
    for tag in patterns["xml"].finditer(source):  # type: ignore[call-overload]
        if tag.group("name") is not None and _wide(tag, patterns):
            return too_many_attributes()
    return None


def _wide(tag: re.Match, patterns: dict[str, re.Pattern]) -> bool:
    """Whether a tag has more attributes than MAX_ATTRIBUTES (counted only when it is long
    enough to)."""
    start, end = tag.span("rest")
    if end - start <= _WIDE_TAG:
        return False
    return sum(1 for _ in patterns["attribute"].finditer(tag.string, start, end)) > MAX_ATTRIBUTES


def _wide_encoding(data: bytes) -> str | None:
    """The codec of bytes written in UTF-16 or UTF-32 (told by a byte-order mark, or by the
    NUL bytes of the first character), else None."""
    head = data[:4]
    for mark, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                        (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if head.startswith(mark):
            return codec
    order = "be" if head[:1] == b"\x00" else "le"
    if head.count(0) >= 3:
        return f"utf-32-{order}"
    return f"utf-16-{order}" if 0 in head[:2] else None


def cut_by_depth(tree: etree._Element) -> bool:
    """Whether libxml2 stopped reading the document at its depth limit: the tree reaches it
    (the part nested deeper, and what follows, is missing)."""
    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    # (a tree 255 deep was read to its end: the parser stops only on a 257th open element)
    return deepest >= PARSER_MAX_DEPTH


def flat_html(markup: str) -> str:
    """The page with no element inside another but its head's and its headings' text: each run
    of text between two block elements (paragraphs, divisions, list items, cells, line breaks)
    becomes a paragraph of its own, other tags (links, spans, unknown elements) are left out
    and their text kept, and the head's elements, scripts and styles stay as written. For a
    page nested deeper than libxml2 reads: its text is then read, the structure lost
    (trafilatura no longer sees which division is the article) but for the outermost article
    or main element, which stays one around its paragraphs: trafilatura reads the text of an
    article by other rules than a body of bare paragraphs (headings kept, a line repeated
    side by side said once). Linear in the markup (one scan, the budget's), and no longer than
    it by more than the nine characters of a paragraph's tags for each of its elements and
    end tags of open elements: an end tag that closes nothing (a stray "</p>", which the
    budget does not count) ends no paragraph."""
    patterns = _STR
    parts: list[str] = []
    block: str | None = None  # the flat element being written: "p", a heading, "pre"
    next_block = "p"  # what the next text opens
    wrote_text = False
    open_blocks: dict[str, int] = {}  # the block elements open, by name (see _block_key)
    pos = for_text = 0  # where the scan goes on, and where the text not yet written starts

    def text_until(end: int) -> None:
        nonlocal block, wrote_text
        text = markup[for_text:end]
        if block is None and text.strip():
            block = next_block
            parts.append(f"<{block}>")
            wrote_text = True
        parts.append(text)

    def close_block() -> None:
        nonlocal block
        if block is not None:
            parts.append(f"</{block}>")
            block = None

    def close_article() -> None:
        close_block()
        if open_blocks.get("article"):
            parts.append("</article>")
            open_blocks["article"] = 0

    while (tag := patterns["html"].search(markup, pos)) is not None:
        text_until(tag.start())
        pos = for_text = tag.end()
        name = (tag.group("name") or "").lower()
        end = bool(tag.group("end"))
        if not name:  # a comment, a doctype: left out
            if not tag.group().startswith("<!--") and not tag.group().endswith(">"):
                # HTML reads "<![CDATA[", "<?", "<!x" and "</ " as a comment to the first
                # ">" (the budget's scan ends them at a "<", to see more tags, not less)
                close = markup.find(">", pos)
                pos = for_text = len(markup) if close < 0 else close + 1
            continue
        if name == "title" and wrote_text:
            # an SVG image's title (its text is no article's; the page's is in its head)
            if not end:
                close = patterns["title"].search(markup, pos)
                pos = for_text = close.start() if close else len(markup)
            continue
        if name in _KEPT_AS_WRITTEN or name in _RAW_TEXT:
            if end and name in ("body", "html"):
                close_article()
            close_block()
            if name in (*_RAW_TEXT, "title") and not end:
                # raw text (the title's is text alone): to its end tag, as it is
                close = patterns[name].search(markup, pos)
                pos = close.start() if close else len(markup)
            parts.append(markup[tag.start():pos])
            for_text = pos
        elif name in BLOCK_TAGS or name in _NAMED_BLOCKS:
            key = _block_key(name)
            if end and not open_blocks.get(key):
                continue  # closes nothing: a parser ignores it
            open_blocks[key] = open_blocks.get(key, 0) + (-1 if end else 1)
            close_block()
            if key == "article" and open_blocks[key] == (0 if end else 1):
                parts.append("</article>" if end else "<article>")  # the outermost
            next_block = name if name in _NAMED_BLOCKS and not end else "p"
    text_until(len(markup))
    close_article()
    return "".join(parts)


def _block_key(name: str) -> str:
    """What a block element's tags are counted as: any heading's end tag closes a heading, and
    an article's or a main element's closes either."""
    if name in _HEADINGS:
        return "h"
    return "article" if name in ("article", "main") else name


# ---- frames -------------------------------------------------------------------------------------
# libxml2 keeps what an <iframe> or a <noframes> holds as text, as HTML5 does: an iframe's
# content is never shown (a browser shows the page it frames), and a noframes element's is the
# page a browser without frames shows, markup to be read as markup.
FRAMING = frozenset({"iframe", "frameset", "frame", "noframes"})
# a title shows in the browser's tab, a text area's content in a form field: not the page
_NOT_SHOWN = ("head", "script", "style", "template", "title", "textarea")


def unframed(tree: etree._Element) -> etree._Element:
    """The document a parsed page belongs to, its noframes fallbacks parsed as the HTML they
    are and its iframes' content (never shown) left out. A page that is one such element had
    been read as that element alone: its raw markup as the article, or no text at all."""
    import lxml.html

    root = tree.getroottree().getroot() if tree.tag in FRAMING else tree
    for fallback in list(root.iter("noframes")):
        parent = fallback.getparent()
        if parent is None:
            continue
        try:
            page = lxml.html.fragment_fromstring(fallback.text or "", create_parent="div")
        except (etree.ParserError, ValueError):
            page = lxml.html.Element("div")  # nothing a parser makes sense of: no text
        if (title := _head_title(fallback.text or "")) is not None:
            page.insert(0, title)  # a fragment's parser leaves out a whole page's <head>
        page.tail = fallback.tail
        parent.replace(fallback, page)
    for frame in list(root.iter("iframe")):
        frame.text = None
        del frame[:]
    return root


def _head_title(markup: str) -> etree._Element | None:
    """The <title> in the <head> of a page's markup; None when it has none."""
    import lxml.html

    if "<title" not in markup.lower():
        return None
    try:
        return lxml.html.document_fromstring(markup).find("head/title")
    except (etree.ParserError, ValueError):
        return None


_RAW_TEXT_ELEMENTS = ("title", "textarea")
# Raw text a browser's parser too runs to the end of the page when it is never closed. It is
# closed only where nothing else of the page would survive (``closed_script``).
_SCRIPT_ELEMENTS = ("script", "style")
_TAG_START = re.compile("<[a-z/]")


def closed_raw_text(markup: str) -> str:
    """The page with a <title> or <textarea> that is never closed closed where its first tag
    begins. Their content is text up to their closing tag: without one a browser's parser
    takes the rest of the page as the title (a blank page), and so did detente's, so that a
    page whose head's title lacked its "</title>" had no article text, and one whose body had
    an unclosed title was stored with the rest of the page, markup and all, as its title. A
    closing tag that never comes is a fault of the page, not its intent; the article is read."""
    return _closed(markup, _RAW_TEXT_ELEMENTS)[0]


def closed_script(markup: str) -> tuple[str, list[str]]:
    """The page with a <script> or <style> that is never closed closed where the first tag
    after it begins, and the names of those closed (none: the page as it was). A browser
    reads the rest of the page as the script, and shows none of it: for a page where nothing
    else survives, whose article would be lost, as a last reading (its caller notes it)."""
    return _closed(markup, _SCRIPT_ELEMENTS)


def _closed(markup: str, names: tuple[str, ...]) -> tuple[str, list[str]]:
    lower = markup.lower()
    inserts: list[tuple[int, str]] = []
    for name in names:
        if f"<{name}" not in lower:
            continue
        # only an opening after the last closing tag is unclosed; the first such one is what
        # the parser meets (any later one is its text)
        after = lower.rfind(f"</{name}")
        found = re.compile(f"<{name}(?![a-z0-9-])[^>]*>").search(lower, max(after, 0))
        if found is None:
            continue
        # (a script's "if (x < 2)" or "<!--" is no tag: its end is a "<" that opens one)
        end = (lower.find("<", found.end()) if name in _RAW_TEXT_ELEMENTS
               else next((tag.start() for tag in _TAG_START.finditer(lower, found.end())), -1))
        inserts.append((len(markup) if end < 0 else end, name))
    for position, name in sorted(inserts, reverse=True):
        markup = markup[:position] + f"</{name}>" + markup[position:]
    return markup, [name for _, name in sorted(inserts)]


def shown_text_only(root: etree._Element) -> etree._Element:
    """The page without the text of a <title> outside its head or of a <textarea>, which a
    browser shows in its tab or a form field, never as the page: their content is text, not
    markup, and had been read as the article ("<p>Chile ..." and all) when nothing else was.
    The first such title (a <noframes> fallback's own, once parsed) is the page's title when
    its head has none."""
    import lxml.html

    head = root.find("head")
    outside = [title for title in root.iter("title")
               if not any(above.tag == "head" for above in title.iterancestors())]
    if outside and (head is None or head.find(".//title") is None):
        if head is None:
            head = lxml.html.Element("head")
            root.insert(0, head)
        kept = lxml.html.Element("title")
        kept.text = outside[0].text
        head.append(kept)
    for element in [*outside, *root.iter("textarea")]:
        if element.getparent() is not None:
            element.drop_tree()
    return root


def _refresh_address(content: str) -> str | None:
    """The address of a refresh's content: after the delay ("0; url=https://...", "2,URL='page
    .html'"); None when it names none (a page that only reloads itself)."""
    _, separator, rest = content.partition(";")
    if not separator:
        _, separator, rest = content.partition(",")
    rest = rest.strip()
    if rest[:3].lower() == "url" and rest[3:].lstrip().startswith("="):
        rest = rest[3:].lstrip()[1:]
    return rest.strip().strip("'\"").strip() or None


def pages_elsewhere(markup: str) -> tuple[list[str], str | None]:
    """Where a page that shows nothing of its own (no text outside frames) sends a reader:
    the pages it frames (its frames' and iframes' src, in order, once each), and the address
    its <meta http-equiv="refresh"> goes to; ([], None) for any other page."""
    import lxml.html

    try:
        root = lxml.html.fromstring(markup).getroottree().getroot()
    except (etree.ParserError, ValueError):
        return [], None
    sources = [source for frame in root.iter("frame", "iframe")
               if (source := (frame.get("src") or "").strip())]
    refresh = next((address for meta in root.iter("meta")
                    if (meta.get("http-equiv") or "").strip().lower() == "refresh"
                    and (address := _refresh_address(meta.get("content") or ""))), None)
    for element in list(root.iter(*FRAMING, *_NOT_SHOWN)):
        if element.getparent() is not None:
            element.drop_tree()
    if root.text_content().strip():
        return [], None
    return list(dict.fromkeys(sources)), refresh or None
