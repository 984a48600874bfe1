"""A work coach's dental nurse (2026-12-02, written blind): the ratings she gave on her
jobcentre's healthcare questionnaire, which several tests ask in different ways (what was
asked, what she left blank, her current job)."""

RATINGS = {
    "skills": {
        "Dental Care": 3,
        "Infection Control": 5,
        "Patient Care": 3,
        "Medical Records": 4,
        "Medical Imaging": 3,
        "First Aid": 3,
        "Customer Service": 4,
        "Health Education": 2,
    },
    "aptitudes": {
        "Manual Dexterity": 4,
        "Precision & Accuracy": 4,
        "Communication Skills": 4,
        "Teamwork": 5,
    },
    "traits": {"Cleanliness": 5, "Compassion": 4, "Confidentiality": 4, "Patience": 4},
}
