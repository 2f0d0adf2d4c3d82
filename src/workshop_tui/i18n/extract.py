"""The catalog template from the source: every `_()`, `N_()`, `ngettext()` and `pgettext()`.

`python -m workshop_tui.i18n.extract` rewrites `locale/workshop_tui.pot` from the source and
brings every language's `.po` up to date with it (new strings untranslated, gone ones dropped,
translations kept), as `xgettext` + `msgmerge` would; `tests/test_i18n_catalog.py` fails when
the `.pot` does not match the source or a language leaves a string untranslated.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from workshop_tui.i18n import DOMAIN, LOCALE_DIR, catalog_path, po

PACKAGE_DIR = LOCALE_DIR.parent
MARKERS = {"_": 1, "N_": 1, "ngettext": 2, "pgettext": 2}
HEADER = (
    "Project-Id-Version: workshop-tui\n"
    "Report-Msgid-Bugs-To: \n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
)


class ExtractError(ValueError):
    """A marked call whose text is not a plain string literal (it could not be translated)."""


def _strings(call: ast.Call, count: int, where: str) -> list[str] | None:
    """The literal texts of a marked call; None for `_(name)` (a string marked elsewhere)."""
    args = call.args[:count]
    if any(isinstance(arg, (ast.JoinedStr, ast.BinOp)) for arg in args):
        raise ExtractError(f"{where}: {ast.unparse(call)[:80]}: an f-string or a sum cannot be translated; "
                           "mark the plain text and .format() it after")
    if len(args) < count or not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
        return None
    return [arg.value for arg in args]  # type: ignore[attr-defined]


def extract_source(source: str, name: str) -> list[tuple[po.Entry, int]]:
    entries = []
    for node in ast.walk(ast.parse(source, name)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS):
            continue
        where = f"{name}:{node.lineno}"
        texts = _strings(node, MARKERS[node.func.id], where)
        if texts is None:
            continue
        if node.func.id == "ngettext":
            entries.append((po.Entry(msgid=texts[0], plural=texts[1], plurals=["", ""]), node.lineno))
        elif node.func.id == "pgettext":
            entries.append((po.Entry(msgid=texts[1], context=texts[0]), node.lineno))
        else:
            entries.append((po.Entry(msgid=texts[0]), node.lineno))
    return entries


def extract(package_dir: Path = PACKAGE_DIR) -> list[po.Entry]:
    """Every marked string in the package, once, in order of first appearance (file by file)."""
    found: dict[tuple[str, str], po.Entry] = {}
    for path in sorted(package_dir.rglob("*.py")):
        relative = path.relative_to(package_dir.parent).as_posix()
        pairs = extract_source(path.read_text(encoding="utf-8"), relative)
        for entry, line in sorted(pairs, key=lambda pair: pair[1]):
            key = (entry.context, entry.msgid)
            if key not in found:
                found[key] = entry
                found[key].comments.append(f"#: {relative}")
            elif found[key].plural != entry.plural:
                raise ExtractError(f"{relative}:{line}: {entry.msgid!r} is marked both with and without a plural; "
                                   "use another text for one of them")
            elif f"#: {relative}" not in found[key].comments:
                found[key].comments.append(f"#: {relative}")
    return list(found.values())


def template_text(entries: list[po.Entry]) -> str:
    header = po.Entry(msgid="", msgstr=HEADER, comments=["# The messages of workshop-tui (English is the source)."])
    return po.format_catalog([header, *entries])


def merged(template: list[po.Entry], existing: list[po.Entry]) -> list[po.Entry]:
    """A language's catalog brought up to date with the template: translations kept."""
    old = {(entry.context, entry.msgid): entry for entry in existing}
    out = [old[("", "")]] if ("", "") in old else []
    for entry in template:
        was = old.get((entry.context, entry.msgid))
        fresh = po.Entry(msgid=entry.msgid, plural=entry.plural, context=entry.context,
                         comments=list(entry.comments), plurals=list(entry.plurals))
        if was is not None and (was.plural == entry.plural):
            fresh.msgstr, fresh.plurals, fresh.flags = was.msgstr, list(was.plurals) or fresh.plurals, set(was.flags)
        out.append(fresh)
    return out


def main() -> int:
    entries = extract()
    (LOCALE_DIR / f"{DOMAIN}.pot").write_text(template_text(entries), encoding="utf-8")
    for directory in sorted(LOCALE_DIR.iterdir()):
        path = catalog_path(directory.name)
        if path.is_file():
            catalog = merged(entries, po.parse(path.read_text(encoding="utf-8"), str(path)))
            path.write_text(po.format_catalog(catalog), encoding="utf-8")
            missing = sum(1 for entry in catalog if entry.msgid and not entry.translated)
            print(f"{directory.name}: {len(catalog) - 1} messages, {missing} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
