"""Score pipeline output against gold-annotated articles with the same rules as the external scorer."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from .normalize import normalize_name
from .pipeline import enrich_text
from .types import EnrichmentResult

ENTITY_TYPES = ("people", "organizations", "places")
_KIND_TO_TYPE = {"person": "people", "organization": "organizations", "place": "places"}
_TOTAL_KEYS = ("people", "organizations", "places", "quoted", "indirect", "attributed")
MATCH_THRESHOLD = 0.6


def _tokens(text: str) -> list[str]:
    return normalize_name(text).split()


def overlap_f1(a: str, b: str) -> float:
    """Token-overlap F1 between two quote texts (multiset intersection)."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    remaining = list(tb)
    common = 0
    for token in ta:
        if token in remaining:
            remaining.remove(token)
            common += 1
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    """Precision, recall and F1 as the scorer reports them."""
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "pred": n_pred, "gold": n_gold, "p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def _entity_keys(entity: Mapping) -> set[str]:
    return {normalize_name(entity["name"])} | {normalize_name(m) for m in entity.get("mentions", [])}


def _score_entities(pred_names: list[str], gold_entities: list[dict]) -> dict:
    required = [g for g in gold_entities if not g.get("optional")]
    optional_keys: set[str] = set().union(*(_entity_keys(g) for g in gold_entities if g.get("optional")))
    keys = [_entity_keys(g) for g in required]
    matched: set[int] = set()
    tp = counted = 0
    false_pos, dupes = [], []
    for name in pred_names:
        n = normalize_name(name)
        hit = next((i for i, k in enumerate(keys) if n in k), None)
        if hit is None and n in optional_keys:
            continue
        counted += 1
        if hit is None:
            false_pos.append(name)
        elif hit in matched:
            dupes.append(name)
        else:
            matched.add(hit)
            tp += 1
    out = prf(tp, counted, len(required))
    out.update(
        false_positives=false_pos,
        duplicates=dupes,
        missed=[g["name"] for i, g in enumerate(required) if i not in matched],
    )
    return out


def _assign_types(article: Mapping, gold: Mapping) -> dict[str, list[str]]:
    pred = {t: [e["name"] for e in article.get(t) or []] for t in ENTITY_TYPES}
    moved: dict[str, list[str]] = {t: [] for t in ENTITY_TYPES}
    for t in ENTITY_TYPES:
        own = set().union(*(_entity_keys(g) for g in gold.get(t, []))) if gold.get(t) else set()
        for name in pred[t]:
            target = t
            if normalize_name(name) not in own:
                for other in ENTITY_TYPES:
                    if any(
                        t in g.get("alt_types", []) and normalize_name(name) in _entity_keys(g)
                        for g in gold.get(other, [])
                    ):
                        target = other
                        break
            moved[target].append(name)
    return moved


def _speaker_keys(gold: Mapping, speaker: str | None) -> set[str]:
    if not speaker:
        return set()
    for entity in gold.get("people", []) + gold.get("organizations", []) + gold.get("places", []):
        if entity["name"] == speaker:
            return _entity_keys(entity)
    return {normalize_name(speaker)}


def _quote_class(kind: str | None) -> str:
    return "indirect" if str(kind or "").lower() == "indirect" else "quoted"


def _score_quotes(pred: list[dict], gold: Mapping) -> dict:
    optional = [q for q in gold.get("quotes", []) if q.get("optional")]
    gold_quotes = [q for q in gold.get("quotes", []) if not q.get("optional")]
    pred = [q for q in pred if not any(overlap_f1(q["text"], o["text"]) >= MATCH_THRESHOLD for o in optional)]
    result: dict = {}
    attributed_tp = speaker_known = speaker_right = 0
    details = []
    for cls in ("quoted", "indirect"):
        g = [q for q in gold_quotes if _quote_class(q["kind"]) == cls]
        p = [q for q in pred if _quote_class(q.get("kind")) == cls]
        pairs = sorted(
            ((overlap_f1(pq["text"], gq["text"]), i, j) for i, pq in enumerate(p) for j, gq in enumerate(g)),
            reverse=True,
        )
        used_p: set[int] = set()
        used_g: set[int] = set()
        for score, i, j in pairs:
            if score < MATCH_THRESHOLD or i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            gq, pq = g[j], p[i]
            keys = _speaker_keys(gold, gq.get("speaker"))
            pred_speaker = (pq.get("speaker") or {}).get("name")
            right = bool(keys) and normalize_name(pred_speaker) in keys
            if keys:
                speaker_known += 1
                speaker_right += right
            if right or (not keys and not pred_speaker):
                attributed_tp += 1
            details.append(
                {"gold": gq["text"][:80], "gold_speaker": gq.get("speaker"), "pred_speaker": pred_speaker, "ok": right}
            )
        result[cls] = prf(len(used_g), len(p), len(g))
        result[cls]["missed"] = [g[j]["text"][:80] for j in range(len(g)) if j not in used_g]
        result[cls]["spurious"] = [p[i]["text"][:80] for i in range(len(p)) if i not in used_p]
    result["attribution"] = {
        "known": speaker_known,
        "right": speaker_right,
        "accuracy": round(speaker_right / speaker_known, 4) if speaker_known else None,
    }
    result["attributed"] = prf(attributed_tp, len(pred), len(gold_quotes))
    result["pairs"] = details
    return result


def result_as_article(result: EnrichmentResult) -> dict:
    """The result in the shape the GraphQL API returns it (what the external scorer reads)."""
    article: dict = {t: [] for t in ENTITY_TYPES}
    for entity in result.entities:
        article[_KIND_TO_TYPE[entity.kind]].append({"name": entity.name})
    article["quotes"] = [
        {
            "text": q.text,
            "kind": q.kind,
            "speaker": {"name": result.entities[q.speaker].name} if q.speaker is not None else None,
        }
        for q in result.quotes
    ]
    return article


def score_result(result: EnrichmentResult, gold: dict) -> dict:
    """Per-article scores: entities by type, quoted, indirect, attribution and attributed."""
    article = result_as_article(result)
    part: dict = {}
    predicted = _assign_types(article, gold)
    for t in ENTITY_TYPES:
        part[t] = _score_entities(predicted[t], gold.get(t, []))
    part.update(_score_quotes(article["quotes"], gold))
    return part


def score_corpus(results_and_golds: Iterable[tuple[EnrichmentResult, dict]]) -> dict:
    """Micro-averaged totals over articles plus speaker accuracy, keyed like the scorer's SUMMARY line."""
    totals: dict[str, dict] = {k: {"tp": 0, "pred": 0, "gold": 0} for k in _TOTAL_KEYS}
    known = right = articles = 0
    for result, gold in results_and_golds:
        part = score_result(result, gold)
        articles += 1
        for key in _TOTAL_KEYS:
            for field in ("tp", "pred", "gold"):
                totals[key][field] += part[key][field]
        known += part["attribution"]["known"]
        right += part["attribution"]["right"]
    summary: dict = {k: prf(v["tp"], v["pred"], v["gold"]) for k, v in totals.items()}
    summary["speaker_accuracy"] = round(right / known, 4) if known else None
    summary["articles"] = articles
    summary["failures"] = 0
    return summary


def summary_line(summary: Mapping) -> str:
    """The scorer's one-line SUMMARY, for logs and management commands."""
    return (
        f"SUMMARY people={summary['people']['f1']:.3f} orgs={summary['organizations']['f1']:.3f} "
        f"places={summary['places']['f1']:.3f} quoted={summary['quoted']['f1']:.3f} "
        f"indirect={summary['indirect']['f1']:.3f} attributed={summary['attributed']['f1']:.3f} "
        f"speaker={summary['speaker_accuracy']} failures={summary['failures']}"
    )


def evaluate_corpus_dir(path: str | Path, models: Mapping[str, str] | None = None) -> tuple[dict[str, dict], dict]:
    """Run enrich_text on every gold file in `path` and score it: (per-article scores, summary)."""
    pairs: list[tuple[EnrichmentResult, dict]] = []
    per_article: dict[str, dict] = {}
    for file in sorted(Path(path).glob("*.json")):
        gold = json.loads(file.read_text(encoding="utf-8"))
        result = enrich_text(title=gold.get("title", ""), body=gold["body"], language=None, models=models)
        per_article[gold.get("id", file.stem)] = score_result(result, gold)
        pairs.append((result, gold))
    return per_article, score_corpus(pairs)
