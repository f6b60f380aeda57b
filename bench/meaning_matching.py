"""How long a short list of services for a need takes over 50,000 services, with the meaning
component (sentence embeddings) switched on: `.venv/bin/python bench/meaning_matching.py`.

Builds the catalogue's matching index (catalogue.matching.ServiceIndex) over 50,000 made-up
services whose descriptions come from 1,000 distinct ones, with their embeddings already
stored (as the themes app keeps every service's: a service is embedded once, and again only
when its text changes), then times `short_list` for 300 needs and prints the median and 95th
centile against the 100 ms ceiling. `--engine tfidf` times the fallback.
"""

import argparse
import os
import random
import statistics
import tempfile
import time

CEILING_MS = 100.0
SERVICES = 50_000
SEED = 20261201

SUBJECTS = [
    ("food", "food bank parcels and a community larder", "hungry, no food in the house"),
    ("housing", "help to keep your home: rent arrears and eviction advice", "notice to leave"),
    ("money", "debt advice and help with benefits claims", "cannot pay the bills"),
    ("mental_health", "mental health drop-in and talking therapies", "feeling low and anxious"),
    ("work", "help finding work, CVs and interview practice", "lost my job"),
    ("education", "support for children with special needs at school", "son excluded"),
    ("health", "community transport to hospital appointments", "no way to get to hospital"),
    ("loneliness", "befriending for older people living alone", "lonely since my wife died"),
]
WHO = ["families", "older people", "young people", "carers", "veterans", "anyone", "tenants"]
WHERE = ["in Leeds", "across Yorkshire", "by phone", "online", "in Sheffield", "in Bradford"]
STYLE = ["Free", "Weekly", "Friendly", "Confidential", "Drop-in", "Specialist"]


def descriptions(rng: random.Random, n: int) -> list[tuple[str, str]]:
    found = set()
    while len(found) < n:
        category, about, _ = rng.choice(SUBJECTS)
        found.add(
            (category, f"{rng.choice(STYLE)} {about} for {rng.choice(WHO)} {rng.choice(WHERE)}")
        )
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["embeddings", "tfidf"], default="embeddings")
    parser.add_argument("--services", type=int, default=SERVICES)
    options = parser.parse_args()
    os.environ["INSIDEOUT_TEXT_ENGINE"] = options.engine
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "insideout.settings")
    os.environ.setdefault("INSIDEOUT_VAR_DIR", tempfile.mkdtemp(prefix="bench-"))
    import django

    django.setup()  # the matching core reads the catalogue's vocabularies; no database is used
    from insideout.catalogue.matching import NeedFacts, ServiceFacts, ServiceIndex, short_list
    from insideout.language import embeddings

    rng = random.Random(SEED)
    kinds = descriptions(rng, 1_000)
    facts = []
    for i in range(options.services):
        category, text = kinds[i % len(kinds)]
        facts.append(
            ServiceFacts(
                id=i,
                name=f"Service {i}",
                text=text,
                categories=frozenset({category}),
                capacity_status=rng.choice(["capacity", "waitlist", "no-capacity", ""]),
                online=rng.random() < 0.2,
            )
        )
    if options.engine == "embeddings":
        # What the store would hand back: each distinct description's embedding, made once.
        vectors = embeddings.embed([text for _, text in kinds])
        for (_, text), vector in zip(kinds, vectors, strict=True):
            embeddings._memory[embeddings.digest(text)] = vector
    started = time.perf_counter()
    index = ServiceIndex(facts)
    built = time.perf_counter() - started
    needs = [NeedFacts(category=category, text=words) for category, _, words in SUBJECTS]
    embeddings.embed_cached([n.text for n in needs])  # the model loaded, as in a running server
    times = []
    for round_ in range(300):
        need = needs[round_ % len(needs)]
        need = NeedFacts(category=need.category, text=f"{need.text} ({round_})")
        started = time.perf_counter()
        found = short_list(index, need)
        times.append((time.perf_counter() - started) * 1000)
    median = statistics.median(times)
    p95 = sorted(times)[int(0.95 * len(times)) - 1]
    ratio = (
        f"{CEILING_MS / median:.1f}x under"
        if median < CEILING_MS
        else f"{median / CEILING_MS:.1f}x OVER"
    )
    print(
        f"Short list over {len(facts):,} services ({options.engine}): median {median:.1f} ms, "
        f"p95 {p95:.1f} ms ({ratio} the {CEILING_MS:.0f} ms ceiling); index built in "
        f"{built:.1f} s from stored embeddings; top suggestion: {found[0].name if found else '-'}"
    )


if __name__ == "__main__":
    main()
