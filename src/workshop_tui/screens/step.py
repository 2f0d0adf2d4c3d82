"""One step of a session: its brief, three columns of items, and the line where items are typed.

The screen holds what the store last returned (`items`, the steps' `states`, this step's
`votes`) and redraws from it; every change goes through the store first. Typing: Enter saves
the text to the active column as the current speaker; the text leaves the input only once the
store has committed it, and stays (with an error shown) if the write fails. Tab picks the next
column; Escape moves from typing to the column's items (edit, delete with undo, move) and back.

What is drawn (title, timer, phase, brief, columns) is a `StepBoard`, shared with the presenter
screen. Facilitating (timer, phases, clusters, dots, follow-ups, presenter mode) lives in
`step_facilitation.FacilitationActions`; its keys are listed here, with the others.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Iterable, cast

from textual import events, on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import ActiveBinding, Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Static

from workshop_tui.content import Template
from workshop_tui.model import COLUMNS, DeletedItem, Item, SessionInfo, StepState, StepView, Vote
from workshop_tui.screens.item_actions import ItemActions
from workshop_tui.screens.step_facilitation import FacilitationActions
from workshop_tui.store.errors import StoreError
from workshop_tui.store_calls import STALE_RETRIES
from workshop_tui.text import short
from workshop_tui.widgets.footer import PALETTE_MIN_WIDTH, AppFooter
from workshop_tui.widgets.group_column import GroupColumn
from workshop_tui.widgets.item_column import ItemColumn
from workshop_tui.widgets.item_input import ItemEditor, ItemInput
from workshop_tui.widgets.participant_picker import ANONYMOUS, ParticipantPicker
from workshop_tui.widgets.progress_header import ProgressHeader
from workshop_tui.widgets.step_board import StepBoard
from workshop_tui.widgets.step_list import StepList

if TYPE_CHECKING:
    from textual.timer import Timer

    from workshop_tui.app import WorkshopApp


OWN_CHANGE_REREAD_SECONDS = 0.5  # after this screen's own saves, the re-read that checks them

# The footer shows as many keys as fit: these go first when it is narrow, first listed first.
# (They still work; the clock and the phase bar show F5 and F8, and F1 and Ctrl+P list all.)
FOOTER_OPTIONAL = ("followups", "agenda", "toggle_presenter", "next_phase", "toggle_timer", "next_step", "followup")
# Presenter mode keeps the footer down to these.
PRESENTER_FOOTER = ("toggle_presenter", "next_step", "toggle_timer", "next_phase", "quit", "help")


class StepScreen(FacilitationActions, ItemActions, Screen[None]):
    """A session, one step at a time."""

    CSS_PATH = ["step_board.tcss", "step.tcss"]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]

    BINDINGS = [
        Binding("tab", "next_column", "Column", tooltip="Type into (or select in) the next column"),
        Binding("shift+tab", "previous_column", "Previous column", show=False, tooltip="Type into the previous column"),
        Binding("escape", "select_items", "Select", tooltip="Select items in the column, to edit, delete or move them"),
        Binding("ctrl+n", "next_step", "Next step", tooltip="Go on to the next step"),
        Binding("ctrl+b", "previous_step", "Previous step", show=False, tooltip="Go back to the previous step"),
        Binding("ctrl+g", "choose_step", "Go to step", show=False, tooltip="Pick a step from the step list"),
        Binding("ctrl+o", "choose_speaker", "Speaker", tooltip="Choose who is speaking: the author of new items"),
        Binding("ctrl+s", "summary", "Summary", tooltip="The whole table, and exports"),
        Binding("u,ctrl+z", "undo_delete", "Undo",
                tooltip="Bring back the item deleted last (u once items are selected)"),
        Binding("f2", "toggle_brief", "Brief", show=False, tooltip="Show the step's whole brief, or shrink it again"),
        Binding("ctrl+l", "close_session", "Sessions", show=False, tooltip="Back to the list of sessions"),
        Binding("f5", "toggle_timer", "Timer", tooltip="Start or pause the step's timer (time spent is recorded)"),
        # Priority: the text box's own F6 and F7 (select line, select all) give way while typing.
        Binding("f6", "extend_timer(1)", "+1 min", show=False, priority=True,
                tooltip="Add a minute to the step's timebox"),
        Binding("f7", "extend_timer(5)", "+5 min", show=False, priority=True,
                tooltip="Add five minutes to the step's timebox"),
        Binding("f8", "next_phase", "Phase", tooltip="Next phase: brainstorm, cluster, vote, discuss"),
        Binding("f9", "previous_phase", "Phase back", show=False, tooltip="Back to the previous phase"),
        Binding("f12", "toggle_presenter", "Presenter",
                tooltip="Presenter mode for the shared screen: prompt, timer and columns, large (F12 or Esc leaves)"),
        Binding("f3", "agenda", "Agenda", tooltip="Planned against actual time per step; votes per participant"),
        Binding("f4", "followups", "Follow-ups", tooltip="Every follow-up of the session, with owner and due date"),
    ]

    def __init__(self, info: SessionInfo) -> None:
        super().__init__()
        self.info = info
        self.template: Template = cast("WorkshopApp", self.app).template_for(info.template_id)
        self.step = max(1, min(info.current_step, info.step_count))
        self.active = 0
        self.items = []
        self.states: dict[int, StepState] = {}
        self.votes: list[Vote] = []  # this step's dots
        self.presenting = False
        self.speaker = ANONYMOUS
        self.undo_stack: list[DeletedItem] = []
        self._loaded = False
        self._refreshing = False
        self._refresh_again = False
        self._later: Timer | None = None

    @property
    def workshop(self) -> WorkshopApp:
        return cast("WorkshopApp", self.app)

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield ProgressHeader(self.info.title)
        with Horizontal(id="step-body"):
            yield StepList(self.template, id="steps")
            with Vertical(id="step-main"):
                yield StepBoard(self.template, id="board")
                with Horizontal(id="entry"):
                    yield Static(id="target")
                    yield ItemInput(placeholder="Type an item here; Enter adds it", id="entry-input")
                    yield ParticipantPicker(self.info.participants, id="speaker")
        yield AppFooter()

    def on_mount(self) -> None:
        self.show_step()
        self.entry.focus()
        self.load()

    @property
    def entry(self) -> ItemInput:
        return self.query_one("#entry-input", ItemInput)

    @property
    def board(self) -> StepBoard:
        return self.query_one(StepBoard)

    @property
    def columns(self) -> list[GroupColumn]:
        return self.board.columns

    @property
    def active_column(self) -> GroupColumn:
        return self.columns[self.active]

    @property
    def state(self) -> StepState:
        """The shown step's phase and timer."""
        return self.states.get(self.step) or StepState(step=self.step)

    # -- drawing -------------------------------------------------------------------------

    def items_for(self, step: int, column: str | None = None) -> list[Item]:
        return [i for i in self.items if i.step == step and (column is None or i.column == column)]

    @property
    def items(self) -> list[Item]:
        """Every item of the session, as last read or saved here."""
        return self._items

    @items.setter
    def items(self, items: list[Item]) -> None:
        self._items = items
        self._ids = {item.id for item in items}
        self._counts: dict[int, int] | None = None

    def counts(self) -> dict[int, int]:
        """Items per step (kept between calls: a big session has thousands to count)."""
        if self._counts is None:
            counts: dict[int, int] = {}
            for item in self._items:
                counts[item.step] = counts.get(item.step, 0) + 1
            self._counts = counts
        return dict(self._counts)

    def show_step(self) -> None:
        """Draw everything that depends on the step number (not the items)."""
        self.query_one(ProgressHeader).set_step(self.step, self.info.step_count)
        self.board.show_step(self.step)
        self.query_one(StepList).show(self.step, self.counts())
        self.show_target()

    def show_target(self) -> None:
        column = self.active_column
        for each in self.columns:
            each.set_class(each is column, "-active")
        self.query_one("#target", Static).update(Content.assemble(("+ ", "bold $accent"), (column.label, "bold")))

    async def show_items(self) -> None:
        await self.board.show_items(self.items_for(self.step))
        self.query_one(StepList).show(self.step, self.counts())

    # -- loading and moving between steps -------------------------------------------------

    @work(exclusive=True, group="load")
    async def load(self) -> None:
        store = self.workshop.store
        assert store is not None
        try:
            data = await self.workshop.call_store(store.session_data, self.info.id)
        except StoreError as error:
            self.notify(str(error), title="Cannot load the session", severity="error", markup=False)
            return
        self.info = data.info
        self.items = list(data.items)
        self.states = {state.step: state for state in data.step_states}
        in_step = {item.id for item in data.items if item.step == self.step}
        self.votes = [vote for vote in data.votes if vote.item_id in in_step]
        self.query_one(ProgressHeader).set_title(self.info.title)
        self.query_one(ParticipantPicker).set_participants(self.info.participants)
        await self.show_state(fresh=True)
        await self.show_items()
        self.show_votes()
        self._loaded = True

    # -- live: changes made by other processes ---------------------------------------------

    def on_workshop_app_store_changed(self, event: WorkshopApp.StoreChanged) -> None:
        if not self._loaded:
            return  # the first load, still running, reads the newest data anyway
        if event.own and self.is_current:
            # Our own saves, drawn already: re-read once the burst is over, not after each one
            # (a re-read of a big step would slow the next save down).
            if self._later is None:
                self._later = self.set_timer(OWN_CHANGE_REREAD_SECONDS, self._reread_later, name="re-read own changes")
            return
        self._reread_later()

    def _reread_later(self) -> None:
        if self._later is not None:
            self._later.stop()
            self._later = None
        if self._refreshing:
            self._refresh_again = True
        else:
            self.refresh_from_store()

    @work(group="live")
    async def refresh_from_store(self) -> None:
        """Re-read the step shown and redraw only what changed; focus and typing are untouched."""
        store = self.workshop.store
        assert store is not None
        self._refreshing = True
        calls = self.workshop.store_calls
        try:
            retries = STALE_RETRIES
            while True:
                self._refresh_again = False
                step, session_id = self.step, self.info.id
                try:
                    (view, votes), mark = await calls.read(
                        lambda: (store.step_view(session_id, step), store.list_votes(session_id, step)))
                except StoreError:
                    return  # unreadable for now, or deleted elsewhere: the next change tries again
                if retries and calls.stale(mark):
                    retries -= 1
                    continue  # our own save may be drawn already and missing from this read: read again
                if step == self.step and self.is_attached:
                    try:
                        await self._show_view(view, votes)
                    except NoMatches:
                        return  # the screen is being taken down (the app is quitting)
                if not self._refresh_again:
                    return
        finally:
            self._refreshing = False

    async def _show_view(self, view: StepView, votes: list[Vote]) -> None:
        self.items = [i for i in self.items if i.step != view.step] + list(view.items)
        if view.state != self.state:
            self.states[view.step] = view.state
            await self.show_state()
        await self.board.sync(view.items)
        shown, self.info = self.info, view.info  # show_votes reads self.info: set it first, compare to `shown`
        if votes != self.votes or view.info.votes_per_participant != shown.votes_per_participant:
            self.votes = list(votes)
            self.show_votes()
        if view.info.title != shown.title:
            self.query_one(ProgressHeader).set_title(view.info.title)
        if view.info.participants != shown.participants:
            self.query_one(ParticipantPicker).set_participants(view.info.participants)
        self.query_one(StepList).show(self.step, view.counts)

    @property
    def editing(self) -> bool:
        return any(column.editor is not None for column in self.columns)

    def go_to_step(self, number: int) -> None:
        if not 1 <= number <= self.info.step_count or number == self.step:
            return
        if self.editing:
            self.notify("Finish the edit first: Enter saves it, Escape cancels it.", severity="warning")
            return
        self.step = number
        self.votes = []
        self.show_step()
        if not self.presenting:
            self.entry.focus()  # a new step starts with typing
        self.redraw_items()
        self.carry_timer(number)
        self.save_current_step(number)

    @work(exclusive=True, group="redraw")
    async def redraw_items(self) -> None:
        try:
            await self.show_state(fresh=True)
            await self.show_items()
            await self.reload_votes()
        except NoMatches:
            return  # the screen is being taken down

    @work(group="write")
    async def save_current_step(self, number: int) -> None:
        """Remember the step, so reopening the session comes back exactly here."""
        store = self.workshop.store
        assert store is not None
        try:
            self.info = await self.workshop.call_store(store.set_current_step, self.info.id, number)
        except StoreError as error:
            self.notify(str(error), title="Step not remembered", severity="warning", markup=False)

    def action_next_step(self) -> None:
        if self.step >= self.info.step_count:
            self.notify("This is the last step: Ctrl+S shows the summary and exports.")
            return
        self.go_to_step(self.step + 1)

    def action_previous_step(self) -> None:
        if self.step > 1:
            self.go_to_step(self.step - 1)

    def action_choose_step(self) -> None:
        self.add_class("-show-steps")
        step_list = self.query_one(StepList)
        step_list.highlighted = self.step - 1
        step_list.focus()

    @on(StepList.StepChosen)
    def _step_chosen(self, event: StepList.StepChosen) -> None:
        self.go_to_step(event.number)
        self.entry.focus()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if isinstance(event.widget, StepList):
            self.remove_class("-show-steps")

    # -- columns and focus ---------------------------------------------------------------

    def set_active(self, index: int, *, focus_column: bool | None = None) -> None:
        """Make column `index` the one typed into; move focus along if a column had it."""
        if focus_column is None:
            focus_column = isinstance(self.focused, ItemColumn)
        self.active = index % len(COLUMNS)
        self.show_target()
        if focus_column:
            self.active_column.focus()

    def action_next_column(self) -> None:
        self.set_active(self.active + 1)

    def action_previous_column(self) -> None:
        self.set_active(self.active - 1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.presenting and action in ("choose_step", "choose_speaker", "toggle_brief", "select_items"):
            return False
        if action in ("next_column", "previous_column"):
            return not isinstance(self.focused, ItemEditor)
        if action in ("next_step", "previous_step", "choose_step"):
            return not self.editing  # an open edit is finished (Enter) or dropped (Escape) first
        if action == "select_items":
            return self.focused is self.entry or self.focused is None
        if action == "undo_delete":
            return bool(self.undo_stack)
        return True

    def action_toggle_brief(self) -> None:
        self.toggle_class("-brief-open")

    def action_select_items(self) -> None:
        self.active_column.focus()

    def action_focus_input(self) -> None:
        if self.presenting:
            self.action_toggle_presenter()  # Escape leaves presenter mode, back to typing
            return
        self.entry.focus()

    @on(ItemColumn.Activated)
    def _column_activated(self, event: ItemColumn.Activated) -> None:
        index = self.columns.index(event.column)
        if index != self.active:
            self.active = index
            self.show_target()

    def _remember(self, item: Item) -> None:
        if item.id not in self._ids:  # a new item: no need to look through the others
            self._items.append(item)
            self._ids.add(item.id)
            if self._counts is not None:
                self._counts[item.step] = self._counts.get(item.step, 0) + 1
            return
        self.items = [i for i in self._items if i.id != item.id] + [item]

    # -- editing, deleting (ItemActions), undoing, moving -----------------------------------

    UNDO_HINT = "Press u (or Ctrl+Z) to undo."
    VOTING_NOTE = "Voting is on: new items wait (your text stays here). F8 or F9 changes the phase."

    @property
    def phase(self) -> str:
        return self.state.phase

    @property
    def author(self) -> str | None:
        return self.speaker or None

    def item_added(self, item: Item) -> None:
        self._remember(item)
        self.query_one(StepList).show(self.step, self.counts())

    def edit_in_store(self, item: Item, text: str) -> Item:
        return self.workshop.store.edit_item(item.id, text)

    def delete_in_store(self, item: Item) -> DeletedItem:
        return self.workshop.store.delete_item(item.id)

    def item_saved(self, item: Item) -> None:
        self._remember(item)

    def item_deleted(self, item: Item) -> None:
        self.query_one(StepList).show(self.step, self.counts())

    @work(group="write")
    async def action_undo_delete(self) -> None:
        if not self.undo_stack:
            self.notify("Nothing to undo.")
            return
        deleted = self.undo_stack.pop()
        item = deleted.item
        store = self.workshop.store
        assert store is not None
        try:
            await self.workshop.call_store(store.restore_item, deleted)
            items = await self.workshop.call_store(store.list_items, self.info.id)
        except StoreError as error:
            self.undo_stack.append(deleted)
            self.notify(str(error), title="Not restored", severity="error", markup=False)
            return
        self.items = list(items)
        if item.step == self.step:
            column = self.query_one(f"#col-{item.column}", ItemColumn)
            await column.show_items(self.items_for(self.step, item.column), select=item.id)
        self.query_one(StepList).show(self.step, self.counts())
        self.refresh_bindings()
        self.notify(f"Restored “{short(item.text)}” (step {item.step}).", markup=False)

    @on(ItemColumn.MoveRequested)
    def _move_requested(self, event: ItemColumn.MoveRequested) -> None:
        self.move_item(event.column, event.item, event.offset)

    @work(group="write")
    async def move_item(self, column: ItemColumn, item: Item, offset: int) -> None:
        store = self.workshop.store
        assert store is not None
        try:
            moved = await self.workshop.call_store(store.move_item, item.id, offset)
        except StoreError as error:
            self.notify(str(error), title="Not moved", severity="error", markup=False)
            return
        ids = {i.id for i in moved}
        self.items = [i for i in self.items if i.id not in ids] + moved
        if item.step == self.step:
            await column.show_items(moved, select=item.id)

    # Palette and keys act on the selected item of the active column.

    def action_edit_item(self) -> None:
        self.active_column.action_edit()

    def action_delete_item(self) -> None:
        self.active_column.action_delete()

    def action_move_item(self, offset: int) -> None:
        self.active_column.action_move(offset)

    # -- speaker -------------------------------------------------------------------------

    def action_choose_speaker(self) -> None:
        picker = self.query_one(ParticipantPicker)
        picker.focus()
        picker.action_show_overlay()

    @on(ParticipantPicker.SpeakerChanged)
    def _speaker_changed(self, event: ParticipantPicker.SpeakerChanged) -> None:
        self.speaker = event.name
        self.show_votes()
        if self.focused is event.picker:
            self.entry.focus()

    @on(ParticipantPicker.AddRequested)
    def action_add_participant(self) -> None:
        from workshop_tui.screens.text_prompt import TextPrompt

        def added(name: str | None) -> None:
            if name:
                self.add_participant(name)
            else:
                self.entry.focus()

        self.app.push_screen(TextPrompt("Add a participant", placeholder="their name", confirm="Add"), added)

    @work(group="write")
    async def add_participant(self, name: str) -> None:
        store = self.workshop.store
        assert store is not None
        try:
            participants = await self.workshop.call_store(store.add_participant, self.info.id, name)
        except StoreError as error:
            self.notify(str(error), title="Participant not added", severity="error", markup=False)
            return
        picker = self.query_one(ParticipantPicker)
        typed = " ".join(name.split())
        picker.set_participants(participants, speaker=typed if typed in participants else None)
        self.entry.focus()

    # -- leaving -------------------------------------------------------------------------

    def action_summary(self) -> None:
        from workshop_tui.screens.summary import SummaryScreen

        self.app.push_screen(SummaryScreen(self.info))

    def action_close_session(self) -> None:
        from workshop_tui.screens.quit import QuitDialog

        pending = self.pending_text()
        if not pending:
            self.leave_session()
            return

        async def chosen(choice: str | None) -> None:
            if choice == "discard" or (choice == "save" and await self.save_pending()):
                self.leave_session()

        self.app.push_screen(QuitDialog(pending, verb="leave"), chosen)

    # -- command palette -----------------------------------------------------------------

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Next step", "Go on to the next step (Ctrl+N)", self.action_next_step)
        yield SystemCommand("Previous step", "Go back one step (Ctrl+B)", self.action_previous_step)
        for step in self.template.steps:
            yield SystemCommand(f"Go to step {step.number}: {step.title}", "Jump to this step",
                                lambda n=step.number: self.go_to_step(n))
        yield SystemCommand("Next column", "Type into the next column (Tab)", self.action_next_column)
        yield SystemCommand("Previous column", "Type into the previous column (Shift+Tab)", self.action_previous_column)
        yield SystemCommand("Select items", "Select items in the active column (Escape)", self.action_select_items)
        yield SystemCommand("Type a new item", "Back to the input line", self.action_focus_input)
        yield SystemCommand("Speaker", "Choose who is speaking (Ctrl+O)", self.action_choose_speaker)
        yield SystemCommand("Add a participant", "Add someone to the list of speakers", self.action_add_participant)
        yield SystemCommand("Brief", "Show the step's whole brief, or shrink it again (F2)", self.action_toggle_brief)
        yield SystemCommand("Step list", "Pick a step from the list (Ctrl+G)", self.action_choose_step)
        yield SystemCommand("Summary", "The whole table, and exports (Ctrl+S)", self.action_summary)
        yield SystemCommand("Back to sessions", "Leave this session for the list (Ctrl+L)", self.action_close_session)
        yield from self.facilitation_commands()
        if self.active_column.selected_item is not None:
            yield SystemCommand("Edit item", "Edit the selected item in place (Enter)", self.action_edit_item)
            yield SystemCommand("Delete item", "Delete the selected item (D)", self.action_delete_item)
            yield SystemCommand("Move item up", "Move it up (Shift+Up)", partial(self.action_move_item, -1))
            yield SystemCommand("Move item down", "Move it down (Shift+Down)", partial(self.action_move_item, 1))
        if self.undo_stack:
            yield SystemCommand("Undo delete", "Bring back the item deleted last (U)", self.action_undo_delete)

    # -- footer ----------------------------------------------------------------------------

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """What the footer shows (keys work regardless): as many as fit; few when presenting."""
        bindings = super().active_bindings
        if self.presenting:
            return {key: active for key, active in bindings.items() if active.binding.action in PRESENTER_FOOTER}
        width = self.size.width + 1 - (12 if self.size.width >= PALETTE_MIN_WIDTH else 0)
        shown: dict[str, int] = {}
        for active in bindings.values():
            binding = active.binding
            if binding.show and binding.action not in shown:
                shown[binding.action] = len(self.app.get_key_display(binding)) + len(binding.description) + 2
        dropped = set()
        for action in FOOTER_OPTIONAL:
            if sum(shown.values()) <= width:
                break
            if shown.pop(action, None) is not None:
                dropped.add(action)
        return {key: active for key, active in bindings.items() if active.binding.action not in dropped}

    def on_resize(self) -> None:
        self.refresh_bindings()
