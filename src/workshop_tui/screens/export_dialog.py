"""The export dialog: pick a format and a file (or the clipboard, or a wiki page: "Publish to
wiki…" opens `publish_dialog`); it only collects the choice.

It proposes `<documents folder>/<slug of the title><extension>`; changing the format changes
the extension. It opens on the format used last (kept app-wide between runs, `preferences`),
so Ctrl+S right away writes the file the facilitator wrote last time; the chosen format is
marked `●` and the others are left blank, readable without colour. It dismisses with an
`ExportRequest`, or None when cancelled; the summary screen does the exporting and asks
before replacing a file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from workshop_tui.i18n import N_, _
from workshop_tui import locations, preferences
from workshop_tui.widgets.footer import AppFooter

FORMAT_LABELS = {"wikitext": N_("Wikitext"), "csv": N_("CSV"), "markdown": N_("Markdown"), "json": N_("JSON")}
FORMAT_PREFERENCE = "export_format"

# The palette's export commands (the step screen's and the summary's): title, help, format.
EXPORT_COMMANDS = (
    (N_("Export…"), N_("Wikitext for the wiki, CSV for spreadsheets, Markdown, JSON; a file or the clipboard"),
     None),
    (N_("Export as wikitext…"), N_("The summary table for a wiki page (MediaWiki), to a .wiki file or the clipboard"),
     "wikitext"),
    (N_("Export as CSV…"), N_("One row per item, for a spreadsheet (Excel, LibreOffice, Google Sheets)"), "csv"),
    (N_("Export as Markdown…"), N_("For GitHub or any Markdown reader"), "markdown"),
    (N_("Export as JSON…"), N_("Everything the session holds; importing it restores the session"), "json"),
)


def last_format() -> str | None:
    """The format exported last (by anyone at this account), if any."""
    fmt = preferences.get(FORMAT_PREFERENCE)
    return fmt if isinstance(fmt, str) else None


class FormatButton(RadioButton):
    """A format's radio button whose mark reads without colour: `●` when chosen, blank when not."""

    def on_mount(self) -> None:
        self._mark()

    def watch_value(self) -> None:
        super().watch_value()
        self._mark()

    def _mark(self) -> None:
        self.BUTTON_INNER = "●" if self.value else " "
        self.refresh()


@dataclass(frozen=True)
class ExportRequest:
    """What the user chose: a format, and a file to write or the clipboard."""

    fmt: str
    path: Path
    action: Literal["save", "copy", "publish"] = "save"


def slug(title: str) -> str:
    """A file name from a title: `Partnership workshop` -> `partnership-workshop`."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.sub(r"[^A-Za-z0-9]+", "-", ascii_title).strip("-").lower()
    return words[:60].strip("-") or "workshop"


def _shown(path: Path) -> str:
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except ValueError:
        return str(path)


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Format, file, and Save / Copy / Cancel."""

    CSS_PATH = "export_dialog.tcss"
    HELP_TITLE = N_("Export dialog")

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("ctrl+s", "save", N_("Save"), tooltip=N_("Write the file")),
        Binding("ctrl+y", "copy", N_("Copy"), tooltip=N_("Copy the export to the clipboard")),
        Binding("ctrl+o", "publish", N_("Publish to wiki"),
                tooltip=N_("Publish the summary table to a wiki page (shows the changes first)")),
    ]

    def __init__(self, title: str, *, fmt: str | None = None) -> None:
        """`fmt` picks the format; None opens on the one exported last (wikitext the first time)."""
        super().__init__()
        from workshop_tui import export

        self.title_text = title
        self.formats: tuple[str, ...] = tuple(export.FORMATS)
        self.extensions: dict[str, str] = dict(export.EXTENSIONS)
        fmt = fmt or last_format()
        self.fmt = fmt if fmt in self.formats else self.formats[0]

    def proposed(self, fmt: str) -> Path:
        return locations.export_dir() / f"{slug(self.title_text)}{self.extensions[fmt]}"

    def compose(self) -> ComposeResult:
        with Vertical(classes="export-dialog"):
            yield Static(Content.assemble(_("Export "), (self.title_text, "bold")), classes="export-title")
            with Horizontal(classes="export-row"):
                yield Label(_("Format"), classes="export-label")
                with RadioSet(id="formats"):
                    for fmt in self.formats:
                        yield FormatButton(
                            f"{_(FORMAT_LABELS.get(fmt, fmt))} ({self.extensions[fmt]})", value=fmt == self.fmt, name=fmt
                        )
            with Horizontal(classes="export-row"):
                yield Label(_("File"), classes="export-label")
                yield Input(_shown(self.proposed(self.fmt)), id="path", compact=True)
            yield Static(
                _("Arrows pick the format, Enter or Space sets it; Tab moves to the file name.\n"
                "An existing file is never replaced without asking."),
                classes="export-hint",
                markup=False,
            )
            with Horizontal(classes="export-buttons"):
                yield Button(_("Save file"), id="save", variant="primary")
                yield Button(_("Copy to clipboard"), id="copy")
                yield Button(_("Publish to wiki…"), id="publish")
                yield Button(_("Cancel"), id="cancel")
        yield AppFooter()

    def on_mount(self) -> None:
        formats = self.query_one(RadioSet)
        formats.focus()
        # The arrows start from the chosen format (a RadioSet starts them at its first button).
        formats.call_after_refresh(setattr, formats, "_selected", self.formats.index(self.fmt))

    @on(RadioSet.Changed)
    def _format_changed(self, event: RadioSet.Changed) -> None:
        new = event.pressed.name or self.fmt
        path_input = self.query_one("#path", Input)
        old_ext, new_ext = self.extensions[self.fmt], self.extensions[new]
        if path_input.value.endswith(old_ext):
            path_input.value = path_input.value[: -len(old_ext)] + new_ext
        self.fmt = new

    def _path(self) -> Path | None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self.notify(_("Type a file name, or copy to the clipboard instead."), severity="warning")
            return None
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = locations.export_dir() / path
        return path

    def _chosen(self, request: ExportRequest) -> None:
        preferences.remember(FORMAT_PREFERENCE, request.fmt)
        self.dismiss(request)

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        path = self._path()
        if path is not None:
            self._chosen(ExportRequest(self.fmt, path, "save"))

    @on(Button.Pressed, "#copy")
    def action_copy(self) -> None:
        self._chosen(ExportRequest(self.fmt, self.proposed(self.fmt), "copy"))

    @on(Button.Pressed, "#publish")
    def action_publish(self) -> None:
        self.dismiss(ExportRequest("wikitext", self.proposed("wikitext"), "publish"))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
