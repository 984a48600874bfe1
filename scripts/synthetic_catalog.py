"""The synthetic catalog of the scale benchmarks (scripts/bench_scale.py, and
scripts/bench_batch.py --catalog): job-profile documents in ladders of occupations ((sector,
domain, role) families of 3 to 8 ranks) whose levels grow along each career path, random items
from ``data/vocabulary/``, related jobs within and across ladders, descriptions made of
vocabulary words."""

from __future__ import annotations

from pathlib import Path

SECTORS = ("Municipal", "Regional", "Coastal", "Rural", "Urban", "Industrial", "Digital")
SECTORS += ("Marine", "Clinical", "Public", "Private", "Community", "Federal", "Mountain")
SECTORS += ("Northern", "Southern", "Metropolitan", "Agricultural", "Civic", "Harbour")
ROLES = ("Officer", "Specialist", "Analyst", "Technician", "Manager", "Coordinator")
ROLES += ("Consultant", "Engineer", "Advisor", "Inspector", "Planner", "Supervisor")
RANKS = ("Trainee", "Assistant", "Associate", "Senior", "Lead", "Principal", "Chief", "Director")
INDUSTRIES = ("Public Administration", "Law", "Healthcare", "Social Work & Care", "Education")
INDUSTRIES += ("Information Technology", "Research & Science", "Engineering", "Media & Arts")
INDUSTRIES += ("Transport & Logistics", "Construction & Trades", "Manufacturing", "Agriculture")
INDUSTRIES += ("Finance & Accounting", "Sales & Retail", "Hospitality & Tourism")


def generate_catalog(folder: Path, n: int, seed: int) -> None:
    """``n`` job-profile documents in ``folder``, the same for the same ``n`` and ``seed``."""
    import numpy as np

    from matcher.io.job_writer import write_profile
    from matcher.io.profile import Aptitude, Item, JobProfile
    from matcher.io.vocabulary import builtin_vocabulary

    rng = np.random.default_rng([seed, n])
    vocabulary = builtin_vocabulary()
    skills, aptitudes, traits = (list(vocabulary.names(b)) for b in ("skill", "aptitude", "trait"))
    words = sorted({w.lower() for name in skills for w in name.split() if len(w) > 3})
    # Ladders: (sector, domain, role) families of 3 to 8 ranks.
    families, count = [], 0
    combos = rng.permutation(len(SECTORS) * len(skills) * len(ROLES))
    for combo in combos:
        if count >= n:
            break
        sector, rest = divmod(int(combo), len(skills) * len(ROLES))
        domain, role = divmod(rest, len(ROLES))
        size = min(int(rng.integers(3, 9)), n - count)
        ranks = sorted(rng.choice(len(RANKS), size=size, replace=False).tolist())
        families.append((SECTORS[sector], skills[domain], ROLES[role], ranks))
        count += size
    titles = [
        [f"{RANKS[r]} {sector} {domain} {role}" for r in ranks]
        for sector, domain, role, ranks in families
    ]
    every = [t for ladder in titles for t in ladder]
    row = 0
    for (sector, domain, role, ranks), ladder in zip(families, titles, strict=True):
        core = [domain, *rng.choice(skills, size=int(rng.integers(5, 9)), replace=False)]
        core = list(dict.fromkeys(core))
        industry = INDUSTRIES[SECTORS.index(sector) % len(INDUSTRIES)]
        for step, (rank, title) in enumerate(zip(ranks, ladder, strict=True)):
            grow = step / max(len(ladder) - 1, 1)

            def level(grow: float = grow) -> float:  # levels grow along the ladder
                return float(np.clip(round(1 + 3 * grow + rng.normal(0, 0.6)), 1, 5))

            others = [s for s in rng.choice(skills, size=5, replace=False) if s not in core]
            text = " ".join(rng.choice(words, size=int(rng.integers(25, 60))))
            related = [ladder[i] for i in (step - 1, step + 1) if 0 <= i < len(ladder)]
            related += [every[int(i)] for i in rng.integers(0, len(every), size=2)]
            profile = JobProfile(
                title=title,
                industry=industry,
                classification=(industry, f"{sector} {role}s"),
                summary=f"{RANKS[rank]} post in {domain.lower()} for {sector.lower()} employers.",
                description=(
                    f"The {title.lower()} works on {domain.lower()} and {core[1].lower()}. "
                    f"{text.capitalize()}."
                ),
                traits=tuple(Item(t) for t in rng.choice(traits, size=4, replace=False)),
                career_path=tuple(ladder[max(0, step - 3) : step + 1]),
                required_skills=tuple(Item(s, level()) for s in core[:6]),
                recommended_skills=tuple(Item(s, level()) for s in [*core[6:], *others][:4]),
                aptitudes=tuple(
                    Aptitude(a, f"Needed for {domain.lower()} work.", level())
                    for a in rng.choice(aptitudes, size=4, replace=False)
                ),
                aliases=(f"{RANKS[rank]} {role} of {domain} ({sector})",),
                related_jobs=tuple(dict.fromkeys(r for r in related if r != title)),
            )
            (folder / f"job-{row:05d}.txt").write_text(write_profile(profile), encoding="utf-8")
            row += 1
