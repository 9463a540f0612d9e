from articles.enrichment import enrich_text


def _speaker(result, quote):
    return result.entities[quote.speaker].name if quote.speaker is not None else None


def test_direct_quote_attributed_through_a_role_noun():
    # given a person introduced by name, then a quote attributed to "la alcaldesa"
    body = (
        "La alcaldesa de Robledal, Marina Echeverri, inauguró el puente este lunes.\n\n"
        "«Es una obra que esperábamos desde hace veinte años», afirmó la alcaldesa."
    )
    # when enriched
    result = enrich_text(title="Puente", body=body, language="es")
    # then the quote is direct and hers, and its offsets index the clean text
    [quote] = [q for q in result.quotes if q.kind != "indirect"]
    assert quote.kind == "direct"
    assert quote.text == "Es una obra que esperábamos desde hace veinte años"
    assert result.clean_text[quote.start : quote.end] == quote.text
    assert _speaker(result, quote) == "Marina Echeverri"


def test_pronoun_and_continuation_in_english():
    body = (
        'Chief executive Dana Whitcombe met investors on Friday.\n\n"We are not selling," she said. "We are building."'
    )
    result = enrich_text(title="", body=body, language="en")
    quoted = [q for q in result.quotes if q.kind != "indirect"]
    assert [q.text for q in quoted] == ["We are not selling,", "We are building."]
    assert {_speaker(result, q) for q in quoted} == {"Dana Whitcombe"}


def test_segun_frame_gives_an_indirect_quote_of_the_organisation():
    body = "Según el Instituto Nacional de Meteorología, las lluvias continuarán hasta el domingo."
    result = enrich_text(title="", body=body, language="es")
    [quote] = result.quotes
    assert quote.kind == "indirect"
    assert quote.text == "las lluvias continuarán hasta el domingo"
    assert _speaker(result, quote) == "Instituto Nacional de Meteorología"


def test_reported_clause_after_que_is_indirect():
    body = "El entrenador Julio Arrabal aseguró que el equipo llegará en buena forma a la final."
    result = enrich_text(title="", body=body, language="es")
    [quote] = result.quotes
    assert quote.kind == "indirect"
    assert quote.text == "el equipo llegará en buena forma a la final"
    assert _speaker(result, quote) == "Julio Arrabal"


def test_titles_and_slogans_are_not_quotes_but_partials_are():
    body = (
        "La escritora Irene Sotomayor presentó su libro «La casa del faro» en Toledo. "
        "Sotomayor calificó la novela de «un ajuste de cuentas con mi infancia»."
    )
    result = enrich_text(title="", body=body, language="es")
    quoted = [q for q in result.quotes if q.kind != "indirect"]
    assert [q.text for q in quoted] == ["un ajuste de cuentas con mi infancia"]
    assert quoted[0].kind == "partial"
    assert _speaker(result, quoted[0]) == "Irene Sotomayor"


def test_quote_reopened_in_the_next_paragraph_is_one_quote():
    body = "“Primera parte del discurso.\n\n“Segunda parte”, dijo el portavoz Ernesto Valdivia."
    result = enrich_text(title="", body=body, language="es")
    quoted = [q for q in result.quotes if q.kind != "indirect"]
    assert len(quoted) == 1
    assert quoted[0].text == "Primera parte del discurso.\n\n“Segunda parte"


def test_unnamed_sources_get_no_speaker():
    body = "«No habrá recortes», dijeron fuentes del ministerio."
    result = enrich_text(title="", body=body, language="es")
    [quote] = result.quotes
    assert quote.speaker is None


def test_portuguese_quotes_without_a_model():
    body = 'O ministro Paulo Mendes disse: "Vamos investir mais."'
    result = enrich_text(title="", body=body, language="pt")
    [quote] = result.quotes
    assert quote.text == "Vamos investir mais."
    assert _speaker(result, quote) == "Paulo Mendes"


def test_a_paragraph_ending_in_a_colon_introduces_the_next_quote_or_dash_line():
    body = (
        "La ministra de Sanidad, Irene Calvar, visitó el hospital. El alcalde de Brezales, Tomás Ibarrola Sanz, "
        "lo explicó así:\n\n"
        "—Esperamos esta obra desde hace años —dijo—. Ahora llega.\n\n"
        "Calvar comió con los médicos y después habló de las listas de espera:\n\n"
        "“Vamos a contratar a cuarenta enfermeras antes del verano.”"
    )
    result = enrich_text(title="", body=body, language="es")
    quoted = {q.text: _speaker(result, q) for q in result.quotes if q.kind != "indirect"}
    assert quoted["Esperamos esta obra desde hace años"] == "Tomás Ibarrola Sanz"
    assert quoted["Vamos a contratar a cuarenta enfermeras antes del verano."] == "Irene Calvar"


def test_a_thing_subject_of_an_inner_verb_does_not_hide_the_speaker():
    body = 'El director de la fábrica, Pablo Urquiza, explicó que el cierre responde a "la caída de los pedidos".'
    result = enrich_text(title="", body=body, language="es")
    [quote] = [q for q in result.quotes if q.kind == "partial"]
    assert _speaker(result, quote) == "Pablo Urquiza"


def test_the_organisation_noun_speaks_for_the_body_in_focus():
    body = (
        "La Comisión del Agua multó a Brivalia Energía. El Grupo Brivalia recurrirá.\n\n"
        "Brivalia, por su parte, ha anunciado que apelará. «No hemos hecho nada ilegal», ha señalado la compañía."
    )
    result = enrich_text(title="", body=body, language="es")
    [quote] = [q for q in result.quotes if q.kind == "direct"]
    assert _speaker(result, quote) in {"Brivalia Energía", "Grupo Brivalia"}


def test_frames_naming_their_source_by_pronoun_or_kind_follow_the_text():
    # given a scientist and a port authority, later cited as "ella" and "el organismo"
    body = (
        "La bióloga Carolina Ibarzábal estudia el estuario. Según ella, los sedimentos viajan varios kilómetros "
        "hacia el sur.\n\n"
        "La Administración General de Puertos defiende la obra. De acuerdo con el organismo, los buques llegarán "
        "al puerto sin esperar la pleamar."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="es")
    # then each frame's clause is an indirect quote of the one the text was following
    indirect = {q.text: _speaker(result, q) for q in result.quotes if q.kind == "indirect"}
    assert indirect["los sedimentos viajan varios kilómetros hacia el sur"] == "Carolina Ibarzábal"
    assert indirect["los buques llegarán al puerto sin esperar la pleamar"] == "Administración General de Puertos"


def test_reported_clause_before_a_coordinated_quoted_one_stands_on_its_own():
    # given "que A y que «B»" and a complementiser after a prepositional phrase
    body = (
        "La consejera delegada, Marta Eiroa, sostuvo que el deterioro no afecta al dividendo y que la sanción "
        "«no tiene fundamento». Eiroa defendió ante los analistas que la empresa cumplirá su plan de inversiones."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="es")
    # then the first clause is indirect, the quoted one partial, and "defendió ... que" reports speech
    kinds = {q.text: (q.kind, _speaker(result, q)) for q in result.quotes}
    assert kinds["el deterioro no afecta al dividendo"] == ("indirect", "Marta Eiroa")
    assert kinds["no tiene fundamento"] == ("partial", "Marta Eiroa")
    assert kinds["la empresa cumplirá su plan de inversiones"] == ("indirect", "Marta Eiroa")


def test_what_signs_and_shirts_read_is_a_slogan_not_a_quote():
    # given slogans a few words after plural sign and shirt nouns, and a speaker's quote after a comma
    es = (
        "En Lima, cientos de maestros marcharon con carteles que pedían «Salario digno ya». "
        "Vestido con una camiseta del club, el dirigente Hugo Ramírez dijo: «Estamos cansados»."
    )
    pt = (
        'Os estivadores exibiam faixas com os dizeres "Porto parado, país parado". '
        'O dirigente Rui Matos disse: "Vamos continuar".'
    )
    # when enriched
    es_quotes = [q.text for q in enrich_text(title="", body=es, language="es").quotes]
    pt_quotes = [q.text for q in enrich_text(title="", body=pt, language="pt").quotes]
    # then only the speech is a quote
    assert es_quotes == ["Estamos cansados"]
    assert pt_quotes == ["Vamos continuar"]


def test_slogan_on_a_sign_introduced_by_a_colon_is_not_a_quote():
    body = "En el muelle, alguien colgó una bandera con una consigna: «El río no se vende». Nadie la quitó."
    result = enrich_text(title="", body=body, language="es")
    assert not [q for q in result.quotes if q.kind != "indirect"]


def test_feminine_role_noun_after_a_man_spoke_returns_to_the_woman_in_the_story():
    # given a woman executive, then the regulator (a man) replying, then "La ejecutiva" and a null subject
    body = (
        "Su consejera delegada, Marta Eiroa, defendió la gestión de la compañía.\n\n"
        "Horas después, el presidente del regulador, Andrés Villalobos, replicó que los plazos «son un máximo».\n\n"
        "La ejecutiva no se quedó callada. Durante una conferencia, aseguró que estudiará «todas las vías»."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="es")
    # then the last partial is hers, not the last man's
    speakers = {q.text: _speaker(result, q) for q in result.quotes}
    assert speakers["son un máximo"] == "Andrés Villalobos"
    assert speakers["todas las vías"] == "Marta Eiroa"


def test_a_body_named_by_its_kind_is_the_one_whose_name_carries_that_word():
    # given the central bank's statement before a more often named oil company appears
    body = (
        "MEXICO CITY (AP) — The Bank of Mexico left its rate unchanged on Thursday.\n\n"
        '"The balance of risks remains tilted upward," the bank said in its statement.\n\n'
        "Pemex struggles with its debts. Pemex will receive more support next year."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="en")
    # then "the bank" is the Bank of Mexico
    [quote] = [q for q in result.quotes if q.kind != "indirect"]
    assert _speaker(result, quote) == "Bank of Mexico"


def test_the_ceo_is_the_chief_executive_even_after_another_woman_spoke():
    # given a chief executive named with her capitalised title, then an analyst, then "The CEO"
    body = (
        '"Demand held up better than we feared," Chief Executive Laura Fenwick-Hale told analysts.\n\n'
        'Analyst Maria Costa of Jefferies said the outlook was "cautious at best."\n\n'
        'The CEO replied that the company had "no plans" to cut its dividend.'
    )
    # when enriched
    result = enrich_text(title="", body=body, language="en")
    # then the first and the last quotes are the chief executive's
    speakers = {q.text: _speaker(result, q) for q in result.quotes}
    assert speakers["Demand held up better than we feared,"] == "Laura Fenwick-Hale"
    assert speakers["cautious at best."] == "Maria Costa"
    assert speakers["no plans"] == "Laura Fenwick-Hale"


def test_a_role_noun_keeps_naming_whom_it_named_first():
    body = (
        "A coordenadora do estudo, Helena Gouveia Prates, explicou que o teste é barato. "
        '"Custa menos do que um café", afirmou a investigadora.\n\n'
        'Para Marta Ribeiro, mãe de gémeos, "a espera foi longa".\n\n'
        'Questionada sobre o prazo, a investigadora respondeu que o teste chega "dentro de dois anos".'
    )
    result = enrich_text(title="", body=body, language="pt")
    speakers = {q.text: _speaker(result, q) for q in result.quotes}
    assert speakers["Custa menos do que um café"] == "Helena Gouveia Prates"
    assert speakers["dentro de dois anos"] == "Helena Gouveia Prates"


def test_a_frame_naming_its_source_by_kind_after_a_verb_is_the_body_the_clause_is_about():
    body = (
        "La Guardia Civil cortó la carretera.\n\n"
        "Endesa suspendió el suministro en tres barrios como medida preventiva, según informó la compañía."
    )
    result = enrich_text(title="", body=body, language="es")
    [quote] = [q for q in result.quotes if q.kind == "indirect"]
    assert quote.text == "Endesa suspendió el suministro en tres barrios como medida preventiva"
    assert _speaker(result, quote) == "Endesa"


def test_whoever_asked_in_an_opening_participle_is_not_the_speaker():
    es = (
        "El consejero delegado, Iñaki Arregi Zubia, presentó las cuentas.\n\n"
        'Preguntado por la caída de la acción en la Bolsa de Madrid, respondió: "El mercado tiene prisa".'
    )
    pt = (
        "O presidente da associação, Nuno Carvalho Pires, esteve na reunião.\n\n"
        'Contactada pela Lusa, a Federação Nacional dos Transportadores considerou a medida "inevitável".'
    )
    es_result = enrich_text(title="", body=es, language="es")
    pt_result = enrich_text(title="", body=pt, language="pt")
    [es_quote] = [q for q in es_result.quotes if q.kind != "indirect"]
    [pt_quote] = [q for q in pt_result.quotes if q.kind != "indirect"]
    assert _speaker(es_result, es_quote) == "Iñaki Arregi Zubia"
    assert _speaker(pt_result, pt_quote) == "Federação Nacional dos Transportadores"


def test_a_body_noun_after_a_frame_is_the_source_the_frame_cites():
    body = (
        "La Bolsa de Madrid cerró con caídas.\n\n"
        'Según la agencia Fitch Ratings, la deuda subirá, un nivel que la firma considera "asumible".'
    )
    result = enrich_text(title="", body=body, language="es")
    [quote] = [q for q in result.quotes if q.kind != "indirect"]
    assert _speaker(result, quote) == "Fitch Ratings"


def test_a_pronoun_skips_a_speaker_an_earlier_pronoun_gave_another_gender():
    # given two speakers with English first names the name lists cannot gender, one already quoted as "she"
    body = (
        'Marion Feltham, the regulator\'s director, backed the deal. "It is fair," she said.\n\n'
        'Northwind\'s chief executive, Graham Oduya, welcomed the ruling. "We are ready," he said.\n\n'
        'Priya Castellan said she would meet Oduya. Asked about jobs, he told reporters: "Nobody should worry."'
    )
    # when enriched
    result = enrich_text(title="", body=body, language="en")
    # then "he" goes to the man in the appositive subject, and past the woman who spoke last
    speakers = {q.text: _speaker(result, q) for q in result.quotes if q.kind != "indirect"}
    assert speakers["It is fair,"] == "Marion Feltham"
    assert speakers["We are ready,"] == "Graham Oduya"
    assert speakers["Nobody should worry."] == "Graham Oduya"


def test_a_null_subject_right_after_a_body_spoke_is_that_body():
    # given a person in focus, then an organisation's statement and a quote with no subject in the same paragraph
    body = (
        "—Muy poco, se lo prometo —respondió la concejala Marta Quesada.\n\n"
        "La Organización de Consumidores y Usuarios (OCU) ha pedido que se descuente del recibo cada día sin agua. "
        '"Los vecinos no deberían pagar por un agua que no reciben", sostuvo.'
    )
    # when enriched
    result = enrich_text(title="", body=body, language="es")
    # then the quote is the organisation's
    [quote] = [q for q in result.quotes if q.text.startswith("Los vecinos")]
    assert _speaker(result, quote) == "Organización de Consumidores y Usuarios"


def test_a_legislator_named_by_office_is_the_one_in_focus():
    body = (
        "Rep. Joan Whitlock, who sits on the transport committee, said the failure was the third this year. "
        '"Three is a pattern," the congresswoman said.'
    )
    result = enrich_text(title="", body=body, language="en")
    quote = next(q for q in result.quotes if q.text == "Three is a pattern,")
    assert _speaker(result, quote) == "Joan Whitlock"


def test_a_body_noun_points_back_to_the_body_in_focus_not_ahead_to_one_named_later():
    body = (
        "The Federal Aviation Administration grounded the rocket on Thursday. The agency said in a statement that "
        "no injuries had been reported.\n\n"
        "The European Space Agency had a payload on board."
    )
    result = enrich_text(title="", body=body, language="en")
    quote = next(q for q in result.quotes if q.kind == "indirect")
    assert _speaker(result, quote) == "Federal Aviation Administration"


def test_a_frame_naming_a_body_by_its_kind_is_the_body_whose_name_carries_that_word():
    body = (
        "Julio Huamán preside la Federación de Guías del Cusco. El Ministerio de Cultura firmó el contrato en mayo.\n\n"
        "Según la federación, unos 4.000 guías dependen de las visitas a la ciudadela."
    )
    result = enrich_text(title="", body=body, language="es")
    quote = next(q for q in result.quotes if q.kind == "indirect")
    assert _speaker(result, quote) == "Federación de Guías del Cusco"


def test_a_paragraph_that_is_one_unattributed_quote_goes_on_with_the_last_speaker():
    body = (
        "Kira Dunstan, head of oceans at a conservation group, criticised the plan. "
        '"You cannot approve new coal and call it protecting the reef," she said.\n\n'
        '"The coral can recover from one hot summer. It cannot recover from one every two years."'
    )
    result = enrich_text(title="", body=body, language="en")
    quote = next(q for q in result.quotes if q.text.startswith("The coral"))
    assert _speaker(result, quote) == "Kira Dunstan"


def test_a_reported_clause_that_runs_into_a_quoted_fragment_is_only_the_partial():
    body = (
        "El secretario Federico Quispe Lamas habló en la Casa de Gobierno. Consultado sobre un recurso, el "
        "funcionario respondió que el Gobierno provincial “no va a negociar con el agua de la gente”."
    )
    result = enrich_text(title="", body=body, language="es")
    assert [q.kind for q in result.quotes] == ["partial"]


def test_a_complement_may_stand_between_the_reporting_verb_and_that():
    body = (
        "Its chief executive, Marisol Okafor-Reyes, told reporters at the company's headquarters in Titusville that "
        "telemetry showed a pressure drop in the second stage."
    )
    result = enrich_text(title="", body=body, language="en")
    [quote] = [q for q in result.quotes if q.kind == "indirect"]
    assert quote.text == "telemetry showed a pressure drop in the second stage"
    assert _speaker(result, quote) == "Marisol Okafor-Reyes"


def test_a_report_opening_the_sentence_belongs_to_the_attribution_after_the_comma():
    en = (
        "The Federal Aviation Administration grounded the rocket. The safety board will also take part, the FAA "
        "said.\n\nLaunch failures are common for young companies, said Caleb Strand, who tracks the industry."
    )
    es = "El abogado Martín Echenique habló con la prensa. La medida es ilegal y será recurrida, afirmó Echenique."
    en_result = enrich_text(title="", body=en, language="en")
    es_result = enrich_text(title="", body=es, language="es")
    en_reported = {q.text: _speaker(en_result, q) for q in en_result.quotes if q.kind == "indirect"}
    es_reported = {q.text: _speaker(es_result, q) for q in es_result.quotes if q.kind == "indirect"}
    assert en_reported == {
        "The safety board will also take part": "Federal Aviation Administration",
        "Launch failures are common for young companies": "Caleb Strand",
    }
    assert es_reported == {"La medida es ilegal y será recurrida": "Martín Echenique"}


def test_a_fronted_report_ending_in_a_percent_sign_keeps_it():
    body = "SkyWest cut its forecast.\n\nShares of SkyWest rose 3%, said Dan Kohl, an analyst at Baird."
    result = enrich_text(title="", body=body, language="en")
    [quote] = [q for q in result.quotes if q.kind == "indirect"]
    assert quote.text == "Shares of SkyWest rose 3%"
    assert _speaker(result, quote) == "Dan Kohl"


def test_a_company_referred_back_to_by_its_trade_speaks_for_itself():
    body = (
        "LONDON (Reuters) - Thames Water's creditors on Monday agreed to lend the company a further £3bn, the "
        "utility said, as Ofwat weighs whether to place Britain's biggest water supplier into special administration."
        "\n\nChris Weston, Thames Water's chief executive, told the BBC the deal bought the company time."
    )
    result = enrich_text(title="", body=body, language="en")
    quote = next(q for q in result.quotes if q.text.startswith("Thames Water's creditors on Monday agreed"))
    assert _speaker(result, quote) == "Thames Water"


def test_a_datelines_agency_is_not_the_body_a_description_stands_for():
    body = (
        "BOGOTÁ, 3 mar (EFE) - Las tarifas de la luz subirán un 5% en junio, informó la compañía en un comunicado.\n\n"
        "La decisión del Grupo Vatia llega tras un año de pérdidas."
    )
    result = enrich_text(title="", body=body, language="es")
    quote = next(q for q in result.quotes if q.kind == "indirect")
    assert _speaker(result, quote) == "Grupo Vatia"


def test_a_parent_named_in_the_description_of_a_company_is_not_the_speaker():
    body = (
        "La salmonera Australis Mar S.A. recibió cargos por sobreproducción.\n\n"
        "La compañía, filial del grupo chino Joyvio, aseguró en un comunicado que colaborará con la investigación."
    )
    result = enrich_text(title="", body=body, language="es")
    quote = next(q for q in result.quotes if q.kind == "indirect")
    assert _speaker(result, quote) == "Australis Mar S.A."


def test_a_fronted_report_whose_attribution_hangs_from_it_as_a_parenthetical():
    body = (
        "Ghana's central bank raised its benchmark rate by 200 basis points to 29% on Monday, the Bank of Ghana "
        "said, as the cedi slid to a record low against the dollar."
    )
    result = enrich_text(title="", body=body, language="en")
    [quote] = [q for q in result.quotes if q.kind == "indirect"]
    assert quote.text == "Ghana's central bank raised its benchmark rate by 200 basis points to 29% on Monday"
    assert _speaker(result, quote) == "Bank of Ghana"


def test_the_name_in_apposition_to_a_role_speaks_not_the_person_the_role_serves():
    body = (
        "The regulator sued founder Daniel Reyes on Wednesday.\n\n"
        "A lawyer for Reyes, Mark Pomerantz, said his client would fight the charges."
    )
    result = enrich_text(title="", body=body, language="en")
    [quote] = [q for q in result.quotes if q.kind == "indirect"]
    assert _speaker(result, quote) == "Mark Pomerantz"


def test_a_trailing_frame_whose_verb_has_its_source_parsed_as_object():
    body = (
        "La Junta de Andalucía ha adjudicado a la UTE formada por Sacyr y Azvi la construcción del nuevo hospital de "
        "Jerez de la Frontera, con un presupuesto de 210 millones de euros, según ha informado la Consejería de Salud "
        "en una nota."
    )
    result = enrich_text(title="", body=body, language="es")
    [quote] = [q for q in result.quotes if q.kind == "indirect"]
    assert quote.text.startswith("La Junta de Andalucía ha adjudicado")
    assert _speaker(result, quote) == "Consejería de Salud"


def test_someone_unnamed_with_an_indefinite_article_is_no_speaker():
    dialogue = (
        "El ministro del Trabajo, Antonio Sanguino, habló en la Casa de Nariño.\n\n"
        "—La reforma no murió; vuelve al Congreso —dijo el ministro.\n\n"
        "—¿Y los plazos? —le preguntó una periodista.\n\n"
        "—Tenemos hasta junio —respondió el ministro."
    )
    reported = "Mayor Ellen Cho visited the site. A neighbour said the flooding had started before dawn."
    d = enrich_text(title="", body=dialogue, language="es")
    r = enrich_text(title="", body=reported, language="en")
    assert {q.text: _speaker(d, q) for q in d.quotes} == {
        "La reforma no murió; vuelve al Congreso": "Antonio Sanguino",
        "¿Y los plazos?": None,
        "Tenemos hasta junio": "Antonio Sanguino",
    }
    assert not [q for q in r.quotes if q.kind == "indirect"]


def test_que_after_a_prepositional_complement_opens_the_report_but_a_relative_does_not():
    report = (
        "La ministra de Energía, Inés Manzano, explicó en una cadena nacional que los cortes durarán hasta ocho "
        "horas diarias."
    )
    relative = "La ministra de Energía, Inés Manzano, explicó las medidas que tomará el gobierno."
    r = enrich_text(title="", body=report, language="es")
    rel = enrich_text(title="", body=relative, language="es")
    assert [(q.text, _speaker(r, q)) for q in r.quotes] == [
        ("los cortes durarán hasta ocho horas diarias", "Inés Manzano")
    ]
    assert rel.quotes == []


def test_it_said_is_the_body_in_focus_and_calcular_reports_an_estimate():
    en = (
        "JOHANNESBURG (Reuters) - South Africa's power utility Eskom will cut electricity to parts of Soweto from "
        "Monday, it said, citing unpaid bills.\n\nEskom's distribution head spoke in Johannesburg."
    )
    es = "La Cámara de Industrias y Producción calculó que cada hora sin luz le cuesta al país 12 millones de dólares."
    e = enrich_text(title="", body=en, language="en")
    s = enrich_text(title="", body=es, language="es")
    assert [_speaker(e, q) for q in e.quotes if q.kind == "indirect"] == ["Eskom"]
    assert [(q.text, _speaker(s, q)) for q in s.quotes] == [
        ("cada hora sin luz le cuesta al país 12 millones de dólares", "Cámara de Industrias y Producción")
    ]


def test_a_fronted_frame_whose_clause_the_parser_hung_from_the_source():
    body = (
        "JOHANNESBURG (Reuters) - South Africa's power utility Eskom will cut electricity to parts of Soweto.\n\n"
        "According to Eskom's distribution head, Monde Bala, only 12% of households in the township pay for their "
        'power. "We cannot keep supplying electricity that nobody pays for," Bala told a briefing in Johannesburg.'
    )
    result = enrich_text(title="", body=body, language="en")
    reported = [(q.text, _speaker(result, q)) for q in result.quotes if q.kind == "indirect"]
    assert ("only 12% of households in the township pay for their power", "Monde Bala") in reported


def test_a_report_ends_before_the_next_speakers_name_and_verb():
    # given a report in a relative clause, then a comma, a named speaker and a second report
    body = (
        "The Central Bank of Kenya (CBK) has capped loan charges at 36 percent a year.\n\n"
        'Consumer advocate Ruth Achieng said enforcement would be the real test. "Rules are easy," she said.\n\n'
        "In Mombasa, where the regulator says nearly one in five adults has an outstanding digital loan, tuk-tuk "
        "driver Hassan Omar Bakari said he owed three apps a total of 18,000 shillings."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="en")
    # then the first report stops at the comma and the second is the driver's
    texts = {q.text: _speaker(result, q) for q in result.quotes}
    assert not any("Bakari" in text for text in texts)
    assert texts["he owed three apps a total of 18,000 shillings"] == "Hassan Omar Bakari"


def test_a_report_whose_verb_opens_a_quoted_fragment_leaves_only_the_partial():
    # given "told X that <subject>, <aside>, was "<quote>""
    body = (
        "The group's executive director, Samson Itodo, told Channels Television that turnout, at 36 per cent, "
        'was "the lowest Ekiti has seen since 2014".'
    )
    # when enriched
    result = enrich_text(title="", body=body, language="en")
    # then only the quoted fragment is a quote, and it is his
    assert [(q.kind, q.text) for q in result.quotes] == [("partial", "the lowest Ekiti has seen since 2014")]
    assert _speaker(result, result.quotes[0]) == "Samson Itodo"


def test_the_spokeswoman_named_before_speaks_for_a_later_bare_role_noun_not_her_ministry():
    # given a ministry, its named spokeswoman, then "la portavoz" alone after a quote
    body = (
        "En Quito, el Ministerio de Energía rechazó las críticas. Su portavoz adjunta, Marta Olmedo, afirmó que "
        "no hay riesgo de apagones este año.\n\n"
        "«Cada vez que llueve poco, alguien anuncia una catástrofe», ironizó la portavoz."
    )

    result = enrich_text(title="Energía", body=body, language="es")

    assert [(q.kind, _speaker(result, q)) for q in result.quotes] == [
        ("indirect", "Marta Olmedo"),
        ("direct", "Marta Olmedo"),
    ]


def test_a_quote_running_into_the_next_paragraph_takes_the_cue_after_its_close():
    # given a quote left open, reopened in the next paragraph and attributed only after it closes
    body = (
        "Desde Asunción, la presidenta paraguaya, Norma Villalba, habló al país el martes. «Nuestra moneda está "
        "sana y la vamos a cuidar. Pero cuidar no significa callar.\n\n"
        "«Pido a todos serenidad. No estamos solos», añadió la jefa del Estado."
    )

    result = enrich_text(title="Mensaje", body=body, language="es")

    assert [(q.kind, _speaker(result, q), q.cue) for q in result.quotes] == [("direct", "Norma Villalba", "añadió")]


def test_the_quoted_words_are_never_the_subject_that_speaks():
    # given a short quote the parser takes for the subject of the verb that follows it
    body = (
        "Ramiro Funes, que jugó 300 partidos con el club, contó a este diario que su hijo “no durmió” la noche "
        "anterior. “Yo tampoco”, admitió entre risas."
    )

    result = enrich_text(title="Clásico", body=body, language="es")

    assert [(q.text, _speaker(result, q)) for q in result.quotes] == [
        ("no durmió", "Ramiro Funes"),
        ("Yo tampoco", "Ramiro Funes"),
    ]


def test_a_person_inside_a_reported_clause_does_not_take_the_focus_from_its_source():
    # given a coach, a "según" frame whose clause names the referee as its subject, then a null-subject quote
    body = (
        "El técnico visitante, Gustavo Peralta, fue autocrítico. Según Peralta, el árbitro Mauro Lisandrello "
        "debió expulsar a Pirri en el primer tiempo. Pero enseguida aclaró: “No perdimos por el árbitro”."
    )

    result = enrich_text(title="Clásico", body=body, language="es")

    assert [(q.kind, _speaker(result, q)) for q in result.quotes] == [
        ("indirect", "Gustavo Peralta"),
        ("direct", "Gustavo Peralta"),
    ]


def test_a_dash_question_put_by_an_unnamed_they_has_no_speaker():
    # given a club president, a reporters' question with a plural verb and no subject, then his answer
    body = (
        "El presidente del club, Ignacio Bravo, confirmó que hubo un nuevo contacto con el club brasileño.\n\n"
        "—¿Lo van a vender? —le preguntaron al dirigente a la salida del palco.\n\n"
        "—Bruno se va a ir cuando el club quiera —respondió Bravo."
    )

    result = enrich_text(title="Mercado", body=body, language="es")

    assert [(q.text, _speaker(result, q)) for q in result.quotes if q.kind == "direct"] == [
        ("¿Lo van a vender?", None),
        ("Bruno se va a ir cuando el club quiera", "Ignacio Bravo"),
    ]


def test_el_dt_is_the_coach_and_no_body():
    # given a coach named with his role, a player quoted next, then a quote closed by "señaló el DT"
    body = (
        "El entrenador local, Leandro Ruiz Díaz, destacó la reacción del equipo. El delantero Bruno Zapata "
        "dijo que el gol fue para su padre.\n\n"
        "“No jugamos bien, hay que decirlo”, señaló el DT, que consiguió su primera victoria en un clásico."
    )

    result = enrich_text(title="Clásico", body=body, language="es")

    assert "DT" not in {e.name for e in result.entities}
    assert [_speaker(result, q) for q in result.quotes if q.kind == "direct"] == ["Leandro Ruiz Díaz"]


def test_completar_closes_a_portuguese_dash_line_with_its_speaker():
    # given a minister's reported words, then a dash line closed by "completou" and his surname
    body = (
        "Em Brasília, o ministro dos Transportes, Henrique Bastos, afirmou que a pasta colabora com a polícia.\n\n"
        "— Tolerância zero. Essa é a orientação que recebi — completou Bastos."
    )

    result = enrich_text(title="Portos", body=body, language="pt")

    assert [(q.kind, _speaker(result, q), q.cue) for q in result.quotes] == [
        ("indirect", "Henrique Bastos", "afirmou"),
        ("direct", "Henrique Bastos", "completou"),
    ]


def test_a_participle_after_a_misparsed_description_shares_the_main_clauses_subject():
    # given a suit whose target is described as "a Palo Alto startup whose ...", then ", arguing that ... "...""
    body = (
        "The Securities Board sued on Tuesday to block Marrow Capital from buying Quillon AI, a Palo Alto startup "
        "whose trading software runs in roughly a third of the country's brokerages, arguing that the deal would let "
        'the fund "quietly set the price of advice" for its rivals.'
    )
    # when enriched
    result = enrich_text(title="", body=body, language="en")
    # then the fragment is the board's, not the city's under the parser's "a Palo Alto" subject
    [quote] = [q for q in result.quotes if q.kind == "partial"]
    assert _speaker(result, quote) == "Securities Board"


def test_an_english_report_without_that_runs_on_to_its_and_that_clause():
    # given "said A, most of them ..., and that B", where the parser hangs the middle as a second complement
    body = (
        "The Mountain Rescue Board said 12 hikers had died on the northern ridge, most of them swept away while "
        "crossing flooded streams, and that four were still missing."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="en")
    # then the report is one indirect quote up to its last clause
    [quote] = result.quotes
    assert quote.text.startswith("12 hikers had died on the northern ridge, most of them swept away")
    assert quote.text.endswith("and that four were still missing")
    assert _speaker(result, quote) == "Mountain Rescue Board"


def test_spanish_quote_continued_with_the_closing_mark_in_the_next_paragraph_is_one_quote():
    # given a «» quote left open at a paragraph's end and continued with the Spanish continuation mark »
    body = (
        "La alcaldesa de Brezales, Irene Olmedo Ruiz, habló al final del pleno:\n\n"
        "«Hemos cerrado el presupuesto con superávit por primera vez en una década.\n\n"
        "»Y el año que viene bajaremos el impuesto de basuras», dijo Olmedo."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="es")
    # then both paragraphs are one direct quote, the break and the reopening mark kept verbatim
    quoted = [q for q in result.quotes if q.kind != "indirect"]
    assert [q.text for q in quoted] == [
        "Hemos cerrado el presupuesto con superávit por primera vez en una década.\n\n"
        "»Y el año que viene bajaremos el impuesto de basuras"
    ]
    assert _speaker(result, quoted[0]) == "Irene Olmedo Ruiz"


def test_a_copular_paragraph_ending_in_a_colon_introduces_the_quote_that_opens_the_next():
    # given a speaker described with a copula and an adjective before the colon, the quote in its own paragraph
    body = (
        "El portavoz de la cooperativa Tomás Ibarrola Sanz fue muy crítico con la decisión:\n\n"
        "«Nos han dejado sin agua para regar en pleno mes de julio»."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="es")
    # then the quote is his
    [quote] = [q for q in result.quotes if q.kind != "indirect"]
    assert _speaker(result, quote) == "Tomás Ibarrola Sanz"


def test_a_bare_spokesperson_noun_is_the_one_person_whose_role_is_spokesperson():
    # given a named spokeswoman, another body in focus, then "la portavoz" alone as a later subject
    body = (
        "La Diputación de Soria aprobó ayer el plan de carreteras.\n\n"
        "La portavoz del PSOE en la Diputación, Inés Carrasco Vela, explicó que su grupo se abstuvo. "
        "La portavoz negó que haya un acuerdo con el Gobierno provincial: «No hemos firmado nada»."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="es")
    # then the quote is hers, not the body's in focus
    [quote] = [q for q in result.quotes if q.kind == "direct"]
    assert _speaker(result, quote) == "Inés Carrasco Vela"


def test_a_team_named_by_a_common_noun_speaks_through_the_person_put_in_charge_of_it():
    # given "la acusación", with a parenthetical naming the lawyer who leads it, as the subject of two reports
    body = (
        'La acusación, a cargo de la abogada Teresa Villalba Ortiz, tachó el informe de "papel mojado" '
        "y anunció que recurrirá la sentencia ante la Audiencia Provincial."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="es")
    # then the partial and the reported clause are hers
    by_kind = {q.kind: q for q in result.quotes}
    assert by_kind["partial"].text == "papel mojado"
    assert _speaker(result, by_kind["partial"]) == "Teresa Villalba Ortiz"
    assert by_kind["indirect"].text == "recurrirá la sentencia ante la Audiencia Provincial"
    assert _speaker(result, by_kind["indirect"]) == "Teresa Villalba Ortiz"


def test_the_head_of_an_agencys_office_named_by_role_alone_is_its_holder():
    # given a superintendent introduced by name, another person, then the role noun alone as the speaker
    body = (
        "El superintendente de Bancos, Marco Aurelio Piedrahíta, compareció ante la comisión junto a la diputada "
        "Lucía Benavides.\n\n«No hay riesgo para los ahorradores», dijo el superintendente."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="es")
    # then the quote is the superintendent's
    [quote] = [q for q in result.quotes if q.kind == "direct"]
    assert _speaker(result, quote) == "Marco Aurelio Piedrahíta"


def test_a_report_ending_in_a_colon_before_a_direct_quote_is_kept():
    # given an English report without "that" that runs into a colon and a direct quote
    body = (
        "Council engineer Helen Marsh inspected the breakwater on Monday. She said the wall was holding but "
        'needed new armour stones: "Nobody should walk on it this winter."'
    )
    # when enriched
    result = enrich_text(title="", body=body, language="en")
    # then the report before the colon is her indirect quote, the quote after it her direct one
    indirect = [q for q in result.quotes if q.kind == "indirect"]
    assert [q.text for q in indirect] == ["the wall was holding but needed new armour stones"]
    assert {_speaker(result, q) for q in result.quotes} == {"Helen Marsh"}


def test_a_schemes_name_in_quote_marks_right_after_its_noun_is_no_quote():
    # given a plan's name in «» straight after "plan", and speech after a colon that follows the word "acuerdo"
    body = (
        "La consejera Irene Calvar presentó el plan «Barrios sin barreras» en Logroño. Sobre el acuerdo, "
        "Calvar fue tajante: «Lo firmaremos en enero»."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="es")
    # then the name is not a quote and the speech is
    assert [q.text for q in result.quotes if q.kind != "indirect"] == ["Lo firmaremos en enero"]


def test_a_nickname_with_its_article_between_first_name_and_surname_is_no_quote_and_no_body():
    # given a player named with his nickname in quotes, article included, then by surname
    body = (
        "El empate llegó con un cabezazo del uruguayo Matías “el Tano” Pirri tras un córner. "
        "Pirri celebró con la hinchada."
    )

    result = enrich_text(title="Clásico", body=body, language="es")

    assert result.quotes == []
    assert {e.name: e.kind for e in result.entities} == {"Matías Pirri": "person"}


def test_a_second_report_joined_to_the_first_ones_clause_keeps_the_first_ones_speaker():
    # given "X agregó que <clause> y sostuvo que <clause> «...»", which the parser reads as the clause's conjunct
    body = (
        "El vocero del Ministerio de Comercio de Perú, Luis Aranda Soto, habló el martes en Lima.\n\n"
        'Aranda agregó que Perú siempre ha cumplido las reglas y sostuvo que su país espera "una respuesta rápida" '
        "del caso."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="es")
    # then the partial is the spokesman's, not the country's named in the first report
    partial = next(q for q in result.quotes if q.text == "una respuesta rápida")
    assert _speaker(result, partial) == "Luis Aranda Soto"
    assert partial.cue == "sostuvo"


def test_anticipar_que_reports_speech():
    body = "Desde Asunción, el canciller paraguayo, Rubén Ayala Benítez, anticipó que su país respaldará la propuesta."
    result = enrich_text(title="", body=body, language="es")
    [quote] = result.quotes
    assert (quote.kind, quote.text, _speaker(result, quote)) == (
        "indirect",
        "su país respaldará la propuesta",
        "Rubén Ayala Benítez",
    )


def test_a_statement_in_which_words_are_said_speaks_for_the_body_that_issued_it():
    # given "X difundió un comunicado en el que celebra «...»", with a person in focus from the sentence before
    body = (
        "El vocero del Ministerio de Comercio de Perú, Luis Aranda Soto, habló el martes en Lima.\n\n"
        'La Embajada de Francia difundió un comunicado en el que celebra "la firmeza" de las autoridades peruanas.'
    )
    # when enriched
    result = enrich_text(title="", body=body, language="es")
    # then the partial is the embassy's, not the spokesman's
    partial = next(q for q in result.quotes if q.text == "la firmeza")
    assert _speaker(result, partial) == "Embajada de Francia"


def test_single_curly_marks_quote_words_and_apostrophes_do_not_close_them():
    # given a British standfirst quoting with single marks, then apostrophes in the body
    body = (
        "Watchdog says water firm ‘misled customers’ over leaks\n\n"
        "The regulator’s report said the firm’s figures were wrong, and the company’s board resigned."
    )
    # when enriched
    quotes = enrich_text(title="", body=body, language="en").quotes
    # then the words in single marks are a partial quote, and no quote runs from one apostrophe to the next
    assert [(q.kind, q.text) for q in quotes if q.kind != "indirect"] == [("partial", "misled customers")]


def test_a_body_named_after_a_titled_person_and_cited_by_its_kind_in_portuguese():
    # given a hospital named after "Dr. X", later by the namesake alone, in a report framed by "a prefeitura"
    # while another body was the last to speak
    body = (
        "A Prefeitura de Sorocaba decretou emergência nesta segunda-feira.\n\n"
        "A Secretaria de Estado da Saúde (SES) anunciou que vai enviar 20 mil doses extras. A SES também enviou "
        "equipes.\n\n"
        "De acordo com a prefeitura, o Hospital Municipal Dr. Paulo Braga montou uma tenda de hidratação no "
        "estacionamento. No Paulo Braga, a espera chegou a seis horas."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="pt")
    entities = {e.name: e for e in result.entities}
    # then the hospital is one body with its namesake as alias, no person, and the report is the city hall's,
    # running past the title's stop
    assert entities["Hospital Municipal Dr. Paulo Braga"].aliases == ["Paulo Braga"]
    assert not any(e.kind == "person" for e in result.entities)
    report = next(q for q in result.quotes if q.cue == "De acordo com")
    assert report.text.startswith("o Hospital Municipal Dr. Paulo Braga montou")
    assert _speaker(result, report) == "Prefeitura de Sorocaba"


def test_la_lideresa_is_the_community_leader_the_article_named():
    body = (
        "La representante del consejo comunitario, Marleny Cuesta Palacios, celebró el fallo en Istmina.\n\n"
        "«El papel aguanta todo», dijo la lideresa antes de subir a una canoa."
    )
    result = enrich_text(title="", body=body, language="es")
    [quote] = [q for q in result.quotes if q.kind == "direct"]
    assert _speaker(result, quote) == "Marleny Cuesta Palacios"


def test_a_report_joined_to_a_clause_whose_verb_also_reports_keeps_the_outer_speaker():
    # given "X recordó que la Corte declaró ... y sostuvo que ... «...»": "declarar" here is no speech, and the
    # parser hangs "sostuvo" on it
    body = (
        "El director de la fundación, Hernán Ríos Mena, habló tras la audiencia.\n\n"
        "Ríos recordó que en 2016 la Corte Constitucional declaró al río Atrato sujeto de derechos y sostuvo que "
        "esa orden “todavía no se cumple”."
    )
    result = enrich_text(title="", body=body, language="es")
    partial = next(q for q in result.quotes if q.text == "todavía no se cumple")
    assert _speaker(result, partial) == "Hernán Ríos Mena"


def test_que_after_a_verbs_bare_object_relates_to_a_noun_and_opens_no_report():
    # given a claim verb whose object is already a noun, followed by a relative clause on a later noun
    body = (
        "La Asociación de Vecinos de Campoalegre reclama 40.000 euros por las grietas que les causó la obra del "
        "nuevo aparcamiento municipal.\n\n"
        "Su presidenta, Rosa Valcárcel Peña, explicó en la radio local que la demanda se presentará en enero."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="es")
    # then only the real report is an indirect quote
    assert [q.text for q in result.quotes if q.kind == "indirect"] == ["la demanda se presentará en enero"]


def test_a_short_aside_between_the_reporting_verb_and_que_keeps_the_report():
    # given a report whose verb and "que" are parted by an aside in commas
    body = (
        "El director del puerto, Sebastián Ordóñez Llanos, visitó ayer los muelles dañados por el temporal.\n\n"
        "Ordóñez añadió, sin embargo, que las grúas volverán a funcionar la próxima semana."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="es")
    # then the clause after "que" is his indirect quote
    indirect = [q for q in result.quotes if q.kind == "indirect"]
    assert [q.text for q in indirect] == ["las grúas volverán a funcionar la próxima semana"]
    assert _speaker(result, indirect[0]) == "Sebastián Ordóñez Llanos"


def test_a_bare_reporting_verb_in_commas_inside_a_clause_keeps_the_speaker_in_focus():
    # given a speaker, then a sentence about a thing with a subjectless "añadió" set off by commas
    body = (
        "La jefa de obras del ayuntamiento, Marta Quiroga Salas, explicó que el primer tramo del carril bici ya está "
        'terminado. La segunda fase, añadió, quedará lista "antes de que empiecen las lluvias".'
    )
    # when enriched
    result = enrich_text(title="", body=body, language="es")
    # then the partial quote is hers, not the phase's
    partial = [q for q in result.quotes if q.text.startswith("antes de")]
    assert [_speaker(result, q) for q in partial] == ["Marta Quiroga Salas"]


def test_the_minister_is_the_office_holder_not_the_shadow_minister():
    # given a minister and a shadow minister, then a union official in focus, then "the minister said"
    body = (
        "Energy Minister Rhian Cole announced the project on Monday.\n\n"
        "Shadow Energy Minister Daniel Kerr said the approval had been rushed.\n\n"
        "Its district secretary, Liam Porter, said workers should be first in line.\n\n"
        "Asked about the council's concerns, the minister said the water would come from the existing licence."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="en")
    # then the report is the minister's
    report = next(q for q in result.quotes if q.text.startswith("the water"))
    assert _speaker(result, report) == "Rhian Cole"


def test_el_letrado_is_the_lawyer_the_article_named():
    body = (
        "El abogado defensor, Renzo Salas Pinedo, pidió la libertad de su cliente.\n\n"
        "La fiscal Carmen Ortiz Vela sostuvo que el acusado «intentó huir».\n\n"
        "«Era un viaje de trabajo», respondió el letrado."
    )
    result = enrich_text(title="", body=body, language="es")
    answer = next(q for q in result.quotes if q.text.startswith("Era un viaje"))
    assert _speaker(result, answer) == "Renzo Salas Pinedo"


def test_a_bare_role_noun_finds_the_holder_of_a_title_whose_noun_comes_last():
    body = (
        "Social Welfare Secretary Rosa Villar flew to the province on Sunday.\n\n"
        "Provincial health officer Dr. Ramon Agustin said his office had recorded 37 cases.\n\n"
        'Asked about the criticism, the secretary said the government would not "play politics with hunger."'
    )
    result = enrich_text(title="", body=body, language="en")
    partial = next(q for q in result.quotes if q.text.startswith("play politics"))
    assert _speaker(result, partial) == "Rosa Villar"
