"""Personas on an O*NET model: hand-written self-assessments with an adviser's expectations.

The personas of ``tests/personas/`` are checked on the built-in catalog; these forty-two
(``tests/personas/onet/``) on a model imported from the real O*NET database, where 879
occupations are rated on every item and people write their lists in O*NET's words. Helpers
wrote them as new users would (free lists of 4-18 items, or questionnaires of 17-40), with
the acceptable occupations and the absurd occupational groups written down before any output
was seen: ``acceptable`` (O*NET-SOC codes) and ``absurd_groups`` (SOC major groups, or
minor ones such as ``29-12``, physicians). The last twelve (bank teller to welder, written
after every choice of the model was made) are the blind test of it. For each persona:

- the first recommendation is acceptable;
- no occupation of an absurd group is in the top 5;
- at least 2 of the top 5 are acceptable (O*NET's occupations are finer than the built-in
  catalog's: a nurse has a dozen near neighbours).

The ones the ranking does not satisfy yet are strict expected failures in :data:`NOT_YET`
(issue 10), each with what goes wrong. Skipped, saying why, where ``../shared`` is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import expected_failures

from matcher import recommend

PERSONAS = Path(__file__).resolve().parent / "personas" / "onet"
FILES = sorted(PERSONAS.glob("*.json"))
TOP = 5
ACCEPTABLE_IN_TOP = 2
#: Not satisfied yet (issue 10). Strict: a persona that starts to pass fails here until it is
#: taken off the list.
NOT_YET = {
    "bookkeeper": "Budget Analysts first; Bookkeeping, Accounting, and Auditing Clerks 5th",
    "carpenter": "Helpers--Brickmasons first; Carpenters 12th",
    "cashier": "Ushers, Lobby Attendants, and Ticket Takers first",
    "chef": "Butchers and Meat Cutters first; Chefs and Head Cooks 37th",
    "farm-worker": "Food Cooking Machine Operators first (four items rated)",
    "history-teacher": "five postsecondary teachers, the first acceptable 7th",
    "it-service-desk": "Computer Systems Engineers/Architects first; one acceptable in the top 5",
    "machinist": "Woodworking Machine Setters first; Machinists 2nd",
    "pharmacy-technician": "three physicians' specialties in the top 5 after Pharmacists",
    "retail-returner": "Solar Sales Representatives first; one acceptable in the top 5",
    "security-guard": "Bailiffs first (four items rated); Security Guards 20th",
    "software-developer": "Computer and Information Research Scientists first",
    "truck-driver": "Captains, Mates, and Pilots of Water Vessels first; Truck Drivers 3rd",
    "warehouse-picker": "textile machine operators first (four items rated); none acceptable",
    # the twelve of the third helper (2026-12-01), written without running the engine
    "bank-teller": "Library Assistants, Clerical first; New Accounts Clerks 5th",
    "call-centre-agent": "Agents and Business Managers of Artists first; first acceptable 9th",
    "dental-hygienist": "Ophthalmologists, Dentists and physicians first; first acceptable 27th",
    "landscaper": "Logging Equipment Operators first; the first acceptable 10th",
    "preschool-teacher": "Preschool Teachers first, then middle and secondary school teachers",
    "real-estate-agent": "Solar Sales Representatives first; the first acceptable 8th",
    "school-janitor": "Motion Picture Projectionists first (eleven items); first acceptable 32nd",
    "welder": "Woodworking Machine Setters first at 94 %: O*NET's 68 generic skills and "
    "knowledge areas hold nothing of welding; none acceptable in the top 40",
}


@pytest.fixture(scope="module")
def onet_model(shared_onet_model):
    return shared_onet_model


def _absurd(occupation_id: str, persona: dict) -> bool:
    """Whether an occupation is in one of the persona's absurd groups: a major group ("29")
    or a prefix of codes ("29-12")."""
    major = occupation_id.split("-")[0]
    return any(
        occupation_id.startswith(group) if "-" in group else major == group
        for group in persona["absurd_groups"]
    )


def test_every_persona_names_real_occupations_and_items(onet_model):
    assert len(FILES) >= 42
    for path in FILES:
        persona = json.loads(path.read_text(encoding="utf-8"))
        for code in persona["acceptable"]:
            onet_model.index_of(code)  # raises on an unknown code
        # every item is O*NET's own (no alias or near-miss read leniently)
        recommend(persona["assessment"], model=onet_model, top_k=1)


@pytest.mark.parametrize("path", expected_failures(FILES, NOT_YET), ids=[p.stem for p in FILES])
def test_onet_persona_gets_what_an_adviser_would_accept(path, onet_model):
    persona = json.loads(path.read_text(encoding="utf-8"))
    recommendations = recommend(persona["assessment"], model=onet_model, top_k=TOP)
    top = [r.occupation_id for r in recommendations]
    problems = []
    if top[0] not in persona["acceptable"]:
        problems.append(f"#1 {recommendations[0].title} is not acceptable")
    absurd = [r.title for r in recommendations if _absurd(r.occupation_id, persona)]
    if absurd:
        problems.append(f"absurd in the top {TOP}: {', '.join(absurd)}")
    accepted = sum(o in persona["acceptable"] for o in top)
    if accepted < ACCEPTABLE_IN_TOP:
        problems.append(f"{accepted} of the top {TOP} acceptable, wanted {ACCEPTABLE_IN_TOP}")
    shown = "\n".join(
        f"  #{r.rank} {r.occupation_id} {r.title} ({r.confidence:.0%})" for r in recommendations
    )
    assert not problems, f"{path.stem} ({persona['style']}): {'; '.join(problems)}\n{shown}"
