"""The package's structure: every module imports, no import cycles, private names stay
private, one home for exceptions, a lazy public API, a CLI that starts without numpy."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

import matcher

PACKAGE = Path(matcher.__file__).resolve().parent


def _modules() -> dict[str, Path]:
    """Every module of the package: dotted name -> file (packages as their __init__.py)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _absolute(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def _type_checking_only(tree: ast.Module) -> set[ast.AST]:
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(ast.walk(node))
    return skipped


def _imports(module: str) -> list[tuple[str, list[str]]]:
    """(imported module, names) for every import of ``module`` that runs, at any depth
    (imports inside functions count: they still tie the modules together)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    skipped = _type_checking_only(tree)
    found = []
    for node in ast.walk(tree):
        if node in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, node)
            for alias in node.names:
                # "from package import module" imports the module.
                target = f"{base}.{alias.name}"
                found.append((target, []) if target in MODULES else (base, [alias.name]))
    return [(name, names) for name, names in found if name in MODULES]


def test_every_module_imports():
    for name in MODULES:
        if not name.endswith("__main__"):
            importlib.import_module(name)


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of the graph (as a path that returns to its start), or None."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str] | None:
        if node in path:
            return [*path[path.index(node) :], node]
        if node in done:
            return None
        for target in sorted(graph.get(node, ())):
            if found := visit(target, [*path, node]):
                return found
        done.add(node)
        return None

    for node in sorted(graph):
        if found := visit(node, []):
            return found
    return None


def test_the_import_graph_is_acyclic():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    graph = {m: {target for target, _ in _imports(m)} - {m} for m in MODULES}
    assert sum(map(len, graph.values())) > 100  # the graph was read
    cycle = _cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


#: The stage of each part of the package, in the order the data flows (the README's *Layout*):
#: a module imports, when it is imported, modules of its own stage or of an earlier one. The
#: foundation (the exceptions, the parameter checks, private helpers) comes before every stage;
#: the package's entry points (``matcher``'s lazy API, ``python -m matcher``) have none.
STAGES = {"errors": 0, "validation": 0, "util": 0, "io": 1, "core": 2, "model": 3, "match": 4,
          "batch": 5, "report": 5, "cli": 6}  # fmt: skip

#: Imports of a later stage kept on purpose, each with its reason: (importing module or
#: package, imported module or package) -> why. An entry nothing needs any more fails the test.
LATER_STAGE_IMPORTS = {
    ("matcher.io", "matcher.core.vocabulary"): (
        "the name tables and the normal form of a name (normalize_name): every reader "
        "compares names as a model does; they read no file and import no later stage"
    ),
    ("matcher.io.vocabulary", "matcher.model.locations"): (
        "where the built-in vocabulary lives: paths only, a module that imports nothing"
    ),
    ("matcher.io.survey", "matcher.model.names"): (
        "a survey is read against a model: its header names the model's items (the closest "
        "offered for one it does not know) and its job columns the model's occupations"
    ),
    ("matcher.io.onet", "matcher.core"): (
        "import_onet returns a model: it fits the vectoriser on the profiles it reads"
    ),
    ("matcher.io.onet", "matcher.model"): (
        "import_onet returns a model, built as build_model builds one of a catalog folder"
    ),
}


def _stage(module: str) -> int | None:
    parts = module.split(".")
    return STAGES[parts[1]] if len(parts) > 1 and parts[1] != "__main__" else None


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _runtime_imports(module: str, source: str) -> list[str]:
    """The modules of the package ``module`` (whose text is ``source``) imports when it is
    imported: not those under ``if TYPE_CHECKING:`` nor inside a function (imported when
    it is called: a later stage's module that a function needs once)."""
    found = []

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                visit(node.orelse)
                continue
            if isinstance(node, ast.Import):
                found.extend(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = _absolute(module, node)
                found.extend(
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                    for alias in node.names
                )
            for field in ("body", "orelse", "finalbody"):  # class bodies, try, with, if ...
                visit(getattr(node, field, []))
            for handler in getattr(node, "handlers", []):
                visit(handler.body)

    visit(ast.parse(source).body)
    return [name for name in found if name in MODULES]


def test_the_stage_rule_sees_module_level_imports_only():
    source = (
        "from typing import TYPE_CHECKING\n"
        "import matcher.match.routes\n"
        "if TYPE_CHECKING:\n    from matcher.cli import base\n"
        "try:\n    from matcher.report import render\nexcept ImportError:\n    pass\n"
        "class A:\n    from matcher.batch import run\n"
        "def f():\n    from matcher.cli import screen\n"
    )
    found = _runtime_imports("matcher.model.build", source)
    assert found == ["matcher.match.routes", "matcher.report.render", "matcher.batch.run"]


def test_imports_point_forward_along_the_stages():
    """io -> core -> model -> match -> batch/report -> cli: ``model.build`` imported
    ``match.moves`` (now ``match.costs``) and ``core.vocabulary`` ``model.locations`` (to
    read files, in the maths)."""
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    top = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    assert set(STAGES) == folders | top  # a new folder takes its place in the order
    later, used, checked = [], set(), 0
    for module, path in MODULES.items():
        stage = _stage(module)
        if stage is None:
            continue
        for target in _runtime_imports(module, path.read_text(encoding="utf-8")):
            checked += 1
            if _stage(target) is None or _stage(target) <= stage:
                continue
            kept = [
                k for k in LATER_STAGE_IMPORTS if _within(module, k[0]) and _within(target, k[1])
            ]
            used.update(kept)
            if not kept:
                later.append(f"{module} imports {target}")
    assert checked > 300  # the imports were read
    assert later == []
    assert set(LATER_STAGE_IMPORTS) - used == set()


def test_no_module_imports_another_modules_private_names():
    offences = [
        f"{module} imports {name} from {target}"
        for module in MODULES
        for target, names in _imports(module)
        for name in names
        if name.startswith("_") and not name.startswith("__") and target != module
    ]
    assert offences == []


def test_every_exception_and_warning_is_defined_in_errors():
    defined = {}
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                ast.unparse(b).endswith(("Error", "Exception", "Warning")) for b in node.bases
            ):
                defined[node.name] = module
    assert set(defined.values()) == {"matcher.errors"}, defined
    errors = importlib.import_module("matcher.errors")
    for name in defined:
        cls = getattr(errors, name)
        assert issubclass(cls, matcher.MatcherError) or issubclass(cls, Warning), name
        assert name in matcher.__all__, name
    assert issubclass(matcher.ProfileWriteError, ValueError)
    assert issubclass(matcher.InputError, ValueError)


def test_the_public_api():
    from matcher import _LAZY

    assert sorted(matcher.__all__) == sorted(_LAZY) == matcher.__all__
    readme = {
        "parse_profile", "write_profile", "build_model", "load_model", "default_model",
        "trust_model", "recommend", "gaps", "score_survey", "write_batch", "import_onet",
        "read_survey_assessments", "build_report", "render_html", "render_markdown",
        "write_report", "write_reports", "check_catalog", "JobProfile", "Item", "Aptitude",
        "Assessment", "Model", "Neighbour", "Recommendation", "ItemEvidence", "GapReport",
        "PathStep", "Gap", "PlanItem", "Report",
    }  # fmt: skip
    assert readme <= set(matcher.__all__)
    for name in matcher.__all__:
        value = getattr(matcher, name)
        assert not isinstance(value, types.ModuleType), name
        assert value.__module__ == _LAZY[name], name
    assert set(matcher.__all__) <= set(dir(matcher))
    assert isinstance(matcher.__version__, str)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = matcher.nothing


def test_no_name_is_both_a_function_and_a_module():
    """``matcher.gaps`` is the function; the module is ``matcher.match.gaps``."""
    for module in MODULES:
        if module.endswith("__main__"):
            continue
        package = importlib.import_module(module)
        if not hasattr(package, "__path__"):
            continue
        for info in pkgutil.iter_modules(package.__path__):
            value = getattr(package, info.name, None)
            assert value is None or inspect.ismodule(value), f"{module}.{info.name}"
    assert inspect.isfunction(matcher.gaps) and inspect.isfunction(matcher.recommend)
    assert importlib.import_module("matcher.match.gaps").estimated_ratings


def _loaded_after(code: str) -> set[str]:
    """Top-level modules a fresh interpreter has loaded after running ``code``."""
    report = "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    script = f"import sys\n{code}\n{report}"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(done.stdout.split())


HEAVY = {"numpy", "pandas", "pyarrow", "matplotlib", "jinja2", "sklearn", "scipy", "joblib"}


def test_import_matcher_loads_almost_nothing():
    assert _loaded_after("import matcher") & HEAVY == set()


def test_recommend_loads_no_pandas_pyarrow_matplotlib_or_jinja2():
    _loaded_after("import matcher\nmatcher.default_model()")  # building needs scikit-learn
    loaded = _loaded_after(
        "import matcher\n"
        "matcher.recommend({'skills': {'Policy Planning': 4}}, top_k=3)\n"
        "matcher.gaps({'skills': {'Policy Planning': 4}}, 'Ward Mayor')"
    )
    assert "numpy" in loaded  # the check itself works
    assert loaded & {"pandas", "pyarrow", "matplotlib", "jinja2"} == set()


def test_matcher_help_loads_no_numpy():
    loaded = _loaded_after(
        "from matcher.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "try:\n    main(['batch', '--help'])\nexcept SystemExit:\n    pass"
    )
    assert "argparse" in loaded and not loaded & {"numpy", "rich", "rapidfuzz"}


def test_matcher_recommend_loads_only_what_it_uses(tmp_path):
    """With the default model cached and the output going to a pipe: numpy for the model;
    not the document parser nor the profile classes (no document is read), shutil, the similarity
    maths nor the documented moves (a recommendation reads neither), rich (plain
    text needs none), pandas, Arrow, matplotlib, Jinja2, scikit-learn, SciPy, joblib, the
    fuzzy matcher, nor another command's module."""
    import os

    example = PACKAGE.parent / "data" / "examples" / "section-chief.json"
    run = f"from matcher.cli import main\nmain(['recommend', {str(example)!r}, '--top', '3'])"
    env = {**os.environ, "MATCHER_HOME": str(tmp_path)}
    subprocess.run([sys.executable, "-c", run], env=env, check=True, capture_output=True)
    report = "print(' '.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", f"import sys\n{run}\n{report}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Best matches for Aiko Tanaka" in done.stdout  # it answered, as plain text
    loaded = set(done.stdout.splitlines()[-1].split())
    packages = {name.split(".")[0] for name in loaded}
    assert "numpy" in packages and "matcher.model.store" in loaded  # the model was loaded
    assert not packages & (HEAVY - {"numpy"} | {"rich", "rapidfuzz"})
    # nor shutil and its compressors, which argparse imports to size its help (never shown)
    assert not packages & {"shutil", "bz2", "lzma"}
    unused = {"matcher.io.job_reader", "matcher.io.profile", "matcher.core.fuzzy"}
    # nor the neighbour graph's maths, the documented moves (only their version is read), the
    # forms of a name (the current job is a title as written) or the weights' maths (built)
    unused |= {"matcher.core.similarity", "matcher.model.moves", "matcher.io.catalog_names"}
    unused |= {"matcher.core.weighting"}
    assert not loaded & unused
    commands = {name for name in loaded if name.startswith("matcher.cli.")}
    assert commands == {"matcher.cli.base", "matcher.cli.plain", "matcher.cli.recommend",
                        "matcher.cli.screen"}  # fmt: skip


def test_importing_the_engines_does_not_import_dask():
    loaded = _loaded_after("import matcher.batch.engines")
    assert "pandas" in loaded and not loaded & {"dask", "distributed"}


def test_the_cli_knows_the_engines():
    from matcher.batch.engines import ENGINES
    from matcher.cli.batch import ENGINE_NAMES

    assert tuple(ENGINES) == ENGINE_NAMES


def test_every_public_function_and_class_is_used():
    """A public def that nothing calls is dead code (``atomic_write_bytes``,
    ``Vocabulary.blocks_of``): its name must appear somewhere besides its definition and
    ``__all__`` (in the package, the tests, the scripts, the templates or the README)."""
    import collections
    import re

    root = PACKAGE.parent
    texts = [p.read_text(encoding="utf-8") for d in ("matcher", "tests", "scripts")
             for p in (root / d).rglob("*.py")]  # fmt: skip
    texts += [p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.j2")]
    texts.append((root / "README.md").read_text(encoding="utf-8"))
    words = collections.Counter(w for text in texts for w in re.findall(r"\w+", text))
    unused = []
    for module, path in MODULES.items():
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue
            if node.name.startswith("_"):
                continue
            exported = len(re.findall(rf"[\"']{node.name}[\"']", source))
            if words[node.name] - exported <= 1:
                unused.append(f"{module}.{node.name}")
    assert unused == []


def test_every_engine_takes_the_documented_arguments():
    """``engines.run`` passes these and no others: more made the signature look wider than
    it is (``run_dask(client=, window=)``, which nothing passed)."""
    from matcher.batch.engines import ENGINES

    common = ["context", "items", "jobs", "progress", "total_bytes"]
    for name, engine in ENGINES.items():
        extra = ["scheduler"] if name == "dask" else []
        assert list(inspect.signature(engine).parameters) == common + extra, name


def test_the_readme_layout_names_every_module_under_its_folder():
    """The README's *Layout* is the map a newcomer reads: 17 modules were missing from it."""
    import re

    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    layout = readme.split("\nLayout: one folder per stage", 1)[1].split("\nData: ", 1)[0]
    bullets = {}
    for line in layout.splitlines():
        if found := re.match(r"- `matcher/(\w+)/`", line):
            bullets[found.group(1)] = line
    assert set(bullets) == {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    missing = [
        module
        for module, path in MODULES.items()
        if module.count(".") >= 2
        and path.name != "__init__.py"
        and f"`{path.stem}`" not in bullets[module.split(".")[1]]
    ]
    top = [p.name for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__")]
    missing += [name for name in top if f"`matcher/{name}`" not in layout]
    assert missing == []


@pytest.mark.parametrize(
    "package",
    ["batch", "batch.engines", "io.onet", "io.survey", "report", "report.charts", "util"],
)
def test_a_package_docstring_that_lists_its_modules_lists_them_all(package):
    """``batch`` named six of its nine modules, ``util`` three of its eight."""
    import re

    init = PACKAGE.joinpath(*package.split(".")) / "__init__.py"
    doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
    modules = [p.stem for p in init.parent.glob("*.py") if p.stem != "__init__"]
    modules += [p.name for p in init.parent.iterdir() if (p / "__init__.py").exists()]
    assert [m for m in modules if not re.search(rf"\b{m}\b", doc)] == []


def _exists(dotted: str) -> bool:
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        name = ".".join(parts[:end])
        if name not in MODULES:
            continue
        value = importlib.import_module(name)
        for attr in parts[end:]:
            if not hasattr(value, attr):
                return False
            value = getattr(value, attr)
        return True
    return False


def test_every_dotted_name_a_docstring_gives_exists():
    """``LevelWeights.count_one`` was referred to long after it was deleted, and
    ``matcher.model.Model`` is not a name (the class is ``matcher.model.model.Model``). Checked:
    Sphinx roles, and ``literals`` that start with a module's name (not ``matcher.data_source``,
    a metadata key)."""
    import re

    wrong = []
    for module, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        roles = r":(?:mod|func|class|meth|data|attr|exc):`~?(matcher\.[\w.]+)`"
        literals = r"``(matcher\.[\w.]+)``"
        names = re.findall(roles, text)
        names += [n for n in re.findall(literals, text) if ".".join(n.split(".")[:2]) in MODULES]
        wrong += [f"{module}: {name}" for name in names if not _exists(name)]
    assert wrong == []


def test_every_public_function_of_the_api_is_annotated():
    """``write_reports(rejects=None)`` was the one parameter of the API without a type."""
    missing = []
    for name in matcher.__all__:
        value = getattr(matcher, name)
        if not inspect.isfunction(value):
            continue
        signature = inspect.signature(value)
        missing += [
            f"{name}({parameter})"
            for parameter, p in signature.parameters.items()
            if p.annotation is inspect.Parameter.empty
        ]
        if signature.return_annotation is inspect.Signature.empty:
            missing.append(f"{name} -> ?")
    assert missing == []


def test_inside_the_package_profile_names_a_job_profile():
    """ "profile" named three things: a job's document, a person's self-assessment
    (``standing(profile: Assessment)``) and the report's aptitude/trait chart (``ProfileItem``,
    ``profile_chart``). Only the public functions keep ``profile`` for a person's (the
    README's *A person's profile*); the report's chart is the needs chart."""
    import re

    public = set(matcher.__all__)
    wrong = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                wrong += [
                    f"{module}.{node.name}({arg.arg})"
                    for arg in node.args.args + node.args.kwonlyargs
                    if "profile" in arg.arg
                    and "Assessment" in ast.unparse(arg.annotation or ast.Constant(""))
                    and node.name not in public
                ]
            if module.startswith("matcher.report"):
                named = [getattr(node, "name", None)]
                named += [t.id for t in getattr(node, "targets", []) if isinstance(t, ast.Name)]
                if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                    named.append(node.target.id)
                wrong += [f"{module}: {n}" for n in named if n and "profile" in n.lower()]
    wrong += [p.name for p in (PACKAGE / "report").rglob("*.py") if "profile" in p.stem]
    for template in (PACKAGE / "report" / "templates").glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        wrong += [f"{template.name}: {m}" for m in re.findall(r"\w*profile\w*", text)
                  if m not in ("profile",)]  # fmt: skip
    assert wrong == []


@pytest.mark.parametrize("columns", ["50", "64", "0", "wide"])
def test_the_help_is_as_wide_as_argparse_makes_it(columns, monkeypatch, capsys):
    """The commands' help is sized without shutil, as argparse sizes it with it."""
    import shutil

    from matcher.cli import main

    monkeypatch.setenv("COLUMNS", columns)
    with pytest.raises(SystemExit):
        main(["gaps", "--help"])
    shown = capsys.readouterr().out
    width = shutil.get_terminal_size().columns - 2  # 78 for "0" and "wide"
    assert max(map(len, shown.splitlines())) <= width
    assert max(map(len, shown.splitlines())) > width - 15  # wrapped at that width
