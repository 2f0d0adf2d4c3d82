"""Where items are typed: the column they go to, the input line, and who is speaking.

`EntryBar` owns what a new item needs besides its step: the text being typed (an `ItemInput`,
which keeps keys typed during a save in order), the column it goes to (`column`, set by the
screen, which shares it with the board), who is speaking (a `ParticipantPicker` on the
facilitator's screen; a fixed name on a participant's) and the id the item will be stored
under, made once per typed item so a repeated Enter stores it once. On Enter it posts
`AddRequested` with all of that, captured at the moment of the Enter (a Tab or Ctrl+N typed
just after it changes nothing for this item); the screen saves it and calls `saved` or
`save_failed`. While the step does not take new items (`accepting` off: the vote phase) an
Enter is refused, with the note the screen gave, and the text stays.

Crediting one item to someone else without leaving the input (the facilitator's screen): type
`@` and the start of a name, then Tab: the name is completed (Tab again: the next name that
fits); an item that starts with `@Name ` (a name of the session) is saved as theirs, without the
`@Name `, and the speaker stays who it was.

Tab and Shift+Tab in the input choose the next or previous column here, in the order the keys
were typed (a burst "Tab, text, Enter" saves the text in the column chosen just before it);
`ColumnChosen` tells the screen, which shows the column lit. The screen sets `column` itself
when the column is chosen elsewhere (select mode, a click).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from workshop_tui.i18n import N_, _
from workshop_tui.model import new_id
from workshop_tui.widgets.item_input import ItemInput
from workshop_tui.widgets.participant_picker import ParticipantPicker

TYPE_PLACEHOLDER = N_("Type an item here; Enter adds it")


class EntryBar(Horizontal):
    """`+ Concrete actions │ the input line │ Speaker: Ana`."""

    DEFAULT_CSS = """
    EntryBar {
        height: auto;
        max-height: 7;
        border-top: solid $foreground 20%;
        & > #target {
            width: auto; max-width: 24; height: 1; padding: 0 1 0 0; text-wrap: nowrap; text-overflow: ellipsis;
        }
        & > #entry-input { width: 1fr; }
        & > #speaker { margin-left: 1; }
        & > #you {
            width: auto; max-width: 28; height: 1; padding: 0 0 0 1; text-wrap: nowrap; text-overflow: ellipsis;
        }
    }
    """

    step: reactive[int] = reactive(1)
    """The step shown (the screen's): new items go there."""
    column: reactive[int] = reactive(0)
    """Which of the step's columns new items go to (an index into `keys`, the template's order)."""
    accepting: reactive[bool] = reactive(True)
    """Whether the step takes new items now (not while its group votes)."""

    @dataclass
    class ColumnChosen(Message):
        """Tab or Shift+Tab chose the column new items go to."""

        entry: "EntryBar"
        column: int

    @dataclass
    class AddRequested(Message):
        """Enter was pressed: store `text` as a new item (with this id, so a repeat stores it once)."""

        entry: "EntryBar"
        step: int
        column: str
        text: str
        author: str | None
        item_id: str
        typed: str = ""
        """What the input held (`text` with an `@Name ` before it, or `text` itself)."""

    def __init__(self, labels: dict[str, str], *, author: str | None = None, participants: tuple[str, ...] = (),
                 facilitator: str = "", speaker: str = "", waiting_placeholder: str = TYPE_PLACEHOLDER,
                 refused_note: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.labels = labels
        """Each column's label, by key."""
        self.author = author
        """A participant's own name (fixed); None on the facilitator's screen, where the speaker is chosen."""
        self.participants = participants
        self.facilitator = facilitator
        self.first_speaker = speaker
        self.waiting_placeholder = waiting_placeholder
        self.refused_note = refused_note
        self._pending_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="target")
        entry = ItemInput(placeholder=_(TYPE_PLACEHOLDER), id="entry-input")
        if self.author is None:
            entry.complete = self.complete_name
        yield entry
        if self.author is None:
            yield ParticipantPicker(self.participants, facilitator=self.facilitator, speaker=self.first_speaker,
                                    id="speaker")
        else:
            yield Static(Content.assemble(("as ", "dim"), (self.author, "bold")), id="you")

    @property
    def input(self) -> ItemInput:
        return self.query_one(ItemInput)

    @property
    def speaker(self) -> str:
        """Who new items are by ("" for anonymous)."""
        if self.author is not None:
            return self.author
        return self.query_one(ParticipantPicker).speaker

    @property
    def keys(self) -> tuple[str, ...]:
        """The step's column keys, in order (the labels' keys)."""
        return tuple(self.labels)

    @property
    def column_key(self) -> str:
        return self.keys[self.column % len(self.keys)]

    def watch_column(self) -> None:
        label = self.labels.get(self.column_key, self.column_key)
        self.query_one("#target", Static).update(Content.assemble(("+ ", "bold $accent"), (label, "bold")))

    def watch_accepting(self, accepting: bool) -> None:
        self.input.placeholder = _(TYPE_PLACEHOLDER if accepting else self.waiting_placeholder)

    # -- the column and adding ------------------------------------------------------------

    @on(ItemInput.ColumnSwitch, "#entry-input")
    def _column_switch(self, event: ItemInput.ColumnSwitch) -> None:
        event.stop()
        self.column = (self.column + event.step) % len(self.keys)
        self.post_message(self.ColumnChosen(self, self.column))

    @on(ItemInput.Submitted, "#entry-input")
    def _submitted(self, event: ItemInput.Submitted) -> None:
        event.stop()
        if not self.accepting:
            self.notify(_(self.refused_note), severity="warning")
            self.input.refused()
            return
        self.post_message(self.request(event.text))

    def request(self, text: str) -> AddRequested:
        """What Enter asks for now: `text` as a new item, here, by the speaker (or by the person
        named at its start, `@Name `)."""
        if self._pending_id is None:
            self._pending_id = new_id()  # once per typed item: a repeated Enter stores it once
        author, item_text = self.credited(text)
        return self.AddRequested(self, self.step, self.column_key, item_text, author or None, self._pending_id,
                                 typed=text)

    @property
    def names(self) -> tuple[str, ...]:
        """Whom an item can be credited to with `@Name`: the facilitator and the participants."""
        if self.author is not None:
            return ()
        return self.query_one(ParticipantPicker).names

    def credited(self, text: str) -> tuple[str, str]:
        """(author, text): `@Name rest` with a known name is Name's `rest`; else the speaker's text."""
        if text.startswith("@"):
            for name in sorted(self.names, key=len, reverse=True):  # "Ana Lu" before "Ana"
                head = "@" + name
                if text.startswith(head) and (len(text) == len(head) or text[len(head)].isspace()):
                    rest = text[len(head):].lstrip()
                    if rest.strip():
                        return name, rest
        return self.speaker, text

    def complete_name(self, text: str, cursor: int) -> tuple[str, int] | None:
        """Tab on `@Na` at the start of the text: (the text with the name completed, where the
        cursor goes); Tab again: the next name that fits. None: no name fits (Tab is Tab)."""
        if not text.startswith("@") or cursor < 1:
            return None
        names = self.names
        stem = self._completion_stem
        for name in names:
            head = f"@{name} "
            if stem is not None and text.startswith(head) and cursor == len(head):
                fitting = [other for other in names if other.casefold().startswith(stem.casefold())]
                if len(fitting) < 2 or name not in fitting:
                    return None
                following = fitting[(fitting.index(name) + 1) % len(fitting)]
                return f"@{following} " + text[len(head):], len(following) + 2
        typed = text[1:cursor]
        fitting = [name for name in names if name.casefold().startswith(typed.casefold())]
        if "\n" in typed or not fitting:
            return None
        self._completion_stem = typed
        return f"@{fitting[0]} " + text[cursor:].lstrip(" "), len(fitting[0]) + 2

    _completion_stem: str | None = None

    def set_saving(self, saving: bool) -> None:
        self.input.set_saving(saving)

    def saved(self, text: str) -> None:
        """The store has `text`: it leaves the input (what was typed since stays), and the next
        item gets a new id."""
        self._pending_id = None
        self._completion_stem = None
        self.input.remove_saved(text)

    def save_failed(self) -> None:
        """The store refused: the text stays, to be saved again under the same id."""
        self.input.save_failed()

    def choose_speaker(self, *, first: bool = False) -> None:
        """Open the speaker menu (the facilitator's screen); `first`: with the first name lit."""
        for picker in self.query(ParticipantPicker):
            picker.focus()
            picker.action_show_overlay()
            light = picker.light_first if first else picker.light_current
            light()
            picker.call_after_refresh(light)

    def start_speaker(self, saved: str, facilitator: str, participants: tuple[str, ...]) -> bool:
        """A session whose speaker was never chosen (`saved` is "") starts with its facilitator at
        the keyboard (told by `SpeakerChanged`, which the screen saves); without a facilitator,
        the speaker menu opens. True when the facilitator was already the speaker (save it)."""
        if saved and self.speaker == saved:
            return False
        if facilitator and self.speaker != facilitator:
            self.set_participants(participants, speaker=facilitator)
        elif not facilitator and participants:
            self.call_after_refresh(lambda: self.choose_speaker(first=True))
            self.notify(_("Who is at the keyboard? Pick the speaker: new items are theirs."))
        return bool(facilitator) and self.speaker == facilitator

    def set_participants(self, participants: tuple[str, ...], *, speaker: str | None = None) -> None:
        if self.author is None:
            self.query_one(ParticipantPicker).set_participants(participants, speaker=speaker)
