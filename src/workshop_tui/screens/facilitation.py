"""Facilitating a step: the timer, phases, clusters, dots and follow-ups, as the facilitator asks.

`Facilitation` holds the step screen's working area (step list, board, entry line), so the
columns' requests (merge, split, dots, follow-ups) and the speaker's changes reach it on their
way up; the screen's keys (F5 to F9) ask it too. It is handed the session's store and the
clock, and is told by the screen the step shown and the session (`info`). It owns what
facilitating is about, and hands it down to the board and the entry line: every step's phase
and timer (`state`, the shown step's), the shown step's dots (`votes`) and who is speaking
(the voter). Every change goes through the store first; items and settings the store
returned go up in a message (`ItemsSaved`, `InfoSaved`, `ParticipantAdded`) to the screen,
which keeps the session's items. Its decisions (the timer follows the facilitator, what each
phase allows, the voter) are in DEVELOPING.md, "Facilitating".
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive

from workshop_tui.i18n import N_, _, ngettext
from workshop_tui import timebox
from workshop_tui.content import Step
from workshop_tui.model import Clock, Item, SessionInfo, StepState, Vote, step_dots
from workshop_tui.screens.followup_dialog import ask_followup
from workshop_tui.screens.session_settings import ask_step_dots, ask_votes_per_participant, planned_dots_note
from workshop_tui.screens.text_prompt import TextPrompt
from workshop_tui.session_store import SessionStore
from workshop_tui.widgets.entry import EntryBar
from workshop_tui.widgets.group_column import GroupColumn
from workshop_tui.widgets.participant_picker import ParticipantPicker
from workshop_tui.widgets.phase_bar import PhaseBar
from workshop_tui.widgets.step_board import StepBoard
from workshop_tui.widgets.timebox import TimeboxClock
from workshop_tui.workers import store_work


class Facilitation(Horizontal):
    """The step's working area, and what facilitating does to the step shown."""

    step: reactive[int] = reactive(1, init=False)
    """The step shown (the screen's)."""
    info: reactive[SessionInfo | None] = reactive(None, init=False)
    """The session (the screen's)."""
    state: reactive[StepState] = reactive(lambda: StepState(step=1), init=False)
    """The shown step's phase and timer, as the store last returned them."""
    votes: reactive[list[Vote]] = reactive(list, init=False)
    """The shown step's dots."""
    speaker: reactive[str] = reactive("", init=False)
    """Who is speaking: the author of new items, and the voter."""

    @dataclass
    class ItemsSaved(Message):
        """Items the store changed (a merge, a split, a dot, a follow-up): show them in `column`
        (redrawn with `select` selected, if given; else only what changed)."""

        column: GroupColumn
        items: list[Item]
        select: str | None = None

    @dataclass
    class Revealed(Message):
        """A step's private items were revealed: read the step again."""

        step: int

    @dataclass
    class InfoSaved(Message):
        """The session's settings changed (the dots each participant has)."""

        info: SessionInfo

    @dataclass
    class ParticipantAdded(Message):
        """`name` was added: the session's `participants` now (None: nothing was added)."""

        name: str
        participants: tuple[str, ...] | None

    def __init__(self, session: SessionStore, *, clock: Clock, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.clock = clock
        self.states: dict[int, StepState] = {}
        """Every step's phase and timer, as last read or saved."""

    # -- what it hands down ----------------------------------------------------------------

    def show_states(self, *states: StepState) -> None:
        """Steps' phases and timers as the store returned them (the shown step's is drawn)."""
        for state in states:
            self.states[state.step] = state
        self.state = self.states.get(self.step) or StepState(step=self.step)

    def watch_step(self) -> None:
        self.votes = []  # read again for the new step
        self.show_states()

    def watch_state(self, old: StepState, state: StepState) -> None:
        self.query_one(StepBoard).state = state
        self.query_one(EntryBar).accepting = timebox.takes_new_items(state.phase)
        self.refresh_bindings()
        self._show_votes()  # a step's own dots

    def watch_votes(self) -> None:
        self._show_votes()

    def watch_speaker(self) -> None:
        self._show_votes()

    def watch_info(self) -> None:
        self._show_votes()

    def _show_votes(self) -> None:
        if self.info is not None:
            self.query_one(PhaseBar).show_votes(self.speaker, self.votes, step_dots(self.info, self.state))

    @on(ParticipantPicker.SpeakerChanged)
    def _speaker_changed(self, event: ParticipantPicker.SpeakerChanged) -> None:
        self.speaker = event.name

    # -- the timer -----------------------------------------------------------------------

    @store_work(N_("Not changed"))
    async def toggle_timer(self) -> None:
        """Start the step's timer, or pause it."""
        change = self.session.pause_timer if self.state.running_since else self.session.start_timer
        self.show_states(await change(self.step, self.clock()))

    @store_work(N_("Not changed"))
    async def extend_timer(self, minutes: int) -> None:
        """Add minutes to the step's timebox."""
        self.show_states(await self.session.extend_timer(self.step, minutes * 60))
        self.notify(ngettext("Step {step}: {count} more minute in the timebox.",
                             "Step {step}: {count} more minutes in the timebox.", minutes).format(
            step=self.step, count=minutes))

    @store_work(N_("Timer not moved"))
    async def carry_timer(self, entering: int) -> None:
        """A running timer follows the facilitator: the store pauses it and starts the step entered."""
        self.show_states(*await self.session.carry_timer(entering, self.clock()))

    async def pause_timer(self) -> None:
        """Leaving the session (or quitting): stop counting time on a step nobody is on."""
        if self.state.running_since:
            self.show_states(await self.session.pause_timer(self.step, self.clock()))

    def on_timebox_clock_time_up(self, event: TimeboxClock.TimeUp) -> None:
        """The countdown reached zero: ring, say so; never touch focus or the text typed."""
        if event.step != self.step:
            return
        self.app.bell()
        self.notify(_("Time is up for step {step}. F6 adds a minute, F7 five; Ctrl+N moves on.").format(step=event.step),
                    title=_("Timebox"), severity="warning")

    # -- phases --------------------------------------------------------------------------

    @property
    def template_step(self) -> Step | None:
        template = self.screen.template
        return template.step(self.step) if self.step <= template.step_count else None

    def change_phase(self, offset: int) -> None:
        current = self.state.phase
        step = self.template_step
        phase = timebox.next_phase(current, offset, step.phases if step else timebox.PHASES)
        if phase == current:
            edge = _("{phase} is the last phase.") if offset > 0 else _("{phase} is the first phase.")
            self.notify(edge.format(phase=timebox.phase_label(current)))
            return
        self.set_phase(phase)

    @store_work(N_("Not changed"))
    async def set_phase(self, phase: str) -> None:
        # The phase bar says what the new phase is for; no note on top of it.
        step = self.template_step
        if phase == "vote" and step is not None and step.dots is not None and self.state.dots is None:
            # The template's dots for this step's vote, this step's alone, saved before the vote opens.
            self.show_states(await self.session.set_step_dots(self.step, step.dots))
            self.notify(planned_dots_note(step.dots))
        self.show_states(await self.session.set_phase(self.step, phase))
        board = self.query_one(StepBoard)
        if phase == "vote" and self.query_one(EntryBar).input.has_focus:
            board.columns[board.column].focus()  # dots go on items: select them straight away

    # -- clusters ------------------------------------------------------------------------

    def on_group_column_merge_requested(self, event: GroupColumn.MergeRequested) -> None:
        self.merge_items(event.column, event.item_ids)

    @store_work(N_("Not merged"))
    async def merge_items(self, column: GroupColumn, item_ids: tuple[str, ...]) -> None:
        members = await self.session.cluster(item_ids)
        column.marked.clear()
        self.post_message(self.ItemsSaved(column, members, select=members[0].id))
        self.notify(_("Merged into one cluster of {count} items (Ctrl+X splits it again).").format(count=len(members)))

    def on_group_column_split_requested(self, event: GroupColumn.SplitRequested) -> None:
        self.split_cluster(event.column, event.item)

    @store_work(N_("Not split"))
    async def split_cluster(self, column: GroupColumn, item: Item) -> None:
        members = await self.session.split(item)
        self.post_message(self.ItemsSaved(column, members, select=members[0].id))
        self.notify(_("Split the cluster back into {count} items (Space marks them, Ctrl+K merges again).").format(
            count=len(members)))

    # -- dot votes -----------------------------------------------------------------------

    def on_group_column_vote_requested(self, event: GroupColumn.VoteRequested) -> None:
        voter = self.speaker
        if not voter:
            self.notify(_("Choose who is voting first: Ctrl+O picks the speaker, whose dots these are."),
                        title=_("Whose vote?"), severity="warning")
            return
        target = event.group[0]
        if event.withdraw:
            ids = {item.id for item in event.group}
            mine = [vote for vote in self.votes if vote.participant == voter and vote.item_id in ids]
            if not mine:
                self.notify(_("{name} has no dot on this item to take back.").format(name=voter), severity="warning",
                            markup=False)
                return
            target = next(item for item in event.group if item.id == mine[-1].item_id)
        (self.withdraw if event.withdraw else self.vote)(event.column, target, voter)

    @store_work(N_("No vote cast"))
    async def vote(self, column: GroupColumn, item: Item, voter: str) -> None:
        """Place one of the speaker's dots on a row (a cluster's first item)."""
        await self._voted(column, await self.session.cast_vote(item, voter))

    @store_work(N_("Dot not taken back"))
    async def withdraw(self, column: GroupColumn, item: Item, voter: str) -> None:
        await self._voted(column, await self.session.withdraw_vote(item, voter))

    async def _voted(self, column: GroupColumn, item: Item) -> None:
        votes = await self.session.votes(item.step)
        self.post_message(self.ItemsSaved(column, [item]))
        if item.step == self.step:
            self.votes = votes

    # -- follow-ups, participants and settings --------------------------------------------

    def on_group_column_followup_requested(self, event: GroupColumn.FollowupRequested) -> None:
        column = event.column
        participants = self.info.participants if self.info else ()
        ask_followup(self, self.session, event.item, participants, default_owner=self.speaker,
                     on_saved=lambda item: self.post_message(self.ItemsSaved(column, [item])))

    @on(ParticipantPicker.AddRequested)
    def add_participant(self) -> None:
        """Ask for a name, and add them to the session's participants (the speakers)."""

        def added(name: str | None) -> None:
            if name:
                self.save_participant(name)
            else:
                self.post_message(self.ParticipantAdded("", None))

        self.app.push_screen(TextPrompt(_("Add a participant"), placeholder=_("their name"), confirm=_("Add")), added)

    @store_work(N_("Participant not added"))
    async def save_participant(self, name: str) -> None:
        self.post_message(self.ParticipantAdded(name, await self.session.add_participant(name)))

    @store_work(N_("Not revealed"))
    async def reveal(self, anonymous: bool | None = None) -> None:
        """Show every item written privately in this step at once (credited, or anonymous)."""
        step = self.step
        hidden = sum((await self.session.step_view(step)).hidden_counts.values())
        if not hidden and self.state.phase != "private":
            self.notify(_("Nothing to reveal: this step holds no private items."))
            return
        revealed = await self.session.reveal_step(step, anonymous=anonymous)
        self.show_states(*await self.session.step_states())  # the step moved on to brainstorm
        if anonymous if anonymous is not None else self.state.anonymous:
            text = ngettext("Revealed {count} item of step {step}, anonymously.",
                            "Revealed {count} items of step {step}, anonymously.", revealed)
        else:
            text = ngettext("Revealed {count} item of step {step}, credited.",
                            "Revealed {count} items of step {step}, credited.", revealed)
        self.notify(text.format(count=revealed, step=step))
        self.post_message(self.Revealed(step))

    @store_work(N_("Not changed"))
    async def set_anonymous(self, anonymous: bool) -> None:
        self.show_states(await self.session.set_step_anonymous(self.step, anonymous))
        text = _("Step {step} will be revealed anonymously (authors dropped).") if anonymous else \
            _("Step {step} will be revealed credited.")
        self.notify(text.format(step=self.step))

    def set_votes_per_participant(self) -> None:
        if self.state.dots is not None:  # the shown step's own dots (a template's), else the session's
            ask_step_dots(self, self.session, self.state, self.show_states)
        elif self.info is not None:
            ask_votes_per_participant(self, self.session, self.info,
                                      lambda info: self.post_message(self.InfoSaved(info)))
