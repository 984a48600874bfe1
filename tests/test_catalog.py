"""The built-in catalog and `matcher catalog check`."""

from __future__ import annotations

import shutil
from collections import Counter

import pytest
from helpers import FIXTURES

from matcher import check_catalog
from matcher.core.vectorise import profile_requirements
from matcher.io.catalog import load_catalog
from matcher.io.vocabulary import builtin_vocabulary
from matcher.model.locations import catalog_dir

PUBLIC_ADMINISTRATION = [
    "Ward Mayor",
    "Deputy Mayor",
    "Deputy Ward Mayor",
    "City Mayor",
    "Mayor",
    "Town/Village Mayor",
    "Tokyo Governor",
    "Ward Councilor",
    "Local Government Official",
    "Local Government Employee (Administrative Position)",
    "Civil Servant",
    "General Administrative Staff",
    "Section Chief Level",
    "Section Chief Level Staff",
    "Department Head Level",
    "Director Level Staff",
    "Mayor of City/Town/Village",
]


@pytest.fixture(scope="module")
def builtin_check():
    return check_catalog(catalog_dir())


def test_builtin_catalog_passes_the_check(builtin_check):
    # the built-in catalog is held to the whole bar: no error and no warning (complete profiles,
    # every name in the vocabulary, every reference resolving, paths ending at themselves)
    findings, summary = builtin_check
    assert [str(f) for f in findings] == []
    assert summary["profiles"] >= 150
    assert summary["industries"] >= 12
    assert summary["resolved_share"] >= 0.95


def test_builtin_catalog_uses_both_layouts():
    texts = [p.read_text(encoding="utf-8") for p in sorted(catalog_dir().glob("*.txt"))]
    spaced = sum("\n\nSummary\n\n" in t for t in texts)
    compact = sum("\nSummary\n" in t and "\n\n" not in t for t in texts)
    assert spaced >= 30 and compact >= 30
    assert sum("| Item | Description |" in t for t in texts) >= 30
    assert sum("\nItem Description\n" in t for t in texts) >= 30


def test_the_seed_family_resolves_to_profiles_of_its_own():
    catalog = load_catalog(catalog_dir())
    ids = {name: catalog.resolve(name) for name in PUBLIC_ADMINISTRATION}
    assert None not in ids.values(), [n for n, i in ids.items() if i is None]
    # Different ranks are different occupations.
    assert (
        len(
            {
                ids["Ward Mayor"],
                ids["Deputy Ward Mayor"],
                ids["Section Chief Level"],
                ids["Department Head Level"],
                ids["General Administrative Staff"],
            }
        )
        == 5
    )


def test_ladders_show_in_the_levels():
    catalog = load_catalog(catalog_dir())
    vocabulary = builtin_vocabulary()

    def level(title, skill):
        profile = catalog.get(catalog.resolve(title)).profile
        return profile_requirements(profile, vocabulary)[0][("skill", skill)].level

    assert level("Section Chief", "Policy Planning") < level("Department Head", "Policy Planning")
    assert level("Department Head", "Policy Planning") <= level("Ward Mayor", "Policy Planning")


def test_skills_are_shared_between_occupations():
    catalog = load_catalog(catalog_dir())
    vocabulary = builtin_vocabulary()
    uses = Counter()
    for occupation in catalog:
        for block, name in profile_requirements(occupation.profile, vocabulary)[0]:
            if block == "skill":
                uses[name] += 1
    shared = sum(count >= 2 for count in uses.values())
    assert shared / len(uses) >= 0.85


def test_check_reports_each_kind_of_problem(tmp_path):
    catalog = tmp_path / "catalog"
    shutil.copytree(FIXTURES / "catalog", catalog)
    (catalog / "broken.txt").write_text("Summary\nNo title here\n", encoding="utf-8")
    clerk = catalog / "clerk.txt"
    text = clerk.read_text(encoding="utf-8")
    text = text.replace("Office Administration (3)", "Abacus Mastery (3)")  # vocabulary
    text = text.replace("  • Policy Director", "  • Lighthouse Keeper")  # unresolved reference
    text = text.replace("  • Town Office Clerk", "  • Section Manager")  # duplicate alias
    clerk.write_text(text, encoding="utf-8")
    nurse = catalog / "ward-nurse.txt"
    nurse.write_text(
        nurse.read_text(encoding="utf-8").replace("Compassion / Patience / ", ""), encoding="utf-8"
    )
    findings, summary = check_catalog(catalog)
    messages = "\n".join(str(f) for f in findings)
    assert "broken.txt:1: error: expected the occupation title" in messages
    # each finding about a document says where in it (the README promised -v would)
    lines = clerk.read_text(encoding="utf-8").splitlines()
    where = {f.message.split(" is ")[0]: f.line for f in findings if f.source.endswith("clerk.txt")}
    assert "Abacus Mastery" in lines[where["skill 'Abacus Mastery'"] - 1]
    assert "Lighthouse Keeper" in lines[where["related job 'Lighthouse Keeper'"] - 1]

    assert "skill 'Abacus Mastery' is not in the skill vocabulary" in messages
    assert "'Lighthouse Keeper' is not the title or alias" in messages
    assert "title or alias 'Section Manager' also names" in messages
    assert "section 'Personality Traits' has 1 entry; a complete profile has at least 3" in messages
    # errors are what build refuses (an unreadable document, a name of two occupations); the
    # rest build takes, and a careful author fixes: warnings
    severity = {f.message.split(";")[0]: f.severity for f in findings}
    assert any(
        m.startswith("title or alias 'Section Manager' also names") and v == "error"
        for m, v in severity.items()
    )
    assert any(f.severity == "error" and f.source.endswith("broken.txt") for f in findings)
    assert severity["skill 'Abacus Mastery' is not in the skill vocabulary"] == "warning"
    assert severity["section 'Personality Traits' has 1 entry"] == "warning"
    assert summary["errors"] == 2


def test_check_reports_every_problem_of_a_profile_with_an_error(tmp_path):
    """A level of 9 hid the profile's other problems (an unknown skill, a career-path step
    that resolves to nothing, empty sections) until it was fixed: one run a problem."""
    catalog = tmp_path / "catalog"
    shutil.copytree(FIXTURES / "catalog", catalog)
    broken = catalog / "broken.txt"
    broken.write_text(
        "Broken\n\nRequired Skills\n\nCookin (5) / Zzz (9)\n\n"
        "Aptitudes (Strengths Preferred)\n\n| | steady hands |\n| Stress Tolerance (4) | calm |\n\n"
        "Career Path\n\nNowhere → Broken\n",
        encoding="utf-8",
    )
    findings, summary = check_catalog(catalog)
    mine = [f for f in findings if f.source == str(broken)]
    errors = {f.line: f.message for f in mine if f.severity == "error"}
    assert errors[5].startswith("level 9 of 'Zzz' is outside 0-5")
    assert errors[9].startswith("an aptitude row without the aptitude")
    messages = "\n".join(f.message for f in mine)
    assert "skill 'Cookin' is not in the skill vocabulary" in messages
    assert "career path step 'Nowhere' is not the title or alias" in messages
    assert "section 'Summary' has 0 entries" in messages
    assert "'Zzz'" not in messages.replace(errors[5], "")  # the bad item is left out, once said
    assert summary["errors"] == 2
    # a document that cannot be read past its error says that the rest went unchecked
    broken.write_text("Summary\nNo title here\n", encoding="utf-8")
    (error,) = [f for f in check_catalog(catalog)[0] if f.source == str(broken)]
    assert error.message.endswith("(the document's other problems are not checked)")


def test_load_catalog_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        load_catalog(tmp_path / "nowhere")
    with pytest.raises(FileNotFoundError, match=r"holds no \.txt"):
        load_catalog(tmp_path)


@pytest.mark.parametrize("where", ["nowhere", "a_file", "empty"])
def test_a_bad_catalog_folder_is_an_input_error(tmp_path, where):
    """README: bad input raises InputError; build_model raised a plain FileNotFoundError."""
    from matcher import InputError, build_model

    (tmp_path / "a_file").write_text("x", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=f"catalog folder {tmp_path / where} "):
        build_model(tmp_path / where)


def test_check_warns_of_career_paths_that_go_round_or_repeat_a_step(tmp_path):
    catalog = tmp_path / "catalog"
    shutil.copytree(FIXTURES / "catalog", catalog)
    manager = catalog / "office-manager.txt"  # Policy Director before Office Manager here,
    manager.write_text(  # after it in the director's own path: a circle
        manager.read_text(encoding="utf-8").replace(
            "Municipal Clerk → Office Manager",
            "Municipal Clerk → Policy Director → Municipal Clerk → Office Manager",
        ),
        encoding="utf-8",
    )
    messages = "\n".join(str(f) for f in check_catalog(catalog)[0])
    assert "career paths go round in a circle: " in messages
    assert "passes 'Municipal Clerk' more than once" in messages
    assert "passes 'Office Manager'" not in messages  # itself: its own junior titles may open it


def test_check_warns_of_a_career_path_that_does_not_name_its_occupation_only(tmp_path):
    # Office Manager's path going on past it (`Office Manager → Policy Director`) was a warning,
    # "ends at 'Policy Director', not at the occupation itself", as if it were a slip: routes read
    # such a path in its order now, and only a path that leaves the occupation out is read
    # differently from how it is written (the occupation comes after its last step).
    catalog = tmp_path / "catalog"
    shutil.copytree(FIXTURES / "catalog", catalog)
    manager = catalog / "office-manager.txt"
    text = manager.read_text(encoding="utf-8")
    manager.write_text(
        text.replace("Municipal Clerk → Office Manager", "Office Manager → Policy Director"),
        encoding="utf-8",
    )
    messages = "\n".join(str(f) for f in check_catalog(catalog)[0] if "career path" in f.message)
    assert "office-manager.txt" not in messages
    manager.write_text(
        text.replace("Municipal Clerk → Office Manager", "Municipal Clerk"), encoding="utf-8"
    )
    messages = "\n".join(str(f) for f in check_catalog(catalog)[0])
    assert (
        "office-manager.txt:18: warning: the career path does not name the occupation itself "
        "('Office Manager'): it is read as leading on from its last step, 'Municipal Clerk', "
        "to 'Office Manager'"
    ) in messages
