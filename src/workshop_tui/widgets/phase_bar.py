"""Which phase a step is in (brainstorm, cluster, vote, discuss) and what that phase allows.

Three lines: the four phases with the current one lit (and, while voting, the dots the speaker
has left); what the phase is for (`timebox.PHASE_HELP`); and, on the facilitator's screen, the
keys it opens (a short terminal leaves that line out: the footer shows the keys). The
presenter's bar has no keys.
"""

from __future__ import annotations

from typing import Iterable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from workshop_tui.i18n import N_, _, ngettext
from workshop_tui import timebox
from workshop_tui.model import Vote
from workshop_tui.widgets.bars import joined_spaces

FOLLOWUP_STEPS = (5, 8)  # steps that end in commitments: an action, an owner, a date

KEYS = {
    "private": N_("Only how many each person wrote shows here. Ctrl+R reveals them all at once."),
    "brainstorm": N_("Type, Enter adds. Esc selects items: Enter edits, Del deletes, ⇧↑ ⇧↓ move."),
    "cluster": N_("Esc selects items: Space marks, Ctrl+K merges the marked with the selected one, Ctrl+X splits."),
    "vote": N_("Esc selects items: v places one of the speaker's dots, w takes it back. New items wait."),
    "discuss": N_("Columns ordered by votes. Esc selects items: Ctrl+F makes one a follow-up (owner, due date)."),
}


class PhaseBar(Vertical):
    """`BRAINSTORM › Cluster › Vote › Discuss`, what the phase is for, and its keys."""

    DEFAULT_CSS = """
    PhaseBar {
        height: auto;
        padding: 0 1;
        & > Static { height: auto; }
        & #phase-keys { color: $text-muted; }
        &.-no-hints #phase-keys { display: none; }
    }
    """

    def __init__(self, *, hints: bool = True, labels: tuple[str, ...] = (), id: str | None = None) -> None:
        super().__init__(id=id)
        self.hints = hints
        self.labels = labels
        """The template's column labels, which the brainstorm's help names (none: the 8 steps' words)."""
        self.phase = "brainstorm"
        self.step = 1
        self.uses: tuple[str, ...] = timebox.PHASES
        self.votes: Content | None = None
        self.hidden: dict[str, int] = {}
        """Unrevealed items by author ("" for none), while the step is written privately."""
        self._shown: dict[str, tuple[object, ...]] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="phase-chips")
        yield Static(id="phase-help")
        yield Static(id="phase-keys")

    def on_mount(self) -> None:
        self._shown.clear()
        self.set_hints(self.hints)

    def set_hints(self, hints: bool) -> None:
        """Show the keys (the facilitator's screen) or not (the shared screen)."""
        self.hints = hints
        self.set_class(not hints, "-no-hints")
        self._draw()

    def show(self, phase: str, step: int, uses: tuple[str, ...] = timebox.PHASES) -> None:
        """The step's phase, among the phases it uses (its template's)."""
        self.phase, self.step, self.uses = phase, step, uses
        self._draw()

    def show_votes(self, speaker: str, votes: Iterable[Vote], per_person: int) -> None:
        """The speaker's dots left in this step, of the step's `votes` (shown while voting)."""
        if not speaker:
            self.votes = Content.styled(_("Who votes? Ctrl+O picks the speaker."), "bold $text-warning")
        else:
            left = max(0, per_person - sum(1 for vote in votes if vote.participant == speaker))
            spent = max(0, per_person - left)
            self.votes = joined_spaces(Content.assemble(
                (speaker, "bold"), ": ", ("●" * left, "bold $accent"), ("○" * spent, "dim"),
                " " + ngettext("{left} of {count} dot left", "{left} of {count} dots left", per_person).format(
                    left=left, count=per_person),
            ))
        self._draw()

    def show_hidden(self, counts: dict[str, int]) -> None:
        """How many unrevealed items each person has written (never their texts)."""
        if counts != self.hidden:
            self.hidden = dict(counts)
            self._draw()

    def hidden_content(self) -> Content:
        """`Written privately: Ana 3 · Bo 2 · anonymous 1` (names as typed, never markup; never texts)."""
        if not self.hidden:
            return Content.styled(_("Nothing written yet."), "dim")
        parts: list[Content] = []
        for name, count in sorted(self.hidden.items(), key=lambda entry: (entry[0] == "", entry[0].casefold())):
            parts.append(Content.assemble((name or _("anonymous"), "bold" if name else "italic"), f" {count}"))
        return Content.assemble((_("Written privately: "), "bold"), Content(" · ").join(parts))

    def chips(self) -> Content:
        chips = []
        for phase in timebox.shown_phases(self.phase, self.uses):
            label = timebox.phase_label(phase)
            if phase == self.phase:
                chips.append(Content.styled(f" {label.upper()} ", "bold reverse $accent"))
            else:
                chips.append(Content.styled(f" {label} ", "dim"))
        return Content.styled("›", "dim").join(chips)

    def _draw(self) -> None:
        if not self.is_mounted:
            return
        first = self.chips()
        if self.hints:
            if self.phase == "vote" and self.votes is not None:
                first = Content.assemble(first, "  ", self.votes)
            else:
                first = Content.assemble(first, (_("  F8 next phase · F9 back"), "dim"))
        self._put("phase-chips", first)
        help_line = Content(timebox.phase_help(self.phase, self.labels))
        if self.phase == "private":
            help_line = Content.assemble(help_line, "\n", self.hidden_content())
        self._put("phase-help", help_line)
        keys = KEYS.get(self.phase, "")
        if self.step in FOLLOWUP_STEPS and self.phase not in ("discuss", "private"):
            keys += _(" This step ends in commitments: Ctrl+F on an item makes it a follow-up.")
        self._put("phase-keys", Content(keys))

    def _put(self, line: str, content: Content) -> None:
        # Only what changed: a line updated lays the whole screen out again, and the step
        # screen draws the bar after every live change (50 items a second in a busy room).
        shown = (content.plain, tuple(content.spans))
        if self._shown.get(line) != shown:
            self._shown[line] = shown
            self.query_one(f"#{line}", Static).update(content)
