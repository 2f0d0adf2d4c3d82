"""Who is speaking: a drop-down of the session's participants, "Anonymous", and "Add…".

The speaker becomes the author of the items typed next. Picking "Add a participant…" posts
`AddRequested`; the screen asks for the name, saves it, and calls `set_participants`.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Select

ANONYMOUS = ""
# Names are cleaned of control characters by the store, so this can never be a name.
ADD = "\x00add"


class ParticipantPicker(Select[str]):
    """The current speaker ("" for anonymous)."""

    HELP_TITLE = "Speaker menu (Ctrl+O)"
    HELP_KEYS = (
        Binding("up,down", "", "Choose who is speaking (or anonymous, or add someone)"),
        Binding("enter", "", "Pick"),
        Binding("escape", "", "Close the menu"),
    )

    DEFAULT_CSS = """
    ParticipantPicker {
        width: 28;
        height: 1;
        & > SelectCurrent { padding: 0 1; }
        & > SelectOverlay { width: 32; max-height: 14; }
    }
    """

    @dataclass
    class SpeakerChanged(Message):
        """The speaker changed; `name` is "" for anonymous."""

        picker: "ParticipantPicker"
        name: str

        @property
        def control(self) -> "ParticipantPicker":
            return self.picker

    @dataclass
    class AddRequested(Message):
        """The user wants to add a participant who is not in the list yet."""

        picker: "ParticipantPicker"

        @property
        def control(self) -> "ParticipantPicker":
            return self.picker

    def __init__(self, participants: tuple[str, ...] = (), *, id: str | None = None) -> None:
        self.participants = tuple(participants)
        super().__init__(self._speaker_options(), allow_blank=False, value=ANONYMOUS, compact=True, id=id,
                         tooltip="Who is speaking: the author of the next items")
        self.speaker = ANONYMOUS

    def _speaker_options(self) -> list[tuple[Content, str]]:
        options = [(Content.styled("Speaker: anonymous", "italic"), ANONYMOUS)]
        options += [(Content.assemble(("Speaker: ", "dim"), name), name) for name in self.participants]
        options.append((Content.styled("+ Add a participant…", "italic"), ADD))
        return options

    def set_participants(self, participants: tuple[str, ...], *, speaker: str | None = None) -> None:
        """Show these participants; select `speaker` (or keep the current one)."""
        self.participants = tuple(participants)
        speaker = self.speaker if speaker is None else speaker
        if speaker not in self.participants:
            speaker = ANONYMOUS
        with self.prevent(Select.Changed):
            self.set_options(self._speaker_options())
            self.value = speaker
        self._set_speaker(speaker)

    def _set_speaker(self, name: str) -> None:
        changed = name != self.speaker
        self.speaker = name
        if changed:
            self.post_message(self.SpeakerChanged(self, name))

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.value == ADD:
            with self.prevent(Select.Changed):
                self.value = self.speaker
            self.post_message(self.AddRequested(self))
        elif isinstance(event.value, str):
            self._set_speaker(event.value)
