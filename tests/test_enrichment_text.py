from articles.enrichment.text import find_dateline, looks_like_html, prepare_text


def test_boilerplate_lines_are_set_aside():
    # given a body with an image id, a spaced-capitals credit, a byline and a comments line
    body = "Por Ana Beltrán\n\nLa alcaldesa abrió el mercado.\n884213\nR E U T E R S / J U A N\n\nComentarios (12)"
    # when it is prepared
    prepared = prepare_text(body=body)
    # then only the content stays, and each line is classified
    assert prepared.clean_text == "La alcaldesa abrió el mercado."
    assert [line.kind for line in prepared.boilerplate] == ["byline", "id", "spaced", "comments"]


def test_read_more_copyright_and_credit_lines_are_removed():
    body = "First paragraph.\nRead more: Another story\nPhoto: Tom Reyes\n© 2026 The Daily Lantern\nLeia mais: outra"
    prepared = prepare_text(body=body)
    assert prepared.clean_text == "First paragraph."


def test_paragraph_offsets_index_the_clean_text():
    prepared = prepare_text(body="Uno dos.\n\n\nTres cuatro.\nCinco.")
    assert prepared.clean_text == "Uno dos.\n\nTres cuatro.\n\nCinco."
    assert [prepared.clean_text[s:e] for s, e in prepared.paragraphs] == ["Uno dos.", "Tres cuatro.", "Cinco."]


def test_html_becomes_paragraphs():
    body = "<p>Hola <b>mundo</b>.</p><script>var x;</script><p>Adiós&nbsp;amigos.</p>"
    assert looks_like_html(body)
    assert prepare_text(body=body).clean_text == "Hola mundo.\n\nAdiós amigos."


def test_wire_credits_are_set_aside_and_datelines_read_month_day_states_and_newsroom_tags():
    from articles.enrichment.text import find_dateline

    prepared = prepare_text(body="The port reopened.\n\n(Reporting by Amani Lyimo; Editing by Tom Hallworth)")
    assert prepared.clean_text == "The port reopened."
    assert [line.kind for line in prepared.boilerplate] == ["credit"]
    nairobi = "NAIROBI, May 14 (Reuters) - Kenya"
    assert nairobi[slice(*find_dateline(nairobi).agency)] == "Reuters"
    state = find_dateline("SÃO JOSÉ DOS CAMPOS (SP) — Os trabalhadores")
    assert state.agency is None and state.region is not None
    tagged = find_dateline("PUNTA LARA (Corresponsal).- A las cinco")
    assert tagged.region is None and tagged.agency is None


def test_wire_desk_initials_and_end_marks_are_boilerplate():
    prepared = prepare_text(body="O estudo foi publicado hoje.\n\nPMF/SO // ROC\n\nLusa/Fim")
    assert prepared.clean_text == "O estudo foi publicado hoje."
    assert [line.kind for line in prepared.boilerplate] == ["initials", "initials"]


def test_a_byline_closing_with_the_reporters_location_is_boilerplate():
    prepared = prepare_text(body="Por Helena Prado Leite, de Boa Vista\n\nA polícia prendeu dois suspeitos.")
    assert prepared.clean_text == "A polícia prendeu dois suspeitos."
    assert [line.kind for line in prepared.boilerplate] == ["byline"]


def test_the_period_before_a_datelines_dash_is_not_part_of_its_region():
    from articles.enrichment.text import find_dateline

    text = "MEDELLÍN, Colombia.- La Alcaldía firmó el acuerdo."
    dateline = find_dateline(text)
    assert text[slice(*dateline.region)] == "Colombia"
    abbreviated = "CAPE CANAVERAL, Fla. (AP) — The rocket broke apart."
    assert abbreviated[slice(*find_dateline(abbreviated).region)] == "Fla."


def test_a_closing_agency_credit_is_boilerplate_but_a_bare_phrase_is_not():
    # given closing credits and short paragraphs that open the same way
    body = "El paro sigue.\n\nCon información de EFE\n\nWith Love\n\n(Com Lusa)"
    # when prepared
    prepared = prepare_text(body=body)
    # then only the credits are set aside
    assert [line.text for line in prepared.boilerplate] == ["Con información de EFE", "(Com Lusa)"]
    assert "With Love" in prepared.clean_text


def test_a_caption_closed_by_its_photo_credit_is_a_credit_line():
    # given captions that end with "Photograph:/Foto: Name/Agency", and a paragraph that only mentions a photo
    body = (
        "The pier reopened on Friday.\n"
        "Crowds on the pier at dawn. Photograph: Ellen Marsh/Reuters\n"
        "Vecinos frente al ayuntamiento de Teruel. Foto: Pablo Serrano Gil / Heraldo\n"
        "He said it was fine. Photo: it was not."
    )
    # when it is prepared
    prepared = prepare_text(body=body)
    # then both captions are credits and the last line stays content
    assert [line.kind for line in prepared.boilerplate] == ["credit", "credit"]
    assert prepared.clean_text == "The pier reopened on Friday.\n\nHe said it was fine. Photo: it was not."


def test_a_special_correspondents_tag_in_a_datelines_brackets_is_no_agency():
    # given a dateline whose brackets say who filed it, and one naming an agency
    by_envoy = find_dateline("ROSARIO (Enviado especial).- Hay tardes que nadie olvida.")
    by_agency = find_dateline("ROSARIO (Télam).- Hay tardes que nadie olvida.")

    assert by_envoy is not None and by_envoy.agency is None
    assert by_agency is not None and by_agency.agency is not None
