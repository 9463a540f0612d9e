from collections import Counter

from articles.enrichment import enrich_text
from articles.enrichment.entities import _distinctive, _Form, _split_leading_organisations
from articles.enrichment.gazetteer import is_city
from articles.enrichment.normalize import normalize_name


def _by_name(result):
    return {e.name: e for e in result.entities}


def test_short_surname_merges_into_the_full_name():
    # given a person named in full, then by surname
    body = (
        "La ministra de Hacienda, Lorena Quintanilla Ruiz, presentó ayer los presupuestos en Sevilla.\n\n"
        "Quintanilla Ruiz defendió las cuentas ante el Parlamento de Andalucía."
    )
    # when enriched
    entities = _by_name(enrich_text(title="Presupuestos", body=body, language="es"))
    # then one person carries both forms and her role
    person = entities["Lorena Quintanilla Ruiz"]
    assert person.kind == "person"
    assert "Quintanilla Ruiz" in person.aliases
    assert len(person.mentions) == 2
    assert person.role and "ministra" in person.role
    assert entities["Parlamento de Andalucía"].kind == "organization"
    assert entities["Sevilla"].kind == "place"


def test_acronym_in_parentheses_merges_with_its_organisation():
    body = "El Consorcio de Transportes del Levante (CTL) subió las tarifas. El CTL explicó que el gasóleo es más caro."
    entities = [e for e in enrich_text(title="", body=body, language="es").entities if e.kind == "organization"]
    names = {e.name: e for e in entities}
    assert "CTL" in names["Consorcio de Transportes del Levante"].aliases
    assert "CTL" not in names


def test_mentions_index_the_clean_text_and_boilerplate_names_count():
    body = (
        "By Rosa Tamblyn\n\nHarlow Dynamics said on Monday that it would hire 200 engineers in Ohio.\n\n"
        "© 2026 The Lantern"
    )
    result = enrich_text(title="Hiring", body=body, language="en")
    for entity in result.entities:
        for mention in entity.mentions:
            assert result.clean_text[mention.start : mention.end] == mention.text
    names = {e.name for e in result.entities}
    assert "Rosa Tamblyn" in names
    assert "Rosa Tamblyn" not in result.clean_text


def test_determiner_led_and_lowercase_junk_is_not_an_entity():
    body = "Con la guerra en Moldavia, el gobierno de Moldavia pidió ayuda. Según los datos, la ayuda llegará."
    names = {e.name for e in enrich_text(title="", body=body, language="es").entities}
    assert "Moldavia" in names
    assert not any(n.lower().startswith(("con ", "según", "la ")) for n in names)


def test_portuguese_and_french_fall_back_without_a_model():
    pt = enrich_text(title="", body="O presidente Paulo Mendes visitou Lisboa ontem.", language="pt")
    fr = enrich_text(title="", body="La maire Claire Dubois a visité Lyon hier.", language="fr")
    assert "Paulo Mendes" in {e.name for e in pt.entities}
    assert "Claire Dubois" in {e.name for e in fr.entities}


def test_empty_and_tiny_bodies_do_not_fail():
    assert enrich_text(title="", body="").entities == []
    assert enrich_text(title="X", body="Hola.").quotes == []


def test_a_name_after_a_kind_of_company_is_an_organisation():
    result = enrich_text(
        title="",
        body=(
            "La naviera Quelmar y la operadora Tresvia firmaron el acuerdo. Según la asociación de pescadores "
            "Marvela, el puerto ganará tráfico."
        ),
        language="es",
    )
    kinds = {e.name: e.kind for e in result.entities}
    assert kinds.get("Tresvia") == "organization"
    assert kinds.get("Marvela") == "organization"


def test_two_bodies_of_one_county_stay_apart():
    result = enrich_text(
        title="",
        body=(
            "The Pellow County Board of Health met on Monday. The nurses union, the Pellow Nursing Association, "
            "said it opposed the plan."
        ),
        language="en",
    )
    names = {e.name for e in result.entities if e.kind == "organization"}
    assert {"Pellow County Board of Health", "Pellow Nursing Association"} <= names


def test_lower_case_words_and_capitalised_articles_inside_place_names():
    english = enrich_text(title="", body="Traders in Dar es Salaam bought shares on Monday.", language="en")
    assert "Dar es Salaam" in {e.name for e in english.entities if e.kind == "place"}
    spanish = enrich_text(title="", body="La naviera abrió oficinas en Vigo y en A Coruña este año.", language="es")
    assert "A Coruña" in {e.name for e in spanish.entities if e.kind == "place"}


def test_the_body_a_spokesperson_speaks_for_and_a_regional_branch_stay_organisations():
    spanish = enrich_text(
        title="",
        body="La portavoz de Avancemos Tarbena, Lidia Ormaza, pidió explicaciones al pleno.",
        language="es",
    )
    assert "Avancemos Tarbena" in {e.name for e in spanish.entities if e.kind == "organization"}
    english = enrich_text(
        title="",
        body=(
            "The Kettering and District NHS Foundation Trust closed the ward. The minister asked NHS Scotland "
            "to publish its review."
        ),
        language="en",
    )
    names = {e.name for e in english.entities if e.kind == "organization"}
    assert "NHS Scotland" in names


def _kinds(result):
    return {e.name: e.kind for e in result.entities}


def test_companies_named_beside_their_kind_and_unions_after_a_plural_kind_are_organisations():
    # given invented company names the model reads as people, a plural kind noun and a Galician government
    body = (
        "La CNMV abrió un expediente a Navalia Renovables, la compañía eólica con sede en A Coruña. "
        "Navalia cayó un 4 por ciento.\n\n"
        "La AGP demandó a la empresa belga que ejecuta las obras, Jan De Nul.\n\n"
        "Los sindicatos CCOO y UGT, mayoritarios en la plantilla de la fábrica de Arteixo, reclamaron garantías a "
        "la Xunta de Galicia. Según el secretario general de CCOO en Galicia, Xurxo Méndez, la dirección no ha "
        "dado garantías."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="es")
    # then each is an organisation, and the company's short name is the same entity
    kinds = _kinds(result)
    for name in ("Navalia Renovables", "Jan De Nul", "CCOO", "UGT", "Xunta de Galicia"):
        assert kinds.get(name) == "organization", (name, kinds)
    assert "Navalia" not in kinds


def test_wire_credits_datelines_and_acronym_aliases():
    # given a Reuters story with "Nov 26" in its dateline, an acronym introduced as "known by its ... acronym",
    # a country the model calls a person, a language, a trade pact and closing credits
    body = (
        "DAR ES SALAAM, Nov 26 (Reuters) - The Dock Workers Union of Tanzania, known by its Swahili acronym "
        "DOWUTA, said the strike would go on. Cargo goes on to Zambia, Malawi and Congo. DOWUTA also opposes "
        "the USMCA-style rules.\n\n"
        "(Reporting by Amani Lyimo; Editing by Tom Hallworth)"
    )
    # when enriched
    result = enrich_text(title="", body=body, language="en")
    # then the union is one organisation, the countries are places, the journalists people, the rest nothing
    kinds = _kinds(result)
    assert kinds["Dock Workers Union of Tanzania"] == "organization" and "DOWUTA" not in kinds
    assert kinds["Reuters"] == "organization"
    assert kinds["Malawi"] == kinds["Zambia"] == "place"
    assert kinds["Amani Lyimo"] == kinds["Tom Hallworth"] == "person"
    assert "Swahili" not in kinds


def test_brazilian_dateline_state_courts_with_ordinals_and_facilities_named_after_people():
    body = (
        "SÃO JOSÉ DOS CAMPOS (SP) — O Ministério Público do Trabalho pediu uma audiência no Tribunal Regional do "
        "Trabalho da 15ª Região, em Campinas. A audiência no TRT está marcada para quinta-feira. A empresa "
        "anunciou a ampliação da Refinaria Henrique Lage, que fornece o cargueiro KC-390."
    )
    result = enrich_text(title="", body=body, language="pt")
    kinds = _kinds(result)
    by_name = _by_name(result)
    assert {name.lower(): kind for name, kind in kinds.items()}["são josé dos campos"] == "place"
    assert kinds["Tribunal Regional do Trabalho da 15ª Região"] == "organization"
    assert "TRT" in {m.text for m in by_name["Tribunal Regional do Trabalho da 15ª Região"].mentions}
    assert "Henrique Lage" not in kinds and "KC-390" not in kinds


def test_spanish_wire_credits_name_the_journalists_without_the_credit_words():
    body = "Grupo Ortuella cerró la compra.\n\n(Información de Lucía Barandiarán; editado por Pablo Sanz)"
    kinds = _kinds(enrich_text(title="", body=body, language="es"))
    assert kinds["Lucía Barandiarán"] == kinds["Pablo Sanz"] == "person"
    assert not [name for name in kinds if name.startswith("Información")]


def test_company_names_ending_in_s_keep_it_but_possessives_do_not():
    body = "Moody's, which rates Pemex below investment grade, said the support was weak. Mexico's peso fell."
    result = enrich_text(title="", body=body, language="en")
    kinds = _kinds(result)
    assert kinds["Moody's"] == "organization"
    assert kinds["Mexico"] == "place"


def test_organisation_names_run_through_para_and_a_plural_possessive():
    # given bodies whose names contain "para la" and "Farmers'"
    es = "El Ministerio para la Transformación Digital abrió una consulta pública sobre el cobre."
    en = "The National Farmers' Union said on Tuesday that the harvest was late."
    # when enriched
    es_names = _by_name(enrich_text(title="", body=es, language="es"))
    en_names = _by_name(enrich_text(title="", body=en, language="en"))
    # then each is one organisation, whole
    assert es_names["Ministerio para la Transformación Digital"].kind == "organization"
    assert en_names["National Farmers' Union"].kind == "organization"


def test_a_byline_names_the_journalist_then_the_outlet_but_not_a_title():
    body = "By Morag Lindsay, Press Association\n\nThe council met on Monday.\n\nBy Owen Pryde, Health Correspondent"
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    assert entities["Morag Lindsay"].kind == "person"
    assert entities["Press Association"].kind == "organization"
    assert "Health Correspondent" not in entities


def test_a_hyphenated_surname_alone_is_the_person_named_in_full():
    body = (
        "Chief Executive Harriet Mensah-Clarke said demand was weak.\n\n"
        "Mensah-Clarke said the company would close two stores in Ohio."
    )
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    assert entities["Harriet Mensah-Clarke"].kind == "person"
    assert entities["Harriet Mensah-Clarke"].role == "Chief Executive"
    assert "Mensah-Clarke" not in entities


def test_y_between_two_bodies_does_not_make_one_name():
    body = "El candidato, respaldado por el Partido Conservador y Cambio Democrático, perdió en Cali."
    names = {e.name for e in enrich_text(title="", body=body, language="es").entities}
    assert "Partido Conservador" in names
    assert not any(" y " in n for n in names)


def test_an_acronym_spelled_out_after_it_and_a_bare_head_join_their_body():
    body = (
        "El INE (Instituto Nacional de Estadística y Censos) publicó el informe.\n\n"
        "La Procuraduría General de la Nación abrió una investigación. La Procuraduría no dio más detalles."
    )
    orgs = [e for e in enrich_text(title="", body=body, language="es").entities if e.kind == "organization"]
    names = {e.name: e for e in orgs}
    assert "INE" in names["Instituto Nacional de Estadística y Censos"].aliases
    assert len(names["Procuraduría General de la Nación"].mentions) == 2
    assert "INE" not in names and "Procuraduría" not in names


def test_a_photo_credit_names_the_photographer_then_the_agency():
    body = "The mill closed on Friday.\n\nPhotograph: Morven Baird/Reuters"
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    assert entities["Morven Baird"].kind == "person"
    assert entities["Reuters"].kind == "organization"


def test_an_acronym_after_a_long_name_joins_the_whole_name_not_its_tail():
    body = (
        "O Sindicato Nacional dos Trabalhadores dos Correios e Telecomunicações (SNTCT) marcou greve.\n\n"
        "O SNTCT exige aumentos salariais."
    )
    orgs = [e for e in enrich_text(title="", body=body, language="pt").entities if e.kind == "organization"]
    [union] = [e for e in orgs if "SNTCT" in e.aliases]
    assert union.name.startswith("Sindicato Nacional")
    assert not any(e.name.startswith("Trabalhadores") for e in orgs)


def test_a_firms_country_arm_keeps_the_country_in_its_name():
    body = "According to economists at Standard Bank Namibia, growth will slow next year in Windhoek."
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    assert entities["Standard Bank Namibia"].kind == "organization"


def test_the_chamber_is_the_one_legislature_the_article_names():
    body = (
        "La ministra compareció este martes en el Congreso para explicar el plan.\n\n"
        "Horas después, en los pasillos de la Cámara, la oposición pidió su dimisión."
    )
    orgs = [e for e in enrich_text(title="", body=body, language="es").entities if e.kind == "organization"]
    assert [o.name for o in orgs] == ["Congreso"]
    assert "Cámara" in orgs[0].aliases


def test_name_spelled_out_before_its_initials_is_one_organisation():
    # given names the model cuts at a connector or reads as places, each followed by its initials
    body = (
        "Lideranças da Articulação dos Povos Indígenas do Brasil (Apib) acompanharam o anúncio em Brasília.\n\n"
        "La Intervención General de la Administración del Estado (IGAE) no ha firmado el informe."
    )
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="pt"))
    # then each is one organisation, its initials an alias where they occur
    assert entities["Articulação dos Povos Indígenas do Brasil"].kind == "organization"
    assert entities["Intervención General de la Administración del Estado"].kind == "organization"
    assert "Povos Indígenas do Brasil" not in entities


def test_a_city_given_initials_stays_a_place():
    body = "La Ciudad Autónoma de Buenos Aires (CABA) firmó el convenio con la Nación."
    entities = _by_name(enrich_text(title="", body=body, language="es"))
    assert entities["Ciudad Autónoma de Buenos Aires"].kind == "place"


def test_a_head_word_inside_one_body_name_is_that_body():
    # given a court named in full, then by the capitalised head word its name carries after an adjective
    body = (
        "La Suprema Corte de Justicia de la Nación negó el amparo de la empresa.\n\n"
        "Afuera de la sede de la Corte, decenas de repartidores celebraron el fallo."
    )
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="es"))
    # then "Corte" is a mention of the court, not a second organisation
    assert "Corte" in entities["Suprema Corte de Justicia de la Nación"].aliases
    assert "Corte" not in entities


def test_two_bodies_joined_by_y_and_an_article_stay_two():
    body = "La Universidad Politécnica de Valencia y la Universidad de Oviedo ya han pedido informes jurídicos."
    entities = _by_name(enrich_text(title="", body=body, language="es"))
    assert entities["Universidad Politécnica de Valencia"].kind == "organization"
    assert entities["Universidad de Oviedo"].kind == "organization"


def test_french_names_and_a_newspaper_title_with_its_article_are_organisations():
    # given a French museum's name with "des" and a newspaper introduced by "jornal" with its own article
    body = "O diretor do Musée des Confluences, Étienne Morvan, disse ao jornal Le Monde que o museu não fecha a porta."
    # when enriched
    entities = {e.name: e for e in enrich_text(title="", body=body, language="pt").entities}
    # then both are organisations, the museum in one piece
    assert entities["Musée des Confluences"].kind == "organization"
    [paper] = [e for e in entities.values() if e.name.endswith("Monde")]
    assert paper.kind == "organization"


def test_a_company_with_a_dotted_legal_form_is_one_organisation():
    # given a company the model cuts before "de C.V." and reads as a person, then named without the form
    body = (
        "La Corte resolvió que Mandadito Tecnologías S.A. de C.V., la empresa detrás de la aplicación, debe pagar.\n\n"
        "En un comunicado, Mandadito calificó la sentencia. La firma Construtora Alvorada Ltda. perdió el contrato."
    )
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="es"))
    # then the full name with its legal form is the organisation, and the short name joins it
    company = entities["Mandadito Tecnologías S.A. de C.V."]
    assert company.kind == "organization"
    assert "Mandadito" in company.aliases
    assert entities["Construtora Alvorada Ltda."].kind == "organization"
    opener = _by_name(enrich_text(title="", body="Según Repsol S.A. la venta se cerró en mayo.", language="es"))
    assert "Repsol S.A." in opener and "Según Repsol S.A." not in opener
    assert not [e for e in entities.values() if e.kind == "person"]


def test_a_listed_place_joining_two_names_beats_its_halves():
    body = "Hay laboratorios en Andalucía, Galicia y Castilla y León. La Junta de Castilla y León no ha respondido."
    entities = _by_name(enrich_text(title="", body=body, language="es"))
    assert entities["Castilla y León"].kind == "place"
    assert entities["Junta de Castilla y León"].kind == "organization"
    assert "Castilla" not in entities and "León" not in entities


def test_en_continues_a_body_name_unless_a_place_or_a_second_body_follows():
    # given a court whose name runs on with "en Materia", a bank "en" a city, and two bodies joined by "y en el"
    body = (
        "El amparo contra una sentencia del Tribunal Colegiado en Materia de Trabajo de Guanajuato. "
        "El Banco de España en Madrid. Trabajarán en el Instituto de Ciencia de Materiales de Aragón y en el "
        "Centro Nacional de Biotecnología."
    )
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="es"))
    # then the court is one name, the city stays out of the bank's, and the two centres stay apart
    assert entities["Tribunal Colegiado en Materia de Trabajo de Guanajuato"].kind == "organization"
    assert entities["Banco de España"].kind == "organization"
    assert entities["Madrid"].kind == "place"
    assert entities["Instituto de Ciencia de Materiales de Aragón"].kind == "organization"
    assert entities["Centro Nacional de Biotecnología"].kind == "organization"


def test_a_name_whose_officer_follows_is_a_body():
    body = 'The airline sponsors Derry City, whose chairman, Declan Mulrooney, said the club was "reassured".'
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    assert entities["Derry City"].kind == "organization"
    assert entities["Declan Mulrooney"].kind == "person"


def test_a_ministers_portfolio_is_not_an_entity():
    body = "A ministra dos Povos Indígenas, Raquel Tabajara, disse em Brasília que o caso segue."
    entities = _by_name(enrich_text(title="", body=body, language="pt"))
    assert set(entities) == {"Raquel Tabajara", "Brasília"}


def test_a_portfolio_closed_by_a_body_word_after_an_article_is_a_body():
    # given an English department named by its portfolio and "Department", after the article opening the sentence
    body = "A Commerce Department spokeswoman said the export rules would be published in May."
    # when enriched
    result = enrich_text(title="", body=body, language="en")
    # then the department is an organisation and speaks the report
    assert _by_name(result)["Commerce Department"].kind == "organization"
    [quote] = result.quotes
    assert result.entities[quote.speaker].name == "Commerce Department"


def test_a_surname_opening_with_a_lower_case_particle_keeps_its_given_name():
    # given Filipino surnames with "dela" and "delos", where the model cuts the person at the particle
    body = (
        'In the village of Santa Ana, Josefina dela Paz, 61, said the water reached her knees. "We lost everything,"'
        " she said.\n\nFisherman Ramon delos Reyes said the boats were lost."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="en")
    entities = _by_name(result)
    # then each is one person with the particle, and speaks
    assert entities["Josefina dela Paz"].kind == "person"
    assert entities["Ramon delos Reyes"].kind == "person"
    assert not {"Paz", "Reyes", "Josefina", "Ramon"} & set(entities)
    assert {result.entities[q.speaker].name for q in result.quotes} == {"Josefina dela Paz", "Ramon delos Reyes"}


def test_a_compound_surname_joined_by_y_is_one_person_and_its_short_form_too():
    # given a Spanish compound surname with "y", later cited by the pair of surnames, and two people by surname
    body = (
        "La senadora Inés Campos y Urrutia Vidal presentó el proyecto. Según Campos y Urrutia, la ley llegará en "
        "marzo.\n\nPedro Sánchez y Alberto Núñez Feijóo se reunieron. Sánchez y Feijóo no acordaron nada."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="es")
    entities = _by_name(result)
    # then the senator is one person under both forms, and the two leaders stay two
    assert entities["Inés Campos y Urrutia Vidal"].kind == "person"
    assert "Campos y Urrutia" in entities["Inés Campos y Urrutia Vidal"].aliases
    assert not {"Urrutia Vidal", "Urrutia", "Inés Campos"} & set(entities)
    assert {"Pedro Sánchez", "Alberto Núñez Feijóo"} <= set(entities)
    [quote] = result.quotes
    assert result.entities[quote.speaker].name == "Inés Campos y Urrutia Vidal"


def test_a_particle_surname_opening_a_sentence_names_the_person_in_full():
    # given a person named in full with "de la", later by that surname alone at a sentence's start
    body = (
        "«No hay agua para todos», advirtió Lucía Fernanda de la Torre Ibáñez, alcaldesa de Villanueva.\n\n"
        "De la Torre explicó que los pozos se secaron en agosto."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="es")
    # then the short form is hers and she speaks the report
    person = _by_name(result)["Lucía Fernanda de la Torre Ibáñez"]
    assert "De la Torre" in person.aliases
    assert "Torre" not in _by_name(result)
    [report] = [q for q in result.quotes if q.kind == "indirect"]
    assert report.text == "los pozos se secaron en agosto"
    assert result.entities[report.speaker].name == "Lucía Fernanda de la Torre Ibáñez"


def test_a_body_right_before_its_acronym_in_brackets_is_one_record_whatever_the_letters_spell():
    # given acronyms in another language's order and acronyms spelling only the name's start, after a listing comma
    es = "El canciller viajará a Quito para la cumbre del Foro de Integración Andino-Amazónica (AAIF), donde firmará."
    pt = (
        "Segundo a Agência Reguladora de Águas, Energia e Saneamento (ARES), as tarifas vão subir. "
        "A ARES publicou os valores ontem."
    )
    # when enriched
    forum = _by_name(enrich_text(title="", body=es, language="es"))
    agency = enrich_text(title="", body=pt, language="pt")
    # then each full name is one organisation with its acronym, and speaks for the report
    assert forum["Foro de Integración Andino-Amazónica"].kind == "organization"
    assert "AAIF" in forum["Foro de Integración Andino-Amazónica"].aliases
    named = _by_name(agency)["Agência Reguladora de Águas, Energia e Saneamento"]
    assert named.kind == "organization" and "ARES" in named.aliases
    assert not {"ARES", "Energia", "Saneamento", "Agência Reguladora de Águas"} & set(_by_name(agency))
    [quote] = agency.quotes
    assert agency.entities[quote.speaker].name == "Agência Reguladora de Águas, Energia e Saneamento"


def test_a_first_name_the_model_left_out_joins_the_surnames():
    body = "Camila Figueiredo Sampaio, de Brasília\n\nO Ministério dos Povos Indígenas anunciou o pedido."
    entities = _by_name(enrich_text(title="", body=body, language="pt"))
    assert entities["Camila Figueiredo Sampaio"].kind == "person"
    assert "Figueiredo Sampaio" not in entities


def test_a_competition_named_by_one_common_word_is_not_an_entity():
    body = "Castlebridge, promoted from the Championship last May, sold the striker to Wolfsburg."
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    assert "Championship" not in entities


def test_a_body_of_help_keeps_whom_it_helps_in_its_name():
    # given associations whose names run on with "ao"/"al" after a noun of help, and a fine "a" a company
    body = (
        "A Associação Portuguesa de Apoio ao Bebé Prematuro saudou o estudo.\n\n"
        "La Asociación de Ayuda al Refugiado protestó por la multa del Tribunal Supremo a Iberdrola."
    )
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="es"))
    # then the associations are whole and the company stays its own name
    assert entities["Associação Portuguesa de Apoio ao Bebé Prematuro"].kind == "organization"
    assert entities["Asociación de Ayuda al Refugiado"].kind == "organization"
    assert entities["Iberdrola"].kind == "organization"


def test_legal_forms_with_name_links_or_a_closed_company_suffix_and_their_short_names():
    # given a Peruvian S.A.C. and a Brazilian Ltda. whose name has a lower-case link, later named without the form
    es = (
        "El ministerio adjudicó la venta a Andes Ticket Perú S.A.C. por cinco años.\n\n"
        "Desde Andes Ticket, su gerente dijo que la plataforma es auditada."
    )
    pt = (
        "O grupo usava a Asas do Norte Aviação Ltda. para levar combustível.\n\n"
        "Em nota, a Asas do Norte afirmou que sempre operou dentro da lei."
    )
    # when enriched
    es_orgs = {e.name: e for e in enrich_text(title="", body=es, language="es").entities}
    pt_orgs = {e.name.rstrip("."): e for e in enrich_text(title="", body=pt, language="pt").entities}
    # then each company is one organisation carrying both forms
    assert es_orgs["Andes Ticket Perú S.A.C."].kind == "organization"
    assert "Andes Ticket" in es_orgs["Andes Ticket Perú S.A.C."].aliases
    assert pt_orgs["Asas do Norte Aviação Ltda"].kind == "organization"
    assert "Asas do Norte" in pt_orgs["Asas do Norte Aviação Ltda"].aliases


def test_place_tails_rivers_listed_before_their_noun_and_buildings_are_places():
    en = (
        "TOWNSVILLE, Queensland — The Great Barrier Reef is undergoing its sixth mass bleaching in a decade.\n\n"
        "The minister will fund programs in the catchments of the Burdekin and Fitzroy rivers."
    )
    es = "El secretario habló en una conferencia de prensa en la Casa de Gobierno de la provincia."
    en_places = {e.name: e.kind for e in enrich_text(title="", body=en, language="en").entities}
    es_places = {e.name: e.kind for e in enrich_text(title="", body=es, language="es").entities}
    assert en_places["Great Barrier Reef"] == "place"
    assert en_places["Burdekin"] == en_places["Fitzroy"] == "place"
    assert es_places["Casa de Gobierno"] == "place"


def test_an_acronym_spelling_a_link_in_lower_case_and_a_portfolio_list_with_an_article():
    es = "El informe de la Fundación Ambiente y Territorio (FAyT) estimó que la cuenca pierde agua."
    en = (
        "A spokesperson for the Department of Climate Change, Energy, the Environment and Water said the report "
        "would be frank."
    )
    es_orgs = {e.name: e for e in enrich_text(title="", body=es, language="es").entities}
    en_orgs = {e.name: e for e in enrich_text(title="", body=en, language="en").entities}
    assert "FAyT" in es_orgs["Fundación Ambiente y Territorio"].aliases
    assert "Territorio" not in es_orgs
    assert en_orgs["Department of Climate Change, Energy, the Environment and Water"].kind == "organization"


def test_a_province_that_seats_bodies_is_a_place_and_new_head_words_make_bodies():
    # given a province that closes a university's and a legislature's names and opens a state company's
    es = (
        "La Universidad Nacional de Jujuy hará el estudio. Quispe Lamas recordó que Jujuy cobra regalías y que la "
        "provincia, a través de Jujuy Energía y Minería Sociedad del Estado (JEMSE), tiene un 8%.\n\n"
        "El diputado presentó en la Legislatura de Jujuy un proyecto. La Mesa de Comunidades de la Cuenca pidió "
        "una consulta. La Defensoría del Pueblo pidió al Ejecutivo y a los gremios instalar una mesa de diálogo "
        "en Cusco."
    )
    pt = "O ouro ficará sob custódia da Caixa Econômica Federal até o fim da perícia."
    es_entities = {e.name: e.kind for e in enrich_text(title="", body=es, language="es").entities}
    pt_entities = {e.name: e.kind for e in enrich_text(title="", body=pt, language="pt").entities}
    assert es_entities["Jujuy"] == "place"
    assert es_entities["Legislatura de Jujuy"] == "organization"
    assert es_entities["Mesa de Comunidades de la Cuenca"] == "organization"
    assert es_entities["Ejecutivo"] == "organization"
    assert pt_entities["Caixa Econômica Federal"] == "organization"


def test_a_latin_american_wire_credit_names_its_reporter_and_editor():
    body = "Los guías bloquearon la vía férrea.\n\n(Reporte de Mariela Chumpitaz; editado por Fernando Bustamante)"
    result = enrich_text(title="", body=body, language="es")
    assert "Reporte" not in result.clean_text
    people = {e.name for e in result.entities if e.kind == "person"}
    assert {"Mariela Chumpitaz", "Fernando Bustamante"} <= people
    assert not any(e.name.startswith("Reporte") for e in result.entities)


def test_a_role_noun_and_a_demonym_before_a_name_a_parliamentary_group_and_railways():
    body = (
        "Inca Rail, el otro operador del tramo, canceló sus trenes.\n\n"
        "En el Congreso, el legislador cusqueño Wilber Ccori Mamani, de la bancada de Renovación Andina, anunció "
        "que presentará una moción."
    )
    entities = {e.name: e.kind for e in enrich_text(title="", body=body, language="es").entities}
    assert entities["Wilber Ccori Mamani"] == "person"
    assert entities["Renovación Andina"] == "organization"
    assert entities["Inca Rail"] == "organization"


def test_a_capital_inside_a_word_spells_a_brand_but_not_a_surname_prefix():
    body = (
        "Unos 1.200 turistas quedaron varados, según informó PeruRail, que suspendió sus salidas.\n\n"
        "El congresista Raúl McDonald pidió explicaciones."
    )
    entities = {e.name: e.kind for e in enrich_text(title="", body=body, language="es").entities}
    assert entities["PeruRail"] == "organization"
    assert entities["Raúl McDonald"] == "person"


def test_the_last_word_of_an_office_is_not_glued_to_the_holders_name():
    body = "A procuradora da República Cristiane Albuquerque Lins disse que o órgão vai pedir o bloqueio de bens."
    people = {e.name for e in enrich_text(title="", body=body, language="pt").entities if e.kind == "person"}
    assert people == {"Cristiane Albuquerque Lins"}


def test_operations_and_titles_in_quote_marks_are_not_entities():
    body = (
        "A Polícia Federal deflagrou a Operação Ouro Turvo em Boa Vista. O caso lembra a série de reportagens "
        '"Rota do Ouro", publicada em 2024 em São Paulo.'
    )
    names = {e.name for e in enrich_text(title="", body=body, language="pt").entities}
    assert {"Polícia Federal", "Boa Vista", "São Paulo"} <= names
    assert not any(n.startswith(("Operação", "Rota")) for n in names)


def test_a_company_described_with_a_noun_modifier_or_named_as_a_parent_is_an_organisation():
    en = "The rocket carried satellites for customers including Orbis Geodata, an imaging startup based in Denver."
    es = "El ministerio adjudicó la venta a Andes Ticket Perú S.A.C., filial de la mexicana Boletia Global."
    en_entities = {e.name: e.kind for e in enrich_text(title="", body=en, language="en").entities}
    es_entities = {e.name: e.kind for e in enrich_text(title="", body=es, language="es").entities}
    assert en_entities["Orbis Geodata"] == "organization"
    assert es_entities["Boletia Global"] == "organization"


def test_an_agencys_picture_desk_in_a_credit_is_the_agency():
    body = (
        "By Siobhan Kerrigan, AAP\n\nThe reef is bleaching again.\n\n"
        "Photo: Bleached coral at Moore Reef, off Cairns. (Jonas Whitby/AAP Image)"
    )
    entities = {e.name: e.kind for e in enrich_text(title="", body=body, language="en").entities}
    assert entities["AAP"] == "organization"
    assert entities["Jonas Whitby"] == "person"
    assert "AAP Image" not in entities


def test_an_ap_state_abbreviation_is_the_state_the_article_names():
    body = "CAPE CANAVERAL, Fla. (AP) — The rocket broke apart after a night flight from Florida."
    places = [e for e in enrich_text(title="", body=body, language="en").entities if e.kind == "place"]
    florida = [e for e in places if e.name in ("Florida", "Fla.")]
    assert len(florida) == 1
    assert {m.text for m in florida[0].mentions} == {"Fla.", "Florida"}


def test_a_station_names_its_place_but_a_person_after_it_and_a_comma_is_no_place():
    es = "El tren quedó detenido en la estación de Poroy."
    pt = "Na estação do Cacém, Filomena Antunes, enfermeira num hospital de Lisboa, esperou duas horas."
    es_entities = {e.name: e.kind for e in enrich_text(title="", body=es, language="es").entities}
    pt_entities = {e.name: e.kind for e in enrich_text(title="", body=pt, language="pt").entities}
    assert es_entities["Poroy"] == "place"
    assert pt_entities["Filomena Antunes"] == "person"


def test_a_committee_listing_its_portfolios_with_commas_stays_one_body():
    body = (
        "Rep. Gloria Whitfield, a Florida Democrat who sits on the House Science, Space and Technology Committee, "
        "said the failure was the third."
    )
    orgs = {e.name for e in enrich_text(title="", body=body, language="en").entities if e.kind == "organization"}
    assert "House Science, Space and Technology Committee" in orgs
    assert "House Science" not in orgs


def test_the_first_word_of_a_photo_caption_is_no_name():
    body = (
        "La provincia suspendió los permisos.\n\n"
        "Foto: Vegas resecas en Salinas Grandes, en la Puna jujeña. (Javier Corbalán/Télam)"
    )
    entities = {e.name: e.kind for e in enrich_text(title="", body=body, language="es").entities}
    assert "Vegas" not in entities
    assert entities["Javier Corbalán"] == "person"
    assert entities["Salinas Grandes"] == "place"


def test_a_place_opening_with_a_place_noun_keeps_the_de_phrase_the_model_cut():
    body = (
        "El contrato fue firmado por la Dirección Desconcentrada de Cultura de Cusco, que administra el Santuario "
        "Histórico de Machu Picchu."
    )
    places = {e.name for e in enrich_text(title="", body=body, language="es").entities if e.kind == "place"}
    assert "Santuario Histórico de Machu Picchu" in places
    assert "Santuario Histórico" not in places


def test_a_name_after_a_lower_case_village_noun_is_a_place():
    # given a Philippine barangay named after its lower-case kind noun, which the model reads as a person
    body = "In barangay Mabini Sur, where the river covered the road, farmer Lorna Bautista said the harvest was gone."
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    # then the barangay is a place and the farmer the only person
    assert entities["Mabini Sur"].kind == "place"
    assert [n for n, e in entities.items() if e.kind == "person"] == ["Lorna Bautista"]


def test_two_names_joined_after_a_locative_are_two_places():
    # given towns listed after "in" and "across", one a given name, after an organisation kind noun ("centers")
    body = (
        "Relief trucks reached families in Pinukpuk and Lubuagan on Tuesday, while volunteers cooked in evacuation "
        "centers across Tabuk and Marcela."
    )
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    # then each town is a place of its own
    assert {n: e.kind for n, e in entities.items()} == {
        "Pinukpuk": "place",
        "Lubuagan": "place",
        "Tabuk": "place",
        "Marcela": "place",
    }


def test_a_slogan_in_quote_marks_is_no_entity_even_with_rule_votes():
    # given a slogan that fills its quote marks, with the closing stop inside them
    body = 'Teachers in Iloilo wore caps printed with the union slogan, "Tuloy Lang." Classes resumed on Monday.'
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    # then only the city is an entity
    assert set(entities) == {"Iloilo"}


def test_ngo_written_as_initials_is_a_kind_not_a_body():
    # given "NGO" and "ONG" used as kind nouns, once introducing a body's name
    en = "The Harbor Food Bank, a Tacoma-based NGO that feeds 900 families, said donations had doubled."
    es = "La ONG Transparencia Activa denunció el contrato. Otras ONG se sumaron a la queja."
    # when enriched
    en_names = set(_by_name(enrich_text(title="", body=en, language="en")))
    es_names = set(_by_name(enrich_text(title="", body=es, language="es")))
    # then the initials are no entity and the named bodies are
    assert en_names == {"Harbor Food Bank", "Tacoma"}
    assert es_names == {"Transparencia Activa"}


def test_an_english_area_noun_after_an_ordinal_is_no_place():
    # given numbered districts and provinces, capitalised as English writes them
    body = (
        "Rep. Ruben Tadeo, whose 2nd District of Leyte lost two bridges, asked for army engineers. "
        "The 4th Province was spared."
    )
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    # then the area nouns alone are no places
    assert set(entities) == {"Ruben Tadeo", "Leyte"}


def test_a_portfolio_of_several_words_before_a_title_and_its_holder_is_no_body():
    # given an English title whose portfolio has two words, before the holder's hyphenated name
    body = "Social Services Secretary Imelda Garcia-Ocampo, who flew to Cebu on Sunday, blamed the roads."
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    # then only the secretary and the city are entities
    assert {n: e.kind for n, e in entities.items()} == {"Imelda Garcia-Ocampo": "person", "Cebu": "place"}


def test_a_company_described_by_its_city_and_kind_is_an_organisation():
    # given companies described after a comma as "a <City> startup" and "a <City> company"
    body = (
        "Harbor Cloud agreed to buy Quorra AI, a Denver startup whose software runs in many hospitals.\n\n"
        "Meridian Foods bought Lumio Analytics, a Lisbon company that tracks supermarket prices."
    )
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    # then the described companies are organisations and the cities places
    assert entities["Quorra AI"].kind == "organization"
    assert entities["Lumio Analytics"].kind == "organization"
    assert entities["Denver"].kind == "place" and entities["Lisbon"].kind == "place"


def test_a_title_with_its_article_is_no_variant_of_a_name_sharing_a_word():
    # given a place named like the start of a newspaper's title, which is credited after a slash
    body = "Lawmakers on Harbor Hill praised the bill.\n\nPhoto: The pier at dawn. (Maria Costa / The Harbor Tribune)"
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    # then the newspaper is an organisation of its own
    assert entities["The Harbor Tribune"].kind == "organization"
    assert "The Harbor Tribune" not in entities["Harbor Hill"].aliases


def test_a_name_after_an_administrative_area_noun_is_a_place():
    body = (
        "SANTIAGO, 3 mar (EFE) - La Superintendencia de Medio Ambiente (SMA) formuló cargos contra la salmonera "
        "Australis Mar S.A. por sobreproducción en el Parque Nacional Bernardo O'Higgins, en la región de Magallanes."
    )
    entities = {e.name: e.kind for e in enrich_text(title="", body=body, language="es").entities}
    assert entities["Magallanes"] == "place"


def test_a_ministers_listed_portfolios_are_not_places_or_bodies():
    body = (
        "La ministra de Juventud e Infancia, Sira Rego, y el ministro de Agricultura, Pesca y Alimentación, "
        "Luis Planas, viajaron a Bruselas con la ministra de Hacienda, María Jesús Montero."
    )
    entities = {e.name: e.kind for e in enrich_text(title="", body=body, language="es").entities}
    assert entities == {
        "Sira Rego": "person",
        "Luis Planas": "person",
        "Bruselas": "place",
        "María Jesús Montero": "person",
    }


def test_portuguese_holding_and_limited_company_forms():
    body = (
        "Segundo o autarca, o fundo Lusitânia Capital SGPS vai investir 18 milhões de euros. A obra será feita pela "
        "Construtora Tejo Lda. até 2027."
    )
    orgs = {e.name.rstrip(".") for e in enrich_text(title="", body=body, language="pt").entities}
    assert {"Lusitânia Capital SGPS", "Construtora Tejo Lda"} <= orgs


def test_sources_or_members_opening_a_sentence_are_not_part_of_the_body_they_belong_to():
    es = "Fuentes del Ministerio de Hacienda señalaron que el gasto está contemplado. El PP anunció una enmienda."
    pt = "Ambientalistas do Observatório do Clima criticaram a decisão."
    es_entities = {e.name: e.kind for e in enrich_text(title="", body=es, language="es").entities}
    pt_entities = {e.name: e.kind for e in enrich_text(title="", body=pt, language="pt").entities}
    assert es_entities["Ministerio de Hacienda"] == "organization"
    assert not any(name.startswith("Fuentes") for name in es_entities)
    assert pt_entities == {"Observatório do Clima": "organization"}


def test_outside_english_a_closing_apostrophe_s_belongs_to_the_name():
    body = "La calificadora Moody’s consideró que el plan es insuficiente para reactivar los altos hornos."
    entities = {e.name: e.kind for e in enrich_text(title="", body=body, language="es").entities}
    assert entities == {"Moody’s": "organization"}


def test_post_nominal_letters_are_not_part_of_a_persons_name():
    body = "The former minister denied wrongdoing. His lawyer, Rachel Okoro KC, said her client would cooperate fully."
    people = {e.name for e in enrich_text(title="", body=body, language="en").entities if e.kind == "person"}
    assert people == {"Rachel Okoro"}


def test_a_weekday_opening_a_newspapers_title_is_part_of_its_name():
    body = "Detectives are examining messages first reported by The Sunday Times last month."
    orgs = {e.name for e in enrich_text(title="", body=body, language="en").entities if e.kind == "organization"}
    assert orgs == {"Sunday Times"}


def test_a_company_acronym_that_adds_its_legal_forms_letters_still_expands():
    body = (
        "El gobierno anunció un plan para rescatar a Altos Hornos de México (AHMSA), la siderúrgica que cerró en "
        "2023 en Monclova, Coahuila. AHMSA tiene 18.000 trabajadores."
    )
    entities = {e.name: e for e in enrich_text(title="", body=body, language="es").entities}
    assert entities["Altos Hornos de México"].kind == "organization"
    assert "AHMSA" in entities["Altos Hornos de México"].aliases


def test_a_second_body_introduced_by_its_kind_after_and_is_not_glued_to_the_first():
    body = "La Defensoría del Pueblo y la ONG Transparencia criticaron que la reforma se aprobara sin consulta."
    orgs = {e.name for e in enrich_text(title="", body=body, language="es").entities if e.kind == "organization"}
    assert orgs == {"Defensoría del Pueblo", "Transparencia"}


def test_a_constitution_is_a_law_not_a_place():
    body = 'O relator, ministro Edson Fachin, afirmou que a tese "não encontra amparo na Constituição".'
    names = {e.name for e in enrich_text(title="", body=body, language="pt").entities}
    assert names == {"Edson Fachin"}


def test_squares_and_ports_name_places():
    pt = "A Apib comemorou o resultado na Praça dos Três Poderes, em Brasília."
    en = "He said importers were paying 40% more for containers at Tema port than a year ago."
    pt_places = {e.name for e in enrich_text(title="", body=pt, language="pt").entities if e.kind == "place"}
    en_places = {e.name for e in enrich_text(title="", body=en, language="en").entities if e.kind == "place"}
    assert "Praça dos Três Poderes" in pt_places
    assert en_places == {"Tema"}


def test_a_firm_whose_name_joins_two_names_is_one_body_but_two_listed_banks_are_two():
    one = "Lawyers for the passengers, from the firm Slater and Gordon, said about 86,000 customers would be paid."
    two = "The banks Goldman Sachs and Morgan Stanley advised the deal."
    one_orgs = {e.name: e.kind for e in enrich_text(title="", body=one, language="en").entities}
    two_orgs = {e.name: e.kind for e in enrich_text(title="", body=two, language="en").entities}
    assert one_orgs == {"Slater and Gordon": "organization"}
    assert two_orgs == {"Goldman Sachs": "organization", "Morgan Stanley": "organization"}


def test_a_party_of_two_words_glued_before_a_name_leaves_the_person_only_her_name():
    body = "La senadora del Frente Amplio Patricia Kramer, impulsora del proyecto, celebró la votación."
    entities = {e.name: e.kind for e in enrich_text(title="", body=body, language="es").entities}
    assert entities == {"Frente Amplio": "organization", "Patricia Kramer": "person"}


def test_economic_measures_written_as_acronyms_are_not_bodies():
    body = "O Conselho das Finanças Públicas (CFP) estimou na semana passada que o défice ficará em 0,3% do PIB."
    entities = {e.name: e.kind for e in enrich_text(title="", body=body, language="pt").entities}
    assert entities == {"Conselho das Finanças Públicas": "organization"}


def test_a_one_word_name_listed_after_a_place_that_follows_a_locative_is_a_place():
    body = "Toronto Hydro's president said that some upgrades in Scarborough and Etobicoke would be delayed."
    entities = {e.name: e.kind for e in enrich_text(title="", body=body, language="en").entities}
    assert entities["Etobicoke"] == "place"


def test_hospital_groups_named_in_the_plural_are_bodies():
    body = "O curso funcionará no Polo III, junto aos Hospitais da Universidade de Coimbra, a partir de setembro."
    entities = {e.name: e.kind for e in enrich_text(title="", body=body, language="pt").entities}
    assert entities["Hospitais da Universidade de Coimbra"] == "organization"


def test_a_world_city_the_model_took_for_a_body_is_a_place():
    body = (
        "Miners at Rustenburg and Klerksdorp downed tools on Monday, union organiser Thabo Mokoena said.\n\n"
        "Mokoena said Klerksdorp shafts would stay closed."
    )

    entities = _by_name(enrich_text(title="Strike", body=body, language="en"))

    assert entities["Rustenburg"].kind == "place"
    assert entities["Klerksdorp"].kind == "place"
    assert entities["Thabo Mokoena"].kind == "person"


def test_a_city_that_is_also_a_first_name_does_not_make_a_person_a_place():
    body = (
        "Victoria Achieng, the county's health officer, opened the clinic on Friday.\n\n"
        "Achieng said a second clinic would follow in March. Florence Wambui, a nurse, said the queues had halved."
    )

    entities = _by_name(enrich_text(title="Clinic", body=body, language="en"))

    assert entities["Victoria Achieng"].kind == "person"
    assert entities["Florence Wambui"].kind == "person"


def test_the_city_list_leaves_out_cities_named_like_first_names():
    assert is_city("rustenburg") and is_city("manizales") and is_city("klerksdorp")
    assert not is_city("victoria") and not is_city("santiago") and not is_city("mercedes")


def test_english_bodies_named_with_their_head_noun_last():
    # given a court named before a weekday (after a dateline is cut off) and a board whose head comes last
    body = (
        "The Tarkhan High Court on Monday stayed the contract. The residents asked the Valmora State Pollution "
        "Control Board to review the clearance."
    )
    # when enriched
    kinds = _kinds(enrich_text(title="", body=body, language="en"))
    # then both are organisations, the court without the weekday
    assert kinds.get("Tarkhan High Court") == "organization", kinds
    assert kinds.get("Valmora State Pollution Control Board") == "organization", kinds


def test_and_is_no_word_two_organisation_names_can_share():
    # given two names whose only common word is "and"
    first = ["research", "designs", "and", "standards", "organisation"]
    second = ["outer", "ring", "road", "and", "hebbal", "lake"]
    # then the words that could make them one company's variants have nothing in common
    assert not _distinctive(first) & _distinctive(second)


def test_streets_roads_and_lakes_are_places_even_when_joined_by_and():
    # given a road and a lake the model joins at "and", and a street named with a first name
    en = "The plot lies between the Outer Ring Road and Hebbal Lake, north of the city."
    pt = "A escola da Rua Morais Soares tem hoje metade dos alunos."
    brand = "Its largest customer, the grocery chain Marlow Avenue, accounts for a fifth of revenue."
    # when enriched
    assert _kinds(enrich_text(title="", body=brand, language="en")).get("Marlow Avenue") == "organization"
    en_kinds = _kinds(enrich_text(title="", body=en, language="en"))
    pt_kinds = _kinds(enrich_text(title="", body=pt, language="pt"))
    # then each is a place of its own
    assert en_kinds.get("Outer Ring Road") == en_kinds.get("Hebbal Lake") == "place", en_kinds
    assert pt_kinds.get("Rua Morais Soares") == "place", pt_kinds


def test_a_byline_kept_as_text_names_the_outlet_after_a_bar_or_com():
    # given bylines the boilerplate filter keeps as paragraphs, and one giving the city the journalist writes from
    es = "Por Juan Sebastián de la Roche | Colprensa\n\nEl Gobierno pidió calma."
    pt = "Inês Sá-Carneiro, com Lusa\n\nA Câmara aprovou a medida."
    city = "Camila Figueiredo Sampaio, de Brasília\n\nO ministério anunciou o pedido."
    # when enriched
    es_kinds = _kinds(enrich_text(title="", body=es, language="es"))
    pt_kinds = _kinds(enrich_text(title="", body=pt, language="pt"))
    city_kinds = _kinds(enrich_text(title="", body=city, language="pt"))
    # then the outlet is an organisation, the journalist a person, the city a place
    assert es_kinds.get("Colprensa") == "organization", es_kinds
    assert es_kinds.get("Juan Sebastián de la Roche") == "person", es_kinds
    assert pt_kinds.get("Lusa") == "organization", pt_kinds
    assert city_kinds.get("Brasília") == "place", city_kinds


def test_a_first_name_and_surname_with_particles_the_model_missed():
    body = "En el Congreso, la senadora caldense María del Pilar Londoño radicó un proyecto de ley."
    kinds = _kinds(enrich_text(title="", body=body, language="es"))
    assert kinds.get("María del Pilar Londoño") == "person", kinds


def test_y_a_opens_a_second_body_and_min_glued_to_a_portfolio_is_a_ministry():
    # given two ministries joined by "y a", the second by its short name
    body = "Villegas pidió al Ministerio de Agricultura y a MinHacienda una respuesta antes de la cosecha."
    # when enriched
    kinds = _kinds(enrich_text(title="", body=body, language="es"))
    # then each is an organisation of its own
    assert kinds.get("Ministerio de Agricultura") == "organization", kinds
    assert kinds.get("MinHacienda") == "organization", kinds


def test_english_legal_forms_stay_whole_and_their_opening_words_are_the_company():
    # given companies with dotted and lower-case legal forms, later named by their first words after "from"/"in"
    body = (
        "The contract went to a consortium led by Varadhan Infraprojects Pvt. Ltd.\n\n"
        "Tarvik Holdings SOC Ltd said the ruling hurt. Customers who buy from Tarvik will pay more.\n\n"
        "Kestrel Ridge Mining plc said it would review the expansion. Shares in Kestrel Ridge fell 3%."
    )
    # when enriched
    kinds = _kinds(enrich_text(title="", body=body, language="en"))
    # then each company is one organisation under its full name
    assert kinds.get("Varadhan Infraprojects Pvt. Ltd.") == "organization", kinds
    assert kinds.get("Tarvik Holdings SOC Ltd") == "organization" and "Tarvik" not in kinds, kinds
    assert kinds.get("Kestrel Ridge Mining plc") == "organization" and "Kestrel Ridge" not in kinds, kinds


def test_acronyms_listed_with_e_are_each_a_party():
    body = "A proposta passou com os votos do PSD e do CDS-PP e a abstenção do PS."
    kinds = _kinds(enrich_text(title="", body=body, language="pt"))
    assert kinds.get("PSD") == kinds.get("CDS-PP") == kinds.get("PS") == "organization", kinds


def test_an_acronym_may_keep_the_letter_of_a_linking_word():
    # given an association whose initials keep the "em" before the country, and one whose initials drop the "de"
    body = (
        "A Associação do Alojamento Local em Portugal (ALEP) reagiu com dureza. Segundo a ALEP, o setor emprega "
        "22 mil pessoas. O Instituto Nacional de Estatística (INE) publicou os dados."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="pt")
    kinds = _kinds(result)
    # then each is one organisation with its acronym, and the country is not cut out of the name
    assert kinds.get("Associação do Alojamento Local em Portugal") == "organization", kinds
    assert "ALEP" in _by_name(result)["Associação do Alojamento Local em Portugal"].aliases
    assert "Portugal" not in kinds and "ALEP" not in kinds
    assert kinds.get("Instituto Nacional de Estatística") == "organization"


def test_whom_a_statement_is_told_to_is_an_organisation_not_a_place():
    body = (
        "O secretário de Estado, Duarte Fonseca-Lima, disse à RTP que o Governo não vai mexer na lei. A presidente "
        "da junta disse ao Expresso que a freguesia perdeu moradores."
    )
    kinds = _kinds(enrich_text(title="", body=body, language="pt"))
    assert kinds.get("RTP") == kinds.get("Expresso") == "organization", kinds


def test_a_capitalised_head_word_alone_after_an_article_is_the_body_meant():
    body = "Manuel Godinho Pais pediu ao Governo uma lei que trave as rendas. O Governo não respondeu."
    kinds = _kinds(enrich_text(title="", body=body, language="pt"))
    assert kinds.get("Governo") == "organization", kinds


def test_a_head_word_closing_the_part_before_of_makes_an_organisation():
    body = (
        "As rendas subiram 11,2% no último ano. Um estudo da Nova School of Business and Economics, em Carcavelos, "
        "estima que um em cada três fogos da Baixa e das margens do Tejo está afeto ao turismo."
    )
    kinds = _kinds(enrich_text(title="", body=body, language="pt"))
    assert kinds.get("Nova School of Business and Economics") == "organization", kinds


def test_places_after_direction_words_and_before_based():
    # given towns the model calls people after "towards" and "at", and a city glued to "-based"
    body = (
        "The depot would house 60 trains for the lines running north towards Yelahanka and the airport at "
        "Devanahalli.\n\nPatil & Kulkarni, a Pune-based firm that built stations for the Mumbai metro, complained."
    )
    # when enriched
    kinds = _kinds(enrich_text(title="", body=body, language="en"))
    # then each is a place
    assert kinds.get("Yelahanka") == kinds.get("Devanahalli") == kinds.get("Pune") == "place", kinds


def test_a_subsidiary_or_a_centre_described_after_the_name_and_a_place_after_en():
    # given bodies described as a subsidiary and a research centre, the second located "en" a town
    body = (
        "El Pacto Histórico propuso que las compras las haga Almacafé, la filial logística de la FNC.\n\n"
        "Cenicafé, el centro de investigación de la Federación en Chinchiná, recomendó no abandonar los cultivos."
    )
    # when enriched
    kinds = _kinds(enrich_text(title="", body=body, language="es"))
    # then the bodies are organisations and the town a place
    assert kinds.get("Almacafé") == kinds.get("Cenicafé") == "organization", kinds
    assert kinds.get("Chinchiná") == "place", kinds


def test_amounts_titles_and_products_are_no_entities():
    # given an amount glued to its currency, a title in initials and a coffee variety
    en = "The decision left a R48-billion hole. The City's MMC for energy, Lebogang Sithole, said it would appeal."
    es = "Cenicafé recomendó no abandonar los cultivos renovados con la variedad Castillo, resistente a la roya."
    # when enriched
    en_kinds = _kinds(enrich_text(title="", body=en, language="en"))
    es_kinds = _kinds(enrich_text(title="", body=es, language="es"))
    # then none of them is an entity
    assert "R48" not in en_kinds and "MMC" not in en_kinds, en_kinds
    assert "Castillo" not in es_kinds, es_kinds


def test_a_name_with_an_article_and_no_first_name_is_no_person():
    body = "En el Congreso, el Pacto Histórico propuso que las compras de emergencia las haga la federación."
    kinds = _kinds(enrich_text(title="", body=body, language="es"))
    assert kinds.get("Pacto Histórico") == "organization", kinds


def test_a_capitalised_city_opening_the_lead_with_a_stop_is_a_dateline_place():
    body = "MANIZALES. La Federación Nacional de Cafeteros pidió este lunes un fondo de estabilización."
    kinds = {name.lower(): kind for name, kind in _kinds(enrich_text(title="", body=body, language="es")).items()}
    assert kinds.get("manizales") == "place", kinds


def test_places_the_model_missed_are_found_by_their_surroundings():
    # given a venue after "recinto de", a parish after "em", one listed beside places and a range "in the" ...
    es = "Villegas habló ante el Congreso Cafetero, reunido en el recinto de Expoferias, sobre los precios."
    pt = (
        "A câmara suspendeu os registos em Arroios, Estrela e Campo de Ourique, que se juntam à Baixa, a Alfama e "
        "a Mouraria. Há ruas em Arroios onde já não mora ninguém."
    )
    en = "Nersa disallowed the claims for the Kusile power station and for the Ingula scheme in the Drakensberg."
    # when enriched
    es_kinds = _kinds(enrich_text(title="", body=es, language="es"))
    pt_kinds = _kinds(enrich_text(title="", body=pt, language="pt"))
    en_kinds = _kinds(enrich_text(title="", body=en, language="en"))
    # then each is a place
    assert es_kinds.get("Expoferias") == "place", es_kinds
    assert pt_kinds.get("Arroios") == pt_kinds.get("Mouraria") == "place", pt_kinds
    assert en_kinds.get("Drakensberg") == "place", en_kinds


def test_a_nickname_in_quotes_leaves_the_first_name_and_surname_one_person():
    body = 'The MMC for energy, Lebogang "Lebo" Sithole, said the metro would appeal. Sithole added that bills rise.'
    kinds = _kinds(enrich_text(title="", body=body, language="en"))
    assert kinds.get("Lebogang Sithole") == "person", kinds
    assert "Lebogang" not in kinds, kinds


def test_a_company_named_by_its_web_address_is_an_organisation():
    body = "A Airbnb criticou a decisão. A Booking.com não respondeu ao pedido de comentário."
    kinds = _kinds(enrich_text(title="", body=body, language="pt"))
    assert kinds.get("Booking.com") == "organization", kinds


def test_a_network_is_a_body_in_spanish_but_red_is_a_colour_in_english():
    es = "En la sierra la situación es parecida, según la Red de Productores Arhuacos."
    en = "Ships queued at the mouth of the Red Sea on Monday."
    es_kinds = _kinds(enrich_text(title="", body=es, language="es"))
    en_kinds = _kinds(enrich_text(title="", body=en, language="en"))
    assert es_kinds.get("Red de Productores Arhuacos") == "organization", es_kinds
    assert en_kinds.get("Red Sea") != "organization", en_kinds


def test_and_the_or_e_a_before_a_head_word_open_a_second_body():
    en = "The plan was agreed by the Bank of England and the Financial Conduct Authority on Monday."
    pt = "A Câmara do Porto e a Junta de Freguesia de Campanhã reuniram-se ontem."
    en_kinds = _kinds(enrich_text(title="", body=en, language="en"))
    pt_kinds = _kinds(enrich_text(title="", body=pt, language="pt"))
    assert en_kinds.get("Bank of England") == en_kinds.get("Financial Conduct Authority") == "organization", en_kinds
    assert pt_kinds.get("Câmara do Porto") == pt_kinds.get("Junta de Freguesia de Campanhã") == "organization"


def test_a_feast_after_en_is_no_place():
    body = "El ministro dijo que en Semana Santa viajarán millones de personas a Andalucía."
    kinds = _kinds(enrich_text(title="", body=body, language="es"))
    assert "Semana Santa" not in kinds, kinds


def test_councils_hospitals_and_streets_in_lower_case_context():
    # given a Spanish council the model calls a place, an English hospital named before its head noun, and a
    # surname naming an avenue
    es = "El exalcalde Enrique Peñalosa-Londoño criticó al Concejo de Bogotá por el metro."
    en = "Dr. Amelia Okonkwo-Hart, a consultant at St Thomas' Hospital, said the trust had cut beds."
    pt = "Moradores da Rocinha protestaram na avenida Niemeyer."
    # when enriched
    es_kinds = _kinds(enrich_text(title="", body=es, language="es"))
    en_kinds = _kinds(enrich_text(title="", body=en, language="en"))
    pt_kinds = _kinds(enrich_text(title="", body=pt, language="pt"))
    # then the bodies are organisations and the avenue a place
    assert es_kinds.get("Concejo de Bogotá") == "organization", es_kinds
    assert en_kinds.get("St Thomas' Hospital") == "organization", en_kinds
    assert pt_kinds.get("Niemeyer") == "place", pt_kinds


def test_a_portuguese_preposition_opening_a_sentence_is_not_part_of_the_place():
    body = "Os preços subiram. Em Belo Horizonte, a companhia anunciou cortes no Vale do Jequitinhonha."
    kinds = _kinds(enrich_text(title="", body=body, language="pt"))
    assert kinds.get("Belo Horizonte") == "place", kinds
    assert "Em Belo Horizonte" not in kinds


def test_a_name_ends_at_a_dotted_legal_form_and_undotted_forms_make_companies():
    en = "The board will review the tram contract with KeolisAmey Metrolink Ltd. Sainsbury's reported strong sales."
    es = "La CGT convocó a un paro general. La empresa Mercado Libre SRL anunció inversiones en Córdoba."
    en_kinds = _kinds(enrich_text(title="", body=en, language="en"))
    es_kinds = _kinds(enrich_text(title="", body=es, language="es"))
    assert en_kinds.get("KeolisAmey Metrolink Ltd.") == en_kinds.get("Sainsbury's") == "organization", en_kinds
    assert es_kinds.get("Mercado Libre SRL") == es_kinds.get("CGT") == "organization", es_kinds


def test_the_agency_in_brackets_after_a_capitalised_dateline_closed_by_a_stop():
    body = "BUENOS AIRES (Télam). El Banco Central de la República Argentina subió la tasa de interés."
    kinds = _kinds(enrich_text(title="", body=body, language="es"))
    assert kinds.get("Télam") == "organization", kinds


def test_a_saints_title_opens_a_place_name_and_cartels_are_bodies():
    pt = "O presidente disse ao Valor Econômico que a fábrica de São José dos Campos vai contratar 300 pessoas."
    es = "En Monterrey, la empresa abrió una planta. El Cártel de Sinaloa fue señalado por la DEA."
    pt_kinds = _kinds(enrich_text(title="", body=pt, language="pt"))
    es_kinds = _kinds(enrich_text(title="", body=es, language="es"))
    assert pt_kinds.get("São José dos Campos") == "place", pt_kinds
    assert "José dos Campos" not in pt_kinds and "São" not in pt_kinds
    assert es_kinds.get("Cártel de Sinaloa") == "organization", es_kinds


def test_a_capital_after_a_sentence_opening_article_marks_a_body_but_not_a_competition():
    # given clubs after "O", whose article took the sentence's capital, and a league after "La"
    pt = "O Benfica e o FC Porto jogam no domingo. O Flamengo venceu o Palmeiras no Maracanã."
    es = "El Papa pidió paz. La Liga empieza el viernes. El Mundial será en 2030."
    # when enriched
    pt_kinds = _kinds(enrich_text(title="", body=pt, language="pt"))
    es_kinds = _kinds(enrich_text(title="", body=es, language="es"))
    # then the clubs are organisations and the league nothing
    assert pt_kinds.get("Benfica") == pt_kinds.get("Flamengo") == "organization", pt_kinds
    assert "Liga" not in es_kinds and "Mundial" not in es_kinds, es_kinds


def test_touching_person_spans_are_one_name():
    # given a three-word name the model may cut in two, set off by commas after a role
    body = 'Its chairperson, Faith Mwende Njoroge, warned that "the people will suffer most".'
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    # then one person carries the whole name
    assert entities["Faith Mwende Njoroge"].kind == "person"
    assert "Njoroge" not in entities


def test_a_name_apposed_after_a_comma_keeps_its_first_word():
    # given a role, a comma, then a name whose second word is a common first name
    body = 'O presidente do município, Paulino Lucas Chiteve, garantiu que a medida "não é um castigo".'
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="pt"))
    # then the first word is not cut off as an organisation glued in front
    assert entities["Paulino Lucas Chiteve"].kind == "person"
    assert "Paulino" not in entities


def test_a_member_of_a_named_party_is_not_part_of_its_name():
    # given "Name of the Party" in English
    body = "His closest rival, Tunde Olarewaju of the Peoples Democratic Party (PDP), scored 142,870 votes."
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    # then the person and the party are apart
    assert entities["Tunde Olarewaju"].kind == "person"
    assert entities["Peoples Democratic Party"].kind == "organization"


def test_two_bodies_each_with_its_tail_are_not_joined_by_and():
    # given two companies, each ending in its own organisation word, joined by "and"
    body = "The telecoms firm offers overdraft products with NCBA Group and KCB Bank, it said on Monday."
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    # then they stay two organisations
    assert entities["NCBA Group"].kind == "organization"
    assert entities["KCB Bank"].kind == "organization"


def test_bodies_sharing_only_a_scope_adjective_stay_apart():
    # given two unrelated bodies whose only shared word is "Nacional"
    body = (
        "En la Asamblea Nacional, un legislador anunció una acción ante la Corte Constitucional.\n\n"
        "La Policía Nacional, por su parte, informó que 17 personas fueron detenidas."
    )
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="es"))
    # then each is its own organisation
    assert entities["Policía Nacional"].kind == "organization"
    assert "Policía Nacional" not in entities["Asamblea Nacional"].aliases


def test_a_member_with_a_hyphenated_surname_of_a_congress():
    # given "Name of the <...> Congress", the surname hyphenated and the body ending in a head word
    body = "The commission on Sunday declared Oluwaseun Adeyemi-Bakare of the All Progressives Congress the winner."
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    # then the person and the party are apart
    assert entities["Oluwaseun Adeyemi-Bakare"].kind == "person"
    assert entities["All Progressives Congress"].kind == "organization"


def test_a_name_before_a_bodys_possessive_role_is_a_person():
    # given a name set off by a comma and followed by "<Body>'s <adjective> <role>"
    body = (
        '"We urge all parties to remain calm," said Hauwa Lawal Dikko, INEC\'s national commissioner for '
        'information, "and to take their grievances to the courts."'
    )
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    # then the name is a person's
    assert entities["Hauwa Lawal Dikko"].kind == "person"


def test_a_lawmakers_party_after_de_is_a_body():
    # given "el legislador de <Party> <Name>"
    body = "En la Asamblea Nacional, el legislador de Revolución Ciudadana Luis Bajaña Cevallos calificó el decreto."
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="es"))
    # then the party is an organisation and the lawmaker a person
    assert entities["Revolución Ciudadana"].kind == "organization"
    assert entities["Luis Bajaña Cevallos"].kind == "person"


def test_a_name_followed_by_which_is_no_person():
    # given a name the model may take for a person, followed by ", which"
    body = (
        "Observers painted a mixed picture. Yiaga Africa, which deployed 500 monitors, said in its preliminary "
        "statement that vote buying was recorded in 31 per cent of the polling units."
    )
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    # then it is a body
    assert entities["Yiaga Africa"].kind == "organization"


def test_a_closing_agency_credit_names_the_agency():
    # given an article closed by "(Com Lusa)"
    body = "A cólera é endémica em Moçambique, onde as chuvas agravam a propagação da doença.\n\n(Com Lusa)"
    # when enriched
    result = enrich_text(title="", body=body, language="pt")
    entities = _by_name(result)
    # then the agency is an organisation and the credit is no place
    assert entities["Lusa"].kind == "organization"
    assert "Com Lusa" not in entities


def test_a_name_after_a_lower_case_market_or_park_noun_is_a_place():
    # given a name after a lower-case "mercado", which the model may take for a person
    body = "O conselho suspendeu a venda de comida cozinhada no mercado Waresta durante 30 dias."
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="pt"))
    # then it is a place
    assert entities["Waresta"].kind == "place"


def test_a_city_after_the_journalist_in_a_byline_is_where_they_file():
    # given a byline closing with a city, not an outlet
    body = "By Chinedu Okafor, Ado-Ekiti\n\nThe commission declared the result at its office in Ado-Ekiti on Sunday."
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    # then the city is a place and the journalist a person
    assert entities["Ado-Ekiti"].kind == "place"
    assert entities["Chinedu Okafor"].kind == "person"


def test_members_of_parliament_as_initials_are_no_body():
    # given "MPs" as the subject of a report
    body = "In Parliament, the committee chairman, Joseph Kiptoo Langat, said MPs would review the rules in 28 days."
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    # then the initials name no organisation
    assert "MPs" not in entities


def test_an_outlet_in_initials_after_the_byline_comma_stays_an_outlet():
    # given a byline whose outlet's initials also spell a small town's name
    body = "Rovers won 2-1 at Fenwick Park.\n\nBy Laura Beckett, PA\n\nThe club confirmed the result on Friday."
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    # then the outlet is not read as where the journalist files
    assert entities["PA"].kind == "organization"


def test_a_weekday_after_a_role_noun_is_a_first_name():
    # given a spokesperson whose first name is a weekday
    body = (
        "The Nigeria Police Force said 23 people had been arrested. Police spokesperson Sunday Abutu said all "
        "suspects would be charged in court this week."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="en")
    # then the name is a person's and the report is his
    assert _by_name(result)["Sunday Abutu"].kind == "person"


def test_a_capitalised_role_closing_a_body_before_its_holder_is_a_title():
    # given "the <Body> <Role>, <Name>"
    body = "In Abuja, the Senate President, Godswill Akpabio, congratulated the governor-elect."
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    # then the body is named without the role
    assert entities["Senate"].kind == "organization"
    assert "Senate President" not in entities


def test_bodies_sharing_one_common_word_stay_apart_and_laws_are_no_bodies():
    # given a regulator, a newspaper and a law that share "Financial" or "Markets" with each other
    body = (
        "The claim was filed under the Financial Services and Markets Act by a group of pension funds.\n\n"
        "The Competition and Markets Authority (CMA) had blocked the deal in March. The Financial Conduct "
        "Authority (FCA) declined to comment, according to the Financial Times.\n\n"
        "A CMA spokesperson said the decision “speaks for itself”."
    )

    result = enrich_text(title="Investors sue", body=body, language="en")

    names = {e.name: sorted({body[m.start : m.end] for m in e.mentions}) for e in result.entities}
    assert names["Competition and Markets Authority"] == ["CMA", "Competition and Markets Authority"]
    assert names["Financial Conduct Authority"] == ["FCA", "Financial Conduct Authority"]
    assert names["Financial Times"] == ["Financial Times"]
    assert not any("Act" in name for name in names)
    said = next(q for q in result.quotes if q.text == "speaks for itself")
    assert result.entities[said.speaker].name == "Competition and Markets Authority"


def test_a_company_short_name_joins_the_body_the_article_names_most():
    # given a company and a claimants' group that both open with its name
    body = (
        "Shareholders have sued Brackenridge Foods over its failed takeover of a dairy group. "
        "Brackenridge Foods denies the claims.\n\n"
        "The claim was brought by the Brackenridge Investor Group, led by three pension funds.\n\n"
        "Brackenridge said in a statement that it would defend the case. Shares in Brackenridge Foods fell 3%."
    )

    result = enrich_text(title="Food group sued", body=body, language="en")

    foods = next(e for e in result.entities if e.name == "Brackenridge Foods")
    assert "Brackenridge" in {body[m.start : m.end] for m in foods.mentions}
    assert [result.entities[q.speaker].name for q in result.quotes] == ["Brackenridge Foods"]


def test_the_body_a_portfolio_belongs_to_and_a_name_in_brackets_after_its_acronym_are_bodies():
    # given a spokesman's portfolio of a named commission, and acronyms spelled out in brackets after them
    body = (
        "La portavoz de Asuntos Exteriores de la Comisión Europea, Marta Ruiz, explicó que el arancel subirá.\n\n"
        "La misión de la OSCE (Organización para la Seguridad y la Cooperación en Europa) visitó Chisinau."
    )
    english = "According to the PRA (Prudential Regulation Authority), two lenders of the City of London broke rules."

    result = enrich_text(title="Aranceles", body=body, language="es")
    in_english = enrich_text(title="Lenders", body=english, language="en")

    kinds = _kinds(result)
    assert kinds["Comisión Europea"] == "organization"
    assert not any(name.startswith(("Asuntos", "Exteriores")) for name in kinds)
    osce = next(e for e in result.entities if e.name.startswith("Organización"))
    assert {body[m.start : m.end] for m in osce.mentions} == {
        "OSCE",
        "Organización para la Seguridad y la Cooperación en Europa",
    }
    regulator = next(e for e in in_english.entities if e.name == "Prudential Regulation Authority")
    assert {english[m.start : m.end] for m in regulator.mentions} == {"PRA", "Prudential Regulation Authority"}


def test_an_acronym_spelling_neither_name_before_its_brackets_joins_the_body_not_the_state_it_ends_with():
    # given a state company whose name ends with its state, an acronym in brackets, and the state named alone
    body = (
        "A Polícia Federal deflagrou a operação, que investiga fraudes na Companhia Docas do Rio Grande do Sul "
        "(Codesul), estatal vinculada ao Ministério de Portos. Foram cumpridos mandados em Natal.\n\n"
        "O governador do Rio Grande do Sul, Walter Medeiros, disse esperar que a Codesul colabore."
    )

    result = enrich_text(title="Portos", body=body, language="pt")

    forms = {e.name: (e.kind, {body[m.start : m.end] for m in e.mentions}) for e in result.entities}
    assert forms["Companhia Docas do Rio Grande do Sul"] == (
        "organization",
        {"Companhia Docas do Rio Grande do Sul", "Codesul"},
    )
    assert forms["Rio Grande do Sul"] == ("place", {"Rio Grande do Sul"})


def test_a_word_abbreviating_the_name_in_brackets_after_it_is_that_body_but_a_town_and_its_state_are_two():
    # given an agency written as a word with its syllables, spelled out after it, and a town followed by its state
    body = (
        "Já a Antaq (Agência Nacional de Transportes Aquaviários) disse que acompanha o caso no porto de Sinop "
        "(Mato Grosso). A Antaq vai publicar um relatório."
    )

    result = enrich_text(title="Portos", body=body, language="pt")

    forms = {e.name: (e.kind, {body[m.start : m.end] for m in e.mentions}) for e in result.entities}
    assert forms["Agência Nacional de Transportes Aquaviários"] == (
        "organization",
        {"Antaq", "Agência Nacional de Transportes Aquaviários"},
    )
    assert forms["Sinop"] == ("place", {"Sinop"})
    assert forms["Mato Grosso"] == ("place", {"Mato Grosso"})


def test_a_son_named_filho_and_his_father_are_two_people():
    # given a governor whose name ends in "Filho", his short name, and his father named without it
    body = (
        "O governador do Piauí, Walter Medeiros Filho (PSD), disse esperar que a investigação termine logo. "
        "Medeiros Filho lembrou que o pai, o ex-senador Walter Medeiros, presidiu a empresa entre 1995 e 1998."
    )

    result = enrich_text(title="Porto", body=body, language="pt")

    people = {e.name: {body[m.start : m.end] for m in e.mentions} for e in result.entities if e.kind == "person"}
    assert people == {
        "Walter Medeiros Filho": {"Walter Medeiros Filho", "Medeiros Filho"},
        "Walter Medeiros": {"Walter Medeiros"},
    }


def test_an_english_judges_title_is_no_part_of_the_name_and_no_body():
    # given a judge styled "Mr Justice", named again by surname, and a department named with "Justice"
    body = (
        "The case has been assigned to Mr Justice Calloway in the Business and Property Courts, and a hearing is "
        "expected in spring. Calloway is known for speed. A Justice Department spokesman declined to comment."
    )

    result = enrich_text(title="Claim", body=body, language="en")

    kinds = _kinds(result)
    assert kinds["Calloway"] == "person"
    assert kinds["Justice Department"] == "organization"
    assert "Justice Calloway" not in kinds


def test_a_name_extended_over_the_next_piece_of_its_span_leaves_no_second_name_there():
    # given a ministry whose portfolio list the model's span holds whole and the pipeline splits at "e"
    body = (
        "A Polícia Federal deflagrou a operação, estatal vinculada ao Ministério de Portos e Aeroportos. Foram "
        "cumpridos mandados em Natal.\n\nEm Brasília, o ministro de Portos e Aeroportos, Henrique Tavares Bastos, "
        "afirmou que a pasta colabora."
    )

    result = enrich_text(title="Operação", body=body, language="pt")

    assert _kinds(result) == {
        "Polícia Federal": "organization",
        "Ministério de Portos e Aeroportos": "organization",
        "Natal": "place",
        "Brasília": "place",
        "Henrique Tavares Bastos": "person",
    }


def test_the_area_a_director_heads_is_the_office_not_a_place():
    # given directors "de Infraestrutura" and "de Operações", the second with the ex- prefix
    body = (
        "Entre os alvos está o ex-diretor de Infraestrutura da estatal, Rogério Albuquerque de Lacerda, e a "
        "diretora de Operações da empresa."
    )

    result = enrich_text(title="Operação", body=body, language="pt")

    assert _kinds(result) == {"Rogério Albuquerque de Lacerda": "person"}


def test_a_particle_surname_after_a_closing_quote_mark_is_the_person_named_in_full():
    # given a lawyer named in full with "de", then his surname opening the attribution after a quote
    body = (
        "Tom de Villiers, the partner leading the case, said the board had been warned.\n\n"
        "“This is not a case about a deal that went wrong,” De Villiers said."
    )

    result = enrich_text(title="Claim", body=body, language="en")

    people = {e.name: {body[m.start : m.end] for m in e.mentions} for e in result.entities}
    assert people == {"Tom de Villiers": {"Tom de Villiers", "De Villiers"}}
    assert [_speaker_name(result, q) for q in result.quotes if q.kind == "direct"] == ["Tom de Villiers"]


def _speaker_name(result, quote):
    return result.entities[quote.speaker].name if quote.speaker is not None else None


def test_a_surname_after_de_la_stays_in_the_name_even_when_it_is_a_caption_word():
    # given a compound surname whose last word ("Fuente") also opens credit lines ("Fuente: INE")
    body = "El alcalde de Villarreal, Tomás Arribas de la Fuente, anunció que la obra terminará en marzo."
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="es"))
    # then the person keeps the whole surname
    assert entities["Tomás Arribas de la Fuente"].kind == "person"
    assert "Tomás Arribas" not in entities


def test_catalan_given_names_and_surnames_joined_by_i_make_one_person():
    # given Catalan names whose two surnames are joined by "i", after a role noun
    body = "El alcalde Jaume Roig i Mas inauguró el puente. La consellera Carme Vidal i Mas visitó Girona el lunes."
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="es"))
    # then each whole name is one person
    assert entities["Jaume Roig i Mas"].kind == "person"
    assert entities["Carme Vidal i Mas"].kind == "person"
    assert entities["Girona"].kind == "place"


def test_a_members_party_and_name_after_the_role_are_a_body_and_a_person():
    # given a lawmaker's role, the party after "de" and the lawmaker's full name with no comma between
    body = (
        "El diputado de Compromís Vicent Mora i Llopis fue el más duro durante el debate:\n\n"
        "El senador de Compromís Andreu Vidal i Sala criticó la ley."
    )
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="es"))
    # then the party is an organisation and each name a person, not one body glued to a name
    assert entities["Compromís"].kind == "organization"
    assert entities["Vicent Mora i Llopis"].kind == "person"
    assert entities["Andreu Vidal i Sala"].kind == "person"


def test_trading_houses_developers_and_trade_words_closing_a_name_make_companies():
    # given company kinds before names and a Brazilian company name closed by trade words
    pt = "A Receita Federal multou a trading Campoverde Comércio e Exportação, acusada de sonegar impostos."
    es = "En cambio, la promotora Levante Residencial, que gestiona 800 pisos, celebró la ley."
    # when enriched
    pt_entities = _by_name(enrich_text(title="", body=pt, language="pt"))
    es_entities = _by_name(enrich_text(title="", body=es, language="es"))
    # then each is one organisation and no trade word is a person
    assert pt_entities["Campoverde Comércio e Exportação"].kind == "organization"
    assert "Exportação" not in pt_entities
    assert es_entities["Levante Residencial"].kind == "organization"


def test_a_name_whose_headquarters_are_given_is_an_organisation():
    # given one-word company names followed by "com sede em" / "con sede en" / "headquartered in"
    pt = "A Sulgrão, com sede em Londrina, demitiu 40 funcionários."
    es = "Fundada en 1998, Torvalia, con sede en Albacete, despidió a 40 trabajadores."
    en = "Marrowfield, headquartered in Leeds, cut 40 jobs."
    # when enriched
    found = [_by_name(enrich_text(title="", body=b, language=lang)) for b, lang in ((pt, "pt"), (es, "es"), (en, "en"))]
    # then each company is an organisation and its seat a place
    assert [f[name].kind for f, name in zip(found, ("Sulgrão", "Torvalia", "Marrowfield"), strict=True)] == [
        "organization"
    ] * 3
    assert found[0]["Londrina"].kind == "place"


def test_names_in_a_linked_headline_count_but_its_opening_capital_does_not():
    # given a "Lea también" line whose headline names a body and a city, and opens with a common noun
    body = (
        "La Diputación de Teruel aprobó ayer el presupuesto.\n\n"
        "Lea también: Sequía histórica en Alcañiz obliga a la Confederación Hidrográfica del Ebro a cortar el riego"
    )
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="es"))
    # then the city and the body are entities of the article, the headline's first word is not
    assert entities["Alcañiz"].kind == "place"
    assert entities["Confederación Hidrográfica del Ebro"].kind == "organization"
    assert "Sequía" not in entities


def test_the_agency_after_the_slash_of_a_caption_credit_is_an_organisation():
    # given a caption closed by a photographer's credit and an agency known only by its initials
    body = "Crowds gathered on the pier on Friday.\n\nCrowds on the pier at dawn. Photograph: Ellen Marsh/PA"
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    # then the photographer is a person and the agency an organisation, not a place
    assert entities["Ellen Marsh"].kind == "person"
    assert entities["PA"].kind == "organization"


def test_a_handout_credit_names_the_agency_but_no_photographer():
    # given a caption credited to a handout from a body
    body = "A ponte foi reaberta na sexta-feira.\n\nA ponte sobre o rio Tapajós. Foto: Divulgação/Dnit"
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="pt"))
    # then the handout word is no person
    assert "Divulgação" not in entities


def test_a_place_cut_short_before_its_de_or_with_a_stop_is_the_same_place():
    # given a town named in full and then by its words before "de", and a state abbreviated with a stop
    body = (
        "MORELIA, Mich.- El Congreso de Michoacán aprobó la reforma.\n\n"
        "La alcaldesa de Tepatitlán de Morelos, Irene Salcedo Ruiz, celebró la decisión y dijo que en Michoacán "
        "nadie esperaba el voto. «En Tepatitlán llevamos diez años pidiéndolo», añadió."
    )
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="es"))
    # then each short form is an alias of the place it shortens
    assert "Tepatitlán" in entities["Tepatitlán de Morelos"].aliases
    assert "Mich" in entities["Michoacán"].aliases
    assert "Tepatitlán" not in entities and "Mich" not in entities


def test_a_city_after_in_is_not_the_first_half_of_the_next_body_after_and():
    # given two hospitals, each followed by its town, joined by "and"
    body = (
        "The trust runs Kingsmead General Hospital in Leicester and Rushcliffe Community Hospital in Loughborough, "
        "and both declared a critical incident on Monday."
    )
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="en"))
    # then the first town is a place and the second hospital keeps its own name
    assert entities["Leicester"].kind == "place"
    assert entities["Rushcliffe Community Hospital"].kind == "organization"
    assert "Leicester and Rushcliffe Community Hospital" not in entities


def test_god_is_no_entity():
    # given speech that names God
    body = "—Solo nos queda confiar en Dios —dijo la vecina Rosario Quintana Ibarra a los periodistas en Tepic."
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="es"))
    # then God is neither a place, a person nor a body
    assert "Dios" not in entities
    assert entities["Tepic"].kind == "place"


def test_the_capitalised_field_of_a_specialised_office_is_no_place():
    # given a prosecutor's office named with its field after "especializada en", and a judge sitting in a city
    body = (
        "En la audiencia, la fiscal especializada en Delitos Ambientales, Lorena Castañeda Vidal, sostuvo que hubo "
        "vertidos. El juez especial en Madrid archivó otra causa."
    )
    # when enriched
    entities = _by_name(enrich_text(title="", body=body, language="es"))
    # then the field is not an entity, the city still is
    assert "Delitos Ambientales" not in entities
    assert entities["Madrid"].kind == "place"
    assert entities["Lorena Castañeda Vidal"].kind == "person"


def test_artificial_intelligence_by_its_initials_is_no_entity_in_a_linked_headline():
    # given a "Read more" headline with "AI" and a body naming a company
    body = "Halvorsen Systems shares fell 2% in New York trading.\n\nRead more: Why the AI boom is slowing down"

    result = enrich_text(title="Shares", body=body, language="en")

    assert "AI" not in _kinds(result)
    assert _kinds(result)["Halvorsen Systems"] == "organization"


def test_a_company_glued_before_its_former_director_leaves_him_his_name():
    # given the model's forms for "... da Codecer. ... ex-gerente de Obras da Codecer Mauro Teixeira de Vasconcelos,":
    # the acronym on its own, typed a place with one vote as a body, and the glued span typed a place
    text = "Agentes foram à Codecer. O ex-gerente de Obras da Codecer Mauro Teixeira de Vasconcelos saiu em maio."
    alone = _Form("codecer", texts=Counter({"Codecer": 2}), votes=Counter({"place": 6.0, "organization": 3.0}))
    alone.spans = [(16, 23, "Codecer")]
    glued_text = "Codecer Mauro Teixeira de Vasconcelos"
    start = text.index(glued_text)
    glued = _Form(normalize_name(glued_text), texts=Counter({glued_text: 1}), votes=Counter({"place": 3.0}))
    glued.spans = [(start, start + len(glued_text), glued_text)]
    forms = {alone.key: alone, glued.key: glued}
    # when leading organisations are split off
    _split_leading_organisations(forms, text)
    # then the director keeps his own name, as a person, and the company its mention
    assert forms["mauro teixeira de vasconcelos"].kind == "person"
    assert glued.key not in forms
    assert (start, start + 7, "Codecer") in forms["codecer"].spans


def test_in_a_match_report_the_opponent_of_a_result_or_a_fixture_is_a_club():
    # given a match report naming clubs after their cities, once by the last word of the name alone
    body = (
        "Atlético Tucumán se impuso 2-1 a Córdoba Central en el estadio Monumental y sigue primero en el torneo.\n\n"
        "El delantero Julián Ferreyra marcó dos goles en el primer tiempo, y los hinchas celebraron hasta la noche.\n\n"
        "El próximo domingo el Decano visita a Talleres en Córdoba, mientras que Central recibe a Banfield."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="es")
    entities = {e.name: e for e in result.entities}
    # then the clubs are bodies, "Central" is the club beaten, and the city stays a place
    assert entities["Córdoba Central"].kind == "organization"
    assert "Central" in entities["Córdoba Central"].aliases
    assert entities["Talleres"].kind == "organization"
    assert entities["Córdoba"].kind == "place"


def test_embassies_coast_guards_and_broadcasters_are_bodies():
    # given an embassy, a coast guard named after its country and a radio station the model calls a person
    body = (
        "La Prefectura Naval Argentina detuvo a un pesquero frente a Chubut. La Embajada de Estados Unidos difundió "
        "un comunicado de apoyo.\n\n"
        "En declaraciones a Radio Mitre, el ministro dijo que la Prefectura actuó conforme a la ley."
    )
    # when enriched
    entities = {e.name: e for e in enrich_text(title="", body=body, language="es").entities}
    # then each is an organisation, and the coast guard's short name is its alias
    assert entities["Prefectura Naval Argentina"].kind == "organization"
    assert entities["Prefectura Naval Argentina"].aliases == ["Prefectura"]
    assert entities["Embajada de Estados Unidos"].kind == "organization"
    assert entities["Radio Mitre"].kind == "organization"


def test_a_capital_opening_a_sentence_for_its_government_is_kept():
    # given capitals seen only at the head of a sentence, standing for their governments
    body = (
        "El Gobierno de Chile pidió explicaciones a Bolivia por el cierre de la frontera.\n\n"
        "Washington, en cambio, guardó silencio. Brasilia, por su parte, evitó pronunciarse sobre el conflicto."
    )
    # when enriched
    entities = {e.name: e.kind for e in enrich_text(title="", body=body, language="es").entities}
    # then they are kept, as places, not dropped as capitalised common words
    assert entities["Washington"] == "place"
    assert entities["Brasilia"] == "place"


def test_a_councillors_title_is_not_part_of_her_name():
    body = "Its leader, Cllr Priya Lambeth, said the council would appeal.\n\nLambeth added that the ruling was unfair."
    entities = {e.name: e for e in enrich_text(title="", body=body, language="en").entities}
    assert entities["Priya Lambeth"].kind == "person"
    assert entities["Priya Lambeth"].aliases == ["Lambeth"]


def test_a_union_listing_its_trades_is_one_body_known_by_the_lists_initials():
    # given a union whose name lists trades with a comma, later named by the initials of the list
    body = (
        "The National Union of Mine, Dock and Transport Workers confirmed that it was balloting 900 members at the "
        "port.\n\nThe MDT said the vote closes in June."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="en")
    entities = {e.name: e for e in result.entities}
    # then one body carries both names and speaks the report
    union = "National Union of Mine, Dock and Transport Workers"
    assert entities[union].kind == "organization"
    assert entities[union].aliases == ["MDT"]
    speakers = {result.entities[q.speaker].name for q in result.quotes if q.speaker is not None}
    assert speakers == {union}


def test_an_acronym_with_accents_in_brackets_joins_its_body_and_a_courtesy_credit_names_the_giver():
    # given a body with an accented acronym in brackets, named by it later, and a photo credit "Cortesía X"
    body = (
        "La Corporación Regional del Valle del Atrato (Codatró) otorgó el permiso en 2023.\n\n"
        "Codatró informó que revisará otras licencias.\n\n"
        "Foto: Cortesía Asoriberas"
    )
    # when enriched
    entities = {e.name: e for e in enrich_text(title="", body=body, language="es").entities}
    # then the acronym is the body's alias, and the credit names the giver without "Cortesía"
    assert entities["Corporación Regional del Valle del Atrato"].aliases == ["Codatró"]
    assert "Codatró" not in entities
    assert entities["Asoriberas"].kind == "organization"
    assert not any("Cortesía" in name for name in entities)


def test_a_mission_abroad_is_named_with_the_city_it_sits_in():
    body = (
        "El Gobierno convocó a la encargada de negocios de la Embajada de China en Buenos Aires para transmitirle "
        "su rechazo.\n\nEl Consulado de Chile en Mendoza atendió a los afectados."
    )
    entities = {e.name: e.kind for e in enrich_text(title="", body=body, language="es").entities}
    assert entities["Embajada de China en Buenos Aires"] == "organization"
    assert entities["Consulado de Chile en Mendoza"] == "organization"
    assert "Embajada de China" not in entities


def test_neighbourhoods_and_towns_named_by_a_place_word_are_places():
    # given Brazilian neighbourhoods opening with "Jardim"/"Vila" and English towns closing with "Bridge"
    pt = "Os bairros mais afetados são o Jardim Lucinda e a Vila Esperança, onde a incidência dobrou."
    en = "On several Sundays, passengers in Kelbrook Bridge and Wenning Bridge were left without a single train."
    places = {
        e.name
        for text, lang in ((pt, "pt"), (en, "en"))
        for e in enrich_text(title="", body=text, language=lang).entities
        if e.kind == "place"
    }
    # when enriched, then each is a place
    assert {"Jardim Lucinda", "Vila Esperança", "Kelbrook Bridge", "Wenning Bridge"} <= places


def test_initials_alone_that_the_model_calls_a_person_are_a_body():
    body = (
        "El alcalde presentó el proyecto ayer en el pleno.\n\n"
        "Desde el PSOE, el portavoz municipal, Héctor Abad Ruiz, ha criticado el plan."
    )
    entities = {e.name: e.kind for e in enrich_text(title="", body=body, language="es").entities}
    assert entities == {"PSOE": "organization", "Héctor Abad Ruiz": "person"}


def test_a_legal_form_after_a_comma_ends_a_company_name_and_is_no_entity_of_its_own():
    # given companies written with a comma before their legal form, one of them a firm named after its partner
    body = (
        "La cooperativa demandó a Conservas del Nalón, S.A. y a Harinera Montaña, S.L. por el precio del trigo.\n\n"
        "Conservas del Nalón negó los hechos. La abogada Paula Arriaga Roldán, socia de Arriaga Letrados, S.L.P., "
        "explicó que el juicio empezará en marzo."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="es")
    entities = {e.name: e for e in result.entities}
    # then each company is one organisation with and without its form, and no form stands alone
    assert entities["Conservas del Nalón, S.A."].kind == "organization"
    assert "Conservas del Nalón" in entities["Conservas del Nalón, S.A."].aliases
    assert entities["Harinera Montaña, S.L."].kind == "organization"
    assert entities["Arriaga Letrados, S.L.P."].kind == "organization"
    assert not {"S.A.", "S.L.", "S.L.P."} & set(entities)
    # and the lawyer, not her firm, explains
    speakers = [result.entities[q.speaker].name for q in result.quotes if q.text.startswith("el juicio")]
    assert speakers == ["Paula Arriaga Roldán"]


def test_a_spanish_court_named_by_jurisdiction_number_and_seat_is_one_organisation():
    # given courts named with "de lo", a number and their seat
    body = (
        "El Juzgado de lo Social número 4 de Ourense dio la razón a las limpiadoras del hospital.\n\n"
        "La empresa recurrirá ante el Juzgado de Instrucción nº 2 de Lugo, según su gerente."
    )
    # when enriched
    entities = {e.name: e.kind for e in enrich_text(title="", body=body, language="es").entities}
    # then each court is one organisation and none of its words stands alone
    assert entities["Juzgado de lo Social número 4 de Ourense"] == "organization"
    assert entities["Juzgado de Instrucción nº 2 de Lugo"] == "organization"
    assert not {"Juzgado", "Social", "Ourense", "Lugo"} & set(entities)


def test_a_long_contracted_short_name_in_brackets_joins_the_name_before_it():
    # given a company named in full, then by a contraction longer than an acronym, in brackets and alone
    body = (
        "La Compañía Hidrológica del Litoral Andino (Hidrolitoral) cortó el suministro en tres barrios de Tumaco.\n\n"
        "Los técnicos de Hidrolitoral revisan la tubería desde el domingo."
    )
    # when enriched
    entities = {e.name: e for e in enrich_text(title="", body=body, language="es").entities}
    # then the contraction is the company's short name, not a place
    company = entities["Compañía Hidrológica del Litoral Andino"]
    assert company.kind == "organization"
    assert "Hidrolitoral" in company.aliases
    assert "Hidrolitoral" not in entities


def test_two_bodies_sharing_only_their_trade_word_stay_apart():
    # given a state agency and a water company whose names share only a trade word
    body = (
        "The Nevada Water Authority issued a boil notice for Reno on Tuesday.\n\n"
        "Silver Ridge Water, which serves three suburbs, said its own wells were not affected."
    )
    # when enriched
    entities = {e.name: e for e in enrich_text(title="", body=body, language="en").entities}
    # then both are organisations of their own
    assert entities["Nevada Water Authority"].kind == "organization"
    assert entities["Silver Ridge Water"].kind == "organization"
    assert "Silver Ridge Water" not in entities["Nevada Water Authority"].aliases


def test_an_agencys_acronym_may_leave_out_the_place_it_serves():
    # given a state agency named in full after its state, then by an acronym without the state's letter
    body = (
        "The Nevada Department of Public Safety closed two highways near Ely on Friday.\n\n"
        "A DPS trooper said the roads would reopen once the snow was cleared."
    )
    # when enriched
    entities = {e.name: e for e in enrich_text(title="", body=body, language="en").entities}
    # then the acronym is the agency's short form
    assert "DPS" in entities["Nevada Department of Public Safety"].aliases
    assert "DPS" not in entities


def test_a_legislators_party_and_home_tag_names_a_place():
    # given state legislators tagged with party and home town
    body = (
        "State Sen. Margaret Oyelaran, D-Pocatello, said the fee would hurt rural clinics. "
        "Rep. Dale Whitmore (R-Twin Falls) voted against it."
    )
    # when enriched
    entities = {e.name: e.kind for e in enrich_text(title="", body=body, language="en").entities}
    # then the towns are places and the people stay people
    assert entities["Pocatello"] == "place"
    assert entities["Twin Falls"] == "place"
    assert entities["Margaret Oyelaran"] == "person"


def test_a_club_named_with_a_first_name_is_a_club_and_stadiums_are_places():
    # given a club whose name opens with a first name, a stadium named after a king, and a TV channel sharing "Sport"
    body = (
        "O Sporting Clube de Braga venceu hoje o Vitória Sport Clube por 2-1, no Estádio Municipal de Braga.\n\n"
        "Na época passada, no Estádio D. Afonso Henriques, em Guimarães, o Vitória empatou.\n\n"
        "«Foi um jogo duro», disse o avançado à Sport TV."
    )
    # when enriched
    entities = {e.name: e for e in enrich_text(title="", body=body, language="pt").entities}
    # then the club is a body with its short name, the stadiums are places, and the channel stays apart
    assert entities["Vitória Sport Clube"].kind == "organization"
    assert "Vitória" in entities["Vitória Sport Clube"].aliases
    assert entities["Estádio D. Afonso Henriques"].kind == "place"
    assert entities["Estádio Municipal de Braga"].kind == "place"
    assert entities["Sport TV"].kind == "organization"


def test_towns_joined_by_and_after_in_stay_places_whatever_the_model_made_of_one():
    body = (
        "Crews will hand out bottled water at six sites in Salem, Keizer and Turner by Wednesday.\n\n"
        "Officials will also test dialysis patients in Keizer and Woodburn."
    )
    entities = {e.name: e.kind for e in enrich_text(title="", body=body, language="en").entities}
    assert entities["Keizer"] == "place"


def test_common_latin_american_first_names_let_a_body_glued_before_a_name_be_cut_off():
    body = (
        "El juez ordenó la detención del exgerente general del Gobierno Regional de Tumbes Hernán Quispe Rojas.\n\n"
        "Quispe Rojas negó los cargos."
    )
    entities = {e.name: e.kind for e in enrich_text(title="", body=body, language="es").entities}
    assert entities["Hernán Quispe Rojas"] == "person"
    assert entities["Gobierno Regional de Tumbes"] == "organization"


def test_a_short_name_before_its_bracketed_union_listing_trades_is_one_body():
    # given a union's short name, then its full name in brackets listing trades and its country
    body = (
        "A Fetaco (Federação dos Sindicatos dos Trabalhadores da Cerâmica, Vidro, Cortiça e Papel de Portugal) "
        "marcou uma greve para sexta-feira.\n\nA Fetaco exige aumentos de 5%."
    )
    # when enriched
    entities = {e.name: e for e in enrich_text(title="", body=body, language="pt").entities}
    # then the whole listing is the body's name and the short name its alias
    name = "Federação dos Sindicatos dos Trabalhadores da Cerâmica, Vidro, Cortiça e Papel de Portugal"
    assert entities[name].kind == "organization"
    assert entities[name].aliases == ["Fetaco"]


def test_a_place_adjective_before_its_noun_and_a_supplied_photo_are_no_names():
    body = (
        "The Victorian government has approved the project near Morwell.\n\n"
        "Its Victorian district secretary, Liam Porter, welcomed the decision.\n\nPhoto: Supplied"
    )
    entities = {e.name: e.kind for e in enrich_text(title="", body=body, language="en").entities}
    assert "Victorian" not in entities
    assert "Supplied" not in entities
    assert entities["Liam Porter"] == "person"


def test_police_units_numbered_courts_and_an_agency_before_its_photographer():
    # given a police unit, a court opening with its number, and a credit naming the agency before the photographer
    body = (
        "El Tercer Juzgado de Investigación Preparatoria de Tumbes dictó prisión preventiva contra el acusado.\n\n"
        "El operativo fue dirigido por la División de Investigación de Delitos de Alta Complejidad (Diviac).\n\n"
        "Agentes de la Diviac durante el allanamiento. Foto: Andina/Luis Ruiz Paredes"
    )
    # when enriched
    entities = {e.name: e for e in enrich_text(title="", body=body, language="es").entities}
    # then each body is whole, the unit keeps its acronym, and the photographer is a person
    assert entities["Tercer Juzgado de Investigación Preparatoria de Tumbes"].kind == "organization"
    unit = entities["División de Investigación de Delitos de Alta Complejidad"]
    assert (unit.kind, unit.aliases) == ("organization", ["Diviac"])
    assert entities["Luis Ruiz Paredes"].kind == "person"
    assert entities["Andina"].kind == "organization"


def test_workers_opening_a_caption_are_no_name_and_a_mill_named_by_its_trade_is_a_body():
    body = (
        "O sindicato pediu garantias à Fiação do Lima, em Barcelos.\n\nA Fiação do Lima emprega 900 pessoas.\n\n"
        "Trabalhadoras de uma fiação à porta da fábrica.\n\n"
        "Moradores da Vila Ribeira à porta da escola de Barcelos. Foto: Hugo Pinto/Lusa"
    )
    entities = {e.name: e.kind for e in enrich_text(title="", body=body, language="pt").entities}
    assert entities["Fiação do Lima"] == "organization"
    assert not any(name.startswith("Moradores") for name in entities)


def test_an_english_title_before_the_name_keeps_its_portfolio_and_qualifiers():
    body = (
        "Energy Minister Rhian Cole announced the decision on Tuesday.\n\n"
        "On Wednesday Shadow Energy Minister Daniel Kerr said it was rushed."
    )
    roles = {e.name: e.role for e in enrich_text(title="", body=body, language="en").entities if e.kind == "person"}
    assert roles == {"Rhian Cole": "Energy Minister", "Daniel Kerr": "Shadow Energy Minister"}


def test_a_place_sharing_a_persons_surname_stays_a_place_where_the_text_frames_it_as_one():
    # given a deputy whose surname is a district's name, and the district named in a place's frame
    body = (
        "A deputada Inês Viseu Cardoso questionou o ministro sobre as garantias.\n\n"
        "A empresa é a maior têxtil do distrito de Viseu e emprega 1.300 pessoas."
    )
    # when enriched
    entities = {e.name: e for e in enrich_text(title="", body=body, language="pt").entities}
    # then the district is a place of its own, not a short form of her name
    assert entities["Viseu"].kind == "place"
    assert "Viseu" not in entities["Inês Viseu Cardoso"].aliases
