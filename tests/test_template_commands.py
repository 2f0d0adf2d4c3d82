"""`workshop-tui templates`: the list with each template's shape, `templates new ID` (a starting
file in the user templates folder, never over another) and `templates check FILE` (one line
naming file, step and field; status 2), run on every bundled template."""

from __future__ import annotations

import pytest

from helpers.cli import run
from workshop_tui import locations
from workshop_tui.content import load_catalog

BUNDLED = sorted(locations.bundled_content_dir().glob("*.toml"))


def test_the_library_holds_at_least_eight_well_known_formats():
    catalog = load_catalog(locations.bundled_content_dir())
    assert catalog.problems == () and len(catalog.templates) >= 8
    assert {"8-steps-partnership", "start-stop-continue", "4ls", "mad-sad-glad", "swot", "lean-coffee",
            "pre-mortem", "project-kickoff"} <= set(catalog.templates)
    for template in catalog.templates.values():
        assert template.source and template.description, template.id
    assert catalog.get("swot").column_keys == ("strength", "weakness", "opportunity", "threat")


@pytest.mark.parametrize("path", BUNDLED, ids=[path.stem for path in BUNDLED])
def test_every_bundled_template_passes_check(capsys, path):
    code, out, err = run(capsys, "templates", "check", str(path))
    assert (code, err) == (0, "")
    template = load_catalog(locations.bundled_content_dir()).get(path.stem)
    assert out == f"{path}: ok: '{template.id}', {template.title}: {template.shape} ({', '.join(template.column_keys)})\n"


def test_templates_lists_each_with_its_shape(capsys):
    code, out, err = run(capsys, "templates")
    assert code == 0
    lines = dict((line.split("\t")[0], line.split("\t")[1:]) for line in out.splitlines())
    assert lines["swot"][:3] == ["SWOT analysis", "4 columns, 5 steps",
                                 "Strengths / Weaknesses / Opportunities / Threats"]
    assert lines["8-steps-partnership"][1] == "3 columns, 8 steps"
    assert "templates new ID" in err


def test_templates_new_writes_a_file_that_checks_and_never_overwrites(capsys):
    code, out, err = run(capsys, "templates", "new", "team-retro")
    path = locations.user_templates_dir() / "team-retro.toml"
    assert (code, out, err) == (0, f"{path}\n", "")
    written = path.read_text(encoding="utf-8")
    assert run(capsys, "templates", "check", str(path))[0] == 0
    assert "team-retro" in run(capsys, "templates")[1]
    path.write_text(written.replace('title = "Team retro"', 'title = "Mine"'), encoding="utf-8")
    code, out, err = run(capsys, "templates", "new", "team-retro")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "team-retro" in err and "choose another id" in err
    assert 'title = "Mine"' in path.read_text(encoding="utf-8")  # untouched
    code, _, err = run(capsys, "templates", "new", "swot")
    assert code == 2 and "a template 'swot' exists already" in err
    code, _, err = run(capsys, "templates", "new", "Bad Id!")
    assert code == 2 and "cannot be a template id" in err


@pytest.mark.parametrize(("change", "message"), [
    (lambda t: t.replace('number = 2\ntitle = "Choose"', 'number = 2\ntitle = ""'), "step 2: field 'title': is empty"),
    (lambda t: t.replace('dots = 3', 'dots = "three"'), "step 2: field 'dots': expected a whole number, got str"),
    (lambda t: t.replace('key = "question"', 'key = "idea"'),
     "column 2 'idea': field 'key': 'idea' is used by another column"),
    (lambda t: t.replace('phases = ["brainstorm", "vote", "discuss"]', 'phases = ["vote"]'),
     "step 2: field 'phases': every step uses brainstorm"),
    (lambda t: t + "\n[[oops", "not valid TOML"),
])
def test_check_names_file_step_and_field_in_one_line(capsys, tmp_path, change, message):
    run(capsys, "templates", "new", "draft")
    source = (locations.user_templates_dir() / "draft.toml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(change(source), encoding="utf-8")
    code, out, err = run(capsys, "templates", "check", str(bad))
    assert (code, out) == (2, "")
    assert err.startswith(f"workshop-tui: error: {bad}: ") and message in err and err.count("\n") == 1


def test_check_a_missing_file_or_a_clashing_id(capsys, tmp_path):
    code, _, err = run(capsys, "templates", "check", str(tmp_path / "nope.toml"))
    assert code == 2 and "nope.toml: cannot read" in err
    copy = tmp_path / "copy.toml"
    copy.write_text((locations.bundled_content_dir() / "swot.toml").read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(capsys, "templates", "check", str(copy))
    assert code == 2 and "field 'id': 'swot' is already used by" in err
