"""How long `insideout themes` takes for 10,000 short comments: `python bench/themes_cli.py`.

Runs the real command, as a person would, on the first 10,000 labelled NHS comments
(../shared/reference/text/, about 13 words each), and prints the time with its ratio to the
60 s ceiling. The first run of all converts the model for ONNX Runtime (once per machine, kept
in ~/.cache/insideout); that run is not timed: the conversion is done first.
"""

import argparse
import csv
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

CEILING_S = 60.0
ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT.parent / "shared/reference/text/nhs_fft_comments_labelled.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--engine", choices=["embeddings", "tfidf"], default="embeddings")
    options = parser.parse_args()
    with open(LABELLED, newline="", encoding="utf-8") as handle:
        comments = [row["feedback"] for row in csv.DictReader(handle)][: options.rows]
    env = {**os.environ, "INSIDEOUT_TEXT_ENGINE": options.engine}
    command = [str(ROOT / ".venv/bin/insideout"), "themes"]
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "comments.csv"
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "comment"])
            writer.writerows((f"C{i}", text) for i, text in enumerate(comments))
        warm = Path(scratch) / "warm.csv"
        warm.write_text("comment\nwarm the model cache\nand once more\n")
        # Converts the model on a machine's first run; not part of what is timed.
        subprocess.run(
            [*command, str(warm), "--text", "comment"], env=env, check=True, capture_output=True
        )
        started, cpu = time.perf_counter(), os.times()
        done = subprocess.run(
            [*command, str(path), "--text", "comment", "--id", "id"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
        used = os.times()
        cpu_s = used.children_user - cpu.children_user + used.children_system - cpu.children_system
    result = json.loads(done.stdout)
    ratio = (
        f"{CEILING_S / seconds:.1f}x under"
        if seconds < CEILING_S
        else f"{seconds / CEILING_S:.1f}x OVER"
    )
    print(
        f"insideout themes, {len(comments):,} comments ({options.engine}): {seconds:.1f} s "
        f"({ratio} the {CEILING_S:.0f} s ceiling); {cpu_s:.0f} CPU-seconds on "
        f"{os.cpu_count()} cores; {len(result['themes'])} themes"
    )


if __name__ == "__main__":
    main()
