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

from workshop_tui import timebox
from workshop_tui.screens.export_dialog import EXPORT_COMMANDS
from workshop_tui.screens.help import Section, own_bindings, widget_section
from workshop_tui.widgets.group_column import GroupColumn
from workshop_tui.widgets.item_input import ItemEditor, ItemInput

if TYPE_CHECKING:
    from workshop_tui.screens.step import StepScreen

STEP_BINDINGS = [
    Binding("tab", "next_column", "Column", tooltip="Type into (or select in) the next column"),
    Binding("shift+tab", "previous_column", "Previous column", show=False, tooltip="Type into the previous column"),
    Binding("escape", "select_items", "Select", tooltip="Select items in the column, to edit, delete or move them"),
    Binding("ctrl+n", "next_step", "Next step", tooltip="Go on to the next step"),
    Binding("ctrl+b", "previous_step", "Previous step", show=False, tooltip="Go back to the previous step"),
    Binding("ctrl+g", "choose_step", "Go to step", show=False, tooltip="Pick a step from the step list"),
    Binding("ctrl+o", "choose_speaker", "Speaker", tooltip="Choose who is speaking: the author of new items"),
    Binding("ctrl+s", "summary", "Summary", tooltip="The whole table, and exports"),
    Binding("ctrl+z", "undo_delete", "Undo", tooltip="Bring back the item deleted last"),
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
    Binding("f12", "toggle_presenter", "Present",
            tooltip="Presenter mode for the shared screen: prompt, timer and columns, large (F12 or Esc leaves)"),
    Binding("f3", "agenda", "Agenda", tooltip="Planned against actual time per step; votes per participant"),
    Binding("f4", "followups", "Follow-ups", tooltip="Every follow-up of the session, with owner and due date"),
    Binding("ctrl+r", "reveal", "Reveal", show=False,
            tooltip="Reveal the step's privately written items to everyone at once"),
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
    ("Next step", "Go on to the next step (Ctrl+N)", "next_step"),
    ("Previous step", "Go back one step (Ctrl+B)", "previous_step"),
    ("Next column", "Type into the next column (Tab)", "next_column"),
    ("Previous column", "Type into the previous column (Shift+Tab)", "previous_column"),
    ("Select items", "Select items in the active column (Escape)", "select_items"),
    ("Type a new item", "Back to the input line", "focus_input"),
    ("Speaker", "Choose who is speaking (Ctrl+O)", "choose_speaker"),
    ("Add a participant", "Add someone to the list of speakers", "add_participant"),
    ("Brief", "Show the step's whole brief, or shrink it again (F2)", "toggle_brief"),
    ("Step list", "Pick a step from the list (Ctrl+G)", "choose_step"),
    ("Summary", "The whole table, and exports (Ctrl+S)", "summary"),
    ("Back to sessions", "Leave this session for the list (Ctrl+L)", "close_session"),
)
FACILITATION_COMMANDS = (
    ("Timebox +1 minute", "Add a minute to this step (F6)", "extend_timer(1)"),
    ("Timebox +5 minutes", "Add five minutes to this step (F7)", "extend_timer(5)"),
    ("Next phase", "Brainstorm, cluster, vote, discuss (F8)", "next_phase"),
    ("Previous phase", "Back one phase (F9)", "previous_phase"),
    ("Presenter mode", "Prompt, timer and columns, large, for the shared screen (F12)", "toggle_presenter"),
    ("Agenda", "Planned against actual time per step (F3)", "agenda"),
    ("Follow-ups", "Every follow-up: step, text, owner, due date (F4)", "followups"),
)
ITEM_COMMANDS = (
    ("Edit item", "Edit the selected item in place (Enter)", "edit"),
    ("Delete item", "Delete the selected item (Delete)", "delete"),
    ("Move item up", "Move it up (Shift+Up)", "move(-1)"),
    ("Move item down", "Move it down (Shift+Down)", "move(1)"),
    ("Follow-up…", "Make the selected item a follow-up: owner, due date (Ctrl+F)", "followup"),
)
PHASE_COMMANDS = {
    "cluster": (("Mark item", "Mark it for merging (Space)", "mark"),
                ("Merge marked items", "Into one cluster (Ctrl+K)", "merge"),
                ("Split cluster", "Back into separate items (Ctrl+X)", "split")),
    "vote": (("Vote", "Place one of the speaker's dots (V)", "vote"),
             ("Withdraw a vote", "Take one of the speaker's dots back (W)", "withdraw")),
}


def step_commands(screen: StepScreen) -> Iterable[SystemCommand]:
    """Every command of the step screen, as it stands."""

    def run(target: str, action: str) -> Callable[[], Awaitable[object]]:
        return lambda: (screen if target == "screen" else screen.active_column).run_action(action)

    for title, help_text, action in COMMANDS[:2]:
        yield SystemCommand(title, help_text, run("screen", action))
    for step in screen.template.steps:
        yield SystemCommand(f"Go to step {step.number}: {step.title}", "Jump to this step",
                            lambda n=step.number: screen.go_to_step(n))
    for title, help_text, action in COMMANDS[2:]:
        yield SystemCommand(title, help_text, run("screen", action))
    for title, help_text, fmt in EXPORT_COMMANDS:
        yield SystemCommand(title, f"{help_text} (Ctrl+S, then E)", partial(screen.action_summary, fmt or ""))
    running = bool(screen.facilitation.state.running_since)
    yield SystemCommand("Pause the timer" if running else "Start the timer",
                        "The step's countdown; time spent is recorded (F5)", screen.action_toggle_timer)
    for title, help_text, action in FACILITATION_COMMANDS:
        yield SystemCommand(title, help_text, run("screen", action))
    for phase in timebox.PHASES:
        yield SystemCommand(f"Phase: {timebox.PHASE_LABELS[phase]}", timebox.PHASE_HELP[phase],
                            lambda p=phase: screen.facilitation.set_phase(p))
    yield SystemCommand("Dots per participant…", f"Now {screen.info.votes_per_participant} per step",
                        screen.action_set_votes)
    state = screen.facilitation.state
    yield SystemCommand("Reveal private items", "Show the step's privately written items to everyone, credited "
                        "(Ctrl+R)" if not state.anonymous else "Show them to everyone, anonymously (Ctrl+R)",
                        screen.action_reveal)
    yield SystemCommand("Reveal private items anonymously", "Show them to everyone without their authors "
                        "(dropped for good)", lambda: screen.action_reveal(True))
    yield SystemCommand("Anonymous reveal: " + ("off" if state.anonymous else "on"),
                        "This step's private items will be revealed " + ("credited" if state.anonymous
                                                                         else "without their authors"),
                        lambda: screen.facilitation.set_anonymous(not state.anonymous))
    column = screen.active_column
    if column.selected_group is not None:
        for title, help_text, action in (*ITEM_COMMANDS, *PHASE_COMMANDS.get(column.phase, ())):
            if column.check_action(action.split("(")[0], ()):
                yield SystemCommand(title, help_text, run("column", action))
    yield SystemCommand("Undo delete", "Bring back the item deleted last (Ctrl+Z)" if screen.undo_stack
                        else "Nothing deleted to bring back yet (Ctrl+Z)", screen.action_undo_delete)


def step_help(screen: StepScreen) -> list[Section]:
    """The step screen's sections of the help: typing, items selected, facilitating, editing."""

    def facilitating(binding: Binding) -> bool:
        return binding.action.split("(")[0] in FACILITATION_ACTIONS

    keys = own_bindings(STEP_BINDINGS)
    return [("A step: typing", [*own_bindings(ItemInput.BINDINGS), *[b for b in keys if not facilitating(b)]]),
            *[section for section in [widget_section(GroupColumn)] if section],
            ("A step: facilitating", [b for b in keys if facilitating(b)]),
            ("Editing an item", own_bindings(ItemEditor.BINDINGS))]
