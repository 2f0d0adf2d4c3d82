"""One step of a session: its brief, three columns of items, and the line where items are typed.

Composed of widgets that own their state: the `EntryBar` (the text typed, the column it goes
to, the speaker), the `StepBoard` (title, timer and phase, brief, columns), the `StepList`, and
the `Facilitation` area around them, which owns the steps' phases and timers and the dots.
The screen holds only what they share, as reactives handed down: the step shown, the column
typed into, presenter mode and the session (`info`); and it keeps the session's items as the
store last returned them. Every change goes through the store first (`ItemsScreen` for
typing, editing, deleting, moving and undoing); the screen redraws from what the store
returned, and re-reads live (`refresh_view`).

Keys: Enter saves the text to the active column as the current speaker; Tab picks the next
column; Escape moves from typing to the column's items (edit, delete with undo, move) and back.
"""

from __future__ import annotations

from contextlib import suppress
from functools import partialmethod

from textual import on
from textual.app import ComposeResult
from textual.binding import ActiveBinding
from textual.containers import Vertical
from textual.reactive import reactive

from workshop_tui.i18n import N_, _
from workshop_tui.model import SessionInfo
from workshop_tui.store.errors import StoreError
from workshop_tui.screens import step_exits
from workshop_tui.screens.facilitation import Facilitation
from workshop_tui.screens.items_screen import ItemsScreen
from workshop_tui.screens.step_keys import (PRESENTER_FOOTER, STEP_BINDINGS, facilitate, footer_optional, step_commands,
                                            step_help)
from workshop_tui.widgets.entry import EntryBar
from workshop_tui.widgets.footer import AppFooter, fit_footer
from workshop_tui.widgets.group_column import GroupColumn
from workshop_tui.widgets.item_input import ItemInput
from workshop_tui.widgets.participant_picker import ParticipantPicker
from workshop_tui.widgets.progress_header import ProgressHeader
from workshop_tui.widgets.step_board import StepBoard
from workshop_tui.widgets.step_list import StepList
from workshop_tui.workers import store_work

VOTE_PLACEHOLDER = N_("Voting: items wait · F8 next phase")  # whole in the input at 80 columns
VOTING_NOTE = N_("Voting is on: new items wait (your text stays here). F8 or F9 changes the phase.")


class StepScreen(ItemsScreen[None]):
    """A session, one step at a time."""

    CSS_PATH = ["step_board.tcss", "step.tcss"]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]
    REREAD_OWN_LATER = True
    UNDO_HINT = N_("Ctrl+Z undoes it.")

    BINDINGS = STEP_BINDINGS

    presenting: reactive[bool] = reactive(False, init=False)
    """Presenter mode: the board alone, large, for the shared screen."""

    def compose(self) -> ComposeResult:
        yield ProgressHeader(self.info.title)
        with Facilitation(self.session, clock=self.clock, id="step-body").data_bind(StepScreen.step, StepScreen.info):
            yield StepList(self.template, id="steps")
            with Vertical(id="step-main"):
                yield StepBoard(self.template, clock=self.clock, id="board").data_bind(
                    StepScreen.step, StepScreen.presenting, StepScreen.column)
                labels = {column.key: column.label for column in self.template.columns}
                yield EntryBar(labels, participants=self.info.participants, facilitator=self.info.facilitator,
                               speaker=self.info.speaker, waiting_placeholder=VOTE_PLACEHOLDER,
                               refused_note=VOTING_NOTE, id="entry").data_bind(StepScreen.step)
        yield AppFooter()

    def on_mount(self) -> None:
        # Reopening comes back to the step, the column and the speaker where they were left.
        if self.info.current_column in self.template.column_keys:
            self.set_active(self.template.column_keys.index(self.info.current_column))
        self.watch_step()
        self.entry.focus()
        self.facilitation.speaker = self.speaker
        if self.entry_bar.start_speaker(self.info.speaker, self.info.facilitator, self.info.participants):
            self.save_resume_point(speaker=self.info.facilitator)
        self.load()

    @property
    def board(self) -> StepBoard:
        return self.query_one(StepBoard)

    @property
    def facilitation(self) -> Facilitation:
        return self.query_one(Facilitation)

    @property
    def active_column(self) -> GroupColumn:
        return self.board.columns[self.column]

    # -- what the parts share ------------------------------------------------------------

    def watch_step(self) -> None:
        self.query_one(ProgressHeader).set_step(self.step, self.info.step_count)
        self.items_changed()

    def items_changed(self) -> None:
        self.query_one(StepList).show(self.step, self.items.counts())

    # -- loading and live ----------------------------------------------------------------

    @store_work(N_("Cannot load the session"), group="load", exclusive=True)
    async def load(self) -> None:
        data = await self.session.data()
        self.info = data.info
        self.items.set(data.items)
        in_step = {item.id for item in data.items if item.step == self.step}
        self.facilitation.show_states(*data.step_states)
        await self.board.show_items(self.items.of(self.step))
        self.items_changed()
        self.facilitation.votes = [vote for vote in data.votes if vote.item_id in in_step]
        self.loaded = True
        if data.hidden_counts.get(self.step):
            self.reread()  # who wrote how many privately: the step's own read has it

    async def refresh_view(self) -> None:
        """Re-read the step shown and redraw only what changed; focus and typing are untouched."""
        step = self.step
        live = await self.session.live_step(step)
        if step != self.step or not self.is_attached:
            return  # another step is shown now
        self.items.replace_step(step, live.view.items)
        self.facilitation.show_states(live.view.state)
        self.board.show_hidden(live.view.hidden_counts)
        await self.board.sync(live.view.items)
        self.info = live.view.info
        self.facilitation.votes = live.votes
        self.query_one(StepList).show(self.step, live.view.counts)

    def watch_info(self, old: SessionInfo, info: SessionInfo) -> None:
        if info.title != old.title:
            self.query_one(ProgressHeader).set_title(info.title)
        if info.participants != old.participants:
            self.entry_bar.set_participants(info.participants)

    # -- what facilitating and editing saved -------------------------------------------------

    async def on_facilitation_items_saved(self, event: Facilitation.ItemsSaved) -> None:
        self.items.remember(*event.items)
        if event.items and event.items[0].step == self.step:
            items = self.items.of(self.step, event.column.key)
            await (event.column.show_items(items, select=event.select) if event.select else event.column.sync(items))
        self.refresh_bindings()

    def on_facilitation_info_saved(self, event: Facilitation.InfoSaved) -> None:
        self.info = event.info

    def on_facilitation_revealed(self, event: Facilitation.Revealed) -> None:
        self.load()  # every item of the step, the revealed ones at the end of their columns

    # -- moving between steps ----------------------------------------------------------------

    def go_to_step(self, number: int) -> None:
        if not self.may_go_to(number):
            return
        self.step = number
        if not self.presenting:
            self.entry.focus()  # a new step starts with typing
        self.redraw_items()
        self.facilitation.carry_timer(number)
        self.save_current_step(number)

    @store_work(N_("Cannot read the step"), group="redraw", exclusive=True)
    async def redraw_items(self) -> None:
        step = self.step
        self.board.show_hidden({})
        await self.board.show_items(self.items.of(step))
        votes = await self.session.votes(step)
        if step == self.step:
            self.facilitation.votes = votes
            self.reread()  # and who wrote how many privately, if the step is written so

    @store_work(N_("Step not remembered"))
    async def save_current_step(self, number: int) -> None:
        """Remember the step (and the column), so reopening the session comes back exactly here."""
        self.info = await self.session.set_resume_point(step=number, column=self.template.column_keys[self.column])

    @store_work(N_("Not remembered for reopening"))
    async def save_resume_point(self, *, speaker: str | None = None, column: bool = False) -> None:
        """Remember the speaker (or the column typed into) for reopening."""
        self.info = await self.session.set_resume_point(speaker=speaker,
                                                        column=self.template.column_keys[self.column] if column else None)

    def action_next_step(self) -> None:
        if self.step >= self.info.step_count:
            self.notify(_("This is the last step: Ctrl+S shows the summary and exports."))
            return
        self.go_to_step(self.step + 1)

    def action_previous_step(self) -> None:
        if self.step > 1:
            self.go_to_step(self.step - 1)

    def action_choose_step(self) -> None:
        self.query_one(StepList).choose()

    @on(StepList.StepChosen)
    def _step_chosen(self, event: StepList.StepChosen) -> None:
        self.go_to_step(event.number)
        self.entry.focus()

    # -- focus and speaker --------------------------------------------------------------

    def action_focus_input(self) -> None:
        if self.presenting:
            self.action_toggle_presenter()  # Escape leaves presenter mode, back to typing
            return
        self.entry.focus()

    def typing_input(self) -> ItemInput | None:
        return None if self.presenting else super().typing_input()

    def action_choose_speaker(self) -> None:
        self.entry_bar.choose_speaker()

    @on(ParticipantPicker.SpeakerChanged)
    def _speaker_changed(self, event: ParticipantPicker.SpeakerChanged) -> None:
        self.session.by = event.name or None  # the history names who is at the keyboard
        focused = self.focused
        if focused is not None and event.picker in focused.ancestors_with_self:
            # Chosen in the menu (whose own focus call is queued already): back to typing after it.
            self.entry.focus()
        if event.name != self.info.speaker:
            self.save_resume_point(speaker=event.name)

    def action_add_participant(self) -> None:
        self.facilitation.add_participant()

    def on_facilitation_participant_added(self, event: Facilitation.ParticipantAdded) -> None:
        if event.participants is not None:
            typed = " ".join(event.name.split())
            speaker = typed if typed in event.participants else None
            self.entry_bar.set_participants(event.participants, speaker=speaker)
        self.entry.focus()

    # -- facilitating (the work is the `Facilitation` area's) ----------------------------

    action_toggle_timer = facilitate("toggle_timer")
    action_extend_timer = facilitate("extend_timer")  # (minutes)
    action_next_phase = facilitate("change_phase", 1)
    action_previous_phase = facilitate("change_phase", -1)
    action_set_votes = facilitate("set_votes_per_participant")
    action_reveal = facilitate("reveal")  # (anonymous: None = as the step is set)

    def action_toggle_presenter(self) -> None:
        """The shared screen's view: no notes, no controls; the prompt, the timer, the columns."""
        self.presenting = not self.presenting
        self.set_class(self.presenting, "-presenter")
        (self.active_column if self.presenting else self.entry).focus()  # presenting, arrows walk the items
        if self.presenting:  # the room sees each column from its first item, whole
            for column in self.board.columns:
                self.call_after_refresh(column.show_from_top)
        self.refresh_bindings()

    # -- leaving (the work is `step_exits`') ---------------------------------------------

    action_agenda = partialmethod(step_exits.open_view, "agenda")
    action_followups = partialmethod(step_exits.open_view, "followups")
    action_summary = partialmethod(step_exits.open_view, "summary")
    action_close_session = step_exits.close_session
    leave_session = step_exits.leave_session

    async def before_quit(self) -> None:
        """Before leaving or quitting: stop counting time on a step nobody is on, and remember the
        column typed into (only where to come back to: never a reason not to leave)."""
        await self.facilitation.pause_timer()
        keys = self.template.column_keys
        if keys[self.column] != (self.info.current_column or keys[0]):
            with suppress(StoreError):
                self.info = await self.session.set_resume_point(column=keys[self.column])

    # -- keys, palette, help, footer -------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.presenting and action in ("choose_step", "choose_speaker", "toggle_brief", "select_items"):
            return False
        if action in ("next_step", "previous_step", "choose_step"):
            return not self.editing  # an open edit is finished (Enter) or dropped (Escape) first
        return super().check_action(action, parameters)

    palette_commands = step_commands
    help_sections = step_help

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """What the footer shows (keys work regardless): as many as fit; few when presenting."""
        only = PRESENTER_FOOTER if self.presenting else None
        optional = footer_optional(self.facilitation.state.phase, typing=self.focused is self.entry)
        return fit_footer(super().active_bindings, self.size.width, optional, self.app.get_key_display, only)

    def on_resize(self) -> None:
        self.refresh_bindings()
