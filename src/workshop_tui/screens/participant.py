"""A participant's screen: the facilitator's step, its prompts, three columns, and one input line.

It shows the step the facilitator is on and follows it, and its phase, as soon as the
facilitator moves (unless the facilitator lets participants browse: then Ctrl+N and Ctrl+B
move between steps, and Ctrl+F comes back). Everyone's items are shown; the participant adds
items under their own name, edits and deletes only their own (the columns' `can_edit`, and
the store's `edit_own_item` / `delete_own_item` behind it), and places and takes back their
own dots while the step is in the vote phase (`cast_own_vote` / `withdraw_own_vote`).

Live: on `WorkshopApp.StoreChanged` it re-reads its step and redraws only what changed
(`ItemColumn.sync`); focus and the text being typed are never touched, and an edit in
progress is never pulled away (following a new step waits until the edit is done).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Iterable, cast

from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Static

from workshop_tui.content import Template
from workshop_tui.model import COLUMNS, DeletedItem, Item, SessionInfo, StepView, Vote
from workshop_tui.screens.item_actions import ItemActions
from workshop_tui.store.errors import StoreError
from workshop_tui.store_calls import STALE_RETRIES
from workshop_tui.text import short
from workshop_tui.widgets.footer import AppFooter
from workshop_tui.widgets.item_column import ItemColumn, item_content
from workshop_tui.widgets.item_input import ItemEditor, ItemInput
from workshop_tui.widgets.progress_header import ProgressHeader

if TYPE_CHECKING:
    from workshop_tui.participant import ParticipantApp

PHASE_LINES = {
    "private": "Write privately: only you see your items until the facilitator reveals them.",
    "brainstorm": "Brainstorm: add your actions, obstacles and tools.",
    "cluster": "Cluster: the facilitator groups similar items; you can still add.",
    "vote": "Vote: Esc selects an item, v places a dot, w takes it back.",
    "discuss": "Discuss: the group talks the top items through.",
}

# Actions of the shared item column that belong to the facilitator's screen, not this one.
FACILITATOR_ACTIONS = ("summary", "choose_speaker")


class ParticipantScreen(ItemActions, Screen[None]):
    """One participant in one session, at the facilitator's step."""

    CSS_PATH = "participant.tcss"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]

    BINDINGS = [
        Binding("tab", "next_column", "Column", tooltip="Type into (or select in) the next column"),
        Binding("shift+tab", "previous_column", "Previous column", show=False, tooltip="Type into the previous column"),
        Binding("escape", "select_items", "Select", tooltip="Select items: edit or delete your own, vote"),
        Binding("v", "vote", "Vote", tooltip="Place one of your dots on the selected item (vote phase)"),
        Binding("w", "withdraw", "Take back", tooltip="Take one of your dots back from the selected item"),
        Binding("u,ctrl+z", "undo_delete", "Undo", tooltip="Bring back the item you deleted last"),
        Binding("ctrl+n", "next_step", "Next step", tooltip="Look at the next step (when the facilitator allows it)"),
        Binding("ctrl+b", "previous_step", "Previous step", show=False,
                tooltip="Look at the previous step (when the facilitator allows it)"),
        Binding("ctrl+f", "follow", "Facilitator's step", tooltip="Back to the step the facilitator is on"),
        Binding("f2", "toggle_brief", "Brief", show=False, tooltip="Show the step's whole brief, or shrink it again"),
    ]

    def __init__(self, info: SessionInfo, name: str) -> None:
        super().__init__()
        self.info = info
        self.participant = name
        self.template: Template = cast("ParticipantApp", self.app).template_for(info.template_id)
        self.step = max(1, min(info.current_step, info.step_count))
        self.phase = "brainstorm"
        self.active = 0
        self.items: list[Item] = []
        self.my_votes: Counter[str] = Counter()
        self.undo_stack: list[DeletedItem] = []
        self._loaded = False
        self._refreshing = False
        self._refresh_again = False
        self._follow_waiting = False
        self._phase_shown: Content | None = None

    @property
    def workshop(self) -> ParticipantApp:
        return cast("ParticipantApp", self.app)

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield ProgressHeader(self.info.title)
        with Vertical(id="participant-main"):
            yield Static(id="step-title")
            yield Static(id="phase-line")
            with VerticalScroll(id="brief"):
                yield Static(id="step-brief")
            with Horizontal(id="columns"):
                for key in COLUMNS:
                    yield ItemColumn(key, self.template.column(key).label, id=f"col-{key}",
                                     can_edit=self.is_own, can_move=False, describe=self.describe)
            with Horizontal(id="entry"):
                yield Static(id="target")
                yield ItemInput(placeholder="Type an item here; Enter adds it", id="entry-input")
                yield Static(Content.assemble(("as ", "dim"), (self.participant, "bold")), id="you")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#brief").can_focus = False
        self.set_interval(0.5, self._catch_up, name="follow after an edit")
        self.show_step()
        self.entry.focus()
        self.refresh_from_store()

    @property
    def entry(self) -> ItemInput:
        return self.query_one("#entry-input", ItemInput)

    @property
    def columns(self) -> list[ItemColumn]:
        return list(self.query(ItemColumn))

    @property
    def active_column(self) -> ItemColumn:
        return self.columns[self.active]

    @property
    def following(self) -> bool:
        return self.info.participants_follow

    @property
    def editing(self) -> bool:
        return any(column.editor is not None for column in self.columns)

    # -- what is whose -------------------------------------------------------------------

    def is_own(self, item: Item) -> bool:
        """Whether this participant wrote the item (only those can be edited and deleted)."""
        return item.session_id == self.info.id and item.author == self.participant

    def describe(self, item: Item) -> Content:
        """An item as typed, its author, whether only they see it, and their own dots on it."""
        content = item_content(item)
        if item.hidden:
            content = Content.assemble(content, "  ", ("(only you see this)", "dim italic"))
        mine = self.my_votes.get(item.id, 0)
        if mine:
            content = Content.assemble(content, "  ", ("●" * mine, "bold $accent"))
        return content

    # -- drawing -------------------------------------------------------------------------

    def show_step(self) -> None:
        """Draw what depends on the step and its phase (not the items)."""
        step = self.template.step(self.step) if self.step <= self.template.step_count else None
        self.query_one(ProgressHeader).set_step(self.step, self.info.step_count)
        title = Content.assemble((f"STEP {self.step}", "bold $accent"), "  ", (step.title if step else "", "bold"))
        self.query_one("#step-title", Static).update(title)
        self.query_one("#step-brief", Static).update(self._brief(step))
        self.show_phase()
        self.show_target()

    def _brief(self, step) -> Content:
        # The facilitator's notes are for the facilitator: participants see the prompts.
        if step is None:
            return Content("")
        parts: list[Content] = []
        if step.introduction:
            parts.append(Content.styled(step.introduction, "italic"))
        parts.extend(Content.assemble(("• ", "$accent"), prompt) for prompt in step.prompts)
        return Content("\n").join(parts)

    def show_phase(self) -> None:
        line = Content.styled(PHASE_LINES.get(self.phase, ""), "bold" if self.phase == "vote" else "")
        if self.phase == "vote":
            left = max(0, self.info.votes_per_participant - sum(self.my_votes.values()))
            line = Content.assemble(line, "  ", (f"{left} of {self.info.votes_per_participant} dots left", "bold $accent"))
        where = self.info.current_step
        if not self.following:
            note = "The facilitator lets you browse: Ctrl+N and Ctrl+B change step"
            if where != self.step:
                note += f"; Ctrl+F goes back to step {where}, where they are"
            line = Content.assemble(line, "\n", (note + ".", "dim"))
        elif self._follow_waiting:
            line = Content.assemble(line, "\n", (f"The facilitator is on step {where}: you follow once your edit "
                                                 "is saved (Enter) or cancelled (Escape).", "bold $warning"))
        if line != self._phase_shown:  # redraw only what changed
            self._phase_shown = line
            self.query_one("#phase-line", Static).update(line)
        self.set_class(self.phase == "vote", "-voting")

    def show_target(self) -> None:
        column = self.active_column
        for each in self.columns:
            each.set_class(each is column, "-active")
        self.query_one("#target", Static).update(Content.assemble(("+ ", "bold $accent"), (column.label, "bold")))

    async def _show_view(self, view: StepView, votes: Counter[str], *, new_step: bool) -> None:
        """Show a step as the store returned it; only what changed is redrawn."""
        old_info = self.info
        self.info = view.info
        phase = view.state.phase
        changed = phase != self.phase or votes != self.my_votes or old_info.participants_follow != self.following
        self.phase = phase
        self.my_votes = votes
        if view.info.title != old_info.title:
            self.query_one(ProgressHeader).set_title(view.info.title)
        if new_step:
            self.show_step()
        else:
            self.show_phase()
        self.items = list(view.items)
        for column in self.columns:
            mine = [item for item in view.items if item.column == column.key]
            if new_step:
                await column.show_items(mine)
            else:
                await column.sync(mine)
        if new_step or changed:
            self.refresh_bindings()

    # -- live: what anyone else changes --------------------------------------------------

    def on_workshop_app_store_changed(self) -> None:
        if self._refreshing:
            self._refresh_again = True
        else:
            self.refresh_from_store()

    @work(group="live")
    async def refresh_from_store(self) -> None:
        """Re-read the step shown (or the facilitator's new one) and redraw what changed."""
        store = self.workshop.store
        assert store is not None
        self._refreshing = True
        try:
            retries = STALE_RETRIES
            while True:
                self._refresh_again = False
                if not await self._refresh_once(store, check=retries > 0):
                    retries -= 1
                    continue  # our own save may be drawn already and missing from that read
                if not self._refresh_again:
                    return
        finally:
            self._refreshing = False

    async def _refresh_once(self, store, *, check: bool) -> bool:
        """Read and draw the step; False (nothing drawn) if `check` and the read may be stale."""
        shown = self.step
        session_id, editing, me = self.info.id, self.editing, self.participant

        def read() -> tuple[StepView, int, list[Vote]]:
            step, view = shown, store.step_view(session_id, shown, viewer=me)
            if view.info.participants_follow and view.info.current_step != step and not editing:
                step = view.info.current_step
                view = store.step_view(session_id, step, viewer=me)
            return view, step, store.list_votes(session_id, step)

        try:
            (view, step, votes), mark = await self.workshop.store_calls.read(read)
        except StoreError as error:
            if not self._loaded:
                self.notify(str(error), title="Cannot read the session", severity="error", markup=False)
            return True  # unreadable for now, or deleted: the next change tries again
        if check and self.workshop.store_calls.stale(mark):
            return False
        # Never pull an edit away: follow the facilitator once it is done.
        self._follow_waiting = editing and view.info.participants_follow and view.info.current_step != step
        if self.step != shown:
            return True  # the participant changed step meanwhile; that step is being read
        new_step = step != shown or not self._loaded
        self.step = step
        mine = Counter(vote.item_id for vote in votes if vote.participant == self.participant)
        try:
            await self._show_view(view, mine, new_step=new_step)
        except NoMatches:
            return True  # the screen is closing (the app is quitting)
        self._loaded = True
        return True

    def _catch_up(self) -> None:
        if self._follow_waiting and not self.editing and not self._refreshing:
            self.refresh_from_store()

    # -- moving between steps (only when the facilitator allows browsing) -----------------

    def go_to_step(self, number: int) -> None:
        if not 1 <= number <= self.info.step_count or number == self.step:
            return
        if self.editing:
            self.notify("Finish the edit first: Enter saves it, Escape cancels it.", severity="warning")
            return
        self.step = number
        self.show_step()
        self.load_step()

    @work(exclusive=True, group="step")
    async def load_step(self) -> None:
        store = self.workshop.store
        assert store is not None
        step = self.step
        try:
            view = await self.workshop.call_store(store.step_view, self.info.id, step, viewer=self.participant)
            votes = await self.workshop.call_store(store.list_votes, self.info.id, step)
        except StoreError as error:
            self.notify(str(error), title="Cannot read the step", severity="error", markup=False)
            return
        if step == self.step:
            mine = Counter(vote.item_id for vote in votes if vote.participant == self.participant)
            await self._show_view(view, mine, new_step=True)

    def action_next_step(self) -> None:
        if not self.following and self.step < self.info.step_count:
            self.go_to_step(self.step + 1)

    def action_previous_step(self) -> None:
        if not self.following and self.step > 1:
            self.go_to_step(self.step - 1)

    def action_follow(self) -> None:
        self.go_to_step(self.info.current_step)

    # -- columns and focus ---------------------------------------------------------------

    def set_active(self, index: int) -> None:
        focus_column = isinstance(self.focused, ItemColumn)
        self.active = index % len(COLUMNS)
        self.show_target()
        if focus_column:
            self.active_column.focus()

    def action_next_column(self) -> None:
        self.set_active(self.active + 1)

    def action_previous_column(self) -> None:
        self.set_active(self.active - 1)

    def action_select_items(self) -> None:
        self.active_column.focus()

    def action_focus_input(self) -> None:
        self.entry.focus()

    def action_toggle_brief(self) -> None:
        self.toggle_class("-brief-open")

    @on(ItemColumn.Activated)
    def _column_activated(self, event: ItemColumn.Activated) -> None:
        index = self.columns.index(event.column)
        if index != self.active:
            self.active = index
            self.show_target()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in FACILITATOR_ACTIONS:
            return False
        if action in ("next_column", "previous_column"):
            return not isinstance(self.focused, ItemEditor)
        if action in ("next_step", "previous_step"):
            return not self.following and not self.editing
        if action == "follow":
            return not self.following and self.step != self.info.current_step
        if action == "select_items":
            return self.focused is self.entry or self.focused is None
        if action in ("vote", "withdraw"):
            return self.phase == "vote" and isinstance(self.focused, ItemColumn) and self._selected() is not None
        if action == "undo_delete":
            return bool(self.undo_stack)
        return True

    def _selected(self) -> Item | None:
        return self.active_column.selected_item

    # -- editing and deleting their own (ItemActions), undoing ------------------------------

    VOTING_NOTE = "Voting is on: new items wait until the facilitator moves on (your text stays here)."

    @property
    def author(self) -> str | None:
        return self.participant

    def item_added(self, item: Item) -> None:
        if item.step == self.step:  # `items` holds the step shown
            self.items = [i for i in self.items if i.id != item.id] + [item]

    def may_change(self, item: Item) -> bool:
        return self.is_own(item)

    def edit_in_store(self, item: Item, text: str) -> Item:
        return self.workshop.store.edit_own_item(self.info.id, item.id, self.participant, text)

    def delete_in_store(self, item: Item) -> DeletedItem:
        return self.workshop.store.delete_own_item(self.info.id, item.id, self.participant)

    @work(group="write")
    async def action_undo_delete(self) -> None:
        if not self.undo_stack:
            return
        deleted = self.undo_stack.pop()
        store = self.workshop.store
        assert store is not None
        try:
            item = await self.workshop.call_store(store.restore_item, deleted)
        except StoreError as error:
            self.undo_stack.append(deleted)
            self.notify(str(error), title="Not restored", severity="error", markup=False)
            return
        self.refresh_bindings()
        self.refresh_from_store()
        self.notify(f"Restored “{short(item.text)}” (step {item.step}).", markup=False)

    # -- dots --------------------------------------------------------------------------------

    def action_vote(self) -> None:
        item = self._selected()
        if item is not None and self.phase == "vote":
            self.vote(self.active_column, item, withdraw=False)

    def action_withdraw(self) -> None:
        item = self._selected()
        if item is not None and self.phase == "vote":
            self.vote(self.active_column, item, withdraw=True)

    @work(group="write")
    async def vote(self, column: ItemColumn, item: Item, *, withdraw: bool) -> None:
        store = self.workshop.store
        assert store is not None
        method = store.withdraw_own_vote if withdraw else store.cast_own_vote
        try:
            saved = await self.workshop.call_store(method, self.info.id, item.id, self.participant)
        except StoreError as error:
            self.notify(str(error), title="Dot not taken back" if withdraw else "Dot not placed",
                        severity="warning", markup=False)
            return
        self.my_votes[item.id] += -1 if withdraw else 1
        self.my_votes = +self.my_votes  # drop items left with no dot
        column.replace(saved)
        self.show_phase()

    # -- leaving -----------------------------------------------------------------------------

    # -- command palette -------------------------------------------------------------------

    def palette_commands(self) -> Iterable[SystemCommand]:
        """What a participant may do, and nothing of the facilitator's."""
        yield SystemCommand("Next column", "Type into the next column (Tab)", self.action_next_column)
        yield SystemCommand("Previous column", "Type into the previous column (Shift+Tab)", self.action_previous_column)
        yield SystemCommand("Select items", "Select items: edit or delete your own, vote (Escape)",
                            self.action_select_items)
        yield SystemCommand("Type a new item", "Back to the input line", self.action_focus_input)
        yield SystemCommand("Brief", "Show the step's whole brief, or shrink it again (F2)", self.action_toggle_brief)
        if not self.following:
            yield SystemCommand("Next step", "Look at the next step (Ctrl+N)", self.action_next_step)
            yield SystemCommand("Previous step", "Look at the previous step (Ctrl+B)", self.action_previous_step)
            yield SystemCommand("Facilitator's step", "Back to the step the facilitator is on (Ctrl+F)",
                                self.action_follow)
        item = self._selected()
        if item is not None and self.is_own(item):
            yield SystemCommand("Edit my item", "Edit the selected item in place (Enter)",
                                self.active_column.action_edit)
            yield SystemCommand("Delete my item", "Delete the selected item (D)", self.active_column.action_delete)
        if item is not None and self.phase == "vote":
            yield SystemCommand("Vote", "Place one of your dots on the selected item (V)", self.action_vote)
            yield SystemCommand("Take a dot back", "Take one of your dots back (W)", self.action_withdraw)
        if self.undo_stack:
            yield SystemCommand("Undo delete", "Bring back the item you deleted last (U)", self.action_undo_delete)
