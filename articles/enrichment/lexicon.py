"""Word lists the rules rely on, for Spanish, English and Portuguese (lower-case lemmas or forms)."""

from __future__ import annotations

# Verbs that introduce speech. Used for cue detection on lemmas; forms are listed too because the
# small models lemmatise unknown verb forms poorly.
REPORTING_VERBS_ES = frozenset(
    """
    decir afirmar asegurar declarar señalar indicar explicar añadir agregar destacar subrayar advertir reiterar
    expresar manifestar sostener insistir recordar precisar reconocer negar denunciar acusar anunciar responder
    agradecer celebrar resumir admitir confirmar comentar apuntar aclarar opinar estimar prometer garantizar alertar
    avisar informar revelar contar relatar argumentar defender alegar matizar puntualizar replicar contestar concluir
    escribir publicar calificar lamentar criticar reclamar pedir exigir proclamar enfatizar remarcar valorar elogiar
    atribuir reafirmar aseverar admitir ratificar desmentir reprochar asegurar tuitear sentenciar zanjar esgrimir
    argüir detallar especificar plantear proponer sugerir recalcar considerar exponer narrar relatar confesar apostillar
    bromear ironizar prever pronosticar vaticinar reivindicar rechazar justificar explicitar comunicar trasladar
    avanzar adelantar asumir constatar observar mencionar citar preguntar cuestionar limitar
    """.split()
)
REPORTING_VERBS_EN = frozenset(
    """
    say tell add state claim argue explain note warn insist announce disclose report confirm deny acknowledge admit
    reveal suggest write predict estimate stress emphasize emphasise maintain contend assert reply respond testify
    indicate concede promise vow pledge complain observe remark recall point declare comment ask answer tweet post
    caution conclude describe agree acknowledge allege told said put recount reiterate affirm
    """.split()
)
REPORTING_VERBS_PT = frozenset(
    """
    dizer afirmar declarar assegurar garantir explicar acrescentar adicionar destacar sublinhar advertir reiterar
    expressar manifestar sustentar insistir lembrar recordar precisar reconhecer negar denunciar acusar anunciar
    responder agradecer celebrar resumir admitir confirmar comentar apontar esclarecer opinar estimar prometer alertar
    avisar informar revelar contar relatar argumentar defender alegar concluir escrever publicar classificar lamentar
    criticar reclamar pedir exigir enfatizar ressaltar salientar frisar avaliar disse afirmou declarou explicou
    acrescentou destacou disseram afirma diz
    """.split()
)
REPORTING_VERBS = REPORTING_VERBS_ES | REPORTING_VERBS_EN | REPORTING_VERBS_PT

# Verbs that take a reported clause ("que"/"that"); narrower than cue verbs so that reasoning
# ("considerar que") and evaluation ("calificar de ... que") do not become indirect speech.
INDIRECT_VERBS = frozenset(
    """
    decir afirmar asegurar declarar señalar indicar explicar añadir agregar destacar subrayar advertir reiterar
    manifestar sostener insistir recordar precisar reconocer negar denunciar anunciar responder admitir confirmar
    comentar apuntar aclarar opinar estimar prometer garantizar alertar avisar informar revelar contar relatar
    argumentar alegar matizar puntualizar replicar contestar concluir escribir lamentar reclamar enfatizar remarcar
    reafirmar aseverar ratificar desmentir recalcar exponer confesar prever pronosticar vaticinar comunicar trasladar
    avanzar adelantar constatar observar subrayar
    say tell add state claim argue explain note warn insist announce disclose report confirm deny acknowledge admit
    reveal suggest write predict estimate stress emphasize emphasise maintain contend assert reply respond testify
    indicate concede promise vow pledge complain observe remark recall declare comment caution conclude allege
    reiterate affirm said told
    dizer afirmar declarar assegurar garantir explicar acrescentar destacar sublinhar advertir reiterar sustentar
    insistir lembrar recordar precisar reconhecer negar denunciar anunciar responder admitir confirmar comentar apontar
    esclarecer informar revelar contar relatar argumentar alegar concluir escrever ressaltar salientar frisar disse
    afirmou declarou explicou acrescentou destacou disseram afirma diz
    """.split()
)

# Nouns that name a person by role: "la portavoz", "el exmandatario ruso", "the minister".
PERSON_ROLE_NOUNS = frozenset(
    """
    portavoz vocero vocera ministro ministra analista jefe jefa director directora fiscal juez jueza alcalde alcaldesa
    titular canciller mandatario mandataria exmandatario exmandataria dirigente líder presidente presidenta
    expresidente expresidenta vicepresidente vicepresidenta secretario secretaria subsecretario subsecretaria
    consejero consejera diputado diputada senador senadora gobernador gobernadora embajador embajadora diplomático
    diplomática entrenador entrenadora técnico técnica capitán capitana delantero delantera jugador jugadora
    portero portera abogado abogada magistrado magistrada investigador investigadora experto experta responsable
    representante primer primera premier rey reina príncipe princesa papa pontífice general coronel comandante
    ejecutivo ejecutiva consejero delegado fundador fundadora cofundador cofundadora economista periodista
    profesor profesora catedrático catedrática doctor doctora médico médica candidato candidata regidor regidora
    concejal concejala viceministro viceministra exministro exministra exdirector exdirectora funcionario funcionaria
    gerente coordinador coordinadora comisario comisaria inspector inspectora agente sargento teniente obispo
    arzobispo cardenal sacerdote actor actriz cantante escritor escritora autor autora dirigente sindicalista
    activista alto alta enviado enviada negociador negociadora mediador mediadora
    spokesperson spokesman spokeswoman minister analyst chief head director prosecutor judge mayor chancellor leader
    president vice secretary undersecretary adviser advisor councillor councilor senator governor ambassador
    diplomat coach manager captain striker player goalkeeper lawyer attorney researcher expert representative
    premier king queen prince princess pope general colonel commander executive ceo founder cofounder co-founder
    economist journalist professor doctor candidate official officer chairman chairwoman chair economist strategist
    investor partner inspector sheriff commissioner envoy negotiator author writer actor actress singer bishop
    porta-voz ministra ministro analista chefe diretor diretora juiz juíza prefeito prefeita presidente governador
    governadora embaixador embaixadora treinador treinadora capitão advogado advogada pesquisador pesquisadora
    especialista deputado deputada senadora secretário secretária líder dirigente
    """.split()
)

# Descriptions that stand for an organisation: "la compañía", "the company said", "añade la nota".
ORG_ROLE_NOUNS = frozenset(
    """
    compañía empresa firma constructora nota comunicado oficina gobierno ministerio organismo agencia institución
    entidad club equipo consorcio grupo banco partido fiscalía tribunal comisión ayuntamiento departamento
    company firm startup group agency statement release office government ministry department bank party court
    commission council regulator team club organisation organization
    empresa companhia nota comunicado governo ministério agência entidade clube equipe equipa
    """.split()
)

# Plural or unnamed sources: statements from them get no speaker.
UNNAMED_SOURCES = frozenset(
    """
    fuente fuentes analista analistas medio medios experto expertos dato datos crítico críticos
    testigo testigos vecino vecinos aficionado aficionados observador observadores responsables
    source sources analyst analysts critic critics official officials expert experts observer observers witness
    witnesses people media outlet outlets
    fonte fontes especialistas analistas
    """.split()
)

# First words that make a name an organisation ("Ministerio de ...", "Banco ...").
ORG_HEADS = frozenset(
    """
    ministerio consejo partido banco tribunal departamento instituto universidad fiscalía audiencia confederación
    consorcio comisión agencia fundación asociación federación gobierno congreso senado parlamento ayuntamiento
    junta organización club comité oficina sindicato cámara corte juzgado servicio policía guardia ejército fuerzas
    secretaría dirección corporación compañía grupo sociedad empresa centro observatorio autoridad defensoría
    administración conferencia movimiento frente alianza coalición unión academia escuela colegio hospital museo
    real construcciones inversiones industrias transportes laboratorios aerolíneas seguros editorial grupo
    ministry council party bank court department institute university commission agency foundation association
    federation government congress senate parliament committee office union corporation company group authority
    administration center centre bureau board school college hospital museum league
    ministério conselho partido banco tribunal departamento instituto universidade comissão agência fundação
    associação federação governo congresso senado parlamento prefeitura câmara polícia exército secretaria
    """.split()
)

# Last words that make a name an organisation ("Larkspur Robotics", "The Bay Ledger").
ORG_TAILS = frozenset(
    """
    inc inc. corp corp. ltd ltd. llc plc co co. s.a. sa s.l. ag gmbh group institution research robotics capital
    partners holdings times post news ledger journal press gazette tribune herald telegraph guardian economist
    reuters bloomberg associated fc cf club university institute bank motors airlines systems technologies
    labs media network foundation fund infraestructuras inversiones servicios sistemas tecnologías energía
    ingeniería consulting logistics logística seguros
    """.split()
)

# Words that precede a quoted title, slogan or ticker rather than speech.
TITLE_CUES = frozenset(
    """
    libro película film documental serie canción disco álbum novela obra programa lema eslogan pancarta ticker
    titulado titulada titulados llamado llamada denominado denominada conocido conocida apodado apodada campaña
    operación hashtag etiqueta coreó corearon gritaban cantaban cantó mosaico cartel leyenda
    book movie documentary song album novel show slogan banner titled called dubbed so-called known nicknamed
    campaign operation chanted chant symbol
    livro filme documentário canção música novela programa lema faixa intitulado chamado chamada conhecido
    """.split()
)

# Honorifics and titles stripped from the front of names.
HONORIFICS = frozenset(
    """
    sr sr. sra sra. srta don doña dr dr. dra dra. sir mr mr. mrs mrs. ms ms. lord lady dame mx prof prof.
    """.split()
)

LEADING_ARTICLES = frozenset({"el", "la", "los", "las", "the", "o", "a", "os", "as", "le", "les", "l"})

# Lower-case words allowed inside a multi-word name ("Partido de los Trabajadores", "Bank of England").
NAME_CONNECTORS = frozenset(
    {"de", "del", "la", "las", "los", "el", "of", "the", "for", "da", "do", "das", "dos", "di", "van", "von", "der"}
)
# Extra connectors inside organisation names only ("Securities and Exchange Commission").
ORG_CONNECTORS = frozenset({"y", "e", "and", "&", "sobre", "on", "für", "et"})

PERSON_PRONOUNS = frozenset(
    {"él", "ella", "he", "she", "ele", "elu", "il", "elle", "mismo", "misma", "quien", "who", "que", "this", "él mismo"}
)

# Capitalised words that open sentences and are never names on their own.
NOT_NAMES = frozenset(
    """
    según comentarios comentario foto fotografía fuente temas tags lea leia read more photo image imagen video vídeo
    durante tras ante sin con por para desde hasta entre sobre también además sin embargo however but and yet while
    this that these those there here mientras aunque cuando donde como porque pero luego ayer hoy mañana lunes martes
    miércoles jueves viernes sábado domingo monday tuesday wednesday thursday friday saturday sunday enero febrero
    marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre january february march april may june
    july august september october november december chief
    """.split()
)

# Well-known acronyms and their full names, to merge both forms when both appear.
KNOWN_ACRONYMS: dict[str, tuple[str, ...]] = {
    "onu": ("naciones unidas", "organizacion de las naciones unidas", "organizacao das nacoes unidas"),
    "un": ("united nations",),
    "otan": ("organizacion del tratado del atlantico norte", "alianza atlantica"),
    "nato": ("north atlantic treaty organization",),
    "ue": ("union europea", "uniao europeia"),
    "eu": ("european union",),
    "eeuu": ("estados unidos",),
    "ee uu": ("estados unidos",),
    "eua": ("estados unidos",),
    "us": ("united states",),
    "usa": ("united states",),
    "u s": ("united states",),
    "uk": ("united kingdom",),
    "fmi": ("fondo monetario internacional", "fundo monetario internacional"),
    "imf": ("international monetary fund",),
    "oms": ("organizacion mundial de la salud", "organizacao mundial da saude"),
    "who": ("world health organization",),
    "bce": ("banco central europeo", "banco central europeu"),
    "ecb": ("european central bank",),
    "fbi": ("federal bureau of investigation",),
    "cia": ("central intelligence agency",),
    "psoe": ("partido socialista obrero espanol",),
    "pp": ("partido popular",),
}

# Country names in the three corpus languages: always places, whatever the model says.
COUNTRIES = frozenset(
    name.strip()
    for name in """
    afganistán, alemanha, alemania, angola, arabia saudita, arabia saudí, argelia, argentina, armenia, australia,
    austria, azerbaiyán, belarus, belgium, bielorrusia, bolivia, brasil, brazil, britain, bulgaria, bélgica,
    cabo verde, canada, canadá, catar, chequia, chile, china, cisjordania, colombia, corea del norte,
    corea del sur, coreia do norte, coreia do sul, croacia, croatia, cuba, denmark, dinamarca, ecuador, egipto,
    egypt, eslovaquia, eslovenia, espanha, españa, estados unidos, estonia, etiopía, filipinas, finland, finlandia,
    france, francia, frança, gaza, georgia, germany, great britain, grecia, greece, grécia, guatemala,
    guiné-bissau, holanda, honduras, hungary, hungría, india, indonesia, irak, iran, iraq, ireland, irlanda, irán,
    israel, italia, italy, itália, japan, japão, japón, jordan, jordania, kazajistán, kenia, latvia, lebanon,
    letonia, lithuania, lituania, líbano, marruecos, mexico, moldavia, moldova, morocco, moçambique, méxico,
    netherlands, nicaragua, nigeria, north korea, noruega, norway, pakistán, palestina, palestine, panamá,
    paraguay, países bajos, peru, perú, philippines, poland, polonia, polónia, polônia, portugal, qatar,
    reino unido, romania, rumanía, rusia, russia, rússia, saudi arabia, serbia, siria, south africa, south korea,
    spain, sudáfrica, suecia, suiza, suécia, suíça, sweden, switzerland, syria, tailandia, taiwan, taiwán,
    thailand, timor-leste, turkey, turquía, ucrania, ucrânia, ukraine, united kingdom, united states, uruguay,
    venezuela, vietnam, índia,
    """.split(",")
    if name.strip()
)

# Government portfolios: "viceministro de Exteriores", "subsecretaria de Estado" name a job, not an entity.
PORTFOLIOS = frozenset(
    """
    estado exteriores interior defensa economia hacienda justicia sanidad salud educacion trabajo cultura desarrollo
    energia industria comercio agricultura transporte transportes vivienda igualdad asuntos control desarme finanzas
    presidencia seguridad deportes turismo ciencia medio ambiente state defense defence treasury justice health
    education energy commerce labor labour agriculture transport housing foreign affairs homeland
    """.split()
)
