from articles.enrichment import enrich_text
from articles.enrichment.text import find_dateline


def _speakers(result) -> dict[str, str | None]:
    return {q.text: (result.entities[q.speaker].name if q.speaker is not None else None) for q in result.quotes}


def test_dateline_gives_place_region_and_agency_but_no_sentence():
    # given wire datelines in three styles and an ordinary sentence that opens with a name and a dash
    text = "OSORNO (Los Lagos), 2 feb (EFE).- La cooperativa abrió."
    # when parsed
    found = find_dateline(text)
    # then the place, region and agency are cut out and the story starts after the dash
    assert text[slice(*found.place)] == "OSORNO"
    assert text[slice(*found.region)] == "Los Lagos"
    assert text[slice(*found.agency)] == "EFE"
    assert text[found.end :].startswith("La cooperativa")
    assert find_dateline("HALIFAX (Reuters) - Port workers") is not None
    assert find_dateline("Marta Ibáñez — la nueva jueza — habló") is None


def test_dateline_city_is_never_the_speaker():
    # given an English story whose dateline precedes the company's statement
    body = "HALIFAX, Nova Scotia — Brightwater Ferries said on Friday it would suspend two routes for the winter."
    # when enriched
    result = enrich_text(title="", body=body, language="en")
    # then the company speaks, the city and province are places
    assert [(q.kind, result.entities[q.speaker].name) for q in result.quotes] == [("indirect", "Brightwater Ferries")]
    places = {e.name.lower() for e in result.entities if e.kind == "place"}
    assert {"halifax", "nova scotia"} <= places


def test_organisation_introduced_by_a_common_noun_and_a_platform_are_organisations():
    # given invented names the model has never seen, introduced as a union and posted on a platform
    body = (
        "El sindicato Brisamar convocó una huelga. En un mensaje en la red social Mastodon, "
        "la portavoz Irene Valcárcel pidió calma."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="es")
    # then both are organisations and the spokesperson is a person
    kinds = {e.name: e.kind for e in result.entities}
    assert kinds["Brisamar"] == "organization"
    assert kinds["Mastodon"] == "organization"
    assert kinds["Irene Valcárcel"] == "person"


def test_portuguese_quotes_are_attributed_from_the_surface():
    # given Portuguese text with an inverted subject, a null subject and a "segundo" frame
    body = (
        "O autarca de Viseu, Duarte Lobão, visitou as obras.\n\n"
        "«A estrada abre em maio», disse à imprensa o vereador das Obras, Simão Farinha.\n\n"
        "«Não haverá atrasos», garantiu.\n\n"
        "Segundo Duarte Lobão, o orçamento ficou abaixo do previsto."
    )
    # when enriched as Portuguese
    result = enrich_text(title="", body=body, language="pt")
    speakers = _speakers(result)
    # then each quote goes to the person the surface names
    assert speakers["A estrada abre em maio"] == "Simão Farinha"
    assert speakers["Não haverá atrasos"] == "Simão Farinha"
    assert speakers["o orçamento ficou abaixo do previsto"] == "Duarte Lobão"
    assert result.language == "pt"


def test_portuguese_title_in_quotes_is_not_a_quote():
    # given an exhibition title in quotation marks
    body = "A exposição “Rios do Norte em Festa” abre amanhã no museu da cidade, disse a diretora Ana Quaresma."
    # when enriched
    result = enrich_text(title="", body=body, language="pt")
    # then no quote is reported for the title
    assert all("Rios do Norte" not in q.text for q in result.quotes)


def test_portuguese_reports_with_a_complement_before_que_and_frames_naming_the_body():
    # given a company's statement "em nota", a union cited as "a entidade" and "que X e que «...»"
    body = (
        "O Sindicato dos Metalúrgicos de Taubaté convocou uma assembleia. Segundo a entidade, cerca de 4 mil "
        "funcionários participaram da votação.\n\n"
        "A Embraer afirmou em nota que os cortes atingem sobretudo a aviação executiva. A procuradora Patrícia "
        "Nogueira lembrou que a empresa recebeu financiamento público e que “tem responsabilidade com a região”."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="pt")
    # then each reported clause is indirect and attributed, and the quoted fragment is a partial
    speakers = _speakers(result)
    assert speakers["cerca de 4 mil funcionários participaram da votação"] == "Sindicato dos Metalúrgicos de Taubaté"
    assert speakers["os cortes atingem sobretudo a aviação executiva"] == "Embraer"
    assert speakers["a empresa recebeu financiamento público"] == "Patrícia Nogueira"
    assert speakers["tem responsabilidade com a região"] == "Patrícia Nogueira"


def test_portuguese_role_noun_of_the_other_gender_brings_back_the_earlier_speaker():
    # given a union leader, then a prosecutor (a woman), then "O sindicalista" and a quote with a bare "afirmou"
    body = (
        "“Não vamos aceitar isso calados”, disse o presidente do sindicato, Wellington Dias.\n\n"
        "A procuradora Patrícia Nogueira defendeu que a empresa precisa negociar antes de demitir.\n\n"
        "O sindicalista voltou a falar no fim da tarde. “Se a Justiça mandar sentar à mesa, a gente senta”, afirmou."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="pt")
    # then the last quote is the union leader's
    assert _speakers(result)["Se a Justiça mandar sentar à mesa, a gente senta"] == "Wellington Dias"


def test_surface_attribution_reads_the_clause_with_the_verb_and_a_colon_lead_in():
    # given Portuguese (attributed from the surface): a second clause with its own subject, a seat of government
    # acting as a body, and a quote introduced by a colon after another person spoke
    body = (
        "O Ministério Público Federal abriu um procedimento, e o Itamaraty informou que a embaixada entregou o dossiê."
        "\n\n"
        "O diretor do museu, Étienne Morvan, disse que o museu “não fecha a porta”. "
        "Raquel Tabajara rejeitou a ideia: “Não se empresta o que é dele”."
    )
    # when enriched
    speakers = _speakers(enrich_text(title="", body=body, language="pt"))
    # then each statement goes to the subject of its own clause
    assert speakers["a embaixada entregou o dossiê"] == "Itamaraty"
    assert speakers["não fecha a porta"] == "Étienne Morvan"
    assert speakers["Não se empresta o que é dele"] == "Raquel Tabajara"


def test_surface_reported_speech_after_a_day_phrase_or_a_comma_after_que():
    body = (
        "O Ministério dos Povos Indígenas anunciou nesta quarta-feira que vai levar o pedido à Unesco.\n\n"
        "A diretora do museu, Helena Barcellos, elogiou a reserva. Ela lembrou que, em 2024, o Brasil recebeu um manto."
    )
    speakers = _speakers(enrich_text(title="", body=body, language="pt"))
    assert speakers["vai levar o pedido à Unesco"] == "Ministério dos Povos Indígenas"
    assert speakers["em 2024, o Brasil recebeu um manto"] == "Helena Barcellos"


def test_surface_frame_naming_its_source_after_a_role_and_a_body():
    body = (
        "Por Gustavo Albuquerque, de Brasília\n\n"
        "De acordo com a diretora da Anvisa Cláudia Moretti, os estudos envolveram 16 mil voluntários."
    )
    speakers = _speakers(enrich_text(title="", body=body, language="pt"))
    assert speakers["os estudos envolveram 16 mil voluntários"] == "Cláudia Moretti"


def test_a_body_referred_back_to_by_its_kind_speaks_for_itself():
    body = (
        "O gestor Manuel Rebelo admitiu atrasos.\n\n"
        "Um porta-voz do Instituto da Mobilidade e dos Transportes (IMT) disse à Lusa que o processo está concluído. "
        "O instituto acrescentou que não recebeu qualquer queixa."
    )
    speakers = _speakers(enrich_text(title="", body=body, language="pt"))
    assert speakers["não recebeu qualquer queixa"] == "Instituto da Mobilidade e dos Transportes"


def test_the_reporter_of_a_byline_with_a_location_is_never_a_speaker():
    body = (
        "Por Helena Prado Leite, de Boa Vista\n\n"
        'O delegado Rui Tavares Costa disse que o grupo usava aviões. "A logística era deles", disse.\n\n'
        'Em nota, a transportadora afirmou que "sempre operou dentro da lei".'
    )
    result = enrich_text(title="", body=body, language="pt")
    assert _speakers(result)["sempre operou dentro da lei"] != "Helena Prado Leite"
    entities = {e.name: e for e in result.entities}
    assert entities["Helena Prado Leite"].kind == "person"
    assert entities["Boa Vista"].kind == "place"


def test_the_police_force_referred_back_to_as_the_corporation_speaks_for_itself():
    body = (
        "A Polícia Federal prendeu ontem um empresário em Manaus.\n\n"
        "O advogado Rui Tavares Costa visitou o cliente. A corporação estima que o esquema movimentou R$ 9 milhões."
    )
    result = enrich_text(title="", body=body, language="pt")
    assert _speakers(result)["o esquema movimentou R$ 9 milhões"] == "Polícia Federal"


def test_a_portuguese_paragraph_that_is_one_unattributed_quote_keeps_the_last_speaker():
    body = (
        '"As crianças continuam adoecendo", afirmou Joaquim Sanumá, vice-presidente da associação.\n\n'
        '"Nós já denunciamos esses nomes muitas vezes."'
    )
    result = enrich_text(title="", body=body, language="pt")
    assert _speakers(result)["Nós já denunciamos esses nomes muitas vezes."] == "Joaquim Sanumá"


def test_a_portuguese_report_opening_the_sentence_belongs_to_the_verb_and_subject_after_the_comma():
    body = (
        "O ministro Rui Costa Lima visitou a fábrica. A produção vai duplicar até 2027, disse o ministro aos "
        "jornalistas."
    )
    result = enrich_text(title="", body=body, language="pt")
    assert _speakers(result) == {"A produção vai duplicar até 2027": "Rui Costa Lima"}


def test_a_state_company_referred_back_to_as_the_state_firm_is_the_frames_source():
    body = (
        "SÃO PAULO — A Petrobras anunciou nesta segunda-feira a descoberta de um novo campo de petróleo.\n\n"
        "Segundo a estatal, o poço encontrou óleo de boa qualidade a 2.800 metros de profundidade."
    )
    result = enrich_text(title="", body=body, language="pt")
    assert _speakers(result)["o poço encontrou óleo de boa qualidade a 2.800 metros de profundidade"] == "Petrobras"


def test_a_body_named_by_its_kind_is_the_one_whose_name_carries_it_not_the_last_in_focus():
    body = (
        "Os trabalhadores da Metro do Porto vão fazer greve, anunciou hoje o Sindicato dos Trabalhadores dos "
        "Transportes (STT).\n\n"
        'Em comunicado, o sindicato explica que a paralisação se deve ao "impasse" nas negociações.'
    )
    result = enrich_text(title="", body=body, language="pt")
    assert _speakers(result)["impasse"] == "Sindicato dos Trabalhadores dos Transportes"


def test_a_day_word_between_the_reporting_verb_and_que_still_makes_a_report():
    body = "A ministra da Saúde, Ana Paula Martins, anunciou ontem que o SNS vai contratar 900 médicos de família."
    result = enrich_text(title="", body=body, language="pt")
    assert _speakers(result) == {"o SNS vai contratar 900 médicos de família": "Ana Paula Martins"}


def test_the_outlet_spoken_to_is_not_the_speaker_and_the_nearest_role_noun_is():
    body = (
        "A Universidade de Coimbra vai abrir um curso, anunciou hoje o reitor, Amílcar Falcão.\n\n"
        "Em declarações à agência Lusa, o responsável explicou que o curso funcionará no Polo III."
    )
    result = enrich_text(title="", body=body, language="pt")
    assert _speakers(result)["o curso funcionará no Polo III"] == "Amílcar Falcão"


def test_a_surface_frame_whose_role_names_a_body_speaks_through_the_name_in_apposition():
    # given "Segundo o <role> da <body> em <place>, <Name>, <clause>" in Portuguese
    body = (
        "Segundo o delegado da Polícia Federal em Santarém, Rui Tavares Lobo, os garimpeiros voltaram ao rio "
        "uma semana depois da operação."
    )
    # when enriched
    result = enrich_text(title="", body=body, language="pt")
    # then the clause after his name is his, not the body's
    assert _speakers(result) == {"os garimpeiros voltaram ao rio uma semana depois da operação": "Rui Tavares Lobo"}


def test_a_portuguese_gerund_after_the_attribution_reports_a_second_clause():
    # given a quote attributed with "afirmou ele", then a gerund reporting verb and "que"
    body = (
        "O prefeito de Itaituba, Osmar Quintela Braga, visitou a ponte. "
        '"A obra vai sair do papel", afirmou ele, acrescentando que o município já depositou a sua parte.'
    )
    # when enriched
    result = enrich_text(title="", body=body, language="pt")
    # then the clause after the gerund is his indirect quote
    speakers = _speakers(result)
    assert speakers["o município já depositou a sua parte"] == "Osmar Quintela Braga"


def test_a_portuguese_report_that_runs_into_a_colon_and_a_direct_quote_keeps_its_clause():
    # given "Ele disse que <clause>: "<quote>"" in Portuguese
    body = (
        "O engenheiro Caio Vasconcelos Pinto visitou a barragem. "
        'Ele disse que a estrutura resiste, mas precisa de reparos: "Não há risco imediato para a população."'
    )
    # when enriched
    result = enrich_text(title="", body=body, language="pt")
    # then the clause before the colon is his indirect quote and the quote after it his direct one
    speakers = _speakers(result)
    assert speakers["a estrutura resiste, mas precisa de reparos"] == "Caio Vasconcelos Pinto"
    assert speakers["Não há risco imediato para a população."] == "Caio Vasconcelos Pinto"
