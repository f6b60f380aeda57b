"""How relevant the similar asks are that a doer is shown: `.venv/bin/python bench/similar_asks.py`.

Builds the demo department in a throwaway database, then, for each need in the demo's bank,
asks for similar open asks as a doer would type it: the first sentence of the need's detail
(the doer's own words, never the title the asks carry). A suggestion is judged relevant when
it is the same need, or another need of the same owning unit and kind of help (a reviewer
would send the doer there too). Prints the share of relevant suggestions, the share that are
the same need, and how often the same need is among the suggestions, against a floor of 70%.
"""

import re
import statistics
import sys
import time

from harness import bench_database

FLOOR = 0.70  # the share below which the suggestions would do more harm than good


def main() -> int:
    with bench_database(None, "insideout_bench_similar"):
        from insideout.asks.demo_data import NEEDS
        from insideout.asks.similar import similar_open_asks
        from insideout.demo import build_demo

        build_demo()
        by_title = {need.title: need for need in NEEDS}
        shown = relevant = same = found = queries = 0
        times = []
        for need in NEEDS:
            words = re.split(r"(?<=[.!?])\s", need.detail)[0]
            started = time.perf_counter()
            suggestions = similar_open_asks(words, need.category)
            times.append(time.perf_counter() - started)
            queries += 1
            titles = [by_title.get(s.ask.title) for s in suggestions]
            shown += len(titles)
            same += sum(t is need for t in titles)
            relevant += sum(
                t is need or (t is not None and (t.unit, t.category) == (need.unit, need.category))
                for t in titles
            )
            found += any(t is need for t in titles)
        share = relevant / shown if shown else 0.0
        print(f"{queries} needs asked as a doer would word them; {shown} suggestions shown")
        print(
            f"relevant (same need, or same unit and kind of help): {share:.0%} "
            f"(floor {FLOOR:.0%}, ratio {share / FLOOR:.2f})"
        )
        print(f"the same need: {same / shown if shown else 0:.0%} of suggestions")
        print(f"the same need among the suggestions: {found / queries:.0%} of needs")
        print(f"median time to suggest: {statistics.median(times) * 1000:.0f} ms")
        return 0 if share >= FLOOR else 1


if __name__ == "__main__":
    sys.exit(main())
