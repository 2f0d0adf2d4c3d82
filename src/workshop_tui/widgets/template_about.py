"""`about`: a workshop template in brief, as the start screen shows it before a session is made
(in the language in use): when to use it, its shape and columns, what it is for, its steps
and their timeboxes, and where the format comes from."""

from __future__ import annotations

from textual.content import Content

from workshop_tui.content import Template
from workshop_tui.i18n import _, current, ngettext


def about(template: Template) -> Content:
    """The chosen workshop in brief (in the language in use): when to use it, its shape, what it
    is for, and its steps."""
    template = template.localized(current())
    parts = [Content.styled(template.title, "bold $accent")]
    if template.description:
        parts.append(Content.styled(_("When: {description}").format(description=template.description), "italic"))
    parts.append(Content.styled(_("Shape: {shape}").format(shape=template.shape), "bold"))
    parts.append(Content(_("Columns: {columns}").format(
        columns=" · ".join(column.label for column in template.columns))))
    parts.append(Content(""))
    if template.introduction:
        parts.append(Content(template.introduction))
    parts.extend(Content.assemble(("• ", "$accent"), objective) for objective in template.objectives)
    parts.append(Content.styled("\n" + ngettext("The {count} step", "The {count} steps", template.step_count).format(
        count=template.step_count), "bold"))
    parts.extend(
        Content.assemble((f"{step.number}. ", "dim"), step.title, "  ",
                         (_("{minutes} min").format(minutes=step.timebox_minutes), "dim"))
        for step in template.steps
    )
    if template.source:
        parts.append(Content.styled("\n" + _("Source: {source}").format(source=template.source), "dim"))
    return Content("\n").join(parts)
