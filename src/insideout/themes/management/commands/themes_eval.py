import json
from pathlib import Path

from django.core.management.base import CommandError

from insideout.language import sentiment
from insideout.language.evaluation import read_labelled, train_sentiment_head
from insideout.themes.evaluation import default_data, run_evaluation
from insideout.web.commands import TeachingCommand


class Command(TeachingCommand):
    help = (
        "Measure themes, framework assignment and sentiment against human labels.\n\n"
        "On labelled comments (default: the 10,334 NHS comments in ../shared/reference/text/),\n"
        "tuned on one half and measured on the other: normalised mutual information (NMI) and\n"
        "adjusted Rand index (ARI) of the themes against the labels and subcategories, beside a\n"
        "plain TF-IDF + k-means baseline in the same run; precision and recall per theme for\n"
        "framework assignment; accuracy of sentiment. The report is kept for the evaluation page."
    )
    examples = """
        insideout themes-eval
        insideout themes-eval --sample 2000
        insideout themes-eval --data labelled.csv
    """

    def add_arguments(self, parser):
        parser.add_argument("--data", help="a CSV with columns feedback, label, subcategory")
        parser.add_argument("--sample", type=int, help="evaluate on a random sample of N texts")
        parser.add_argument(
            "--train-sentiment",
            action="store_true",
            help="train the sentiment classifier on the tuning half and save it in the package",
        )

    def handle(self, *args, data, sample, train_sentiment, **options):
        if train_sentiment:
            head = train_sentiment_head(read_labelled(Path(data or default_data())))
            sentiment.HEAD.write_text(json.dumps(head) + "\n")
            self.stdout.write(f"Saved the sentiment classifier in {sentiment.HEAD}")
            return
        try:
            report = run_evaluation(data or default_data(), sample)
        except FileNotFoundError as error:
            raise CommandError(str(error)) from None
        if report.note:
            self.stderr.write(report.note)
        out = self.stdout.write
        out(f"Labelled texts: {report.texts}; measured on the held-out {report.held_out}.")
        out(f"Engine: {report.engine}. Took {report.seconds} s.\n")
        out("Themes against human labels (higher is better):")
        out(f"  {'method':<36} {'against':<12} {'themes':>6} {'NMI':>6} {'ARI':>6} {'secs':>6}")
        for s in report.clustering:
            out(
                f"  {s.method:<36} {s.against:<12} {s.themes:>6} {s.nmi:>6.3f} {s.ari:>6.3f}"
                f" {s.seconds:>6.1f}"
            )
        best = report.winner()
        out(f"Best against the labels: {best.method}.\n")
        for a in report.assignment:
            out(
                f"{a.method}: coverage {a.coverage:.0%}, macro precision "
                f"{a.macro_precision:.3f}, macro recall {a.macro_recall:.3f}"
            )
            for c in a.per_theme:
                out(
                    f"  {c.theme:<28} n={c.support:<5} precision {c.precision:.3f}"
                    f"  recall {c.recall:.3f}"
                )
        out("\nSentiment against the labelled criticality:")
        for score in report.sentiment:
            out(
                f"  {score.method:<40} accuracy {score.accuracy:.3f}  macro F1 {score.macro_f1:.3f}"
            )
