"""Who is at the keyboard: a drop-down of the facilitator, the participants, "Anonymous", "Add…".

The speaker becomes the author of the items typed next. The facilitator comes first (a session
starts with them at the keyboard until someone else is chosen), anonymous after the
participants: nobody's items are anonymous by accident. Picking "Add a participant…" posts
`AddRequested`; the screen asks for the name, saves it, and calls `set_participants`.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Select
from textual.widgets._select import SelectOverlay
from workshop_tui.i18n import N_, _

ANONYMOUS = ""
# Names are cleaned of control characters by the store, so this can never be a name.
ADD = "\x00add"


class ParticipantPicker(Select[str]):
    """The current speaker ("" for anonymous)."""

    HELP_TITLE = N_("Speaker menu (Ctrl+O)")
    HELP_KEYS = (
        Binding("up,down", "", N_("Choose who is speaking (or anonymous, or add someone)")),
        Binding("enter", "", N_("Pick")),
        Binding("escape", "", N_("Close the menu")),
    )

    DEFAULT_CSS = """
    ParticipantPicker {
        width: auto;
        min-width: 20;
        max-width: 36;
        height: 1;
        & > SelectCurrent { padding: 0 1; }
        & > SelectCurrent Static#label { text-wrap: nowrap; text-overflow: ellipsis; }
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

    def __init__(self, participants: tuple[str, ...] = (), *, facilitator: str = "", speaker: str = ANONYMOUS,
                 id: str | None = None) -> None:
        self.participants = tuple(participants)
        self.facilitator = facilitator
        speaker = speaker if speaker in self.names else ANONYMOUS
        super().__init__(self._speaker_options(), allow_blank=False, value=speaker, compact=True, id=id,
                         tooltip=_("Who is at the keyboard: the author of the next items (Ctrl+O)"))
        self.speaker = speaker

    @property
    def names(self) -> tuple[str, ...]:
        """Everyone who can be the speaker: the facilitator first, then the participants."""
        return tuple(dict.fromkeys([*([self.facilitator] if self.facilitator else []), *self.participants]))

    def _speaker_options(self) -> list[tuple[Content, str]]:
        options = [(Content.assemble((_("Speaker: "), "dim"), name), name) for name in self.names]
        options.append((Content.styled(_("Speaker: anonymous"), "italic"), ANONYMOUS))
        options.append((Content.styled(_("+ Add a participant…"), "italic"), ADD))
        return options

    def light_first(self) -> None:
        """Light the first name in the open menu (asking who is at the keyboard)."""
        self.query_one(SelectOverlay).highlighted = 0

    def light_current(self) -> None:
        """Light the current speaker in the open menu, so that ↓ is always the next one."""
        overlay = self.query_one(SelectOverlay)
        values = [value for _, value in self._options]
        if self.speaker in values and overlay.highlighted is None:
            overlay.highlighted = values.index(self.speaker)

    def set_participants(self, participants: tuple[str, ...], *, speaker: str | None = None) -> None:
        """Show these participants; select `speaker` (or keep the current one)."""
        unchanged = tuple(participants) == self.participants
        self.participants = tuple(participants)
        speaker = self.speaker if speaker is None else speaker
        if speaker not in self.names:
            speaker = ANONYMOUS
        if unchanged and speaker == self.speaker:
            return  # (setting the options again would reset an open menu's highlight)
        overlay = self.query_one(SelectOverlay)
        lit = overlay.highlighted
        lit_value = self._options[lit][1] if lit is not None and lit < len(self._options) else None
        with self.prevent(Select.Changed):
            if not unchanged:
                self.set_options(self._speaker_options())
            self.value = speaker
        if self.expanded and lit_value is not None:
            # The list changed under an open menu (a name was added): keep the same name lit.
            values = [value for _, value in self._options]
            if lit_value in values:
                overlay.highlighted = values.index(lit_value)
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
