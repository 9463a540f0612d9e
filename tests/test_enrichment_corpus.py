from pathlib import Path

import pytest

from articles.enrichment.evaluation import evaluate_corpus_dir, overlap_f1, summary_line

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
HELD_OUT = Path(__file__).resolve().parent / "enrichment_corpus"
BLIND = Path(__file__).resolve().parent / "enrichment_corpus_blind"
BLIND2 = Path(__file__).resolve().parent / "enrichment_corpus_blind2"

# What the pipeline reaches on the dev corpus minus a small margin, never above the project's targets.
MINIMUMS = {
    "people": 0.95,
    "organizations": 0.85,
    "places": 0.90,
    "quoted": 0.96,
    "indirect": 0.70,
    "attributed": 0.80,
}
MIN_SPEAKER_ACCURACY = 0.92


def test_overlap_f1_matches_the_scorer():
    assert overlap_f1("la casa blanca", "La Casa Blanca") == 1.0
    assert overlap_f1("x y z w", "x y") == pytest.approx(2 / 3)
    assert overlap_f1("", "x") == 0.0


@pytest.mark.skipif(not CORPUS.is_dir(), reason="gold corpus not available beside the repository")
def test_dev_corpus_meets_the_minimums():
    per_article, summary = evaluate_corpus_dir(CORPUS)
    assert per_article
    print(summary_line(summary))
    for key, minimum in MINIMUMS.items():
        assert summary[key]["f1"] >= minimum, (key, summary[key])
    assert summary["speaker_accuracy"] >= MIN_SPEAKER_ACCURACY


# Invented articles never used for tuning (es, en, pt): what the pipeline reaches minus a small margin.
HELD_OUT_MINIMUMS = {
    "people": 0.95,
    "organizations": 0.85,
    "places": 0.84,
    "quoted": 0.96,
    "indirect": 0.70,
    "attributed": 0.79,
}
HELD_OUT_MIN_SPEAKER_ACCURACY = 0.80


def test_held_out_fixtures_meet_their_minimums():
    per_article, summary = evaluate_corpus_dir(HELD_OUT)
    assert {key.split("-")[1] for key in per_article} == {"es", "en", "pt"}
    print(summary_line(summary))
    for key, minimum in HELD_OUT_MINIMUMS.items():
        assert summary[key]["f1"] >= minimum, (key, summary[key])
    assert summary["speaker_accuracy"] >= HELD_OUT_MIN_SPEAKER_ACCURACY


# A second set of invented articles (3 es, 3 en, 3 pt; courts, sport, business, health, local politics, culture),
# written and scored once before any rule was changed for them: what the pipeline now reaches minus a small margin,
# never above the project's targets.
BLIND_MINIMUMS = {
    "people": 0.93,
    "organizations": 0.78,
    "places": 0.85,
    "quoted": 0.96,
    "indirect": 0.70,
    "attributed": 0.80,
}
BLIND_MIN_SPEAKER_ACCURACY = 0.91


def test_blind_fixtures_meet_their_minimums():
    per_article, summary = evaluate_corpus_dir(BLIND)
    assert {key.split("-")[1] for key in per_article} == {"es", "en", "pt"}
    print(summary_line(summary))
    for key, minimum in BLIND_MINIMUMS.items():
        assert summary[key]["f1"] >= minimum, (key, summary[key])
    assert summary["speaker_accuracy"] >= BLIND_MIN_SPEAKER_ACCURACY


# A third set (2 es, 2 en, 2 pt; dash dialogue, role-noun and pronoun speakers, frames, organisations' statements),
# scored once before any change for it (people 0.87, orgs 0.71, places 0.84, indirect 0.80, attributed 0.75,
# speaker 0.83): what the pipeline now reaches minus a small margin, never above the project's targets.
BLIND2_MINIMUMS = {
    "people": 0.86,
    "organizations": 0.82,
    "places": 0.87,
    "quoted": 0.96,
    "indirect": 0.70,
    "attributed": 0.80,
}
BLIND2_MIN_SPEAKER_ACCURACY = 0.91


def test_second_blind_fixtures_meet_their_minimums():
    per_article, summary = evaluate_corpus_dir(BLIND2)
    assert {key.split("-")[1] for key in per_article} == {"es", "en", "pt"}
    print(summary_line(summary))
    for key, minimum in BLIND2_MINIMUMS.items():
        assert summary[key]["f1"] >= minimum, (key, summary[key])
    assert summary["speaker_accuracy"] >= BLIND2_MIN_SPEAKER_ACCURACY


BLIND3 = Path(__file__).resolve().parent / "enrichment_corpus_blind3"

# A fourth set (es, en, pt, pt; null-subject, pronoun, apposition and role-noun speakers, dash dialogue, trading-name
# variants of one company), scored once before any change for it (people 0.88, orgs 0.71, places 0.81, indirect 0.88,
# attributed 0.77, speaker 0.82): what the pipeline now reaches minus a small margin, never above the targets.
BLIND3_MINIMUMS = {
    "people": 0.92,
    "organizations": 0.78,
    "places": 0.90,
    "quoted": 0.96,
    "indirect": 0.70,
    "attributed": 0.80,
}
BLIND3_MIN_SPEAKER_ACCURACY = 0.87


def test_third_blind_fixtures_meet_their_minimums():
    per_article, summary = evaluate_corpus_dir(BLIND3)
    assert {key.split("-")[1] for key in per_article} == {"es", "en", "pt"}
    print(summary_line(summary))
    for key, minimum in BLIND3_MINIMUMS.items():
        assert summary[key]["f1"] >= minimum, (key, summary[key])
    assert summary["speaker_accuracy"] >= BLIND3_MIN_SPEAKER_ACCURACY


BLIND4 = Path(__file__).resolve().parent / "enrichment_corpus_blind4"

# A fifth set (es, en, pt-BR, pt-PT; organisations' unnamed spokespeople, names joined by y/and/e, a party glued before
# a person, middle-name short forms, pronoun, role-noun and null-subject speakers), scored once before any change for it
# (people 0.78, orgs 0.72, places 0.74, indirect 0.87, attributed 0.63, speaker 0.68): what the pipeline now reaches
# minus a small margin, never above the targets.
BLIND4_MINIMUMS = {
    "people": 0.94,
    "organizations": 0.85,
    "places": 0.84,
    "quoted": 0.95,
    "indirect": 0.70,
    "attributed": 0.80,
}
BLIND4_MIN_SPEAKER_ACCURACY = 0.90


def test_fourth_blind_fixtures_meet_their_minimums():
    per_article, summary = evaluate_corpus_dir(BLIND4)
    assert {key.split("-")[1] for key in per_article} == {"es", "en", "pt"}
    print(summary_line(summary))
    for key, minimum in BLIND4_MINIMUMS.items():
        assert summary[key]["f1"] >= minimum, (key, summary[key])
    assert summary["speaker_accuracy"] >= BLIND4_MIN_SPEAKER_ACCURACY


BLIND5 = Path(__file__).resolve().parent / "enrichment_corpus_blind5"

# A sixth set (es, en, pt-PT; parties, unions, clubs, agencies, districts, regions and rivers; names ending in
# "do Porto"; a ministry whose name lists portfolios), scored once before any change for it (people 0.97, orgs 0.77,
# places 0.82, indirect 0.96, attributed 0.76, speaker 0.77): what the pipeline now reaches minus a small margin,
# never above the targets.
BLIND5_MINIMUMS = {
    "people": 0.95,
    "organizations": 0.85,
    "places": 0.90,
    "quoted": 0.96,
    "indirect": 0.70,
    "attributed": 0.80,
}
BLIND5_MIN_SPEAKER_ACCURACY = 0.90


def test_fifth_blind_fixtures_meet_their_minimums():
    per_article, summary = evaluate_corpus_dir(BLIND5)
    assert {key.split("-")[1] for key in per_article} == {"es", "en", "pt"}
    print(summary_line(summary))
    for key, minimum in BLIND5_MINIMUMS.items():
        assert summary[key]["f1"] >= minimum, (key, summary[key])
    assert summary["speaker_accuracy"] >= BLIND5_MIN_SPEAKER_ACCURACY
