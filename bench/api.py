"""Read API throughput: our GraphQL and REST served by gunicorn vs PostGraphile 5 on the same PostgreSQL database.

Run from the repository root:

    .venv/bin/python bench/api.py [--rounds 3] [--duration 15] [--warmup 3] [--connections 8] [--workers 3]
                                  [--worker-threads 1] [--servers ...] [--scenarios ...] [--skip-postgraphile]

It creates the PostgreSQL database `newsapi_apibench` when missing, migrates it and seeds it once (10,000 generated
articles with ~8 mentions and ~4 quotes each; skipped when already seeded). It counts the SQL queries per request of
every scenario at two list sizes in-process, then starts each server in turn on 127.0.0.1 (PostGraphile from
`bench/.postgraphile/`, installed there with npm on first use; gunicorn without a cache; gunicorn with the Redis
cache of anonymous GraphQL and REST reads), drives it with wrk from this machine, and prints req/s, p50 and p99
per scenario
(medians over the rounds) with the ratio to PostGraphile on the same data. wrk must be installed (apt-get install -y
wrk); the results and how to read them are in bench/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import warnings
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/newsapi_apibench"
CACHE_URL = "redis://127.0.0.1:6379/13"
POSTGRAPHILE_DIR = REPO / "bench" / ".postgraphile"
POSTGRAPHILE_PACKAGES = ["node@22", "postgraphile@5.1.5"]
PORTS = {"postgraphile": 8931, "gunicorn": 8932, "gunicorn+cache": 8933}
PG_PATH = "/graphql"  # PostGraphile's endpoint has no trailing slash

SOURCE_SLUG = "apibench"
ARTICLES, PEOPLE, ORGANIZATIONS, PLACES = 10_000, 3_000, 1_000, 500
END_OF_YEAR = datetime(2026, 11, 1, tzinfo=UTC)

sys.path.insert(0, str(REPO))


def ensure_database(url: str) -> None:
    """createdb when the database does not exist yet (an existing one is reused)."""
    from urllib.parse import urlparse

    parts = urlparse(url)
    cmd = ["createdb", "-h", parts.hostname or "127.0.0.1", "-U", parts.username or "postgres"]
    if parts.port:
        cmd += ["-p", str(parts.port)]
    result = subprocess.run([*cmd, parts.path.lstrip("/")], capture_output=True, text=True, check=False)
    if result.returncode and "already exists" not in result.stderr:
        raise SystemExit(f"createdb failed: {result.stderr.strip()}")


def server_env(database_url: str, *, cache: bool) -> dict[str, str]:
    """Production-like settings; the per-address REST throttle is off, since every request comes from 127.0.0.1."""
    env = {k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY="apibench-not-a-secret-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        REST_THROTTLE_IP="",
        REST_THROTTLE_KEY="",
        LOG_LEVEL="WARNING",
        GRAPHIQL_ENABLED="0",
    )
    if cache:
        env["CACHE_URL"] = CACHE_URL
    return env


# --- data -------------------------------------------------------------------------------------------------------

SYLLABLE_TEXT = (
    "ka lo mi ra ten dor vel sa ni bor ta lin mar que so ri an el gus ha be zu fen ost ul pri da mo ker iv "
    "ga ren tu sol vi na jor ex al ce ru mel pa dre kin os"
)
WORDS_TEXT = (
    "the council said on monday that plans for new housing would be reviewed after months of debate over costs "
    "while officials in the region warned that budgets were tight and that the vote could be delayed again as "
    "residents asked for more time to study the proposal which critics called rushed and unclear about who pays "
    "for roads schools and water in districts where prices rose sharply last year according to figures released"
)
SYLLABLES, WORDS = SYLLABLE_TEXT.split(), WORDS_TEXT.split()
ROLES = ("minister", "spokesperson", "mayor", "chief executive", "professor", "senator", "coach", "director")
CUES = ("said", "told reporters", "added", "warned", "according to", "insisted", "wrote")
ORG_KINDS = ("Institute", "Party", "Bank", "Group", "Council", "University", "Union", "Agency")


def generated_names(rng: random.Random, count: int, make) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        names.add(make())
    return sorted(names, key=lambda _: rng.random())


def word(rng: random.Random, low: int = 2, high: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(low, high))).capitalize()


def sentence(rng: random.Random, low: int, high: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))
    return text[0].upper() + text[1:]


def popularity(count: int) -> list[float]:
    """Cumulative Zipf-like weights: a few entities appear in many articles, most in a handful."""
    total, cumulative = 0.0, []
    for rank in range(count):
        total += 1 / (rank + 5) ** 0.9
        cumulative.append(total)
    return cumulative


def distinct_choices(rng: random.Random, items: list, cum_weights: list[float], k: int) -> list:
    chosen: dict[int, object] = {}
    while len(chosen) < k:
        item = rng.choices(items, cum_weights=cum_weights)[0]
        chosen[item.id] = item
    return list(chosen.values())


def article_draft(rng: random.Random, number: int, source, entities: dict[str, list], weights: dict[str, list]):
    """One article (not saved) with its mentions and quotes, their offsets pointing into its generated text."""
    from articles.models import Article, Mention, Quote

    counts = {"person": rng.randint(2, 6), "organization": rng.randint(1, 3), "place": rng.randint(1, 3)}
    mentioned = {kind: distinct_choices(rng, entities[kind], weights[kind], k) for kind, k in counts.items()}
    parts: list[str] = []

    def add(text: str) -> int:
        start = sum(len(part) + 1 for part in parts)
        parts.append(text)
        return start

    add(sentence(rng, 20, 40) + ".")
    mentions = []
    for kind, chosen in mentioned.items():
        for entity in chosen:
            text = f"{sentence(rng, 6, 14)} {entity.name}."
            at = add(text) + len(text) - len(entity.name) - 1
            is_person = kind == "person"
            mentions.append(
                Mention(
                    kind=kind,
                    **{kind: entity},
                    surface_forms=[entity.name],
                    offsets=[[at, at + len(entity.name)]],
                    salience=round(rng.random(), 3),
                    role=rng.choice(ROLES) if is_person and rng.random() < 0.4 else "",
                    affiliation=rng.choice(mentioned["organization"]) if is_person and rng.random() < 0.3 else None,
                    pipeline_version="apibench",
                )
            )
    quotes = []
    for _ in range(rng.randint(2, 6)):
        roll = rng.random()  # speakers: 80% people, 12% organizations, the rest unnamed
        person = rng.choice(mentioned["person"]) if roll < 0.8 else None
        organization = rng.choice(mentioned["organization"]) if 0.8 <= roll < 0.92 else None
        speaker_text = (person or organization).name if (person or organization) else "a resident"
        text = sentence(rng, 8, 25) + "."
        start = add(f'"{text}" {rng.choice(CUES)} {speaker_text}.') + 1
        quotes.append(
            Quote(
                text=text,
                kind=rng.choice(("direct", "direct", "partial", "indirect")),
                speaker_person=person,
                speaker_organization=organization,
                speaker_text=speaker_text,
                cue=rng.choice(CUES),
                start=start,
                end=start + len(text),
                confidence=round(0.5 + rng.random() / 2, 3),
                pipeline_version="apibench",
            )
        )
    add(sentence(rng, 20, 40) + ".")
    body = " ".join(parts)
    published = END_OF_YEAR - timedelta(seconds=rng.randint(0, 365 * 24 * 3600))
    article = Article(
        source=source,
        external_id=f"apibench-{number}",
        url=f"https://news.example.org/{number}",
        title=sentence(rng, 6, 12),
        body=body,
        clean_text=body,
        language="en",
        authors=[f"{word(rng)} {word(rng)}"],
        keywords=rng.sample(WORDS, 4),
        published_at=published,
        content_hash=hashlib.sha256(body.encode()).hexdigest(),
        status=Article.Status.ENRICHED,
        status_changed_at=published,
        pipeline_version="apibench",
        enriched_at=published + timedelta(minutes=2),
    )
    return article, mentions, quotes


def seed() -> bool:
    """Generate the articles, entities, mentions and quotes in one transaction; False when already seeded."""
    from django.db import connection, transaction

    from articles.enrichment import normalize_name
    from articles.models import Article, Mention, Organization, Person, Place, Quote, Source

    if Article.objects.filter(source__slug=SOURCE_SLUG).count() >= ARTICLES and Quote.objects.exists():
        return False
    rng = random.Random(20261127)
    started = time.perf_counter()
    with transaction.atomic():
        # The database is this benchmark's own: anything left by an interrupted seed is replaced.
        for model in (Quote, Mention, Article, Person, Organization, Place, Source):
            model.objects.all().delete()
        source = Source.objects.create(slug=SOURCE_SLUG, name="API bench", webhook_secret="whsec_" + "A" * 32)
        people = Person.objects.bulk_create(
            Person(name=name, normalized_name=normalize_name(name))
            for name in generated_names(rng, PEOPLE, lambda: f"{word(rng)} {word(rng, 2, 4)}")
        )
        organizations = Organization.objects.bulk_create(
            Organization(name=name, normalized_name=normalize_name(name))
            for name in generated_names(rng, ORGANIZATIONS, lambda: f"{word(rng)} {rng.choice(ORG_KINDS)}")
        )
        places = Place.objects.bulk_create(
            Place(name=name, normalized_name=normalize_name(name))
            for name in generated_names(rng, PLACES, lambda: word(rng, 2, 4))
        )
        weights = {"person": popularity(PEOPLE), "organization": popularity(ORGANIZATIONS), "place": popularity(PLACES)}
        entities = {"person": people, "organization": organizations, "place": places}
        drafts = [article_draft(rng, number, source, entities, weights) for number in range(ARTICLES)]

        Article.objects.bulk_create([article for article, _, _ in drafts], batch_size=1000)
        for article, mentions, quotes in drafts:
            for row in (*mentions, *quotes):
                row.article = article
        Mention.objects.bulk_create([m for _, mentions, _ in drafts for m in mentions], batch_size=5000)
        Quote.objects.bulk_create([q for _, _, quotes in drafts for q in quotes], batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"seeded in {time.perf_counter() - started:.1f} s", flush=True)
    return True


def data_summary() -> dict[str, int]:
    from articles.models import Article, Mention, Organization, Person, Place, Quote

    return {
        "articles": Article.objects.count(),
        "people": Person.objects.count(),
        "organizations": Organization.objects.count(),
        "places": Place.objects.count(),
        "mentions": Mention.objects.count(),
        "quotes": Quote.objects.count(),
    }


def bench_people(count: int = 10) -> list[int]:
    """People spread over the popularity range (ranks 1, 3, 10, 30, ... by mentions), for the person pages."""
    from django.db.models import Count

    from articles.models import Person

    ranked = list(Person.objects.annotate(n=Count("mentions")).order_by("-n", "id").values_list("id", flat=True))
    ranks = sorted({min(len(ranked) - 1, round(1.9**step) - 1) for step in range(count + 4)})[:count]
    return [ranked[rank] for rank in ranks]


# --- queries ----------------------------------------------------------------------------------------------------

OUR_NESTED = """query Nested($first: Int!) {
  articles(first: $first) { edges { node { id title
    quotes { id text speaker { __typename id name
      ... on Person { quotes(first: 5) { edges { node { id text article { id title } } } } }
      ... on Organization { quotes(first: 5) { edges { node { id text article { id title } } } } }
    } }
  } } }
}"""

PG_NESTED = """query Nested($first: Int!) {
  allArticlesArticles(first: $first, orderBy: [PUBLISHED_AT_DESC, PRIMARY_KEY_DESC]) { nodes { id title
    articlesQuotesByArticleId(condition: {rejected: false}, orderBy: [START_ASC, PRIMARY_KEY_ASC]) { nodes { id text
      articlesPersonBySpeakerPersonId { id name
        articlesQuotesBySpeakerPersonId(first: 5, orderBy: PRIMARY_KEY_DESC, condition: {rejected: false}) {
          nodes { id text articlesArticleByArticleId { id title } } } }
      articlesOrganizationBySpeakerOrganizationId { id name
        articlesQuotesBySpeakerOrganizationId(first: 5, orderBy: PRIMARY_KEY_DESC, condition: {rejected: false}) {
          nodes { id text articlesArticleByArticleId { id title } } } }
    } }
  } }
}"""

# What GET /api/v1/articles/?page_size=N serializes, in PostGraphile's naming.
PG_ARTICLE_LIST = """query List($first: Int!) {
  allArticlesArticles(first: $first, orderBy: [PUBLISHED_AT_DESC, PRIMARY_KEY_DESC]) { nodes {
    rowId externalId title url publishedAt language status keywords articlesSourceBySourceId { slug }
    articlesMentionsByArticleId(orderBy: [SALIENCE_DESC, PRIMARY_KEY_ASC]) { nodes {
      kind salience role surfaceForms offsets verified
      articlesPersonByPersonId { rowId name } articlesOrganizationByOrganizationId { rowId name }
      articlesPlaceByPlaceId { rowId name } articlesOrganizationByAffiliationId { name } } }
    articlesQuotesByArticleId(condition: {rejected: false}, orderBy: [START_ASC, PRIMARY_KEY_ASC]) { nodes {
      rowId articleId text kind speakerText cue start end confidence verified pipelineVersion
      articlesPersonBySpeakerPersonId { rowId name } articlesOrganizationBySpeakerOrganizationId { rowId name } } }
  } }
}"""

OUR_PERSON = """query Person($id: ID!, $first: Int!) {
  person(id: $id) { id name aliases verified
    articles(first: $first) { edges { node { id title publishedAt } } }
    quotes(first: $first) { edges { node { id text kind cue confidence verified article { id title } } } }
  }
}"""

PG_PERSON = """query Person($id: BigInt!, $first: Int!) {
  articlesPersonByRowId(rowId: $id) { id name verified
    articlesPersonaliasesByPersonId { nodes { name } }
    articlesMentionsByPersonId(first: $first, orderBy: PRIMARY_KEY_DESC) { nodes {
      salience role verified articlesArticleByArticleId { id title publishedAt } } }
    articlesQuotesBySpeakerPersonId(first: $first, orderBy: PRIMARY_KEY_DESC, condition: {rejected: false}) { nodes {
      id text kind cue confidence verified articlesArticleByArticleId { id title } } }
  }
}"""


@dataclass
class Request:
    method: str
    path: str
    body: str = ""


@dataclass
class Scenario:
    name: str
    server: str
    reference: str  # the PostGraphile scenario it is compared with
    requests: list[Request] = field(default_factory=list)


def graphql(query: str, path: str = "/graphql/", **variables) -> Request:
    return Request("POST", path, json.dumps({"query": query, "variables": variables}))


def scenarios(person_ids: list[int], page: int = 20) -> list[Scenario]:
    from graphql_relay import to_global_id

    nested = "(1) nested GraphQL"
    article_list = "(2) article list"
    person = "(3) person page"
    return [
        Scenario(nested, "postgraphile", nested, [graphql(PG_NESTED, PG_PATH, first=page)]),
        Scenario(article_list, "postgraphile", article_list, [graphql(PG_ARTICLE_LIST, PG_PATH, first=page)]),
        Scenario(
            person, "postgraphile", person, [graphql(PG_PERSON, PG_PATH, id=str(pk), first=page) for pk in person_ids]
        ),
        Scenario(nested, "gunicorn", nested, [graphql(OUR_NESTED, first=page)]),
        Scenario(
            article_list + " REST", "gunicorn", article_list, [Request("GET", f"/api/v1/articles/?page_size={page}")]
        ),
        Scenario(person + " REST", "gunicorn", person, [Request("GET", f"/api/v1/people/{pk}/") for pk in person_ids]),
        Scenario(
            person + " GraphQL",
            "gunicorn",
            person,
            [graphql(OUR_PERSON, id=to_global_id("Person", pk), first=page) for pk in person_ids],
        ),
        Scenario(nested, "gunicorn+cache", nested, [graphql(OUR_NESTED, first=page)]),
        Scenario(
            article_list + " REST",
            "gunicorn+cache",
            article_list,
            [Request("GET", f"/api/v1/articles/?page_size={page}")],
        ),
        Scenario(
            person + " REST",
            "gunicorn+cache",
            person,
            [Request("GET", f"/api/v1/people/{pk}/") for pk in person_ids],
        ),
        Scenario(
            person + " GraphQL",
            "gunicorn+cache",
            person,
            [graphql(OUR_PERSON, id=to_global_id("Person", pk), first=page) for pk in person_ids],
        ),
    ]


def query_counts(person_ids: list[int], sizes: tuple[int, int] = (5, 20)) -> list[tuple[str, list[int]]]:
    """SQL queries per request at two list sizes, through Django's test client in this process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    rows = []
    for index, scenario in enumerate(scenarios(person_ids)):
        if scenario.server != "gunicorn":
            continue
        counts = []
        for size in sizes:
            # Person pages: the least-mentioned person of the set at the small size, the most-mentioned at the large.
            requests = scenarios(person_ids, page=size)[index].requests
            request = requests[-1] if size == sizes[0] else requests[0]
            with CaptureQueriesContext(connection) as captured:
                if request.method == "POST":
                    response = client.post(request.path, request.body, content_type="application/json")
                else:
                    response = client.get(request.path)
            check_response(scenario.name, response.status_code, response.content)
            counts.append(len(captured.captured_queries))
        rows.append((scenario.name, counts))
    return rows


# --- servers and load -------------------------------------------------------------------------------------------


def check_response(name: str, status: int, content: bytes) -> None:
    if status != 200:
        raise SystemExit(f"{name}: HTTP {status}: {content[:300]!r}")
    if content.startswith(b"{"):
        data = json.loads(content)
        if data.get("errors"):
            raise SystemExit(f"{name}: {json.dumps(data['errors'])[:500]}")


def fetch(port: int, request: Request) -> tuple[int, bytes]:
    url = f"http://127.0.0.1:{port}{request.path}"
    data = request.body.encode() if request.method == "POST" else None
    http = urllib.request.Request(url, data=data, method=request.method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(http, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_for(port: int, process: subprocess.Popen, path: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server on port {port} exited with {process.returncode}")
        try:
            fetch(port, Request("GET", path))
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server on port {port} did not answer within {timeout:.0f} s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def start_gunicorn(database_url: str, *, cache: bool, log: Path, workers: int, threads: int):
    port = PORTS["gunicorn+cache" if cache else "gunicorn"]
    cmd = [
        str(REPO / ".venv" / "bin" / "gunicorn"),
        "newsapi.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        f"--worker-class={'gthread' if threads > 1 else 'sync'}",
        "--log-level=warning",
    ]
    env = server_env(database_url, cache=cache)
    process = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT)
    wait_for(port, process, "/health/live")
    return process, port


def install_postgraphile() -> Path | None:
    """node 22 and postgraphile 5 from npm into bench/.postgraphile (git-ignored); None when that fails."""
    node = POSTGRAPHILE_DIR / "node_modules" / "node" / "bin" / "node"
    cli = POSTGRAPHILE_DIR / "node_modules" / "postgraphile" / "dist" / "cli-run.js"
    if node.exists() and cli.exists():
        return node
    npm = shutil.which("npm")
    if npm is None:
        print("PostGraphile: npm not found, skipped", flush=True)
        return None
    POSTGRAPHILE_DIR.mkdir(parents=True, exist_ok=True)
    package = POSTGRAPHILE_DIR / "package.json"
    if not package.exists():
        package.write_text('{"name": "apibench-postgraphile", "private": true}\n')
    result = subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--save-exact", *POSTGRAPHILE_PACKAGES],
        cwd=POSTGRAPHILE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode or not (node.exists() and cli.exists()):
        print(f"PostGraphile: npm install failed, skipped:\n{result.stderr[-2000:]}", flush=True)
        return None
    return node


POSTGRAPHILE_CONFIG = """import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";

export default {
  extends: [PostGraphileAmberPreset],
  // Order and filter by any column (quotes by text position, rejected = false), as PostGraphile 4 did by default.
  disablePlugins: ["PgIndexBehaviorsPlugin"],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ["public"] })],
  grafserv: { host: "127.0.0.1", port: Number(process.env.PORT), graphiql: false },
  grafast: { explain: false },
};
"""


def start_postgraphile(node: Path, database_url: str, log: Path) -> tuple[subprocess.Popen, int]:
    port = PORTS["postgraphile"]
    (POSTGRAPHILE_DIR / "graphile.config.mjs").write_text(POSTGRAPHILE_CONFIG)
    cli = POSTGRAPHILE_DIR / "node_modules" / "postgraphile" / "dist" / "cli-run.js"
    env = {**os.environ, "DATABASE_URL": database_url, "PORT": str(port)}
    env.update(NODE_ENV="production", GRAPHILE_ENV="production")
    process = subprocess.Popen(
        [str(node), str(cli), "--config", "graphile.config.mjs"],
        cwd=POSTGRAPHILE_DIR,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    wait_for(port, process, "/graphql")
    return process, port


def postgraphile_names(port: int) -> dict[str, list[str]]:
    """The relation fields PostGraphile derived for our tables (introspection), to check the queries' names."""
    wanted = ("ArticlesArticle", "ArticlesQuote", "ArticlesPerson", "ArticlesOrganization", "ArticlesMention")
    types = " ".join(f'{name}: __type(name: "{name}") {{ fields {{ name }} }}' for name in wanted)
    query = f"query {{ {types} }}"
    status, content = fetch(port, graphql(query, PG_PATH))
    check_response("introspection", status, content)
    types = json.loads(content)["data"]
    return {
        name: [f["name"] for f in types[name]["fields"] if f["name"].startswith(("articles", "all"))]
        for name in wanted
        if types.get(name)
    }


LUA = """local requests = {
%s
}
local headers = { ["Content-Type"] = "application/json", ["Host"] = "127.0.0.1" }
local counter = 0
request = function()
  counter = counter %% #requests + 1
  local r = requests[counter]
  return wrk.format(r[1], r[2], headers, r[3])
end
"""


def lua_script(scenario: Scenario, folder: Path) -> Path:
    def long_string(text: str) -> str:
        level = "=" * 3
        assert f"]{level}]" not in text
        return f"[{level}[{text}]{level}]"

    rows = ",\n".join(
        f"  {{ {long_string(r.method)}, {long_string(r.path)}, {long_string(r.body) if r.body else 'nil'} }}"
        for r in scenario.requests
    )
    path = folder / (re.sub(r"\W+", "_", f"{scenario.server}_{scenario.name}") + ".lua")
    path.write_text(LUA % rows)
    return path


@dataclass
class Result:
    scenario: Scenario
    rps: float
    p50: float
    p99: float
    errors: int
    response_bytes: int


def to_ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(port: int, script: Path, *, seconds: int, connections: int, threads: int) -> tuple[float, ...]:
    cmd = [
        "wrk",
        f"-t{min(threads, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout=10s",
        "-s",
        str(script),
        f"http://127.0.0.1:{port}",
    ]
    output = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    pattern = r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$"
    latencies = {pct: to_ms(value, unit) for pct, value, unit in re.findall(pattern, output, re.M)}
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return rps, latencies["50"], latencies["99"], errors


def measure(port: int, scenario: Scenario, folder: Path, args: argparse.Namespace) -> Result:
    sizes = []
    for request in scenario.requests:
        status, content = fetch(port, request)
        check_response(f"{scenario.server} {scenario.name}", status, content)
        sizes.append(len(content))
    script = lua_script(scenario, folder)
    options = {"connections": args.connections, "threads": args.threads}
    run_wrk(port, script, seconds=args.warmup, **options)
    rps, p50, p99, errors = run_wrk(port, script, seconds=args.duration, **options)
    result = Result(scenario, rps, p50, p99, errors, sum(sizes) // len(sizes))
    print(
        f"  {scenario.server:<15} {scenario.name:<28} {rps:8.1f} req/s  p50 {p50:7.1f} ms  p99 {p99:7.1f} ms"
        f"  {result.response_bytes / 1024:6.1f} KiB{f'  {errors} errors' if errors else ''}",
        flush=True,
    )
    return result


def median_result(runs: list[Result]) -> Result:
    """The median of each figure over the rounds (other processes on the machine only ever slow a round down)."""
    return Result(
        runs[0].scenario,
        statistics.median(run.rps for run in runs),
        statistics.median(run.p50 for run in runs),
        statistics.median(run.p99 for run in runs),
        sum(run.errors for run in runs),
        runs[0].response_bytes,
    )


def texts_in(content: bytes) -> int:
    return content.count(b'"text":')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("APIBENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--duration", type=int, default=15, help="seconds measured per scenario")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of load before each measurement")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all servers; the table shows medians")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--skip-postgraphile", action="store_true")
    parser.add_argument("--servers", default=",".join(PORTS), help="which of them to measure (comma-separated)")
    parser.add_argument("--scenarios", default="", help="only scenarios whose name contains this")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--worker-threads", type=int, default=1, help="threads per worker (1: sync workers)")
    args = parser.parse_args()

    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    ensure_database(args.database_url)
    os.environ.update(server_env(args.database_url, cache=False))
    os.environ["ALLOWED_HOSTS"] += ",testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapi.settings")
    import django

    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic here
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if not seed():
        print("already seeded", flush=True)
    summary = data_summary()
    print("data: " + ", ".join(f"{count:,} {name}" for name, count in summary.items()), flush=True)
    person_ids = bench_people()
    from django.db import connection

    connection.close()  # the servers get the database to themselves

    print(
        "\nSQL queries per request (in-process, Django test client) at 5 and 20 items; person pages: the least- and "
        "the most-mentioned person of the set",
        flush=True,
    )
    counts = query_counts(person_ids)
    for name, (small, large) in counts:
        print(f"  {name:<28} {small:3d} {large:3d}", flush=True)
    connection.close()

    folder = Path(tempfile.mkdtemp(prefix="apibench-"))
    log = folder / "servers.log"
    all_scenarios = scenarios(person_ids)
    results: dict[tuple[str, str], list[Result]] = {}
    servers = [server for server in PORTS if server in args.servers.split(",")]
    node = None
    if not args.skip_postgraphile:
        node = install_postgraphile()
    if node is None:
        servers.remove("postgraphile")
    nested_texts = {}
    print(
        f"\nload: wrk, {args.threads} threads, {args.connections} connections, {args.warmup} s warm-up then "
        f"{args.duration} s per scenario",
        flush=True,
    )
    for round_index in range(args.rounds):
        if args.rounds > 1:
            print(f"round {round_index + 1} of {args.rounds}", flush=True)
        for server in servers:
            if server == "postgraphile":
                process, port = start_postgraphile(node, args.database_url, log)
            else:
                if server == "gunicorn+cache":
                    import redis

                    redis.Redis.from_url(CACHE_URL).flushdb()
                process, port = start_gunicorn(
                    args.database_url,
                    cache=server == "gunicorn+cache",
                    log=log,
                    workers=args.workers,
                    threads=args.worker_threads,
                )
            try:
                if server == "postgraphile" and not round_index:
                    for type_name, fields in postgraphile_names(port).items():
                        print(f"  PostGraphile {type_name}: {', '.join(fields)}", flush=True)
                for scenario in all_scenarios:
                    if scenario.server != server or args.scenarios not in scenario.name:
                        continue
                    if scenario.name.startswith("(1)"):
                        nested_texts[server] = texts_in(fetch(port, scenario.requests[0])[1])
                    results.setdefault((server, scenario.name), []).append(measure(port, scenario, folder, args))
            finally:
                stop(process)
    if len(set(nested_texts.values())) > 1:
        print(f"\nwarning: the nested query returns different numbers of quotes per server: {nested_texts}")

    rows = [median_result(runs) for runs in results.values()]
    reference = {r.scenario.reference: r.rps for r in rows if r.scenario.server == "postgraphile"}
    header = ["scenario", "server", "req/s", "p50 ms", "p99 ms", "vs PostGraphile"]
    if args.rounds > 1:
        header.append("req/s per round")
    table = ["| " + " | ".join(header) + " |", "|---|---|" + "---:|" * (len(header) - 2)]
    for r, runs in zip(rows, results.values(), strict=True):
        ref = reference.get(r.scenario.reference)
        cells = [r.scenario.name, r.scenario.server, f"{r.rps:.1f}", f"{r.p50:.1f}", f"{r.p99:.1f}"]
        cells.append(f"{r.rps / ref:.2f}" if ref else "–")
        if args.rounds > 1:
            cells.append(" / ".join(f"{run.rps:.0f}" for run in runs))
        table.append("| " + " | ".join(cells) + " |")
    print("\n" + "\n".join(table))
    for r in rows:
        if r.errors:
            print(
                f"warning: {r.scenario.server} {r.scenario.name}: {r.errors} failed requests (non-2xx or socket errors)"
            )
    print(
        f"\n{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, {platform.platform()}, "
        f"gunicorn {args.workers} workers x {args.worker_threads} threads; server log: {log}"
    )


if __name__ == "__main__":
    main()
