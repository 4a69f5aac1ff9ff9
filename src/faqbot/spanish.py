"""Matching Spanish messages: the English matcher's scoring over Spanish words.

The scoring in ``matching.Matcher`` (weighted tokens, coverage, precision,
leave-one-out) knows nothing of English except through its analyser. So the
Spanish matcher is a second ``Matcher`` over a *Spanish view* of the FAQ:
every phrasing (faq/phrasings.es.yaml) and answer (faq/es.yaml) is analysed
here first (accents folded, texting shorthand expanded, Spanish synonyms
applied, Spanish stopwords dropped, a light Spanish stemmer) into a string of
tokens that the English analyser then passes through unchanged. The view
carries no English synonyms and no English handoff terms, so the vocabulary
of one language never applies to the other: "la" is never Los Angeles in a
Spanish message.

Spanish handoff topics (costo, seguro, Medi-Cal, dosis, embarazo ...) are
found here, on the folded text, before any scoring, with the same rules as
in English: context topics anywhere, the others only in what is asked, and a
topic raised only by the story within the English topic's scope.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from .faq import Faq, FaqEntry, FaqError, Problem, SmallTalk, Thresholds
from .language import detect
from .matching import Candidate, Match, Matcher
from .message import Analysed, analyse
from .smalltalk import _CLOSERS
from .text import SHORTHAND, STOPWORDS, TermFilter, fold, split_sentences
from .translations import Translation, load_translation, translation_path

log = logging.getLogger(__name__)

PHRASINGS_FILE = "phrasings.{lang}.yaml"

# Dropped: articles, prepositions, pronouns, auxiliaries, courtesy words.
STOPWORDS_ES = frozenset(
    """
    a al ante bajo con contra de del desde en entre hacia hasta para por segun
    sin sobre tras el la los las lo un una unos unas y e o u ni pero sino se me
    te le les nos mi mis tu tus su sus nuestro nuestra nuestros nuestras yo
    usted ustedes ella ellos ellas nosotros nosotras este esta estos estas ese
    esa esos esas esto eso aquel aquella es son ser soy eres era eran fue
    fueron sea sido estar estan estoy estaba estamos he ha han has hemos haber
    habia hay tengo tiene tienen tener tenia tenemos tendria puedo puede
    pueden podria podrian poder podemos pudiera muy mas menos tan tanto ya si
    aqui alla ahi asi bien algo alguien algun alguna alguno algunos algunas
    cualquier todo todos toda todas otro otra otros otras hola gracias favor
    buenas buenos tardes noches ok okey pues entonces bueno oye oiga disculpe
    disculpa perdon saber preguntar estimado estimada senor senora sr sra cosa
    cosas eso esto ese del lo le les etc exactamente realmente verdad mucho
    mucha muchos muchas poco poca porfa hace hacen
    ahorita ahora nada puro pura vez vi lei escuche oi
    ay uy wepa chale hijole ups
    explicar explicarme explique expliquen explica brevemente realidad
    """.split()
)
# Words kept at a fraction of their weight, as English tokens of the same
# meaning: the English analyser then weighs them by how common they are in
# English ("what", "how", "want" count little; see matching.Knobs.light_share).
LIGHT_ES = {
    "que": "what",
    "como": "how",
    "cual": "which",
    "cuales": "which",
    "donde": "where",
    "cuando": "when",
    "cuanto": "many",
    "cuanta": "many",
    "cuantos": "many",
    "cuantas": "many",
    "porque": "why",
    "quien": "who",
    "quienes": "who",
    "no": "not",
    "quiero": "want",
    "quisiera": "want",
    "queria": "want",
    "quiere": "want",
    "gustaria": "want",
    "necesito": "need",
    "necesita": "need",
    "hablar": "talk",
    "decir": "say",
    "dicen": "say",
    "dar": "give",
    "dan": "give",
    "da": "give",
    "hacer": "make",
    "hago": "make",
    "ir": "go",
    "voy": "go",
    "ver": "see",
    "tambien": "also",
    "persona": "person",
    "personas": "people",
    "gente": "people",
    "informacion": "information",
    "pregunta": "question",
    "preguntas": "question",
    "tipo": "kind",
    "normalmente": "usually",
}
_SUFFIXES = (
    "amientos imientos amiento imiento aciones uciones idades mente acion ucion"
    " idad ables ibles able ible ancias encias ancia encia ando iendo ados idos"
    " adas idas ado ido ada ida aron ieron aban ian aba aria eria iria ar er ir"
    " as es os an en a e o s"
).split()
_WORD_RE = re.compile(r"[a-z0-9$]+")
_QUESTION_START = frozenset(
    "que como cual cuales donde cuando cuanto cuanta cuantos cuantas porque quien"
    " puedo puede pueden hay tienen tiene es son existe sirve funciona".split()
)


@lru_cache(maxsize=16384)
def stem_es(word: str) -> str:
    """A light Spanish suffix stripper: plural, gender and common verb endings.

    >>> [stem_es(w) for w in ["migranas", "duracion", "durar", "clinicas", "dias"]]
    ['migran', 'dur', 'dur', 'clinic', 'dia']
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class Phrasings:
    """What the matcher learns for one language (faq/phrasings.<lang>.yaml)."""

    path: str
    shorthand: Mapping[str, str]
    synonyms: Mapping[str, str]
    topics: Mapping[str, tuple[str, ...]]
    context_topics: frozenset[str]
    smalltalk: Mapping[str, tuple[str, ...]]
    entries: Mapping[str, tuple[str, ...]]
    thresholds: Thresholds
    # Topics the best entry still answers when its own answer says the term
    # ("fibromialgia" to the chronic-pain answer, "depresion" to the
    # depression one); to any other entry they go to staff.
    answerable_topics: frozenset[str] = frozenset()


def phrasings_path(faq_path: str | Path, lang: str) -> Path:
    """Where the ``lang`` phrasings of the FAQ at ``faq_path`` live."""
    return Path(faq_path).parent / PHRASINGS_FILE.format(lang=lang)


def load_phrasings(path: str | Path, faq: Faq) -> Phrasings:
    """Read and check a phrasings file against the English FAQ's ids."""
    file = str(path)
    problems: list[Problem] = []

    def fail(entry: str | None, fld: str | None, message: str) -> None:
        problems.append(Problem(file, entry, fld, message))

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise FaqError([Problem(file, None, None, f"cannot read: {exc}")]) from None
    if not isinstance(data, dict):
        raise FaqError([Problem(file, None, None, "must be a YAML mapping")])

    def texts(value: Any, where: str, entry: str | None = None) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(
            isinstance(v, str | int) and str(v).strip() for v in value
        ):
            fail(entry, where, "must be a list of texts")
            return ()
        return tuple(str(v).strip() for v in value)

    shorthand = {
        fold(str(k)): fold(str(v)) for k, v in (data.get("shorthand") or {}).items()
    }
    synonyms: dict[str, str] = {}
    for canonical, variants in (data.get("synonyms") or {}).items():
        for variant in texts(variants, f"synonyms.{canonical}"):
            key = " ".join(_WORD_RE.findall(fold(variant)))
            target = " ".join(_WORD_RE.findall(fold(str(canonical))))
            if key in synonyms and synonyms[key] != target:
                fail(None, f"synonyms.{canonical}", f"{variant!r} is listed twice")
            synonyms[key] = target
    topics = {
        str(name): texts(terms, f"handoff_topics.{name}")
        for name, terms in (data.get("handoff_topics") or {}).items()
    }
    context = frozenset(texts(data.get("handoff_context_topics") or [], "context"))
    for name in context - set(topics):
        fail(None, "handoff_context_topics", f"names unknown topic {name!r}")
    answerable = frozenset(
        texts(data.get("handoff_answerable_topics") or [], "answerable")
    )
    for name in answerable - set(topics):
        fail(None, "handoff_answerable_topics", f"names unknown topic {name!r}")
    smalltalk = {
        str(sid): texts(patterns, f"smalltalk.{sid}")
        for sid, patterns in (data.get("smalltalk") or {}).items()
    }
    for sid in smalltalk:
        if all(t.id != sid for t in faq.smalltalk):
            fail(sid, "smalltalk", "is not a small-talk id of the English FAQ")
    entries: dict[str, tuple[str, ...]] = {}
    for eid, items in (data.get("entries") or {}).items():
        if eid not in faq.by_id:
            fail(str(eid), None, "is not an entry of the English FAQ")
            continue
        entries[str(eid)] = texts(items, "entries", str(eid))
    for entry in faq.entries:
        if not entries.get(entry.id):
            fail(entry.id, None, "has no phrasings")
    raw = data.get("thresholds") or {}
    thresholds = Thresholds(
        **{k: float(raw[k]) for k in ("answer", "clarify", "margin") if k in raw}
    )
    if problems:
        raise FaqError(problems)
    return Phrasings(
        file,
        shorthand,
        synonyms,
        topics,
        context,
        smalltalk,
        entries,
        thresholds,
        answerable,
    )


@dataclass
class SpanishAnalyzer:
    """Spanish text -> the folded words (for topics) and matchable tokens."""

    phrasings: Phrasings
    _phrase_re: re.Pattern[str] | None = None
    _words: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A phrase meets any person or mood of its verbs: "no puedo trabajar"
        # also reads "que no puedas trabajar", "no pueda trabajar".
        phrases = {
            _lemmas(k): v for k, v in self.phrasings.synonyms.items() if " " in k
        }
        self._words = {k: v for k, v in self.phrasings.synonyms.items() if " " not in k}
        if phrases:
            alts = sorted(phrases, key=len, reverse=True)
            self._phrase_re = re.compile(
                r"\b(" + "|".join(_phrase_pattern(a) for a in alts) + r")\b"
            )
        self._phrases = phrases
        # Synonyms also meet by stem, so that a form the file does not list
        # ("adapta" beside "adaptan", "adaptar") still finds its canonical word.
        # Never from a light or stop word's family: "hablo" (to call) names
        # the telephone, but "hable", "hablan" are only ever "speak".
        light = {stem_es(w) for w in (*LIGHT_ES, *STOPWORDS_ES)}
        self._stems: dict[str, str] = {}
        for variant, canonical in self._words.items():
            if " " in canonical or variant in STOPWORDS_ES or variant in LIGHT_ES:
                continue
            if stem_es(variant) in light:
                continue
            self._stems.setdefault(stem_es(variant), stem_es(canonical))

    def folded(self, text: str) -> str:
        """Accent-folded words with texting shorthand expanded ("q" -> "que")."""
        return self.expand(fold(text))

    def expand(self, folded: str) -> str:
        """``folded`` of text already folded (``text.fold``)."""
        shorthand = self.phrasings.shorthand
        words = _WORD_RE.findall(folded.replace("%", " porcentaje "))
        return " ".join(shorthand.get(w, w) for w in words)

    def canonical(self, text: str) -> str:
        """``folded`` with the Spanish synonyms applied (phrases first)."""
        return self.canonical_of(self.folded(text))

    def canonical_of(self, norm: str) -> str:
        """``canonical`` of words already ``folded``."""
        if self._phrase_re is not None:
            norm = self._phrase_re.sub(
                lambda m: self._phrases[_lemmas(m.group(1))], norm
            )
        return _read_in_context(" ".join(self._words.get(w, w) for w in norm.split()))

    def tokens(self, text: str) -> list[str]:
        """Matchable tokens of one sentence: no stopwords, stemmed, guarded."""
        return self.tokens_of(self.folded(text))

    def tokens_of(self, folded: str) -> list[str]:
        """``tokens`` of words already ``folded``."""
        return self.tokens_canonical(self.canonical_of(folded))

    def tokens_canonical(self, canonical: str) -> list[str]:
        """``tokens`` of words already ``canonical``."""
        out = []
        for w in canonical.split():
            if w in STOPWORDS_ES or (len(w) == 1 and not w.isdigit()):
                continue
            if _LAUGH.fullmatch(w):  # "jaja", "jajaja", "jeje": no word at all
                continue
            if w in LIGHT_ES:
                out.append(LIGHT_ES[w])
                continue
            t = stem_es(w)
            t = self._stems.get(t, t)
            if t in STOPWORDS or t in SHORTHAND or t in ("4", "2"):
                t += "x"  # never an English stopword or shorthand by accident
            out.append(t)
        return out

    def analysed(self, text: str | Analysed) -> str:
        """The whole message as the English matcher reads it: sentences kept."""
        msg = analyse(text)
        out = []
        # A writer who marks questions marks them all: then "que oso, ..."
        # without a "?" is an exclamation, not a question.
        marks = "?" in msg.raw
        named: list[str] = []  # the subjects named so far, in order
        condition: list[str] = []  # the conditions among them
        for sentence in split_sentences(msg.raw.replace("¿", "\n¿")):
            for clause, asked in self.clauses(msg, sentence, marks):
                own = self.subjects(clause)
                # "de chamaca me cortaba": a stage of the writer's own past
                # names no child, for the scoring as for the topics.
                toks = self.tokens_of(_PAST_AGE.sub(" ", clause))
                if asked:
                    # "...¿es de familia eso?": "eso" stands for the subject
                    # named last; "mi mama tiene migrana..., ¿la ketamina le
                    # ayudaria?": a treatment asked about alone is asked about
                    # for the condition the story names.
                    words = clause.split()
                    points = any(w in _POINTING for w in words)
                    if points and not own and named and not _only_so(words):
                        # a treatment the story names is what "eso" asks about
                        # ("...la ketamina le salvo la vida con la depresion,
                        # que es eso?"); failing one, the last condition.
                        cure = [w for w in named if w in _TREATMENTS] or named
                        toks += self.tokens_canonical(cure[-1])
                    elif own and set(own) <= _TREATMENTS and condition:
                        # bare "dolor" only when the story names nothing surer
                        sure = [c for c in condition if c != "dolor"] or condition
                        toks += self.tokens_canonical(sure[-1])
                named += own
                condition += [w for w in own if w not in _TREATMENTS]
                if toks:
                    out.append(" ".join(toks) + ("?" if asked else "."))
        return " ".join(out)

    def subjects(self, clause: str) -> list[str]:
        """The conditions and treatments a clause of folded words names."""
        return _SUBJECT_RE.findall(self.canonical_of(clause))

    def points_back(self, msg: Analysed) -> bool:
        """True when what the message asks points back at its story ("eso")
        unresolved: no subject named before it stands in for "eso"."""
        marks = "?" in msg.raw
        named = False
        for sentence in split_sentences(msg.raw.replace("¿", "\n¿")):
            for clause, asked in self.clauses(msg, sentence, marks):
                own = bool(self.subjects(clause))
                words = clause.split()
                points = any(w in _POINTING for w in words)
                if asked and (_only_so(words) or (points and (own or not named))):
                    return True
                named = named or own
        return False

    def clauses(
        self, msg: Analysed, sentence: str, marks: bool = False
    ) -> list[tuple[str, bool]]:
        """One sentence's clauses (cut at commas and "pero"), each with whether
        it asks.

        Spanish speakers string a story and its question into one sentence
        ("mi jefe me va a matar si falto, cuantos dias dura?"): the question is
        the clause that starts with a question word, to the end (failing one,
        the last clause of a sentence with "?"). What comes before is story,
        read at the English matcher's story weight. A clause that only says
        what is *not* so ("no es emergencia", "nunca he pensado en eso") is
        no part of the question at all and is dropped.
        """
        pieces = _CLAUSE_ES.split(sentence)
        # A clause after "pero" is what the sentence turns to: never a denial
        # to drop ("..., pero la depresion no se me quita").
        turns = [False] + ["pero" in d.casefold() for d in _CLAUSE_ES.findall(sentence)]
        if len(pieces) == 1:
            kept = [(self.folded_in(msg, sentence).split(), False)]
        else:
            kept = [
                (self.folded(p).split(), t) for p, t in zip(pieces, turns, strict=True)
            ]
        # "solo quiero saber...", "nomas queria preguntar...": "only" that
        # softens a request says nothing of what is asked.
        kept = [
            (p[1:] if len(p) > 1 and p[0] in _JUST and p[1] in _REQUEST else p, t)
            for p, t in kept
        ]
        # "no sabia que ...": the frame of a piece of news, not part of it.
        kept = [(_unframed(p), t) for p, t in kept]
        kept = [(p, t) for p, t in kept if p]
        parts = [p for p, _ in kept]
        if not parts:
            return []
        marked = "?" in sentence
        start = next((i for i, p in enumerate(parts) if _opens_question(p) and i), None)
        if _opens_question(parts[0]):
            start = 0
        if start is None or (marks and not marked):
            start = len(parts) - 1 if marked else None
        if start is None and not marks:
            # "ella pregunta si la ketamina le serviria": a writer who marks
            # no question at all still asks one after "pregunta si".
            for i, p in enumerate(parts):
                at = next(
                    (
                        j
                        for j in range(len(p) - 1)
                        if p[j] in _ASKING and p[j + 1] == "si"
                    ),
                    None,
                )
                if at is not None and at + 2 < len(p):
                    before = p[:at]
                    parts[i : i + 1] = (
                        [before, p[at + 2 :]] if before else [p[at + 2 :]]
                    )
                    kept[i : i + 1] = (
                        [(before, kept[i][1]), (p[at + 2 :], False)]
                        if before
                        else [(p[at + 2 :], kept[i][1])]
                    )
                    start = i + 1 if before else i
                    break
        # A question that points back ("nunca he oido de eso, que es eso?")
        # leans on what comes before it: then nothing before it is dropped.
        lean = start is not None and any(
            w in _POINTING for p in parts[start:] for w in p
        )
        out: list[tuple[str, bool]] = []
        for i, words in enumerate(parts):
            asks = start is not None and i >= start
            turn = kept[i][1]
            if not asks and not lean and not turn and len(parts) > 1 and _denies(words):
                continue
            out.append((" ".join(words), asks))
        if start is None:  # a statement: its clauses make one sentence again
            return [(" ".join(c for c, _ in out), False)] if out else []
        story = " ".join(c for c, a in out if not a)
        asked = " ".join(c for c, a in out if a)
        return [(c, a) for c, a in ((story, False), (asked, True)) if c]

    def folded_in(self, msg: Analysed, part: str) -> str:
        """``folded`` of the message or one of its sentences, folded once per ask."""
        memo: dict[str, str] = msg.view("es.folded", dict)
        found = memo.get(part)
        if found is None:
            whole = part == msg.raw
            found = memo[part] = self.expand(msg.folded if whole else fold(part))
        return found


# Verb forms by the lemma that stands for them in a phrase synonym: the
# persons and the subjunctive a phrase written in one form does not hold
# ("que no puedas trabajar" beside "no puedo trabajar").
_VERB_FAMILIES = {
    "poder": "puedo puedes puede podemos pueden pueda puedas podamos puedan"
    " podia podias podian pudiera pudieras pudieran podria podrias podrian",
    "quitar": "quito quitas quita quitamos quitan quite quites quiten quitaba"
    " quitaban quitara quitaria quitar",
    "hacer": "hago haces hace hacemos hacen haga hagas hagamos hagan hacer",
    "tumbar": "tumba tumban tumbe tumben tumbaba",
    "tirar": "tira tiran tire tiren tiraba",
}
_LEMMA = {f: lemma for lemma, forms in _VERB_FAMILIES.items() for f in forms.split()}


def _lemmas(phrase: str) -> str:
    """A phrase with each verb form the families know put as its lemma."""
    return " ".join(_LEMMA.get(w, w) for w in phrase.split())


def _phrase_pattern(phrase: str) -> str:
    """The regex of a phrase (``_lemmas`` form) that meets any form of its verbs."""
    return r"\s".join(
        "(?:" + "|".join(_VERB_FAMILIES[w].split()) + ")"
        if w in _VERB_FAMILIES
        else re.escape(w)
        for w in phrase.split()
    )


# Canonical words read by their neighbours, after the synonyms:
# - "raro" is how rare, i.e. how common, only beside a word of commonness
#   ("¿es raro o le pasa a mucha gente?"); alone it is also "strange".
# - "¿qué terapias tienen / manejan?" asks what the clinic offers (without
#   "hay": "¿qué tratamiento hay para...?" asks what medicine offers).
# - "Normal" said of a treatment is the usual one (``_USUAL``).
# - A choice between the infusion and another form ("¿infusión o
#   pastilla?") asks how the treatment is given: what the course consists of.
_RARE = re.compile(r"\b(?:raro|rara|raros|raras|poco comun|inusual|infrecuente)\b")
_OFFERED = re.compile(
    r"\b(que (?:(?:tipo|tipos|clase|clases) de )?tratamiento)"
    r" (?:tienen|manejan|dan|hacen|aplican)\b"
)
_FORMS = r"(?:medicamentos|inyeccion|inyectada|inyectable|spray|oral|tomada|tabletas?)"
_FORM_CHOICE = re.compile(
    rf"\binfusion o (?:(?:una|un|en|por|la|el) )?{_FORMS}\b"
    rf"|\b{_FORMS} o (?:(?:una|un|en|por|la|el) )?infusion\b"
)
# "Normal" or "común" said of a treatment is the usual one ("¿los triptanes
# son el tratamiento normal?"), not how common migraine is.
_USUAL = re.compile(
    r"\b((?:tratamiento|medicamentos|triptanes|analgesicos)"
    r"(?: (?:mas|es|el|la|lo|son))*) comun\b"
)
# A headache asked of the treatment is the migraine the clinic treats with
# it ("¿la ketamina sirve para los dolores de cabeza fuertes?"); asked of
# nothing, it is the difference between the two ("¿es migraña o dolor de
# cabeza?").
_TREATS = re.compile(
    r"\b(?:ketamina|infusion)\b.*\bayuda\b|\bayuda\b.*\b(?:ketamina|infusion)\b"
)
# A migraine about to start ("me va a dar migraña", "antes de que empiece
# el dolor") is one that comes, as the warning signs say it.
_COMING = re.compile(
    r"\b(?:va a (?:dar|venir|empezar|comenzar)|empiece|empieza|comience|comienza"
    r"|venga)(?= (?:(?:el|la|una|un) )?(?:migrana|dolor|aura|ataque)\b)"
)
# Taking the pain away is relief ("la ketamina me quita el dolor"): the
# verb only, the pain or the migraine it names still counts.
_TAKES_AWAY = re.compile(
    r"\b(?:" + "|".join(_VERB_FAMILIES["quitar"].split()) + r")"
    r"(?= (?:(?:el|la|los|las) )?(?:dolor|migrana)\b)"
)
# Relief said to last a span ("solo quita el dolor unos días") is a length
# of relief, not the days a course of infusions takes.
_RELIEF_SPAN = re.compile(
    r"\b(alivio(?: (?!dura\b)\w+){0,3}) (?:dias|semanas|meses|horas)\b"
)
# A clause of only these words besides a treatment and the condition asks
# what the usual treatment is ("tratamiento migraña", "¿qué tratamiento hay
# para la migraña?").
_BARE_ASK = frozenset("que cual cuales hay existe existen".split())


def _read_in_context(canonical: str) -> str:
    """Canonical words whose sense their neighbours decide (``_RARE`` ...)."""
    if "comun" in canonical.split() and _RARE.search(canonical):
        canonical = _RARE.sub("comun", canonical)
    canonical = _USUAL.sub(r"\1 convencionales", canonical)
    if (
        "dolor de cabeza" in canonical
        and "migrana" not in canonical.split()
        and _TREATS.search(canonical)
    ):
        canonical = canonical.replace("dolor de cabeza", "migrana")
    canonical = _OFFERED.sub(r"\1 servicios", canonical)
    canonical = _FORM_CHOICE.sub("infusion consiste", canonical)
    canonical = _COMING.sub("viene", canonical)
    canonical = _TAKES_AWAY.sub("alivio", canonical)
    canonical = _RELIEF_SPAN.sub(r"\1 dura", canonical)
    words = [w for w in canonical.split() if w not in STOPWORDS_ES]
    if (
        {"tratamiento", "migrana"} <= set(words)
        and set(words) <= {"tratamiento", "migrana", *_BARE_ASK}
    ):
        canonical += " convencionales"
    return canonical


# Topics no word of the entry's own qualifies: a promise ("para siempre",
# "cura") is asked of the treatment whatever it is said beside.
_PROMISES = frozenset(("guarantees",))
# A stage of the writer's own past ("de adolescente me cortaba", "cuando era
# nina"): no minor is asked about, so no handoff topic reads it as one.
_PAST_AGE = re.compile(
    r"\b(?:de|cuando era|cuando yo era|desde)"
    r" (?:adolescente|nino|nina|chico|chica|joven|chamaco|chamaca|morro|morra)s?\b"
)
# Where a Spanish sentence's clauses meet: commas, semicolons, "pero".
# "...solo quiero saber si...": a softened request starts a clause of its own.
_CLAUSE_ES = re.compile(
    r"\s*[,;:]\s*(?:pero\s+)?|\s+pero\s+"
    r"|\s+(?=(?:s[oó]lo|nom[aá]s|nam[aá]s|solamente)\s+(?:quiero|quer[ií]a|quisiera)"
    r"\s+(?:saber|preguntar)\b)",
    re.IGNORECASE,
)
# Words that deny what follows them in a clause ("no estoy en crisis").
_DENIAL = frozenset("no nunca ni tampoco jamas".split())
# Verbs of knowing: after "no" they say what the writer learns, not denies.
_KNOWING = frozenset("sabia sabiamos sabian sabe conocia entiendo entendia".split())
# Verbs that frame an indirect question: "pregunta si ...", "saber si ...".
_ASKING = frozenset("pregunta pregunto preguntaba pregunte saber preguntar".split())
_JUST = frozenset("solo nomas namas solamente".split())
_REQUEST = frozenset("quiero quisiera queria necesito pregunto preguntar".split())
# Written laughter, however long.
_LAUGH = re.compile(r"(?:[jh][aeiou]){2,}[jh]?")
# Words by which a question points back at the clause before it.
_POINTING = frozenset("eso esto ello esa ese".split())
# A question of these words alone asks whether what came before is so.
_SO_WORDS = frozenset(
    "es sera cierto verdad neta serio en de a poco apoco o no si".split()
)
# The conditions and treatments the FAQ is about, as canonical words
# (``SpanishAnalyzer.canonical_of``): what a pointing word stands for.
_SUBJECT_RE = re.compile(
    r"\b(migra[nñ]a|dolor de cabeza|dolor cronico|dolor regional complejo"
    r"|fibromialgia|depresion|ansiedad|estres postraumatico"
    r"|pensamientos suicidas?|aura|prodromo|postdromo|ketamina|infusion"
    r"|nauseas|vomitos|dolor)\b"
)
# The treatments among them: asked about for a condition.
_TREATMENTS = frozenset(("ketamina", "infusion"))


def _only_so(words: list[str]) -> bool:
    """True when a question asks only whether what came before is so ("¿es
    cierto?", "¿eso es verdad?", "¿neta?"): it has no words of its own to be
    read alone by, and "eso" there is the whole story, not one subject."""
    return bool(words) and set(words) <= _SO_WORDS | _POINTING


def _denies(words: list[str]) -> bool:
    """True when a clause says what is not so: a denial among its first words.

    "No sabia que..." is no denial: it introduces what the writer has just
    learned ("no sabia que ahora se llaman Bespoke"), the very thing at issue.
    """
    following = [*words[1:], ""]
    return any(
        w in _DENIAL and after not in _KNOWING
        for w, after in zip(words[:4], following, strict=False)
    )


def _unframed(words: list[str]) -> list[str]:
    """``words`` without a leading "no sabia (que)", "ni sabia que"."""
    if len(words) > 2 and words[0] in ("no", "ni") and words[1] in _KNOWING:
        rest = words[2:]
        return rest[1:] if rest[0] == "que" and len(rest) > 1 else rest
    return words


def _starts_question(folded: str) -> bool:
    return _opens_question(folded.split()[:2])


# "En que fase ...", "de que viene", "para cuando", "cada cuanto": a question word
# after a preposition still opens the question.
_QUESTION_PREPOSITION = frozenset("en de para por con a desde hasta cada sin".split())
_WH = frozenset(
    "que cual cuales cuanto cuanta cuantos cuantas cuando donde quien quienes".split()
)


def _opens_question(words: Sequence[str]) -> bool:
    """True when ``words`` (a clause) opens with a question word."""
    if not words:
        return False
    if words[0] in _QUESTION_START:
        return True
    return len(words) > 1 and words[0] in _QUESTION_PREPOSITION and words[1] in _WH


def _topic_regex(term: str) -> str:
    """A Spanish handoff term as a regex: "..." up to four words, "*" any ending."""
    parts = []
    for part in term.split("..."):
        words = _WORD_RE.findall(fold(part).replace("ñ", "n"))
        if part.strip() == "$":
            words = ["$"]
        if not words:
            continue
        rx = " ".join(re.escape(w) for w in words)
        if part.strip().endswith("*"):
            rx += "[a-z0-9]*"
        parts.append(rx)
    return "(?: [a-z0-9]+){0,4} ".join(parts)


class SpanishMatcher:
    """A ``Matcher`` over the Spanish view of the FAQ, plus Spanish topics."""

    def __init__(
        self,
        faq: Faq,
        translation: Translation,
        phrasings: Phrasings,
        learned: Sequence[tuple[str, str]] = (),
    ) -> None:
        self.faq = faq
        self.translation = translation
        self.phrasings = phrasings
        self.analyzer = SpanishAnalyzer(phrasings)
        self.view = spanish_view(faq, translation, phrasings, self.analyzer)
        self.matcher = Matcher(
            self.view,
            [(fid, self.analyzer.analysed(t)) for fid, t in learned],
            thresholds=phrasings.thresholds,
        )
        self._topics: list[tuple[str, re.Pattern[str]]] = []
        bodies: list[str] = []
        for name, terms in phrasings.topics.items():
            alts = sorted({_topic_regex(t) for t in terms} - {""}, key=len)
            if alts:
                either = "|".join(reversed(alts))
                self._topics.append(
                    (name, re.compile(rf"(?<![a-z0-9])(?:{either})(?![a-z0-9])"))
                )
                bodies.append(either)
        # Which topics' terms a text holds at all, for every topic in one pass.
        self._topic_filter = TermFilter(bodies)
        self.smalltalk = {
            (sid, i): " ".join(_WORD_RE.findall(fold(p)))
            for sid, patterns in phrasings.smalltalk.items()
            for i, p in enumerate(patterns)
        }
        vocab = {w for p in self.smalltalk.values() for w in p.split()}
        self._talk_vocab = frozenset(vocab) | STOPWORDS_ES | _FILLER_ES
        self._said: dict[str, str] = {}
        self._subjects: dict[str, frozenset[str]] | None = None

    def topic(
        self,
        text: str | Analysed,
        faq_id: str | None = None,
        offered: Sequence[str] = (),
    ) -> str | None:
        """The Spanish handoff topic ``text`` raises, if any.

        Topics share the English ones' names, and so their scope
        (``handoff_topic_scope`` in faq/vocabulary.yaml): a scoped topic
        counts in the story only when ``faq_id``, the best entry, is one it
        stops: a child named beside "¿los niños también pueden tener
        migraña?" makes a question about migraine, not about who may have
        the treatment. In what is asked ("¿tratan a niños?") it always counts.
        """
        scope = self.faq.topic_scope
        msg = analyse(text)
        text = msg.raw
        folded = self.analyzer.folded_in
        sentences = split_sentences(text.replace("¿", "\n¿")) or [text]
        # A writer who marks questions marks them all: "es para una tarea"
        # after a "?" is a statement, though "es" may start a question.
        marks = "?" in text
        # A sentence that opens with a question word asks, marked or not
        # ("es migraña? que me tomo").
        asked = [
            s
            for s in sentences
            if "?" in s
            or (not marks and _starts_question(folded(msg, s)))
            or folded(msg, s).split()[:1] == ["que"]
            or (folded(msg, s).split()[:1] and folded(msg, s).split()[0] in _WH)
        ]
        asked = asked or sentences[-1:]
        if len(sentences) <= 1:
            asked = [text]
        forms = {
            s: (f, self.analyzer.canonical_of(f))
            for s in {*sentences, *asked}
            for f in (_PAST_AGE.sub(" ", folded(msg, s)),)
        }
        # What is asked, clause by clause: "en mi casa todos tenemos migraña,
        # cuanta gente la tiene?" asks nothing about treatment at home.
        questions = []
        for s in asked:
            clause = " ".join(
                c for c, a in self.analyzer.clauses(msg, s, "?" in msg.raw) if a
            )
            if not clause or clause == forms[s][0]:
                questions.append(s)
                continue
            clause = _PAST_AGE.sub(" ", clause)
            key = "\0" + clause
            forms[key] = (clause, self.analyzer.canonical_of(clause))
            questions.append(key)
        may = self._topic_filter.candidates
        maybe = {f: may(f) for fs in forms.values() for f in fs}
        # A question that points back at its story ("tiene TDAH, ¿dan medicina
        # para eso?") asks about what the story names: the story is asked too.
        if any(maybe.values()) and self.analyzer.points_back(msg):
            questions = [*sentences, *(q for q in questions if q not in sentences)]
        for i in sorted(frozenset().union(*maybe.values())):  # in the file's order
            name, pattern = self._topics[i]
            parts = sentences if name in self.phrasings.context_topics else questions
            if (
                faq_id
                and name in scope
                and not any(fnmatchcase(faq_id, p) for p in scope[name])
            ):
                if name in self.phrasings.answerable_topics:
                    # A condition named to an answer that is not about
                    # results ("una cita para mi depresion") stops nothing.
                    continue
                parts = questions  # the best entry is not one the story stops
            for part in parts:
                if any(
                    i in maybe[f] and self._raises(pattern, f, faq_id, name, offered)
                    for f in forms[part]
                ):
                    return name
        return None

    def _raises(
        self,
        pattern: re.Pattern[str],
        form: str,
        faq_id: str | None,
        name: str,
        offered: Sequence[str] = (),
    ) -> bool:
        """True when a topic's term in ``form`` is the writer's, not the entry's.

        A term said with its neighbour as the best entry itself says it ("la
        ketamina en dosis bajas", the chronic-pain answer's own words) names
        what that answer is about: no topic for staff. Alone ("que dosis usan")
        it still counts.
        """
        answerable = name in self.phrasings.answerable_topics
        for m in pattern.finditer(form):
            if faq_id is None:
                return True
            if answerable and any(
                self._answer_says(f, m.group(0)) for f in (faq_id, *offered)
            ):
                continue
            if not self._entry_says(faq_id, form, m.start(), m.end(), name):
                return True
        return False

    def _answer_says(self, faq_id: str, hit: str) -> bool:
        stems = " ".join(stem_es(w) for w in hit.split())
        return f" {stems} " in self._entry_stems(faq_id)

    def _entry_says(
        self, faq_id: str, form: str, start: int, end: int, name: str = ""
    ) -> bool:
        before = form[:start].split()[-1:]
        after = form[end:].split()[:1]
        said = self._entry_stems(faq_id)
        hit = form[start:end].split()
        if any(
            len(words) > 1 and f" {' '.join(stem_es(w) for w in words)} " in said
            for words in ([*hit, *after], [*before, *hit])
        ):
            return True
        # Qualified by the word the entry's question is about, and no other
        # entry's: "dolor de espalda cronico" is a chronic pain. A promise is
        # not: "¿me quita la depresion para siempre?" asks for a guarantee.
        if name in _PROMISES:
            return False
        return any(
            stem_es(w) in self._own_subjects().get(faq_id, ()) for w in before + after
        )

    def _own_subjects(self) -> dict[str, frozenset[str]]:
        """Each entry's question words (stemmed) that no other entry's question has."""
        if self._subjects is None:
            stems = {
                fid: {
                    stem_es(w)
                    for w in _WORD_RE.findall(fold(t.question))
                    if len(w) > 4 and w not in STOPWORDS_ES
                }
                for fid, t in self.translation.entries.items()
            }
            self._subjects = {
                fid: frozenset(
                    st
                    for st in mine
                    if not any(st in other for o, other in stems.items() if o != fid)
                )
                for fid, mine in stems.items()
            }
        return self._subjects

    def _entry_stems(self, faq_id: str) -> str:
        """The best entry's Spanish question and answer, stemmed, space-padded."""
        memo = self._said
        found = memo.get(faq_id)
        if found is None:
            t = self.translation.entries[faq_id]
            words = _WORD_RE.findall(fold(f"{t.question} {t.answer}"))
            found = memo[faq_id] = f" {' '.join(stem_es(w) for w in words)} "
        return found

    def score(self, text: str | Analysed) -> list[Candidate]:
        """Candidates for a Spanish message, with the Spanish questions."""
        cands = self.matcher.score(self.analyzer.analysed(text))
        return [self._spanish(c) for c in cands]

    def _spanish(self, c: Candidate) -> Candidate:
        question = self.translation.entries[c.faq_id].question
        return Candidate(c.faq_id, question, c.score)

    def match(self, text: str | Analysed) -> Match:
        """Decide as the English matcher does: answered, clarify or unmatched.

        The English matcher reads the Spanish tokens (``SpanishAnalyzer``), a
        text of its own that it normalises once.
        """
        msg = analyse(text)
        whole = self.analyzer.analysed(msg)
        found = self.matcher.match(whole)
        if (
            found.status == "unmatched"
            and found.candidates
            and not self.analyzer.points_back(msg)
        ):
            found = self._question_alone(whole, found)
        cands = tuple(self._spanish(c) for c in found.candidates)
        # A clarification offers each of its entries: a topic one of them
        # answers is answered by the choice.
        offered = [c.faq_id for c in cands] if found.status == "clarify" else []
        topic = self.topic(msg, cands[0].faq_id if cands else None, offered)
        if topic is not None:
            return Match("unmatched", cands, topic)
        return Match(found.status, cands, found.topic)

    def _question_alone(self, whole: str, found: Match) -> Match:
        """The question of a story read alone, when the story drowns it.

        A long story ("me dio tanta pena cuando vomite en la consulta...")
        weighs on the question even at the story's weight. When the question
        read alone is answered outright with an entry the whole message also
        names among its candidates, it is answered: the story only diluted
        it, or pulled a little to its own words ("vomite en la consulta"
        beside "¿cuantas fases tiene?"). Only for a message handed to staff:
        one answered keeps its answer (in Spanish the story often names whom
        the question is about: "mi esposo tiene depresion... ¿le serviria?"),
        and a clarification means the words are torn. A question that points
        back at the story ("y eso lo tratan?") has too little of its own and
        is never read alone (``match``).
        """
        if "." not in whole:
            return found
        parts = whole.split(" ")
        asked, sentence = [], []
        for tok in parts:
            sentence.append(tok)
            if tok.endswith(("?", ".")):
                if tok.endswith("?"):
                    asked += sentence
                sentence = []
        if not asked or len(asked) == len(parts):
            return found
        alone = self.matcher.match(" ".join(asked))
        named = {c.faq_id for c in found.candidates}
        if alone.status == "answered" and alone.candidates[0].faq_id in named:
            return alone
        return found

    def recognise(self, text: str | Analysed) -> str | None:
        """The small-talk id a whole Spanish message is, if it is small talk."""
        msg = analyse(text)
        words = [
            self._talk_word(w) for w in self.analyzer.folded_in(msg, msg.raw).split()
        ]
        if not words or len(words) > 10:
            return None
        norm = " ".join(words)
        best = process.extractOne(
            norm, self.smalltalk, scorer=fuzz.ratio, processor=None, score_cutoff=88
        )
        if best is None and all(w in self._talk_vocab for w in words):
            best = process.extractOne(
                norm,
                self.smalltalk,
                scorer=fuzz.token_set_ratio,
                processor=None,
                score_cutoff=60,
            )
        return best[2][0] if best else None

    def _talk_word(self, word: str) -> str:
        """A word as small talk reads it: an enclitic pronoun taken off a verb
        the patterns know ("hacerte", "ayudarme" are "hacer", "ayudar")."""
        if word in self._talk_vocab:
            return word
        m = _ENCLITIC_RE.match(word)
        if m and m.group(1) in self._talk_vocab:
            return m.group(1)
        return word

    def theme_tokens(self, text: str) -> list[str]:
        """What a Spanish question is about, for staff themes: topic, then words."""
        everyday = {"ketamin", "migran", "what", "how", "many", "not", "want", "need"}
        words = self.analyzer.tokens(text)
        words = [w for w in words if w not in everyday] or words
        topic = self.topic(text)
        # A handoff topic is what such a question is about ("cost"): Spanish
        # words for it vary too much (cuesta, precio, cobran) to group by them.
        return [topic] if topic else words

    def closing(self, text: str | Analysed) -> str | None:
        """A short thank-you or goodbye no entry answered ("mil gracias doctora")."""
        msg = analyse(text)
        words = self.analyzer.folded_in(msg, msg.raw).split()
        if len(words) > 8:
            return None
        for w in words:
            if w in _CLOSERS_ES:
                return _CLOSERS_ES[w]
        return None


_FILLER_ES = frozenset(
    """
    muchas muchisimas mil muy super todo toda info informacion perfecto genial
    excelente amable ayuda senorita doctor doctora joven amigo amiga jaja jeje
    mija mijo
    cordiales cordial atentamente util utiles tipo clase
    """.split()
)
# An infinitive or gerund with a pronoun fused on ("hacerte", "ayudarme",
# "diciendole"): the verb alone is what a small-talk pattern holds.
_ENCLITIC_RE = re.compile(
    r"^(\w{3,}(?:ar|er|ir|ando|iendo))(?:te|me|le|les|lo|la|nos|se)$"
)
_CLOSERS_ES = {
    # A Spanish writer may thank or say goodbye in English ("thank u, muy
    # util"): the English closers count too.
    **_CLOSERS,
    "gracias": "thanks",
    "agradezco": "thanks",
    "agradecida": "thanks",
    "agradecido": "thanks",
    "adios": "goodbye",
    "chao": "goodbye",
    "bendiciones": "goodbye",
}


def spanish_view(
    faq: Faq, translation: Translation, phrasings: Phrasings, analyzer: SpanishAnalyzer
) -> Faq:
    """The FAQ with Spanish, pre-analysed phrasings and no English vocabulary."""
    entries = []
    for entry in faq.entries:
        t = translation.entries[entry.id]
        entries.append(
            FaqEntry(
                id=entry.id,
                question=analyzer.analysed(t.question),
                alternates=tuple(
                    analyzer.analysed(p) for p in phrasings.entries[entry.id]
                ),
                answer=analyzer.analysed(t.answer),
                sms=t.sms,
                section=entry.section,
            )
        )
    return replace(
        faq,
        entries=tuple(entries),
        by_id={e.id: e for e in entries},
        synonyms={},
        handoff_topics={},
        context_topics=frozenset(),
        thresholds=phrasings.thresholds,
        smalltalk=tuple(
            SmallTalk(
                s.id, phrasings.smalltalk.get(s.id, ()), translation.smalltalk[s.id].web
            )
            for s in faq.smalltalk
        ),
        # The English classifier reads English words: on Spanish tokens its
        # opinion means nothing (a Spanish one trained on phrasings.es.yaml
        # was tried and changed no decision; docs/MATCHING.md).
        classifier_path="",
    )


def build_spanish(
    faq: Faq, learned: Sequence[tuple[str, str]] = ()
) -> SpanishMatcher | None:
    """The Spanish matcher beside ``faq``, or None when Spanish is not set up.

    A broken Spanish file only turns Spanish off (logged): English patients
    are still answered. Learned phrasings in Spanish join this matcher.
    """
    tr_path = translation_path(faq.path, "es")
    ph_path = phrasings_path(faq.path, "es")
    if not tr_path.exists() or not ph_path.exists():
        return None
    try:
        translation = load_translation(tr_path, faq)
        phrasings = load_phrasings(ph_path, faq)
    except FaqError as exc:
        log.error("Spanish is off until its files are fixed:\n%s", exc)
        return None
    mine = [(f, t) for f, t in learned if detect(t).lang == "es"]
    return SpanishMatcher(faq, translation, phrasings, mine)


def check_phrasings(path: str | Path, faq: Faq) -> list[Problem]:
    """Every problem with a Spanish phrasings file, as ``faqcheck`` does for English.

    A phrasing must not raise a handoff topic (it would never be answered),
    must not read the same as another entry's, and, scored as if it were not
    in the file, must not be answered outright with another entry.
    """
    from .translations import load_translation

    file = str(path)
    try:
        phrasings = load_phrasings(path, faq)
        translation = load_translation(translation_path(faq.path, "es"), faq)
    except FaqError as exc:
        return exc.problems
    problems: list[Problem] = []
    sp = SpanishMatcher(faq, translation, phrasings)
    m = sp.matcher
    th = m.thresholds
    sources = [translation.entries[e.id].question for e in faq.entries]
    texts = [
        (e.id, t)
        for e, q in zip(faq.entries, sources, strict=True)
        for t in (q, *phrasings.entries[e.id])
    ]
    seen: dict[str, str] = {}
    raw = {(own, sp.analyzer.analysed(t)): t for own, t in reversed(texts)}
    for own, text in texts:
        # Read as its own entry's: a topic that entry answers is no problem.
        topic = sp.topic(text, own)
        if topic is not None:
            problems.append(
                Problem(
                    file,
                    own,
                    "entries",
                    f"{text!r} raises the "
                    f"handoff topic {topic!r}, so it is never answered",
                )
            )
        key = " ".join(sorted(set(m.analyzer.tokens(sp.analyzer.analysed(text)))))
        if key in seen and seen[key] != own:
            problems.append(
                Problem(
                    file,
                    own,
                    "entries",
                    f"{text!r} reads the same as a phrasing of {seen[key]!r}",
                )
            )
        seen.setdefault(key, own)
    # Each phrasing scored as if it were not in the file (leave one out).
    for pi, analysed in enumerate(m.phrasing_source):
        own = m.phrasing_entry(pi)
        text = raw.get((own, analysed), analysed)
        cands = m.score(analysed, skip=pi)
        if not cands:
            continue
        own_score = next((c.score for c in cands if c.faq_id == own), 0.0)
        top = cands[0]
        if (
            top.faq_id != own
            and top.score >= th.answer
            and top.score - own_score >= th.margin
        ):
            problems.append(
                Problem(
                    file,
                    own,
                    "entries",
                    f"{text!r} matches {top.faq_id!r} ({top.score:.2f}) "
                    f"better than its own entry ({own_score:.2f})",
                )
            )
    return problems
