from articles.enrichment import PIPELINE_VERSION, enrich_text
from articles.enrichment.nlp import docs_for, lemma_of, load_model, model_for, preload_models


def test_result_carries_language_version_keywords_and_salience():
    body = (
        "<p>La cooperativa Valdeluz inauguró su planta solar en Teruel.</p>"
        "<p>«Es el primer paso», dijo su presidenta, Carmen Oyarzun.</p><p>Comentarios</p>"
    )
    result = enrich_text(title="Planta solar en Teruel", body=body)
    assert result.language == "es"
    assert result.pipeline_version == PIPELINE_VERSION
    assert "Comentarios" not in result.clean_text
    assert result.keywords
    assert all(0.0 <= e.salience <= 1.0 for e in result.entities)
    speakers = {result.entities[q.speaker].name for q in result.quotes if q.speaker is not None}
    assert speakers == {"Carmen Oyarzun"}


def test_custom_models_mapping_with_a_missing_package_degrades():
    result = enrich_text(title="", body="Ana Prado visitó Quito.", language="es", models={"es": "no_such_model"})
    assert result.language == "es"


def test_a_seat_of_power_that_makes_statements_is_an_organization_and_the_speaker():
    body = (
        "El Gobierno de Italia convocó al embajador.\n\n"
        "El Kremlin negó cualquier implicación. “No hemos recibido ninguna queja formal”, señaló el Kremlin."
    )

    result = enrich_text(title="Tensión diplomática", body=body, language="es")

    kremlin = next(e for e in result.entities if e.name == "Kremlin")
    assert kremlin.kind == "organization"
    assert [result.entities[q.speaker].name for q in result.quotes if q.speaker is not None] == ["Kremlin"]


def test_a_language_read_through_another_model_is_split_into_sentences_without_a_parse():
    nlp, trained = model_for(language="es")
    texts = ["O ministro chegou a Lisboa. Depois falou com a imprensa.", "A reunião durou duas horas."]

    unparsed = docs_for(nlp, texts, parse=False)
    parsed = docs_for(nlp, texts, parse=True)

    assert trained
    assert [d.has_annotation("DEP") for d in unparsed] == [False, False]
    assert [d.has_annotation("DEP") for d in parsed] == [True, True]
    assert [s.text for s in unparsed[0].sents] == ["O ministro chegou a Lisboa.", "Depois falou com a imprensa."]
    assert [t.ent_type_ for t in unparsed[0] if t.text == "Lisboa"] == ["LOC"]


def test_portuguese_names_and_surface_attribution_survive_the_skipped_parse():
    body = (
        "A ministra da Saúde, Helena Baptista, visitou o hospital de Coimbra na segunda-feira.\n\n"
        "“Vamos abrir mais vinte camas até março”, disse Baptista aos jornalistas."
    )

    result = enrich_text(title="Hospital de Coimbra", body=body, language="pt")

    names = {e.name: e.kind for e in result.entities}
    assert names.get("Helena Baptista") == "person"
    assert names.get("Coimbra") == "place"
    assert [result.entities[q.speaker].name for q in result.quotes if q.speaker is not None] == ["Helena Baptista"]


def test_preloading_loads_each_installed_model_once_and_skips_missing_ones():
    loaded = preload_models(["es_core_news_sm", "no_such_model", "es_core_news_sm"])

    assert loaded == ["es_core_news_sm"]
    assert model_for(language="es")[0] is load_model(name="es_core_news_sm")


def _token_annotations(doc):
    return [(t.text, t.pos_, t.tag_, str(t.morph), lemma_of(t), t.dep_, t.ent_type_) for t in doc]


def test_docs_carry_the_same_annotations_as_the_whole_model():
    # Words the English ruler's exceptions key on ("gonna", "ain't", "let's", "there is"), a pronoun's case by its
    # dependency, and Spanish whose ruler maps parts of speech.
    texts = {
        "en": [
            "Let's be honest: we ain't gonna fix the bridge by May, the mayor told reporters.",
            "There is no money left, she said. I told them it was over, and they gave it to me anyway.",
        ],
        "es": ["La alcaldesa dijo que no habrá dinero para el puente hasta mayo. Nosotros lo sabíamos."],
    }
    for language, paragraphs in texts.items():
        nlp, _trained = model_for(language=language)

        cheap = docs_for(nlp, paragraphs, parse=True)
        whole = list(nlp.pipe(paragraphs))

        assert [_token_annotations(d) for d in cheap] == [
            [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.ent_type_) for t in d] for d in whole
        ]


def test_lemmas_are_made_on_request_and_kept():
    nlp, _trained = model_for(language="es")
    doc = docs_for(nlp, ["Los ministros aseguraron que firmarán el acuerdo."], parse=True)[0]
    verb = next(t for t in doc if t.text == "aseguraron")

    assert verb.lemma == 0
    assert lemma_of(verb) == "asegurar"
    assert verb.lemma_ == "asegurar"


def test_attribute_lookup_matches_the_ruler_on_rules_of_several_tokens():
    from spacy.lang.en import English

    from articles.enrichment.attribute_lookup import AttributeLookup

    nlp = English()
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add(patterns=[[{"LOWER": "new"}, {"LOWER": "york"}]], attrs={"POS": "PROPN"}, index=-1)
    ruler.add(patterns=[[{"LOWER": {"REGEX": "^ma+yor$"}}]], attrs={"POS": "NOUN"})
    ruler.add(patterns=[[{"LOWER": {"IN": ["the", "a"]}}]], attrs={"POS": "DET"})
    ruler.add(patterns=[[{"LOWER": "the"}]], attrs={"POS": "PRON"})  # a later rule wins
    text = "The maaayor of New York met a mayor from york."

    by_ruler = ruler(nlp.make_doc(text))
    by_lookup = AttributeLookup(ruler)(nlp.make_doc(text))

    assert [t.pos_ for t in by_lookup] == [t.pos_ for t in by_ruler]
    assert [t.pos_ for t in by_lookup][:6] == ["PRON", "NOUN", "", "", "PROPN", ""]
