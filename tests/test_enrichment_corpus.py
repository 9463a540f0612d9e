"""Quality gates: the pipeline on gold-annotated articles must not fall below what it reaches now (minus a small
margin, never above the project's targets), so quality cannot silently drop."""

from pathlib import Path

import pytest

from articles.enrichment.evaluation import evaluate_corpus_dir, overlap_f1, summary_line

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[1] / "shared" / "corpus" / "dev"
MEASURES = ("people", "organizations", "places", "quoted", "indirect", "attributed", "speaker")

# folder → (minimum per measure, in MEASURES order; why the folder exists and what it scored before any rule was
# changed for it — the honest estimate of unseen performance at the time).
FIXTURE_GATES = {
    # Invented articles (es, en, pt) never used for tuning when written.
    "enrichment_corpus": (0.95, 0.85, 0.84, 0.96, 0.70, 0.80, 0.92),
    # 3 es, 3 en, 3 pt: courts, sport, business, health, local politics, culture.
    # Before: people 0.82, orgs 0.71, places 0.77, attributed 0.75, speaker 0.77.
    "enrichment_corpus_blind": (0.93, 0.78, 0.85, 0.96, 0.70, 0.80, 0.91),
    # 2 es, 2 en, 2 pt: dash dialogue, role-noun and pronoun speakers, frames, organisations' statements.
    # Before: people 0.87, orgs 0.71, places 0.84, indirect 0.80, attributed 0.75, speaker 0.83.
    "enrichment_corpus_blind2": (0.86, 0.82, 0.90, 0.96, 0.70, 0.80, 0.91),
    # es, en, pt, pt: null-subject, pronoun, apposition and role-noun speakers, trading-name variants of a company.
    # Before: people 0.88, orgs 0.71, places 0.81, indirect 0.88, attributed 0.77, speaker 0.82.
    "enrichment_corpus_blind3": (0.92, 0.82, 0.90, 0.96, 0.70, 0.80, 0.87),
    # es, en, pt-BR, pt-PT: unnamed spokespeople, names joined by y/and/e, a party glued before a person, middle-name
    # short forms. Before: people 0.78, orgs 0.72, places 0.74, indirect 0.87, attributed 0.63, speaker 0.68.
    "enrichment_corpus_blind4": (0.94, 0.85, 0.84, 0.95, 0.70, 0.80, 0.90),
    # es, en, pt-PT: parties, unions, clubs, agencies, districts, regions, rivers; a ministry listing portfolios.
    # Before: people 0.97, orgs 0.77, places 0.82, indirect 0.96, attributed 0.76, speaker 0.77.
    "enrichment_corpus_blind5": (0.95, 0.85, 0.90, 0.96, 0.70, 0.80, 0.90),
    # 2 es, 2 en, pt-BR: regulators, central banks, unions, courts and companies in apposition, acronyms given as
    # aliases, places with lower-case words, role-noun and pronoun speakers several sentences on, split quotes,
    # frames with a pronoun or a body's kind, titles and slogans in quotes. Before: people 0.84, orgs 0.73,
    # places 0.89, quoted 0.96, indirect 0.65, attributed 0.76, speaker 0.88.
    "enrichment_corpus_blind6": (0.95, 0.85, 0.90, 0.96, 0.70, 0.80, 0.92),
    # es-CO, es-ES, en-GB, en-US, pt-PT: election night, wildfire, transfer, earnings call, neonatal study; particles
    # and compound or hyphenated surnames, acronyms before their full names, one-word companies opening sentences,
    # bylines with outlets, "The CEO", role nouns several speakers on, quotes across paragraphs. Before (once a crash
    # on a hyphenated surname was fixed): people 0.82, orgs 0.64, places 0.81, quoted 1.00, indirect 0.84,
    # attributed 0.74, speaker 0.79.
    "enrichment_corpus_blind7": (0.95, 0.85, 0.90, 0.96, 0.70, 0.80, 0.92),
    # es-MX, es-ES, en-GB, pt-BR: a court against a delivery app, a research-funding row, an airline merger, a museum
    # restitution; courts, ministries, companies with dotted legal forms, unions, universities, a club, agencies,
    # acronyms before and after full names, seats of government; role-noun, surname and pronoun speakers interleaved,
    # organisations speaking. Before: people 0.91, orgs 0.84, places 0.82, quoted 1.00, indirect 0.92, attributed 0.78,
    # speaker 0.80.
    "enrichment_corpus_blind8": (0.95, 0.85, 0.90, 0.96, 0.70, 0.80, 0.92),
    # es-AR, es-PE, en-US, en-AU, pt-BR: lithium permits, a Machu Picchu ticket protest, a rocket failure, reef
    # bleaching, illegal gold mining; companies with Latin American legal forms, state companies, NGOs, federations,
    # regulators, a legislature, a parliamentary group, foreign agencies, acronyms spelling link words, committees
    # listing portfolios; reefs, rivers listed before their noun, shrines, stations, state abbreviations; bylines
    # with a location, photo captions, wire credits, series titles and nicknames in quotes, police operations; role
    # nouns several sentences on, bodies by their kind, trailing attributions, a quote spanning paragraphs and an
    # unattributed quote paragraph. Before: people 0.85, orgs 0.79, places 0.85, quoted 1.00, indirect 0.82,
    # attributed 0.73, speaker 0.79 (indirect 0.91, attributed 0.76 once the gold joined "que X y que Y" as the earlier
    # folders do and let a named report's publisher speak, optionally).
    "enrichment_corpus_blind9": (0.95, 0.85, 0.90, 0.96, 0.70, 0.80, 0.92),
    # en-IN, en-ZA, es-CO, pt-PT: a metro depot tender in court, an electricity tariff ruling, a coffee price slump,
    # a freeze on short-term lets; English bodies with the head noun last, dotted and lower-case legal forms, "&",
    # bylines with "|" and ", com Lusa", acronyms keeping a linking word's letter, "MinHacienda", web-address
    # companies, outlets spoken to, a nickname in quotes, streets, roads, lakes, venues, parishes in lists, a dateline
    # closed by a stop. Before: people 0.82, orgs 0.73, places 0.80, quoted 0.98, indirect 0.86, attributed 0.76,
    # speaker 0.84.
    "enrichment_corpus_blind10": (0.95, 0.85, 0.90, 0.96, 0.70, 0.80, 0.87),
    # es-EC, en-KE, en-NG, pt-MZ: a bus strike over a diesel subsidy, a cap on digital-loan charges, a governorship
    # election, a cholera outbreak; "Name of the <Party>", three-word names the model cuts in two or glues to a role's
    # comma, a weekday as a first name, a name before "<Body>'s <role>", bodies sharing "Nacional", "X Group and Y
    # Bank", lawmakers' parties, "MPs", "the Senate President, X", "(Com Lusa)", a city after a byline's comma, a
    # market's name; a report in a relative clause running into the next speaker's, a clause cut before "was «...»".
    # Before: people 0.755, orgs 0.778, places 0.867, quoted 1.00, indirect 0.90, attributed 0.78, speaker 0.82.
    "enrichment_corpus_blind11": (0.95, 0.85, 0.90, 0.96, 0.70, 0.80, 0.92),
    # en-US, en-PH, es-CL, pt-AO: an antitrust suit over a chip startup, typhoon relief in Cagayan, a copper tariff,
    # an oil-services strike stopped by a court; surnames with particles ("dela Cruz", "Peña y Lillo", "De la
    # Fuente" opening a sentence), an acronym after a name it does not spell (APEC, ANPG across a listing comma),
    # "A Justice Department spokesman", towns listed after a locative, a barangay, a two-word portfolio before
    # "Secretary", NGO, "X, a San Jose startup", a credited title with its article; slogans on banners and shirts,
    # a participle after a misparsed description, "said A, ..., and that B". Before: people 0.862, orgs 0.840,
    # places 0.836, quoted 0.971, indirect 0.952, attributed 0.857, speaker 0.89.
    "enrichment_corpus_blind13": (0.95, 0.85, 0.90, 0.96, 0.70, 0.80, 0.92),
    # es-MX, es-ES, en-GB, pt-BR: police charged over a disappearance, a regional housing law, a hospital's critical
    # incident, a deforestation fine on a grain trader; Catalan names joined by "i", "de la" surnames, a party glued
    # before its member, kind nouns before companies, trade words closing a company's name, "com sede em", linked
    # headlines, captions closed by a photo credit, place short forms ("Jal.", "Lagos"); a quote reopened with "»", a
    # copular colon introduction, a bare "la portavoz", a team led by a named lawyer, frames naming a body in the role,
    # gerund cues, reports before a colon and a direct quote, a plan's title in quotes. Before: people 0.923,
    # orgs 0.795, places 0.759, quoted 0.975, indirect 0.957, attributed 0.846, speaker 0.887.
    "enrichment_corpus_blind12": (0.95, 0.85, 0.90, 0.96, 0.70, 0.80, 0.92),
    # es wire (EFE, Brussels), es-AR match report, en-GB shareholder claim, pt-BR port-company police operation,
    # written in another tree and measured before any rule saw them: two spokeswomen, "la jefa del Estado" after a
    # quote across paragraphs, an acronym before its bracketed name (OSCE, Antaq), a portfolio before its body,
    # "el DT", a dash question by unnamed reporters, a quote taken for its verb's subject, a según-clause subject,
    # "Mr Justice", a son "Filho" and his father, a law named like a body, bodies sharing one word, a short name
    # shared by a company and a claimants' group, "completou", a nickname with its article. Before: people 0.923,
    # orgs 0.722, places 0.754, quoted 0.988, indirect 0.923, attributed 0.657, speaker 0.692.
    "enrichment_corpus_blind14": (0.95, 0.85, 0.90, 0.96, 0.70, 0.80, 0.92),
    # es-VE water rationing (EFE), es-ES olive-oil cartel claim, en-US Oregon algae-toxin emergency, pt-PT Minho derby,
    # measured before any rule saw them: legal forms after a comma ("S.A.", "S.L.P."), a court named "de lo ... número
    # N de ...", a bracketed contraction of a state company, a relative "que" after a bare object, an aside between
    # verb and "que", a subjectless "añadió" in commas, bodies sharing a trade word, an acronym without its state's
    # letter, a legislator's party-and-town tag. Before: people 0.958, orgs 0.822, places 0.906, quoted 1.00,
    # indirect 0.952, attributed 0.892, speaker 0.939.
    "enrichment_corpus_blind15": (0.95, 0.85, 0.90, 0.96, 0.70, 0.80, 0.92),
    # es-CO, es-AR wire, en-GB, pt-BR, written in another tree and measured before any rule saw them: a court
    # cancelling a mining licence, a fishing-boat seizure, a rail operator's fine, a dengue emergency; embassies with
    # their city, a coast guard, a radio station, capitals standing for governments opening sentences, a statement
    # "en el que" a body speaks, a second report the parser hangs on the first one's clause, "anticipó que",
    # "la lideresa", single curly marks in a standfirst, "Cllr", a union listing its trades and its acronym, a
    # hospital named after "Dr." someone, "De acordo com a prefeitura", an accented acronym in brackets, "Foto:
    # Cortesía X", neighbourhoods ("Jardim", "Vila") and towns ending in "Bridge". Before: people 0.868, orgs 0.804,
    # places 0.887, quoted 0.988, indirect 0.836, attributed 0.754, speaker 0.810.
    "enrichment_corpus_blind16": (0.95, 0.85, 0.90, 0.96, 0.70, 0.80, 0.92),
    # es-PE pretrial detention, es-MX glacier study and exhibition, en-AU pumped-hydro approval, pt-PT textile rescue,
    # written in another tree and measured before any rule saw them: a court opening with its number, a police unit
    # the model split, "Foto: Andina/Name", first names the list lacked, a union listing its trades in brackets after
    # its short name, "the Victorian government", "Photo: Supplied", a minister beside a shadow minister, "el
    # letrado", workers opening a caption, mills named by their trade, places sharing a surname in a place's frame.
    # Before: people 0.840, orgs 0.789, places 0.795, quoted 1.00, indirect 0.962, attributed 0.875, speaker 0.891.
    # Still below target: places (0.854): towns sharing a person's name after "in" ("Mr Churchill ... in Churchill,
    # Moe and Morwell"), peaks named "El Pecho".
    "enrichment_corpus_blind17": (0.95, 0.85, 0.84, 0.96, 0.70, 0.80, 0.92),
}
# The dev corpus sits beside the repository (CI has it): the project's targets themselves.
DEV_GATE = (0.95, 0.85, 0.90, 0.96, 0.70, 0.80, 0.92)


def assert_meets(summary: dict, minimums: tuple[float, ...]) -> None:
    print(summary_line(summary))
    for measure, minimum in zip(MEASURES, minimums, strict=True):
        value = summary["speaker_accuracy"] if measure == "speaker" else summary[measure]["f1"]
        assert value >= minimum, (measure, value, minimum)


def test_overlap_f1_matches_the_scorer():
    assert overlap_f1("la casa blanca", "La Casa Blanca") == 1.0
    assert overlap_f1("x y z w", "x y") == pytest.approx(2 / 3)
    assert overlap_f1("", "x") == 0.0


@pytest.mark.skipif(not CORPUS.is_dir(), reason="gold corpus not available beside the repository")
def test_dev_corpus_meets_the_targets():
    per_article, summary = evaluate_corpus_dir(CORPUS)

    assert per_article
    assert_meets(summary, DEV_GATE)


@pytest.mark.parametrize("folder", FIXTURE_GATES)
def test_own_gold_articles_meet_their_minimums(folder):
    per_article, summary = evaluate_corpus_dir(HERE / folder)

    assert {key.split("-")[1] for key in per_article} == {"es", "en", "pt"}
    assert_meets(summary, FIXTURE_GATES[folder])
