"""The step screen's keys, as the footer, the help screen and the palette (Ctrl+P) show them.

`STEP_BINDINGS` are the screen's keys (typing, moving, facilitating); the footer keeps the ones
that fit (`footer_optional(phase)` go first); the help splits typing from facilitating (`step_help`);
the palette (`step_commands`) is a table of (title, what it does, the screen's action), then
what depends on the moment: a command per step ("Go to step 3: ..."), per phase, and those for
the selected item.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Awaitable, Callable, Iterable

from textual.app import SystemCommand
from textual.binding import Binding

from workshop_tui.i18n import N_, _
from workshop_tui import timebox
from workshop_tui.model import step_dots
from workshop_tui.screens.export_dialog import EXPORT_COMMANDS
from workshop_tui.screens.help import Section, own_bindings, widget_section
from workshop_tui.widgets.group_column import GroupColumn
from workshop_tui.widgets.item_input import ItemEditor, ItemInput

if TYPE_CHECKING:
    from workshop_tui.screens.step import StepScreen

STEP_BINDINGS = [
    Binding("tab", "next_column", N_("Column"), tooltip=N_("Type into (or select in) the next column")),
    Binding("shift+tab", "previous_column", N_("Previous column"), show=False, tooltip=N_("Type into the previous column")),
    Binding("escape", "select_items", N_("Select"), tooltip=N_("Select items in the column, to edit, delete or move them")),
    Binding("ctrl+n", "next_step", N_("Next step"), tooltip=N_("Go on to the next step")),
    Binding("ctrl+b", "previous_step", N_("Previous step"), show=False, tooltip=N_("Go back to the previous step")),
    Binding("ctrl+g", "choose_step", N_("Go to step"), show=False, tooltip=N_("Pick a step from the step list")),
    Binding("ctrl+o", "choose_speaker", N_("Speaker"), tooltip=N_("Choose who is speaking: the author of new items")),
    Binding("ctrl+s", "summary", N_("Summary"), tooltip=N_("The whole table, and exports")),
    Binding("ctrl+z", "undo_delete", N_("Undo"), tooltip=N_("Bring back the item deleted last")),
    Binding("f2", "toggle_brief", N_("Brief"), show=False, tooltip=N_("Show the step's whole brief, or shrink it again")),
    Binding("ctrl+l", "close_session", N_("Sessions"), show=False, tooltip=N_("Back to the list of sessions")),
    Binding("f5", "toggle_timer", N_("Timer"), tooltip=N_("Start or pause the step's timer (time spent is recorded)")),
    # Priority: the text box's own F6 and F7 (select line, select all) give way while typing.
    Binding("f6", "extend_timer(1)", N_("+1 min"), show=False, priority=True,
            tooltip=N_("Add a minute to the step's timebox")),
    Binding("f7", "extend_timer(5)", N_("+5 min"), show=False, priority=True,
            tooltip=N_("Add five minutes to the step's timebox")),
    Binding("f8", "next_phase", N_("Phase"), tooltip=N_("Next phase: brainstorm, cluster, vote, discuss")),
    Binding("f9", "previous_phase", N_("Phase back"), show=False, tooltip=N_("Back to the previous phase")),
    Binding("f12", "toggle_presenter", N_("Present"),
            tooltip=N_("Presenter mode for the shared screen: prompt, timer and columns, large (F12 or Esc leaves)")),
    Binding("f3", "agenda", N_("Agenda"), tooltip=N_("Planned against actual time per step; votes per participant")),
    Binding("f4", "followups", N_("Follow-ups"), tooltip=N_("Every follow-up of the session, with owner and due date")),
    Binding("ctrl+r", "reveal", N_("Reveal"), show=False,
            tooltip=N_("Reveal the step's privately written items to everyone at once")),
]

# The footer shows as many keys as fit: `footer_optional` says what goes first when it is
# narrow (80 columns). Ctrl+Q and F1 always stay. Typing, it keeps Esc, Ctrl+N, Ctrl+S and the
# keys of facilitating (F5 timer, F8 phase, F12 presenter; F4 follow-ups in the discussion);
# with items selected, the item's and the phase's keys (Delete, v/w, Space/m/s, f) and F5, F8,
# F12 and F3 agenda (F4 in the discussion). Dropped keys still work; the input's placeholder
# says Enter adds; F1 and Ctrl+P list them all.
TYPING_DROP = ("submit", "next_column", "choose_speaker", "move", "edit", "followup")
SELECTED_DROP = ("next_step", "move", "edit", "summary", "next_column", "choose_speaker")


def facilitate(method: str, *fixed: object) -> Callable[..., None]:
    """A step screen action that is its `Facilitation` area's `method` (given `fixed`, then the
    action's own parameters: `extend_timer(5)`)."""
    return lambda screen, *params: getattr(screen.facilitation, method)(*fixed, *params)


def footer_optional(phase: str, *, typing: bool) -> tuple[str, ...]:
    """What the footer drops first when it is narrow, in the phase `phase`, typing or with
    items selected: follow-ups (F4, and Ctrl+F on an item) matter in the discussion, the agenda (F3)
    before it; the last phase has no next phase (F8)."""
    discuss = phase == "discuss"
    if typing:
        first = (*TYPING_DROP, "agenda", "next_phase", "summary") if discuss else (*TYPING_DROP, "followups", "agenda")
    else:
        first = (*SELECTED_DROP, "agenda") if discuss else (*SELECTED_DROP, "followups", "followup", "agenda")
    return (*first, "toggle_presenter", "next_step", "summary", "next_phase", "followups", "toggle_timer",
            "select_items")


PRESENTER_FOOTER = ("toggle_presenter", "next_step", "toggle_timer", "next_phase", "quit", "help")

# The step screen's facilitation keys (the help screen lists them apart).
FACILITATION_ACTIONS = ("toggle_timer", "extend_timer", "next_phase", "previous_phase", "toggle_presenter", "agenda",
                        "followups", "reveal")

COMMANDS = (
    (N_("Next step"), N_("Go on to the next step (Ctrl+N)"), "next_step"),
    (N_("Previous step"), N_("Go back one step (Ctrl+B)"), "previous_step"),
    (N_("Next column"), N_("Type into the next column (Tab)"), "next_column"),
    (N_("Previous column"), N_("Type into the previous column (Shift+Tab)"), "previous_column"),
    (N_("Select items"), N_("Select items in the active column (Escape)"), "select_items"),
    (N_("Type a new item"), N_("Back to the input line"), "focus_input"),
    (N_("Speaker"), N_("Choose who is speaking (Ctrl+O)"), "choose_speaker"),
    (N_("Add a participant"), N_("Add someone to the list of speakers"), "add_participant"),
    (N_("Brief"), N_("Show the step's whole brief, or shrink it again (F2)"), "toggle_brief"),
    (N_("Step list"), N_("Pick a step from the list (Ctrl+G)"), "choose_step"),
    (N_("Summary"), N_("The whole table, and exports (Ctrl+S)"), "summary"),
    (N_("Back to sessions"), N_("Leave this session for the list (Ctrl+L)"), "close_session"),
)
FACILITATION_COMMANDS = (
    (N_("Timebox +1 minute"), N_("Add a minute to this step (F6)"), "extend_timer(1)"),
    (N_("Timebox +5 minutes"), N_("Add five minutes to this step (F7)"), "extend_timer(5)"),
    (N_("Next phase"), N_("Brainstorm, cluster, vote, discuss (F8)"), "next_phase"),
    (N_("Previous phase"), N_("Back one phase (F9)"), "previous_phase"),
    (N_("Presenter mode"), N_("Prompt, timer and columns, large, for the shared screen (F12)"), "toggle_presenter"),
    (N_("Agenda"), N_("Planned against actual time per step (F3)"), "agenda"),
    (N_("Follow-ups"), N_("Every follow-up: step, text, owner, due date (F4)"), "followups"),
)
ITEM_COMMANDS = (
    (N_("Edit item"), N_("Edit the selected item in place (Enter)"), "edit"),
    (N_("Delete item"), N_("Delete the selected item (Delete)"), "delete"),
    (N_("Move item up"), N_("Move it up (Shift+Up)"), "move(-1)"),
    (N_("Move item down"), N_("Move it down (Shift+Down)"), "move(1)"),
    (N_("Follow-up…"), N_("Make the selected item a follow-up: owner, due date (Ctrl+F)"), "followup"),
)
PHASE_COMMANDS = {
    "cluster": ((N_("Mark item"), N_("Mark it for merging (Space)"), "mark"),
                (N_("Merge marked items"), N_("Into one cluster (Ctrl+K)"), "merge"),
                (N_("Split cluster"), N_("Back into separate items (Ctrl+X)"), "split")),
    "vote": ((N_("Vote"), N_("Place one of the speaker's dots (V)"), "vote"),
             (N_("Withdraw a vote"), N_("Take one of the speaker's dots back (W)"), "withdraw")),
}


def step_commands(screen: StepScreen) -> Iterable[SystemCommand]:
    """Every command of the step screen, as it stands."""

    def run(target: str, action: str) -> Callable[[], Awaitable[object]]:
        return lambda: (screen if target == "screen" else screen.active_column).run_action(action)

    for title, help_text, action in COMMANDS[:2]:
        yield SystemCommand(_(title), _(help_text), run("screen", action))
    for step in screen.template.steps:
        yield SystemCommand(_("Go to step {number}: {title}").format(number=step.number, title=step.title),
                            _("Jump to this step"), lambda n=step.number: screen.go_to_step(n))
    for title, help_text, action in COMMANDS[2:]:
        yield SystemCommand(_(title), _(help_text), run("screen", action))
    for title, help_text, fmt in EXPORT_COMMANDS:
        yield SystemCommand(_(title), _("{help} (Ctrl+S, then E)").format(help=_(help_text)),
                            partial(screen.action_summary, fmt or ""))
    running = bool(screen.facilitation.state.running_since)
    yield SystemCommand(_("Pause the timer") if running else _("Start the timer"),
                        _("The step's countdown; time spent is recorded (F5)"), screen.action_toggle_timer)
    for title, help_text, action in FACILITATION_COMMANDS:
        yield SystemCommand(_(title), _(help_text), run("screen", action))
    for phase in timebox.PHASES:
        yield SystemCommand(_("Phase: {phase}").format(phase=timebox.phase_label(phase)), timebox.phase_help(phase),
                            lambda p=phase: screen.facilitation.set_phase(p))
    yield SystemCommand(_("Dots per participant…"),
                        _("Now {count} per step").format(count=step_dots(screen.info, screen.facilitation.state)),
                        screen.action_set_votes)
    state = screen.facilitation.state
    yield SystemCommand(_("Reveal private items"), _("Show the step's privately written items to everyone, credited "
                        "(Ctrl+R)") if not state.anonymous else _("Show them to everyone, anonymously (Ctrl+R)"),
                        screen.action_reveal)
    yield SystemCommand(_("Reveal private items anonymously"), _("Show them to everyone without their authors "
                        "(dropped for good)"), lambda: screen.action_reveal(True))
    yield SystemCommand(_("Anonymous reveal: off") if state.anonymous else _("Anonymous reveal: on"),
                        _("This step's private items will be revealed credited") if state.anonymous
                        else _("This step's private items will be revealed without their authors"),
                        lambda: screen.facilitation.set_anonymous(not state.anonymous))
    column = screen.active_column
    if column.selected_group is not None:
        for title, help_text, action in (*ITEM_COMMANDS, *PHASE_COMMANDS.get(column.phase, ())):
            if column.check_action(action.split("(")[0], ()):
                yield SystemCommand(_(title), _(help_text), run("column", action))
    yield SystemCommand(_("Undo delete"), _("Bring back the item deleted last (Ctrl+Z)") if screen.undo_stack
                        else _("Nothing deleted to bring back yet (Ctrl+Z)"), screen.action_undo_delete)


def step_help(screen: StepScreen) -> list[Section]:
    """The step screen's sections of the help: typing, items selected, facilitating, editing."""

    def facilitating(binding: Binding) -> bool:
        return binding.action.split("(")[0] in FACILITATION_ACTIONS

    keys = own_bindings(STEP_BINDINGS)
    return [(_("A step: typing"), [*own_bindings(ItemInput.BINDINGS), *[b for b in keys if not facilitating(b)]]),
            *[section for section in [widget_section(GroupColumn)] if section],
            (_("A step: facilitating"), [b for b in keys if facilitating(b)]),
            (_("Editing an item"), own_bindings(ItemEditor.BINDINGS))]
