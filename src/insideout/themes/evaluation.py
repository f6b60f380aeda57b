"""Running the evaluation of themes on labelled text and keeping its report."""

from pathlib import Path

from django.conf import settings

from insideout.language.evaluation import Evaluation, evaluate, read_labelled

from .models import EvaluationRun

# The labelled NHS comments, kept beside the checkout (../shared), never copied into it.
LABELLED_TEXT = Path("shared/reference/text/nhs_fft_comments_labelled.csv")


def default_data() -> Path:
    """Where the labelled comments are: ../shared beside the checkout."""
    return Path(settings.PROJECT_DIR).parent / LABELLED_TEXT


def run_evaluation(path: str | Path | None = None, limit: int | None = None) -> Evaluation:
    """Evaluate on the labelled file (a sample of `limit` texts if given) and keep the report."""
    path = Path(path) if path else default_data()
    if not path.exists():
        raise FileNotFoundError(
            f"No labelled text at {path}: give a CSV with columns feedback, label, subcategory"
        )
    report = evaluate(read_labelled(path, limit))
    EvaluationRun.objects.create(
        data=path.name + (f" (sample of {limit})" if limit else ""), report=report.as_dict()
    )
    return report


def latest() -> EvaluationRun | None:
    return EvaluationRun.objects.first()
