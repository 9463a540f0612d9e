"""Direct, partial and reported speech, and who said it."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .attribution import LexicalAttributor
from .entities import COUNTRY_KEYS, EntityIndex, GenderedFocus, dependency_path, word_gender
from .lexicon import (
    ASKED_OPENERS,
    DOCUMENT_NOUNS,
    INDIRECT_VERBS,
    ORG_ROLE_NOUNS,
    PERSON_ROLE_NOUNS,
    REPORTING_VERBS,
    REPORTING_VERBS_EN,
    SCHEME_NOUNS,
    SLOGAN_BEARERS,
    TITLE_CUES,
    UNNAMED_SOURCES,
)
from .nlp import lemma_of
from .normalize import normalize_name
from .types import ExtractedQuote

# British headlines and standfirsts quote with single marks: "Regulator says operator ‘lost control’".
_CLOSERS = {"“": "”", "«": "»", "‘": "’"}
_OPENING_MARKS = ('"', "“", "«", "‘")
_REOPENERS = {"«": "«»"}
_DASHES = "—–"
_PRONOUNS = frozenset({"él", "ella", "he", "she", "ele", "ela", "il", "elle", "mismo", "misma"})
_RELATIVES = frozenset({"quien", "que", "who", "which", "quem", "qui"})
_PLURAL_PRONOUNS = frozenset({"ellos", "ellas", "they", "eles", "elas", "ils"})
_SUBJECT_DEPS = ("nsubj", "nsubj:pass", "nsubjpass", "csubj")
# Titles of someone who does not hold the office the bare noun names: a shadow, former or deputy minister.
_NOT_THE_HOLDER = re.compile(r"\b(?:shadow|former|deputy|vice|ex)\b|\bex-?ministr")
_CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "ccomp", "parataxis", "acl"})
_TITLE_CONNECTORS = frozenset(
    {"de", "del", "of", "the", "y", "and", "e", "do", "da", "dos", "das", "em", "en", "in", "a", "la", "el", "o"}
)
# Nouns a text uses in place of the role it first gave ("la alcaldesa ... la regidora", "o juiz ... o magistrado").
_ROLE_SYNONYMS = {
    "regidor": ("alcalde",),
    "regidora": ("alcaldesa", "alcalde"),
    "edil": ("alcalde", "alcaldesa", "concejal", "concejala"),
    "magistrado": ("juez", "juiz"),
    "magistrada": ("jueza", "juíza", "juez"),
    "autarca": ("presidente", "presidenta", "prefeito", "prefeita"),
    "governante": ("ministro", "ministra", "governador", "governadora"),
    "gobernante": ("ministro", "ministra", "presidente", "presidenta"),
    "mandatario": ("presidente",),
    "mandataria": ("presidenta", "presidente"),
    "titular": ("ministro", "ministra", "consejero", "consejera", "secretario", "secretaria"),
}
# Abbreviated titles and the titles they stand for ("The CEO" after "Chief Executive Danielle X").
_ROLE_EXPANSIONS = {
    "ceo": ("chief executive", "consejero delegado", "consejera delegada", "presidente executivo", "ceo"),
    "cfo": ("chief financial", "director financiero", "directora financiera", "diretor financeiro", "cfo"),
    "coo": ("chief operating", "coo"),
    "dt": ("director técnico", "director tecnico", "entrenador", "técnico", "tecnico", "dt"),
}
_COPULA_INTO_QUOTE = re.compile(r"[\s,]*(?:was|is|were|are|es|era|fue|será|sería|é|foi|seria)\s+[\"“«]")
_FRAME_WORDS = frozenset({"según", "segun", "according", "acuerdo", "segundo", "conforme", "selon"})
# What puts one person at the head of a team named by a common noun: "la defensa, a cargo del abogado X,".
_LED_BY = re.compile(
    r"(?:a cargo d[eoa]l?|encabezad[oa]s? por|liderad[oa]s? por|dirigid[oa]s? por|representad[oa]s? por|"
    r"chefiad[oa]s? por|comandad[oa]s? por|coordinad[oa]s? por|coordenad[oa]s? por|"
    r"led by|headed by|represented by|chaired by)\s"
)
_SECOND_CLAUSE = re.compile(r"\s(?:y|e|and)\s+(?:que|that)\s+", re.IGNORECASE)
_FRAME_OPENERS = ("según", "segundo", "de acuerdo con", "according to", "conforme", "selon")
_FRAME_RE = re.compile(r"\b(?:según|segun|de acuerdo con|according to|segundo|conforme|selon)\b", re.IGNORECASE)


# Verbs that name something with the quoted words: "called the pause \"a first step\"", "calificó la obra de «...»".
# Only a cue when they govern the quote itself.
_NAMING_VERBS = frozenset({"call", "dub", "describe", "label", "brand", "calificar", "tildar", "tachar", "chamar"})
# Bodies a frame can name by their kind ("de acuerdo con el organismo"); documents ("según la nota") are not sources.
_FRAME_BODIES = ORG_ROLE_NOUNS - DOCUMENT_NOUNS - frozenset({"oficina", "office"})
_INDEFINITE = frozenset({"un", "una", "a", "an", "um", "uma"})
_SPOKESPEOPLE = frozenset({"portavoz", "vocero", "vocera", "spokesperson", "spokesman", "spokeswoman", "porta-voz"})


@dataclass
class _Found:
    start: int  # first character inside the marks
    end: int  # the closing mark
    kind: str
    narrator: tuple[int, int] | None = None  # dialogue: the narrator's insert after this utterance


@dataclass
class _Speaker:
    entity: int | None
    text: str | None
    cue: str | None
    confidence: float


def _is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX")


def _gender(token: Token) -> str | None:
    """The gender a pronoun or a role noun (through its morphology or article) states."""
    by_word = word_gender(token.lower_)
    if by_word is not None:
        return by_word
    morph = token.morph.get("Gender")
    if not morph:
        det = next((c for c in token.children if c.dep_ == "det"), None)
        morph = det.morph.get("Gender") if det is not None else []
    return {"Fem": "f", "Masc": "m"}.get(morph[0]) if morph else None


def _lemma(token: Token) -> str:
    """The lemma, repaired where the model keeps a stressed vowel ("insinúa" -> "insinúar", "desafía" -> "desafíar")."""
    lemma = lemma_of(token).lower()
    if lemma.endswith(("íar", "úar")):
        return lemma[:-3] + ("i" if lemma[-3] == "í" else "u") + "ar"
    return lemma


def _reporting(token: Token, verbs: frozenset[str] = REPORTING_VERBS) -> bool:
    # The part of speech first: lemmas are made on request (nlp.lemma_of), and most tokens are no verb.
    return token.pos_ != "NOUN" and _is_verb(token) and (token.lower_ in verbs or _lemma(token) in verbs)


def find_quoted_spans(*, text: str, paragraphs: Sequence[tuple[int, int]]) -> list[_Found]:
    """Spans between “”, «» and straight quotes; a quote left open and reopened in the next paragraph is one."""
    found: list[_Found] = []
    para_starts = [s for s, _e in paragraphs]
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _CLOSERS or ch == '"':
            end = _find_close(text, i, para_starts)
            if end is not None:
                found.append(_Found(i + 1, end, "quoted"))
                i = end + 1
                continue
        i += 1
    for start, end in paragraphs:
        if text[start:end][:1] in _DASHES:
            found.extend(_dialogue(text, start, end))
    return sorted(found, key=lambda f: f.start)


def _find_close(text: str, open_at: int, para_starts: list[int]) -> int | None:
    opener = text[open_at]
    closer = _CLOSERS.get(opener, '"')
    if opener in '"‘' and open_at > 0 and text[open_at - 1].isalnum():
        return None  # a closing straight quote without its opener; "‘" inside a word is no opener
    depth, j = 0, open_at + 1
    while j < len(text):
        ch = text[j]
        if text.startswith("\n\n", j):
            # Left open at the end of a paragraph: the quote goes on only if the next paragraph reopens it. Spanish
            # reopens a «» quote with the closing mark ("«...\n\n»Y cuando..."), the continuation mark.
            nxt = j + 2
            if text[nxt : nxt + 1] not in _REOPENERS.get(opener, opener):
                return None
            j = nxt + 1
            continue
        if opener != '"' and ch == opener:
            depth += 1
        elif ch == closer:
            if closer == "’" and text[j + 1 : j + 2].isalpha():
                j += 1
                continue  # an apostrophe: "the ORR’s director"
            if depth == 0:
                return j
            depth -= 1
        j += 1
    return None


def _dialogue(text: str, start: int, end: int) -> list[_Found]:
    """Spanish dialogue: "—Utterance —said X—. More utterance." gives two utterances."""
    dashes = [start + m.start() for m in re.finditer(f"[{_DASHES}]", text[start:end])]
    found: list[_Found] = []
    for k in range(0, len(dashes), 2):
        u_start = dashes[k] + 1
        u_end = dashes[k + 1] if k + 1 < len(dashes) else end
        while u_start < u_end and text[u_start] in " .,;":
            u_start += 1
        while u_end > u_start and text[u_end - 1] == " ":
            u_end -= 1
        if u_end - u_start < 2:
            continue
        narrator = (dashes[k + 1] + 1, dashes[k + 2] if k + 2 < len(dashes) else end) if k + 1 < len(dashes) else None
        found.append(_Found(u_start, u_end, "dialogue", narrator))
    return found


def _is_title(text: str, quote: _Found) -> bool:
    """Titles, slogans, chants, tickers and nicknames in quote marks are not speech."""
    inner = text[quote.start : quote.end].strip()
    if quote.kind == "dialogue":
        return False
    if (
        len(inner.split()) <= 3
        and _NICKNAME_BETWEEN.search(text, 0, quote.start - 1)
        and _NAME_AFTER.match(text, quote.end + 1)
    ):
        return True  # 'Matías “el Tano” Pirri': a nickname between a first name and a surname
    if inner[:1].islower():
        return False  # titles and slogans are capitalised; "de «un ajuste de cuentas»" is speech
    lead = text[max(0, quote.start - 60) : quote.start - 1]
    # "un cartaz resumia o clima: “...”": a colon lets the sign named a few words earlier introduce the slogan.
    before = re.findall(r"[\w-]+", lead.lower())[-(6 if lead.rstrip().endswith(":") else 3) :]
    if any(w in TITLE_CUES for w in before):
        return True
    # "marcharon con pancartas que decían «...»", "vestiam camisolas com a frase "..."": what a sign or a shirt
    # reads, named a few words before with no punctuation between, is a slogan.
    tail = re.split(r"[^\w\s'’-]", lead)[-1]
    if any(w in SLOGAN_BEARERS for w in re.findall(r"[\w-]+", tail.lower())[-6:]):
        return True
    noun = re.search(r"([\w-]+)\s*$", lead)
    if noun is not None and noun.group(1).lower() in SCHEME_NOUNS:
        return True  # "el plan «Una casa para cada joven»": the scheme's name right after its noun
    words = re.findall(r"[\w'’-]+", inner)
    if not words:
        return True
    if len(words) <= 2 and inner.replace(".", "").isupper():
        return True
    return 2 <= len(words) <= 5 and all(w[0].isupper() or w.lower() in _TITLE_CONNECTORS for w in words)


# A first name right before the opening mark and a surname right after the closing one, with at most an article and
# a word or two between the marks.
_NICKNAME_BETWEEN = re.compile(r"(?<![\w'’])[A-ZÁÉÍÓÚÂÊÔÃÕÇÑ][\w'’-]+\s$")
_NAME_AFTER = re.compile(r"\s[A-ZÁÉÍÓÚÂÊÔÃÕÇÑ][\w'’-]+")


class _Locator:
    """Char offsets in the clean text -> (paragraph doc, token)."""

    def __init__(self, paragraphs: Sequence[tuple[int, int]], docs: Sequence[Doc]) -> None:
        self.starts = [s for s, _e in paragraphs]
        self.docs = docs

    def para(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def tokens(self, start: int, end: int) -> tuple[int, list[Token]]:
        p = self.para(start)
        base = self.starts[p]
        doc = self.docs[p]
        return p, [t for t in doc if start <= base + t.idx < end]


def extract_quotes(
    *,
    clean_text: str,
    paragraphs: Sequence[tuple[int, int]],
    docs: Sequence[Doc],
    index: EntityIndex,
    language: str,
    trained: bool,
) -> list[ExtractedQuote]:
    """Quoted and reported statements in text order, each with its speaker when the text names one."""
    found = [q for q in find_quoted_spans(text=clean_text, paragraphs=paragraphs) if not _is_title(clean_text, q)]
    if not trained:
        return _lexical_quotes(clean_text, paragraphs, found, index)
    resolver = _Resolver(clean_text, paragraphs, docs, index)
    return resolver.run(found)


def _lexical_quotes(
    text: str, paragraphs: Sequence[tuple[int, int]], found: list[_Found], index: EntityIndex
) -> list[ExtractedQuote]:
    """Without a parse of this language: cue verbs by their forms, speakers by their position."""
    attributor = LexicalAttributor(text, paragraphs, index)
    marks = [(q.start - 1, q.end + 1) for q in found]
    quotes: list[ExtractedQuote] = []
    previous: ExtractedQuote | None = None
    pending = sorted(found, key=lambda q: q.start)
    k = 0
    for s_start, s_end in attributor.sentences():
        while k < len(pending) and pending[k].start < s_end:
            q = pending[k]
            k += 1
            if previous is not None and text.rfind("\n\n", previous.end, q.start) >= 0:
                para = next((p for p in paragraphs if p[0] <= q.start < p[1]), None)
                # A paragraph that is one unattributed quote goes on with the speaker of the paragraph before.
                if para is None or text.rfind("\n\n", previous.end, para[0] - 1) >= 0 or not _fills(text, *para):
                    previous = None
            speaker, cue = attributor.quote_speaker(q.start, q.end, previous)
            quote = ExtractedQuote(
                text=text[q.start : q.end],
                kind=_kind(text, q, previous),
                start=q.start,
                end=q.end,
                speaker=speaker,
                speaker_text=index.entities[speaker].name if speaker is not None else None,
                cue=cue,
                confidence=0.5 if speaker is not None else 0.2,
            )
            quotes.append(quote)
            previous = quote
        quotes.extend(attributor.sentence_indirect(s_start, s_end, marks))
        attributor.notice(s_start, s_end, marks)
    return sorted(quotes, key=lambda q: q.start)


def _kind(text: str, quote: _Found, previous: ExtractedQuote | None) -> str:
    if quote.kind == "dialogue":
        return "direct"
    inner = text[quote.start : quote.end].lstrip("¿¡ ")
    before = text[: quote.start - 1].rstrip(" ")
    starts_sentence = not before or before.endswith(("\n", ":", ".", "?", "!", "”", "»", '"'))
    if inner[:1].isupper() and starts_sentence:
        return "direct"
    if previous is not None and previous.kind == "direct" and inner[:1].islower():
        between = text[previous.end + 1 : quote.start - 1]
        if len(between) < 150 and "\n" not in between and ". " not in between:
            return "direct"
    return "partial"


class _Resolver:
    def __init__(
        self, text: str, paragraphs: Sequence[tuple[int, int]], docs: Sequence[Doc], index: EntityIndex
    ) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self.docs = docs
        self.index = index
        self.locator = _Locator(paragraphs, docs)
        self.quoted: list[tuple[int, int]] = []
        # Mentions in the story's paragraphs: a dateline's agency ("LONDON (Reuters) -") reports, it does not speak.
        told = {
            i: sum(any(s <= m.start < e for s, e in paragraphs) for m in ent.mentions)
            for i, ent in enumerate(index.entities)
        }
        persons = [i for i, e in enumerate(index.entities) if e.kind == "person" and told[i]]
        orgs = [i for i, e in enumerate(index.entities) if e.kind == "organization" and told[i]]
        # Before any sentence has a subject, the article's most mentioned person/organisation is the best guess.
        self.salient_person = max(persons, key=lambda i: told[i], default=None)
        self.salient_org = max(orgs, key=lambda i: told[i], default=None)
        self.dialogue_turns: list[tuple[int, int]] = []  # (paragraph, speaker) of the current dash exchange
        self.focus = GenderedFocus(index, text)
        # Who last spoke through a reporting verb, and in which paragraph: a null subject right after is them.
        self.last_agent: tuple[int | None, Doc | None] = (None, None)
        if self.salient_person is not None:
            self.focus.saw(self.salient_person)

    def run(self, found: list[_Found]) -> list[ExtractedQuote]:
        self.quoted = [(q.start - 1, q.end + 1) for q in found]
        pending = sorted(found, key=lambda q: q.start)
        out: list[ExtractedQuote] = []
        k = 0
        for p, ((base, _end), doc) in enumerate(zip(self.paragraphs, self.docs, strict=True)):
            previous_in_para: ExtractedQuote | None = None
            before = [q for q in out if q.kind != "indirect" and q.start < base]
            if before and p and before[-1].start >= self.paragraphs[p - 1][0] and _fills(self.text, base, _end):
                # A paragraph that is one unattributed quote goes on with the last speaker of the one before.
                previous_in_para = before[-1]
            for sent in doc.sents:
                s_start, s_end = base + sent.start_char, base + sent.end_char
                in_sentence: list[_Found] = []
                while k < len(pending) and pending[k].start <= s_end:
                    if pending[k].start >= base:
                        in_sentence.append(pending[k])
                    k += 1
                for q in in_sentence:
                    speaker = self._quote_speaker(q, sent, base, previous_in_para)
                    quote = ExtractedQuote(
                        text=self.text[q.start : q.end],
                        kind=_kind(self.text, q, previous_in_para),
                        start=q.start,
                        end=q.end,
                        speaker=speaker.entity,
                        speaker_text=speaker.text,
                        cue=speaker.cue,
                        confidence=speaker.confidence,
                    )
                    out.append(quote)
                    previous_in_para = quote
                    self._remember(speaker.entity)
                    self._learn_gender(speaker.entity, speaker.text)
                    self.last_agent = (speaker.entity, doc)
                reported = self._indirect(sent, base, s_start, s_end)
                for quote in reported:
                    self._learn_gender(quote.speaker, quote.speaker_text)
                    # "Castellan said she would meet Oduya": the pronoun opening the reported clause is the speaker.
                    self._learn_gender(quote.speaker, quote.text.split(" ", 1)[0])
                out.extend(reported)
                self._update_salience(sent, base, reported)
            del p
        out.sort(key=lambda q: q.start)
        return out

    # ------------------------------------------------------------------ salience

    def _remember(self, entity: int | None) -> None:
        if entity is None:
            return
        if self.index.entities[entity].kind == "person":
            self.salient_person = entity
            self.focus.saw(entity)
        elif self.index.entities[entity].kind == "organization":
            self.salient_org = entity

    def _learn_gender(self, entity: int | None, word: str | None) -> None:
        """A person a "she"/"he" was resolved to keeps that gender, so a later pronoun of the other gender skips them
        (English first names say nothing to the name lists)."""
        if entity is None or not word or self.index.entities[entity].kind != "person":
            return
        if (gender := word_gender(word)) is not None and word.lower() not in ("el", "la", "o", "a"):
            self.focus.genders.setdefault(entity, gender)

    def _role_person(self, noun: Token) -> int | None:
        """A role noun no stated role explains ("la investigadora"): whom it named before, else the one in focus."""
        return self.focus.role_noun(noun.lower_, self.salient_person, _gender(noun))

    def _person_like(self, token: Token) -> int | None:
        """Whom a pronoun or role noun refers to when the text names no holder: the person in focus, unless the
        word's gender rules them out ("La ejecutiva" after a man spoke)."""
        return self.focus.agreeing(self.salient_person, _gender(token))

    def _body_like(self, noun: Token) -> int | None:
        """ "the bank", "el tribunal": the body in focus, unless only other bodies carry that noun in their name
        ("the Bank of Mexico"): then the one of those named last before here, else first."""
        word = normalize_name(noun.text)
        lemma = normalize_name(lemma_of(noun))
        base = next(b for (b, _e), d in zip(self.paragraphs, self.docs, strict=True) if d is noun.doc)
        frame = next((t for t in noun.sent if t.i < noun.i and t.lower_ in _FRAME_WORDS), None)
        if frame is not None:
            # "Según la agencia Fitch, ... un nivel que la firma considera «...»": the source this sentence cites.
            cited = [
                i
                for i in self.index.within(base + frame.idx, base + noun.idx)
                if self.index.entities[i].kind == "organization"
            ]
            if cited:
                return cited[0]
        named = [
            i
            for i, e in enumerate(self.index.entities)
            if e.kind == "organization" and {word, lemma} & set(normalize_name(e.name).split())
        ]
        if not named or self.salient_org in named:
            return self.salient_org
        at = base + noun.idx
        latest = [
            (max((m.start for m in self.index.entities[i].mentions if m.start < at), default=-1), i) for i in named
        ]
        last_start, last = max(latest)
        if last_start >= 0:
            return last
        if self.salient_org is not None and any(m.start < at for m in self.index.entities[self.salient_org].mentions):
            return self.salient_org  # "The agency said" before ESA is named: a description points back, not ahead
        return min(named, key=lambda i: min((m.start for m in self.index.entities[i].mentions), default=len(self.text)))

    def _update_salience(self, sent: Span, base: int, reported: Sequence[ExtractedQuote] = ()) -> None:
        """The subject of a main clause or of a reporting verb becomes the one a later "she"/"afirmó" refers to;
        not one inside a reported clause ("Según Peralta, el árbitro Lisandrello debió expulsarlo": Peralta)."""
        for token in sent:
            if any(q.start <= base + token.idx < q.end for q in reported):
                continue
            if token.dep_ in _SUBJECT_DEPS and (token.head.dep_ == "ROOT" or _reporting(token.head)):
                if token.pos_ == "NOUN" and not self._entities_in(token, base):
                    # "El consejero cerró la comparecencia": the one person holding that role comes back into focus.
                    holder = self._role_holder(token)
                    if holder is None and (
                        lemma_of(token).lower() in PERSON_ROLE_NOUNS or token.lower_ in PERSON_ROLE_NOUNS
                    ):
                        holder = self._role_person(token)
                    if holder is not None:
                        self._remember(holder)
                    continue
                found = self._entities_in(token, base)
                persons = [i for i in found if self.index.entities[i].kind == "person"]
                agents = persons + [i for i in found if self.index.entities[i].kind == "organization"]
                if persons or (agents and _reporting(token.head)):
                    self.last_agent = (agents[0], sent.doc)
                if persons:
                    # "Northwind's chief executive, Graham Oduya, welcomed": the person, not the firm before them.
                    self._remember(persons[0])
                for idx in found:
                    entity = self.index.entities[idx]
                    if entity.kind in ("person", "organization"):
                        if not persons:
                            self._remember(idx)
                        break
                    if entity.kind == "place" and normalize_name(entity.name) not in COUNTRY_KEYS:
                        self.salient_org = idx  # "el Kremlin se mostró cauto": a seat of power acting as one
                        break

    # ------------------------------------------------------------------ helpers

    def _entities_in(self, token: Token, base: int) -> list[int]:
        tokens = [
            t for t in token.subtree if not any(a.dep_ in ("acl:relcl", "relcl") for a in dependency_path(t, token))
        ]
        if not tokens:
            return []
        last = tokens[-1]
        doc = last.doc
        while not last.whitespace_ and last.i + 1 < len(doc) and (last.text == "-" or doc[last.i + 1].text == "-"):
            last = doc[last.i + 1]  # "Okafor" + "-" + "Reyes": the parser split a hyphenated surname
        start = base + tokens[0].idx
        end = base + last.idx + len(last.text)
        # "The National Union of Rail, Maritime and Transport Workers confirmed": the parser cut the subject at a
        # comma inside the name; a name that opens the subject is still its speaker.
        return self.index.within(start, end) or self.index.starting_within(start, end)

    def _inside_quote(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quoted)

    def _subject(self, verb: Token, base: int = 0) -> Token | None:
        node, steps = verb, 0
        while steps < 4:
            quoted_verb = node is not verb and self._inside_quote(base + node.idx)
            for child in node.children:
                if (
                    child.dep_ in _SUBJECT_DEPS
                    and not quoted_verb
                    and not child.is_punct
                    and child.text not in _DASHES
                    and not self._inside_quote(base + child.idx)  # "“Yo tampoco”, admitió": the words said
                ):
                    if _modifier_name(child):
                        continue
                    return child
            if node.dep_ in ("acl", "relcl") and _issued_document(node.head):
                # "La Embajada difundió un comunicado en el que celebra «...»": the statement speaks for its issuer.
                node = node.head.head
                steps += 1
                continue
            if node.dep_ in _CLIMB_DEPS and node.head is not node and not _aside_verb(node):
                if _coordinated_into_report(node):
                    # "X agregó que Perú ha cumplido ... y sostuvo que ...": the parser joined the second report
                    # to the first one's clause; its subject is the first report's speaker, not the clause's.
                    node = node.head
                node = node.head
                steps += 1
                continue
            return None
        return None

    def _resolve_subject(self, subj: Token | None, base: int, depth: int = 0) -> tuple[int | None, str | None, float]:
        if subj is None:
            return self.salient_person, None, 0.6
        lower, lemma = subj.lower_, lemma_of(subj).lower()
        text = " ".join(t.text for t in subj.subtree if t.dep_ not in ("acl:relcl", "relcl"))[:80]
        found = self._entities_in(subj, base)
        persons = [i for i in found if self.index.entities[i].kind == "person"]
        orgs = [i for i in found if self.index.entities[i].kind == "organization"]
        places = [i for i in found if self.index.entities[i].kind == "place"]
        if lower in _RELATIVES and depth < 2 and subj.head.head is not subj.head:
            return self._resolve_subject(subj.head.head, base, depth + 1)
        if lower in _PRONOUNS or lemma in _PRONOUNS:
            return self._person_like(subj), subj.text, 0.7
        if lower == "it" and _reporting(subj.head) and self.salient_org is not None:
            return self.salient_org, subj.text, 0.6  # "..., it said": the body the story is about
        if lower in _PLURAL_PRONOUNS:
            return None, subj.text, 0.3
        if lemma in UNNAMED_SOURCES and subj.morph.get("Number") == ["Plur"] and not persons:
            return None, text, 0.3  # "Fuentes del sector consultadas por EFE señalan que...": anonymous
        if lemma in _SPOKESPEOPLE or lower in _SPOKESPEOPLE:
            if persons:
                return persons[0], text, 0.9
            if orgs:
                return orgs[0], text, 0.8
            if _definite(subj) and (holder := self._role_holder(subj)) is not None:
                return holder, text, 0.8  # "ironizó la portavoz": the spokeswoman the article named
            seats = [i for i in places if normalize_name(self.index.entities[i].name) not in COUNTRY_KEYS]
            if seats and not _definite(subj):
                return seats[0], text, 0.7  # "un portavoz de Emasesa": the model's place is the speaking body
            if self.salient_org is not None:
                # "A spokesperson for the trust said": an unnamed spokesperson speaks for the body in focus.
                return self.salient_org, text, 0.7
        if len(persons) > 1:
            # "A lawyer for Reyes, Mark Pomerantz, said": the name in apposition to the role, not the client.
            named = [i for c in subj.children if c.dep_ == "appos" for i in self._entities_in(c, base) if i in persons]
            if named:
                return named[0], text, 0.9
        if persons:
            return persons[0], text, 0.9
        if (
            lemma in PERSON_ROLE_NOUNS
            or lower in PERSON_ROLE_NOUNS
            or (subj.pos_ == "NOUN" and lower.endswith(("ista", "dor", "dora")))
        ):
            if lemma in UNNAMED_SOURCES and subj.morph.get("Number") == ["Plur"]:
                return None, text, 0.4
            if _indefinite_person(subj):
                return None, text, 0.4  # "a neighbour said", "dijo una vecina": someone unnamed
            holder = self._role_holder(subj)
            return (holder if holder is not None else self._role_person(subj)), text, 0.7
        if (
            orgs
            and (lemma in ORG_ROLE_NOUNS or lower in ORG_ROLE_NOUNS)
            and self._only_in_description(subj, orgs, base)
        ):
            # "La compañía, filial del grupo chino Joyvio, aseguró": the parent named in the description is not it.
            return self._body_like(subj), text, 0.7
        if orgs:
            return orgs[0], text, 0.85
        if lemma in ORG_ROLE_NOUNS or lower in ORG_ROLE_NOUNS:
            if any(c.pos_ == "PROPN" and c.i < subj.i for c in subj.children):
                return None, text, 0.3  # "The Unite union": a body named here that the index missed, not the last one
            return self._body_like(subj), text, 0.7
        if places and subj.pos_ == "PROPN":
            return places[0], text, 0.6
        led = self._led_by(subj, base)
        if led is not None:
            return led, text, 0.7
        return None, text, 0.3

    def _led_by(self, subj: Token, base: int) -> int | None:
        """ "La defensa, a cargo del abogado X, calificó", "The defence, led by barrister X, said": a team named by a
        common noun speaks through the one person a parenthetical after it puts in charge."""
        doc = subj.doc
        after = max(t.i for t in subj.subtree) + 1
        if subj.pos_ != "NOUN" or after >= len(doc) or doc[after].text != ",":
            return None
        close = next((t.i for t in doc[after + 1 : after + 16] if t.text in (",", ";", ".")), None)
        if close is None or close >= subj.head.i:
            return None  # the parenthetical closes before the verb the team is the subject of
        inner = doc[after + 1 : close]
        if not _LED_BY.match(inner.text.lower()):
            return None
        persons = [
            i
            for i in self.index.within(base + inner.start_char, base + inner.end_char)
            if self.index.entities[i].kind == "person"
        ]
        return persons[0] if len(persons) == 1 else None

    def _only_in_description(self, subj: Token, orgs: list[int], base: int) -> bool:
        """Whether every body found in the subject is named inside an apposition headed by a common noun."""
        described: set[int] = set()
        for child in subj.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                described.update(self._entities_in(child, base))
        return all(i in described for i in orgs)

    # ------------------------------------------------------------------ quotes

    def _quote_speaker(self, q: _Found, sent: Span, base: int, previous: ExtractedQuote | None) -> _Speaker:
        doc = sent.doc
        inside = {t.i for t in doc if q.start <= base + t.idx < q.end}
        if q.kind == "dialogue":
            return self._dialogue_speaker(q, doc, base)
        # 1. A reporting verb that governs the quoted words.
        chain: list[Token] = []
        for i in sorted(inside)[:1] + sorted(inside)[-1:]:
            for anc in doc[i].ancestors:
                if anc.i not in inside and anc not in chain and not self._inside_quote(base + anc.idx):
                    chain.append(anc)
        cues = [t for t in chain if _reporting(t) or (t.pos_ == "VERB" and lemma_of(t).lower() in _NAMING_VERBS)]
        with_subject = [t for t in cues if self._subject(t, base) is not None]
        for verb in with_subject[:-1]:
            speaker = self._from_verb(verb, base)
            subj = self._subject(verb, base)
            if speaker.entity is not None or subj is None or lemma_of(subj).lower() in UNNAMED_SOURCES:
                return speaker
            if subj.lower_ in _PLURAL_PRONOUNS or subj.pos_ not in ("NOUN", "PROPN"):
                return speaker
            # "explicó que la decisión responde a «...»": a thing is no speaker; the outer reporting verb's is.
        if with_subject or cues:
            return self._from_verb((with_subject or cues)[-1 if with_subject else 0], base)
        # 2. The nearest reporting verb of the sentence outside any quote.
        q_tok = min(inside) if inside else sent.start
        outside = [t for t in sent if _reporting(t) and not self._inside_quote(base + t.idx)]
        if outside:
            return self._from_verb(min(outside, key=lambda t: abs(t.i - q_tok)), base)
        # 2b. A quote running into a later paragraph: the reporting verb after its close ("...», añadió la jefa").
        closing = self._closing_cue(q)
        if closing is not None:
            return closing
        # 3. "X rebajó la euforia: «...»" – the verb before the colon introduces the quote.
        before = self.text[: q.start - 1].rstrip()
        if before.endswith(":") and sent.root is not None and not self._inside_quote(base + sent.root.idx):
            return self._from_verb(sent.root, base)
        # 3b. "Después habló del calendario:" closing the previous paragraph introduces a quote opening this one.
        intro = self._introduced_by(q)
        if intro is not None:
            return intro
        # 4. A "según X" frame in the sentence.
        frame = self._frame(sent, base)
        if frame is not None:
            return frame
        # 5. A short following sentence: "…». Dijo."
        nxt = doc[sent.end].sent if sent.end < len(doc) else None
        if nxt is not None and len(nxt) <= 8:
            verbs = [t for t in nxt if _reporting(t)]
            if verbs:
                return self._from_verb(verbs[0], base)
        # 6. A quote continuing the previous one keeps its speaker.
        if previous is not None:
            return _Speaker(previous.speaker, previous.speaker_text, previous.cue, 0.5)
        return _Speaker(None, None, None, 0.2)

    def _closing_cue(self, q: _Found) -> _Speaker | None:
        """For a quote that ends in a later paragraph than it opens, the reporting verb of the sentence it closes in,
        after the closing mark."""
        para = self.locator.para(q.end - 1)
        if para == self.locator.para(q.start):
            return None
        base, doc = self.paragraphs[para][0], self.docs[para]
        sent = next((s for s in doc.sents if base + s.start_char <= q.end <= base + s.end_char), None)
        if sent is None:
            return None
        verbs = [t for t in sent if base + t.idx >= q.end and _reporting(t) and not self._inside_quote(base + t.idx)]
        return self._from_verb(verbs[0], base) if verbs else None

    def _introduced_by(self, q: _Found) -> _Speaker | None:
        """The main verb of a previous paragraph that ends with a colon, for a quote or dash line opening its own."""
        para = self.locator.para(q.start)
        start = self.paragraphs[para][0]
        if para == 0 or self.text[start : q.start].strip(' "“«—–¿¡'):
            return None
        prev_base = self.paragraphs[para - 1][0]
        prev_doc = self.docs[para - 1]
        if not prev_doc.text.rstrip().endswith(":"):
            return None
        last = list(prev_doc.sents)[-1]
        # "X fue el más duro en el debate:" introduces as "X habló así:" does; the parser heads it with the adjective.
        copular = any(c.dep_ == "cop" for c in last.root.children)
        if self._inside_quote(prev_base + last.root.idx) or not (_is_verb(last.root) or copular):
            return None
        return self._from_verb(last.root, prev_base)

    def _dialogue_speaker(self, q: _Found, doc: Doc, base: int) -> _Speaker:
        """A dash utterance: the person the narrator's insert names (by name or by role noun), else the turn-taking
        of the exchange: a line without an insert answers the previous line, so it is the previous-but-one speaker."""
        para = self.locator.para(q.start)
        turns = self.dialogue_turns if self.dialogue_turns and self.dialogue_turns[-1][0] >= para - 1 else []
        speaker: _Speaker | None = None
        if q.narrator is not None:
            n_start, n_end = q.narrator
            insert = [t for t in doc if n_start <= base + t.idx < n_end]
            verbs = [t for t in insert if _reporting(t)]
            named = [i for i in self.index.within(n_start, n_end) if self.index.entities[i].kind == "person"]
            if named:
                speaker = _Speaker(named[0], self.index.entities[named[0]].name, verbs[0].text if verbs else None, 0.85)
            elif verbs:
                role = next((t for t in insert if t.pos_ == "NOUN" and self._role_holder(t) is not None), None)
                unnamed = next((t for t in insert if t.pos_ == "NOUN" and _indefinite_person(t)), None)
                if unnamed is not None and role is None:
                    # "—¿Y los plazos? —le preguntó una periodista.": someone the text does not name.
                    speaker = _Speaker(None, unnamed.text, verbs[0].text, 0.4)
                elif _unnamed_plural(verbs[0]):
                    # "—¿Lo van a vender? —le preguntaron al dirigente.": they, the reporters, unnamed.
                    speaker = _Speaker(None, None, verbs[0].text, 0.4)
                elif role is not None:
                    holder = self._role_holder(role)
                    speaker = _Speaker(holder, role.text, verbs[0].text, 0.8)
                elif not any(t.dep_ in _SUBJECT_DEPS or t.pos_ in ("NOUN", "PROPN") for t in insert):
                    # "—dijo—": the speaker of this paragraph's earlier line, else the one the story is following.
                    same = [e for p, e in turns if p == para]
                    intro = None if same or turns else self._introduced_by(q)
                    entity = same[-1] if same else self.salient_person
                    if intro is not None and intro.entity is not None:
                        entity = intro.entity  # "Su portavoz lo resumió así:" then "—Llevamos... —dijo—."
                    speaker = _Speaker(entity, None, verbs[0].text, 0.6)
                else:
                    speaker = self._from_verb(verbs[0], base)
        if speaker is None:
            same = [e for p, e in turns if p == para]
            earlier = [e for p, e in turns if p < para]
            if same:
                entity = same[-1]
            elif len(earlier) >= 2 and earlier[-1] != earlier[-2]:
                entity = earlier[-2]
            else:
                entity = earlier[-1] if earlier else self.salient_person
            name = self.index.entities[entity].name if entity is not None else None
            speaker = _Speaker(entity, name, None, 0.5)
        if speaker.entity is not None:
            turns = [*turns, (para, speaker.entity)]
        self.dialogue_turns = turns
        return speaker

    def _role_holder(self, noun: Token) -> int | None:
        """The one person of the article whose stated role is this noun ("el alcalde", "la portavoz")."""
        word = noun.lower_
        if word not in PERSON_ROLE_NOUNS and lemma_of(noun).lower() not in PERSON_ROLE_NOUNS:
            return None
        stems = {w[:-1] if len(w) > 4 and w[-1] in "aoe" else w for w in (word, *_ROLE_SYNONYMS.get(word, ()))}
        holders = []
        for i, entity in enumerate(self.index.entities):
            if entity.kind != "person" or not entity.role:
                continue
            words = re.findall(r"\w+", entity.role.lower())
            if any(phrase in " ".join(words) for phrase in _ROLE_EXPANSIONS.get(word, ())) or any(
                w == word or (len(w) > 4 and w.startswith(stem) and len(w) - len(stem) <= 2)
                for w in (*words[:2], *words[-1:])  # "Social Welfare Secretary": an English title's noun comes last
                for stem in stems
            ):
                holders.append(i)
        if len(holders) > 1:
            # "the minister" after "Energy Minister A" and "Shadow Energy Minister B": the one who holds the office.
            holders = [i for i in holders if not self._qualified_holder(i)] or holders
        if len(holders) == 1:
            return holders[0]
        if self.salient_person in holders:
            return self.salient_person
        return None

    def _qualified_holder(self, entity: int) -> bool:
        """Whether the person's title, before their first mention, says they do not hold the office itself."""
        first = min((m.start for m in self.index.entities[entity].mentions), default=None)
        if first is None:
            return False
        before = self.text[max(0, first - 40) : first].lower()
        return _NOT_THE_HOLDER.search(before) is not None

    def _from_verb(self, verb: Token, base: int) -> _Speaker:
        subj = self._subject(verb, base)
        if subj is None and (named := self._preceding_name(verb, base)) is not None:
            return _Speaker(named, self.index.entities[named].name, verb.text, 0.6)
        agent, doc = self.last_agent
        if subj is None and doc is verb.doc and agent is not None and self.index.entities[agent].kind == "organization":
            # "La OCU ha pedido que ... «...», sostuvo.": the body that just spoke, not the person in focus.
            return _Speaker(agent, None, verb.text, 0.6)
        entity, text, confidence = self._resolve_subject(subj, base)
        return _Speaker(entity, text, verb.text, confidence)

    def _preceding_name(self, verb: Token, base: int) -> int | None:
        """The parser lost the subject: take a name opening the clause, if no other verb stands between."""
        sent = verb.sent
        floor = base + _after_asked_opener(sent, verb)
        found = [
            i
            for i in self.index.within(floor, base + verb.idx)
            if self.index.entities[i].kind in ("person", "organization")
            and any(
                floor <= m.start and m.end <= base + verb.idx and not self._inside_quote(m.start)
                for m in self.index.entities[i].mentions
            )  # a name inside the quote ("«Hemos pedido a la Junta...», añadió") is not who speaks
        ]
        if not found:
            return None
        last = found[-1]
        mention_end = max(
            m.end
            for m in self.index.entities[last].mentions
            if m.end <= base + verb.idx and not self._inside_quote(m.start)
        )
        between = [
            t for t in sent if mention_end <= base + t.idx < base + verb.idx and not self._inside_quote(base + t.idx)
        ]
        if any(t.pos_ == "VERB" and "Fin" in t.morph.get("VerbForm") for t in between):
            return None
        return last

    def _frame(self, sent: Span, base: int) -> _Speaker | None:
        for token in sent:
            if token.lower_ in ("según", "segun", "according", "acuerdo", "segundo", "conforme", "selon"):
                span = self._frame_source(token)
                if span is None:
                    continue
                head, _start, _end = span
                entity, text, confidence = self._resolve_source(head, base)
                if entity is not None:
                    return _Speaker(entity, text, token.text, confidence)
        return None

    def _frame_source(self, token: Token) -> tuple[Token, int, int] | None:
        doc = token.doc
        if token.lower_ == "according" and (token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to"):
            return None
        if token.lower_ == "acuerdo" and (token.i == 0 or doc[token.i - 1].lower_ != "de"):
            return None
        if token.lower_ == "segundo" and (token.i + 1 >= len(doc) or doc[token.i + 1].pos_ not in ("DET", "PROPN")):
            return None
        # The source noun: the head of the frame word (UD "case"), else the next noun or name.
        head = token.head if token.dep_ in ("case", "mark", "fixed") and token.head.i > token.i else None
        if token.lower_ == "according":
            head = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
        if head is None:
            for t in doc[token.i + 1 : token.i + 6]:
                if t.pos_ in ("NOUN", "PROPN", "PRON"):
                    head = t
                    break
        if head is not None and _is_verb(head) and _reporting(head):
            # "según informó la compañía", "segundo disse o ministro": the source is the verb's subject.
            subject = next((c for c in head.children if c.dep_ in _SUBJECT_DEPS), None)
            if subject is None:
                # "según ha informado la Consejería": the parser takes the inverted subject for an object.
                subject = next((c for c in head.children if c.dep_ == "obj" and c.i > head.i), None)
            if subject is None:
                return None
            sub = list(head.subtree)
            return subject, sub[0].i, sub[-1].i
        if head is None:
            return None
        sub = list(head.subtree)
        return head, sub[0].i, sub[-1].i

    def _resolve_source(self, head: Token, base: int) -> tuple[int | None, str | None, float]:
        found = self._entities_in(head, base)
        text = " ".join(t.text for t in head.subtree)[:80]
        lower, lemma = head.lower_, lemma_of(head).lower()
        if lemma in UNNAMED_SOURCES or lower in UNNAMED_SOURCES:
            return None, text, 0.3
        persons = [i for i in found if self.index.entities[i].kind == "person"]
        orgs = [i for i in found if self.index.entities[i].kind == "organization"]
        if persons:
            return persons[0], text, 0.85
        if orgs:
            return orgs[0], text, 0.8
        if found or head.morph.get("Number") == ["Plur"]:
            return None, text, 0.3
        # "Según ella", "de acuerdo con el regulador", "according to the minister": whom the text is following.
        if lower in _PRONOUNS:
            return self._person_like(head), text, 0.7
        if lemma in PERSON_ROLE_NOUNS or lower in PERSON_ROLE_NOUNS:
            holder = self._role_holder(head)
            return (holder if holder is not None else self._role_person(head)), text, 0.7
        if (lemma in _FRAME_BODIES or lower in _FRAME_BODIES) and head.morph.get("Definite") != ["Ind"]:
            # "Según la federación": the federation named before, not merely the body last in focus.
            return self._body_like(head), text, 0.7
        return None, text, 0.3

    # ------------------------------------------------------------------ reported speech

    def _indirect(self, sent: Span, base: int, s_start: int, s_end: int) -> list[ExtractedQuote]:
        out: list[ExtractedQuote] = []
        doc = sent.doc
        for verb in sent:
            if not (_reporting(verb, INDIRECT_VERBS)) or self._inside_quote(base + verb.idx):
                continue
            clause = self._reported_clause(verb, sent) or self._fronted_clause(verb, sent, base)
            if clause is None:
                continue
            first, last = clause
            subj = self._subject(verb, base)
            if subj is None and (named := self._preceding_name(verb, base)) is not None:
                entity, text, confidence = named, self.index.entities[named].name, 0.6
            else:
                entity, text, confidence = self._resolve_subject(subj, base)
            if entity is None:
                continue
            out.append(self._make_indirect(doc, base, first, last, entity, text, verb.text, confidence))
        out.extend(self._frame_indirect(sent, base))
        return [q for q in out if q is not None]

    def _make_indirect(
        self, doc: Doc, base: int, first: int, last: int, entity: int, text: str | None, cue: str, confidence: float
    ) -> ExtractedQuote | None:
        if first >= len(doc) or last >= len(doc) or first > last:
            return None
        while last > first and doc[last].is_punct and doc[last].text != "%":
            last -= 1
        while first < last and doc[first].is_punct:
            first += 1
        start, end = base + doc[first].idx, base + doc[last].idx + len(doc[last].text)
        overlapping = [e for s, e in self.quoted if s < end and start < e]
        if overlapping:
            # "aseguró que el proyecto «...» y que las cifras ...": the second reported clause stands on its own.
            tail = _SECOND_CLAUSE.search(self.text, max(overlapping), end)
            # "sostiene que el dragado cumple ... y que la turbidez «...»": so does the first.
            head = _first_clause_end(self.text, start, min(s for s, e in self.quoted if s < end and start < e))
            if tail is not None:
                start = tail.end()
            elif head is not None:
                end = head
            else:
                return None
        if len(self.text[start:end].split()) < (5 if overlapping else 3) or any(
            s < end and start < e for s, e in self.quoted
        ):
            return None
        gap = self.text[end : end + 3]
        if not overlapping and gap.lstrip(" ,:")[:1] in _OPENING_MARKS and ":" not in gap:
            # "respondió que el Gobierno «no va a negociar»": the clause runs into the quoted fragment; a colon
            # ("said the dam needed repairs: «...»") ends the report before a direct quote instead.
            return None
        if not overlapping and _COPULA_INTO_QUOTE.match(self.text, end):
            return None  # "that turnout, at 36 per cent, was «the lowest»": the parser cut the clause before its verb
        self.quoted.append((start, end))
        self._remember(entity)
        return ExtractedQuote(
            text=self.text[start:end],
            kind="indirect",
            start=start,
            end=end,
            speaker=entity,
            speaker_text=text,
            cue=cue,
            confidence=round(confidence * 0.9, 3),
        )

    def _reported_clause(self, verb: Token, sent: Span) -> tuple[int, int] | None:
        doc = sent.doc
        asides = _aside_commas(doc, verb.i + 1, sent.end)
        # "told reporters at the company's headquarters in Titusville that ...": a complement may come first.
        for t in doc[verb.i + 1 : min(sent.end, verb.i + 12)]:
            if t.i in asides:
                continue
            # The small Spanish model tags a complementiser after a noun as PRON ("defendió ante los analistas que").
            if t.lower_ in ("que", "that") and (
                (t.pos_ in ("SCONJ", "ADP", "PRON") and t.dep_ in ("mark", "fixed")) or _after_complement(verb, t)
            ):
                head = t.head if t.head.i > t.i else None
                if head is None:
                    return None
                last = _clause_end(head)
                # "aseguró que ... y que ...": the coordinated clause is part of the report.
                while (
                    last + 2 < sent.end
                    and doc[last + 1].lower_ in ("y", "and", "e")
                    and doc[last + 2].lower_
                    in (
                        "que",
                        "that",
                    )
                ):
                    last = max(x.i for x in doc[last + 2].head.subtree) if doc[last + 2].head.i > last else last + 2
                    if doc[last].i <= t.i:
                        break
                return t.i + 1, min(last, sent.end - 1)
            if t.is_punct or (_is_verb(t) and t.dep_ != "aux"):
                break
        for child in verb.children:
            # English drops "that": "insisted the offer was fair", "acknowledged she had sympathy".
            if child.dep_ == "ccomp" and child.i > verb.i and lemma_of(verb).lower() in REPORTING_VERBS_EN:
                sub = list(child.subtree)
                if verb.i < sub[0].i <= verb.i + 4 and not any(
                    t.is_punct and t.text in ",:" for t in doc[verb.i : sub[0].i]
                ):
                    start = sub[0].i + (1 if sub[0].lower_ == "that" else 0)
                    return start, _before_next_report(doc, start, _coordinated_report_end(verb, child, sub[-1].i))
        return None

    def _fronted_clause(self, verb: Token, sent: Span, base: int) -> tuple[int, int] | None:
        """ "<clause>, the FAA said.", "<clause>, said Caleb Strand, who ...", "<clause>, afirmó el abogado.": the
        report opens the sentence and the attribution follows it after a comma."""
        doc = sent.doc
        subj = self._subject(verb, base)
        own = {t.i for t in subj.subtree} if subj is not None and subj.head.i == verb.i else set()
        clauses = [sorted(t.i for t in c.subtree) for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i]
        if verb.dep_ == "parataxis" and verb.head.i < verb.i:
            # "<clause>, the Bank of Ghana said, as ...": the parser hung the attribution from the report.
            clauses.append(sorted(t.i for t in verb.head.subtree if t.i < verb.left_edge.i))
        for inside in clauses:
            while inside and doc[inside[-1]].text in (",", ";", ":"):
                inside.pop()  # the comma before the attribution may hang from the clause ("3%," keeps its sign)
            if not inside or inside[0] != sent.start or inside[-1] + 1 >= verb.i or doc[inside[-1] + 1].text != ",":
                continue
            if all(i in own for i in range(inside[-1] + 2, verb.i)):
                return inside[0], inside[-1]
        return None

    def _frame_indirect(self, sent: Span, base: int) -> list[ExtractedQuote | None]:
        out: list[ExtractedQuote | None] = []
        doc = sent.doc
        for token in sent:
            if token.lower_ not in ("según", "segun", "according", "acuerdo", "segundo", "conforme", "selon"):
                continue
            source = self._frame_source(token)
            if source is None:
                continue
            head, _s_first, s_last = source
            entity, text, confidence = self._resolve_source(head, base)
            if entity is None:
                continue
            frame_first = token.i - 1 if token.lower_ == "acuerdo" else token.i
            lead = [t for t in doc[sent.start : frame_first] if not t.is_punct]
            if not lead:  # fronted: "Según X, <clause>."
                first = s_last + 1
                if first >= sent.end - 1:
                    # The parser hung the clause from the source ("According to X's head, Monde Bala, only 12% ..."):
                    # the clause starts after the comma that closes the source's name.
                    named_end = max(
                        (
                            m.end
                            for m in self.index.entities[entity].mentions
                            if base + sent.start_char <= m.start < base + sent.end_char
                        ),
                        default=None,
                    )
                    comma = next(
                        (t.i for t in sent if named_end is not None and base + t.idx >= named_end and t.text == ","),
                        None,
                    )
                    first = comma + 1 if comma is not None else first
                while first < sent.end and doc[first].is_punct:
                    first += 1
                out.append(self._make_indirect(doc, base, first, sent.end - 1, entity, text, token.text, confidence))
            else:  # trailing: "<clause>, según X."
                lemma = lemma_of(head).lower()
                if not self._entities_in(head, base) and (lemma in _FRAME_BODIES or head.lower_ in _FRAME_BODIES):
                    # "Iberdrola interrumpió el suministro, según informó la compañía": the body the clause is about.
                    subject_orgs = [
                        i
                        for t in lead
                        if t.dep_ in _SUBJECT_DEPS and t.pos_ == "PROPN"  # the body itself, not "the approval by X"
                        for i in self._entities_in(t, base)
                        if self.index.entities[i].kind == "organization"
                    ]
                    entity = subject_orgs[0] if subject_orgs else entity
                out.append(
                    self._make_indirect(doc, base, sent.start, frame_first - 1, entity, text, token.text, confidence)
                )
        return out


def _issued_document(noun: Token) -> bool:
    """A statement, note or letter that a verb's subject issued: "difundió un comunicado", "issued a statement"."""
    return noun.dep_ in ("obj", "dobj") and noun.head is not noun and lemma_of(noun).lower() in DOCUMENT_NOUNS


def _coordinated_into_report(verb: Token) -> bool:
    """A reporting verb the parser made a conjunct of the clause another reporting verb reports."""
    head = verb.head
    return (
        verb.dep_ == "conj"
        and _reporting(verb)
        and head.dep_ == "ccomp"
        and head.head is not head
        and _reporting(head.head)
    )


def _modifier_name(subj: Token) -> bool:
    """ "..., a San Jose startup whose ..., arguing that": a proper name under the English indefinite article modifies a
    noun the parser read as a verb; it is no subject, and the climb goes on to the clause the participle hangs from."""
    return (
        subj.doc.lang_ == "en"
        and subj.pos_ == "PROPN"
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in subj.children)
    )


def _aside_verb(verb: Token) -> bool:
    """ "La segunda grúa, añadió, funcionará el lunes": a bare reporting verb set off by commas inside a clause; the
    clause's subject is what is reported on, not who speaks."""
    doc = verb.doc
    return (
        verb.dep_ == "parataxis"
        and 0 < verb.i < len(doc) - 1
        and doc[verb.i - 1].text == ","
        and doc[verb.i + 1].text == ","
        and _reporting(verb)
    )


def _aside_commas(doc: Doc, start: int, end: int) -> set[int]:
    """The commas around a short aside between a reporting verb and its "que" ("Añadió, sin embargo, que ...",
    "She said, however, that ..."): the aside holds no verb and the report goes on after it."""
    if start >= end or doc[start].text != ",":
        return set()
    for close in range(start + 2, min(end - 1, start + 5)):
        if doc[close].text == ",":
            inner = doc[start + 1 : close]
            if doc[close + 1].lower_ in ("que", "that") and not any(t.is_punct or _is_verb(t) for t in inner):
                return {start, close}
            break
    return set()


def _after_complement(verb: Token, que: Token) -> bool:
    """ "explicó en una cadena nacional que los cortes ...": the parser read "que" as a relative pronoun of the noun
    before it, but that noun sits in a prepositional phrase of the verb, so "que" opens the report ("explicó las
    medidas que tomará" keeps its relative clause)."""
    if que.pos_ != "PRON" or que.head.i <= que.i:
        return False
    nouns = [t for t in que.doc[verb.i + 1 : que.i] if t.pos_ in ("NOUN", "PROPN")]
    if any(n.head.i == verb.i and n.dep_ == "obj" and not any(c.dep_ == "case" for c in n.children) for n in nouns):
        # "reclaman 50.000 euros por los daños que les causó ...": the verb's object is already a noun, so "que"
        # relates to a noun and opens no report.
        return False
    return (
        bool(nouns) and any(c.dep_ == "case" for c in nouns[-1].children) and nouns[-1].head.i in (verb.i, que.head.i)
    )


def _definite(noun: Token) -> bool:
    """ "la portavoz", "the spokesman", "su vocero": a noun with a definite article or a possessive (spaCy marks
    definiteness on the article, not on the noun)."""
    return any(
        c.dep_ in ("det", "nmod:poss", "poss")
        and (c.morph.get("Definite") == ["Def"] or c.morph.get("Poss") == ["Yes"])
        for c in noun.children
    )


def _unnamed_plural(verb: Token) -> bool:
    """A third-person plural verb with no subject of its own ("le preguntaron", "they asked" has one)."""
    return (
        verb.morph.get("Number") == ["Plur"]
        and verb.morph.get("Person") == ["3"]
        and not any(c.dep_ in _SUBJECT_DEPS and not c.is_punct and c.text not in _DASHES for c in verb.children)
    )


def _indefinite_person(noun: Token) -> bool:
    """ "una periodista", "a neighbour", "um vizinho": a role or source noun with an indefinite article."""
    lower, lemma = noun.lower_, lemma_of(noun).lower()
    person = lower in PERSON_ROLE_NOUNS or lemma in PERSON_ROLE_NOUNS or lemma in UNNAMED_SOURCES
    return person and any(c.dep_ == "det" and c.lower_ in _INDEFINITE for c in noun.children)


def _fills(text: str, start: int, end: int) -> bool:
    """Whether the paragraph is a single quotation: it opens with a mark and its last mark closes it."""
    para = text[start:end].rstrip()
    return para[:1] in ('"', "“", "«") and para.rstrip(".").endswith(('"', "”", "»"))


def _after_asked_opener(sent: Span, verb: Token) -> int:
    """Where a sentence's possible subjects start: after "Preguntado por X, ..." up to the last comma before the
    verb, else at the sentence start (offsets within the paragraph's doc)."""
    if sent[0].lower_ not in ASKED_OPENERS:
        return sent.start_char
    commas = [t for t in sent if t.text == "," and t.i < verb.i]
    return commas[-1].idx + 1 if commas else sent.start_char


def _first_clause_end(text: str, start: int, quote_at: int) -> int | None:
    """End of the reported clause that a coordinated "y que «...»" follows, if the quote is in the second one."""
    last = None
    for match in _SECOND_CLAUSE.finditer(text, start, quote_at):
        last = match
    return last.start() if last is not None else None


def _coordinated_report_end(verb: Token, first: Token, last: int) -> int:
    """ "said 19 people had died, most of them swept away ..., and that six were still missing": a report the
    reporter goes on with "and that" is one report, even where the parser hangs its middle as a second complement of
    the verb; it ends with the last complement that holds the "and that"."""
    doc = verb.doc
    end = last
    for other in (c for c in verb.children if c.dep_ == "ccomp" and c.i > first.i):
        sub = [t.i for t in other.subtree]
        if any(doc[i].lower_ == "that" and doc[i - 1].lower_ == "and" for i in sub if i > 0):
            end = max(end, max(sub))
    return end


def _before_next_report(doc: Doc, start: int, last: int) -> int:
    """ "where the regulator says one in five adults has a loan, driver Hassan Bakari said he owed...": the parser may
    hang the next report's named speaker from the first clause; that clause ends at the comma before the name."""
    for c in range(start + 1, last + 1):
        if doc[c].text != ",":
            continue
        for v in range(c + 2, min(last + 2, len(doc))):
            if _is_verb(doc[v]) or (doc[v].is_punct and doc[v].text != "-"):
                if _reporting(doc[v]) and doc[v - 1].pos_ == "PROPN":
                    return c - 1
                break
    return last


def _clause_end(head: Token) -> int:
    """Last token of a reported clause, leaving out a coordinated verb or a concessive the reporter adds."""
    cut = len(head.doc)
    for child in head.children:
        if child.i <= head.i:
            continue
        marker = child.doc[child.left_edge.i].lower_
        if (child.dep_ == "conj" and child.pos_ == "VERB" and marker not in ("que", "that")) or (
            child.dep_ == "advcl" and marker in ("aunque", "although", "though", "but", "pero", "mientras")
        ):
            cut = min(cut, child.left_edge.i)
    last = max(x.i for x in head.subtree if x.i < cut)
    return last
