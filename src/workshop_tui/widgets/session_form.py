"""`SessionForm`: the start screen's new-session form (title, event, date, facilitator,
participants, workshop template with its shape, and the Create button); the templates are listed
in the alphabetical order of their titles in the language shown. It holds what is typed; the screen
creates the session (`Created` asks it to) and clears the form afterwards."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, Static

from workshop_tui.i18n import N_, _, current
from workshop_tui.i18n.formats import sort_key
from workshop_tui.content import Catalog, Template

FIELDS = ((N_("Title"), "title", N_("e.g. Partnership workshop")), (N_("Event"), "event", N_("e.g. Wikimania 2026")),
          (N_("Date"), "date", N_("e.g. 2026-11-26")), (N_("Facilitator"), "facilitator", N_("name")),
          (N_("Participants"), "participants", N_("names, separated by commas")))


def shape_line(template: Template) -> Content:
    """A template's shape in a line: `4 columns, 5 steps · Strengths / Weaknesses / ...`."""
    return Content.assemble((template.shape, "bold"), " · ", " / ".join(column.label for column in template.columns))


class FormField(Input):
    """A field of the new-session form: Enter creates the session (Tab moves between fields)."""

    HELP_TITLE = N_("New-session form")

    BINDINGS = [Binding("enter", "submit", N_("Create session"), tooltip=N_("Create the session and open step 1"))]


class SessionForm(VerticalScroll):
    """The fields of a new session and the template it runs."""

    def __init__(self, catalog: Catalog, *, id: str | None = None, disabled: bool = False) -> None:
        super().__init__(id=id, disabled=disabled)
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        for label, name, placeholder in FIELDS:
            with Horizontal(classes="form-row"):
                yield Label(_(label), classes="form-label")
                yield FormField(placeholder=_(placeholder), id=f"field-{name}", compact=True)
        with Horizontal(classes="form-row", id="template-row"):
            yield Label(_("Workshop"), classes="form-label")
            titles = {t.id: t.localized(current()).title for t in self.catalog.templates.values()}
            yield Select([(Content(title), key) for key, title in sorted(titles.items(), key=lambda kv: sort_key(kv[1]))],
                         value=self.catalog.default.id, allow_blank=False, compact=True, id="field-template")
        chosen = self.catalog.default.localized(current())
        yield Static(shape_line(chosen), id="template-shape")
        yield Static(Content(chosen.description), id="template-when")  # narrow screens
        with Horizontal(classes="form-row form-buttons"):
            yield Button(_("Create session"), id="create", variant="primary", compact=True)

    @property
    def title_field(self) -> Input:
        return self.query_one("#field-title", Input)

    @property
    def template(self) -> Template:
        chosen = self.query_one("#field-template", Select).value
        return self.catalog.templates.get(str(chosen)) or self.catalog.default

    def values(self) -> dict[str, str]:
        """What is typed, by field name."""
        return {name: self.query_one(f"#field-{name}", Input).value for _, name, _ in FIELDS}

    def participants(self) -> tuple[str, ...]:
        return tuple(name.strip() for name in self.values()["participants"].split(",") if name.strip())

    def show_template(self, template: Template) -> None:
        """The chosen template's shape and when to use it, under the choice, before a session is made."""
        template = template.localized(current())
        self.query_one("#template-shape", Static).update(shape_line(template))
        self.query_one("#template-when", Static).update(Content(template.description))

    def clear(self) -> None:
        for field in self.query(FormField):
            field.value = ""
