"""Timeboxes and phases: the pure arithmetic of a step's clock, with the time passed in.

Nothing here reads the clock itself, so tests inject time instead of sleeping, and two
processes showing the same step compute the same countdown from the same stored state.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from workshop_tui.i18n import N_, _
from workshop_tui.model import PHASES, StepState

# PHASES (model.py): every phase a step can be in. `private` is entered only when the facilitator
# chooses it and left by revealing (`Store.reveal_step`); the next/previous walk (F8, F9) is `FLOW`.
FLOW: tuple[str, ...] = PHASES[1:]

PHASE_LABELS = {
    "private": N_("Write privately"),
    "brainstorm": N_("Brainstorm"),
    "cluster": N_("Cluster"),
    "vote": N_("Vote"),
    "discuss": N_("Discuss"),
}

PHASE_HELP = {
    "private": N_("Everyone writes on their own screen; nobody sees another's items until they are revealed."),
    "brainstorm": N_("Everyone adds actions, obstacles and tools. Quantity first; no judging yet."),
    "cluster": N_("Group similar items together (merge and split clusters). Adding still works."),
    "vote": N_("Each participant places their dots on the items that matter most."),
    "discuss": N_("Items are ordered by votes: talk through the top ones and turn them into follow-ups."),
}


def brainstormed(labels: tuple[str, ...]) -> str:
    """`Ideas, Questions and Risks`: a template's column labels as a phrase (its brainstorm says
    what to add); "" for the 8 steps' own columns, whose wording the phase texts already use."""
    if not labels:
        return ""
    return labels[0] if len(labels) == 1 else _("{first} and {last}").format(first=", ".join(labels[:-1]),
                                                                           last=labels[-1])


def phase_label(phase: str) -> str:
    """A phase's name in the current language (an unknown phase: itself, capitalised)."""
    return _(PHASE_LABELS[phase]) if phase in PHASE_LABELS else phase.capitalize()


def phase_help(phase: str, labels: tuple[str, ...] = ()) -> str:
    """What a phase is for (`PHASE_HELP`); brainstorm names the template's columns when given."""
    if phase == "brainstorm" and labels:
        return _("Everyone adds {columns}. Quantity first; no judging yet.").format(columns=brainstormed(labels))
    return _(PHASE_HELP[phase]) if phase in PHASE_HELP else ""


def takes_new_items(phase: str) -> bool:
    """New items wait while the group votes, so the dots go to a list that holds still.
    (Text typed meanwhile stays in the input; saving it on the way out is always allowed.)"""
    return phase != "vote"


def parse_time(stamp: str) -> datetime:
    moment = datetime.fromisoformat(stamp)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def planned_seconds(state: StepState, template_minutes: int) -> int:
    """The step's timebox: its own planned time or the template's, plus extensions."""
    base = state.planned_seconds if state.planned_seconds is not None else template_minutes * 60
    return base + state.extra_seconds


def spent_seconds(state: StepState, now: datetime) -> float:
    """Time the step's timer has run, including the stretch running now."""
    running = (now - parse_time(state.running_since)).total_seconds() if state.running_since else 0.0
    return state.spent_seconds + max(0.0, running)


def remaining_seconds(state: StepState, template_minutes: int, now: datetime) -> float:
    """Seconds left; negative once the timebox is over."""
    return planned_seconds(state, template_minutes) - spent_seconds(state, now)


def start(state: StepState, now: datetime) -> StepState:
    if state.running_since:
        return state
    return replace(state, running_since=now.isoformat())


def pause(state: StepState, now: datetime) -> StepState:
    if not state.running_since:
        return state
    return replace(state, spent_seconds=spent_seconds(state, now), running_since=None)


def extend(state: StepState, seconds: int) -> StepState:
    return replace(state, extra_seconds=max(0, state.extra_seconds + seconds))


def next_phase(phase: str, offset: int = 1, uses: tuple[str, ...] = PHASES) -> str:
    """The phase `offset` steps along `FLOW`, among the phases the step `uses` (its template's);
    private writing moves on to brainstorm (and nothing moves back into it: the facilitator
    chooses it deliberately)."""
    flow = tuple(step for step in FLOW if step in uses or step == FLOW[0])
    if phase not in FLOW:
        return flow[0] if offset > 0 else phase
    for _ in range(abs(offset)):
        after = FLOW.index(phase)
        ahead = [step for step in flow if (FLOW.index(step) > after if offset > 0 else FLOW.index(step) < after)]
        if not ahead:
            break
        phase = ahead[0] if offset > 0 else ahead[-1]
    return phase


def shown_phases(phase: str, uses: tuple[str, ...] = PHASES) -> tuple[str, ...]:
    """The phases a phase bar lists: the walk among those the step uses, with private writing
    only while the step is in it (and the phase it is in, whatever its template says)."""
    return tuple(step for step in PHASES if step == phase or (step in FLOW and (step in uses or step == FLOW[0])))


def format_clock(seconds: float) -> str:
    """12:05, or -0:42 once over time."""
    sign = "-" if seconds < 0 else ""
    whole = int(abs(seconds) + (0.999 if seconds > 0 else 0))  # count down in whole seconds, ceiling
    return f"{sign}{whole // 60}:{whole % 60:02d}"
