"""The summary table as MediaWiki rendered it, read from its HTML: each cell's bullets as shown.

A small tree builder on `html.parser` (MediaWiki's output is well formed), then the table's
rows: every item bullet's text (`<br>` as a line break, character references decoded) and
the marks after it (`<small>` author, votes, follow-up). Any other element inside an item's
text, but a link whose text is what was typed (a bare URL MediaWiki links), fails the test:
it would mean typed text had turned into markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "area", "col", "embed"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list = field(default_factory=list)  # Node or str

    def find_all(self, tag: str, *, direct: bool = False):
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag:
                    yield child
                if not direct:
                    yield from child.find_all(tag)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else ("\n" if c.tag == "br" else c.text()) for c in self.children)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


@dataclass(frozen=True)
class Shown:
    """One bullet as the rendered page shows it."""

    text: str
    author: str | None = None
    votes: str | None = None
    followup: str | None = None
    members: tuple[Shown, ...] = ()  # a cluster's items (its text is then "Cluster of n items")


def _bullet(li: Node) -> Shown:
    if any("cluster" in span.classes for span in li.find_all("span", direct=True)):
        head = next(span for span in li.find_all("span", direct=True) if "cluster" in span.classes)
        marks = _marks(li)
        members = tuple(_bullet(member) for ul in li.find_all("ul", direct=True)
                        for member in ul.find_all("li", direct=True))
        return Shown(head.text(), votes=marks.get("votes"), members=members)
    text, marks = [], _marks(li)
    for child in li.children:
        if isinstance(child, str):
            text.append(child)
        elif child.tag == "br":
            text.append("\n")
        elif child.tag == "small":
            break
        elif child.tag == "a" and "external" in child.classes and child.text() == child.attrs.get("href"):
            text.append(child.text())  # a bare URL, linked by MediaWiki: shows as typed
        else:
            raise AssertionError(f"typed text became markup: <{child.tag} {child.attrs}> {child.text()[:80]!r}")
    shown = "".join(text)
    # MediaWiki has trimmed the raw spaces around the bullet (typed ones are references, kept);
    # the exporter puts one space before the marks.
    shown = shown.removesuffix(" ") if marks else shown
    return Shown(shown, marks.get("author"), marks.get("votes"), marks.get("followup"))


def _marks(li: Node) -> dict[str, str]:
    marks = {}
    for small in li.find_all("small", direct=True):
        kind = next(iter(small.classes), "author")
        shown = small.text()
        assert shown.startswith("(") and shown.endswith(")"), shown
        marks[kind] = shown[1:-1]
    return marks


def summary_cells(html: str) -> tuple[list[str], list[tuple[str, list[list[Shown]]]]]:
    """The summary table's header texts, and per row its step cell's text and each item cell's bullets."""
    tables = [t for t in parse_html(html).find_all("table") if "wikitable" in t.classes]
    assert len(tables) == 1, f"{len(tables)} tables"
    rows = list(tables[0].find_all("tr"))
    header = [th.text().strip() for th in rows[0].find_all("th", direct=True)]
    body = []
    for row in rows[1:]:
        cells = list(row.find_all("td", direct=True))
        assert len(cells) == 4
        bullets = [[_bullet(li) for ul in cell.find_all("ul", direct=True) for li in ul.find_all("li", direct=True)]
                   for cell in cells[1:]]
        body.append((cells[0].text().strip(), bullets))
    return header, body
