"""Publishing to a wiki from the app: the export dialog's "Publish to wiki…".

The same two moves as `workshop-tui publish`: **Show changes** reads the page and shows the
diff of its text (nothing is saved), **Publish** saves exactly that, only over the revision the
diff was made from (an edit made meanwhile is refused, nothing overwritten). The wiki, the page
and the user name are remembered per session (in the store); the password never is: it is typed
here (hidden) or taken from `$WORKSHOP_TUI_WIKI_PASSWORD`. Every failure is one line in the
dialog, and nothing is saved. The wiki is reached on a thread, so the screen never waits on it.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from typing import Awaitable, Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from workshop_tui.i18n import N_, _, formats, ngettext
from workshop_tui.content import Catalog, Template
from workshop_tui.model import SessionData, SessionInfo
from workshop_tui.session_store import SessionStore
from workshop_tui.text import clean_text
from workshop_tui.widgets.footer import AppFooter
from workshop_tui.workers import store_work

MAX_DIFF_LINES = 500  # the rest is summed up in one line: a dialog is no place for a whole page


@dataclass(frozen=True)
class Target:
    wiki: str
    page: str
    user: str
    password: str


class PublishDialog(ModalScreen[None]):
    """Wiki, page, user, password; Show changes, then Publish."""

    CSS_PATH = ["dialogs.tcss", "publish_dialog.tcss"]
    HELP_TITLE = N_("Publish to wiki")

    BINDINGS = [
        # Priority: a Tab typed in a burst moves on before the next characters arrive.
        Binding("tab", "app.focus_next", N_("Next field"), show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", N_("Previous field"), show=False, priority=True),
        Binding("escape", "cancel", N_("Close")),
        Binding("ctrl+r", "preview", N_("Show changes"), tooltip=N_("Read the page and show what publishing would change")),
        Binding("ctrl+s", "publish", N_("Publish"), tooltip=N_("Save the changes shown to the wiki page")),
    ]

    def __init__(self, session: SessionStore, info: SessionInfo, template: Template, catalog: Catalog, *,
                 read: Callable[[], Awaitable[SessionData]] | None = None) -> None:
        super().__init__()
        self.session, self.info, self.template, self.catalog = session, info, template, catalog
        self.read = read or session.data
        """What is published: the session now (the summary at a moment hands its own read)."""
        self.plan = None
        self.client = None
        self.data = None

    def compose(self) -> ComposeResult:
        from workshop_tui.wiki import PASSWORD_ENV

        from_env = bool(os.environ.get(PASSWORD_ENV))
        with Vertical(classes="publish-dialog"):
            yield Static(Content.assemble(_("Publish "), (self.info.title, "bold"), _(" to a wiki")), classes="publish-title")
            yield from self._row(_("Wiki"), "wiki", "https://meta.wikimedia.org/w/api.php")
            yield from self._row(_("Page"), "page", _("e.g. Partnerships/8 Steps workshop, Berlin"))
            yield from self._row(_("User"), "user", _("YourName@BotName (a bot password's user name)"))
            yield from self._row(_("Password"), "password",
                                 _("from ${variable}").format(variable=PASSWORD_ENV) if from_env else _("the bot password (never kept)"),
                                 password=True)
            yield from self._row(_("Summary"), "summary", _("the edit summary (optional)"))
            yield Static("", id="publish-status")
            with Horizontal(classes="publish-buttons"):
                yield Button(_("Show changes"), id="preview", variant="primary")
                yield Button(_("Publish"), id="publish", variant="success", disabled=True)
                yield Button(_("Close"), id="cancel")
            with VerticalScroll(id="publish-diff"):
                yield Static("", id="publish-diff-text")
        yield AppFooter()

    def _row(self, label: str, name: str, placeholder: str, *, password: bool = False):
        with Horizontal(classes="publish-row"):
            yield Label(label, classes="publish-label")
            yield Input(placeholder=placeholder, password=password, compact=True, id=f"publish-{name}")

    def on_mount(self) -> None:
        self.query_one("#publish-diff").display = False
        self.on_resize()
        self.query_one("#publish-wiki", Input).focus()
        self.load_target()

    def on_resize(self) -> None:
        # The diff takes what the terminal has left under the fields and buttons (24 lines: 6).
        self.query_one("#publish-diff").styles.max_height = max(3, min(30, self.app.size.height - 18))

    @store_work(N_("Cannot read where this session was published"))
    async def load_target(self) -> None:
        target = await self.session.wiki_target()
        if target is None:
            return
        for name, value in zip(("wiki", "page", "user"), target):
            field = self.query_one(f"#publish-{name}", Input)
            if not field.value:
                field.value = value
        self._show_status(Content.styled(_("Last published to this page: Show changes reads it again."), "dim"))
        self.query_one("#publish-password" if target[2] else "#publish-user", Input).focus()

    # -- what is typed ---------------------------------------------------------------------

    def _value(self, name: str) -> str:
        return " ".join(self.query_one(f"#publish-{name}", Input).value.split())

    def _target(self) -> Target | None:
        from workshop_tui.wiki import PASSWORD_ENV

        for name, what in (("wiki", _("the wiki's address (its api.php)")), ("page", _("the page's title")),
                           ("user", _("the user name of a bot password (Special:BotPasswords)"))):
            if not self._value(name):
                self._show_status(Content.styled(_("Type {what} first.").format(what=what), "$warning"))
                self.query_one(f"#publish-{name}", Input).focus()
                return None
        password = self.query_one("#publish-password", Input).value or os.environ.get(PASSWORD_ENV, "")
        if not password:
            self._show_status(Content.styled(_("Type the bot password (or set ${variable}).").format(variable=PASSWORD_ENV), "$warning"))
            self.query_one("#publish-password", Input).focus()
            return None
        return Target(self._value("wiki"), self._value("page"), self._value("user"), password)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if self.plan is not None and event.input.id != "publish-summary":
            self._forget_plan(_("Changed: Show changes again before publishing."))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_publish() if self.plan is not None and self.plan.changes else self.action_preview()

    def _forget_plan(self, why: str) -> None:
        self.plan = None
        self.query_one("#publish", Button).disabled = True
        self._show_status(Content.styled(why, "dim"))

    def _show_status(self, content: Content) -> None:
        self.query_one("#publish-status", Static).update(content)

    # -- show changes, then publish -------------------------------------------------------

    @on(Button.Pressed, "#preview")
    def action_preview(self) -> None:
        target = self._target()
        if target is not None:
            self.preview(target)

    @store_work(N_("Changes not shown"), group="wiki", exclusive=True)
    async def preview(self, target: Target) -> None:
        from workshop_tui.wiki.errors import WikiError

        self._forget_plan(_("Reading the page…"))
        self.data = await self.read()
        try:
            self.client, self.plan = await asyncio.to_thread(self._plan, target, self.data)
        except WikiError as error:
            self.plan = None
            self._show_status(Content.styled(str(error), "$error"))
            return
        await self.session.set_wiki_target(target.wiki, target.page, target.user)
        self._show_plan()

    def _plan(self, target: Target, data):
        """On a thread: log in, read the page, work out the text and its diff."""
        from workshop_tui.wiki.client import connect
        from workshop_tui.wiki.publish import plan_publish

        client = connect(target.wiki, user=target.user, password=target.password,
                         notify=lambda message: self.app.call_from_thread(self._show_status, Content(message)))
        return client, plan_publish(client, target.page, data, self.template, self.catalog)

    def _show_plan(self) -> None:
        from workshop_tui.wiki.page import CREATE, PAGE, TABLE, diff_counts

        plan = self.plan
        where = _("{page} on {wiki}").format(page=plan.page.title, wiki=self.client.name or self.client.api_url)
        diff = self.query_one("#publish-diff")
        if not plan.changes:
            diff.display = False
            self._show_status(Content.assemble((where, "bold"), _(" already holds this session (revision "
                                                 "{revision}): nothing to publish.").format(revision=plan.page.revid)))
            return
        added, removed = diff_counts(list(plan.diff))
        what = {CREATE: _("Creates"), TABLE: _("Replaces only the summary table of"), PAGE: _("Replaces the whole text of")}
        self._show_status(Content.assemble(f"{what[plan.mode]} ", (where, "bold"), ngettext(
            ": {added} line added, {removed} removed. Read the changes below, then Publish (Ctrl+S).",
            ": {added} lines added, {removed} removed. Read the changes below, then Publish (Ctrl+S).",
            added).format(added=added, removed=removed)))
        self.query_one("#publish-diff-text", Static).update(_diff_content(plan.diff))
        diff.display = True
        diff.scroll_home(animate=False)
        publish = self.query_one("#publish", Button)
        publish.disabled = False
        publish.focus()

    @on(Button.Pressed, "#publish")
    def action_publish(self) -> None:
        if self.plan is None or not self.plan.changes:
            self._show_status(Content.styled(_("Show the changes first (Ctrl+R): only what you have read is published."),
                                             "$warning"))
            return
        self.publish()

    @store_work(N_("Not published"), group="wiki", exclusive=True)
    async def publish(self) -> None:
        from workshop_tui.wiki.errors import WikiError
        from workshop_tui.wiki.publish import default_summary, save_plan

        plan, client = self.plan, self.client
        summary = self._value("summary") or default_summary(self.data)
        self.query_one("#publish", Button).disabled = True
        self._show_status(Content(_("Publishing…")))
        try:
            result = await asyncio.to_thread(save_plan, client, plan, summary=summary)
        except WikiError as error:
            self.plan = None
            self._show_status(Content.styled(str(error), "$error"))
            return
        self.app.notify(_("{page}: revision {revision}. {url}").format(page=result.title, revision=result.revid,
                                                                       url=result.url or "").strip(),
                        title=_("Published to the wiki"), markup=False)
        self.dismiss(None)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "publish":
            return self.plan is not None and self.plan.changes
        return True


def _diff_content(diff) -> Content:
    """The diff, coloured as a terminal shows one; the page's text is data, never markup."""
    lines = [clean_text(line).replace("\n", " ") for line in diff]
    shown = lines[:MAX_DIFF_LINES]
    parts = []
    for line in shown:
        style = "bold" if line.startswith(("+++", "---")) else "$success" if line.startswith("+") else \
            "$error" if line.startswith("-") else "$accent" if line.startswith("@@") else ""
        parts.append(Content.styled(line, style) if style else Content(line))
    if len(lines) > len(shown):
        parts.append(Content.styled(ngettext("… and {count} more line", "… and {count} more lines", len(lines) - len(shown)).format(
            count=formats.number(len(lines) - len(shown))), "dim"))
    return Content("\n").join(parts)
