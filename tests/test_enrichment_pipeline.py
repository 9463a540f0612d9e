from articles.enrichment import PIPELINE_VERSION, enrich_text
from articles.enrichment.nlp import docs_for, load_model, model_for, preload_models


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
