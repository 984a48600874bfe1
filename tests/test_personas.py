"""Personas: realistic self-assessments with a careers adviser's expectations (issue 10).

Each file in ``tests/personas/`` holds a self-assessment as a person would fill it in and,
written from the occupation documents and not from the engine's output, the occupations an
adviser would accept in that person's top 5 (``acceptable``, best fit first) and those that
would be absurd there (``absurd``). On the built-in catalog, for every persona:

- the first recommendation is acceptable;
- no absurd occupation is in the top 5;
- at least 3 of the top 5 are acceptable.

A failure prints the top 5 with their evidence, so that the reason is in the report. The
personas the ranking does not satisfy yet are listed in :data:`NOT_YET` (strict expected
failures, each with what goes wrong), not taken out.
See ``tests/personas/README.md`` for how the expectations were written.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import expected_failures

from matcher import recommend

PERSONAS = Path(__file__).resolve().parent / "personas"
ROOT = PERSONAS.parent.parent
FILES = sorted(PERSONAS.glob("*.json"))
TOP = 5
ACCEPTABLE_IN_TOP = 3
#: Personas the ranking does not yet satisfy (issue 10 stays open for them). Strict: a persona
#: that starts to pass fails here until it is taken off the list.
NOT_YET = {
    "dairy-farmer": "Veterinarian (a related job) reaches the top 5 on Animal Care alone",
    "electrician-apprentice": "a 14-item questionnaire: trades whose own skills were not asked "
    "(Building Painter, Landscape Gardener) first; Electrician, whose were, #33 on an apprentice's "
    "honest 1s and 2s (blind; #1 as a free list)",
    "helpdesk-technician": "Network Engineer, one step on, ranks below unrelated office jobs",
    "in-house-legal-staff": "licensed legal posts (Lawyer, Patent Attorney) before Paralegal",
    "junior-city-official-overrater": "an over-rater's 4s and 5s read as a senior's: Department "
    "Head, City Mayor and Ward Mayor first (blind; 2 of the top 5 acceptable)",
    "hotel-housekeeper": "Flight Attendant first through the relations of Server and Front Desk "
    "Clerk, with less confidence than Warehouse Worker and Home Care Aide (blind)",
    "registered-nurse": "Midwife and Physical Therapist before Head Nurse and Public Health Nurse",
    "retired-army-sergeant": "Airline Pilot in the top 5 without piloting (a free list)",
    "prison-officer-leaving": "a 32-item public-services questionnaire: office and science jobs "
    "met on 2-4 generic items (Environmental Engineer, Data Scientist) first; Firefighter #25, "
    "Police Officer #44 (blind; #1 as a free list)",
    "dental-nurse": "a 25-item healthcare questionnaire: occupations whose key items were not "
    "asked (Restaurant Server) first, Dental Hygienist #31 (blind; #1 as a free list)",
    "bus-depot-mechanic": "a 26-item engineering questionnaire: HVAC Technician #3 although he "
    "left HVAC Systems blank, Maintenance Technician #8 (blind)",
    "bricklayer-bad-knee": "Master Carpenter first for a bricklayer who rates no carpentry; Cost "
    "Estimator #10, Construction Site Supervisor #13 (blind)",
    "social-media-teen": "an over-rater's 4s and 5s read as a professional's: Marketing "
    "Specialist, Copywriter and Video Producer, no entry-level job (blind; 2 of the top 5 "
    "acceptable)",
}


def _verdict(occupation_id: str, persona: dict) -> str:
    if occupation_id in persona["acceptable"]:
        return "acceptable"
    return "ABSURD" if occupation_id in persona["absurd"] else "neutral"


def _evidence(recommendations, persona: dict) -> str:
    """The top matches, each with its verdict, score and the evidence behind it."""
    lines = []
    for r in recommendations:
        lines.append(
            f"  #{r.rank} {r.occupation_id} [{_verdict(r.occupation_id, persona)}] "
            f"score {r.score:.2f}, confidence {r.confidence:.0%}"
        )
        lines.append(f"      met: {', '.join(map(str, r.matched)) or '-'}")
        lines.append(f"      short: {', '.join(map(str, r.missing)) or '-'}")
        lines.append(f"      unrated key items: {', '.join(e.name for e in r.unrated) or '-'}")
    return "\n".join(lines)


def test_there_are_personas_for_every_industry():
    # The checker is stand-alone on purpose (it reads the vocabulary and the documents,
    # never matcher), so that the expectations cannot lean on the engine.
    done = subprocess.run(
        [sys.executable, str(PERSONAS / "check_personas.py"), str(PERSONAS), "--repo", str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(FILES) >= 30


@pytest.mark.parametrize("path", expected_failures(FILES, NOT_YET), ids=[p.stem for p in FILES])
def test_persona_gets_what_an_adviser_would_accept(path, builtin_model):
    persona = json.loads(path.read_text(encoding="utf-8"))
    recommendations = recommend(persona["assessment"], model=builtin_model, top_k=TOP)
    top = [r.occupation_id for r in recommendations]
    problems = []
    if top[0] not in persona["acceptable"]:
        problems.append(f"#1 {top[0]} is not acceptable")
    absurd = [o for o in top if o in persona["absurd"]]
    if absurd:
        problems.append(f"absurd in the top {TOP}: {', '.join(absurd)}")
    accepted = sum(o in persona["acceptable"] for o in top)
    if accepted < ACCEPTABLE_IN_TOP:
        problems.append(f"{accepted} of the top {TOP} acceptable, wanted {ACCEPTABLE_IN_TOP}")
    assert not problems, (
        f"{path.stem} ({persona['style']}): {'; '.join(problems)}\n"
        f"{_evidence(recommendations, persona)}\n"
        f"  acceptable: {', '.join(persona['acceptable'])}"
    )


@pytest.mark.parametrize(
    "field, name", [("current_job", "Lab Technician"), ("target_job", "Checkout Operator")]
)
def test_the_checker_reads_aliases_written_as_bullet_marks(tmp_path, field, name):
    """Half the documents list their aliases as '• Name', not '- Name'; both are aliases
    (matcher reads both), so a persona may name its job by either."""
    persona = json.loads((PERSONAS / "university-lab-technician.json").read_text("utf-8"))
    persona["assessment"][field] = name
    (tmp_path / "alias.json").write_text(json.dumps(persona), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(PERSONAS / "check_personas.py"), str(tmp_path), "--repo", str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "alias.json:" not in done.stderr, done.stderr  # only the folder's minimums fail
    assert "personas; at least" in done.stderr
