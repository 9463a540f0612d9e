"""Who said it, without a parser: reporting verbs by their written forms and names by position.

Used when the loaded model was trained on another language (Portuguese text through the Spanish model): its
named entities are still useful, but its parse of Portuguese verbs is not, so attribution reads the surface.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import lru_cache

from .entities import COUNTRY_KEYS, EntityIndex, GenderedFocus, word_gender
from .lexicon import (
    ASKED_OPENERS,
    DOCUMENT_NOUNS,
    INDIRECT_VERBS,
    ORG_ROLE_NOUNS,
    ORG_TYPE_NOUNS,
    PERSON_ROLE_NOUNS,
    REPORTING_VERBS,
    UNNAMED_SOURCES,
)
from .normalize import normalize_name
from .types import ExtractedQuote

# Irregular past and present forms the regular endings below do not produce.
_IRREGULAR = {
    "dizer": ("disse", "disseram", "diz", "dizem", "dizia", "dirá"),
    "decir": ("dijo", "dijeron", "dice", "dicen", "decía", "dirá"),
    "escrever": ("escreveu", "escreve"),
    "pedir": ("pediu", "pede"),
    "propor": ("propôs",),
    "fazer": ("fez",),
    "manter": ("manteve",),
    "sostener": ("sostuvo",),
    "mantener": ("mantuvo",),
    "reconocer": ("reconoció",),
    "reconhecer": ("reconheceu",),
}
# The gerund last: "declarou ela, lembrando que ..." reports a second clause through it.
_ENDINGS = {
    "ar": ("ou", "a", "aram", "am", "ava", "ó", "aron", "aba", "ará", "ando"),
    "er": ("eu", "e", "eram", "em", "ia", "ió", "ieron", "ía", "erá", "endo", "iendo"),
    "ir": ("iu", "e", "iram", "em", "ia", "ió", "ieron", "ía", "irá", "indo", "iendo"),
}
_PRONOUNS = frozenset({"ele", "ela", "él", "ella", "he", "she"})
# "segundo" as "according to", not as an ordinal after a determiner ("um segundo ensaio", "no segundo semestre").
_FRAME = re.compile(
    r"(?<!\bum )(?<!\bo )(?<!\bno )(?<!\bdo )(?<!\bao )(?<!\bpelo )(?<!\bem )(?<!\bseu )(?<!\bsua )"
    r"\b(?:segundo|según|de acordo com|de acuerdo con|according to|conforme)\s+",
    re.IGNORECASE,
)
# A coordinated clause with its own subject: ", e o Itamaraty informou que", "; la CRUE dijo que".
_NEW_CLAUSE = re.compile(r"(?:,\s+(?:e|y|and|mas|pero|but)|;)\s+")
_SECOND_CLAUSE = re.compile(r",?\s(?:y|e|and)\s+(?:que|that)\s+")
# A stop after a title or an initial ("Hospital Municipal Dr. Mário Gatti", "Estádio D. Afonso Henriques", "João M.
# Silva") ends no sentence.
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!\b[A-Z]\.)(?<!\bDr\.)(?<!\bDra\.)(?<!\bSr\.)(?<!\bSra\.)(?<!\bProf\.)(?<!\bProfa\.)"
    r"(?<!\bSto\.)(?<!\bSta\.)(?<!\bAv\.)\s+(?=[A-ZÁÉÍÓÚÂÊÔÃÕÇ«“\"—])"
)
_WORD = re.compile(r"[\w'’-]+")
_COLON_INTO_QUOTE = re.compile(r":\s*[“«\"]")
_ARTICLES = frozenset({"o", "a", "os", "as", "el", "la", "the"})
_TO_WORDS = frozenset({"à", "ao", "aos", "às", "al", "a", "to", "para"})
_UNAMBIGUOUS_TO_WORDS = frozenset({"à", "ao", "aos", "às", "to"})
# "O técnico, que ..." / "A ministra, que ...": a role noun opening the sentence, then a relative clause.
_ROLE_RELATIVE = re.compile(r"\s*(?:[OoAa]s?|El|La|The)\s+([\w-]+)\s*,\s*(?:que|quien|who)\b")


# Bodies a frame names by their kind; documents ("segundo a nota") are not sources.
_FRAME_BODIES = (ORG_ROLE_NOUNS | ORG_TYPE_NOUNS) - DOCUMENT_NOUNS
# "afirmou em nota que", "disse à Lusa que", "explicou aos jornalistas que": a short complement before "que".
_THAT_CUE = re.compile(
    r"\b([\w'’-]+)\s+(?:ainda\s+|também\s+|hoy\s+|hoje\s+|ontem\s+|ayer\s+)?"
    r"(?:(?:em|en|à|ao|aos|às|a|al|ante|perante|para|to|in|num|numa|no|na|nos|nas|nesta|neste|nessa|nesse|esta|este)"
    r"\s+(?:[\w'’-]+\s+){1,3}?)?que,?\s+"
)
_CLITICS = frozenset({"se", "lhe", "lhes", "me", "nos", "o", "a"})
# ", anunciou hoje o regulador", ", disse à Lusa a ministra": a reporting verb after the clause it reports.
_FRONTED_CUE = re.compile(r",\s+([\w'’-]+)\s+(?:hoje\s+|ontem\s+|hoy\s+|ayer\s+|today\s+)?")


def _verb_word(word: str) -> str:
    """ "queixou-se", "disse-lhe": the verb without its attached pronoun."""
    lower = word.lower()
    head, _dash, tail = lower.rpartition("-")
    return head if head and tail in _CLITICS else lower


@lru_cache(maxsize=4)
def _forms(verbs: frozenset[str]) -> frozenset[str]:
    """Conjugated forms of infinitives (third person, past and present), plus forms listed as they are."""
    out: set[str] = set()
    for verb in verbs:
        out.add(verb)
        out.update(_IRREGULAR.get(verb, ()))
        stem, ending = verb[:-2], verb[-2:]
        for suffix in _ENDINGS.get(ending, ()):
            out.add(stem + suffix)
        if ending == "ar" and stem.endswith("c"):
            out.add(stem[:-1] + "qu" + "ou")  # "sublinhou" is regular, "explicou" keeps the c
        if ending == "ir" and stem.endswith(("g",)):
            out.add(stem + "iu")
    return frozenset(out)


class LexicalAttributor:
    """Speakers for quotes and reported clauses from the text around them."""

    def __init__(self, text: str, paragraphs: Sequence[tuple[int, int]], index: EntityIndex) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self.index = index
        self.cues = _forms(REPORTING_VERBS)
        self.that_cues = _forms(INDIRECT_VERBS)
        persons = [i for i, e in enumerate(index.entities) if e.kind == "person" and e.mentions]
        orgs = [i for i, e in enumerate(index.entities) if e.kind == "organization" and e.mentions]
        self.salient_person = max(persons, key=lambda i: len(index.entities[i].mentions), default=None)
        self.salient_org = max(orgs, key=lambda i: len(index.entities[i].mentions), default=None)
        self.focus = GenderedFocus(index, text)
        if self.salient_person is not None:
            self.focus.saw(self.salient_person)

    # ------------------------------------------------------------------ helpers

    def _person_like(self, words: Sequence[str]) -> int | None:
        """The person in focus, unless the article or pronoun before the role noun states another gender
        ("O sindicalista voltou a falar" after a woman spoke)."""
        gender = next((g for w in words[:2] if (g := word_gender(w)) is not None), None)
        role = next((w for w in words[:2] if w in PERSON_ROLE_NOUNS), None)
        if role is not None:
            return self.focus.role_noun(role, self.salient_person, gender)
        return self.focus.agreeing(self.salient_person, gender)

    def _speakers_in(self, start: int, end: int) -> list[int]:
        return [i for i in self.index.within(start, end) if self.index.entities[i].kind in ("person", "organization")]

    def _seat_at(self, start: int, end: int) -> int | None:
        """ "o Itamaraty", "el Kremlin": a building or city after an article that opens the clause acts as the body
        seated there (countries are only places)."""
        lead = _WORD.match(self.text, start)
        if lead is None or lead.group(0).lower() not in _ARTICLES:
            return None
        for i in self.index.within(lead.end(), end):
            entity = self.index.entities[i]
            at = min(m.start for m in entity.mentions if m.start >= lead.end())
            if entity.kind == "place" and normalize_name(entity.name) not in COUNTRY_KEYS and at == lead.end() + 1:
                return i
            break
        return None

    def _remember(self, entity: int | None) -> None:
        if entity is None:
            return
        if self.index.entities[entity].kind == "person":
            self.salient_person = entity
            self.focus.saw(entity)
        else:
            self.salient_org = entity

    def _described(self, phrase: str, at: int | None = None) -> int | None:
        """ "o autarca", "a empresa", "ela": the last person or organisation the text put forward."""
        words = [w.lower() for w in _WORD.findall(phrase)[:4]]
        if any(w in UNNAMED_SOURCES for w in words[:3]):
            return None
        kinds = [w for w in words if w in ORG_ROLE_NOUNS or w in ORG_TYPE_NOUNS]
        last_role = max((k for k, w in enumerate(words) if w in PERSON_ROLE_NOUNS), default=-1)
        if kinds and words.index(kinds[-1]) < last_role:
            kinds = []  # "à agência Lusa, o responsável": the role noun nearest the verb is the subject
        if kinds:
            # "Em comunicado, o sindicato" after "o Sindicato dos Trabalhadores ...": the body whose name carries the
            # noun nearest the verb.
            bodies = [w for w in kinds if w not in DOCUMENT_NOUNS]
            named = self._named_body(normalize_name(bodies[-1]), at) if bodies and at is not None else None
            return named if named is not None else self.salient_org
        roles = [k for k, w in enumerate(words) if w in PERSON_ROLE_NOUNS]
        if roles:
            # "Questionada sobre o custo, a investigadora estimou": the role noun and its article, not the words
            # the clause opened with.
            return self._person_like(words[max(0, roles[-1] - 1) : roles[-1] + 1])
        return self._person_like(words)

    def _after_verb(self, start: int, limit: int) -> tuple[int | None, bool]:
        """Inverted subject: "disse à Lusa a presidente executiva, Helena X" names the speaker after the verb."""
        window_end = min(limit, start + 90)
        lead = [w.lower() for w in _WORD.findall(self.text[start:window_end])[:2]]
        if lead and lead[0] in _ARTICLES and len(lead) > 1:
            lead = lead[1:]
        if lead and (lead[0] in PERSON_ROLE_NOUNS or lead[0] in _PRONOUNS):
            # "afirmou o jogador à Sport TV": the role noun is the subject, the outlet only the addressee.
            first = self._speakers_in(start, window_end)
            named = [i for i in first if self.index.entities[i].kind == "person"]
            near = named and min(m.start for m in self.index.entities[named[0]].mentions if m.start >= start) - start
            if not named or near > 40:
                return self._person_like([w.lower() for w in _WORD.findall(self.text[start:window_end])[:2]]), True
        found = [i for i in self._speakers_in(start, window_end) if not self._addressee(i, start, window_end)]
        persons = [i for i in found if self.index.entities[i].kind == "person"]
        if persons or found:  # "declarou à Lusa o presidente ..., Rui X": the person, not the outlet
            return (persons or found)[0], True
        words = [w.lower() for w in _WORD.findall(self.text[start:window_end])[:4]]
        if any(w in PERSON_ROLE_NOUNS or w in _PRONOUNS for w in words):
            return self.salient_person, True
        if any(w in ORG_ROLE_NOUNS or w in ORG_TYPE_NOUNS for w in words):
            return self.salient_org, True
        return None, False

    def _addressee(self, entity: int, start: int, end: int, *, before_verb: bool = False) -> bool:
        """ "declarou à Lusa", "told BBC Radio": the outlet spoken to is not the speaker. Before the verb ("Em
        declarações à agência Lusa, o responsável explicou") only the unambiguous "to" words count, up to two words
        before the name, since a bare "a" there is the subject's article."""
        for m in self.index.entities[entity].mentions:
            if start <= m.start < end:
                if before_verb:
                    before = [w.lower() for w in _WORD.findall(self.text[max(start, m.start - 20) : m.start])][-3:]
                    return any(w in _UNAMBIGUOUS_TO_WORDS for w in before)
                before = self.text[max(0, m.start - 6) : m.start].lower().split()
                return bool(before) and before[-1] in _TO_WORDS
        return False

    def _sentence(self, pos: int) -> tuple[int, int]:
        p_start, p_end = next(((s, e) for s, e in self.paragraphs if s <= pos <= e), (0, len(self.text)))
        start = p_start
        for match in _SENTENCE_END.finditer(self.text, p_start, p_end):
            if match.end() > pos:
                break
            start = match.end()
        nxt = _SENTENCE_END.search(self.text, pos, p_end)
        return start, nxt.start() if nxt else p_end

    def _cue_before(self, s_start: int, q_start: int, cues: frozenset[str]) -> re.Match | None:
        last = None
        for match in _WORD.finditer(self.text, s_start, q_start):
            if _verb_word(match.group(0)) in cues:
                last = match
        return last

    def _speaker_before(self, s_start: int, cue_start: int) -> int | None:
        # The subject opens the clause: "O deputado Tiago X, do Partido Y, explicou" is Tiago X, not the party.
        opener = _WORD.match(self.text, s_start)
        if opener and opener.group(0).lower() in ASKED_OPENERS:
            # "Contactada pela Lusa, a associação considerou": who asked is not who answers.
            comma = self.text.rfind(",", s_start, cue_start)
            s_start = comma + 1 if comma >= 0 else s_start
        clauses = list(_NEW_CLAUSE.finditer(self.text, s_start, cue_start))
        if clauses:
            # "O MPF abriu um procedimento, e o Itamaraty informou que": the subject of the clause with the verb.
            after = clauses[-1].end()
            if self._speakers_in(after, cue_start):
                s_start = after
            elif (seat := self._seat_at(after, cue_start)) is not None:
                return seat
        # "Em declarações à agência Lusa, o responsável explicou": the outlet spoken to is not the speaker.
        found = [
            i
            for i in self._speakers_in(s_start, cue_start)
            if not self._addressee(i, s_start, cue_start, before_verb=True)
        ]
        persons = [i for i in found if self.index.entities[i].kind == "person"]
        opening = _ROLE_RELATIVE.match(self.text, s_start, cue_start)
        if opening and opening.group(1).lower() in PERSON_ROLE_NOUNS:
            return self.salient_person
        if persons or found:
            return (persons or found)[0]
        return self._described(" ".join(_WORD.findall(self.text[s_start:cue_start])[-4:]), cue_start)

    def _named_body(self, word: str, at: int) -> int | None:
        latest = [
            (max(m.start for m in entity.mentions if m.start < at), i)
            for i, entity in enumerate(self.index.entities)
            if entity.kind == "organization"
            and word in normalize_name(entity.name).split()
            and any(m.start < at for m in entity.mentions)
        ]
        return max(latest)[1] if latest else None

    # ------------------------------------------------------------------ quotes

    def quote_speaker(self, start: int, end: int, previous: ExtractedQuote | None) -> tuple[int | None, str | None]:
        s_start, s_end = self._sentence(start)
        after = self.text[end + 1 : min(len(self.text), end + 40)]
        match = re.match(r"[\s,.;:]*(?:[—–-]\s*)?([\w'’-]+)", after)
        if match and _verb_word(match.group(1)) in self.cues:
            verb_end = end + 1 + match.end()
            # A quote of several sentences ends the sentence its first words opened: read up to the end of the
            # sentence that carries the cue, or "disse Meireles" after "... Hoje mostrámos ..." finds no name.
            _c_start, c_end = self._sentence(verb_end)
            entity, named = self._after_verb(verb_end, max(s_end, c_end, verb_end + 1))
            entity = entity if named else self.salient_person
            self._remember(entity)
            return entity, match.group(1)
        cue = self._cue_before(s_start, start - 1, self.cues)
        if cue is not None:
            entity = self._speaker_before(s_start, cue.start())
            if entity is None:
                entity, _named = self._after_verb(cue.end(), start)
            self._remember(entity)
            return entity, cue.group(0)
        frame = _FRAME.search(self.text, s_start, s_end)
        if frame is not None:
            entity = self._frame_source(frame.end(), s_end)
            if entity is not None:
                return entity, frame.group(0).strip()
        lead_in = self.text[max(s_start, previous.end + 1 if previous else s_start) : max(s_start, start - 1)]
        if lead_in.rstrip().endswith(":"):
            # "Tabajara rejeitou a ideia: «...»": the person whose sentence introduces the quote, not the last speaker.
            at = start - 1 - len(lead_in)
            persons = [i for i in self._speakers_in(at, start - 1) if self.index.entities[i].kind == "person"]
            if persons:
                self._remember(persons[0])
                return persons[0], None
        if previous is not None:
            return previous.speaker, previous.cue
        found = self._speakers_in(s_start, s_end)
        if not found:
            # "Para ela, o estado «...»": a pronoun outside the marks points to the person the text is following.
            outside = self.text[s_start : max(s_start, start - 1)]
            if any(w.lower() in _PRONOUNS for w in _WORD.findall(outside)):
                return self.salient_person, None
        return (found[0] if found else None), None

    # ------------------------------------------------------------------ reported speech

    def _frame_source(self, start: int, limit: int) -> int | None:
        words = _WORD.findall(self.text[start : min(limit, start + 80)])[:3]
        if words and words[0].lower() in UNNAMED_SOURCES:
            return None
        if words and words[0].lower() in _PRONOUNS:
            return self.salient_person  # "Segundo ela, a Embraer ...": not the company named after the pronoun
        lead = [w.lower() for w in words]
        if lead and lead[0] in _ARTICLES:
            lead = lead[1:]
        if lead and lead[0] in _FRAME_BODIES and not (len(words) > 2 and words[2][:1].isupper()):
            # "Segundo a entidade, ...", "De acordo com a prefeitura, ..." after "a Prefeitura de Campinas": the body
            # whose name carries the noun, else the one in focus.
            named = self._named_body(normalize_name(lead[0]), start)
            return named if named is not None else self.salient_org
        if lead and lead[0] in PERSON_ROLE_NOUNS and not (len(lead) > 1 and lead[1][:1].isupper()):
            # "Segundo o magistrado, a Aneel ...": the judge the text has been following, not the name after him.
            window = min(limit, start + 90)
            named = [i for i in self._speakers_in(start, window) if self.index.entities[i].kind == "person"]
            if not named:
                return self.salient_person
            first = min(m.start for m in self.index.entities[named[0]].mentions if m.start >= start)
            between = self.text[start:first]
            if "," not in between:
                return named[0]  # "De acordo com a diretora da Anvisa Cláudia Moretti, ...": the name ends the frame
            mention_end = next(m.end for m in self.index.entities[named[0]].mentions if m.start == first)
            if between.count(",") == 1 and self.text[mention_end : mention_end + 1] == ",":
                # "Segundo o superintendente do Ibama em Mato Grosso, Rogério X, ...": the name set off by commas is
                # the role's holder, not the body the role belongs to.
                return named[0]
            if between.count(",") > 1:
                return self.salient_person
        found = self._speakers_in(start, min(limit, start + 90))
        if found:
            return found[0]
        if words and words[0].lower() in _PRONOUNS:
            return self.salient_person
        return None

    def sentences(self) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for p_start, p_end in self.paragraphs:
            bounds = [p_start] + [m.end() for m in _SENTENCE_END.finditer(self.text, p_start, p_end)] + [p_end]
            out.extend(itertools.pairwise(bounds))
        return out

    def notice(self, s_start: int, s_end: int, quoted: Sequence[tuple[int, int]]) -> None:
        """The first person (and organisation) named outside quotes is whom a later "afirmou", "ele" or "a empresa"
        refers to."""
        seen: set[str] = set()
        lead = [w.lower() for w in _WORD.findall(self.text[s_start : min(s_end, s_start + 40)])[:2]]
        if len(lead) == 2 and lead[0] in _ARTICLES and lead[1] in PERSON_ROLE_NOUNS:
            named = [
                i
                for i in self.index.within(s_start, min(s_end, s_start + 70))
                if self.index.entities[i].kind == "person"
            ]
            if named:
                # "O procurador da República Felipe Moura Campos comemorou": the noun is this person's role.
                self.focus.by_role.setdefault(normalize_name(lead[1]), named[0])
            else:
                # "O sindicalista voltou a falar": a role noun opening the sentence brings its holder back into focus.
                person = self._person_like(lead)
                if person is not None:
                    self._remember(person)
        for i in self.index.within(s_start, s_end):
            entity = self.index.entities[i]
            first = next((m.start for m in entity.mentions if s_start <= m.start < s_end), None)
            if entity.kind in seen or first is None or any(s <= first < e for s, e in quoted):
                continue
            if entity.kind == "person":
                self.salient_person = i
                self.focus.saw(i)
            elif entity.kind == "organization":
                self.salient_org = i
            seen.add(entity.kind)

    def sentence_indirect(self, s_start: int, s_end: int, quoted: Sequence[tuple[int, int]]) -> list[ExtractedQuote]:
        """ "X afirmou que <clause>" and "Segundo X, <clause>" / "<clause>, segundo X" with a named speaker."""
        sentence = self.text[s_start:s_end]
        found: list[ExtractedQuote] = []
        for match in _THAT_CUE.finditer(sentence):
            if match.group(1).lower() not in self.that_cues:
                continue
            c_start = s_start + match.end()
            c_end = s_start + len(sentence.rstrip(" .;"))
            entity = self._speaker_before(s_start, s_start + match.start())
            found.append(self._make(c_start, c_end, entity, match.group(1), quoted))
        fronted = self._fronted(s_start, s_end, quoted)
        if fronted is not None:
            found.append(fronted)
        frame = _FRAME.search(sentence)
        if frame is not None:
            comma = sentence.find(",", frame.end())
            if frame.start() == 0 and comma > 0:  # fronted: "Segundo X, <clause>."
                entity = self._frame_source(s_start + frame.end(), s_end)
                if entity is not None:
                    # "Segundo a vereadora do Urbanismo, Sofia X, o concurso ...": the clause follows the name.
                    named_end = max(
                        (m.end for m in self.index.entities[entity].mentions if s_start <= m.start < s_end),
                        default=s_start,
                    )
                    after = sentence.find(",", named_end - s_start)
                    comma = after if after > 0 else comma
                c_start, c_end = s_start + comma + 1, s_start + len(sentence.rstrip(" .;"))
            else:  # trailing: "<clause>, segundo X."
                entity = self._frame_source(s_start + frame.end(), s_end)
                c_start, c_end = s_start, s_start + sentence[: frame.start()].rstrip(" ,").__len__()
            found.append(self._make(c_start, c_end, entity, frame.group(0).strip(), quoted))
        return [q for q in found if q is not None]

    def _fronted(self, s_start: int, s_end: int, quoted: Sequence[tuple[int, int]]) -> ExtractedQuote | None:
        """ "A ERSE vai rever as tarifas, anunciou hoje o regulador.": the report opens the sentence and a reporting
        verb with its subject closes it after a comma."""
        sentence = self.text[s_start:s_end].rstrip(" .")
        for match in _FRONTED_CUE.finditer(sentence):
            if _verb_word(match.group(1)) not in self.that_cues:
                continue
            rest = _WORD.findall(sentence[match.end() :])
            if len(rest) > 10 or any(w.lower() in ("que", "that") for w in rest):
                continue
            entity, named = self._after_verb(s_start + match.end(), s_end)
            if not named or _FRAME.search(sentence, 0, match.start()):
                continue
            return self._make(s_start, s_start + match.start(), entity, match.group(1), quoted)
        return None

    def _make(
        self, start: int, end: int, entity: int | None, cue: str, quoted: Sequence[tuple[int, int]]
    ) -> ExtractedQuote | None:
        while start < end and self.text[start] in " ,":
            start += 1
        colon = _COLON_INTO_QUOTE.search(self.text, start, end)
        if colon is not None:
            end = colon.start()  # "Ela disse que <clause>: «...»": the clause ends where the direct quote opens
        overlapping = [e for s, e in quoted if s < end and start < e]
        if overlapping and entity is not None:
            # "informou que recebeu a decisão «...» e que vai recorrer": the second clause stands on its own.
            tail = re.compile(r"\s(?:y|e|and)\s+(?:que|that)\s+").search(self.text, max(overlapping), end)
            if tail is not None:
                start = tail.end()
        first_mark = next((k for k, ch in enumerate(self.text[start:end]) if ch in '“”«»"'), None)
        if first_mark is not None and entity is not None:
            # "afirmou que X e que «...»": X stands on its own; the quoted fragment is the partial.
            heads = list(_SECOND_CLAUSE.finditer(self.text, start, start + first_mark))
            if heads:
                end = heads[-1].start()
        clause = self.text[start:end]
        if entity is None or len(clause.split()) < 2 or any(s < end and start < e for s, e in quoted):
            return None
        if any(mark in clause for mark in '“”«»"'):
            return None  # the quoted fragment inside is the partial quote; the clause itself is not annotated
        self._remember(entity)
        return ExtractedQuote(
            text=clause,
            kind="indirect",
            start=start,
            end=end,
            speaker=entity,
            speaker_text=self.index.entities[entity].name,
            cue=cue,
            confidence=0.5,
        )
