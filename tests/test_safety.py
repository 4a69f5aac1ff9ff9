"""The crisis screen: three levels, clinical concepts, context, hardening, speed."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import re2
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from faqbot.safety import (
    _MODEL_PATH,
    RULES,
    RULES_ES,
    _Compiled,
    _compiled,
    _latin1,
    _options,
    _rule_set,
    assess,
    probability,
    screen,
)

CRISIS = [
    # C-SSRS ideation, plan, preparation, method seeking; veiled; third parties
    ("i want to kill myself", "suicide"),
    ("I'm going to end my life tonight", "suicide"),
    ("having suicidal thoughts again", "suicide"),
    ("sucidal thoughts rn", "suicide"),
    ("nobody would even notice if i was gone", "suicide"),
    ("everyone would be better off without me", "suicide"),
    ("i just want to go to sleep and never wake up", "suicide"),
    ("I've been giving away my things to friends", "suicide"),
    ("can ketamine help migraines? honestly i dont want to live anymore", "suicide"),
    ("I have a plan and I'm going to go through with it.", "suicide"),
    ("been stashing my oxy for weeks. tonight is the night", "suicide"),
    ("how many of my sleeping pills would it take to not wake up", "suicide"),
    ("Soon I won't be a problem for anybody anymore", "suicide"),
    ("my 15 year old daughter says she wants to die and has been cutting", "suicide"),
    ("my husband has his gun with him and won't answer his phone", "suicide"),
    # self-harm as an act
    ("i've started cutting myself again", "self-harm"),
    ("burned my arm with a lighter on purpose last night", "self-harm"),
    # overdoses
    ("i took a whole bottle of my sumatriptan", "overdose"),
    ("took 10 of my propranolol and my heart is going really slow", "overdose"),
    ("mixed my xanax with a bottle of wine, feel really heavy", "overdose"),
    # stroke signs, headache red flags, reactions after treatment
    ("worst headache of my life came on a minute ago", "emergency"),
    ("my face is drooping on one side and my head hurts", "emergency"),
    ("just an aura? my right arm went numb and my words come out wrong", "emergency"),
    ("i have a fever and a really stiff neck with this headache", "emergency"),
    ("hit my head yesterday and now i keep vomiting", "emergency"),
    ("after the infusion my throat feels like it's closing up", "emergency"),
    ("911", "emergency"),
    # Spanish, as patients write it
    ("me quiero morir, la migraña no para", "suicide"),
    ("ya no quiero vivir asi", "suicide"),
    ("mi hijo dice que se quiere matar", "suicide"),
    ("me tome todas las pastillas del frasco", "overdose"),
    ("se me cayo la cara de un lado y no puedo hablar bien", "emergency"),
    # word classes: a means meeting a question about its working, terse intent,
    # time-boxed finality, preparation told as errands, aborted attempts
    ("which overpass around here is the highest", "suicide"),
    ("how long would it take with charcoal in a closed garage", "suicide"),
    ("I have the means now. and the intent.", "suicide"),
    ("after thanksgiving none of this will matter", "suicide"),
    ("refilled my klonopin at three different pharmacies this month", "suicide"),
    ("found a new home for my dog, cancelled my appointments for good", "suicide"),
    ("sat on the ledge of the parking structure for an hour last night", "suicide"),
    ("the voices keep telling me to jump", "suicide"),
    ("hoping my life insurance still pays out if it's suicide", "suicide"),
    # the drug class, a child into pills, late poisoning signs
    ("swallowed my whole pack of advil pm", "overdose"),
    ("my toddler chewed some of my lamictal, I found the bottle open", "overdose"),
    ("took too much excedrin all week and now my eyes look yellow", "overdose"),
    # emergencies described by their features
    ("I'm 72, new headache on my temple and it hurts to chew", "emergency"),
    ("got reglan at urgent care and now my neck is twisting to one side", "emergency"),
    ("my left hand won't do what I tell it to", "emergency"),
    # Spanish word classes
    ("no tengo ningun motivo para seguir viviendo", "suicide"),
    ("ojala no despertara manana", "suicide"),
    ("ya compre la soga", "suicide"),
    ("mi esposo arrastra las palabras y tiene la boca chueca", "emergency"),
    # round 3's classes: an interrupted attempt told without a means, a chosen
    # day, knowing how, farewells with finality, relapse slang, heights asked
    # about, anaphylaxis by its signs, cyanosis, bleeding that will not stop
    ("dad walked in on me just as i was about to. didn't get to finish", "suicide"),
    ("she grabbed me right before i could do it", "suicide"),
    ("it's decided. i settled on a date", "suicide"),
    ("doesn't matter. i already know how", "suicide"),
    ("tell the front desk thanks for everything, and that i'm sorry", "suicide"),
    ("dad thank you for trying so hard with me. none of this is your fault", "suicide"),
    ("picked the razor back up after 90 days clean", "self-harm"),
    ("last night went deeper than ever, saw fat for the first time", "self-harm"),
    ("where do people usually jump from on the coronado bridge", "suicide"),
    ("how many stories up would you need to be so you don't survive", "suicide"),
    ("since my iv an hour ago im wheezy and my chest is covered in welts", "emergency"),
    ("after today's drip I'm itching everywhere and just threw up twice", "emergency"),
    ("her lips look kind of blue since she got home from her session", "emergency"),
    ("pressed on this gash for 20 min, still bleeding through the towel", "emergency"),
    ("pronto ya no les voy a causar mas problemas", "suicide"),
    ("mis hijos estarian mas tranquilos si yo no estuviera", "suicide"),
    ("mama gracias por todo, perdoname", "suicide"),
    ("anoche practique con el cinturon como lo haria", "suicide"),
    ("recai otra vez y me volvi a cortar los brazos", "self-harm"),
    ("despues de la infusion me salieron ronchas y me cuesta respirar", "emergency"),
    ("a mi papa se le pusieron los labios morados", "emergency"),
    ("the cord gave way and i ended up on the floor", "suicide"),
    ("my phone rang so i didn't go through with it", "suicide"),
    ("i already decided what i'll use", "suicide"),
    ("streak's back to zero, did it again on my arm", "self-harm"),
    ("my arm keeps bleeding where the iv was and it won't stop", "emergency"),
    ("cuiden a mis hijos por mi cuando ya no este", "suicide"),
    ("ya no los voy a molestar nunca", "suicide"),
    # round 3's train third, by kind (own wording): a past attempt that is back,
    # easier without me, done fighting, hurting oneself on a thing, thoughts
    # owned after a sentence about them, a keepsake handed over, sedatives with
    # alcohol and blue lips, a large count asked about, unequal pupils
    ("my son overdosed two years ago and now he's texting goodbyes again", "suicide"),
    ("my parents would have a much easier life without me", "suicide"),
    ("the migraines never stop and honestly I'm done fighting", "suicide"),
    ("i slam doors until my hands bruise when it gets bad", "self-harm"),
    ("I read ketamine eases suicidal thoughts. mine have been loud lately", "suicide"),
    ("my dad handed me his watch and his medals yesterday, out of nowhere", "suicide"),
    ("bars and tequila tonight, her lips look kinda grey", "overdose"),
    ("would 40 of my tylenol pm be enough to not wake up", "suicide"),
    ("since this morning one pupil is way bigger than the other", "emergency"),
    ("tome 6 maxalt hoy y siento el pecho apretado", "overdose"),
    ("ya tenia las pastillas listas pero llego mi esposo y no lo hice", "suicide"),
    ("dice mi primo que se va a tirar del puente", "suicide"),
    ("por si algo, ya le di a mi hijo las claves del banco y el testamento", "suicide"),
    ("le pusieron una inyeccion y se le voltean los ojos para arriba", "emergency"),
    ("tengo calentura y no puedo bajar el cuello", "emergency"),
    # round 3's dev third, by kind (own wording)
    (
        "honestly hoping this headache turns out to be an aneurysm so it's over",
        "suicide",
    ),
    ("heading out to the desert tonight and not coming back", "suicide"),
    ("sitting at the overlook by the dam. wanted someone to know", "suicide"),
    (
        "the headache gets worse every day for three weeks, worst lying down",
        "emergency",
    ),
    ("since the drip my breathing is slow and my wife says i am gray", "emergency"),
    (
        "my girl has scratches on her arm, says the cat did it, but they're in rows",
        "self-harm",
    ),
    (
        "is ketamine good for self harm urges? asking because i did it again",
        "self-harm",
    ),
    ("it's deeper than it used to be and it won't stop bleeding", "emergency"),
    (
        "thanks for all the help over the years, you were one of the good ones",
        "suicide",
    ),
    ("le pido a dios que ya me recoja", "suicide"),
    ("ya no le encuentro gusto a nada, quisiera irme con mi esposo", "suicide"),
    (
        "la ketamina sirve pa los pensamientos suicidas? xq los tengo muy fuertes",
        "suicide",
    ),
    ("ya deje cartas para mis hijas", "suicide"),
    ("q tan alto tiene q ser un edificio pa no sobrevivir", "suicide"),
    ("mi nino se tomo medio frasco de tylenol", "suicide"),
    ("tuesday's the day.", "suicide"),
    ("if you find this, please know none of it was your fault", "suicide"),
    ("200 days clean gone last night, my thighs are a mess", "self-harm"),
    ("you made the clinic visits bearable. goodbye", "suicide"),
    ("a veces siento que seria mejor ya no estar", "suicide"),
    ("me siento un estorbo para mi familia", "suicide"),
    ("me cai de la escalera, me pegue en la cabeza y no dejo de vomitar", "emergency"),
    ("hit my head on the cabinet and now I can't stop throwing up", "emergency"),
    ("usted siempre fue muy amable conmigo enfermera. me despido", "suicide"),
    ("you were always so kind to me. take care of yourselves", "suicide"),
    ("mi hijo tiene cortes en los brazos y los esconde", "self-harm"),
]

# Figures of speech, negations, resolved history and questions about the topic:
# never a crisis (a safety line at "possible" is acceptable, the answer stays).
NOT_CRISIS = [
    "this migraine is killing me",
    "this migraine is killing me, can ketamine help?",
    "I'm dying to know if ketamine works for migraines",
    "I'd kill for one pain free day",
    "dead tired after every migraine",
    "how long does a migraine last",
    "what are the warning signs, I get blind spots before an attack",
    "is neck stiffness part of the prodrome?",
    "my aura makes me lose vision for about 20 minutes",
    "can ketamine help depression",
    "i could not wake up early because of the migraine",
    "ketamine is used in ERs to replace dangerous drugs",
    "I'm not suicidal, I just want to know how the infusions work",
    "never had any thoughts of hurting myself, can ketamine treat my migraines?",
    "I had suicidal thoughts in college but I'm doing great now. Where are you?",
    "can ketamine help with suicidal thoughts?",
    "what is the risk of overdose during a supervised infusion?",
    "I overdosed on coffee this morning, anyway what causes migraines?",
    "My brother has cluster headaches, the ones people call suicide headaches.",
    "la ketamina ayuda con la depresion?",
    # the same word classes where nothing is at risk
    "is there parking near the Santa Monica clinic?",
    "how long does a ketamine infusion take",
    "can you overdose on ketamine at your clinic?",
    "what does 'suicidal ideation' mean on my intake form?",
    "my husband isn't suicidal, he has migraines. can ketamine help him?",
    "had anaphylaxis to penicillin as a kid, is ketamine ok for me?",
    "tengo presion alta, puedo hacerme el tratamiento?",
    "tengo 45 anos y migranas cada semana",
    "hay riesgo de sobredosis con la ketamina en la clinica?",
    "Denies suicidal ideation. Asking about the cost of an infusion series.",
    # round 3's near misses: idioms with a harmless object, habits, past, the topic
    "honestly I'll die of embarrassment if I cry during the infusion",
    "me voy a morir de la pena si lloro en la cita",
    "time to unalive this mountain of dishes, then I'll book",
    "about to unalive every email in my inbox",
    "I always get a stiff neck and throw up with my migraines, usually lasts a day",
    "hace anos pensaba en matarme, pero ya no, estoy estable",
    "antes me cortaba, ahora llevo cinco anos bien",
    "jaja casi me da una sobredosis de cafe esta manana, puedo ir a mi cita?",
    "traigo un dolor de cabeza mortal, tienen citas hoy?",
    "what kind of questions does the Columbia suicide scale ask?",
    "thank you for everything, see you at my next infusion!",
    "I picked a day for my consult, is Thursday open?",
    "how many floors is the parking structure, is there an elevator?",
    "my hands go purple when it's cold out, is that a problem for the infusion?",
    "my brother stopped me before I could pay, do you bill insurance?",
    "gracias por todo, nos vemos el martes",
    "got interrupted halfway through my infusion by a fire alarm, can i finish it?",
    "my lips go a bit blue when I'm cold, is that ok before an infusion?",
    "mis labios se ponen morados cuando hace frio, puedo hacerme la infusion?",
    "ya no los voy a molestar con tantas preguntas, gracias",
    "I'm in nursing school, what are the warning signs of self harm in teens?",
    "I've never wanted to hurt myself, I'm asking about ketamine for my chronic pain",
    "my neck is stiff but not with a fever, it's what I always get before a migraine",
    "the form asks about self harm, overdoses and suicide attempts, all no for me",
    "se me murio la bateria del cel, pueden llamarme otra vez?",
    "me quiero morir del oso, mande la foto equivocada jaja",
    "como distingo un aura de una embolia?",
    "my sister tried to kill herself in college; now she's doing great. can she come?",
    "no es un derrame, ya me revisaron, es migrana con aura. la ketamina ayuda?",
    "my headaches are worse than they used to be, is ketamine an option?",
    "la ketamina sirve pa pensamientos suicidas? los tengo bajo control, pregunto",
    "sorry I missed Tuesday, thanks for everything you all do",
    "her lips turned blue from the blue raspberry slushie haha",
    "tuesday is the day of my first infusion, what should I bring?",
    "my lips look a little blue in photos because of my lipstick",
    "my husband gave me his grandma's ring for our anniversary",
    "how many floors is your building? my mom uses a wheelchair",
    "what happens if I take 20 ibuprofen a month?",
    "my pupils are different sizes since birth, is that a problem?",
    "sorry for everything I asked yesterday, thanks for your patience",
    "gracias por todo, perdon por la tardanza en contestar",
    "ya no les voy a dar lata con mis preguntas, gracias",
    "mi hijo tiene cortes en las rodillas de la bici",
    "my son cut his thumb slicing apples, can he still come with me?",
    "took an extra advil this morning, ok before my infusion?",
    "me voy para siempre de california, me pueden mandar mi expediente?",
    "esta es la ultima vez que les escribo por lo de la factura, ya quedo",
    "mi abuelo se puso morado de tanto reir",
    "se me cayo el cel al agua, por eso no conteste",
    "ya deje la carta de mi neurologo en recepcion",
    "mi hija se corto el dedo cocinando, puede acompanarme?",
]

HIDDEN = [
    "i want to ki\u200bll myself",  # a zero-width space inside the word
    "i want to kіll mysеlf",  # Cyrillic і and е
    "i want to k1ll mys3lf",
    "i want to k i l l myself",
    "been planning my s e w e r s l i d e",
    "doing the 🔪 thing on my arms again",
]


@pytest.mark.parametrize(("text", "kind"), CRISIS)
def test_crisis_messages_get_the_crisis_level(text: str, kind: str) -> None:
    verdict = assess(text)
    assert verdict.level == "crisis", verdict.explain()
    assert verdict.kind == kind
    assert screen(text) is not None


@pytest.mark.parametrize("text", NOT_CRISIS)
def test_figures_of_speech_and_questions_are_never_a_crisis(text: str) -> None:
    verdict = assess(text)
    assert verdict.level != "crisis", verdict.explain()
    assert screen(text) is None


@pytest.mark.parametrize("text", HIDDEN)
def test_hidden_words_are_read_as_written(text: str) -> None:
    assert assess(text).level == "crisis", assess(text).explain()


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("I'm not suicidal, just curious about booking", "negated"),
        ("I tried to kill myself years ago, I'm fine now", "past"),
        ("can ketamine calm suicidal thoughts in patients?", "about the topic"),
        ("my arm always goes numb before a migraine, like clockwork", "habitual"),
    ],
)
def test_context_softens_a_concept_to_possible_and_says_why(text, why) -> None:
    verdict = assess(text)
    assert verdict.level == "possible"
    assert why in {f.modifier for f in verdict.findings}
    assert any(why in line for line in verdict.explain())


@pytest.mark.parametrize(
    "text",
    [
        "i will kill myself tonight while my mom is away",
        "gonna end my life saturday once my husband's trip is over",
    ],
)
def test_someone_else_being_away_is_no_past_for_the_thoughts(text: str) -> None:
    """ "Is away" or "is over" said of a person or a trip is no sign that the
    thoughts have passed; only the thoughts themselves can be over."""
    assert assess(text).level == "crisis", assess(text).explain()


def test_confused_by_information_is_no_confusion_in_the_head() -> None:
    """Confusion with a headache is a red flag; confusion about the clinic's
    website or which clinic treats what is an ordinary question."""
    for text in (
        "headache clinic or therapy clinic? confused by the site",
        "migraine clinic? im confused about the pricing page",
    ):
        assert assess(text).level != "crisis", assess(text).explain()
    worried = "bad headache since noon and he is confused about where he is"
    assert assess(worried).level == "crisis", assess(worried).explain()


def test_a_figure_of_speech_keeps_the_model_at_possible() -> None:
    """Algospeak aimed at a thing, or dying of a feeling, never makes a crisis alone."""
    for text in ("gonna unalive this stack of paperwork", "dying of boredom here lol"):
        verdict = assess(text)
        assert verdict.level != "crisis", verdict.explain()
    # The same word aimed at oneself stays a crisis.
    assert assess("gonna unalive myself").level == "crisis"


def test_spanish_past_over_softens_to_possible() -> None:
    verdict = assess("antes queria quitarme la vida")
    assert verdict.level == "possible"
    assert "past" in {f.modifier for f in verdict.findings}
    # "antes de" is a time to come, not a past: it does not soften.
    assert assess("antes de que acabe la semana me voy a matar").level == "crisis"


def test_an_aura_never_silences_acute_deficits() -> None:
    text = "I get auras but right now half my face is drooping and I can't lift my arm"
    assert assess(text).level == "crisis"


def test_the_model_flags_what_no_concept_names() -> None:
    # Veiled wording that no pattern lists: the statistical opinion reads it.
    text = "Everything feels pointless and heavy and I can't see a way forward"
    verdict = assess(text)
    assert not verdict.findings
    assert verdict.level in ("possible", "crisis")
    assert verdict.kind == "model"
    assert any("model features" in line for line in assess(text, True).explain())


def test_the_model_decides_crisis_only_when_sure_and_about_someone() -> None:
    """Above ``crisis_at`` the model alone makes a crisis; below it, ``possible``.

    An impersonal question never gets the crisis reply from the model alone,
    and a hit that context softened is not second-guessed by it.
    """
    from faqbot.safety import _model

    model = _model()
    assert model is not None and model.possible_at < model.crisis_at < 1.0
    sure = "if a truck hit me tomorrow i would honestly be relieved"
    verdict = assess(sure)
    assert verdict.probability >= model.crisis_at
    assert verdict.level == "crisis" and verdict.kind == "model"
    # The same words with nobody in them, asked as a question: at most possible.
    question = "is the 10 freeway backed up right now?"
    q = assess(question)
    assert q.level != "crisis"
    # A negated hit stays possible, whatever the model thinks of the words.
    negated = assess(
        "Just to be clear, I'm not thinking about suicide. Can ketamine help?"
    )
    assert negated.level == "possible"
    assert any(f.modifier == "negated" for f in negated.findings)


def test_screening_is_linear_in_the_text() -> None:
    """64 KB of prose, digits or repeated trigger words: a generous bound."""
    prose = ("My migraines started when I was twelve and my doctor tried " * 1200)[
        :65536
    ]
    bursts = ("worst sudden numb pills took whole bottle kill " * 1500)[:65536]
    for text in (prose, "1" * 65536, bursts):
        started = time.perf_counter()
        assess(text)
        assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_rule_and_veto_compiles(lang: str) -> None:
    """Each rule's own pattern is compiled when a message first hits it: a
    mistake in one must show here, not on a patient's message."""
    compiled = _compiled(lang)
    for i, rule in enumerate(compiled.rules):
        pattern, veto = compiled.matcher(i)
        assert pattern.pattern == rule.pattern
        assert (veto.pattern if veto else None) == (rule.unless or None)


@pytest.mark.parametrize(
    "form",
    [
        "i want to kill myself . tonight",
        "took the whole bottle of pills",
        "i want to kill myself \u2639 tonight",  # not ASCII: read as UTF-8
        "quiero matarme",
        "hello there",
    ],
)
def test_the_rule_set_finds_what_each_rule_finds(form: str) -> None:
    """The rules the screen's set names are those whose own pattern occurs."""
    for lang in ("en", "es"):
        compiled = _compiled(lang)
        rules = range(len(compiled.rules))
        own = [i for i in rules if compiled.matcher(i)[0].search(form)]
        assert sorted(compiled.hits(form) or []) == own


def _labelled_forms(monkeypatch: pytest.MonkeyPatch) -> dict[tuple[str, str], None]:
    """The forms the screen hands its rule filter for a sample of the labelled
    train and dev messages (never a final third), and for those messages'
    sentences joined across messages, recorded as ``_Compiled.hits`` gets them."""
    blind = Path(__file__).parent / "data" / "blind"
    texts: list[str] = []
    for path in sorted(blind.glob("**/*.yaml")):
        if path.stem.endswith(("_train", "_dev")):
            texts += [c["q"] for c in yaml.safe_load(path.read_text())["cases"]]
    sample = texts[::7]
    joined = [f"{a} {b}" for a, b in zip(sample[::2], sample[1::2][::-1], strict=False)]
    forms: dict[tuple[str, str], None] = {}
    hits = _Compiled.hits

    def record(self: _Compiled, form: str) -> list[int] | None:
        forms[("en" if self.rules is RULES else "es", form)] = None
        return hits(self, form)

    monkeypatch.setattr(_Compiled, "hits", record)
    for text in sample + joined:
        assess(text)
    monkeypatch.undo()
    assert {lang for lang, _ in forms} == {"en", "es"}
    return forms


def test_the_rule_filter_finds_what_one_rule_set_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """RE2's prefilter names, on every form of real messages, the rules an RE2
    set of all the rules names: the filter is only a faster way to read them."""
    reference = {}
    for lang, rules in (("en", RULES), ("es", RULES_ES)):
        for ascii_only in (True, False):
            opts = _options(256 << 20)
            if ascii_only:
                opts.encoding = re2.Options.Encoding.LATIN1
            index = re2.Set.SearchSet(opts)
            for rule in rules:
                index.Add(_latin1(rule.pattern) if ascii_only else rule.pattern)
            index.Compile()
            reference[lang, ascii_only] = index
    for lang, form in _labelled_forms(monkeypatch):
        want = sorted(reference[lang, form.isascii()].Match(form) or [])
        assert sorted(_compiled(lang).hits(form) or []) == want, form


def test_a_rule_read_by_the_filter_matches_as_its_own_pattern(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The screen reads an ASCII form's matches with the rule the filter
    compiled (as Latin-1): on every form of real messages each rule the filter
    names matches where, and with the groups, its pattern compiled on its own
    does, and a form beyond ASCII is read by the pattern itself."""
    own: dict[tuple[str, int], re2._Regexp] = {}

    def matches(pattern: re2._Regexp, form: str) -> list[tuple[object, ...]]:
        return [
            (m.group(), m.groups(), *(m.span(g) for g in range(m.re.groups + 1)))
            for m in pattern.finditer(form)
        ]

    forms = list(_labelled_forms(monkeypatch))
    forms += [
        ("en", "i want to kill myself \u2639 tonight"),
        ("es", "quiero matarme hoy \u00e1"),
    ]
    for lang, form in forms:
        compiled = _compiled(lang)
        for i in compiled.hits(form) or []:
            if (lang, i) not in own:
                own[lang, i] = re2.compile(compiled.rules[i].pattern, _options())
            found = matches(compiled.matcher(i)[0], form)
            assert found == matches(own[lang, i], form), (lang, i, form)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_starved_rule_filter_finds_the_same_rules(lang: str) -> None:
    """With a budget that leaves RE2's DFA no room for the larger rules, RE2
    reads them with its NFA: the filter still names every rule that occurs,
    and its rules find the same matches (the largest rule's reversed program,
    which RE2 needs for a match's start, does not fit in a third of the
    budget: its NFA finds the start; the first form holds that rule)."""
    rules = RULES if lang == "en" else RULES_ES
    opts = _options(256 << 10)  # a little more than the largest rule's program
    opts.encoding = re2.Options.Encoding.LATIN1
    starved = _Compiled(rules, [None] * len(rules), _rule_set(rules, opts))
    full = _compiled(lang)
    forms = [
        "i took the whole bottle of my tylenol and now my chest hurts . so dizzy",
        "been saving up my sleeping pills for weeks . i want to kill myself",
        "my jaw hurts when i chew and my vision went blurry on one side",
        "me tome todas las pastillas . no puedo respirar",
        "ya no quiero vivir , estarian mejor sin mi",
        "todos estar\u00e1n mejor sin mi",  # not ASCII: read as UTF-8
        "what time do you open on saturday",
    ]
    for form in forms:
        own = [i for i in range(len(rules)) if full.matcher(i)[0].search(form)]
        assert sorted(starved.hits(form) or []) == own, form
        for i in own:
            spans = [m.span() for m in full.matcher(i)[0].finditer(form)]
            assert [m.span() for m in starved.matcher(i)[0].finditer(form)] == spans


def test_the_shipped_model_computes_what_scikit_learn_computes() -> None:
    """The pure-Python scorer against scikit-learn loaded with the shipped weights."""
    np = pytest.importorskip("numpy")
    text_mod = pytest.importorskip("sklearn.feature_extraction.text")
    linear = pytest.importorskip("sklearn.linear_model")
    from scipy.sparse import hstack

    from faqbot.safety import model_text

    raw = json.loads(_MODEL_PATH.read_text(encoding="utf-8"))

    def vectoriser(block: dict, analyzer: str):
        vocab = {g: i for i, g in enumerate(sorted(block["idf"]))}
        vec = text_mod.TfidfVectorizer(
            analyzer=analyzer,
            ngram_range=tuple(block["ngram_range"]),
            lowercase=False,
            vocabulary=vocab,
        )
        vec.idf_ = np.array([block["idf"][g] for g in sorted(block["idf"])])
        coef = np.array([block["coef"].get(g, 0.0) for g in sorted(block["idf"])])
        return vec, coef

    word, cw = vectoriser(raw["word"], "word")
    char, cc = vectoriser(raw["char"], "char_wb")
    model = linear.LogisticRegression()
    model.classes_ = np.array([0, 1])
    model.coef_ = np.concatenate([cw, cc])[None, :]
    model.intercept_ = np.array([raw["intercept"]])
    messages = [text for text, _ in CRISIS] + NOT_CRISIS + HIDDEN
    docs = [model_text(t) for t in messages]
    x = hstack([word.transform(docs), char.transform(docs)]).tocsr()
    expected = model.predict_proba(x)[:, 1]
    for message, want in zip(messages, expected, strict=True):
        got, _ = probability(message)
        assert got == pytest.approx(want, abs=1e-6), message


def test_the_spanish_pass_keeps_english_context() -> None:
    # Every message is also read by the Spanish concepts; a hit the English
    # pass read as negated is not raised again by them.
    text = "wasn't suicidal at all, but is ketamine true for chronic pain?"
    assert assess(text).level != "crisis"
    # Spanish crisis words without any Spanish function word are still read.
    assert assess("he estado pensando en matarme").level == "crisis"


# Round 4: the kinds missed on round 3's frozen run and on round 4's train third,
# each in our own words, with the near misses that share their words.
ROUND4_CRISIS = [
    (
        "what's your address, I have to get in before I do something stupid to myself",
        "suicide",
    ),
    ("is 35 of my sleeping pills enough", "suicide"),
    (
        "how many melatonin would it take before it's too late for a hospital to help",
        "suicide",
    ),
    ("would a big enough dose of my propranolol be enough to stop my heart", "suicide"),
    (
        "if i took all of my oxycodone with vodka would i just sleep and not wake up",
        "suicide",
    ),
    ("i have a gun in the house and i looked up where to aim so it works", "suicide"),
    (
        "found out the waiting period for a handgun is 10 days, can you see me first",
        "suicide",
    ),
    ("the rope is already up in the garage", "suicide"),
    ("my brother texted 'i'll be dead by tonight' and won't pick up", "suicide"),
    (
        "my best friend says she's done and she forwarded me her will this morning",
        "suicide",
    ),
    ("i'd rather keep cutting than start another medication", "self-harm"),
    ("how do i hid my fresh cuts from the nurse at the infusion", "self-harm"),
    ("i keep hoping this headache just kills me", "suicide"),
    ("some days i think about checking out for good", "suicide"),
    ("please tell the front desk i said goodbye, you were all kind to me", "suicide"),
    ("just swallowed those. all of them.", "overdose"),
    ("going to hike out to the canyon on sunday and not walk back", "suicide"),
    ("me quiero desvivir, ya no aguanto la cabeza", "suicide"),
    ("traigo ideas de hacerme algo desde la semana pasada", "suicide"),
    ("k sentido tiene vivir con este dolor", "suicide"),
    ("si un dia de estos no despierto mejor, verdad?", "suicide"),
    (
        "mi suegra enviudo y dice que ya quiere irse con su esposo, ya no quiere comer",
        "suicide",
    ),
    ("de las pastillas de la presion cuantas serian mortales", "suicide"),
    ("si me tomo todo el frasco de somniferos me muero?", "suicide"),
    ("ya tengo el plan, nomas espero que pasen las fiestas", "suicide"),
    ("me quemo con el cigarro cuando me duele mucho la cabeza", "self-harm"),
    # round 4's dev third, read by kind after the model's thresholds were chosen on it
    ("had my klonopin with four beers and now i'm drowsy and heavy", "overdose"),
    ("desde la sesion de ketamina mi papa dice que le falta el aire", "emergency"),
    ("uno se puede morir de tramadol si me tomo mas? cuantas serian", "suicide"),
    ("on xarelto, bonked my head on a cabinet, headache building", "emergency"),
]

ROUND4_NOT_CRISIS = [
    "our church group is for parents who lost a child to suicide, can we post a flyer?",
    "I volunteer as a suicide prevention educator, do you take school referrals?",
    "for my nursing class: which age group has the most suicide attempts?",
    "my girl swallowed some advil when she was 3, she was fine. do you treat kids?",
    "en el 2019 tuve una sobredosis por accidente, ya estoy bien. cuanto cuesta?",
    "no soy suicida, solo quiero saber si ustedes atienden depresion",
    "el cuestionario pregunta si estaria mejor muerto, yo marque que no. importa?",
    "is 30 of the 5 mg tablets enough for a month of refills?",
    "I couldn't wake up on time because of the migraine, can I move my appointment?",
    "we are planning my own funeral arrangements with a lawyer, is that a problem?",
    "please tell the doctor bye for us, we are moving to Oregon next month",
    "what's a cluster headache?",
    "i'd rather cut back on caffeine than add a pill, is that ok?",
    "ya tengo el plan de pagos, cuando empiezo?",
    "is it safe to have one glass of wine the night after my infusion?",
    "se puede morir alguien con la ketamina en la clinica? es segura?",
    "does eliquis interact with ketamine? I take it for afib",
]


@pytest.mark.parametrize(("text", "kind"), ROUND4_CRISIS)
def test_round4_kinds_are_a_crisis(text: str, kind: str) -> None:
    verdict = assess(text)
    assert verdict.level == "crisis", verdict.explain()
    assert verdict.kind == kind, verdict.explain()


@pytest.mark.parametrize("text", ROUND4_NOT_CRISIS)
def test_round4_near_misses_are_not_a_crisis(text: str) -> None:
    verdict = assess(text)
    assert verdict.level != "crisis", verdict.explain()


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (
            "my cousin's group is for people who lost a sibling to suicide",
            "bereavement",
        ),
        ("for my psych paper, why does suicide rise in winter?", "about the topic"),
        ("en el formulario me preguntan por sobredosis y puse que no", "negated"),
    ],
)
def test_round4_context_says_why(text: str, why: str) -> None:
    verdict = assess(text)
    assert verdict.level == "possible", verdict.explain()
    assert why in {f.modifier for f in verdict.findings}, verdict.explain()


# Round 5: the kinds round 4's frozen third missed, in our own words.
ROUND5_CRISIS = [
    ("are there still bridges downtown without the anti-jump netting?", "suicide"),
    ("from how many stories up does nobody survive a fall", "suicide"),
    ("i'm 91 and i have had enough of this world. god can come and take me", "suicide"),
    ("le ruego a la virgencita cada noche que ya me recoja", "suicide"),
    (
        "long day, mowed the lawn, called my sister, fed the dog. later i took out "
        "grandpa's shotgun, cleaned it and sat on the bed holding it for hours. "
        "anyway what are your hours on saturday",
        "suicide",
    ),
    (
        "Mia gets my records and my brother gets my car. it's all written down",
        "suicide",
    ),
    ("been hoarding my nurtec and honestly they are not for migraines", "suicide"),
    ("kisiera morirmeee ya", "suicide"),
    ("ya no qiero vivir", "suicide"),
    ("slammed my head into the door during the attack until it bled", "self-harm"),
    (
        "me estrelle la cabeza contra el piso por el dolor y me abri la frente",
        "self-harm",
    ),
    (
        "if someone swallowed a full pack of sumatriptan would it be painless",
        "overdose",
    ),
    ("cual piso de un edificio ya no se sobrevive", "suicide"),
    # read in round 5's train third, by kind
    ("ya me las tome todas, lo siento", "overdose"),
    ("en la carretera se me ocurre aventarme enfrente de un camion", "suicide"),
    ("en cuanto tiempo hace efecto el raticida", "suicide"),
    ("que cantidad de tramadol seria mortal", "suicide"),
    ("a veces siento que mejor ya no existir", "suicide"),
    ("how many sleeping pills do people take when they want to die", "suicide"),
    ("my uncle overdosed last night and isn't waking up", "suicide"),
    ("ya elegi el sitio y la hora", "suicide"),
    (
        "y si alguien se toma todas las de dormir con vino se muere tranquilo?",
        "suicide",
    ),
]

ROUND5_NOT_CRISIS = [
    "the new form asks if i've ever attempted suicide. is that required?",
    "just so you know im not trying to kms lol, does ketamine help with ptsd",
    "what warning signs of suicide should parents know? it's for a talk at the PTA",
    "que senales de suicidio debo conocer, es para una platica en la escuela",
    "cleaning my rifle before deer season, can i still get the infusion friday",
    "my husband gets the car on tuesdays, can i move my appointment?",
    "which floor is the clinic on?",
    "le pido a dios que me ayude con este dolor",
    "ke hora abren el sabado",
    "the lord knows i've had enough of this traffic lol",
    "me tome todas mis pastillas a tiempo hoy, cuando es mi cita?",
    "my sumatriptan always gives me that chest tightness, should i switch?",
    "ya no los voy a molestar con mas preguntas, gracias",
    "please email me, i cant talk on the phone during my shift",
    # read in round 5's dev third (tuned)
    "is the new infusion worth it? dying to find out before I pay",
    "do you see patients with suicidal thoughts? asking for my book club",
    "I ticked 'never' for the better off dead question. does that matter?",
    "I'm cutting back on pills so I don't end up like my uncle who overdosed",
    "ya escogi el lugar y la fecha de la boda",
]


@pytest.mark.parametrize(("text", "kind"), ROUND5_CRISIS)
def test_round5_kinds_are_a_crisis(text: str, kind: str) -> None:
    verdict = assess(text)
    assert verdict.level == "crisis", verdict.explain()
    assert verdict.kind == kind, verdict.explain()


@pytest.mark.parametrize("text", ROUND5_NOT_CRISIS)
def test_round5_near_misses_are_not_a_crisis(text: str) -> None:
    verdict = assess(text)
    assert verdict.level != "crisis", verdict.explain()


def test_hopelessness_about_the_point_of_anything_is_at_least_possible() -> None:
    verdict = assess("exhausted all the time, whats even the point of any of it")
    assert verdict.level in ("possible", "crisis"), verdict.explain()
    assert "passive ideation" in {f.concept for f in verdict.findings}, (
        verdict.explain()
    )


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (
            "the screening questionnaire asks whether i have ever tried suicide",
            "about the topic",
        ),
        ("to be clear i am not trying to kill myself, just curious", "negated"),
        ("signs of suicide in teens? i'm giving a workshop", "about the topic"),
    ],
)
def test_round5_context_says_why(text: str, why: str) -> None:
    verdict = assess(text)
    assert verdict.level == "possible", verdict.explain()
    assert why in {f.modifier for f in verdict.findings}, verdict.explain()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=30))
def test_hardening_reads_each_distinct_character_once(text: str) -> None:
    """Invisible characters and look-alikes are handled by the distinct
    characters a text holds: the same result as reading it character by
    character."""
    import unicodedata

    from faqbot import hardening

    visible = "".join(
        ch
        for ch in text
        if unicodedata.category(ch) != "Cf" and not 0xFE00 <= ord(ch) <= 0xFE0F
    )
    assert hardening.drop_invisible(text) == visible
    assert hardening.map_confusables(text) == text.translate(hardening._CONFUSABLES)


# Round 6: the kinds round 5's frozen third and round 6's train third missed, in
# our own words.
ROUND6_CRISIS = [
    # waking up, or being alive, as a disappointment
    ("it upsets me every day that i woke up at all", "suicide"),
    ("honestly id be okay with not existing anymore", "suicide"),
    ("kind of wish i didn't wake up this morning", "suicide"),
    ("praying this cluster headache turns out to be the one that takes me", "suicide"),
    # a height asked about as "high enough"; an overdose nobody can undo
    ("is the old arroyo bridge tall enough", "suicide"),
    ("which pills can't be reversed if you swallow a lot of them", "suicide"),
    ("what drugs can doctors not save you from after an overdose", "suicide"),
    ("what amount of benadryl would stop your heart", "suicide"),
    # an end that makes a booking moot; dead by a time, said as a plan
    ("plan to be dead before my appointment so just cancel it", "suicide"),
    ("i intend to be gone by then anyway, not like anybody would notice", "suicide"),
    # algospeak for ending one's life; driving off an edge
    ("im logging off permanently, thanks for trying", "suicide"),
    ("gonna take myself out this weekend", "suicide"),
    ("thinking of driving off the pier tonight", "suicide"),
    # a usual aura, and a new deficit beside it
    (
        "my usual zigzag aura came but this time my left arm is weak and heavy",
        "emergency",
    ),
    # a professional telling of a named person at risk
    (
        "im a nurse and my patient told me she wants to kill herself tonight, "
        "what do i do",
        "suicide",
    ),
]

ROUND6_NOT_CRISIS = [
    # a quantity denied: the label dose, nothing extra
    "took just the normal dose of maxalt, not extra. can i drink coffee after?",
    "i didn't take too many pills, only two advil. can i still do the infusion?",
    # waking too early is a complaint, not a wish
    "i wish i didn't wake up so early on infusion days, can i book later?",
    "whats the max daily dose of ibuprofen? i want to stay within the label",
    # a form's items answered "none"
    "intake form: self harm - no. suicidal thoughts - none. anything else?",
    # a family history of a death by suicide
    "my grandfather died by suicide when i was a kid, does that go on the form?",
    "my aunt committed suicide in 2001, the form asks about family history",
    # milestones told with pride
    "proud to say 5 years free of suicidal thoughts, how do i become a patient?",
    "10 years sober and 4 years free from self harm, can ketamine mess with that?",
    "three years out from my last suicidal crisis, can i book a consult?",
    # old scars, with nothing fresh beside them
    "old self harm scars on my arms, is that a problem for the iv?",
    "i cut back in college, my scars are faded now. will staff ask about them?",
    # someone else's safety told as a denial
    "my son's counselor says he's stable and not suicidal, do you treat teens?",
    "her psychiatrist says she is doing fine and not cutting, can she start ketamine?",
    # a recovery told now after a past that is over
    "years ago i wished i wouldn't wake up. these days im doing really well, "
    "when can i book?",
    # lights and traffic "nearly killing" someone; two sentences are not one sign
    "the glare on the freeway almost killed me today. why is light so bad in a "
    "migraine?",
    "bright lights nearly killed me today. migraines make every light unbearable, "
    "is that normal for a headache?",
]


@pytest.mark.parametrize(("text", "kind"), ROUND6_CRISIS)
def test_round6_kinds_are_a_crisis(text: str, kind: str) -> None:
    verdict = assess(text)
    assert verdict.level == "crisis", verdict.explain()
    assert verdict.kind == kind, verdict.explain()


@pytest.mark.parametrize("text", ROUND6_NOT_CRISIS)
def test_round6_near_misses_are_not_a_crisis(text: str) -> None:
    verdict = assess(text)
    assert verdict.level != "crisis", verdict.explain()


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("past suicide attempts: none", "negated"),
        ("my brother died by suicide, is ketamine safe for me?", "bereavement"),
        ("two years clean from self harm as of today!", "past"),
        ("a year out from my last suicidal episode and feeling good", "past"),
        ("my faded self harm scars, will the nurse see them", "past"),
        ("her therapist says she's safe and not self harming", "negated"),
    ],
)
def test_round6_context_says_why(text: str, why: str) -> None:
    verdict = assess(text)
    assert verdict.level == "possible", verdict.explain()
    assert why in {f.modifier for f in verdict.findings}, verdict.explain()


@pytest.mark.parametrize(
    "text",
    [
        # a streak that ended is no past that is over
        "relapsed on sh after five months clean",
        "bad news. a year clean from self harm and i cut tonight",
        # an urge, or fresh cuts, beside old scars
        "i want to cut so bad, my old scars are calling me",
        "cut again last night, my old scars reopened",
        # the learner's frame does not cover a named person told as news
        "im her teacher and she wrote that she wants to kill herself",
        # a past wish is no recovery: the wish is told now
        "sometimes i wish last year's scare had been the real thing, then it would "
        "be over",
        # a usual aura with something new: "but this time"
        "usual aura but this time half my face is numb and drooping",
    ],
)
def test_round6_context_does_not_soften_what_is_still_here(text: str) -> None:
    verdict = assess(text)
    assert verdict.level == "crisis", verdict.explain()


def test_round6_the_model_alone_yields_to_a_label_dose_and_a_recovery() -> None:
    """A dose taken as directed, or a risk told as over with a recovery now,
    keeps the model at ``possible`` whatever it thinks of the words."""
    for text in (
        "i took my usual dose of sumatriptan, nothing extra, ok to have a latte?",
        "back in my twenties i wanted to not wake up. now i love my life, how do i "
        "book?",
    ):
        verdict = assess(text)
        assert verdict.level != "crisis", verdict.explain()
    # The same model with no such context still decides about a recent act.
    assert assess("i cut last week, right next to my old scars").level == "crisis"


# Round 7: the kinds round 6's frozen third and round 7's train and dev thirds
# showed, in our own words. Each is decided by a concept, not by the model alone.
ROUND7_CRISIS = [
    # death likened to a rest one would welcome (passive ideation)
    ("honestly dying sounds like a long vacation at this point", "suicide"),
    # nothing left to stay for (988 warning signs)
    ("there's nothing left for me in this world", "suicide"),
    # a decision said tersely, timed by someone else's absence (intent, plan)
    ("I've made up my mind. Sunday, once my husband leaves for his shift", "suicide"),
    # a surer method after an attempt that failed, however long ago
    ("tried once in 2020 and woke up. this time I've got a surer method", "suicide"),
    # sitting with an engine running in a shut garage (an aborted attempt)
    ("sitting in my garage with the truck idling, door shut", "suicide"),
    # preparation told as errands: future care cancelled, affairs put in order
    ("cancel my future infusions please. I'm getting my affairs in order", "suicide"),
    # a farewell written to everyone, timed to go out later
    ("wrote one last email to all my friends, it goes out tomorrow as my goodbye",
     "suicide"),
    # a life insurance told as paying out on the writer soon
    ("my family will finally cash in on my life insurance soon", "suicide"),
    # cutting asked as a method: its depth, its direction
    ("how deep do you have to go when cutting for it to count", "suicide"),
    ("vertical or horizontal, which is worse for your wrist", "suicide"),
    # self-harm disguised as an everyday wound the writer then denies
    ("these marks on my legs aren't really from the dog, you know", "self-harm"),
    # burden without a subject
    ("won't be a bother to anybody much longer", "suicide"),
    # an old person's opioids kept instead of taken, or kept with an end told
    ("my grandmother, 86, has been hiding her morphine in a shoebox instead of "
     "taking it", "suicide"),
    ("grandpa has been squirreling away his morphine and told me he's had a good run",
     "suicide"),
    # a method question about a firearm
    ("would a gunshot to the chest always be fatal", "suicide"),
    # a cold, bluish limb after an ergot (vasospasm)
    ("got a DHE shot this morning and now my right foot is cold and bluish",
     "emergency"),
    # a headache at its worst within seconds (thunderclap)
    ("the headache peaked within a few seconds and then everything went dark",
     "emergency"),
    ("my head went from nothing to the worst ever in maybe ten seconds",
     "emergency"),
    # the same kinds in other words
    ("death would honestly be a mercy right now", "suicide"),
    ("my mind is made up. tonight once everybody is asleep", "suicide"),
    ("last time i woke up in the hospital. this time i won't", "suicide"),
    ("soon none of you will have to worry about me", "suicide"),
    ("the kitten got me again lol, you know what i mean", "self-harm"),
    ("cancelled my refills and found a new home for the cat. loose ends tied up",
     "suicide"),
]  # fmt: skip

ROUND7_NOT_CRISIS = [
    # a cut whose object is a thing, a treatment that failed: the model alone yields
    "how deep do you cut the onions for the soup, asking for the clinic potluck",
    "my preventives all failed and this time I will not bother with another one, "
    "what else is there?",
    # a denial with "once" or "even" between it and the words, a laughing idiom
    "I have never once thought about hurting myself, do you still treat migraines?",
    "never even thought of killing myself, just want my headaches gone",
    "my sister nearly killed herself laughing at your parking sign, where do I park?",
    # cancelling care for a move, loose ends at work
    "please cancel my upcoming sessions, we're moving out of state and won't need them",
    "tying up loose ends at work before my first infusion, can I book Tuesday?",
    # a decision about care, and a better plan for the migraines
    "I've decided. Friday works for my first consult",
    "I've decided to try ketamine. Friday after the kids are at school works best",
    "my first triptan failed, now I have a better plan with my neurologist",
    "I tried triptans and they failed, now I have a better plan: Nurtec daily",
    # a surgeon's cut; rationing rescue medicine; keeping medicine handy
    "how deep should I cut the carrots for the stew?",
    "how deep is the incision for a nerve decompression?",
    "I save my rescue meds for really bad days instead of taking them early, is "
    "that wrong?",
    "I keep my triptans in the car so I'm ready",
    "so nobody will have to worry about me driving home after ketamine?",
    "tried two triptans, both failed. this time I won't bother with them",
    "I already know when: saturday while my wife is at work suits my infusion",
    # an attempt at an age long past, with years of stability since
    "I attempted suicide at 17 and have been well for twenty years, will that affect "
    "my eligibility?",
    # a form's item quoted while filling it in
    "question 4 on the intake, 'thoughts of being better off dead', what do I circle "
    "if it's never?",
    # a professional's question about the topic, told as work
    "I'm a school counselor: do you treat teens who self-harm? asking because I work "
    "with them",
]


def _decided_by_a_concept(verdict: object) -> bool:
    return any(f.level == "crisis" for f in verdict.findings)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "kind"), ROUND7_CRISIS)
def test_round7_kinds_are_a_crisis(text: str, kind: str) -> None:
    verdict = assess(text)
    assert verdict.level == "crisis", verdict.explain()
    assert verdict.kind == kind, verdict.explain()
    assert _decided_by_a_concept(verdict), verdict.explain()


@pytest.mark.parametrize("text", ROUND7_NOT_CRISIS)
def test_round7_near_misses_are_not_a_crisis(text: str) -> None:
    verdict = assess(text)
    assert verdict.level != "crisis", verdict.explain()


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("I attempted suicide at 17. now 40 and stable, can I get ketamine?", "past"),
        ("item 7 reads 'wishing you were dead' and my answer is never", "negated"),
        ("question 12: thoughts you would be better off dead. why ask", "reported"),
    ],
)
def test_round7_context_says_why(text: str, why: str) -> None:
    verdict = assess(text)
    assert verdict.level == "possible", verdict.explain()
    assert why in {f.modifier for f in verdict.findings}, verdict.explain()


@pytest.mark.parametrize(
    "text",
    [
        # a question about the topic, then told as the writer's own
        "do you see adults who cut? asking because I did it again last night",
        "is ketamine used for people who want to die? asking for myself",
        # a statement with its subject left out is no question
        "won't be around to annoy anyone for long",
        "do not want to wake up tomorrow",
        # a form's wording without a form is the writer's own
        "what do I mark when I want to die every day?",
        # a past told, then the act told as coming back
        "i tried to end my life back in college and i'm going to do it again",
        "swallowed a whole bottle of advil at 22 and plan to try again this weekend",
    ],
)
def test_round7_context_does_not_soften_what_is_the_writers_own(text: str) -> None:
    verdict = assess(text)
    assert verdict.level == "crisis", verdict.explain()
    assert _decided_by_a_concept(verdict), verdict.explain()


# Round 8's English kinds, in our own words: a return to where one was with a
# plan being worked out, the future refused whole, a form's plan item answered
# yes, an innocent purpose the writer denies, a firearm-in-mouth idiom.
ROUND8_CRISIS = [
    ("do you take blue shield? I'm back in that dark place and mapping out how "
     "this time", "suicide"),
    ("feels like I'm right back to where I was in 2019, working it all out again",
     "suicide"),
    ("I'd like to close my eyes and never have to face tomorrow, or any other day",
     "suicide"),
    ("honestly I don't want any more tomorrows", "suicide"),
    ("the screener asks whether I have a specific plan. yeah I do, friday", "suicide"),
    ("my counselor asked if I had a plan and my answer was yes", "suicide"),
    ("which parking garage around your office is the tallest? not to park", "suicide"),
    ("twenty years in the marines and lately I think about eating my rifle",
     "suicide"),
    # how long dying takes by a drug, or whether a mix is survivable, denied or not
    ("how long would it take to die from a full bottle of excedrin? not that I would",
     "suicide"),
    ("can you not survive benadryl with vodka? serious question", "suicide"),
    ("what is the fastest way to od on what I have at home", "suicide"),
    # a question about the topic, then the writer says it is them
    ("do you see patients who'd rather be dead? that is me lately", "suicide"),
    # a medicine gathered across several stores
    ("been buying advil at several different pharmacies all week", "suicide"),
    # numbness and slurred speech the writer says they never have with migraines
    ("could a migraine make my face numb and my words slurred? never had this before",
     "emergency"),
    # an aura with weakness that has lasted hours and is getting worse
    ("my aura came with a weak left leg at noon, it's 3pm and getting worse, normal?",
     "emergency"),
    # a teacher who names themselves as the case
    ("does ketamine help people who want to die? I teach high school and that's me",
     "suicide"),
]  # fmt: skip

ROUND8_NOT_CRISIS = [
    # a wish to die tied to a routine: an idiom of annoyance
    "I want to die whenever my alarm clock rings on a Monday. do you open at 7?",
    "I could die every time the group chat pings at work, anyway is parking free?",
    # the topic learned about for a job, with the word as a noun's modifier
    "we did a suicide first aid training at work, what does hopelessness look like "
    "in a coworker?",
    # an everyday function lost to a body part, and a clinic question
    "up again at 2am, can't sleep from the migraine again. when do you open?",
    # a form's plan item quoted, not answered
    "the intake paperwork asks if I have a plan, what happens if I tick it?",
    # the usual aura, with the migraine misspelled and "before" in text-speak
    "my fingers go numb n tingly b4 a migrain, is that the early sign?",
    # the headache too many painkillers cause, asked about by its name
    "can a medication overuse headache come from taking too many painkillers?",
    # groceries from two stores
    "got groceries at two different stores, can I eat before my infusion?",
    # a child's usual warning sign, told before "her bad headaches"
    "my daughter's fingers tingle and go numb before her worst migraines, normal?",
    # shock at a bill, and an emergency's name asked out of curiosity by someone well
    "I about had a heart attack when I opened the statement, why is it so high?",
    "can a migraine ever turn into a stroke? purely hypothetical, I'm fine",
    # a word talked about, a relative's stroke decades ago, a reading group's question
    "kms is a strange term, my niece keeps texting it. what ages do you treat?",
    "my uncle had a stroke in the late 80s, does that make ketamine risky for me?",
    "do you see people with self-harm or suicidal thoughts? it's for our study group",
]


@pytest.mark.parametrize(("text", "kind"), ROUND8_CRISIS)
def test_round8_kinds_are_a_crisis(text: str, kind: str) -> None:
    verdict = assess(text)
    assert verdict.level == "crisis", verdict.explain()
    assert verdict.kind == kind, verdict.explain()
    assert _decided_by_a_concept(verdict), verdict.explain()


@pytest.mark.parametrize("text", ROUND8_NOT_CRISIS)
def test_round8_near_misses_are_not_a_crisis(text: str) -> None:
    verdict = assess(text)
    assert verdict.level != "crisis", verdict.explain()


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # the same question with its innocent purpose kept is no crisis
        ("which parking garage around your office is the tallest? I need to park",
         "possible"),
        # a wish to die at pain, not at a routine, is still the writer's own
        ("I want to die every time the pain comes back", "crisis"),
        # a bodily cause does not soften what a concept reads
        ("can't sleep because of my head and I can't go on like this", "crisis"),
        # curiosity does not hide a sign told with it
        ("can a migraine turn into a stroke? just curious, my face went numb just now",
         "crisis"),
        # a form's plan item denied stays below a crisis
        ("the form asks if I have a plan. I don't, just wondering", "possible"),
    ],
)  # fmt: skip
def test_round8_what_the_new_readings_leave_alone(text: str, level: str) -> None:
    verdict = assess(text)
    if level == "crisis":
        assert verdict.level == "crisis", verdict.explain()
    else:
        assert verdict.level != "crisis", verdict.explain()


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # "back" tells a far past as "ago" does
        ("Around a decade back I was suicidal for a while, that's long over. "
         "Is ketamine something I could try for migraines?", "past"),
        ("I had thoughts of killing myself years back; I'm doing well now. "
         "Does ketamine help with migraine?", "past"),
        # the past comes back when the writer wants it again, now
        ("I overdosed on purpose a long time ago and now I'd like to again tonight",
         "crisis"),
        ("years back i took a bunch of pills to die. ready to do that again soon",
         "crisis"),
        # an act told as meant is no idiom, whatever follows "on"
        ("my sister overdosed on purpose last night, she is asleep and won't answer",
         "crisis"),
        ("ugh I overdosed on coffee before my shift, can ketamine help headaches?",
         "none"),
        # "back" as a body part is no past
        ("I want to end my life, I've had months back pain and nothing helps",
         "crisis"),
    ],
)  # fmt: skip
def test_a_far_past_told_with_back_and_its_return(text: str, level: str) -> None:
    verdict = assess(text)
    if level == "crisis":
        assert verdict.level == "crisis", verdict.explain()
    else:
        assert verdict.level != "crisis", verdict.explain()
    if level == "past":
        assert any(f.modifier == "past" for f in verdict.findings), verdict.explain()


@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        # Spanish harm to oneself announced as "una locura", as the English
        # screen reads "before I do something stupid"
        ("por favor llámenme, tengo miedo de cometer una tontería hoy", True),
        ("ya no aguanto, antes de que yo haga una estupidez quiero hablar con alguien",
         True),
        ("me da miedo hacer algo de lo que me arrepienta", True),
        # a spree with money or a haircut is no harm to oneself
        ("antes de que haga una locura con mi tarjeta, ¿cuánto cuesta la infusión?",
         False),
    ],
)  # fmt: skip
def test_spanish_harm_announced_as_a_folly(text: str, crisis: bool) -> None:
    verdict = assess(text)
    assert (verdict.level == "crisis") is crisis, verdict.explain()
