"""Workshop templates: the bundled one, user templates, and errors that name file, step and field."""

from __future__ import annotations

import tomllib

import pytest

from workshop_tui import locations
from workshop_tui.content import TemplateError, load_catalog, load_template, parse_template

SEED_STEPS = [
    "Preliminary Work",
    "Getting to know each other",
    "Find common ground to work together",
    "Define a project scope and a project team",
    "Define a formalized executive plan",
    "Communicate",
    "Evaluate",
    "Improve & develop",
]


def test_the_bundled_workshop_follows_the_seed(template):
    assert template.id == "8-steps-partnership"
    assert [step.title for step in template.steps] == SEED_STEPS
    assert template.step(1).introduction.startswith("You may have - or may have not yet - identify WHY")
    assert template.step(7).introduction == "There are several items to be evaluated when monitoring a partnership:"
    assert [c.heading for c in template.columns] == [
        "CONCRETE ACTIONS",
        "POTENTIAL OBSTACLES",
        "TOOLS to support the different steps",
    ]
    assert template.key_steps_heading == "KEY STEPS"
    assert len(template.objectives) == 2
    for step in template.steps:
        assert 3 <= len(step.prompts) <= 5
        assert step.timebox_minutes > 0


def good_data():
    path = locations.bundled_content_dir() / "8-steps-partnership.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (lambda d: d.pop("id"), "field 'id': missing"),
        (lambda d: d.update(id="bad id!"), "field 'id': use only"),
        (lambda d: d.update(title=3), "field 'title': expected text, got int"),
        (lambda d: d.pop("steps"), "field 'steps': missing"),
        (lambda d: d.update(steps=[]), "field 'steps': expected 1 to 20 steps, got 0"),
        (lambda d: d["columns"].clear(), "field 'columns': expected 1 to 6 [[columns]], got 0"),
        (lambda d: d["columns"].extend([dict(d["columns"][0], key=f"k{n}") for n in range(4)]),
         "field 'columns': expected 1 to 6 [[columns]], got 7"),
        (lambda d: d["columns"][1].pop("label"), "column 2 'obstacle': field 'label': missing"),
        (lambda d: d["columns"][1].update(key="Obstacle!"), "column 2 'Obstacle!': field 'key': use 1 to 24 lowercase"),
        (lambda d: d["columns"][2].update(key="action"), "column 3 'action': field 'key': 'action' is used by another"),
        (lambda d: d["steps"][1].update(phases=["vote"]), "step 2: field 'phases': every step uses brainstorm"),
        (lambda d: d["steps"][1].update(phases=["brainstorm", "dance"]), "step 2: field 'phases': unknown phase 'dance'"),
        (lambda d: d["steps"][1].update(dots=99), "step 2: field 'dots': expected 0 to 20, got 99"),
        (lambda d: d["steps"][2].pop("title"), "step 3: field 'title': missing"),
        (lambda d: d["steps"][3].update(prompts=["only one"]), "step 4: field 'prompts': expected 3 to 5 entries, got 1"),
        (lambda d: d["steps"][4].update(prompts="not a list"), "step 5: field 'prompts': expected a list"),
        (lambda d: d["steps"][5].update(timebox_minutes="ten"), "step 6: field 'timebox_minutes': expected a whole number"),
        (lambda d: d["steps"][6].update(timebox_minutes=0), "step 7: field 'timebox_minutes': expected 1 to 240, got 0"),
        (lambda d: d["steps"][1].update(number=5), "step 5: field 'number': steps must be numbered"),
        (lambda d: d["steps"][0].update(introduction=["x"]), "step 1: field 'introduction': expected text"),
    ],
)
def test_a_broken_template_names_file_step_and_field(tmp_path, breakage, expected):
    data = good_data()
    breakage(data)
    with pytest.raises(TemplateError) as caught:
        parse_template(data, tmp_path / "broken.toml")
    message = str(caught.value)
    assert message.startswith(str(tmp_path / "broken.toml"))
    assert expected in message
    assert "\n" not in message


def test_unreadable_and_invalid_files(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("id = [unclosed", encoding="utf-8")
    with pytest.raises(TemplateError, match="bad.toml: not valid TOML"):
        load_template(bad)
    bad.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(TemplateError, match="not UTF-8"):
        load_template(bad)
    with pytest.raises(TemplateError, match="cannot read"):
        load_template(tmp_path / "missing.toml")


def test_user_templates_are_picked_up_and_broken_ones_reported(isolated_dirs):
    folder = locations.user_templates_dir()
    folder.mkdir(parents=True)
    source = (locations.bundled_content_dir() / "8-steps-partnership.toml").read_text(encoding="utf-8")
    (folder / "retro.toml").write_text(source.replace('id = "8-steps-partnership"', 'id = "retro"'), encoding="utf-8")
    (folder / "clash.toml").write_text(source, encoding="utf-8")
    (folder / "broken.toml").write_text("title = 'x'", encoding="utf-8")
    catalog = load_catalog()
    assert set(catalog.templates) == {path.stem for path in locations.bundled_content_dir().glob("*.toml")} | {"retro"}
    assert catalog.default.id == "8-steps-partnership"
    assert any("broken.toml" in p and "field 'id': missing" in p for p in catalog.problems)
    assert any("clash.toml" in p and "already used" in p for p in catalog.problems)
    with pytest.raises(TemplateError, match="unknown template 'nope'"):
        catalog.get("nope")


def test_no_templates_at_all_is_a_clear_error(tmp_path):
    catalog = load_catalog(tmp_path)
    assert catalog.templates == {}
    assert any("no workshop templates found" in p for p in catalog.problems)
    with pytest.raises(TemplateError, match="no workshop templates"):
        catalog.default
