import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.enrichment.evaluation import evaluate_corpus_dir, summary_line

MEASURES = ("people", "organizations", "places", "quoted", "indirect", "attributed")


class Command(BaseCommand):
    help = "Run the enrichment pipeline in-process on gold-annotated articles and print the scorer's measures."

    def add_arguments(self, parser) -> None:
        parser.add_argument("corpus_dir", type=Path)
        parser.add_argument("--json", dest="json_path", type=Path, help="also write the full per-article report here")
        parser.add_argument("--details", action="store_true", help="list misses and false positives per article")

    def handle(self, *args, corpus_dir: Path, json_path: Path | None, details: bool, **options) -> None:
        if not corpus_dir.is_dir() or not any(corpus_dir.glob("*.json")):
            raise CommandError(f"no gold files in {corpus_dir}")
        per_article, summary = evaluate_corpus_dir(corpus_dir, models=settings.ENRICHMENT_MODELS)
        self.stdout.write(
            f"{'article':10} {'people':>7} {'orgs':>7} {'places':>7} {'quoted':>7} {'indir':>7} {'speaker':>8}"
        )
        for name, part in per_article.items():
            accuracy = part["attribution"]["accuracy"]
            self.stdout.write(
                f"{name:10} {part['people']['f1']:7.2f} {part['organizations']['f1']:7.2f} {part['places']['f1']:7.2f}"
                f" {part['quoted']['f1']:7.2f} {part['indirect']['f1']:7.2f} "
                f"{(accuracy if accuracy is not None else float('nan')):8.2f}"
            )
            if details:
                self._details(part)
        self.stdout.write("")
        for key in MEASURES:
            s = summary[key]
            self.stdout.write(
                f"{key:14} P {s['p']:.3f}  R {s['r']:.3f}  F1 {s['f1']:.3f}   ({s['tp']}/{s['pred']} pred, "
                f"{s['gold']} gold)"
            )
        self.stdout.write(f"speaker accuracy on matched quotes: {summary['speaker_accuracy']}")
        self.stdout.write(summary_line(summary))
        if json_path:
            report = {"articles": per_article, "summary": summary}
            json_path.write_text(json.dumps(report, ensure_ascii=False, indent=2))

    def _details(self, part: dict) -> None:
        for key in ("people", "organizations", "places"):
            for label in ("missed", "false_positives", "duplicates"):
                if part[key].get(label):
                    self.stdout.write(f"    {key} {label}: {part[key][label]}")
        for key in ("quoted", "indirect"):
            for label in ("missed", "spurious"):
                if part[key].get(label):
                    self.stdout.write(f"    {key} {label}: {part[key][label]}")
        for pair in part.get("pairs", []):
            if not pair["ok"] and pair["gold_speaker"]:
                self.stdout.write(f"    speaker {pair['pred_speaker']!r} for {pair['gold_speaker']!r}: {pair['gold']}")
