"""The standard question bank every department starts with (PRODUCT.md, capability 2)."""

# (code, kind, text, hint)
STANDARD_QUESTIONS = [
    (
        "recommend",
        "unit_nps",
        "How likely are you to recommend {unit} to a colleague in your position?",
        "0 is not at all likely, 10 is extremely likely.",
    ),
    ("information", "agreement", "The centre gives me the information I need to do my job", ""),
    ("easier", "agreement", "The centre makes it easier for me to do my job", ""),
    (
        "one_thing",
        "need",
        "What one thing would help you most to do your job better?",
        "Say what would help, and what kind of help it is.",
    ),
    (
        "stop",
        "free_text",
        "What should the centre stop doing?",
        "A return, a report, a meeting, a rule: anything that costs you time for little value.",
    ),
]


def ensure_standard_questions(question_model) -> None:
    """Add any standard question missing from the bank (the migration and tests call this)."""
    for code, kind, text, hint in STANDARD_QUESTIONS:
        question_model.objects.get_or_create(
            code=code, defaults={"kind": kind, "text": text, "hint": hint, "is_standard": True}
        )
