"""Facilitating a step: the timer, phases, clusters, dots, follow-ups and presenter mode.

A mixin of `StepScreen` (its keys are in `StepScreen.BINDINGS`). Every change goes through
the store first and the board redraws from what the store returned, as everywhere.

Decisions:
- The timer never starts by itself when a step is entered. Once started (F5) it follows the
  facilitator: moving to another step pauses it and starts that step's timer, so time is
  counted on the step the group is on; leaving the session, or quitting, pauses it.
- At zero a running countdown turns red, the bell rings and a note says so, once; typing and
  focus are untouched. Overtime counts on, negative.
- The phase decides what is allowed: moving items only while brainstorming, merging and
  splitting while clustering, dots (and no new items) while voting; discussing orders the
  columns by votes. Follow-ups can be set in any phase and any step.
- The voter is the current speaker (Ctrl+O); a vote with nobody chosen, or with no dots left,
  is refused with one clear line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from textual import work
from textual.app import SystemCommand
from textual.css.query import NoMatches

from workshop_tui import timebox
from workshop_tui.model import Item, StepState, Vote
from workshop_tui.store.errors import StoreError
from workshop_tui.widgets.group_column import GroupColumn
from workshop_tui.widgets.phase_bar import PhaseBar
from workshop_tui.widgets.timebox import TimeboxClock

if TYPE_CHECKING:
    from workshop_tui.app import WorkshopApp
    from workshop_tui.model import SessionInfo
    from workshop_tui.widgets.item_input import ItemInput
    from workshop_tui.widgets.step_board import StepBoard

# The step screen's facilitation keys (the help screen lists them apart).
FACILITATION_ACTIONS = ("toggle_timer", "extend_timer", "next_phase", "previous_phase", "toggle_presenter",
                        "agenda", "followups")
VOTE_PLACEHOLDER = "Voting: new items wait for the next phase (F8)"
TYPE_PLACEHOLDER = "Type an item here; Enter adds it"


class FacilitationActions:
    """Timer, phases, clusters, dots, follow-ups, presenter mode: the step screen's facilitation."""

    if TYPE_CHECKING:
        info: SessionInfo
        step: int
        items: list[Item]
        states: dict[int, StepState]
        votes: list[Vote]
        presenting: bool
        speaker: str

        @property
        def workshop(self) -> WorkshopApp: ...
        @property
        def board(self) -> StepBoard: ...
        @property
        def entry(self) -> ItemInput: ...
        @property
        def state(self) -> StepState: ...
        @property
        def active_column(self) -> GroupColumn: ...
        def items_for(self, step: int, column: str | None = None) -> list[Item]: ...
        def notify(self, message: str, **kwargs) -> None: ...
        def go_to_step(self, number: int) -> None: ...
        def set_class(self, add: bool, *names: str) -> None: ...
        def query(self, selector): ...
        def refresh_bindings(self) -> None: ...
        def dismiss(self, result=None): ...
        app: WorkshopApp

    # -- drawing the state ---------------------------------------------------------------

    async def show_state(self, *, fresh: bool = False) -> None:
        """Draw the shown step's phase and timer; the entry line follows the phase."""
        state = self.state
        try:
            await self.board.show_state(state, fresh=fresh)
            self.entry.placeholder = VOTE_PLACEHOLDER if state.phase == "vote" else TYPE_PLACEHOLDER
        except NoMatches:
            return  # the screen is being taken down (leaving, quitting) while a store call returned
        self.show_votes()
        self.refresh_bindings()

    def votes_left(self) -> int | None:
        if not self.speaker:
            return None
        used = sum(1 for vote in self.votes if vote.participant == self.speaker)
        return max(0, self.info.votes_per_participant - used)

    def show_votes(self) -> None:
        for bar in self.query(PhaseBar):  # none once the screen is being taken down
            bar.show_votes(self.speaker, self.votes_left(), self.info.votes_per_participant)

    async def reload_votes(self) -> None:
        store = self.workshop.store
        assert store is not None
        step = self.step
        try:
            votes = await self.workshop.call_store(store.list_votes, self.info.id, step)
        except StoreError:
            return  # shown as they were; the next change reloads them
        if step == self.step:
            self.votes = list(votes)
            self.show_votes()

    def _remember_state(self, state: StepState) -> None:
        self.states[state.step] = state

    # -- the timer -----------------------------------------------------------------------

    @work(group="write")
    async def action_toggle_timer(self) -> None:
        """Start the step's timer, or pause it."""
        store = self.workshop.store
        assert store is not None
        change = store.pause_timer if self.state.running_since else store.start_timer
        await self._change_state(change, self.info.id, self.step, now=self.workshop.clock())

    @work(group="write")
    async def action_extend_timer(self, minutes: int) -> None:
        """Add minutes to the step's timebox."""
        store = self.workshop.store
        assert store is not None
        if await self._change_state(store.extend_timer, self.info.id, self.step, minutes * 60):
            self.notify(f"Step {self.step}: {minutes} more minute{'s' if minutes != 1 else ''} in the timebox.")

    async def _change_state(self, change, *args, **kwargs) -> bool:
        try:
            state = await self.workshop.call_store(change, *args, **kwargs)
        except StoreError as error:
            self.notify(str(error), title="Not changed", severity="error", markup=False)
            return False
        self._remember_state(state)
        if state.step == self.step:
            await self.show_state()
        return True

    @work(group="write")
    async def carry_timer(self, entering: int) -> None:
        """A running timer follows the facilitator: the store pauses it and starts the step entered."""
        store = self.workshop.store
        assert store is not None
        try:
            states = await self.workshop.call_store(store.carry_timer, self.info.id, entering,
                                                    now=self.workshop.clock())
        except StoreError as error:
            self.notify(str(error), title="Timer not moved", severity="error", markup=False)
            return
        for state in states:
            self._remember_state(state)
        if any(state.step == self.step for state in states):
            await self.show_state()

    async def pause_on_leaving(self) -> None:
        """Leaving the session (or quitting): stop counting time on a step nobody is on."""
        store = self.workshop.store
        if store is None or not self.state.running_since:
            return
        try:
            self._remember_state(await self.workshop.call_store(
                store.pause_timer, self.info.id, self.step, now=self.workshop.clock()))
        except StoreError:
            pass  # on the way out: the time keeps counting until the step is opened again

    async def before_quit(self) -> None:
        """Called by the app before it quits."""
        await self.pause_on_leaving()

    @work(group="write")
    async def leave_session(self) -> None:
        await self.pause_on_leaving()
        self.dismiss()

    def on_timebox_clock_time_up(self, event: TimeboxClock.TimeUp) -> None:
        """The countdown reached zero: ring, say so; never touch focus or the text typed."""
        if event.step != self.step:
            return
        self.app.bell()
        self.notify(f"Time is up for step {event.step}. F6 adds a minute, F7 five; Ctrl+N moves on.",
                    title="Timebox", severity="warning")

    # -- phases --------------------------------------------------------------------------

    def action_next_phase(self) -> None:
        self._change_phase(1)

    def action_previous_phase(self) -> None:
        self._change_phase(-1)

    def _change_phase(self, offset: int) -> None:
        current = self.state.phase
        phase = timebox.next_phase(current, offset)
        if phase == current:
            edge = "last" if offset > 0 else "first"
            self.notify(f"{timebox.PHASE_LABELS[current]} is the {edge} phase.")
            return
        self.set_phase(phase)

    @work(group="write")
    async def set_phase(self, phase: str) -> None:
        store = self.workshop.store
        assert store is not None
        # The phase bar says what the new phase is for; no note on top of it.
        if await self._change_state(store.set_phase, self.info.id, self.step, phase):
            if phase == "vote" and self.focused is self.entry:  # type: ignore[attr-defined]
                self.active_column.focus()  # dots go on items: select them straight away

    # -- clusters ------------------------------------------------------------------------

    def on_group_column_merge_requested(self, event: GroupColumn.MergeRequested) -> None:
        self.merge_items(event.column, event.item_ids)

    @work(group="write")
    async def merge_items(self, column: GroupColumn, item_ids: tuple[str, ...]) -> None:
        store = self.workshop.store
        assert store is not None
        try:
            members = await self.workshop.call_store(store.cluster_items, item_ids)
        except StoreError as error:
            self.notify(str(error), title="Not merged", severity="error", markup=False)
            return
        column.marked.clear()
        await self._show_changed(column, members)
        self.notify(f"Merged into one cluster of {len(members)} items (s splits it again).")

    def on_group_column_split_requested(self, event: GroupColumn.SplitRequested) -> None:
        self.split_cluster(event.column, event.item)

    @work(group="write")
    async def split_cluster(self, column: GroupColumn, item: Item) -> None:
        store = self.workshop.store
        assert store is not None
        try:
            members = await self.workshop.call_store(store.split_cluster, item.id)
        except StoreError as error:
            self.notify(str(error), title="Not split", severity="error", markup=False)
            return
        await self._show_changed(column, members)
        self.notify(f"Split the cluster back into {len(members)} items.")

    async def _show_changed(self, column: GroupColumn, changed: list[Item], select: str | None = None) -> None:
        by_id = {item.id: item for item in changed}
        self.items = [by_id.pop(item.id, item) for item in self.items] + list(by_id.values())
        await column.show_items(self.items_for(self.step, column.key), select=select or changed[0].id)
        self.refresh_bindings()

    # -- dot votes -----------------------------------------------------------------------

    def on_group_column_vote_requested(self, event: GroupColumn.VoteRequested) -> None:
        self.vote(event.column, event.group, event.withdraw)

    @work(group="write")
    async def vote(self, column: GroupColumn, group: tuple[Item, ...], withdraw: bool) -> None:
        """Place (or take back) one of the speaker's dots on a row (a cluster's first item)."""
        store = self.workshop.store
        assert store is not None
        voter = self.speaker
        if not voter:
            self.notify("Choose who is voting first: Ctrl+O picks the speaker, whose dots these are.",
                        title="Whose vote?", severity="warning")
            return
        target = group[0]
        if withdraw:
            ids = {item.id for item in group}
            mine = [vote for vote in self.votes if vote.participant == voter and vote.item_id in ids]
            if not mine:
                self.notify(f"{voter} has no dot on this item to take back.", severity="warning", markup=False)
                return
            target = next(item for item in group if item.id == mine[-1].item_id)
        try:
            change = store.withdraw_vote if withdraw else store.cast_vote
            item = await self.workshop.call_store(change, target.id, voter)
            votes = await self.workshop.call_store(store.list_votes, self.info.id, self.step)
        except StoreError as error:
            title = "Dot not taken back" if withdraw else "No vote cast"
            self.notify(str(error), title=title, severity="error", markup=False)
            return
        self.items = [item if existing.id == item.id else existing for existing in self.items]
        await column.sync(self.items_for(self.step, column.key))
        if item.step == self.step:
            self.votes = list(votes)
            self.show_votes()

    # -- follow-ups ----------------------------------------------------------------------

    def on_group_column_followup_requested(self, event: GroupColumn.FollowupRequested) -> None:
        self.edit_followup(event.column, event.item)

    def edit_followup(self, column: GroupColumn, item: Item) -> None:
        from workshop_tui.screens.followup_dialog import ask_followup

        def saved(item: Item) -> None:
            self.items = [item if existing.id == item.id else existing for existing in self.items]
            column.replace(item)

        ask_followup(self, item, self.info.participants, on_saved=saved,  # type: ignore[arg-type]
                     default_owner=self.speaker)

    def action_followups(self) -> None:
        from workshop_tui.screens.followups import FollowupsScreen

        self.app.push_screen(FollowupsScreen(self.info), self._back_from_view)

    # -- agenda and session settings -----------------------------------------------------

    def action_agenda(self) -> None:
        from workshop_tui.screens.agenda import AgendaScreen

        self.app.push_screen(AgendaScreen(self.info), self._back_from_view)

    def _back_from_view(self, step: int | None) -> None:
        """Back from the agenda or the follow-ups: to the step chosen there, if any."""
        if step:
            self.go_to_step(step)

    def action_set_votes(self) -> None:
        from workshop_tui.screens.session_settings import ask_votes_per_participant

        def saved(info: SessionInfo) -> None:
            self.info = info
            self.show_votes()

        ask_votes_per_participant(self, self.info, saved)  # type: ignore[arg-type]

    # -- presenter mode ------------------------------------------------------------------

    def action_toggle_presenter(self) -> None:
        """The shared screen's view: no notes, no controls; the prompt, the timer, the columns."""
        self.presenting = not self.presenting
        self.set_class(self.presenting, "-presenter")
        self.board.set_presenting(self.presenting)
        if self.presenting:
            self.active_column.focus()  # arrows walk the items; item keys (v, f) still work
        else:
            self.entry.focus()
        self.refresh_bindings()

    # -- command palette -----------------------------------------------------------------

    def facilitation_commands(self) -> Iterable[SystemCommand]:
        running = bool(self.state.running_since)
        yield SystemCommand("Pause the timer" if running else "Start the timer",
                            "The step's countdown; time spent is recorded (F5)", self.action_toggle_timer)
        yield SystemCommand("Timebox +1 minute", "Add a minute to this step (F6)", lambda: self.action_extend_timer(1))
        yield SystemCommand("Timebox +5 minutes", "Add five minutes to this step (F7)",
                            lambda: self.action_extend_timer(5))
        yield SystemCommand("Next phase", "Brainstorm, cluster, vote, discuss (F8)", self.action_next_phase)
        yield SystemCommand("Previous phase", "Back one phase (F9)", self.action_previous_phase)
        for phase in timebox.PHASES:
            yield SystemCommand(f"Phase: {timebox.PHASE_LABELS[phase]}", timebox.PHASE_HELP[phase],
                                lambda p=phase: self.set_phase(p))
        yield SystemCommand("Presenter mode", "Prompt, timer and columns, large, for the shared screen (F12)",
                            self.action_toggle_presenter)
        yield SystemCommand("Agenda", "Planned against actual time per step (F3)", self.action_agenda)
        yield SystemCommand("Follow-ups", "Every follow-up: step, text, owner, due date (F4)", self.action_followups)
        yield SystemCommand("Dots per participant…", f"Now {self.info.votes_per_participant} per step",
                            self.action_set_votes)
        column = self.active_column
        if column.selected_group is not None:
            yield SystemCommand("Follow-up…", "Make the selected item a follow-up: owner, due date (F)",
                                column.action_followup)
            if column.phase == "cluster":
                yield SystemCommand("Mark item", "Mark it for merging (Space)", column.action_mark)
                yield SystemCommand("Merge marked items", "Into one cluster (M)", column.action_merge)
                yield SystemCommand("Split cluster", "Back into separate items (S)", column.action_split)
            if column.phase == "vote":
                yield SystemCommand("Vote", "Place one of the speaker's dots (V)", column.action_vote)
                yield SystemCommand("Withdraw a vote", "Take one of the speaker's dots back (W)",
                                    column.action_withdraw)
