"""Enrichment throughput: bare spaCy vs enrich_text vs article_enrich and its batched form, with PostgreSQL writes.

Run from the repository root:

    .venv/bin/python bench/enrichment.py [--words 15000] [--entities 100000] [--articles 40] [--rounds 3] [--queries]

It creates the PostgreSQL database `newsapi_bench` when missing (DATABASE_URL may point elsewhere), migrates it,
and prints two tables: words per second per process for the same texts, and the time per article with an empty
entity table vs with `--entities` people and organisations (plus aliases) already stored.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV_CORPUS = REPO.parent / "shared" / "corpus" / "dev"
FIXTURES = REPO / "tests" / "enrichment_corpus"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/newsapi_bench"

sys.path.insert(0, str(REPO))


def ensure_database(url: str) -> None:
    """createdb when the database does not exist yet (an existing one is reused)."""
    from urllib.parse import urlparse

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    cmd = ["createdb", "-h", parts.hostname or "127.0.0.1", "-U", parts.username or "postgres"]
    if parts.port:
        cmd += ["-p", str(parts.port)]
    result = subprocess.run([*cmd, name], capture_output=True, text=True, check=False)
    if result.returncode and "already exists" not in result.stderr:
        raise SystemExit(f"createdb failed: {result.stderr.strip()}")


def load_texts(min_words: int) -> list[dict]:
    """Dev-corpus bodies plus the held-out fixtures, repeated until they hold at least `min_words` words."""
    files = sorted(DEV_CORPUS.glob("*.json")) + sorted(FIXTURES.glob("*.json"))
    articles = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    if not articles:
        raise SystemExit("no texts: neither the dev corpus nor the fixtures were found")
    out: list[dict] = []
    while sum(len(a["body"].split()) for a in out) < min_words:
        out.extend(articles)
    return out


def words_of(articles: list[dict]) -> int:
    return sum(len(a["body"].split()) for a in articles)


def bench_bare(articles: list[dict]) -> float:
    """nlp.pipe alone over the same paragraphs enrich_text feeds it, every component enabled (enrich_text skips the
    parser where a model reads a language it was not trained on: Portuguese through the Spanish model)."""
    from articles.enrichment.language import detect_language
    from articles.enrichment.nlp import model_for
    from articles.enrichment.text import prepare_text

    batches = []
    for a in articles:
        prepared = prepare_text(body=a["body"])
        lang = detect_language(text=prepared.clean_text, hint=a.get("language"))
        nlp, _trained = model_for(language=lang)
        batches.append((nlp, [prepared.clean_text[s:e] for s, e in prepared.paragraphs]))
    start = time.perf_counter()
    for nlp, texts in batches:
        for _doc in nlp.pipe(texts):
            pass
    return time.perf_counter() - start


def bench_enrich_text(articles: list[dict]) -> float:
    from articles.enrichment import enrich_text

    start = time.perf_counter()
    for a in articles:
        enrich_text(title=a["title"], body=a["body"], language=a.get("language"))
    return time.perf_counter() - start


def create_articles(source, articles: list[dict], tag: str) -> list[int]:
    from articles.models import Article

    rows = [
        Article(
            source=source,
            external_id=f"{tag}-{i}-{a['id']}",
            title=a["title"],
            body=a["body"],
            language_hint=a.get("language", ""),
            content_hash=hashlib.sha256((a["title"] + a["body"]).encode()).hexdigest(),
        )
        for i, a in enumerate(articles)
    ]
    return [row.id for row in Article.objects.bulk_create(rows)]


def bench_article_enrich(article_ids: list[int], *, capture: bool = False) -> tuple[float, list[float], dict]:
    """Total seconds and seconds per article; with `capture`, the SQL issued grouped by statement shape.

    Capturing turns on Django's debug cursor, which costs time itself: timed runs leave it off.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.services import article_enrich

    per_article: list[float] = []
    statements: dict[str, list[float]] = {}
    start = time.perf_counter()
    for article_id in article_ids:
        t0 = time.perf_counter()
        if capture:
            connection.queries_log.clear()  # the log holds 9,000 entries; past that the capture comes back empty
            with CaptureQueriesContext(connection) as captured:
                article_enrich(article_id=article_id)
            for query in captured.captured_queries:
                entry = statements.setdefault(_statement_kind(query["sql"]), [0, 0.0])
                entry[0] += 1
                entry[1] += float(query["time"])
        else:
            article_enrich(article_id=article_id)
        per_article.append(time.perf_counter() - t0)
    return time.perf_counter() - start, per_article, statements


def bench_articles_enrich_batched(article_ids: list[int]) -> float:
    """What the enrich_articles task does with re-enrichment and sweeper batches: articles_enrich over batches of
    ENRICHMENT_BATCH, each article's writes overlapping the next article's pipeline."""
    from articles.services import ENRICHMENT_BATCH, articles_enrich

    start = time.perf_counter()
    for offset in range(0, len(article_ids), ENRICHMENT_BATCH):
        outcomes = articles_enrich(article_ids=article_ids[offset : offset + ENRICHMENT_BATCH])
        failed = {article_id: outcome for article_id, outcome in outcomes.items() if isinstance(outcome, Exception)}
        if failed:
            raise SystemExit(f"enrichment failed: {failed}")
    return time.perf_counter() - start


def bench_backlog_tasks(article_ids: list[int]) -> float:
    """Webhook deliveries meeting a backlog: the articles QUEUED, then enrich_article run for each in order, as a
    worker consumes their messages (the first claims the others and enriches them as a batch; their tasks stop)."""
    from django.utils import timezone

    from articles.models import Article
    from articles.tasks import enrich_article

    Article.objects.filter(id__in=article_ids).update(status=Article.Status.QUEUED, status_changed_at=timezone.now())
    start = time.perf_counter()
    for article_id in article_ids:
        enrich_article(article_id)
    seconds = time.perf_counter() - start
    if Article.objects.filter(id__in=article_ids).exclude(status=Article.Status.ENRICHED).exists():
        raise SystemExit("backlog: some articles were not enriched")
    return seconds


def print_statements(title: str, statements: dict, articles: int) -> None:
    print(title)
    print(f"  {'statement':90} {'per article':>11} {'ms/article':>10}")
    for kind, (count, seconds) in sorted(statements.items(), key=lambda kv: -kv[1][1])[:14]:
        print(f"  {kind[:90]:90} {count / articles:11.1f} {1000 * seconds / articles:10.2f}")
    total = sum(c for c, _s in statements.values())
    print(f"  {'all':90} {total / articles:11.1f} {1000 * sum(s for _c, s in statements.values()) / articles:10.2f}")


def _statement_kind(sql: str) -> str:
    words = sql.split()
    if not words:
        return "?"
    verb = words[0].upper()
    table = next((w.strip('"') for w in words if w.strip('"').startswith("articles_")), "")
    if verb == "SELECT" and "pg_advisory_xact_lock" in sql:
        return "SELECT pg_advisory_xact_lock"
    shape = re.sub(r"'(?:[^']|'')*'|\b\d+\b", "?", sql)
    shape = re.sub(r"\(\?(?:, \?)*\)", "(...)", shape)
    where = re.sub(r'"articles_\w+"\.', "", shape.split(" WHERE ", 1)[1])[:70] if " WHERE " in shape else ""
    return f"{verb} {table.split('.')[0]} {where}".strip()


def clear_enrichment() -> None:
    """Empty the entity tables and everything that points at them, so a run starts from an empty database."""
    from django.db import connection

    from articles.models import (
        Article,
        Mention,
        Organization,
        OrganizationAlias,
        Person,
        PersonAlias,
        Place,
        PlaceAlias,
        Quote,
    )

    models = (Quote, Mention, PersonAlias, OrganizationAlias, PlaceAlias, Person, Organization, Place)
    for model in models:
        model.objects.all().delete()
    Article.objects.filter(source__slug="bench").delete()
    # A deployment never empties these tables; here the dead rows of the last run (100,000 after part (b)) would
    # otherwise sit in the name indexes until autovacuum came by, slowing the next run's lookups.
    with connection.cursor() as cursor:
        for model in (*models, Article):
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


FIRST = [
    "Ana",
    "Lucía",
    "María",
    "José",
    "Carmen",
    "Isabel",
    "Laura",
    "Marta",
    "Sofía",
    "Elena",
    "Paula",
    "Clara",
    "Julia",
    "Irene",
    "Sara",
    "Nuria",
    "Rocío",
    "Beatriz",
    "Juan",
    "Carlos",
    "Luis",
    "Miguel",
    "Javier",
    "Pablo",
    "Diego",
    "Andrés",
    "Sergio",
    "Rubén",
    "Álvaro",
    "Íñigo",
    "Tomás",
    "Jorge",
    "Raúl",
    "Hugo",
    "Mateo",
    "John",
    "Mary",
    "James",
    "Linda",
    "Robert",
    "Susan",
    "Michael",
    "Karen",
    "David",
    "Emily",
    "Daniel",
    "Sarah",
    "Thomas",
    "Laura",
    "Kevin",
    "Rachel",
    "Priya",
    "João",
    "Maria",
    "Pedro",
    "Ana",
    "Tiago",
    "Inês",
    "Rui",
    "Sofia",
    "Nuno",
    "Helena",
    "Gonçalo",
    "Beatriz",
    "Duarte",
    "Mariana",
    "Otávio",
    "Lívia",
    "Caio",
]
LAST = [
    "García",
    "Fernández",
    "González",
    "Rodríguez",
    "López",
    "Martínez",
    "Sánchez",
    "Pérez",
    "Gómez",
    "Martín",
    "Jiménez",
    "Ruiz",
    "Hernández",
    "Díaz",
    "Moreno",
    "Muñoz",
    "Álvarez",
    "Romero",
    "Alonso",
    "Gutiérrez",
    "Navarro",
    "Torres",
    "Domínguez",
    "Vázquez",
    "Ramos",
    "Gil",
    "Ramírez",
    "Serrano",
    "Blanco",
    "Molina",
    "Morales",
    "Suárez",
    "Ortega",
    "Delgado",
    "Castro",
    "Ortiz",
    "Rubio",
    "Marín",
    "Sanz",
    "Iglesias",
    "Medina",
    "Garrido",
    "Cortés",
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Martin",
    "Jackson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Walker",
    "Hall",
    "Young",
    "King",
    "Wright",
    "Scott",
    "Green",
    "Baker",
    "Adams",
    "Nelson",
    "Hill",
    "Campbell",
    "Mitchell",
    "Silva",
    "Santos",
    "Oliveira",
    "Souza",
    "Pereira",
    "Costa",
    "Carvalho",
    "Almeida",
    "Ferreira",
    "Ribeiro",
    "Lima",
    "Gomes",
    "Martins",
    "Rocha",
    "Araújo",
    "Barbosa",
    "Cardoso",
    "Teixeira",
    "Correia",
    "Mendes",
    "Nunes",
    "Vieira",
    "Monteiro",
    "Moura",
    "Pinto",
    "Lopes",
    "Freitas",
    "Batista",
]
ORG_HEADS = [
    "Banco",
    "Grupo",
    "Fundación",
    "Asociación",
    "Instituto",
    "Consorcio",
    "Federación",
    "Sindicato",
    "Universidad",
    "Compañía",
    "Partido",
    "Club",
    "Cooperativa",
    "Observatorio",
    "Editorial",
    "Laboratorios",
    "Transportes",
    "Industrias",
    "Associação",
    "Instituto",
    "Fundação",
]
ORG_WORDS = [
    "Atlántico",
    "Meridional",
    "Norte",
    "Central",
    "Ibérico",
    "Andino",
    "Pacífico",
    "Levante",
    "Cantábrico",
    "Horizonte",
    "Aurora",
    "Vértice",
    "Albor",
    "Cumbre",
    "Ribera",
    "Sierra",
    "Valle",
    "Delta",
    "Faro",
    "Puerto",
    "Llanura",
    "Brisa",
    "Roble",
    "Olivo",
    "Cierzo",
    "Tramontana",
    "Nova",
    "Vista",
    "Pioneer",
    "Summit",
    "Harbor",
    "Ridge",
    "Maple",
    "Granite",
    "Beacon",
    "Liberty",
    "Union",
    "Crest",
    "Pinnacle",
    "Frontier",
    "Meridian",
    "Atlas",
]
ORG_TAILS = [
    "Energía",
    "Capital",
    "Systems",
    "Group",
    "Holdings",
    "Media",
    "Foods",
    "Seguros",
    "Logística",
    "Partners",
    "Labs",
    "Research",
]


def seed_entities(total: int, seed: int = 7) -> tuple[int, int]:
    """`total` people and organisations (half each) with aliases, inserted with bulk_create in batches."""
    from articles.enrichment import normalize_name
    from articles.models import Organization, OrganizationAlias, Person, PersonAlias

    rng = random.Random(seed)
    people_n = total // 2
    orgs_n = total - people_n
    batch = 5000
    made_aliases = 0
    for offset in range(0, people_n, batch):
        people = []
        for _ in range(min(batch, people_n - offset)):
            first, last, last2 = rng.choice(FIRST), rng.choice(LAST), rng.choice(LAST)
            name = f"{first} {last} {last2}" if rng.random() < 0.4 else f"{first} {last}"
            people.append(Person(name=name, normalized_name=normalize_name(name)))
        people = Person.objects.bulk_create(people)
        aliases = []
        for person in people:
            surname = person.name.split()[1]
            aliases.append(PersonAlias(person=person, name=surname, normalized_name=normalize_name(surname)))
        PersonAlias.objects.bulk_create(aliases)
        made_aliases += len(aliases)
    for offset in range(0, orgs_n, batch):
        orgs = []
        for _ in range(min(batch, orgs_n - offset)):
            kind = rng.random()
            if kind < 0.5:
                name = f"{rng.choice(ORG_HEADS)} {rng.choice(ORG_WORDS)} {rng.choice(ORG_WORDS)}"
            else:
                name = f"{rng.choice(ORG_WORDS)} {rng.choice(ORG_WORDS)} {rng.choice(ORG_TAILS)}"
            orgs.append(Organization(name=name, normalized_name=normalize_name(name)))
        orgs = Organization.objects.bulk_create(orgs)
        aliases = []
        for org in orgs:
            acronym = "".join(w[0] for w in org.name.split()).upper()
            aliases.append(OrganizationAlias(organization=org, name=acronym, normalized_name=normalize_name(acronym)))
        OrganizationAlias.objects.bulk_create(aliases)
        made_aliases += len(aliases)
    return total, made_aliases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=15000, help="repeat the texts until they hold this many words")
    parser.add_argument("--entities", type=int, default=100_000, help="people + organisations stored for part (b)")
    parser.add_argument("--articles", type=int, default=40, help="articles enriched in each part (b) run")
    parser.add_argument("--queries", action="store_true", help="print the SQL statements article_enrich issues")
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds of (a) and (b), each stage once per round; medians are printed"
    )
    args = parser.parse_args()

    os.environ.setdefault("DATABASE_URL", DEFAULT_DB)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapi.settings")
    # A worker as deployed (docker-compose.yml): with DEBUG on, Django logs every statement, which is not the cost
    # being measured.
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    ensure_database(os.environ["DATABASE_URL"])
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)

    from articles.enrichment import PIPELINE_VERSION
    from articles.models import Source
    from articles.services import ENRICHMENT_BATCH

    texts = load_texts(args.words)
    words = words_of(texts)
    print(f"texts: {len(texts)} articles, {words} words; pipeline {PIPELINE_VERSION}; one process")

    # Warm up: model loading and first-call caches are not part of throughput.
    bench_enrich_text(texts[:8])
    bench_bare(texts)  # a first pass over every text is slower (vocabulary, caches): it would flatter the rest
    source, _created = Source.objects.get_or_create(slug="bench", defaults={"name": "bench", "webhook_secret": "x"})
    clear_enrichment()
    warm = create_articles(source, texts[:4], f"warm-{uuid.uuid4().hex[:6]}")
    bench_article_enrich(warm)
    clear_enrichment()

    # Stages are interleaved chunk by chunk (one batch's worth of articles: bare, enrich_text, one article per task,
    # tasks meeting a backlog, one batch), so every stage runs under the same load. Each round gives a ratio per
    # stage; the table reports the medians.
    stages = {"bare": [], "text": [], "single": [], "backlog": [], "batched": []}
    for round_ in range(args.rounds):
        clear_enrichment()
        runners = {
            "single": lambda article_ids: bench_article_enrich(article_ids)[0],
            "backlog": bench_backlog_tasks,
            "batched": bench_articles_enrich_batched,
        }
        ids = {key: create_articles(source, texts, f"{key}-{uuid.uuid4().hex[:6]}") for key in runners}
        totals = dict.fromkeys(stages, 0.0)
        for n, offset in enumerate(range(0, len(texts), ENRICHMENT_BATCH)):
            chunk = slice(offset, offset + ENRICHMENT_BATCH)
            totals["bare"] += bench_bare(texts[chunk])
            totals["text"] += bench_enrich_text(texts[chunk])
            order = list(runners)  # rotated, since whichever runs later finds the others' entities stored
            for key in order[n % 3 :] + order[: n % 3]:
                totals[key] += runners[key](ids[key][chunk])
        for key, seconds in totals.items():
            stages[key].append(seconds)
        ratios = "  ".join(f"{key} {stages['bare'][-1] / runs[-1]:.2f}" for key, runs in stages.items())
        print(f"round {round_ + 1}: vs bare  {ratios}", flush=True)

    print()
    print(f"(a) words/s per process on the same texts (median of {args.rounds} rounds)")
    print(f"{'stage':52} {'seconds':>8} {'words/s':>9} {'vs bare':>8}")
    for key, label in (
        ("bare", "bare nlp.pipe (all components)"),
        ("text", "enrich_text (whole pipeline)"),
        ("single", "article_enrich, one per task (webhooks, no backlog)"),
        ("backlog", "enrich_article tasks meeting a backlog of 8"),
        ("batched", "articles_enrich, batches (re-enrichment, sweeper)"),
    ):
        seconds = statistics.median(stages[key])
        ratio = statistics.median(bare / run for bare, run in zip(stages["bare"], stages[key], strict=True))
        print(f"{label:52} {seconds:8.2f} {words / seconds:9.0f} {ratio:8.2f}")

    # Part (b) in rounds too: each round times the empty and the seeded database back to back, since an article's
    # time is mostly its pipeline, which moves with the machine's load as much as any entity-table effect.
    sample = texts[: args.articles]
    empty_runs, full_runs = [], []
    for round_ in range(args.rounds):
        clear_enrichment()
        ids = create_articles(source, sample, f"empty-{uuid.uuid4().hex[:6]}")
        empty_runs.append(statistics.median(bench_article_enrich(ids)[1]))
        if args.queries and round_ == 0:
            clear_enrichment()
            ids = create_articles(source, sample, f"empty-q-{uuid.uuid4().hex[:6]}")
            _total, _times, empty_statements = bench_article_enrich(ids, capture=True)
        clear_enrichment()
        t0 = time.perf_counter()
        stored, aliases = seed_entities(args.entities)
        seeded_in = time.perf_counter() - t0
        ids = create_articles(source, sample, f"full-{uuid.uuid4().hex[:6]}")
        full_runs.append(statistics.median(bench_article_enrich(ids)[1]))
        if args.queries and round_ == 0:
            ids = create_articles(source, sample, f"full-q-{uuid.uuid4().hex[:6]}")
            _total, _times, full_statements = bench_article_enrich(ids, capture=True)
        print(f"round {round_ + 1}: (b) ratio {full_runs[-1] / empty_runs[-1]:.2f}", flush=True)

    empty_ms = statistics.median(empty_runs) * 1000
    full_ms = statistics.median(full_runs) * 1000
    ratio = statistics.median(full / empty for full, empty in zip(full_runs, empty_runs, strict=True))
    print()
    print(f"(b) article_enrich per article, {len(sample)} articles, median of {args.rounds} rounds (stored {stored}")
    print(f"    entities + {aliases} aliases with bulk_create in {seeded_in:.1f} s)")
    print(f"{'database':38} {'ms/article':>10}")
    print(f"{'empty entity tables':38} {empty_ms:10.1f}")
    print(f"{f'{stored} people + organisations':38} {full_ms:10.1f}")
    print(f"{'ratio':38} {ratio:10.2f}")
    if args.queries:
        print()
        print_statements("SQL per article, empty entity tables (debug cursor on):", empty_statements, len(sample))
        print_statements(f"SQL per article, {stored} entities stored (second pass):", full_statements, len(sample))
    clear_enrichment()
    return 0


if __name__ == "__main__":
    sys.exit(main())
