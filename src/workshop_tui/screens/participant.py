"""A participant's screen: the facilitator's step, its prompts, three columns, and one input line.

It shows the step the facilitator is on and follows it, and its phase, as soon as the
facilitator moves (unless the facilitator lets participants browse: then Ctrl+N and Ctrl+B
move between steps, and Ctrl+F comes back). Everyone's items are shown; the participant adds
items under their own name (the `EntryBar`, handed their name), edits and deletes only their
own (the columns' `can_edit`, and the `ParticipantStore` behind it), and places and takes
back their own dots while the step is in the vote phase.

Live (`refresh_view`, the live loop of every session screen): it re-reads its step and redraws
only what changed (`ItemColumn.sync`); focus and the text being typed are never touched, and
an edit in progress is never pulled away (following a new step waits until the edit is done).
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from workshop_tui.i18n import N_, _
from workshop_tui.content import Template
from workshop_tui.model import Clock, Item, SessionInfo, step_dots
from workshop_tui.screens.items_screen import ItemsScreen
from workshop_tui.session_store import LiveStep, ParticipantStore
from workshop_tui.widgets.entry import EntryBar
from workshop_tui.timebox import brainstormed
from workshop_tui.widgets.facilitation_bar import brainstorm_labels, step_title
from workshop_tui.widgets.footer import AppFooter
from workshop_tui.widgets.item_column import ItemColumn
from workshop_tui.widgets.rows import item_content
from workshop_tui.widgets.progress_header import ProgressHeader
from workshop_tui.widgets.step_board import brief_content
from workshop_tui.workers import store_work

PHASE_LINES = {
    "private": N_("Write privately: only you see your items until the facilitator reveals them."),
    "brainstorm": N_("Brainstorm: add your actions, obstacles and tools."),
    "cluster": N_("Cluster: the facilitator groups similar items; you can still add."),
    "vote": N_("Vote: Esc selects an item, v places a dot, w takes it back."),
    "discuss": N_("Discuss: the group talks the top items through."),
}
VOTING_NOTE = N_("Voting is on: new items wait until the facilitator moves on (your text stays here).")

# Actions of the shared item column that belong to the facilitator's screen, not this one.
FACILITATOR_ACTIONS = ("summary", "choose_speaker")


class ParticipantScreen(ItemsScreen[None]):
    """One participant in one session, at the facilitator's step."""

    CSS_PATH = "participant.tcss"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]
    HELP_TITLE = N_("Your screen")
    SHOWS_OWN_HIDDEN = True

    BINDINGS = [
        Binding("tab", "next_column", N_("Column"), tooltip=N_("Type into (or select in) the next column")),
        Binding("shift+tab", "previous_column", N_("Previous column"), show=False, tooltip=N_("Type into the previous column")),
        Binding("escape", "select_items", N_("Select"), tooltip=N_("Select items: edit or delete your own, vote")),
        Binding("v", "vote", N_("Vote"), tooltip=N_("Place one of your dots on the selected item (vote phase)")),
        Binding("w", "withdraw", N_("Take back"), tooltip=N_("Take one of your dots back from the selected item")),
        Binding("ctrl+z", "undo_delete", N_("Undo"), tooltip=N_("Bring back the item you deleted last")),
        Binding("ctrl+n", "next_step", N_("Next step"), tooltip=N_("Look at the next step (when the facilitator allows it)")),
        Binding("ctrl+b", "previous_step", N_("Previous step"), show=False,
                tooltip=N_("Look at the previous step (when the facilitator allows it)")),
        Binding("ctrl+f", "follow", N_("Facilitator's step"), tooltip=N_("Back to the step the facilitator is on")),
        Binding("f2", "toggle_brief", N_("Brief"), show=False, tooltip=N_("Show the step's whole brief, or shrink it again")),
    ]

    def __init__(self, session: ParticipantStore, info: SessionInfo, template: Template, *, clock: Clock) -> None:
        super().__init__(session, info, template, clock=clock)
        self.session: ParticipantStore = session
        self.participant = session.name
        self.phase = "brainstorm"
        self.dots = info.votes_per_participant
        """The dots each participant has in the shown step's vote (its own, else the session's)."""
        self.my_votes: Counter[str] = Counter()
        """This participant's dots on the step's items, by item id."""
        self._follow_waiting = False
        self._phase_shown: Content | None = None

    def compose(self) -> ComposeResult:
        yield ProgressHeader(self.info.title)
        with Vertical(id="participant-main"):
            yield Static(id="step-title")
            yield Static(id="phase-line")
            with VerticalScroll(id="brief"):
                yield Static(id="step-brief")
            with Horizontal(id="columns"):
                for key in self.template.column_keys:
                    yield ItemColumn(key, self.template.column(key).label, id=f"col-{key}",
                                     can_edit=self.is_own, can_move=False, describe=self.describe)
            labels = {column.key: column.label for column in self.template.columns}
            yield EntryBar(labels, author=self.participant, refused_note=VOTING_NOTE, id="entry").data_bind(
                ParticipantScreen.step)
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#brief").can_focus = False
        self.set_interval(0.5, self._catch_up, name="follow after an edit")
        self.watch_step()
        self.watch_column()
        self.entry.focus()
        self.reread()

    @property
    def following(self) -> bool:
        return self.info.participants_follow

    # -- what is whose -------------------------------------------------------------------

    def is_own(self, item: Item) -> bool:
        """Whether this participant wrote the item (only those can be edited and deleted)."""
        return item.session_id == self.info.id and item.author == self.participant

    def describe(self, item: Item) -> Content:
        """An item as typed, its author, whether only they see it, and their own dots on it."""
        content = item_content(item)
        if item.hidden:
            content = Content.assemble(content, "  ", (_("(only you see this)"), "dim italic"))
        mine = self.my_votes.get(item.id, 0)
        if mine:
            content = Content.assemble(content, "  ", ("●" * mine, "bold $accent"))
        return content

    # -- drawing -------------------------------------------------------------------------

    def watch_step(self) -> None:
        """Draw what depends on the step (not the items)."""
        step = self.template.step(self.step) if self.step <= self.template.step_count else None
        self.query_one(ProgressHeader).set_step(self.step, self.info.step_count)
        self.query_one("#step-title", Static).update(step_title(self.step, step))
        # The facilitator's notes are for the facilitator: participants see the prompts.
        self.query_one("#step-brief", Static).update(brief_content(step, notes=False))
        self.show_phase()

    def watch_column(self) -> None:
        for index, column in enumerate(self.columns):
            column.set_class(index == self.column, "-active")

    def show_phase(self) -> None:
        labels = brainstorm_labels(self.template)
        text = _("Brainstorm: add your {columns}.").format(columns=brainstormed(labels)) \
            if self.phase == "brainstorm" and labels else None
        line = Content.styled(text or _(PHASE_LINES.get(self.phase, "")), "bold" if self.phase == "vote" else "")
        if self.phase == "vote":
            per_person = self.dots
            left = max(0, per_person - sum(self.my_votes.values()))
            line = Content.assemble(line, "  ", (_("{left} of {count} dots left").format(left=left, count=per_person), "bold $accent"))
        where = self.info.current_step
        if not self.following:
            note = _("The facilitator lets you browse: Ctrl+N and Ctrl+B change step")
            if where != self.step:
                note += _("; Ctrl+F goes back to step {step}, where they are").format(step=where)
            line = Content.assemble(line, "\n", (note + ".", "dim"))
        elif self._follow_waiting:
            line = Content.assemble(line, "\n", (_("The facilitator is on step {step}: you follow once your edit "
                                                   "is saved (Enter) or cancelled (Escape).").format(step=where), "bold $warning"))
        if line != self._phase_shown:  # redraw only what changed
            self._phase_shown = line
            self.query_one("#phase-line", Static).update(line)
        self.set_class(self.phase == "vote", "-voting")

    async def show_live(self, live: LiveStep, *, new_step: bool) -> None:
        """Show a step as the store returned it; only what changed is redrawn."""
        view, old_info = live.view, self.info
        votes = Counter(vote.item_id for vote in live.votes if vote.participant == self.participant)
        dots = step_dots(view.info, view.state)
        changed = (view.state.phase != self.phase or votes != self.my_votes or dots != self.dots
                   or old_info.participants_follow != view.info.participants_follow)
        self.info, self.phase, self.my_votes, self.dots = view.info, view.state.phase, votes, dots
        self.entry_bar.accepting = self.phase != "vote"
        if view.info.title != old_info.title:
            self.query_one(ProgressHeader).set_title(view.info.title)
        if self.step != view.step:
            self.step = view.step  # draws the step and the phase
        else:
            self.show_phase()
        self.items.set(view.items)  # the step shown
        for column in self.columns:
            mine = [item for item in view.items if item.column == column.key]
            await (column.show_items(mine) if new_step else column.sync(mine))
        if new_step or changed:
            self.refresh_bindings()

    # -- live: what anyone else changes --------------------------------------------------

    async def refresh_view(self) -> None:
        """Re-read the step shown (or the facilitator's new one) and redraw what changed."""
        shown, editing = self.step, self.editing
        live = await self.session.live_step(shown, follow=lambda info: info.participants_follow and not editing,
                                            viewer=self.participant)
        info = live.view.info
        # Never pull an edit away: follow the facilitator once it is done.
        self._follow_waiting = editing and info.participants_follow and info.current_step != live.view.step
        if self.step != shown:
            return  # the participant changed step meanwhile; that step is being read
        await self.show_live(live, new_step=live.view.step != shown or not self.loaded)
        self.loaded = True

    def _catch_up(self) -> None:
        if self._follow_waiting and not self.editing:
            self.reread()

    # -- moving between steps (only when the facilitator allows browsing) -----------------

    def go_to_step(self, number: int) -> None:
        if not self.may_go_to(number):
            return
        self.step = number
        self.load_step()

    @store_work(N_("Cannot read the step"), group="step", exclusive=True)
    async def load_step(self) -> None:
        step = self.step
        live = await self.session.live_step(step, viewer=self.participant)
        if step == self.step:
            await self.show_live(live, new_step=True)

    def action_next_step(self) -> None:
        if not self.following and self.step < self.info.step_count:
            self.go_to_step(self.step + 1)

    def action_previous_step(self) -> None:
        if not self.following and self.step > 1:
            self.go_to_step(self.step - 1)

    def action_follow(self) -> None:
        self.go_to_step(self.info.current_step)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in FACILITATOR_ACTIONS:
            return False
        if action in ("next_step", "previous_step"):
            return not self.following and not self.editing
        if action == "follow":
            return not self.following and self.step != self.info.current_step
        if action in ("vote", "withdraw"):
            return self.phase == "vote" and isinstance(self.focused, ItemColumn) and self._selected() is not None
        return super().check_action(action, parameters)

    def _selected(self) -> Item | None:
        return self.active_column.selected_item

    # -- undoing and dots ------------------------------------------------------------------

    def action_vote(self) -> None:
        item = self._selected()
        if item is not None and self.phase == "vote":
            self.vote(self.active_column, item)

    def action_withdraw(self) -> None:
        item = self._selected()
        if item is not None and self.phase == "vote":
            self.withdraw(self.active_column, item)

    @store_work(N_("Dot not placed"))
    async def vote(self, column: ItemColumn, item: Item) -> None:
        self._voted(column, await self.session.cast_vote(item, self.participant), +1)

    @store_work(N_("Dot not taken back"))
    async def withdraw(self, column: ItemColumn, item: Item) -> None:
        self._voted(column, await self.session.withdraw_vote(item, self.participant), -1)

    def _voted(self, column: ItemColumn, saved: Item, change: int) -> None:
        self.my_votes[saved.id] += change
        self.my_votes = +self.my_votes  # drop items left with no dot
        column.replace(saved)
        self.show_phase()

    # -- command palette -------------------------------------------------------------------

    def palette_commands(self) -> Iterable[SystemCommand]:
        """What a participant may do, and nothing of the facilitator's."""
        yield SystemCommand(_("Next column"), _("Type into the next column (Tab)"), self.action_next_column)
        yield SystemCommand(_("Previous column"), _("Type into the previous column (Shift+Tab)"), self.action_previous_column)
        yield SystemCommand(_("Select items"), _("Select items: edit or delete your own, vote (Escape)"),
                            self.action_select_items)
        yield SystemCommand(_("Type a new item"), _("Back to the input line"), self.action_focus_input)
        yield SystemCommand(_("Brief"), _("Show the step's whole brief, or shrink it again (F2)"), self.action_toggle_brief)
        if not self.following:
            yield SystemCommand(_("Next step"), _("Look at the next step (Ctrl+N)"), self.action_next_step)
            yield SystemCommand(_("Previous step"), _("Look at the previous step (Ctrl+B)"), self.action_previous_step)
            yield SystemCommand(_("Facilitator's step"), _("Back to the step the facilitator is on (Ctrl+F)"),
                                self.action_follow)
        item = self._selected()
        if item is not None and self.is_own(item):
            yield SystemCommand(_("Edit my item"), _("Edit the selected item in place (Enter)"),
                                self.active_column.action_edit)
            yield SystemCommand(_("Delete my item"), _("Delete the selected item (Delete)"), self.active_column.action_delete)
        if item is not None and self.phase == "vote":
            yield SystemCommand(_("Vote"), _("Place one of your dots on the selected item (V)"), self.action_vote)
            yield SystemCommand(_("Take a dot back"), _("Take one of your dots back (W)"), self.action_withdraw)
        if self.undo_stack:
            yield SystemCommand(_("Undo delete"), _("Bring back the item you deleted last (Ctrl+Z)"), self.action_undo_delete)

