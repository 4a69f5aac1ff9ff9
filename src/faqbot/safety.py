"""The crisis screen: runs before anything else on every channel.

It decides one of three risk levels per message:

- ``crisis``: the crisis reply (988, 911, the clinic) comes first, and staff
  get an urgent item.
- ``possible``: the message gets the reply it would otherwise get, followed by
  one short safety line, and staff get an urgent item marked "possible risk".
- ``none``.

The screen is organised by clinical concepts, not by phrasings: the C-SSRS
ladder (passive and active ideation, method, intent, plan, preparatory
behaviour), the 988 Lifeline warning signs, a third party at risk, method
seeking, self-harm as an act, overdose as a quantity with a drug word or a
named drug with an alarming symptom, BE FAST stroke signs and SNOOP headache
red flags in lay words, and reactions after a treatment or a new medicine.
Each concept is a handful of patterns over words, in English and Spanish.

A hit is read in its clause: a negation before it ("I'm not suicidal"), a
past that is over ("years ago", "used to"), a question about the topic rather
than about oneself ("can ketamine help suicidal thoughts?") or a habitual
aura ("my arm always tingles before an attack") turn ``crisis`` into
``possible``, never into ``none``: a missed crisis costs far more than a
safety line shown to someone who did not need it.

A statistical second opinion (a linear model over word and character
n-grams, trained at build time by ``scripts/train_safety.py`` and shipped as
data) raises a message no concept caught to ``possible``.

Every pattern runs in RE2 (google-re2), whose matching time is linear in the
text, and the patterns of one form sit behind RE2's prefilter (a
``re2.Filter``): one pass finds the literal strings they need, and only the
patterns whose strings occur are run, so a 64 KB message costs well under a
millisecond of matching.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import re2
from rapidfuzz import process
from rapidfuzz.distance import OSA

from .hardening import harden
from .language import detect, zipf
from .lexicon import is_common
from .message import Analysed, analyse
from .text import fold, normalize, normalize_pieces, split_clauses

LEVELS = ("none", "possible", "crisis")

# Words worth correcting towards, so "suicidel", "myslef" and "overdoes" still count.
_VOCAB = sorted(
    """
    suicide suicidal suicidality myself himself herself themselves kill killing die
    dying dead death alive live living life ending thinking going overdose overdosed
    overdosing pills bottle cutting harm hurting hurt wrist wrists razor hanging
    noose bridge goodbye worthless hopeless burden unalive vanish disappear worst
    headache thunderclap sudden suddenly weakness numb numbness drooping droopy
    slurred slurring speech speaking talking vision blind fever stiff vomiting vomit
    throwing seizure stroke unconscious breathe breathing anymore everyone everybody
    nobody without better tablets medication swallowed explosion exploding lethal
    tonight forever overdose unresponsive swelling swollen throat tongue
    """.split()
)
_VOCAB_SET = frozenset(_VOCAB)
_KNOWN = _VOCAB_SET | frozenset(
    "kill die dead cut pills myself suicide self harm end life death sewerslide "
    "unalive suicidal forever meds tonight sleep gun rope knife blade".split()
)
# Emoji that stand for a means of harm ("doing the 🔪 thing again").
_EMOJI = str.maketrans(
    {"🔪": " knife ", "🗡": " knife ", "💊": " pills ", "🔫": " gun ", "🪢": " rope ",
     "🩸": " blood ", "⚰": " coffin "}
)  # fmt: skip
_EMOJI_CHARS = frozenset(map(chr, _EMOJI))


def _harden(text: str) -> str:
    if not text.isascii() and not _EMOJI_CHARS.isdisjoint(text):
        text = text.translate(_EMOJI)
    return harden(text, _KNOWN)

_EXTRA = {
    "kil": "kill",
    "myslef": "myself",
    "mysef": "myself",
    "mysel": "myself",
    "sucide": "suicide",
    "suicde": "suicide",
    "sucidal": "suicidal",
    "suacide": "suicide",
    "suiside": "suicide",
    "suicidial": "suicidal",
    "sewercide": "suicide",
    "sewerslide": "suicide",
    "deid": "die",
    "dye": "die",
    "ded": "dead",
    "alve": "alive",
    "anymor": "anymore",
    "nomore": "anymore",
    "storke": "stroke",
    "stoke": "stroke",
    "pils": "pills",
    "no1": "no one",
    "noone": "no one",
    "tnite": "tonight",
    "tonite": "tonight",
    "kms": "kill myself",
    "ctb": "kill myself",
    "unalive": "kill",
    "unaliving": "killing",
    "slurry": "slurred",
    "slurring": "slurred",
}

# --- shared word classes -------------------------------------------------------------
_SELF = r"(?:myself|my self|me)"
_ANYSELF = r"(?:myself|himself|herself|themselves|themself|yourself|ourselves)"
_WANT = (
    r"(?:want|wants|wanted|wanting|wish|wishes|wishing|going|plan|planning|planned|ready|trying|"
    r"tempted|thinking about|thinking of|think about|thought about|feel like|"
    r"feeling like|need|urge|urges|decided|about|keep thinking about|considering|"
    r"intend|intending|gonna|will|would)"
)
_PERSON = (
    r"(?:son|daughter|kid|kids|child|children|teen|teenager|boy|girl|wife|husband|"
    r"partner|spouse|boyfriend|girlfriend|fiance|fiancee|mom|mother|mum|dad|father|"
    r"parent|brother|sister|sibling|friend|roommate|grandma|grandpa|grandmother|"
    r"grandfather|aunt|uncle|cousin|niece|nephew|patient|coworker|neighbor|he|she|they)"
)
_DRUG = (
    r"(?:pills?|tablets?|capsules?|meds?|medications?|medicine|sumatriptan|"
    r"rizatriptan|zolmitriptan|eletriptan|naratriptan|triptans?|imitrex|maxalt|"
    r"relpax|zomig|nurtec|ubrelvy|fioricet|fiorinal|butalbital|tylenol|"
    r"acetaminophen|paracetamol|advil|motrin|ibuprofen|aleve|naproxen|excedrin|"
    r"aspirin|oxy\w{0,8}|percocet|vicodin|norco|hydrocodone|tramadol|codeine|"
    r"morphine|fentanyl|dilaudid|opioids?|opiates?|painkillers?|pain killers?|"
    r"xanax|valium|klonopin|ativan|benzos?|ambien|zolpidem|sleeping pills?|"
    r"sleep aids?|benadryl|nyquil|topamax|topiramate|amitriptyline|nortriptyline|"
    r"gabapentin|lyrica|depakote|lithium|seroquel|trazodone|zoloft|prozac|lexapro|"
    r"wellbutrin|effexor|cymbalta|antidepressants?|insulin|ketamine|"
    r"muscle relaxers?|flexeril|cyclobenzaprine|gummies|edibles?|heroin|meth|"
    r"cocaine|pastillas?|medicamentos?|medicinas?|pildoras?|"
    r"dhe|dihydroergotamine|ergotamine|cafergot|migranal|trudhesa|reyvow|lasmiditan|"
    r"qulipta|atogepant|rimegepant|ubrogepant|frova|frovatriptan|amerge|axert|treximet|"
    r"tylenol pm|advil pm|aleve pm|motrin pm|diphenhydramine|doxylamine|unisom|zzzquil|"
    r"melatonin|dramamine|promethazine|phenergan|compazine|prochlorperazine|reglan|"
    r"metoclopramide|zofran|ondansetron|propranolol|inderal|metoprolol|verapamil|"
    r"amlodipine|lisinopril|atenolol|clonidine|blood pressure (?:pills?|meds?|medicine)|"
    r"sertraline|fluoxetine|escitalopram|citalopram|celexa|paxil|paroxetine|venlafaxine|"
    r"duloxetine|bupropion|mirtazapine|remeron|quetiapine|olanzapine|zyprexa|abilify|"
    r"aripiprazole|risperdal|risperidone|lamotrigine|lamictal|valproate|divalproex|"
    r"carbamazepine|tegretol|keppra|levetiracetam|zonisamide|clonazepam|lorazepam|"
    r"alprazolam|diazepam|temazepam|restoril|lunesta|eszopiclone|belsomra|hydroxyzine|"
    r"vistaril|atarax|baclofen|tizanidine|zanaflex|methocarbamol|robaxin|soma|"
    r"carisoprodol|oxycodone|oxycontin|methadone|suboxone|buprenorphine|adderall|"
    r"ritalin|vyvanse|metformin|warfarin|coumadin|eliquis|xarelto|iron pills?|"
    r"midol|goody s|bc powder|antihistamines?|sleep meds?|sleeping meds?|"
    r"anxiety meds?|nerve pills?|heart (?:pills?|meds?)|rx|prescriptions?|scripts?|"
    r"kratom|xylazine|percs?|xans?|bars|roxies|blues)"
)
_QTY = (
    r"(?:whole|entire|full|all|all of|all the|all my|too many|too much|way too many|"
    r"handful|handfull|a handful of|bunch of|a bunch of|lots of|a lot of|double|"
    r"triple|doubled|doubled up|double dose|\d{2,3}|a dozen|dozen|twenty|thirty|forty|fifty|bottle of|box of|pack of|"
    r"months worth|month s worth|month of|"
    r"week s worth|weeks worth|extra doses? of|all the extra|several extra)"
)
_ALARM = (
    r"(?:can not breathe|cant breathe|not breathing|trouble breathing|hard to breathe|"
    r"barely breathing|breathing (?:is )?(?:slow|weird|shallow)|chest|heart (?:is )?"
    r"(?:racing|pounding|beating (?:so )?fast|skipping)|seiz\w{0,5}|shaking|"
    r"convuls\w{0,5}|passed out|pass(?:ing)? out|unresponsive|will not wake|"
    r"can not wake|wont wake|blue|confused|hallucinat\w{0,5}|vomiting blood|"
    r"throwing up blood|jaw|numb|tingling|dizzy|faint\w{0,3}|sweating|burning up|seeing (?:things|bugs)|"
    r"(?:barely|can not|cant) keep my eyes open|breathing feels (?:slow|weird|shallow)|"
    r"heart (?:is )?(?:going |beating )?(?:really |very |so )?slow|"
    r"cold and clammy|can not stay awake|so sleepy|drowsy|out of it|slurr\w{0,3}|"
    r"twitch\w{0,3}|shiver\w{0,3}|sweaty|jerk\w{0,3}|rigid|stiff muscles|agitated|"
    r"burning up|fever|high temp\w{0,7})"
)
_SUDDEN = (
    r"(?:sudden|suddenly|all of a sudden|out of nowhere|out of the blue|came on fast|"
    r"came on so fast|within seconds|in seconds|instantly|right now|just now|"
    r"just started|a few minutes ago|minutes ago|an hour ago|this morning|"
    r"since this morning|today|tonight|never had (?:this|anything like this)|"
    r"first time ever|is this a stroke|am i having a stroke|out of no where|"
    r"from nowhere|within a minute|in a minute|in one second|in a second|like a switch|"
    r"during sex|while having sex|"
    r"de repente|de golpe)"
)
# A migraine's name as people type it (migraine, migrane, migrain) is read by its stem.
_HABITUAL = (
    r"\b(?:usually|always|every time|everytime|whenever|each time|typically|normally|"
    r"as usual|my usual|the usual|like always|always does|before (?:a|my|the|each|every|"
    r"her|his|their|your|our|these|those) (?:bad |worst |big |bigger |usual |typical |worse )?"
    r"(?:migr\w{1,5}|attacks?|headaches?)|before (?:migr\w{1,5}|attacks|headaches)|"
    r"during (?:a|my|the|her|his|their) (?:migr\w{1,5}|attacks?)|for years|"
    r"like clockwork|goes away|go away|went away|passes|passed|wears off|wore off|"
    r"resolved|siempre|cada vez|all the time|"
    r"right before|just before|beforehand|warning sign|warning signs|early signs?|aura|auras|"
    r"after (?:a|my|the|every|each) (?:migr\w{1,5}|attacks?|headaches?)|postdrome|prodrome|"
    r"during (?:a |an |my |the )?auras?|after the (?:pain|headache|attack|migraine) "
    r"(?:goes|ends|stops|is gone|fades|passes|lifts)|the day after|for a day after|"
    r"part of (?:the|a|my) migraine)\b"
)
_ACUTE = (
    rf"\b{_SUDDEN}\b|\b(?:scared|terrified|emergency|911|er|hospital|worst|"
    r"still|not going away|has not gone away|hasnt gone away|will not go away|"
    r"won t go away|wont go away|for hours|different|new|never|getting worse|worse not better|"
    r"worse and worse|keeps getting worse|over an hour|more than an hour|longer than an hour|"
    r"hours now|still going)\b"
)


@dataclass(frozen=True)
class Rule:
    """One pattern of one concept.

    ``strong`` rules make a crisis when nothing modifies them; weak ones only
    ever make ``possible``. ``personal`` rules are read in context (negation,
    past, a question about the topic); method seeking is never softened.
    ``neuro`` rules are the signs an aura can also cause. ``quoted`` rules are a
    form's or a clinician's item: weak alone, a crisis when the writer answers it
    yes right after it ("asks if I have a plan. yes"). ``unless`` vetoes a
    hit when it follows the match ("overdosed on coffee").
    """

    concept: str
    kind: str
    pattern: str
    strong: bool = True
    personal: bool = True
    neuro: bool = False
    quoted: bool = False
    unless: str | None = None
    lang: str = "en"


def _r(concept: str, kind: str, pattern: str, **kw: object) -> Rule:
    return Rule(concept, kind, pattern, **kw)  # type: ignore[arg-type]


_NECK = (
    r"(?:stiff\w{0,3} neck|neck\b.{0,25}\b(?:stiff\w{0,3}|rigid|can not bend|cant bend|"
    r"hurts to bend)|(?:can not|cant|could not|hurts to|unable to) (?:bend|move|turn|touch) "
    r"(?:my |his |her )?(?:neck|chin)|chin to (?:my )?chest)"
)
_HARMLESS = (
    r"^\W*(?:on )?(?:coffee|caffeine|sugar|chocolate|candy|netflix|tv|television|"
    r"shows?|anime|news|tiktok|social media|carbs|pizza|ice cream|cake|cookies|"
    r"vitamins?|vitamin c|water|tea|sunshine|exercise|cardio|work|information|info|"
    r"research|podcasts?|music|reading|love|christmas|holiday|cheese|junk food|"
    r"salt|memes|emails)\b"
)
# Working an act out: "planning it out", "mapping out how".
_PLANS = (
    r"(?:plan|plans|planning|planned|plotting|plotted|mapping|mapped|working|worked|figuring|"
    r"figured|thinking|thought|researching|researched)(?: (?:it|them))?(?: out| through| over)?"
)
# A return to a state once left: "back to where I was", "in that dark place again".
_BACK_THERE = (
    r"(?:(?:back|right back) (?:to|in|at)|again (?:in|at)) (?:where|how|the (?:same |dark )?"
    r"(?:place|spot|headspace|point)|that (?:dark )?(?:place|spot|headspace|point))"
)
# Everyday events one "dies" at in an idiom ("want to die every time my alarm goes
# off"): a routine, a chore, a small embarrassment; never pain, waking or living.
_EVERYDAY_TRIGGER = (
    r"(?:alarm|alarm clock|mondays?|the commute|commute|traffic|meetings?|inbox|emails?|"
    r"homework|taxes|bills?|boss|the dentist|small talk|group chat|gym|laundry|dishes|"
    r"ex|exes|work (?:emails?|calls?|meetings?)|phone rings?|doorbell|math|exams?|"
    r"tests?|presentations?|karaoke|selfies?|photos? of me|voice recordings?|own voice)"
)
# "Suicide" as the modifier of a topic noun: "suicide headache" (cluster headache's
# nickname), "suicide prevention", "suicide warning signs", "a suicide first aid
# training". Read by the English and the Spanish pass alike.
_SUICIDE_AS_TOPIC = (
    r"^\w{0,8} (?:headache|migraine|headaches|migraines|prevention|awareness|loss|losses|"
    r"survivors?|bereavement|grief|support group|(?:warning )?signs?|risk factors?|training|"
    r"trainings|statistics|stats|rates?|research|screenings?|assessments?|education|"
    r"first aid|gatekeeper|prevencion|duelo)\b"
)
# What one "dies of" in an idiom: a feeling or a trifle, never a means.
_IDIOM_CAUSE = (
    r"(?:embarrass\w{0,5}|shame|boredom|bored|laugh\w{0,5}|cringe|cuteness|happiness|joy|"
    r"excitement|curiosity|anticipation|suspense|jealousy|envy|old age|hunger|thirst|"
    r"the heat|heat|the cold|cold|a heart attack of (?:joy|happiness)|second ?hand embarrassment|"
    r"awkwardness|nerves|stress of (?:waiting|it))"
)
_DIE_OF_IDIOM = (
    rf"^\W*(?:of|from|with|laughing) (?:pure |sheer |total |the )?{_IDIOM_CAUSE}\b|"
    r"^\W*(?:to|for) (?:know|see|try|hear|get|meet|go|find out|learn|start)\b|^\W*(?:laughing|inside)\b|"
    rf"^\W*(?:every time|each time|whenever|when|at|over)\b(?: \w+){{0,3}} {_EVERYDAY_TRIGGER}\b"
)
_ES_HARMLESS = (
    r"^\W*(?:de |con )?(?:la |el |los |las )?(?:cafe|cafeina|azucar|chocolate|dulces?|pan|tacos?|"
    r"netflix|series|tele|television|novelas|trabajo|tarea|memes|te|agua|vitaminas?|"
    r"ejercicio|comida|pizza|helado|musica|tiktok|redes)\b|"
    r"^\W*(?:(?:de )?(?:la |el )?(?:presion|diabetes|azucar|colesterol|tiroides) )?(?:a (?:tiempo|su hora|la hora)|"
    r"como (?:me )?(?:dijo|indico|receto|dijeron|indicaron)|segun la receta|como siempre)\b"
)
_ES_IDIOM = (
    r"^\W*(?:de|del) (?:la |el )?(?:risa|verguenza|pena|hambre|sueno|frio|calor|nervios|ganas|"
    r"amor|envidia|aburrimiento|curiosidad|emocion|gusto|felicidad|alegria|celos|cansancio|sed|oso|"
    r"coraje|flojera|trafico|trabajo|tarea|estres|espera|fila|cola|tanto (?:trafico|trabajo|esperar|calor))\b"
)


# "No puedo hablar en el trabajo / por telefono": when and where one can talk, not lost speech.
_ES_AVAILABILITY = (
    r"^\W*(?:(?:ahorita |ahora |hoy )?(?:en|desde) (?:el|mi|la) (?:trabajo|chamba|jale|oficina|escuela|"
    r"clase|junta|reunion|turno)|(?:ahorita |ahora )?(?:por|en el|al) (?:telefono|tel|cel|celular)|"
    r"(?:ahorita |ahora )?(?:porque|que|q|xq|pq) (?:estoy|ando) (?:en|trabajando|manejando|con)|"
    r"con (?:nadie|ustedes|mi jefe)|de eso|en ingles|ingles)\b"
)


# --- concept word classes for the rules that combine them ----------------------------
# Means of suicide other than a drug: where a question about them ("how high",
# "how long", "the tallest") is method seeking even with no word of dying.
_MEANS = (
    r"(?:bridges?|overpass(?:es)?|rooftops?|roofs?|tall buildings?|buildings?|cliffs?|"
    r"balcon(?:y|ies)|parking (?:structure|garage)s?|ledges?|train tracks|"
    r"car exhaust|exhaust|tailpipe|closed garage|carbon monoxide|"
    r"charcoal|helium|nitrogen|gas oven|rope|noose|belt|extension cord|ligature|gun|guns|"
    r"firearms?|pistol|bullets?|gunshots?|shot to the head|shotgun|razor|razors|blades?|knife|knives|wrists?|veins?|"
    r"arter(?:y|ies)|bleach|antifreeze|rat poison|poison|drowning|the ocean|the river|"
    r"hanging|jumping|bleed(?:ing)? out|bleeding to death)"
)
# A question after the means' working: height, time, amount, speed, pain, certainty.
_MEANS_QUERY = (
    r"(?:how (?:high|tall|deep|long|many|much|fast|quick|quickly|likely|painful|sure)|"
    r"what (?:height|floor|story|storey|amount|dose|time)|which (?:floor|bridge|building|"
    r"one|way|method|vein|artery)|highest|tallest|deepest|fastest|quickest|surest|"
    r"most (?:painless|certain|effective|lethal|reliable)|least painful|painless|"
    r"survivable|survive|fatal|lethal|deadly|guaranteed|enough to|(?:high|tall|deep) enough|would it take|does it take|"
    r"is it quick|is it painful|does it hurt|would it hurt|do people survive|can you survive|"
    r"sure way)"
)
_DAYS = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tonight|tomorrow|"
    r"the weekend|this weekend|next week|the end of (?:the|this) (?:week|month)|christmas|"
    r"new year s|my birthday|then|that|that day|the morning|morning)"
)

# A treatment just given: where a reaction's signs make an emergency.
_AFTER_TX = (
    r"(?:after|since|from|during|following|post) (?:the |my |his |her |their |an |a |this |that |today s |todays |today |"
    r"yesterday s |yesterday |last |this morning s )?"
    r"(?:iv|infusion|drip|ketamine|treatment|session|appointment|shot|injection|dose|new (?:med\w{0,8}|pill\w{0,2}|prescription))"
)
# Anaphylaxis by its systems: the airway alone, or the skin with another system.
_AIRWAY = (
    r"(?:wheez\w{0,3}|throat\b.{0,15}\b(?:tight\w{0,4}|closing|clos\w{0,3} up|swell\w{0,4}|swollen|itchy|scratchy|thick)|"
    r"(?:hard|trouble|struggling|can not|cant|cannot) (?:to )?(?:breathe|breathing|get air|get enough air|catch my breath)|"
    r"short of breath|shortness of breath|hard to get air|(?:tongue|lips?) (?:is |are |feels? )?(?:swell\w{0,4}|swollen|tingl\w{0,4} and swell\w{0,4}))"
)
_SKIN = r"(?:hives|welts|itch\w{0,4}|rash|flush\w{0,2}|blotch\w{0,3}|red bumps|bumps all over)"
_OTHER_SYSTEM = (
    r"(?:vomit\w{0,4}|throwing up|threw up|throw up|cramp\w{0,3}|dizzy|faint\w{0,3}|light ?headed|"
    r"swell\w{0,4}|swollen|puffy|passing out|heart (?:is )?racing|wheez\w{0,3}|breath\w{0,3}|throat)"
)
# Confused by information, not in the head: the website, a price, which clinic.
_INFO_CONFUSION = (
    r"^\W*(?:clinic|clinics|cent(?:er|re)s?|specialists?|doctors?|programs?)\b|"
    r"^\W*(?:by|about|with|on|over|as to|regarding) (?:the |your |this |that |a |an |all the |its )?"
    r"(?:website|web site|site|page|app|portal|info\w*|prices?|pricing|costs?|insurance|forms?|"
    r"emails?|messages?|texts?|names?|name change|difference|options?|process|instructions|"
    r"schedule|booking|appointments?|services?|clinic|clinics|locations?|address|terms|bill\w*|"
    r"which|whether|if|how (?:to|you|much|many|long)|what (?:you|the|your|kind|type))\b"
)
# Cyanosis: a person, or their lips, face or skin, turning a colour that means no air.
_HUE = r"(?:blue|bluish|blueish|purple|purplish|gray|grey|grayish|greyish|ashen|dusky)"
_BODY = (
    rf"(?:lips?|face|skin|mouth|fingertips|fingernails|nails|{_PERSON}|i|baby|him|her)"
)

_POSS = r"(?:my|his|her|their|your|our)"
_SUBJ = r"(?:i|he|she|they|we)"


# What death is likened to when it is longed for: a rest, a holiday, a mercy.
_REST = (
    r"(?:spa|spa day|vacation|holiday|break|rest|nap|relief|release|escape|treat|gift|blessing|"
    r"mercy|reward|upgrade|paradise|dream|heaven|peace|nice|good|great|lovely|amazing|tempting|"
    r"appealing|better|easier|peaceful|welcome|inviting|restful)"
)
# Others out of the way: "after the kids are at their dad's", "when he leaves for work".
_ABSENT = (
    r"(?:after|when|once|while|as soon as) (?:the |my |our )?(?:kids|children|family|wife|husband|"
    r"partner|roommates?|parents|everyone|everybody|nobody|no one|he|she|they|\w+) "
    r"(?:is |are |s |re |will be |ll be |have |has |leave for |goes to |go to )?"
    r"(?:gone|away|asleep|out|at|with|leave|leaves|left|go|goes|went|back at|off to)\b"
)
# Future care cancelled, and what makes the cancelling final.
_CANCEL_CARE = (
    r"(?:cancel\w{0,4}|call\w{0,3} off|stop\w{0,4} booking) (?:all |every |each )?(?:of )?(?:my |the )?"
    r"(?:(?:future|upcoming|remaining|next|standing|recurring|other) (?:\w+ )?(?:appointments?|"
    r"infusions?|sessions?|treatments?|visits?|refills?|bookings?|follow ups?|shots)|"
    r"(?:refills?|prescriptions?|therapy|therapist)\b)"
)
_FINAL_ERRAND = (
    r"(?:(?:tying|tie|tied|tidying) up (?:all )?(?:my |the )?loose ends|affairs in order|"
    r"(?:getting|got|put|putting) (?:everything|things|my things) in order|"
    r"(?:will not|won t|wont|no longer|not going to) be (?:around|coming back|here)|"
    r"no point|for good|last (?:thing|errand)s?|"
    r"(?:sorted out|found (?:a )?(?:new )?home for|rehomed) (?:the|my) (?:dog|cat|pets?|fish|bird))\b"
)
# Medicines put by rather than taken.
_KEEPS = (
    r"(?:keep|keeps|keeping|kept|sav(?:e|es|ed|ing)|stash\w{0,3}|hid|hide|hides|hiding|hidden|"
    r"squirrel\w{0,5} away|put\w{0,4} (?:away|aside)|tuck\w{0,4} away|hoard\w{0,3}|collect\w{0,3}|"
    r"pocket\w{0,3})"
)
# What follows "cut" when the cut is one's own: no object, oneself, a body, a purpose.
_CUT_OBJECT = (
    r"(?:myself|yourself|themselves|oneself|herself|himself|your|my|his|her|their|into|to|"
    r"for|so|before|enough|deep|deeper|in order|down|across|along|a vein|an artery)"
)
# How a cut is made to be dangerous: its depth, its direction, its target.
_CUT_QUERY = (
    r"(?:how deep|deep enough|how hard|which (?:way|direction)|across or (?:down|along)|"
    r"(?:down|along) or across|vertical\w{0,2} or horizontal\w{0,2}|"
    r"horizontal\w{0,2} or vertical\w{0,2}|lengthwise|the right way to)"
)

RULES: tuple[Rule, ...] = (
    # ---- C-SSRS 1: passive ideation ---------------------------------------------
    _r("passive ideation", "suicide", r"\b(?:wish|wishes|wishing|hope|hoping|pray|praying) (?:that )?(?:i|id|i would|you|he|she|they) (?:was|were|could be|would be|am|was never|were never|be|just) (?:dead|die|gone|born|never born|not born|not here|not alive|not around|dont wake|never wake)\b"),
    _r("passive ideation", "suicide", r"\b(?:wish|wishing) i (?:was|were|had|would|would have|d|did|do) (?:not|never|have never|have not) (?:alive|here|born|around|been born|existed|woken up|woke up|wake up|wake)\b|\bwish i (?:would|had|would have|d) (?:have )?(?:died|been dead|never been born|not been born|not woken up)\b|\bwish i (?:could )?(?:just )?(?:disappear|vanish|not exist|stop existing|cease to exist|fade away|go to sleep forever)\b", unless=r"^\W*(?:so |this |that |too )?(?:early|late|on time|in time|at \d|at (?:\w+ )?(?:am|pm)|before (?:my|the|\d)|with (?:a|the|this|that|my) (?:migraine|headache|aura)|for (?:work|school|my|the|an?))\b"),
    _r("passive ideation", "suicide", r"\b(?:rather|better off|be better) (?:be |being )?dead\b|\bbetter off without me\b|\bbetter off if i (?:was|were|am) (?:gone|dead|not here|not around|never born)\b|\b(?:free of|rid of|relieved without) me\b"),
    _r("passive ideation", "suicide", r"\brather not (?:exist|be alive|be here|live|wake up|be around)\b|\b(?:do not|no longer|not|never) (?:really )?(?:want|wish|wanna|care) (?:to )?(?:live|be alive|be here|exist|wake up|go on|keep going|keep living|be around|stay alive|continue living|live anymore|if i live|whether i live|if i die|whether i die|if i wake up)\b|\b(?:not|never) (?:be|being|to be) (?:alive|here anymore|around anymore|born)\b|\bstop (?:being alive|existing|living)\b"),
    _r("passive ideation", "suicide", r"\b(?:no|not any|zero|what is the|whats the|there is no|lost (?:the|any|all)) (?:reason|point|use|will) (?:to |in |of )?(?:live|living|go on|going on|being alive|keep going|keeping going|keep living|be alive|carry on|carrying on|stay alive|staying alive|be here|being here|wake up|waking up|life|it all|anything anymore|trying anymore|existing|continue)\b"),
    _r("passive ideation", "suicide", r"\b(?:life|living|my life) (?:is not|isnt|is no longer|not|no longer|aint) worth (?:it|living|anything)\b|\bnot worth living\b|\bnothing (?:left )?to live for\b"),
    _r("passive ideation", "suicide", r"\b(?:do not|can not|could not|no longer|not) (?:see|have|find|got) (?:a|any|one|the|much) (?:reason|point|will|purpose)s? (?:to|for|in) (?:live|living|keep going|keeping going|go on|going on|be alive|being alive|be here|being here|carry on|continue|stay|wake up|get up)\b"),
    _r("passive ideation", "suicide", r"\b(?:tired|sick|exhausted|done) (?:of|with) (?:living|being alive|life|existing|waking up|being here|this life|it all|everything)\b"),
    _r("passive ideation", "suicide", r"\b(?:sleep|go to sleep|fall asleep|close my eyes) and (?:never|not|just not|not ever) (?:wake|open)"),
    _r("passive ideation", "suicide", r"\b(?:hope|hoping|want|wish|wishing|pray|praying) (?:i|to) (?:do not |never |not |would not |will not |dont )(?:wake|wake up|see tomorrow|see the morning)\b"),
    _r("passive ideation", "suicide", r"\b(?:if i|hope i|hoping i|wish i) (?:get hit by|got hit by|crash|died in|die in|do not survive|dont survive)\b|\b(?:hope|hoping|wish|wishing|pray|praying) (?:that )?(?:a |some |the )?(?:car|bus|truck|train|someone|something|cancer|god) (?:would |will |could )?(?:just )?(?:hit|hits|kill|kills|take|takes) me\b|\bgod (?:would|will|to|could) (?:just )?take me\b|\b(?:finally|just) takes? me\b|\bhope (?:it is|its|it s|it will be|it was) permanent\b"),
    _r("passive ideation", "suicide", r"\b(?:relief|easier|fine|okay|ok|peaceful|nice|better)\b.{0,40}\b(?:dying|to die|be dead|being dead|was not here|were not here|wasnt here|werent here|hit me|not wake up|never wake up|in my sleep|not existing|not to exist|stopped existing|ceased to exist|not being (?:alive|here|around))\b|\b(?:dying|death|being dead)\b.{0,20}\b(?:relief|sounds nice|sounds good|appealing|peaceful|welcome)\b|\b(?:sleep|go to sleep|fall asleep)\b.{0,20}\b(?:not|never) (?:wake|come back)\b|\b(?:sleep|go to sleep) (?:forever|for good|permanently)\b", unless=r"^\W*to (?:know|see|try|hear|find out|get|meet|ask|go|start)\b"),
    _r("passive ideation", "suicide", rf"\bthoughts? (?:of|about) (?:dying|death|ending (?:it|things|{_POSS} life)|not being (?:here|alive|around)|killing (?:myself|{_ANYSELF})|not existing|suicide|taking {_POSS} life|being dead)\b"),
    _r("passive ideation", "suicide", r"\b(?:want|wanna|wish|ready) (?:to |it to |this to |everything to |all of this to |the pain to )?(?:end|stop) (?:for good|forever|permanently|once and for all)\b|\b(?:permanent|final|forever) (?:solution|way out|escape|sleep|rest|peace)\b|\bjust want (?:it|this|everything) (?:to be )?over\b"),
    # ---- C-SSRS 2: active ideation ------------------------------------------------
    _r("active ideation", "suicide", r"\bsuicid\w{0,8}", unless=_SUICIDE_AS_TOPIC),
    _r("active ideation", "suicide", rf"\bkill(?:ing|ed)? {_ANYSELF}\b|\bkill myself\b|\b(?:self delete|delete myself|unalive myself|off myself|end myself)\b", unless=r"^\W*(?:laughing|with laughter|of laughter)\b"),
    _r("active ideation", "suicide", rf"\b(?:off|shoot|shooting|shot|hang|hanging|hanged|drown|drowning|poison|poisoning|suffocate|suffocating|gas|gassing|starve) {_ANYSELF}\b"),
    _r("active ideation", "suicide", rf"\bend(?:ing)? (?:it all|everything|things|{_POSS} life|{_POSS} own life|the pain for good|{_POSS} suffering|it for good|it tonight|it today|it now|{_POSS} existence|this life)\b"),
    _r("active ideation", "suicide", rf"\b{_WANT} (?:to )?(?:just )?end(?:ing)? it\b"),
    _r("active ideation", "suicide", rf"\b(?:take|taking|took|taken) {_POSS} (?:own )?life\b"),
    _r("active ideation", "suicide", rf"\b{_WANT} (?:to )?(?:just )?die\b|\b(?:wanna|ready to|just want to|just wanna|i want to|i wanna) die\b|\bready to go\b.{{0,20}}\b(?:for good|forever)\b", unless=_DIE_OF_IDIOM),
    _r("active ideation", "suicide", r"\brather die\b", strong=False),
    _r("active ideation", "suicide", r"\bnot safe (?:with|from|around|by) (?:myself|me|my (?:own )?(?:thoughts|mind|self))\b|\b(?:need|want) (?:someone|somebody|you|anyone) to stop me\b|\bgo through with it\b|\bhow i (?:would|will|could|d|am going to|m going to) do it\b|\b(?:only|one) way out\b|\b(?:running out of|no more|out of) reasons to (?:stay|live|keep going|be here)\b|\bafraid i (?:will|might|am going to) (?:do something|hurt myself|act on)\b"),
    _r("active ideation", "suicide", r"\b(?:can not|cannot|cant) (?:go on|keep going|do this anymore|take (?:it|this) anymore|live like this|keep living|do it anymore|bear it anymore|handle (?:it|this|life) anymore)\b", strong=False),
    # ---- C-SSRS 3-5: method, intent, plan -------------------------------------------
    _r("plan", "suicide", r"\b(?:i have|i ve got|ive got|i got|i made|made|have|got) (?:a|the|my) plan\b.{0,60}\b(?:die|end|kill|do it|tonight|gone|pills|gun|rope|jump|myself|go through)\b|\b(?:plan|planned|planning|decided) (?:how|when|where) (?:i will|i am going to|to|i would|i ll)\b|\b(?:the|my) plan is (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tonight|tomorrow|this weekend|to (?:use|take|jump|hang|shoot|drive|overdose|swallow|end|die|crash|walk|drown))\b"),
    _r("plan", "suicide", r"\b(?:worked|figured|thought) out (?:the details|when|how|everything|a way)\b|\beverything (?:is|s) (?:figured|planned|worked) out\b|\b(?:set|picked|chose|choose|have) (?:a|the) date\b.{0,60}\b(?:die|end|kill|go through|gone|do it|end it)\b|\b(?:tonight|this weekend|tomorrow) is the night\b|\bknow how i (?:will|am going to|would) (?:do it|end|die)\b|\bintention is to not\b|\b(?:picked|chose|found|scouted) (?:the|a|my) (?:spot|place|location)\b|\bwhen (?:nobody|no one) (?:is|will be|s) (?:home|around)\b|\b(?:what|which) (?:dose|amount) would do it\b|\bwould do it\b.{0,20}\b(?:dose|pills|amount)\b|\beasy it would be to (?:go over|end|die|jump|crash|drive off|just)\b|\b(?:go|drive|jump) over (?:the )?(?:edge|side|railing|bridge|cliff)\b|\bwalk (?:into|in to) the (?:ocean|sea|river|lake|water|traffic|freeway)\b|\b(?:drive|go|walk|head|going) to the (?:bridge|tracks|cliff|cliffs|overpass)\b|\balmost (?:did it|went through|jumped|took them|pulled the trigger|did it last night)\b"),
    _r("plan", "suicide", rf"\b(?:gun|pistol|rifle|firearm|revolver|shotgun|glock|handgun)\b.{{0,60}}\b(?:in my (?:lap|hand|hands|mouth)|to my (?:head|temple|chest)|loaded|cocked|next to me|use it|end it|on myself|do it|tonight|myself|the bullets|my head|pull the trigger|on the table|in front of me|out on|looking at it|with him|with her|with them|keep looking)\b|\bloaded (?:gun|pistol|rifle|shotgun)\b|\b(?:bought|buying|purchased|picked up|got) (?:a |my first |myself a )?(?:gun|pistol|rifle|shotgun|firearm|handgun)\b|\b(?:with|holding|has|took out|taken out|got out) (?:a |his |her |my |their |the )?(?:gun|rifle|pistol|shotgun|handgun)\b|\b(?:use|using) (?:it|them|the gun|a gun|the pills|the knife|the rope|the belt) on {_ANYSELF}\b"),
    _r("plan", "suicide", r"\b(?:knife|blade|razor|rope|cord|belt|pills?|meds|bottle|tablets)\b.{0,40}\b(?:in my hand|to my (?:wrist|throat|neck)|lined up|counted out|ready|laid out|next to me|on the table|tied|in front of me)\b|\b(?:rope|noose|belt|cord|extension cord)\b.{0,50}\b(?:garage|closet|attic|beam|ceiling|rafter|looking at|picturing|practic\w{0,4}|tested|test)\b|\bpractic\w{0,4} (?:with|hanging|tying|how)\b"),
    _r("plan", "suicide", r"\b(?:noose|tied a rope|tie a rope|rope around my neck|hang from|hanging from|carbon monoxide|tailpipe|exhaust hose)\b|\b(?:car|engine)\b.{0,60}\bgarage\b.{0,60}\b(?:engine (?:on|running)|close the door|closing the door|door closed|door shut)\b"),
    _r("plan", "suicide", r"\bjump(?:ing)? (?:off|from|in front of|into) (?:a |the |my |our |this )?(?:\w+ ){0,2}(?:bridge|roof|rooftop|building|train|cliff|balcony|overpass|parking garage|parking structure|structure|window|freeway|highway|tower|bus|truck|car|ledge|deck|pier|dam|traffic|tracks)\b|\bin front of (?:a|the) (?:train|bus|car|truck|traffic)\b|\b(?:standing|sitting|i am|im) (?:on )?(?:the |a )?(?:roof|rooftop|ledge|edge|bridge|balcony|railing|tracks)\b.{0,80}\b(?:jump|not (?:want|wanna) to (?:go back|come down|get down)|right now|edge|down there)\b"),
    _r("plan", "suicide", r"\b(?:drive|driving|drove|crash|crashing|steer|steering|swerve|swerving|run|running) (?:my car |the car |the truck |it )?(?:into|off|in to) (?:a |the |oncoming )?(?:wall|tree|pole|bridge|overpass|traffic|cliff|semi|truck|divider|barrier|ocean|river|lake|pier|edge|guardrail|canyon|pch|pacific coast highway|mulholland|angeles crest)s?\b|\b(?:crash|wreck)(?:ing)? (?:my|the) car on purpose\b|\bon purpose\b.{0,40}\b(?:crash|swerve|traffic)\b"),
    # ---- C-SSRS 6: preparatory behaviour --------------------------------------------
    _r("preparation", "suicide", rf"\b(?:giving|gave|give|given) (?:away )?(?:all )?(?:of )?{_POSS} (?:stuff|things|belongings|possessions|pets?|dog|cat|guitar|jewelry|clothes|gear|guns?)(?: away)?\b|\bgiving (?:away|stuff away|things away)\b"),
    _r("preparation", "suicide", r"\b(?:wrote|writing|written|left|write|drafted|typed) (?:a |my |the )?(?:suicide |goodbye |farewell |final |last )?(?:note|letter|letters|notes|poem)\b.{0,60}\b(?:family|kids|wife|husband|mom|dad|everyone|goodbye|sorry|gone|find|use it|decided|when)\b|\b(?:suicide|goodbye|farewell) (?:note|letter|poem|post|message|text)s?\b|\b(?:already )?(?:wrote|written|left) (?:a|the|me a|us a) note\b|\bmy (?:last|final) (?:message|post|text|words)\b|\b(?:want|wanna|going) to be found\b|\bbe found (?:in|by|dead)\b", unless=r"^\W*(?:for|to) (?:work|school|my (?:boss|employer|teacher|doctor|job)|the (?:school|office|doctor))"),
    _r("preparation", "suicide", r"\b(?:saying|said|say) (?:my )?(?:final |last )?goodbyes?\b|\bfinal goodbye\b|\bthis is (?:my )?(?:last|final) (?:message|text|goodbye)\b|\b(?:last|final) time (?:you ll|you will|youll) hear from me\b|\bwon t hear from me again\b|\bwill not hear from me (?:again|anymore)\b|\bby the time (?:you|anyone|someone) (?:read|reads|see|sees) this\b|\b(?:posted|texted|sent|left|wrote|posting|texting|sending|writing) (?:me |us |everyone |people )?(?:a )?(?:goodbye|farewell|goodbyes|farewells)\b|\bgoodbye thanks for everything\b", unless=r"^\w* to (?:my )?(?:migraine|headache|pain)"),
    _r("preparation", "suicide", rf"\b(?:stockpil\w{{0,4}}|sav(?:e|ed|ing) up|hoard\w{{0,4}}|stash\w{{0,4}}|collect\w{{0,4}}|saving|saved|been saving) (?:up )?(?:my |all my |all of my |some |a lot of |enough |his |her )?(?:old )?{_DRUG}\b|\b{_DRUG}\b.{{0,30}}\b(?:i have been|i ve been|ive been|been) (?:saving|stashing|collecting|hoarding|stockpiling)\b|\bskipp\w{{0,3}} (?:it|them|my \w+) (?:every night|for weeks|so i (?:can|could) save)\b"),
    _r("preparation", "suicide", r"\b(?:updated|made|wrote|writing|finish\w{0,3}) (?:my |a )?will\b.{0,60}\b(?:gone|goodbye|end|die|not be)\b|\b(?:take care of|look after|feed) (?:my|his|her|the) (?:dog|cat|kids|pets?|mom|dad|family)\b.{0,30}\b(?:when|after|once|for me)\b|\baffairs in order\b|\b(?:updated?|changed) (?:my |the )?(?:beneficiar\w{0,4}|life insurance)\b|\beverything in order for\b|\bwill not be needing (?:them|it|these)\b|\bwont be needing (?:them|it|these)\b|\b(?:passwords|life insurance|bank (?:info|accounts|passwords))\b.{0,40}\b(?:for my|left (?:it|them))\b"),
    # intent and means said tersely (C-SSRS 4-5)
    _r("plan", "suicide", r"\b(?:i|i ve|ive|i do) (?:have|got|ve got|possess) (?:the |a |my )?(?:intent|intention|means|method|way to do it|a way out)\b|\b(?:intent|means|plan|method) (?:and|&|plus) (?:the |a )?(?:intent|means|plan|method)\b|\b(?:i have|i ve|ive) (?:decided|made (?:up )?my (?:mind|decision))\b.{0,40}\b(?:end|go|die|done|over|leave|it s time|its time|tonight)\b"),
    # time-boxed finality: "after friday none of this will matter", "gone by then"
    _r("veiled", "suicide", rf"\b(?:after|by|before|come|on|past) (?:{_DAYS}|(?:the |my |this |next )?\w+(?: \w+)?)\b.{{0,50}}\b(?:none of (?:this|it) (?:will|is going to|would) matter|nothing (?:will|is going to) matter|(?:i ll|i will|i m going to|i am going to|im going to|ill) be gone|(?:i will not|i won t|i wont|i will no longer) (?:be (?:here|around|alive|a problem|your problem)|exist|matter)|it (?:will|ll) (?:all )?be over|it s all over|won t have to (?:deal with|worry about|see) me|you (?:will not|won t|wont) (?:hear from|have to deal with|see) me)\b|\b(?:i ll|i will|ill|(?:i |i m |im |i am )?(?:plan|planning|intend|intending|expect|expecting|hope|hoping) to) be gone (?:by|before|after|on|come) {_DAYS}\b|\b(?:none of (?:this|it)|nothing) (?:will|is going to) matter (?:after|by|soon|anymore|much longer)\b", unless=r"^\W*(?:for|on|out|until|till|to|from|traveling|travelling|away|at|in)\b"),
    # preparation told as errands (C-SSRS preparatory behaviour)
    _r("preparation", "suicide", r"\b(?:made|making|finished|finalized|sorted|sorting|have|got) (?:all )?(?:my |the |final |all my |all the )?(?:final )?arrangements\b|\b(?:filled|fill|filling|got|get|picked up|refilled) .{0,50}\b(?:two|2|three|3|different|multiple|several|separate) (?:different )?(?:pharmacies|drugstores|doctors|cvs s)\b|\b(?:cancel\w{0,3}|canceled|cancelled) (?:all )?(?:of )?(?:my |the )?(?:appointments?|sessions|plans|subscriptions)\b.{0,60}\b(?:arrangements|will not need|won t need|wont need|not (?:be )?need\w{0,3}|goodbye|gone|any ?more|for good|point)\b|\b(?:found|finding|rehom\w{0,3}|re home\w{0,3}) (?:a )?(?:new )?(?:home|homes|owner|someone) (?:for|to take) (?:my|his|her) (?:dog|cat|pets?|bird|rabbit|fish)\b|\b(?:life insurance|beneficiar\w{0,4})\b.{0,60}\b(?:suicide|still pay|pays out|if i die|when i die|after i m gone|clause)\b"),
    _r("preparation", "suicide", r"\b(?:look\w{0,3} up|search\w{0,3}|googl\w{0,3}|research\w{0,3}|reading about|read about|watching videos (?:on|about)) (?:how|ways|methods|the best way|the easiest way)\b.{0,60}\b(?:die|kill|found|hang|overdose|od|lethal|end|painless)\b|\b(?:cleared|deleted) my (?:search )?history\b"),
    # ---- method seeking ---------------------------------------------------------------
    _r("method seeking", "suicide", r"\b(?:lethal|fatal|deadly|toxic) (?:dose|amount|overdose|quantity|level)\b", personal=False),
    _r("method seeking", "suicide", r"\bhow (?:many|much)\b.{0,60}\b(?:would|will|to|could|can|does it take to|it takes to|until|before|is)\b (?:\w+ ){0,3}?(?:kill|killed|be fatal|be lethal|fatal|lethal|die|od|overdose|survive|stop (?:my|your|a|the|someone s|someones|someone) heart|shut down (?:my|your|the|a) (?:liver|kidneys|organs|heart)|stop (?:your|my|the|a|someone s) breathing|not wake up|never wake up)\b", personal=False),
    _r("method seeking", "suicide", r"\bwhere (?:do|should|can|would) (?:you|i|one|someone) cut\b|\bhow (?:high|tall|far)\b.{0,40}\b(?:bridge|building|roof|fall|jump|drop|floor)\b|\bwould (?:i|you|they|he|she|someone|a person) die\b|\bcan (?:you|i|someone|a person) (?:od|overdose) on\b", personal=False),
    _r("method seeking", "suicide", r"\b(?:easiest|quickest|fastest|painless|least painful|most painless|more painless|surest|best|peaceful|quietest) (?:way|ways|method|methods|option)?\b.{0,40}\b(?:die|dying|go|end it|kill|end my life|not wake up|overdose|od|o d|commit|pills or|carbon monoxide|hanging|gun)\b|\bhow (?:do|does|can|could|would) (?:i|you|someone|one|a person) (?:kill|end|hang|overdose|od)\b", personal=False),
    _r("method seeking", "suicide", rf"\b(?:what|which) (?:\w+ ){{0,3}}(?:would|will|could) (?:kill|stop (?:the|your|my|a|someone s|his|her) heart|be lethal|be fatal)\b|\bcan (?:you|i|a person|someone) die (?:from|of|if) (?:taking |i take |you take )?(?:too many|a whole|all|an overdose|{_DRUG})\b|\b{_DRUG}\b.{{0,60}}\b(?:kill you|kill me|kill a person|kill someone|be fatal|be lethal)\b|\b(?:what|which) (?:amount|number|dose|quantity|combination|combo)\b.{{0,60}}\b(?:fatal|lethal|deadly|kill|die|od|overdose)\b", personal=False),
    # ---- veiled and conditional ---------------------------------------------------------
    # the most dangerous of one's own medicines, or a dose that cannot be undone
    _r("method seeking", "suicide", rf"\b{_DRUG}\b.{{0,40}}\b(?:most|more|really|very|the) (?:dangerous|toxic|deadly)\b|\b(?:most|more) (?:dangerous|toxic|deadly)\b.{{0,40}}\b(?:amount|dose|doses|quantity|overdose|big amount|large amount)\b|\b(?:dose|amount)\b.{{0,30}}\b(?:can not|cant|could not) be (?:reversed|undone|saved|treated|stopped)\b", personal=False),
    # an aborted or interrupted attempt (C-SSRS): at the edge, the means in hand
    _r("plan", "suicide", r"\b(?:on|at|over|to) the (?:edge|ledge|railing|rail|side) of (?:the |a |my |our |that )?(?:roof|rooftop|bridge|building|balcony|cliff|overpass|parking structure|parking garage|platform|tracks)\b|\b(?:stopped myself|backed out|chickened out|talked myself out of it|changed my mind) (?:at|in) the (?:last|final) (?:minute|second|moment)\b|\b(?:get|got|getting|work up|working up|build up|building up|find|found) the (?:nerve|courage|guts)\b"),
    # command hallucinations
    _r("active ideation", "suicide", r"\b(?:voice|voices)\b.{0,40}\b(?:tell\w{0,3}|keep\w{0,1} saying|say\w{0,3}|order\w{0,3}|want\w{0,1}) (?:me )?(?:to )?(?:just )?(?:kill|die|end it|hurt|jump|cut|do it|go away forever)\b"),
    _r("plan", "suicide", r"(?:^| \. )(?:and |but |so )?(?:i have|i ve got|ive got|i got|i do have|i made|i ve made) a plan(?: \. |$)|\bgoing to do it (?:this time|tonight|today|for real|finally)\b|\bactually (?:going to|gonna) do it\b"),
    # method seeking told through the means: "the tallest bridge", "how long in a closed garage"
    _r("method seeking", "suicide", rf"\b{_MEANS_QUERY}\b.{{0,50}}\b{_MEANS}\b|\b{_MEANS}\b.{{0,50}}\b{_MEANS_QUERY}\b", personal=False, unless=r"^.{0,40}\b(?:parking|park|valet|directions|from the clinic|to the clinic|from your|to your|near your|open|hours|elevators?|stairs|ramp|spots?|spaces?|validat\w{0,5}|fee|rates?|entrance|stitch\w{0,2}|heal\w{0,3}|bandage\w{0,2}|urgent care)\b"),
    _r("method seeking", "suicide", r"\b(?:make|making|look|looks|looking|seem|pass|passing) (?:it|an overdose|my death|a death|this|an od|it all) (?:look|looks|seem|off )?(?:like )?(?:an? )?(?:accident\w{0,4}|natural|natural causes)\b|\b(?:accident\w{0,4}|natural causes)\b.{0,30}\b(?:so (?:my|the) (?:family|kids|wife|husband|insurance)|life insurance|insurance (?:pays|still pays|will pay))\b", personal=False),
    _r("veiled", "suicide", r"\b(?:will not|wont|not going to|wo not|may not|might not|probably will not|probably wont) be (?:around|here|alive|a problem|a burden|a bother|a nuisance|a weight|in the way|in anyone s way|your problem|anyone s problem)(?: (?:for|to|on) (?:anyone|anybody|everyone|you|you all|my \w+|them|people))? (?:much longer|tomorrow|anymore|for long|by|after|next|to|for|much|on)\b|\bnot (?:be|going to be) around (?:much longer|for long)\b|\bnot (?:sticking|hanging|staying) around\b|\b(?:do not think|dont think|doubt|do not know if|dont know if|not sure if) (?:i will|i ll|ill) (?:be (?:here|around|alive)|make it|still be)\b|\b(?:will not|wont|not) (?:have to )?(?:worry|deal) (?:about|with) (?:me|him|her) (?:much longer|for long|anymore|soon|after)\b"),
    _r("veiled", "suicide", r"\b(?:no ?one|nobody|no one|nobody else|who) (?:would|will|is going to|is gonna|going to) (?:even |really |ever |actually )?(?:notice|care|miss me|mind)\b(?:.{0,30}\b(?:gone|died|disappeared|dead)\b)?"),
    _r("veiled", "suicide", rf"\b(?:if|when|after|once) {_SUBJ} (?:was|were|am|is|are|m|m gone|m not) (?:gone|dead|not here anymore|not around|no longer here)\b|\b(?:when|after|once) {_SUBJ} (?:am|m|is|are) gone\b"),
    _r("veiled", "suicide", r"\bif i (?:died|die|disappeared|killed myself|was not here|were not here)\b", strong=False),
    _r("veiled", "suicide", r"\b(?:everyone|everybody|my family|my kids|they|people|the world|my wife|my husband|my parents) (?:would|will|d) be (?:better|happier|relieved) (?:off )?(?:without me|if i)\b|\b(?:everyone|everybody|my family|my kids) (?:would|will|d) be better off\b|\b(?:would|will|d) be relieved if i\b|\bfinally be free\b|\b(?:would|will|d) be (?:fine|ok|okay|better|happier|relieved) without me\b|\bthat (?:is|s) it for me\b|\btell (?:my|her|his) (?:\w+ ){0,2}(?:i am|im|i m) sorry\b|\bsorry for everything\b|\bmade peace with (?:it|dying|death|leaving)\b|\bunless i do something\b|\bdo something (?:about it )?(?:to )?myself\b", unless=r"^\W*(?:i (?:asked|said|sent|wrote|did (?:wrong|yesterday))|yesterday|earlier|on the phone|in my (?:last|other) (?:message|text|email))"),
    _r("veiled", "suicide", r"\bready to (?:go|leave|be with)\b", unless=r"^\W*(?:to|for|back|home|out|in|ahead|on|see|start|try|book|get)\b"),
    _r("veiled", "suicide", r"(?:^| \. )(?:i am|im|i m) (?:done|finished)(?: with (?:all of it|it all|everything))?(?: \. |$)"),
    _r("veiled", "suicide", r"\b(?:will not|wont|not going to) (?:need|be needing) (?:the|my|any) (?:refill|refills|appointment|appointments|prescription)\b", strong=False),
    _r("veiled", "suicide", r"\b(?:i am|im|i feel|feel|feeling|i feel like|just) (?:such )?(?:a )?(?:burden) (?:to|on|for) (?:everyone|everybody|my|them|people|the)\b", strong=False),
    _r("veiled", "suicide", r"\b(?:hopeless|worthless|trapped)\b.{0,80}\b(?:die|dead|end it|be gone|not be here|disappear|no way out|no point)\b"),
    _r("veiled", "suicide", r"\b(?:no way out|nothing to live for|done with (?:life|living|everything|it all|this world)|(?:want|wanna) it all to (?:end|stop)|want (?:everything|my life|it) to (?:end|stop|be over)|want (?:this|it all) to be over)\b|\bend of the (?:road|line) for me\b"),
    _r("veiled", "suicide", r"\b(?:disappear|vanish|go away|leave) (?:forever|for good|permanently)\b|\bsoon (?:it|none of this|nothing) (?:will not|wont|will) (?:matter|hurt)\b|\b(?:i m|im|i am) (?:done|finished|checking out)\b.{0,20}\b(?:for good|forever|with everything|with it all|with life)\b"),
    _r("veiled", "suicide", r"\b(?:i am|im|i will be|ill be|i will|i ll) (?:checking out|check out)\b", unless=r"^\W*(?:of|the|at|a|your|my|this|that|some|with)\b"),
    _r("veiled", "suicide", r"\b(?:i can not|i cant|cant|can not) (?:see|picture|imagine) (?:a |any |my )?(?:future|tomorrow|myself in)\b|\bthere is no future\b|\bno future for me\b", strong=False),
    _r("veiled", "suicide", r"\bone way or (?:another|the other)\b|\bthis (?:is|will be) (?:the|my) last (?:one|time|night|day)\b|\bmake sure (?:it|they|this) never (?:hurts?|bothers?) me again\b"),
    # ---- self-harm as an act ------------------------------------------------------------
    _r("self-harm", "self-harm", r"\bself ?(?:harm|injur|mutilat)\w{0,6}|\b(?:doing|did|do|relapsed on|relapse|urge to|urges to|been doing) sh\b|\bclean from (?:cutting|self harm|sh|self injury|hurting myself)\b|\b(?:s h|sh) (?:ing|again|last night|tonight)\b|\b(?:doing|did|do|relapsed on|urge to|urges to|been doing|been) s h\b"),
    _r("self-harm", "self-harm", rf"\b(?:cut|burn|hurt|harm|hit|punch|punish|scratch|starve|bang|slam|carve|bruise|stab|slic|slash)\w{{0,4}} (?:{_ANYSELF}|{_POSS} (?:wrists?|arms?|legs?|thighs?|skin|stomach|head (?:against|into|on)|hand|hands))\b|\b(?:cuts|burns|scars|slices) on {_POSS} (?:\w+ )?(?:wrists?|arms?|legs?|thighs?|skin|stomach)\b", unless=r"^\W*(?:by accident|accidentally|cooking|shaving|on the|while|at work|playing|in the kitchen|(?:the|a|my|our) (?:cabinet|cupboard|door|doorframe|door frame|shelf|car|car door|table|counter|floor|ground|corner|pool|window|bunk|ceiling|steering wheel|dashboard|trunk|sink|tub|bathtub|ice))"),
    _r("self-harm", "self-harm", r"\b(?:been|started|start|keep|kept|back to|relapsed|urge to|urges to|want to|wanna) (?:cutting|cut|burning|burn)\b|\bcutting again\b|\bcut again\b|\brelaps\w{0,4} (?:on|with)? ?(?:self|cutting|sh)\b"),
    _r("self-harm", "self-harm", r"\b(?:slit|slitting|slash|slashing|sliced|slice) (?:my |his |her )?(?:wrists?|throat|arms?|skin)\b|\b(?:razor|blade|lighter|knife)\b.{0,30}\b(?:my (?:arm|arms|wrist|wrists|thigh|thighs|skin|leg|legs))\b"),
    _r("self-harm", "self-harm", r"\b(?:my |the |a |his |her )barcode\w{0,2}\b|\bbarcod(?:e|ing) (?:my|his|her)\b", unless=r"^\W*(?:scan|reader|on|label|number)"),
    _r("self-harm", "self-harm", r"\bhurt (?:myself|me) on purpose\b|\bon purpose\b.{0,30}\b(?:hurt|cut|burn|bleed)\b|\b(?:make|made|watch) (?:myself|me|it) bleed\b|\bpain (?:i|that i) (?:cause|caused|inflict)\b"),
    # ---- third party at risk --------------------------------------------------------------
    _r("third party", "suicide", rf"\b{_PERSON}\b.{{0,50}}\b(?:suicidal|wants? to die|wanted to die|talking about (?:dying|death|ending|killing|suicide|not being)|talks about (?:dying|death|ending|killing|suicide)|threaten\w{{0,3}} (?:to )?(?:kill|end|hurt)|said (?:he|she|they) (?:wants|want|wanted) to die|going to kill (?:himself|herself|themselves)|tried to kill|attempted|attempt\w{{0,2}} suicide|hurt (?:himself|herself|themselves)|cutting (?:himself|herself|themselves)?|self harm\w{{0,3}}|overdos\w{{0,4}}|took (?:all|a bunch|a handful|too many|the whole|a whole)|not breathing|unresponsive|will not wake up|wont wake up|can not wake (?:him|her|them)|(?:has|have|got) (?:pills|a gun|his gun|her gun|a knife|a rope))\b"),
    _r("third party", "suicide", r"\b(?:is not|isnt|not|stopped|no longer|turned off|shut off) (?:answering|picking up|responding|his phone|her phone|their phone)\b.{0,80}\b(?:goodbye|sorry|take care of|gun|pills|note|suicid\w{0,4}|kill|end it|die|depress\w{0,4})\b|\b(?:goodbye|take care of|gun|pills|note|suicid\w{0,4}|kill|end it|die|sorry for everything)\b.{0,80}\b(?:is not|isnt|not|stopped|then turned off|turned off|shut off) (?:answering|picking up|responding|his phone|her phone|their phone)\b"),
    # ---- overdose -------------------------------------------------------------------------
    _r("overdose", "overdose", r"\boverdos\w{0,4}|\bod(?:ed|d|ing)? on\b|\bod d\b|\bdid an od\b|\bi (?:od|odd|oded)\b", unless=_HARMLESS, strong=False),
    _r("overdose", "overdose", r"\b(?:i|he|she|they|we|you) (?:think (?:i|he|she|they) )?(?:just |might have |may have |accidentally )?(?:overdosed|od d|oded)\b", unless=r"^\W*on\b"),
    _r("overdose", "overdose", rf"\boverdos\w{{0,4}} (?:on )?(?:my |his |her |the |some |a |all |his |their )?(?:\w+ )?{_DRUG}\b"),
    _r("overdose", "overdose", rf"\b(?:took|taken|take|taking|swallowed|swallow|ate|eaten|popped|downed|chugged|had|took like|took about|down|downing) (?:like |about |around |maybe |almost |over |at least |way |probably |literally )?(?:a |an |the |my |his |her |their )?{_QTY} ?(?:dose |doses |dosage )?(?:of )?(?:my |the |of my |of the |these |those |his |her |their )?(?:\w+ ){{0,2}}?(?:bottle|pack|box|{_DRUG}|in (?:my|the) (?:medicine )?cabinet)\b", unless=r"^\W*(?:a|per|every|each|in a) (?:month|week|months|weeks|year)\b"),
    _r("overdose", "overdose", rf"\b(?:took|taken|swallowed|swallow|ate|popped|downed|had|took like|took about) (?:like |about |around |maybe |almost |over |at least )?(?:[5-9]|\d\d|five|six|seven|eight|nine|ten|twelve|fifteen|twenty) (?:of (?:my|the|his|her|their) )?(?:extra strength |extra |more |mg )?{_DRUG}\b"),
    _r("overdose", "overdose", rf"\b(?:too many|a whole bottle of|the whole bottle of|handful of|the entire bottle|the rest of (?:the|my) bottle|a whole box of|the whole box of) (?:\w+ )?{_DRUG}\b|\b(?:everything|every pill|all the pills|all the meds) in (?:my|the) (?:medicine cabinet|cabinet|bathroom|house)\b"),
    _r("overdose", "overdose", r"\b(?:mix|mixed|mixing|combine|combining|took|taking|had|with|plus|and|chase|chased|on top) (?:a lot of |lots of |all my |some |a few |my |\w+ )?(?:xanax|valium|klonopin|ativan|benzos?|ambien|sleeping pills?|oxy\w{0,8}|percocet|vicodin|opioids?|painkillers?|pills|meds|fentanyl|ketamine)\b.{0,50}\b(?:alcohol|vodka|wine|beer|drinking|drinks|drank|drunk|shots|whiskey|tequila|liquor)\b|\b(?:alcohol|vodka|wine|beer|drinking|drinks|drank|drunk|shots|whiskey|tequila)\b.{0,60}\b(?:xanax|valium|klonopin|ativan|benzos?|ambien|sleeping pills?|oxy\w{0,8}|percocet|vicodin|opioids?|fentanyl)\b|\b(?:xanax|valium|klonopin|ativan|benzos?|ambien|sleeping pills?|oxy\w{0,8}|percocet|vicodin|opioids?|fentanyl|xans?|bars|percs?) (?:and|with|plus|&|n) (?:alcohol|vodka|wine|beer|drinks|shots|whiskey|tequila|liquor|booze)\b"),
    _r("overdose", "overdose", rf"\b(?:took|taken|take|taking|swallowed|had|ate|popped)\b.{{0,40}}\b{_DRUG}\b.{{0,80}}\b{_ALARM}\b|\b(?:used|injected|gave myself|sprayed|did) (?:like |about )?(?:[3-9]|\d\d|three|four|five|six|seven|eight|nine|ten|all|too many) (?:of )?(?:my |the )?(?:\w+ ){{0,2}}{_DRUG}\b.{{0,80}}\b{_ALARM}\b|\b(?:took|taken|swallowed|ate|popped|had) (?:like |about |around )?{_QTY} (?:of )?(?:my |the |his |her )?\w+\b.{{0,100}}\b{_ALARM}\b|\b{_QTY} (?:of )?(?:\w+ )?{_DRUG}\b.{{0,80}}\b{_ALARM}\b"),
    _r("overdose", "overdose", rf"\b{_DRUG}\b.{{0,60}}\b(?:took|taken|swallowed|ate)\b.{{0,30}}\b(?:all|too many|whole|entire|handful|\d{{2,3}})\b|\b{_DRUG}\b.{{0,40}}\b(?:on top|like \d+ of them|\d+ of them)\b"),
    # ---- emergencies: SNOOP red flags, reactions -----------------------------------------
    _r("red flag", "emergency", r"\bworst (?:headache|head ache|migraine|pain|head pain)s? (?:of|in) my (?:entire |whole )?life\b|\bworst (?:headache|head ache|head pain|migraine|pain)s? (?:i have |i ve |ive |i have ever |i ve ever |ive ever )?(?:ever|of all time|had|felt)\b|\b(?:most intense|worst|most painful|most severe) (?:headache|head ache|head pain|migraine|pain) (?:ever|i have ever)\b"),
    _r("red flag", "emergency", r"\bthunder ?clap\w{0,4}"),
    _r("red flag", "emergency", rf"\b{_SUDDEN}\b[^.]{{0,60}}\b(?:explod\w{{0,4}}|excruciating|unbearable|severe|worst|blinding|crushing|intense|horrible|splitting|10 out of 10|10 10)\b[^.]{{0,25}}\b(?:headache|head ache|pain|migraine)"),
    _r("red flag", "emergency", rf"\b(?:explod\w{{0,4}}|excruciating|severe|worst|blinding|crushing|splitting)\b[^.]{{0,25}}\b(?:headache|head ache|head pain)\b[^.]{{0,40}}\b(?:{_SUDDEN}|in seconds|like a thunder\w{{0,4}}|like (?:being|getting) hit)\b"),
    _r("red flag", "emergency", r"\b(?:like|as if) (?:i (?:was|got|had been) |being |getting |someone )?(?:hit|struck|shot|smacked|whacked|kicked) (?:in the head )?(?:with|by)? ?(?:a |an )?(?:bat|baseball bat|hammer|brick|truck|lightning|bullet|gunshot|sledgehammer|2x4)\b|\b(?:zero|0|nothing) to (?:ten|10|100|(?:the )?worst(?: ever)?|max|unbearable|full blast)\b.{0,30}\b(?:seconds|second|a minute|instantly)\b|\b(?:peaked|peak\w{0,2}|maxed out|hit max|full blast|at its worst) (?:in|within) (?:under |less than |about |like |only )?(?:a few |\d+ )?(?:seconds|a second|a minute|one minute|a min|sec|secs)\b|\bsomething (?:popped|burst|exploded|snapped) in my (?:head|brain)\b|\b(?:explod\w{0,4}|burst)\b.{0,30}\b(?:in a second|in seconds|instantly|during sex|while having sex|out of nowhere)\b"),
    _r("red flag", "emergency", rf"\bfever\b.{{0,100}}\b(?:{_NECK}|confus\w{{0,5}}|seeing things|hallucinat\w{{0,5}}|rash|seizure)|\b{_NECK}\b.{{0,100}}\b(?:fever|temperature|temp|chills|burning up|rash)\b|\brash\b.{{0,60}}\b(?:does not fade|doesnt fade|wont fade|when i press a glass)\b"),
    _r("red flag", "emergency", rf"\b{_NECK}\b.{{0,100}}\b(?:vomit\w{{0,4}}|worst|intense|severe)\b|\b(?:worst|intense|severe|vomit\w{{0,4}})\b.{{0,100}}\b{_NECK}", neuro=True),
    _r("red flag", "emergency", r"\b(?:hit|bumped|banged|smacked|injured|hurt|whacked|cracked|slammed|knocked) (?:the (?:back|side|front|top) of )?(?:my|his|her|their|our) (?:\w+ )?head\b.{0,160}\b(?:vomit\w{0,4}|throwing up|threw up|thrown up|throw up|puk\w{0,3}|confus\w{0,5}|pass\w{0,2} out|blacked out|sleepy|drowsy|can not stay awake|worse and worse|getting worse|one pupil|pupils)\b"),
    _r("red flag", "emergency", r"\b(?:head injury|head injuries|concussion|fell on my head|hit in the head|hit my head|knocked out|car accident|fell down the stairs|fall|fell|crash)\b.{0,160}\b(?:vomit\w{0,4}|throwing up|threw up|thrown up|throw up|puk\w{0,3}|confus\w{0,5}|will not wake|can not stay awake|pupils?)\b"),
    _r("red flag", "emergency", r"\b(?:vomit\w{0,4}|throwing up|threw up|puk\w{0,3}|confus\w{0,5})\b.{0,80}\b(?:after|since) (?:i |he |she |they )?(?:hit|bumped|banged|fell|falling|hitting|the fall|the accident|the crash)\b"),
    _r("red flag", "emergency", r"\b(?:headache|head ache|migraine|head)\b.{0,80}\b(?:not making (?:any )?sense|making no sense|talking nonsense|disoriented|confused|confusion|does not know where|dont know where)\b|\b(?:not making (?:any )?sense|making no sense|disoriented|confused|confusion)\b.{0,80}\b(?:headache|head ache|migraine)\b", neuro=True, unless=_INFO_CONFUSION),
    _r("red flag", "emergency", r"\bpregnan\w{0,4}\b.{0,120}\b(?:headache|seeing spots|spots|blurry|vision|swollen|swelling)\b.{0,100}\b(?:headache|seeing spots|spots|blurry|vision|swollen|swelling|will not go away|wont go away)\b|\b(?:vomit\w{0,4}|throwing up)\b.{0,40}\bcoffee grounds\b|\b(?:vomit\w{0,4}|throwing up|coughing up|pooping|peeing) blood\b|\b(?:black|tarry) (?:stool|poop)\b|\b(?:a lot of|lots of|so much|wont stop|will not stop) (?:blood|bleeding)\b|\bbleeding (?:a lot|wont stop|will not stop)\b"),
    _r("red flag", "emergency", r"\b(?:having|had|have|think i am having|think i had|is this|might be|could be|signs of|i think its|it s|its|i am having|having a) (?:a )?(?:stroke|seizure|heart attack|aneurysm|brain bleed|bleed in my brain|anaphylaxis|anaphylactic|allergic reaction)\b", unless=r"^\W*(?:when|after|because|the moment|once) (?:i |we |my \w+ )?(?:saw|see|seeing|heard|hear|read|got|get|opened|open|looked at|checked)\b(?: \w+){0,3} (?:bill|bills|price|prices|charges?|cost|costs|quote|invoice|balance|total|statement|estimate|copay|deductible|receipt|news|email|text|results?|grades?|score)\b"),
    _r("red flag", "emergency", r"\b(?:can not|cannot|cant|could not|struggling to|hard to|trouble|difficulty|barely) (?:breathe|breath|breathing|swallow|swallowing|catch my breath)\b"),
    _r("red flag", "emergency", r"\b(?:passed out|fainted|unconscious|unresponsive|will not wake up|wont wake up|can not wake (?:him|her|them|up)|not breathing|stopped breathing|turning blue|lips are blue|lips turned blue|collapsed)\b", unless=r"^\W*from (?:the |a |eating |his |her |my |that )?(?:\w+ ){0,2}(?:popsicle|candy|slushie|ice pop|blueberr\w*|juice|drink|paint|marker|dye|gum|food coloring|frosting|lollipop|kool aid|gatorade|icing|cake)"),
    _r("red flag", "emergency", r"\bchest (?:pain|pains|tightness|pressure|hurts|is tight|feels tight|feels heavy|is heavy)\b|\b(?:pain|pressure|tightness) in my chest\b|\bseizing\b|\bconvuls\w{0,5}|\bseizure\b"),
    _r("reaction", "emergency", r"\b(?:throat|tongue|lips|lip|face|mouth|eyes)\b.{0,24}\b(?:swell\w{0,4}|swollen|closing|closing up|tight|tightening|puffy|puffing up)\b|\bhives\b.{0,60}\b(?:breath\w{0,3}|throat|swell\w{0,4}|dizzy|faint|lips|tongue)\b|\b(?:breath\w{0,3}|throat|swell\w{0,4}|dizzy|faint|lips|tongue)\b.{0,60}\bhives\b"),
    _r("reaction", "emergency", r"\b(?:blood pressure|bp)\b.{0,30}\b(?:2\d\d|19\d|18\d|through the roof|sky high|very high|really high|super high|dangerously high|crazy high)\b|\b(?:2[0-4]\d|19\d|18\d) ?(?:over|/|\s) ?(?:1[0-4]\d|9\d)\b", unless=r"^\W*(?:is normal|normal)\b"),
    _r("reaction", "emergency", r"\b(?:heart|pulse)\b.{0,20}\b(?:racing|pounding|won t slow|wont slow|will not slow|going crazy|skipping|irregular|1[5-9]\d|2\d\d|really slow|so slow|very slow)\b.{0,60}\b(?:chest|faint\w{0,3}|breath\w{0,3}|passing out|pass out|collaps\w{0,3})\b"),
    _r("reaction", "emergency", r"\b(?:heart|pulse)\b.{0,20}\b(?:racing|pounding|won t slow|wont slow|will not slow|going crazy|skipping|irregular|1[5-9]\d|2\d\d|really slow|so slow|very slow)\b.{0,60}\b(?:dizzy|scared|shaking)\b|\b(?:burning up|shaking|jerking|twitching|rigid|sweating)\b.{0,60}\b(?:jerking|twitching|shaking|burning up|confused|agitated)\b", strong=False),
    _r("reaction", "emergency", rf"\b(?:after|since|from) (?:the |my |an |this )?(?:infusion|ketamine|treatment|session|new (?:med\w{{0,8}}|pill\w{{0,2}}|antidepressant|prescription)|started (?:a |taking )?(?:new )?\w+)\b.{{0,100}}\b{_ALARM}\b|\b{_ALARM}\b.{{0,100}}\b(?:after|since|from) (?:the |my |an |this )?(?:infusion|ketamine|treatment|session|new (?:med\w{{0,8}}|pill\w{{0,2}}|antidepressant))\b", strong=False),
    # a child or someone else into pills; late signs after acetaminophen
    _r("overdose", "overdose", rf"\b(?:toddler|baby|kid|son|daughter|child|girl|boy|little one|grandson|granddaughter|nephew|niece|dog|he|she|years? old|yr old|yo)\b.{{0,40}}\b(?:ate|eaten|swallowed|got into|chewed|found and ate|drank|might have eaten|may have swallowed|into (?:my|the|her|his) (?:purse|pill|medicine|meds))\b.{{0,40}}\b(?:{_DRUG}|bottle|purse|medicine cabinet|pill organizer|pill box|bleach|detergent pods?|tide pods?|batter(?:y|ies))\b"),
    _r("overdose", "overdose", r"\b(?:tylenol|acetaminophen|paracetamol|excedrin|pills)\b.{0,150}\b(?:yellow (?:skin|eyes)|eyes (?:are |look |turning )?yellow|skin (?:is |looks |turning )?yellow|jaundice\w{0,2}|(?:pain|hurts|ache|aching|sore) (?:under|below|in) (?:my |the )?right (?:side|ribs?|upper)|right side (?:pain|hurts)|pee (?:is )?(?:dark|brown))\b"),
    # giant-cell arteritis: a new headache over 50 with jaw pain on chewing or dim vision
    _r("red flag", "emergency", r"\b(?:jaw (?:pain|hurts|aches|aching|cramps?|cramping|gets tired|tired)|hurts to chew|pain (?:when|while) (?:i |he |she )?chew\w{0,3}|tender (?:scalp|temples?)|scalp (?:is |feels )?(?:tender|sore|hurts)|temples? (?:is |are |feel |feels )?(?:tender|sore|swollen))\b.{0,120}\b(?:vision|see|sight|blurr\w{0,3}|dim|dark|headache|temple|scalp|jaw)\b|\b(?:over|i m|im|i am|age|aged|turned) (?:5\d|6\d|7\d|8\d|9\d|fifty|sixty|seventy|eighty)\b.{0,150}\b(?:jaw|chew\w{0,3}|scalp|temple|vision (?:is )?(?:dim|dark|going|blurr\w{0,3})|dim vision|new (?:kind of )?headache|never had headaches)\b.{0,100}\b(?:jaw|chew\w{0,3}|scalp|temple|vision|headache|sight)\b"),
    # acute dystonia or another reaction after an anti-nausea or new medicine
    _r("reaction", "emergency", r"\b(?:neck|jaw|eyes?|tongue|head|back|face)\b.{0,40}\b(?:twist\w{0,3}|lock\w{0,3}|stuck|rolling|rolled (?:up|back)|pulling|pulled|spasm\w{0,3}|clench\w{0,3}|sticking out|cramp\w{0,3}|jerk\w{0,3}|arching)\b.{0,100}\b(?:after|since|from) (?:the |my |a |an |that )?(?:shot|injection|iv|infusion|reglan|compazine|metoclopramide|prochlorperazine|phenergan|promethazine|haldol|anti nausea|nausea (?:med\w{0,8}|shot|pill)|new med\w{0,8}|er|urgent care|hospital)\b|\b(?:after|since|from|got|given|gave me|had|took|taking|started) (?:the |my |a |an |that |some )?(?:shot|injection|reglan|compazine|metoclopramide|prochlorperazine|phenergan|promethazine|haldol|anti nausea|nausea (?:med\w{0,8}|shot|pill))\b.{0,100}\b(?:neck|jaw|eyes?|tongue|head)\b.{0,40}\b(?:twist\w{0,3}|lock\w{0,3}|stuck|rolling|rolled|pulling|pulled|spasm\w{0,3}|clench\w{0,3}|sticking out|cramp\w{0,3}|jerk\w{0,3})\b"),
    # ---- round 3: concepts by word class -------------------------------------------------
    # an interrupted attempt (C-SSRS): someone stopped it, told without the means
    _r("interrupted attempt", "suicide", r"\b(?:stopped|interrupted|caught|found|grabbed|pulled|saw) me\b.{0,40}\b(?:before i (?:could|got to|was able to)|(?:right|just) (?:as|when|before) i(?: was)?(?: about to| going to| trying to| ready to)?|as i was about to|when i was about to|in the middle|halfway|half way)(?: \. |$| do it| go through| finish(?: it)?(?: \. |$)| jump| swallow| take (?:them|the|all|it)| pull| cut| tie| end it| hang| step off| do anything)|\b(?:walked|came|barged|burst|knocked|came home|got home)\b.{0,30}\b(?:right |just )?(?:as|when|before) i (?:was )?(?:about to|going to|gonna|ready to|trying to)(?: \. |$| do it| go through| finish| jump| swallow| take (?:them|the|all|it)| pull| cut| end it| tie)|\b(?:was|were|am|m) (?:just )?(?:about to|going to|ready to|this close to) (?:do it|go through with it|finish it|end it|jump|take them all|take them)\b.{0,60}\b(?:when|but|until|then|before)\b|\b(?:never|did not|didnt|couldnt|could not) (?:get to |got to )?(?:finish|go through with it)\b.{0,60}\b(?:interrupted|walked in|stopped me|came home|knocked|found me)\b|\b(?:interrupted|walked in|stopped me|came home|knocked|found me)\b.{0,60}\b(?:never|did not|didnt|couldnt|could not) (?:get to |got to )?(?:finish|go through with it)\b"),
    _r("interrupted attempt", "suicide", r"\b(?:showed up|came in|walked in|got home|came home|woke up|knocked|called|found me|interrupted me|rang|texted|buzzed|heard|barked|cried|started crying|thought (?:of|about) (?:my|her|him|them))\b.{0,40}\b(?:before i could|so i (?:could not|couldnt|did not|didnt|never)(?: get to)? (?:go through with it|finish|do it))(?: \. |$| go through| finish| do it)|\b(?:got |was )?interrupted (?:halfway|half way|partway|midway|in the middle)\b|\b(?:rope|cord|noose|ligature|extension cord)\b (?:snapped|broke|gave way|came loose|came undone)\b|\bwoke up (?:in|at) (?:the )?(?:er|e r|hospital|icu|emergency room)\b.{0,40}\b(?:what i (?:did|took|tried)|i took|i tried|the pills|my attempt)\b|\b(?:know|decided|picked|chose) what i (?:ll|will|am going to|m going to|would) use(?: \. |$| to do it)", unless=r"^\W*(?:through )?(?:my|the|a|an|our|his|her) (?:infusion|session|appointment|call|treatment|meal|movie|class|meeting|shift|drive)\b"),
    # a chosen day, or knowing how, said with nothing else (C-SSRS plan)
    _r("plan", "suicide", rf"\b(?:picked|chose|chosen|choose|set|decided on|settled on|circled|marked) (?:out )?(?:a|the|my|which) (?:day|date|night|weekend)\b|\b(?:picked|chose|chosen|decided on|settled on) (?:{_DAYS}|the \d+\w*)\b|\b(?:the|my) (?:day|date) is (?:set|picked|chosen|decided)\b", unless=r"^\W*(?:for|to|of|off|out|that works|with|when (?:we|you|they)|and time for|and time to|at the clinic|to come|to book)\b"),
    _r("plan", "suicide", rf"(?:^| \. )(?:{_DAYS}|the \d+\w*|it) (?:is |s |will be )?(?:the|my) (?:day|night|date)(?: \. |$)"),
    _r("plan", "suicide", r"(?:^| \. )(?:and |but |so )?(?:i |i ve |ive )?(?:already |just |finally )?(?:know|figured out|worked out|decided) (?:exactly )?(?:how|when|where)(?: (?:i ll|i will|i would|i d|to|i am going to|i m going to) do it)?(?: already)?(?: \. |$)"),
    # goodbyes and thanks with finality, to staff, a parent, anyone (988 warning signs)
    _r("preparation", "suicide", r"\b(?:thank you|thanks|thank u|ty) (?:so much )?for (?:everything|all (?:you (?:have|ve|did)|of it|that you)|trying|always being|being (?:there|so kind|kind|good to me|my|the best)|putting up with me)\b.{0,80}\b(?:goodbye|good bye|bye forever|(?:i m|i am|im) (?:so )?sorry(?: \. |$| for everything| for all)|sorry for everything|forgive|take care of|remember me|(?:not|none of (?:this|it) (?:is|was)|nothing (?:is|was)) your fault|you did (?:all|everything|your best)|you tried|(?:won t|will not|wont) (?:see|hear from|need to see|have to see|be seeing)|never (?:see|hear from) me|last time)\b|\b(?:goodbye|forgive me|not your fault|sorry for everything)\b.{0,80}\b(?:thank you|thanks|thank u) for (?:everything|all (?:you (?:have|ve|did)|of it)|trying|always being|being (?:there|so kind|kind|good to me|my|the best)|putting up with me)\b|\bthis is (?:my )?goodbye\b|\b(?:goodbye|bye) (?:forever|for good|for the last time)\b|\byou (?:were|ve been|have been|guys were|all were) (?:one of )?the (?:good ones|only ones? who|best)\b.{0,40}\b(?:goodbye|bye|thank\w{0,2}|take care|sorry|over the years)?|\b(?:thank you|thanks) for (?:the help|helping me|everything|all the help|trying) (?:with \w+ )?(?:with my \w+ )?over the years\b|\byou (?:made|kept)\b.{0,40}\b(?:bearable|worth it|worth living|easier|better|possible|survivable)\b.{0,40}\b(?:goodbye|bye|farewell)\b|\byou (?:were|have been|ve been|guys were|all were) (?:(?:always|so|very|really|such) ){0,2}(?:good|kind|nice|patient|sweet) to me\b.{0,60}\b(?:goodbye|farewell|take care|forgive me|i m sorry|im sorry)\b|\b(?:if|when|by the time) (?:you|anyone|someone) (?:read|reads|are reading|find|finds|see|sees) this\b.{0,60}\b(?:sorry|(?:not|none of (?:this|it) (?:is|was)|nothing (?:is|was)) your fault|love you|goodbye|forgive|take care)\b|\btell (?:my |the |her |his |them |all )?(?:\w+ ){0,2}(?:i love (?:them|her|him|you)|i said goodbye|goodbye (?:for me|from me)|i m sorry|im sorry|i am sorry) ?(?:for everything)?\b", unless=r"^\W*(?:see you|see ya|till|until|talk soon|can t wait|cant wait|looking forward|next (?:week|time|month|appointment)|i (?:ll|will) (?:call|see|book|come|be (?:in|there|back))|(?:call|see) you|tomorrow)"),
    # self-harm relapse told in community slang (clean streaks, depth words, the blade)
    _r("self-harm", "self-harm", r"\b(?:sh|s h) (?:would|d|ed)\b|\bsh (?:d|ed) again\b|\b(?:broke|lost|ruined|reset|restarted|ended) (?:my )?(?:\w+ )?(?:day |month |week )?(?:streak|clean streak|counter)\b.{0,60}\b(?:sh|blade|razor|cut\w{0,4}|scars?|arms?|thighs?|wrists?|bleed\w{0,3}|again)\b|\b(?:clean )?(?:streak|counter) (?:is |got |was |just )?(?:broken|broke|over|gone|reset|ruined|back to (?:0|zero|day one|day 1))\b.{0,40}\b(?:sh|blade|razor|cut\w{0,4}|scars?|arms?|thighs?|wrists?|bleed\w{0,3}|again|did it)\b|\b(?:blade|blades|razor|razors|sharpener|sharps)\b.{0,25}\b(?:again|relaps\w{0,3}|last night|tonight|clean)\b|\b(?:picked up|grabbed|used|went back to|back to) (?:the |my )?(?:blade|blades|razor|razors|sharpener)\b|\b(?:cut\w{0,4}|went|deep|got)\b.{0,20}\b(?:to|into|hit|past|saw|seeing|reached) (?:the )?(?:styro|styrofoam|beans|fat layer|fat|dermis)\b|\b(?:styro|beans)\b.{0,25}\b(?:cut\w{0,4}|deep|again|stitches|last night)\b", unless=r"^\W*(?:for (?:shaving|cooking|work|my (?:legs|beard|face)))"),
    _r("self-harm", "self-harm", r"\b(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|hundred|several) (?:\w+ )?(?:days?|weeks?|months?|years?) clean\b.{0,60}\b(?:arms?|wrists?|thighs?|legs?|skin|blade|razor|cut\w{0,4}|bleed\w{0,3}|scars?|stitches)\b|\b(?:arms?|wrists?|thighs?|blade|razor|cut\w{0,4}|bleed\w{0,3}|stitches)\b.{0,60}\b(?:\d+|a|one|two|three|six|several) (?:\w+ )?(?:days?|weeks?|months?|years?) clean\b"),
    _r("self-harm", "self-harm", r"\b(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|hundred|several) (?:\w+ )?(?:days?|weeks?|months?|years?) clean\b.{0,80}\b(?:relaps\w{0,3}|again|broke|ruined|gone|reset|back to|slipped)\b|\b(?:relaps\w{0,3}|slipped|broke)\b.{0,60}\b(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|several) (?:\w+ )?(?:days?|weeks?|months?|years?) clean\b", strong=False),
    # method seeking by a place's height: where people jump from
    _r("method seeking", "suicide", r"\b(?:which|what|where|any)\b.{0,40}\b(?:people|someone|ppl|folks|you|one|a person|jumpers)\b.{0,20}\b(?:jump|jumped|jumps|jumping|leap|leapt|fall|fell) (?:off|from|to their)\b|\b(?:jump|jumped|jumping|leap|fall) (?:off|from)\b.{0,40}\b(?:which|what|where|how high|how tall|how many (?:floors|stories|storeys|levels)|what floor|top floor|top level|high enough|tall enough)\b|\b(?:how many|what) (?:floors|stories|storeys|levels|feet|meters)\b.{0,40}\b(?:parking|garage|structure|bridge|building|roof|tower|fall|jump|survive)\b|\b(?:high|tall) enough (?:to|that)\b.{0,25}\b(?:not survive|die|kill|end it|be sure|not wake)\b", personal=False, unless=r"^.{0,40}\b(?:rope|trampoline|scooter|pool|lake for fun|park (?:here|there)|parking spots?|elevators?|stairs|ramp|spots?|spaces?|validat\w{0,5}|fee|rates?|entrance|valet|clinic|office|suite)\b"),
    # anaphylaxis and reactions after a treatment, described by their signs
    _r("reaction", "emergency", rf"\b{_AFTER_TX}\b.{{0,150}}\b{_AIRWAY}|\b{_AIRWAY}\b.{{0,150}}\b{_AFTER_TX}\b|\b{_AFTER_TX}\b.{{0,150}}\b{_SKIN}\b.{{0,80}}\b{_OTHER_SYSTEM}\b|\b{_AFTER_TX}\b.{{0,150}}\b{_OTHER_SYSTEM}\b.{{0,80}}\b{_SKIN}\b|\b{_SKIN}\b.{{0,80}}\b{_OTHER_SYSTEM}\b.{{0,150}}\b{_AFTER_TX}\b|\bhives\b.{{0,80}}\b(?:wheez\w{{0,3}}|vomit\w{{0,4}}|throwing up|faint\w{{0,3}})\b|\b(?:wheez\w{{0,3}}|vomit\w{{0,4}}|throwing up)\b.{{0,80}}\bhives\b"),
    # cyanosis: turning blue, purple or grey
    _r("red flag", "emergency", rf"\b{_BODY}\b(?: \w+){{0,3}} (?:turn\w{{0,3}}|went|going|gone|go|look\w{{0,3}}|getting|got|are|is|am|was|were|became|becoming) (?:a |all |kind of |kinda |a bit |slightly |really |very |so )?(?:\w+ )?{_HUE}\b|\b{_HUE} (?:lips|face|skin|fingertips|fingernails)\b|\b(?:lips?|face|skin|fingertips|fingernails|nails|mouth)\b (?:are |is |look\w{{0,3}} |went |turned |turning |getting |kind of |kinda |a bit |slightly |all |really |so |pretty )*{_HUE}\b", unless=r"^.{0,40}\b(?:lipstick|makeup|make up|filter|photos?|pictures?|lighting|selfie|costume)\b|^\W*(?:from (?:the |a |eating |his |her |my |that )?(?:\w+ ){0,2}(?:popsicle|candy|slushie|ice pop|blueberr\w*|juice|drink|paint|marker|dye|gum|food coloring|frosting|lollipop|kool aid|gatorade|icing|cake)|hair|dye|shirt|dress|paint|crayon|marker|eyes|eye shadow|eyeshadow|lipstick|nail polish|sweater|jacket|car|pen|lights?|glasses|from the cold|in the cold|when (?:i m|im|i am|i am|it s|its|it is|i get) (?:cold|out in the cold)|when it s cold out)"),
    # bleeding that will not stop
    _r("red flag", "emergency", r"\b(?:can not|cant|cannot|could not|couldnt|will not|wont|won t|does not|doesnt|doesn t|not|never) (?:get (?:it|the bleeding|this) to |make (?:it|the bleeding) )?stop(?:ping)? (?:the )?bleed\w{0,3}|\bstill bleeding\b.{0,50}\b(?:hour|hours|minutes|min|towel|towels|through|pressure|pressing)\b|\b(?:soak\w{0,3}|soaked|bled|bleeding) (?:all )?through\b.{0,30}\b(?:towel|towels|bandage|bandages|gauze|paper towels?|shirt|band ?aids?)\b|\b(?:keeps?|kept|won t|wont|will not) (?:on )?bleed\w{0,3}\b.{0,30}\b(?:quit|stop|stopping|an hour|hours|through)\b|\bbleed\w{0,3}\b.{0,30}\b(?:won t|wont|will not|doesn t|does not|not) (?:quit|stop|slow)\b|\bblood (?:is |keeps )?(?:everywhere|gushing|spurting|pouring|pumping)\b|\b(?:gushing|spurting|pouring|pumping) blood\b"),
    # a named or counted drug asked about by what a large amount would do
    _r("method seeking", "suicide", rf"\b(?:\d{{2,3}}|twenty|thirty|forty|fifty|sixty|a hundred|hundred|a whole bottle of|the whole bottle of|a bottle of|all (?:of )?(?:my|the)) (?:of )?(?:my |the |these |those )?(?:\w+ )?{_DRUG}\b.{{0,40}}\b(?:lethal|fatal|deadly|enough to|kill|die|to work|to kick in|kick in|would do|be sick|just be sick|survive|wake up)\b", personal=False, unless=r"^\W*(?:a (?:day|week|month)|per (?:day|week|month)|in a (?:day|week|month))"),
    # better off, easier, happier without me (988: being a burden)
    _r("veiled", "suicide", r"\b(?:would|will|d|could) (?:have|be|live) (?:an? |a much |so much )?(?:easier|better|happier|simpler|calmer|lighter|freer|less stressful) (?:life|lives|time)? ?without me\b|\b(?:easier|better|happier|simpler|lighter) for (?:everyone|everybody|them|my family|my kids|him|her) (?:if|when) i (?:was|were|am|m) gone\b"),
    # giving up the fight, said as an end
    _r("veiled", "suicide", r"\b(?:i m|im|i am) (?:so |just |really )?(?:done|finished|through) (?:fighting|trying)(?: (?:it|this|anymore|any more|for good))?(?: \. |$| anymore| and)"),
    # self-harm as an act against a thing: until the body bleeds or breaks
    _r("self-harm", "self-harm", r"\b(?:punch\w{0,3}|hit\w{0,4}|bang\w{0,3}|slam\w{0,3}|smash\w{0,3}|kick\w{0,3}) (?:the |a )?(?:walls?|doors?|mirrors?|things)\b.{0,20}\b(?:until|till|til|so) (?:my |i )?(?:knuckles|hands?|fists?|head|fingers)? ?(?:bleed|bled|bleeds|bruise\w{0,1}|break|broke|crack\w{0,2}|swell\w{0,2})\b|\buntil (?:i|my \w+) (?:bleed|bled|bleeds)\b"),
    # the thoughts owned after a sentence about them ("mine are bad")
    _r("active ideation", "suicide", r"\b(?:suicidal thoughts?|thoughts? of (?:suicide|killing myself|ending it)|suicidal ideation|urges to self harm)\b.{0,60}\b(?:mine are|mine have been|mine is|mine got|i have them|i get them|i m having them|i am having them|i have those|i ve got them|i ve been having them)\b|\bthink(?:ing)? about doing it (?:every|all the|each|again|tonight|a lot|constantly|all day)\b", personal=False, unless=r"^\W*(?:gone|better|over|under control|fine|manageable|rare|mild|not|no|fewer|less|much better|improving|improved|going away|way down|in the past)"),
    # a wedding ring or another keepsake handed over (988: giving things away)
    _r("preparation", "suicide", rf"\b(?:gave|giving|give|given|handed|left) (?:me|us|her|him|them|my \w+|his \w+|her \w+) (?:{_POSS}|all (?:of )?{_POSS}) (?:\w+ )?(?:ring|rings|wedding ring|watch|jewelry|guitar|guns?|dog|cat|car|keys|passwords|savings|collection|medals|letters)\b", unless=r"^\W*(?:for (?:our|my|the|her|his|their|christmas|valentine\w{0,2}|mother s day|father s day|graduation)|as a (?:gift|present)|to (?:wear|borrow|fix|hold for a)|back|when we (?:got|were) (?:engaged|married))"),
    # Horner and third-nerve signs: unequal pupils
    _r("red flag", "emergency", r"\b(?:one pupil (?:is |looks )?(?:way |much |a lot |so |really |slightly |a little |a bit )?(?:bigger|smaller|larger|blown|wider|huge)|pupils? (?:are |is |look )?(?:different sizes|uneven|unequal|not the same size|two different sizes))\b", unless=r"^\W*(?:since (?:birth|i was born|forever|childhood|i was a kid|i was little)|my whole life|all my life|always|naturally|from birth|it s genetic)"),
    _r("stroke sign", "emergency", r"\beyelid (?:is |has |started |keeps |just )?(?:droop\w{0,4}|sagging|falling|closing by itself)\b", neuro=True),
    _r("red flag", "emergency", r"\b(?:headache|migraine|head)\b.{0,60}\b(?:the )?worst (?:one|ever|yet)\b.{0,40}\b(?:ever|in seconds|within seconds|came on|instantly|out of nowhere|had)\b"),
    # hoping a natural event ends it (C-SSRS passive ideation)
    _r("passive ideation", "suicide", r"\b(?:hope|hopes|hoping|wish|wishing|pray|praying)\b.{0,40}\b(?:is|be|was|will be) (?:a |an |the )?(?:stroke|aneurysm|heart attack|tumor|cancer|the end|the last one|fatal)\b.{0,30}\b(?:over|end|done|for good|take me|kill)\b|\b(?:hope|hopes|hoping|wish|wishing|pray|praying)\b.{0,40}\b(?:stroke|aneurysm|heart attack|tumor)\b.{0,15}\b(?:takes? me|kills? me|finishes me|ends it)\b"),
    # going somewhere and not coming back; being at a place of means, telling someone
    _r("plan", "suicide", r"\b(?:go|going|drive|driving|walk|walking|head|heading|hike|hiking|swim|swimming) (?:up |out |down |off )?(?:to |into )?(?:the |a )?(?:\w+ ){0,5}(?:and|then) (?:not|never) (?:come|coming|be coming|drive|driving|walk|walking) back\b|\b(?:parked|standing|sitting|here|i m|i am|im) (?:at|on|by) the (?:cliff|cliffs|bridge|overlook|lookout|edge|tracks|train tracks|rooftop|roof|pier|dam|overpass)\b.{0,60}\b(?:someone to know|want (?:you|someone|somebody) to know|goodbye|sorry|last|one last|tell)\b"),
    # a headache that grows: worse every day, worse lying down, vomiting without nausea (SNOOP: progressive, positional)
    _r("red flag", "emergency", r"\b(?:headache|head ache|head pain|pain|it)\b.{0,60}\b(?:worse|worsening) (?:and worse )?(?:every ?day|each day|day by day|by the day|every morning|for (?:\d+|two|three|a few) weeks)\b.{0,80}\b(?:lie down|lying down|laying down|cough|strain|vomit\w{0,4}|threw up|throw up|throwing up|vision|different)\b|\b(?:worse|hurts more) (?:when|if) i (?:lie|lay) (?:down|flat)\b.{0,80}\b(?:vomit\w{0,4}|threw up|throwing up|every ?day|weeks|getting worse|vision)\b|\b(?:threw up|vomit\w{0,4}|throwing up)\b.{0,20}\b(?:with no|without|no) (?:nausea|warning)\b"),
    # self-harm seen on someone else: cuts in lines, excuses
    _r("third party", "self-harm", rf"\b{_PERSON}\b.{{0,40}}\b(?:has|had|with|got) (?:cuts|scratches|burns|marks|scars)\b.{{0,60}}\b(?:straight lines|lines|rows|in a row|the cat|cat did|says (?:it was|the)|fresh|hiding|hides|sleeves|same place|on purpose)\b"),
    # telling the topic, then oneself: "asking because I did it again"
    _r("self-harm", "self-harm", r"\b(?:asking|ask|i ask)\b.{0,15}\b(?:because|cause|cuz|since) i (?:cut|have been cutting|hurt myself|relapsed|did it(?: again)?(?: \. |$| this (?:morning|week)| last night| today| tonight| yesterday| and the cuts))|\bthe cuts are (?:pretty |really |very |so )?(?:bad|deep|deeper|infected|bleeding)\b"),
    _r("crisis word", "emergency", r"^\W*(?:911|988|sos|mayday|emergency|help me please|please help me|call 911|i need help now|help help)\W*$"),
    # ---- BE FAST: the signs an aura can also cause ------------------------------------------
    _r("stroke sign", "emergency", r"\b(?:weak|weakness|numb|numbness|paraly\w{0,5}|can not move|cannot move|can not feel|cannot feel|limp|heavy|dead)\b.{0,40}\b(?:one side|left side|right side|half (?:of )?my (?:body|face))\b", neuro=True),
    _r("stroke sign", "emergency", r"\b(?:one side|left side|right side|half) of (?:my|his|her|their) (?:body|face|mouth)\b.{0,40}\b(?:weak|weakness|numb|numbness|paraly\w{0,5}|droop\w{0,4}|limp|heavy|will not move|can not move|not moving|sag\w{0,4}|dead|falling|fell)\b", neuro=True),
    _r("stroke sign", "emergency", r"\b(?:left|right|one|my|his|her) (?:arm|leg|hand|foot|side|face)\b.{0,40}\b(?:weak|weakness|numb|numbness|paraly\w{0,5}|limp|heavy|droop\w{0,4}|dead|useless|will not move|can not move|wont move|wont work|will not work|not working|gave out|giving out|went dead|went limp|went numb|went heavy|will not grip|can not grip|cant grip)\b", neuro=True),
    _r("stroke sign", "emergency", r"\bhalf (?:of )?(?:my|his|her) (?:face|body|mouth)\b.{0,40}\b(?:weak|numb|paraly\w{0,5}|limp|droop\w{0,4}|sag\w{0,4}|dead|will not move|can not move|not moving|is not moving|is not working|frozen)\b", neuro=True),
    _r("stroke sign", "emergency", r"\b(?:can not|cannot|cant|could not|unable to|hard to) (?:move|lift|feel|raise|hold up|grip with) (?:my |his |her )?(?:left |right )?(?:arm|leg|hand|side|foot|arms|it)\b|\b(?:arm|hand|leg)\b.{0,30}\b(?:went limp|gave out|just dropped|fell to my side|is dragging|dragging)\b|\b(?:dropping|dropped) (?:things|everything|my (?:phone|cup|coffee|fork))\b.{0,40}\b(?:weak|numb|can not|cant|hand)\b", neuro=True),
    _r("stroke sign", "emergency", r"\bface (?:is |has |started |starting |went |just |looks |feels )?(?:droop\w{0,4}|sagging|saggy|drooped|fell|falling|crooked|lopsided|uneven|twisted|slanted)\b|\b(?:droop\w{0,4}|sagging|saggy|crooked|lopsided|uneven|twisted|slanted) (?:face|mouth|eye|eyelid|smile|side of (?:my|his|her) face)\b|\b(?:smile|mouth)\b.{0,20}\b(?:crooked|lopsided|uneven|droop\w{0,4}|one sided|looks off|weird on one side)\b", neuro=True),
    _r("stroke sign", "emergency", r"\bslurr?\w{0,4} (?:speech|words|my words|talking)\b|\bspeech (?:is |got |went |has been |sounds )?(?:all )?(?:slurred|garbled|weird|off|jumbled|messed up|gibberish)\b|\bslurred\b|\b(?:talking|speaking|saying) (?:gibberish|nonsense|words that do not make sense)\b", neuro=True),
    _r("stroke sign", "emergency", r"\b(?:can not|cannot|cant|could not|unable to|trouble|hard time|struggling to|difficulty) (?:speak|speaking|talk|talking|get (?:my |the |his |her |their )?words out|find (?:my |the |his |her |their )?words|form words|say words|understand (?:what people|anyone|people|words))\b", neuro=True, unless=r"^\W*(?:on the phone|by phone|over the phone|on calls|at work|loud|for long|during (?:work|class|my shift)|while (?:i m|im|i am) at|because (?:of )?(?:work|my boss|the kids)|to (?:you|anyone|anybody|him|her|them|my \w+) about)\b"),
    _r("stroke sign", "emergency", r"\bwords (?:are|were|keep|kept|come|came)? ?(?:coming out )?(?:out )?(?:wrong|jumbled|garbled|mixed up|scrambled|all wrong)\b", neuro=True),
    _r("stroke sign", "emergency", rf"\b{_SUDDEN}\b.{{0,50}}\b(?:lost|lose|losing|loss of|can not see|cannot see|cant see|went blind|gone blind|blind|no vision|double vision|seeing double|went black|went dark|weak|weakness|numb|numbness|confused|confusion|dizzy and|can not walk|cant walk|off balance|lost my balance|falling over|blurry in one eye|blurred in one eye|went blurry|eye pain|vision (?:is |went |got )?blurry|blurry vision|saying the wrong|wrong words)\b", neuro=True),
    _r("stroke sign", "emergency", rf"\b(?:lost|losing|lose|loss of|can not see|cant see|blind|weak|weakness|numb|numbness|confused|confusion|double vision|seeing double|can not walk|cant walk|off balance|lost my balance|went blurry)\b.{{0,50}}\b{_SUDDEN}\b", neuro=True),
    _r("stroke sign", "emergency", r"\b(?:lost|losing|lose|loss of) (?:the |my |all )?(?:vision|sight|eyesight)\b.{0,30}\b(?:in (?:one|my|the) (?:\w+ )?eye|completely|and it (?:has not|hasnt|is not|isnt) (?:come|coming) back|for hours)\b|\b(?:went|gone|going|am) blind\b|\b(?:can not|cannot|cant) see (?:out of|anything|at all)\b|\blike a curtain\b", neuro=True),
    _r("stroke sign", "emergency", r"\b(?:can not|cant|could not) (?:walk straight|stand up straight|keep my balance|stand up)\b|\b(?:keep|keeps|kept) (?:falling|tipping|leaning) (?:over|to one side|to the (?:left|right))\b", neuro=True),
    # limbs or words that do not obey, said without a side or a "sudden"
    _r("stroke sign", "emergency", r"\b(?:arm|arms|leg|legs|hand|hands|foot|side|fingers)\b.{0,30}\b(?:will not|won t|wont|do not|don t|dont|does not|doesn t|doesnt|is not|isn t|are not|aren t|not|stopped) (?:do (?:what|anything)|listen\w{0,3}|respond\w{0,3}|cooperat\w{0,3}|obey\w{0,3}|work\w{0,3} (?:right|properly)|move (?:right|properly)|working)\b|\b(?:words|letters|text|writing|screen|page|numbers)\b.{0,30}\b(?:look|looks|looked|looking|turned into|became|are) (?:like )?(?:symbols|gibberish|hieroglyphics|another language|a foreign language|random (?:letters|symbols)|nonsense|scrambled)\b|\b(?:can not|cant|could not|unable to) (?:read|understand) (?:anything|the words|words|my phone|the screen|what (?:i|people) (?:wrote|write|say|said))\b|\b(?:wrong|weird|random|made up) words (?:come|came|coming|keep coming) out\b|\b(?:say|saying|said) (?:the )?wrong words\b", neuro=True),
    _r("stroke sign", "emergency", r"\b(?:just|only) (?:an|a|my) aura\b.{0,120}\b(?:numb|weak|droop\w{0,4}|slurr\w{0,4}|can not (?:speak|talk|move|see)|cant (?:speak|talk|move|see)|one side|face|arm)\b|\b(?:numb|weak|droop\w{0,4}|slurr\w{0,4}|can not (?:speak|talk|move)|cant (?:speak|talk|move)|one side|face|arm)\b.{0,120}\b(?:just|only) (?:an|a|my) aura\b", neuro=True),
    # ---- round 4: kinds missed on round 3's frozen run and on round 4's train third ----------
    # harm to oneself announced as "something stupid", "something I can't take back"
    _r("active ideation", "suicide", r"\b(?:do|doing|did) something (?:stupid|dumb|drastic|crazy|bad|permanent|final|i (?:can not|cant|can t|won t be able to) (?:take back|undo)|i ll regret|i will regret) (?:to|with) (?:myself|my self|me)\b|\b(?:before|afraid|scared|worried|terrified) (?:that )?i (?:do|might do|will do|ll do|am going to do|m going to do|m gonna do|gonna do) something (?:stupid|dumb|drastic|crazy|permanent|i (?:can not|cant|can t) take back)\b"),
    # a method question that carries its own amount: "the most X before it's too late",
    # "enough to stop your heart", "if someone took all their X would they wake up"
    _r("method seeking", "suicide", rf"\b(?:how (?:much|many)|the most|the max\w*|maximum|\d{{2,3}}|twenty|thirty|forty|fifty|a hundred)\b(?: \w+){{0,4}} (?:{_DRUG}|dose|doses|pills)\b.{{0,60}}\b(?:too late|stops? (?:your|my|a person s|someone s|the|his|her) heart|(?:not|never) wake up|enough to (?:die|kill|end it|not wake|stop))\b|\b(?:{_DRUG}|dose|amount)\b.{{0,40}}\benough to (?:stop (?:your|my|a|the|someone s|his|her) heart|kill|die|end it|not wake up)\b|\b(?:took|take|takes|taking|swallow\w{{0,3}}) all (?:of )?(?:their|my|his|her|the|your) (?:\w+ )?{_DRUG}\b.{{0,60}}\b(?:not wake up|never wake up|die|dead|survive|just sleep)\b", personal=False),
    _r("method seeking", "suicide", r"\bis (?:\d{2,3}|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred) of (?:my |the |these |those |a |an |his |her )?(?:\w+ ){0,2}enough\b", personal=False, unless=r"^\W*(?:for (?:a |the |my |one |this )?(?:week|month|day|trip|refill|migraine|headache|pain|vacation)|to (?:last|get through|treat|stop (?:the|a|my) (?:migraine|headache|pain)))"),
    # a firearm and where to aim it; a firearm's waiting period
    _r("plan", "suicide", r"\b(?:gun|pistol|firearm|handgun|rifle|shotgun|bullet)s?\b.{0,80}\bwhere (?:to|should i|do i|you should|do you) (?:aim|point)\b|\bwhere (?:to|should i|do i) (?:aim|point)\b.{0,40}\b(?:gun|pistol|head|temple|mouth|chin|heart)\b|\b(?:gun|firearm|pistol|handgun|rifle|shotgun)s?\b.{0,50}\bwaiting period\b|\bwaiting period\b.{0,30}\b(?:gun|firearm|pistol|handgun|rifle|shotgun)s?\b"),
    # a ligature already up
    _r("plan", "suicide", r"\b(?:rope|noose|belt|cord|ligature)\b (?:is |s )?already (?:up|hung|hanging|tied|set up)\b|\b(?:already|have|got|put|hung) (?:the |a |my )?(?:rope|noose|ligature) up\b|\b(?:rope|noose|ligature) (?:is |s )?(?:up|hung|hanging) (?:in|from|on) (?:the|my)\b"),
    # dead by a time; a will or a goodbye sent to someone (a third party's or one's own)
    _r("veiled", "suicide", r"\b(?:i ll|ill|i will|he ll|she ll|they ll|he will|she will|they will|i m going to|im going to|gonna|(?:i |i m |im |i am )?(?:plan|planning|intend|intending|expect|expecting|hope|hoping|want|going) to) be (?:dead|gone for good) (?:by|before|tomorrow|tonight|soon|in the morning)\b|\b(?:sent|shared|showed|texted|emailed|forwarded) (?:me |us |everyone |them )?(?:her|his|their|my) (?:will|last wishes)\b"),
    # self-harm chosen over care, or hidden while fresh
    _r("self-harm", "self-harm", r"\bhid\w{0,4} (?:my |the |these |those |her |his )?(?:fresh |new )?(?:cuts|burns|scratches)\b|\bfresh (?:cuts|burns)\b|\b(?:rather|prefer to|prefer) (?:keep )?(?:cutting|cut myself|hurt myself|hurting myself|burn myself|burning myself|self harm|sh)\b|\bsh relapse\b", unless=r"^\W*(?:back|down|out|from (?:shaving|cooking|the (?:cat|dog|kitchen)))"),
    # hoping an illness ends one; checking out for good; the plan or the intent "is there"
    _r("passive ideation", "suicide", r"\b(?:hope|hoping|wish|wishing|pray|praying)\b(?: that)? (?:the |this |my |a )?(?:migraine|headache|pain|tumor|illness|disease|cancer) (?:would |will |just |finally |could )*(?:kills?|takes?|finish\w{0,2}) me\b|\bcheck(?:ing)? out (?:for good|permanently|early|of (?:life|this life|this world))\b|\b(?:the )?(?:intent|plan|means) is there\b"),
    _r("passive ideation", "suicide", r"\b(?:plan\w{0,4}|imagin\w{0,4}|pictur\w{0,4}|fantasi\w{0,4}|daydream\w{0,4}) (?:about )?(?:my|your) (?:own )?funeral\b", unless=r"^\W*(?:arrangements|insurance|costs?|home|plot|prepaid|pre paid|in advance|with (?:my|a|the) (?:lawyer|attorney|planner|family))"),
    # a goodbye to the staff with thanks (988 warning signs: saying goodbye)
    _r("preparation", "suicide", r"\btell (?:the |my |all the |everyone|them|him|her)(?: \w+)? (?:i said )?(?:bye|goodbye)\b|\bsaid (?:bye|goodbye)\b.{0,40}\b(?:good to me|for everything|kind to me)\b", unless=r"^.{0,60}\b(?:moving|moved|relocat\w+|transferr\w+|switching|new (?:job|doctor|clinic|provider)|see (?:you|them|y all) (?:soon|next|later|at|on)|until next|vacation)\b"),
    # depressants mixed with alcohol, told with a sedated body ("heavy", "can't stay awake")
    _r("overdose", "overdose", rf"\b(?:mix\w{{0,3}}|took|taken|had|with)\b.{{0,40}}\b{_DRUG}\b.{{0,80}}\b(?:shots|drinks|beers|wine|vodka|whiskey|tequila|alcohol|liquor)\b.{{0,80}}\b(?:heavy|floaty|float\w{{0,3}}|(?:can not|cant|can t) (?:stay awake|keep my eyes open)|pass(?:ing)? out|slow breathing|breathing (?:slow|shallow)|black\w{{0,3}} out|nodding off|drows\w{{0,3}})\b"),
    # a blow to the head on a blood thinner, then a headache (SNOOP: anticoagulation)
    _r("red flag", "emergency", r"\b(?:hit|bumped|banged|bonked|whacked|hurt) (?:my |his |her |their )?head\b.{0,80}\b(?:eliquis|xarelto|warfarin|coumadin|jantoven|pradaxa|apixaban|rivaroxaban|dabigatran|plavix|clopidogrel|blood thinners?)\b|\b(?:eliquis|xarelto|warfarin|coumadin|jantoven|pradaxa|apixaban|rivaroxaban|dabigatran|plavix|clopidogrel|blood thinners?)\b.{0,80}\b(?:hit|bumped|banged|bonked|whacked|hurt) (?:my |his |her |their )?head\b"),
    # not waking up as an everyday complaint ("could not wake up early"): read as
    # an idiom, so the model alone cannot make a crisis of the words
    _r("passive ideation", "suicide", r"\b(?:could not|couldnt|can not|cant|did not|didnt|do not|dont) wake up\b", strong=False, unless=r"^\W*(?:early|on time|in time|for (?:work|school|class|my|the)|when (?:my|the) alarm|to (?:my|the) alarm|this morning|today|until|till|at \w+|because of)"),
    # ---- round 5: kinds missed on round 4's frozen third ------------------------
    # where a safety barrier is missing on a height; which floor or height one does not survive
    _r("method seeking", "suicide", r"\b(?:bridges?|overpass\w{0,2}|buildings?|parking (?:structures?|garages?|decks?)|garages?|towers?|cliffs?|roofs?|rooftops?|balcon\w{1,4}|stations?|platforms?|heights?)\b.{0,50}\b(?:no|without|dont have|do not have|dont|lack\w{0,3}|missing|not have|have no|has no|still no|never got|didnt get)\b(?: \w+){0,3} (?:nets?|netting|fences?|fencing|barriers?|railings?|guard ?rails?|screens?)\b|\b(?:nets?|fences?|fencing|barriers?|railings?|guard ?rails?)\b.{0,20}\b(?:missing|not (?:up|installed|there)|gone|removed|taken down)\b.{0,40}\b(?:bridges?|overpass\w{0,2}|buildings?|parking|garages?|towers?|roofs?)\b|\b(?:which|what|how high a|how many) (?:floor|floors|story|stories|storey|storeys|level|levels|height)\b.{0,60}\b(?:not|never|dont|wont|wouldnt|would not|cannot|cant|no one|nobody) (?:\w+ )?survive\w{0,2}\b", personal=False),
    # hopelessness about the point of anything at all
    _r("passive ideation", "suicide", r"\b(?:whats|what is|what s|is there|theres no|there is no|no|not much|dont see|do not see|cant see|can not see) (?:even |really |the |a |any ){0,2}(?:point|use|sense) (?:of|in|to) (?:any of (?:it|this|that)|anything|all of (?:it|this)|any of it anymore|going on|carrying on|keep trying|trying anymore|getting up|waking up|any of this anymore)\b", strong=False),
    # an old person who has had enough and hands it to God
    _r("passive ideation", "suicide", r"\b(?:the )?(?:lord|god|jesus|good lord|man upstairs|almighty)\b (?:can|could|may|should|is welcome to|is free to|needs to|just needs to|please|come and) (?:come and |just |go ahead and )?(?:take|call|collect) me\b|\b(?:ready|waiting|praying|pray|pray every night|asking) (?:for )?(?:the )?(?:lord|god|jesus) to (?:take|call|collect) me\b|\bhad (?:about |more than )?enough (?:innings|of (?:it all|living|life|this life|this world|being here|being alive))\b"),
    # a firearm handled and sat with, held, put to oneself
    _r("means", "suicide", r"\b(?:clean\w{0,3}|load\w{0,3}|took out|got out|taking out|getting out|unlocked|unlocking|oil\w{0,3})\b.{0,40}\b(?:gun|guns|shotgun|rifle|pistol|revolver|handgun|firearm|38|9mm)\b.{0,80}\b(?:sat|sit|sitting|held|hold|holding|stared at|staring at|in my lap|on my lap|in my hands|in my mouth|under my chin|to my head|for an hour|for hours|for a long time|all night)\b|\b(?:sat|sit|sitting|held|holding|stared at|staring at)\b (?:\w+ ){0,3}(?:with |at )?(?:the |my |his |dads |an |a )?(?:\w+ )?(?:gun|shotgun|rifle|pistol|revolver|handgun|firearm)\b.{0,40}\b(?:for an hour|for hours|for a long time|for a while|all night|in my lap|on my lap|in my mouth|under my chin|to my head|loaded)\b", unless=r"^\W*(?:at the range|for (?:hunting|the range|deer season|a class)|safety class)"),
    # a list of who gets what
    _r("preparation", "suicide", r"\b(?:\w+ )(?:gets|can have|will get|should get|gets to keep) (?:my|the) \w+(?: \w+)?\b.{0,80}\b(?:\w+ )(?:gets|can have|will get|should get|gets to keep) (?:my|the) \w+\b", unless=r"^\W*(?:while|when|until|till|during|for the (?:weekend|week|trip|visit)|because|if (?:i|it))"),
    # pills saved up "not for" what they treat
    _r("preparation", "suicide", rf"\b(?:saving|saved|save|stockpil\w{{1,4}}|hoard\w{{0,3}}|putting aside|put aside|set aside|setting aside|stashing|stashed|keeping|kept|holding onto|held onto)\b.{{0,50}}\b(?:pills|tablets|meds|medicine|medication|doses|{_DRUG})\b.{{0,60}}\b(?:not|isnt|is not|arent|are not|wasnt) (?:\w+ )?(?:for|about) (?:the |my |a )?(?:migraines?|headaches?|pain|sleep|what they|their|what theyre|emergencies|a rainy day|the (?:reason|purpose))\b"),
    # hitting one's head until the skin splits
    _r("self-harm", "self-harm", r"\b(?:bang\w{0,3}|hit\w{0,4}|slam\w{0,5}|smash\w{0,3}|bash\w{0,3}|beat\w{0,3}|pound\w{0,3}) (?:my |his |her )?head (?:against|on|into|off) (?:the |a )?(?:wall|floor|door|table|desk|headboard|counter|mirror)\b.{0,80}\b(?:split|splits|bled|bleed\w{0,3}|blood\w{0,2}|cut|gash|open|stitches)\b"),
    # a whole box or bottle asked about for its speed or pain
    _r("method seeking", "suicide", rf"\b(?:whole|entire|full|all the|all of the|all my|all of my) (?:box|bottle|pack|packet|blister|sheet|strip|supply|prescription|script|{_DRUG})\b.{{0,80}}\b(?:quick|quickly|fast|painless|hurt|peaceful|would i wake|wake up)\b", personal=False),
    # round 5's train third: a dose asked for what people use to end things
    _r("method seeking", "suicide", r"\b(?:dose|doses|dosage|how many|how much|amount)\b.{0,60}\b(?:when|if|for when) (?:they|you|someone|people|a person|one) (?:want|wants|wanted|is trying|are trying|try) to (?:end (?:it|it all|things|everything|their life|their lives|your life)|die|kill (?:themselves|yourself|themself)|not wake up)\b", personal=False),
    # the pills taken, told with an apology
    # ---- round 6: kinds missed on round 5's frozen third and round 6's train third ----
    # waking up, or being alive, as a disappointment (C-SSRS passive ideation)
    _r("passive ideation", "suicide", r"\b(?:disappointed|upset\w{0,2}|sad|angry|mad|annoyed|bummed|pissed|frustrated|devastated|furious|sorry|hate it|resent|hate that)(?: me)?(?: every (?:day|morning|time))? (?:that |when )?(?:i |to )?(?:still )?(?:woke up|wake up|am still (?:alive|here|breathing)|m still (?:alive|here|breathing)|still (?:alive|here|breathing)|survived the night|made it through (?:another|the) night|be (?:still )?alive)\b", unless=r"^\W*(?:at (?:\d|noon|night|dawn|midnight|like|around|about|the)|with|early|late|in|on|to|from|because|again|too|before|after|this|during|feeling|sick|so|and (?:it|my|the|had|have|was))\b"),
    # hoping an attack or an illness is "the one" that ends it (C-SSRS passive ideation)
    _r("passive ideation", "suicide", r"\b(?:hope|hopes|hoping|wish|wishing|pray|praying)\b.{0,60}\b(?:is|be|will be|would be|turns out to be) the (?:one|big one|last one) (?:that |which )?(?:finally |actually |just )?(?:kills?|takes?|ends?|finish\w{0,2}) me\b"),
    # a medicine asked about as the overdose nobody can undo (method seeking)
    _r("method seeking", "suicide", rf"\b{_DRUG}\b.{{0,30}}\b(?:can not|cant|cannot|could not|(?:can|could) (?:\w+ )?not) (?:\w+ )?(?:save (?:you|someone|a person|people|me) from|be reversed|reverse|be undone|undo)\b|\b(?:can not|cant|cannot|could not|(?:can|could) (?:\w+ )?not) (?:\w+ )?save (?:you|someone|a person|people|me) from\b.{{0,40}}\b(?:too many|too much|overdos\w{{0,4}}|od|a whole|all of)\b", personal=False),
    # algospeak for ending one's life: logging off for good, taking oneself out
    _r("active ideation", "suicide", r"\blog(?:ging|ged|s)? (?:off|out) (?:of life |of this life )?(?:permanently|for good|forever|for the last time)\b|\blog(?:ging|ged|s)? off (?:of|from) (?:life|this life|this world|the world)\b|\btak(?:e|ing) myself out\b", unless=r"^\W*(?:to|for|on|of (?:the|this|that|my) (?:game|race|running|group|chat|team|competition|draft|tournament)|shopping|tonight for|with|more|less|dancing|walking)\b"),
    # being gone, told with whether anyone would notice; an end that makes a booking moot
    _r("veiled", "suicide", r"\b(?:be|being|am|m|was) gone\b.{0,80}\b(?:if )?(?:anyone|anybody|someone|people|nobody|no one) (?:would|will|d|even) (?:even |ever |really )?(?:notice|care|miss me)\b|\b(?:would|will) (?:anyone|anybody|people) (?:even |ever |really )?(?:notice|care|miss me)\b.{0,60}\b(?:gone|dead|disappeared|died)\b|\b(?:does not|doesnt|will not|wont|won t) matter\b.{0,40}\b(?:be|m|am) gone (?:by|before)\b"),
    _r("overdose", "overdose", r"\b(?:took|swallowed) (?:them|those|these)(?: \.)? all of them\b", unless=r"^\W*(?:at (?:once|the same time)|together|with (?:food|water|breakfast|dinner)|as (?:prescribed|directed)|in the morning|this morning|on time)"),
    # ---- round 7: kinds missed on round 6's frozen third and round 7's train third ----
    # death or not existing told as a rest one looks forward to (C-SSRS passive ideation)
    _r("passive ideation", "suicide", rf"\b(?:death|dying|being dead|not existing|not waking up|never waking up)\b (?:\w+ ){{0,2}}(?:sounds?|seems?|looks?|feels?|(?:would|will|could|d) (?:\w+ )?be|is) (?:like )?(?:a |an |the )?(?:\w+ )?{_REST}\b", unless=r"^(?:\W*\w+){0,2}\W*(?:in (?:a|the) (?:movie|book|show|game|story|song)|is (?:a|the) (?:line|lyric|song|quote|title))\b"),
    # nothing left to stay for (988 warning signs: no reason to live)
    _r("passive ideation", "suicide", r"\bnothing (?:left |remaining )?(?:here )?for me (?:here|anymore|in this (?:world|life)|on this earth)\b|\bnothing (?:left|remaining) (?:here )?for me(?: \.|$)|\bnothing (?:left )?to stay (?:here |around )?for\b|\bnothing (?:keeping|holding) me (?:here|around|alive)\b"),
    # a terse decision with a day or the others' absence (C-SSRS intent with a plan)
    _r("plan", "suicide", rf"(?:^| \. )(?:(?:i have|i|i ve) (?:finally |already |just )?(?:decided|made up my mind|made my decision|made the decision)|my (?:mind|decision) is made(?: up)?|(?:i have|i|i ve) (?:already|finally) (?:picked|chosen|chose|set) (?:the|a) (?:day|date|night))(?: \.)? (?:\w+ ){{0,3}}{_ABSENT}"),
    # "this time I have a better plan" after an attempt that failed (C-SSRS plan)
    _r("plan", "suicide", r"\b(?:tried|attempt\w{0,3}|did not work|didnt work|failed|survived|woke up|last time)\b.{0,120}\b(?:i|i ve|i have|ive|i m|i am)(?: \w+){0,2} (?:a |the |my )?(?:better|real|surer|foolproof|new|different|proper|solid) (?:plan|method|way to do it)\b", unless=rf"^\W*(?:for|with|from|to (?:take|treat|manage|try|stop|prevent|get)|is to (?:take|try|treat|call|see|start))\b|^(?:\W*\w+){{0,6}}\W*(?:migraines?|headaches?|pain|doctor|neuro\w*|treatments?|preventives?|insurance|appointments?|infusions?|diet|sleep|{_DRUG})\b"),
    _r("plan", "suicide", r"\b(?:tried|attempt\w{0,3}|did not work|didnt work|failed|survived|woke up|last time)\b.{0,120}\bthis time\b(?: \w+){0,2} (?:(?:i will not|i won t|i wont|i ll not)(?: \.|$)|(?:i will not|i won t|i wont) (?:wake up|survive|fail|mess (?:it )?up|be found|be saved)|(?:i will|i ll) (?:do it right|make sure (?:it works|i do not wake|i don t wake))|there will be no (?:waking up|mistakes|coming back))"),
    # nobody left who has to worry about me, soon (veiled)
    _r("veiled", "suicide", r"\b(?:nobody|no one|none of you|you all|everyone|my family|my kids) (?:will|ll|is going to|s going to|would) (?:ever )?(?:have to|need to) (?:worry|deal) (?:about|with) me (?:anymore|again|soon|much longer|for long)\b|\b(?:soon|after \w+|by \w+) (?:nobody|no one|none of you|you all|everyone) (?:will|ll|is going to|s going to) (?:ever )?(?:have to|need to) (?:worry|deal) (?:about|with) me(?: \.|$)"),
    # sitting in a garage with the engine running (an aborted or interrupted attempt)
    _r("plan", "suicide", r"\b(?:sat|sit|sitting|stayed|staying|lay|lying|laid|waited|waiting)\b.{0,40}\bgarage\b.{0,60}\b(?:car|engine|motor|truck)\b (?:\w+ ){0,2}(?:running|idling|on)\b|\b(?:car|engine|motor|truck)\b (?:\w+ ){0,2}(?:running|idling)\b.{0,40}\bgarage\b.{0,40}\b(?:door (?:closed|shut|down)|closed the door|shut the door|for (?:a while|an hour|hours|a long time))\b"),
    # preparation told as errands: future care cancelled with a finality, loose ends tied
    _r("preparation", "suicide", rf"\b{_CANCEL_CARE}\b.{{0,140}}\b{_FINAL_ERRAND}|\b{_FINAL_ERRAND}.{{0,140}}\b{_CANCEL_CARE}\b"),
    _r("preparation", "suicide", rf"\b{_CANCEL_CARE}\b|\b(?:tying|tie|tied|tidying) up (?:all )?(?:my |the )?loose ends\b", strong=False, unless=r"^\W*(?:at work|for work|before (?:my |the |a )?(?:vacation|trip|leave|move|surgery|holiday|maternity|paternity|wedding|deadline)|because (?:i m|i am|we re|we are) (?:moving|switching|relocating)|(?:i m|i am|we re|we are) (?:moving|switching|relocating)|with (?:the|my) (?:insurance|billing|paperwork))"),
    # a farewell written to everyone, scheduled or sent (988 warning signs: saying goodbye)
    _r("preparation", "suicide", r"\b(?:email|e mail|emails|message|messages|text|texts|letter|letters|post|video|note|notes|tweet)\b.{0,80}\b(?:everyone|everybody|all my|my whole|my family|my friends|my kids|all of them)\b.{0,60}\b(?:goodbye|goodbyes|farewell)\b|\bschedul\w{1,3} (?:\w+ ){0,2}(?:email|message|text|post|tweet|letter)s?\b.{0,80}\b(?:goodbye|farewell|when i m gone|after i m gone|when i am gone|after i am gone)\b", unless=r"^\W*(?:party|lunch|card|gift|dinner|present|drinks|for now|to (?:my )?(?:old )?(?:job|apartment|house|team|coworkers|office|migraines?|headaches?|pain|caffeine|coffee|sugar)|before (?:my|the|our) (?:move|trip|vacation))"),
    # a life insurance paying out on the writer soon (veiled: worth more gone)
    _r("veiled", "suicide", r"\b(?:money s worth|moneys worth|money worth|cash in|cash out|collect|payout|pay out|paid) (?:\w+ ){0,2}(?:out of|on|from|for) me\b|\blife insurance\b.{0,60}\b(?:pay\w{0,3} out|payout|cash in|collect|money s worth|moneys worth|money worth)\b.{0,40}\b(?:soon|finally|any day|before long)\b|\b(?:soon|finally|any day)\b.{0,30}\b(?:cash in|collect|pay\w{0,3} out)\b.{0,30}\blife insurance\b|\bworth more (?:to (?:them|my family|everyone) )?(?:dead|gone)\b"),
    # how deep, which way, how much blood: cutting asked as a method (method seeking)
    _r("method seeking", "suicide", rf"\b{_CUT_QUERY}\b.{{0,50}}\b(?:cut|cuts|cutting|slit|slice|slash|slashing)(?: {_CUT_OBJECT}\b| \.|$)|\b(?:cut|cutting|slit|slice|slash)\b.{{0,50}}\b(?:{_CUT_QUERY}|for it to (?:be serious|work|count|be fatal|kill|be enough|do it)|to (?:hit|reach|get) (?:an |the |a )?(?:artery|arteries|vein|veins))\b|\b(?:vertical\w{{0,2}} or horizontal\w{{0,2}}|horizontal\w{{0,2}} or vertical\w{{0,2}}|across or (?:down|along)|(?:down|along) or across|lengthwise|how deep|deep enough)\b.{{0,50}}\b(?:wrists?|veins?|arter(?:y|ies))\b|\bhow (?:much blood|long|fast|quick\w{{0,2}})\b.{{0,40}}\b(?:(?:can|do|would|does) (?:you|a person|someone|one|i) (?:lose|bleed)|bleed to death|to bleed out|lose (?:too much|enough) blood)\b", personal=False, unless=r"^.{0,40}\b(?:incision|surgery|surgical|stitches|stitch|heal|healing|nerve block|decompression|biopsy|botox|injection site|iv site|bandage|band aid)\b"),
    # self-harm disguised as an everyday wound the writer then denies
    _r("self-harm", "self-harm", r"\b(?:scratches|scratch marks|cuts|marks|burns|bruises|lines|wounds)\b.{0,80}\b(?:not|aren t|arent|isn t|isnt|weren t|werent|wasn t|wasnt) (?:really |actually |exactly |totally )?(?:from |by |an? )?(?:\w+ ){0,2}(?:cat|cats|kitten|kitty|dog|puppy|accident|kitchen|bike|rosebush|thorns|fence|shaving|cooking)\b|\b(?:cat|kitten|accident|kitchen|bike|stove|dog|rosebush)\b(?: \w+){0,3} again\b.{0,40}\b(?:wink|not really|sure jan|if (?:you|u) know what i mean|(?:you|u) know what i mean|if (?:you|u) catch my drift|air quotes|quote unquote)\b"),
    # medicines kept instead of taken, or kept with an end told beside them (an older
    # person's saved opioids: C-SSRS preparatory behaviour)
    _r("preparation", "suicide", rf"\b{_KEEPS}\b.{{0,40}}\b{_DRUG}\b.{{0,20}}\bin (?:a|an|the|his|her|their|my) (?:\w+ )?(?:box|jar|drawer|envelope|bag|sock|tin|container|shoebox|closet|purse)\b.{{0,40}}\b(?:instead of|rather than) (?:taking|swallowing|using)\b|\b{_KEEPS}\b.{{0,40}}\b(?:{_DRUG}|leftover \w+)\b.{{0,80}}\b(?:says|said|tells|told|keeps saying|kept saying)\b(?: \w+){{0,4}} (?:ready|had a good run|had (?:about )?enough|done with (?:it all|life|living)|tired of (?:living|it all|life)|when the time comes|(?:join|be with) (?:mom|dad|grandma|grandpa|him|her|my \w+))\b", unless=r"^\W*(?:for (?:the|a|her|his|their|my|our) |to (?:go|leave|travel|fly|drive)\b)"),
    # a cold, pale limb after an ergot or a treatment (vasospasm: SNOOP, a reaction)
    _r("reaction", "emergency", r"\b(?:dhe|dihydroergotamine|ergot\w{0,6}|cafergot|migranal|trudhesa|\w*triptan\w?|imitrex|infusion|injection|shot|iv|drip)\b.{0,120}\b(?:legs?|arms?|foot|feet|hands?|fingers?|toes?)\b.{0,40}\b(?:cold|ice cold|pale|white|blue|bluish|purple|mottled|gray|grey)\b.{0,30}\b(?:pale|white|blue|bluish|purple|mottled|painful|numb|hurts|cold|no pulse)\b", neuro=True),
    # ---- round 8: a return told as "where I was", the future refused whole, a form's
    # plan item answered yes ----------------------------------------------------------
    # A relapse ("back to where I was", "in that place again") with a plan or a method
    # being worked out: the unnamed "it" is the act the writer once planned (C-SSRS plan).
    _r("plan", "suicide", rf"\b{_BACK_THERE}\b.{{0,60}}\b{_PLANS} (?:it|everything|things|the details|how|when)\b|\b{_PLANS} (?:it|everything|things|the details|how|when)\b.{{0,60}}\b{_BACK_THERE}\b"),
    # a firearm's muzzle in the mouth, as soldiers and police say it ("eat my gun",
    # "eating a bullet", "kiss the barrel"): suicide by a firearm (C-SSRS active ideation)
    _r("active ideation", "suicide", r"\b(?:eat|eats|eating|ate|eaten|swallow|swallowing|kiss|kissing|suck|sucking|taste|tasting) (?:my|a|your|his|her|their|the|one) (?:own )?(?:gun|guns|rifle|pistol|bullet|barrel|muzzle|shotgun|glock|piece|sidearm|service weapon|revolver|handgun|9mm|45|38)\b|\b(?:eat|eating|ate) (?:some )?lead\b|\b(?:take|taking|took) the (?:\d+ ?mm|\d+ caliber|gun|bullet|lead) (?:way|route|exit) out\b", unless=r"^\W*(?:\w+ )?(?:sandwich|burger|peppers?|chili|cake|cookies?|candy|shaped|proof|journal|points?|list)\b"),
    # how long dying takes, or whether one survives, by a drug or a mix of them:
    # the lethality asked about, whatever denial follows (C-SSRS method seeking)
    _r("method seeking", "suicide", rf"\bhow long (?:\w+ ){{0,3}}(?:take|takes|taking) (?:\w+ )?to die\b.{{0,80}}\b(?:{_DRUG}|pills?|bottle|tablets?|overdose|wine|alcohol|vodka|booze)\b|\b(?:(?:can not|cant|could not|would not|wouldnt|will not|wont|does not|doesnt|do not|dont) (?:\w+ )?|(?:can|could|would|will|do|does) (?:you|one|someone|a person|people|i) (?:not|never) )survive\b.{{0,60}}\b(?:{_DRUG})\b|\b(?:{_DRUG})\b.{{0,60}}\b(?:can not|cant|could not|would not|wouldnt|will not|wont|does not|doesnt) (?:\w+ )?survive\b", personal=False),
    # a medicine bought a little at a time across stores (past a pack limit, unseen):
    # C-SSRS preparatory behaviour
    _r("preparation", "suicide", rf"\b(?:bought|buying|buy|purchased|picked up|picking up|got|getting|grabbed|grabbing)\b (?:\w+ ){{0,3}}(?:{_DRUG}|pills|painkillers|pain killers|pain pills|sleeping pills|sleep aids?|tablets|packs|boxes|bottles)\b.{{0,30}}\b(?:at|from|in) (?:two|three|four|five|six|[2-9]|several|multiple|different|separate|a few|a bunch of|all the) (?:different |separate )?(?:stores|shops|places|pharmacies|drugstores|drug stores|walgreens|cvs s|gas stations|supermarkets|grocery stores|towns)\b"),
    # the weakness named before the limb: "a weak left leg", "weakness in my right arm"
    _r("stroke sign", "emergency", r"\b(?:weak|weakness|numbness|paraly\w{0,5}|limp|dead) (?:in |of |on )?(?:my |his |her |their |the |a )?(?:left|right) (?:arm|leg|hand|foot|side|face)\b", neuro=True),
    # an unnamed act being planned again, with nothing else told: "planning it out again"
    _r("plan", "suicide", rf"\b{_PLANS} (?:it|it all|everything|the whole thing) (?:all )?(?:out )?again\b", strong=False),
    # the future refused whole: "not deal with tomorrow, or any tomorrow", "no more tomorrows"
    _r("passive ideation", "suicide", r"\b(?:not|never|no longer|not have to)\b (?:\w+ ){0,3}(?:tomorrow|another day|the next day|another morning)\b(?: \.)? (?:or|and|nor) (?:any|another|every|ever|all the)(?: other)? (?:tomorrows?|days?|mornings?|again)\b|\bno more tomorrows\b|\b(?:do not|dont) want (?:any more|anymore|another|any) tomorrows?\b"),
    # a form's or a clinician's plan item quoted: the writer's own answer decides
    # (an affirmation after it: crisis; alone: reported, so possible)
    _r("plan", "suicide", r"\b(?:asks?|asked|asking|question|item|wants? to know)\b.{0,30}\b(?:if|whether|do|have|any) (?:i|you|the patient) (?:have|had|ve got|got|has) (?:a |any )?(?:current |specific |real |concrete |active )?plans?\b", strong=False, quoted=True, unless=r"^\W*(?:with|through|from|for (?:insurance|coverage|payment|paying|the cost|treatment|care))\b"),
)

# Spanish, as people in Los Angeles write it (accents folded away, texting spellings).
_ES_DRUG = r"(?:pastillas?|pildoras?|medicamentos?|medicinas?|tabletas?|capsulas?|somniferos?|calmantes?|analgesicos?|tylenol|advil|motrin|aleve|excedrin|aspirinas?|naproxeno|ibuprofeno|paracetamol|acetaminofen|xanax|alprazolam|clonazepam|lorazepam|diazepam|rivotril|ambien|zolpidem|trazodona|tramadol|oxicodona|fentanilo|triptanes?|sumatriptan(?:es)?|rizatriptan(?:es)?|zolmitriptan(?:es)?|eletriptan(?:es)?|imitrex|maxalt|relpax|nurtec|ubrelvy|inyecciones|topiramato|amitriptilina|gabapentina|propranolol|metoclopramida|benadryl|difenhidramina|antihistaminicos?|antialergicos?|unisom|dramamine|dimenhidrinato|doxilamina|clorfenamina|loratadina|zyrtec|cetirizina)"
# Death personified, as Mexican and Central American Spanish names her.
_ES_DEATH = r"(?:calaca|huesuda|pelona|parca|catrina|muerte|jijurria)"
_ES_PERSON = r"(?:hijo|hija|hijos|nino|nina|esposo|esposa|marido|mujer|pareja|novio|novia|mama|mami|papa|papi|madre|padre|hermano|hermana|amigo|amiga|abuelo|abuela|tio|tia|primo|prima|el|ella)"
RULES_ES: tuple[Rule, ...] = (
    _r("active ideation", "suicide", r"\b(?:suicid\w{0,6}|matarme|me quiero matar|quiero matarme|me voy a matar|voy a matarme|quitarme la vida|me quito la vida|acabar con mi vida|terminar con mi vida|quitarme de en medio)\b", unless=_SUICIDE_AS_TOPIC, lang="es"),
    _r("active ideation", "suicide", r"\b(?:me quiero|quiero|quisiera|ojala|deseo) (?:me )?(?:morir|morirme|estar muerto|estar muerta|desaparecer|no despertar|ya no despertar|dormir y no despertar|dormirme y no despertar)\b|\bganas de (?:morir|morirme|matarme|desaparecer|no despertar|ya no estar)\b", unless=_ES_IDIOM, lang="es"),
    _r("passive ideation", "suicide", r"\b(?:no|ya no) (?:quiero|puedo|aguanto|tengo ganas de|le veo sentido a) (?:seguir )?(?:vivir|viviendo|vivo|existir|la vida|estar aqui|seguir aqui|despertar|seguir adelante|seguir asi|mas)\b|\bno vale la pena (?:vivir|seguir)\b|\bla vida no vale\b|\bno tiene sentido (?:vivir|seguir|nada)\b|\bsin razon para vivir\b|\bestoy cansad[oa] de vivir\b", lang="es"),
    _r("passive ideation", "suicide", r"\b(?:dormir\w{0,4}|acostarme|cerrar los ojos)\b.{0,25}\b(?:no (?:volver a |quiero )?despertar\w{0,2}|ya no despertar\w{0,2}|nunca despertar\w{0,2}|para siempre)\b|\b(?:junte|junto|juntado|juntando|guarde|guardado|guardando|ahorre|ahorrado|tengo) (?:ya )?(?:como |casi |mas de |unas |unos )?(?:\d{2,3}|veinte|treinta|cuarenta|cincuenta|cien) (?:\w+ )?(?:pastillas|pildoras|tabletas|capsulas|somniferos)\b|\b(?:junte|junto|juntado|juntando|guarde|guardado|guardando|ahorre|ahorrado) (?:ya )?(?:como |casi |mas de |unas |unos )?(?:\d{2,3}|veinte|treinta|cuarenta|cincuenta|cien)(?: ?\.| ?$)|\b(?:pastillas|pildoras|tabletas|capsulas|somniferos)\b.{0,80}\btengo (?:ya )?(?:como |casi |mas de |unas |unos )?(?:\d{2,3}|veinte|treinta|cuarenta|cincuenta|cien)(?: ?\.| ?$)|\bno (?:quiero|quisiera) (?:seguir|estar|amanecer|despertar\w{0,2})\b|\b(?:irme|desaparecer) para siempre\b|\bquiero (?:que )?(?:todo )?(?:se acabe|termine|acabe) (?:ya|todo|para siempre)\b", lang="es"),
    _r("passive ideation", "suicide", r"\b(?:no|ya no|sin|ninguna|ningun|para que|cual es la)\b.{0,25}\b(?:razon|razones|motivo|motivos|sentido|ganas|caso)\b.{0,12}\b(?:de |para )?(?:seguir )?(?:viv\w{0,4}|existir|estar aqui|despertar|seguir)\b|\b(?:hart[oa]|cansad[oa]|fastidiad[oa]|aburrid[oa]) de (?:vivir|la vida|existir|estar viv[oa])\b|\b(?:mejor|prefiero|preferiria) (?:ni |no )?(?:existir|estar muert[oa]|morirme|no haber nacido|no despertar)\b|\bojala (?:no |ya no |nunca )?(?:amaneciera|amanezca|despertara|despierte|me muriera|me muera|me atropell\w{0,4}|me lleve|me llevara)\b|\b(?:atropell\w{0,4}|me muriera|me muero|me muera|morirme|no despertara|no despierto|no amanezco|me pasa algo|me pasara algo)\b.{0,40}\bno me (?:importaria|importa|importaria nada|haria nada)\b|\bno me importaria\b.{0,40}\b(?:morir\w{0,2}|atropell\w{0,4}|no despertar|desaparecer)\b|\bme da (?:igual|lo mismo) (?:vivir|morir\w{0,2}|si me muero)\b|\bpara que sigo (?:viviendo|aqui|vivo)\b", lang="es"),
    _r("plan", "suicide", r"\b(?:tengo|ya tengo|compre|consegui|traigo|agarre) (?:la |una |un |mi |el |las |unas )?(?:soga|cuerda|pistola|arma|navaja|cuchilla|veneno)\b|\blo (?:hago|voy a hacer|hare) (?:manana|hoy|esta noche|cuando|el fin|al rato|ahorita)\b|\b(?:si |ya |ahora si )lo voy a hacer\b|\bya lo (?:decidi|pense bien|tengo decidido)\b|\b(?:me subi|estoy|estaba|estuve) (?:a|en|arriba de) (?:la azotea|el techo|el puente|la orilla)\b", lang="es"),
    _r("method seeking", "suicide", r"\b(?:dosis alta|cuant[ao]s?|cuanta|que cantidad|cuantas pastillas)\b.{0,40}\b(?:mata|matan|te mata|es mortal|es letal|morir\w{0,3}|matar\w{0,3})\b|\b(?:mata|matan|es mortal|es letal)\b.{0,30}\b(?:cuant[ao]s?|que cantidad|dosis)\b|\b(?:forma|manera) (?:mas |menos )?(?:facil|rapida|dolorosa|segura|sin dolor) de (?:morir\w{0,2}|matar\w{0,2}|suicidar\w{0,2}|acabar)\b|\b(?:comprar|conseguir) (?:una |un )?(?:pistola|arma)\b.{0,30}\b(?:rapido|hoy|sin papeleo|sin tanto papeleo|ya)\b", personal=False, lang="es"),
    _r("stroke sign", "emergency", r"\barrastr\w{0,4} (?:las )?palabras\b|\b(?:sonrisa|boca) (?:chueca|torcida|caida|de lado)\b|\b(?:no (?:puede|puedo) (?:levantar|mover|sentir) (?:el|la|los|las|mi|su|sus|mis) (?:brazo|pierna|mano|lado|pie))\b|\b(?:se le|se me) (?:durmio|entumio|adormecio|cayo) (?:la mitad|un lado|el brazo|la cara|la pierna|medio)\b|\b(?:habla|hablo|esta hablando) (?:raro|chistoso|arrastrado|mocho|sin sentido|incoherente)\b|\b(?:no (?:le|me) salen las palabras)\b", neuro=True, lang="es"),
    _r("red flag", "emergency", r"\bembarazada\b.{0,120}\b(?:dolor de cabeza|veo (?:luces|lucecitas|puntitos|borroso)|vision borrosa|hinch\w{0,5})\b.{0,120}\b(?:dolor de cabeza|veo (?:luces|lucecitas|puntitos|borroso)|vision borrosa|hinch\w{0,5})\b|\b(?:ojos amarillos|piel amarilla|me duele el lado derecho)\b|\b(?:se comio|se trago|se tomo) (?:unas |unos |las |mis |sus |varias )?(?:pastillas|pildoras|medicinas|tabletas)\b|\b(?:me tome|tome) (?:un monton|muchas|muchos|demasiad[ao]s|un chorro) de\b", lang="es"),
    _r("veiled", "suicide", r"\b(?:estarian|estaria|estarán|vivirian|seria) mejor sin mi\b|\bmejor (?:muert[oa]|si no estuviera|si me muero)\b|\b(?:acabar|terminar) con todo\b|\bya no (?:voy a estar|estare) (?:aqui|mucho tiempo|por mucho)\b|\bnadie me (?:va a )?extra\w{0,6}\b|\bser una carga\b|\b(?:soy|siento que soy|me siento|nomas soy|solo soy) (?:un |una )?(?:carga|estorbo|molestia|problema) (?:para|pa) (?:todos|mi familia|mis hijos|ustedes|mi esposo|mi esposa|mis papas|nadie)\b|\b(?:seria|estaria|fuera) mejor (?:ya )?no (?:estar|existir|vivir|despertar|seguir|haber nacido)(?: \. |$| aqui| ya| mas)|\bdespedirme de (?:todos|mi familia|mis hijos)\b|\b(?:regale|regalando|regalar|regalo) (?:mis|todas mis|todas sus|sus) cosas\b|\bme despedi de\b|\bya no (?:voy a necesitar|necesitare)\b|\b(?:carta|mensaje|nota) de despedida\b|\b(?:me las|las voy a|me las voy a) (?:tomo|tomar|tomare) todas\b|\btomarmelas todas\b|\bguardad[ao]s (?:las|los|mis) (?:pastillas|medicinas|pildoras)\b|\bya no aguanto\b|\bme quiero ir para siempre\b", lang="es"),
    _r("plan", "suicide", rf"\b(?:tengo|compre|consegui|guardo|estoy guardando|he guardado|junte|juntando|ahorrando) (?:una |un |las |los |mis |unas |muchas )?(?:pistola|arma|soga|cuerda|{_ES_DRUG})\b.{{0,60}}\b(?:matarme|morir|acabar|terminar|hoy|esta noche|tomarmelas|todas|usarla)\b|\b(?:tirarme|aventarme|lanzarme) (?:de|del|desde|al|a la|frente)\b|\bahorcarme\b|\bcortarme las venas\b", lang="es"),
    _r("method seeking", "suicide", rf"\bcuant[ao]s? (?:\w+ ){{0,4}}(?:para|se necesitan para|necesito para) (?:morir\w{0,3}|matar\w{0,3}|una sobredosis|no despertar)\b|\b(?:dosis|cantidad) (?:letal|mortal)\b|\b(?:forma|manera) (?:mas )?(?:facil|rapida|sin dolor) de (?:morir|matarme|suicidarme)\b", personal=False, lang="es"),
    _r("self-harm", "self-harm", r"\b(?:me corto|me corte|cortarme|me estoy cortando|me lastimo|me lastime|lastimarme|hacerme dano|me hago dano|me hice dano|me quemo|me queme|me golpeo|autolesion\w{0,4}) ?(?:a proposito|los brazos|las piernas|las munecas|con)?\b", unless=r"^\W*(?:\w+\W+){0,3}?(?:el dedo|un dedo|cocinando|sin querer|por accidente|picando|rasurando|afeitando)\b", lang="es"),
    _r("third party", "suicide", rf"\b(?:mi )?{_ES_PERSON}\b.{{0,50}}\b(?:se quiere (?:matar|morir|suicidar)|quiere (?:matarse|morirse|morir|suicidarse)|dice que se (?:quiere|va a) (?:matar|morir|suicidar)|se (?:esta|está) cortando|se corta|se lastima|se tomo (?:como |casi )?(?:todas|todo el frasco|un frasco|medio frasco|media caja|muchas|una caja|un bote|media botella|una botella)|no respira|no despierta|intento (?:matarse|suicidarse)|habla de (?:morir|matarse|suicid\w{{0,4}}))\b", lang="es"),
    _r("third party", "self-harm", rf"\b{_ES_PERSON}\b.{{0,30}}\b(?:tiene|le vi|le encontre|trae|con) (?:unas |muchas |varias )?(?:cortadas|cortaduras|cortes|rasgunos|quemaduras|marcas|cicatrices)\b.{{0,30}}\b(?:brazos?|piernas?|munecas?|muslos?|panza|estomago)\b", lang="es"),
    _r("overdose", "overdose", rf"\bsobredosis\b|\b(?:me tome|tome|me trague|me tome como|se tomo|tomo) (?:como |unas |unos |mas de |casi )?(?:todas? (?:las|los|mis)|un frasco|una caja|un bote|muchas|muchos|demasiadas|demasiados|\d{{2,3}}|diez|veinte|treinta) ?(?:de )?(?:mis |las |los )?(?:\w+ )?{_ES_DRUG}?\b", unless=_ES_HARMLESS, lang="es"),
    _r("overdose", "overdose", rf"\b{_ES_DRUG}\b.{{0,40}}\b(?:con|y) (?:alcohol|tequila|cerveza|vino|licor|trago|tragos)\b", lang="es"),
    _r("red flag", "emergency", r"\b(?:el )?peor dolor de cabeza de (?:mi|toda mi) vida\b|\bdolor de cabeza (?:muy )?(?:fuerte|horrible|terrible|intenso|insoportable) (?:de repente|de golpe|que empezo de repente)\b|\b(?:de repente|de golpe)\b.{0,40}\bdolor de cabeza\b.{0,20}\b(?:fuerte|horrible|terrible|intenso|insoportable|explot\w{0,4}|peor)\b|\bcomo (?:un )?(?:trueno|golpe|balazo|martillazo)\b", lang="es"),
    _r("red flag", "emergency", r"\b(?:fiebre|calentura|temperatura alta|temperatura)\b.{0,80}\b(?:cuello (?:rigido|tieso|duro)|no (?:puedo|puede) (?:mover|doblar|bajar) el cuello)\b|\b(?:cuello (?:rigido|tieso|duro)|no (?:puedo|puede) (?:mover|doblar|bajar) el cuello)\b.{0,80}\b(?:fiebre|calentura|temperatura)\b|\bdolor de cabeza como (?:nunca|ningun otro|jamas)\b|\b(?:me pegue|me golpee|se pego|se golpeo|me cai|se cayo)\b.{0,100}\b(?:vomit\w{0,4}|confundid[oa]|desmay\w{0,4}|no despierta|somnolient[oa])\b", lang="es"),
    _r("red flag", "emergency", r"\b(?:no puedo|no puede|me cuesta) (?:respirar|tragar)\b|\bdolor (?:en el|de|del) pecho\b|\b(?:me )?duele (?:mucho |bien fuerte |fuerte )?el pecho\b|\bse desmayo\b|\bme desmaye\b|\bconvulsi\w{0,5}|\bse me (?:cierra|esta cerrando) la garganta\b|\b(?:labios|lengua|garganta|cara) (?:hinchad[oa]s?|se (?:me )?(?:hincha|esta hinchando))\b|\bpresion (?:(?:esta |la tengo |tengo )?(?:muy alta|altisima|por las nubes)|(?:de|en|a) (?:1[89]\d|2\d\d))\b", lang="es"),
    # ---- round 3 (Spanish): veiled finality, farewells, rehearsal, relapse --------------
    _r("veiled", "suicide", r"\b(?:ya no|pronto no|pronto ya no|nunca mas) (?:les |te |le |los |las |a nadie )?(?:voy a|vas a|van a) (?:dar|causar|traer|ser|seguir siendo) (?:mas )?(?:problemas?|molestias?|una molestia|un problema|una carga|carga|un estorbo|estorbo|lata|gastos|preocupaciones)\b|\b(?:ya no|pronto no) (?:voy a ser|sere|seguire siendo) (?:\w+ )?(?:problema|molestia|carga|estorbo)\b|\b(?:ya no|no) (?:van|vas|tendran|tendras) (?:a tener )?que (?:preocupar\w{0,4}|cuidarme|lidiar conmigo|aguantarme|soportarme|cargar conmigo)\b|\bmejor (?:si|cuando|sin que) (?:yo )?(?:no estuviera|ya no estuviera|no existiera|desapareciera|me muriera|me muero|ya no estoy|no estoy|me voy)\b|\b(?:estaria|estarian|estarias|vivirian|serian|seria) (?:\w+ )?(?:mejor|mas felices|mas tranquil[oa]s?) (?:sin mi|si yo|si no|cuando yo|sin que yo)\b|\bya no (?:voy a estar|estare|vamos a vernos|nos vamos a ver|me van a ver)\b|\b(?:despues|pasando) (?:de|del) (?:este |el |la )?\w+\b.{0,40}\b(?:nada (?:va a|importara|importa)|ya no (?:voy a estar|estare|importa))\b", unless=r"^\W*(?:en (?:la|el|casa|la ciudad)|disponible|trabajando|de vacaciones|fuera|con (?:mis |tantas |las |estas |tanta )?(?:preguntas|mensajes|llamadas|dudas|lata))\b", lang="es"),
    _r("veiled", "suicide", r"\b(?:ir|irme|me voy a ir|me ire|me voy|nos vamos a despedir) para siempre\b|\b(?:ya no|nunca mas) (?:l[oa]s |te |le |les )?(?:voy a|vas a|van a) (?:molestar|estorbar|fastidiar|preocupar)(?: (?:mas|nunca))?(?: \. |$| a nadie| mas)|\b(?:esta )?es la ultima vez que (?:les |te |le |los )?(?:escribo|hablo|van a saber de mi|me van a ver|me ven)\b|\bcuiden (?:a|de) (?:mis|mi)\b.{0,30}\b(?:por mi|cuando (?:ya )?no (?:este|estoy)|cuando me vaya)\b", unless=r"^\W*(?:con|para|sobre|por (?:la|el|lo|esto|eso|mi|su|mis)|de (?:la ciudad|los angeles|la|el)|del (?:pais|estado|trabajo)|a (?:otr[oa]|\w+ (?:estado|ciudad|pais))|al (?:otro lado|norte|sur|extranjero)|hacia)\b|^.{0,60}\b(?:mudo|mudamos|mudarme|mudanza|expediente|traslad\w{1,4}|cambio de casa)\b", lang="es"),
    _r("preparation", "suicide", r"\bgracias por todo\b.{0,80}\b(?:perdon(?:ame|enme|eme|en)\b|perdon por todo|adios para siempre|lo siento mucho|cuiden (?:a|de)|no es (?:su|tu) culpa|no fue (?:su|tu) culpa|ya no me (?:van a )?ver\w{0,2}|ultima vez|hicieron todo lo)\b|\b(?:perdon(?:ame|enme|eme)|perdon por todo|adios para siempre)\b.{0,80}\bgracias por todo\b|\besto es una despedida\b|\badios para siempre\b|\b(?:usted|ustedes|tu) (?:fue|fueron|fuiste|ha sido|han sido|siempre fue|siempre fueron) (?:(?:muy|tan|siempre|bien) ){0,2}(?:buen[oa]s?|amables?|lindas?|lindos|pacientes?|bonitas?) (?:conmigo|con migo)\b.{0,60}\b(?:adios|hasta nunca|cuidense|cuidate|me despido|perdon\w{0,4})\b|\b(?:diganle|dile|digan|diles|diganles) a (?:mi|mis) \w+ (?:que|q|k) (?:l[oa]s? (?:quiero|amo)|lo siento|perdon)\b", unless=r"^\W*(?:nos vemos|hasta (?:la proxima|luego|pronto|el)|la proxima)\b", lang="es"),
    _r("plan", "suicide", r"\b(?:ensay\w{0,4}|practi\w{0,5}|simul\w{0,4}) (?:como|lo que|el momento|la manera|la forma|con la|con el)\b.{0,40}\b(?:haria|hare|voy a hacer|iba a hacer|hacerlo|lo hago|cuerda|soga|cinturon|pastillas|navaja)\b|\b(?:cuerda|soga|cinturon|lazo|cable)\b.{0,30}\b(?:en el cuello|alrededor del cuello|al cuello|en la viga|del techo|del closet|en el closet)\b|\b(?:me puse|me amarre|me ate|me enrede) (?:la|el|una|un) (?:cuerda|soga|cinturon|lazo|cable)\b|\b(?:ya se|se) (?:exactamente )?(?:como|cuando|donde) (?:lo voy a hacer|lo haria|lo hare|hacerlo)\b|\b(?:escogi|elegi|ya tengo|puse) (?:el|la) (?:dia|fecha)\b|\b(?:escogi|elegi|ya tengo|decidi|ya se) (?:el|la) (?:lugar|sitio|hora)\b (?:y|con) (?:el|la) (?:dia|fecha|hora)\b", unless=r"^\W*(?:de la cita|para la cita|para mi cita|de mi cita|para el tratamiento|de la boda|de la fiesta|del viaje|para la fiesta|para el viaje)", lang="es"),
    _r("self-harm", "self-harm", r"\b(?:reca\w{1,4})\b.{0,50}\b(?:cort\w{1,5}|cuchilla|navaja|brazos|piernas|cicatrices|autolesi\w{0,4}|lastim\w{1,5})\b|\b(?:cort\w{1,5}|cuchilla|navaja|autolesi\w{0,4})\b.{0,50}\b(?:reca\w{1,4}|otra vez|de nuevo|volvi)\b|\bvolvi a (?:cortarme|lastimarme|hacerme dano|agarrar la (?:navaja|cuchilla))\b", unless=r"^\W*(?:el pelo|las unas|cocinando|sin querer)", lang="es"),
    _r("red flag", "emergency", r"\b(?:mandibula|quijada)\b.{0,40}\b(?:mastic\w{1,4}|comer|como)\b.{0,150}\b(?:vista|veo|vision|sien|sienes|cabeza|cuero cabelludo)\b|\b(?:vista|veo|vision|sien|sienes|cuero cabelludo)\b.{0,150}\b(?:mandibula|quijada)\b.{0,40}\b(?:mastic\w{1,4}|comer)\b", lang="es"),
    _r("red flag", "emergency", r"\b(?:labios|cara|piel|boca|unas|se puso|se esta poniendo|se ve|esta|se me puso|se le puso)\b.{0,20}\b(?:morad(?:it)?[oa]s?|azul(?:es)?|azulad[oa]s?|gris(?:es)?|grisace[oa]s?)\b|\b(?:no (?:para|deja) de sangrar|sigue sangrando|sangra (?:mucho|sin parar)|sangre por todos lados)\b", unless=r"^\W*(?:de (?:coraje|risa|enojo|verguenza|pena|tanto (?:llorar|reir|gritar|toser))|el pelo|la ropa|la camisa|de frio|(?:cuando|si) (?:hace|tengo|hay) frio|(?:con|por|en) el frio)", lang="es"),
    _r("reaction", "emergency", r"\b(?:despues|desde) (?:de )?(?:la |el |mi |su )?(?:infusion|suero|iv|tratamiento|sesion|inyeccion|ketamina|medicina nueva|medicamento nuevo)\b.{0,150}\b(?:silb\w{1,5}|(?:me|le) falta el aire|pecho apretado|no (?:me|le) entra (?:el )?aire|no (?:puedo|puede) respirar|me cuesta respirar|le cuesta respirar|garganta (?:cerrada|hinchada|apretada|se (?:me |le )?cierra)|ronchas|urticaria|comezon|picazon)\b|\b(?:ronchas|urticaria|comezon|picazon)\b.{0,80}\b(?:vomit\w{1,4}|no (?:puedo|puede) respirar|me cuesta respirar|mare\w{1,4}|garganta|hinch\w{1,5})\b", lang="es"),
    _r("overdose", "overdose", rf"\b(?:me tome|tome|me puse|me inyecte|use|me meti|se tomo|se puso|se inyecto|tomo)\b.{{0,30}}\b{_ES_DRUG}\b.{{0,80}}\b(?:pecho|no (?:puedo|puede) respirar|me cuesta respirar|le cuesta respirar|mare\w{{1,4}}|desmay\w{{1,4}}|confundid[oa]|corazon|palpitaciones|vomit\w{{1,5}}|quijada|mandibula|temblores|convuls\w{{1,5}}|no despierta|muy dormid[oa]|amarill[oa]s?)\b", lang="es"),
    _r("plan", "suicide", r"\b(?:soga|cuerda|pistola|arma|pastillas|navaja|cuchilla|veneno|cinturon)\b.{0,15}\b(?:lista|listo|listas|listos|preparad[oa]s?|cargad[oa])\b|\b(?:toco|tocaron|llego|llegaron|entro|entraron|me encontro|me encontraron|me detuvo|me paro|me agarro|sono el telefono|me llamo|me hablo|desperto)\b.{0,40}\b(?:y|entonces|asi que|por eso) (?:ya )?no (?:lo hice|pude hacerlo|lo pude hacer|lo termine|lo hice al final|me atrevi)\b|\b(?:tirar|aventar|lanzar)(?:me|se|te)? (?:de|del|desde|frente a|por) (?:la |el |un |una |los |las )?(?:\w+ )?(?:techo|azotea|puente|edificio|ventana|balcon|tren|carro|camion|metro|piso|barranco|acantilado|freeway|carretera|estacionamiento)\b|\b(?:me|se|te) (?:voy|va|vas|quiere|quiero|iba|fue) a (?:aventar|tirar|lanzar|colgar|ahorcar)\b.{0,20}\b(?:de|del|desde|frente|por|ahorita|hoy|ya)\b|\b(?:morir\w{0,2}|desaparecer|no despertar|ya no estar|dejar de existir)\b.{0,6}\b(?:eso|es lo que) (?:es lo que )?(?:quiero|deseo)\b", lang="es"),
    _r("preparation", "suicide", r"\b(?:contrasena|contrasenas|claves|papeles|seguro de vida|testamento|cuentas del banco|cuentas)\b.{0,80}\b(?:x si algo|por si algo|por si me pasa|cuando (?:ya )?no (?:este|estoy)|para cuando ya no|seguro de vida|testamento)\b|\b(?:x|por) si algo\b.{0,40}\b(?:contrasena|seguro de vida|testamento|papeles|cuentas)\b", lang="es"),
    _r("reaction", "emergency", r"\b(?:despues|desde) (?:de )?(?:la |el |mi |su )?(?:infusion|suero|iv|tratamiento|sesion|inyeccion|ketamina)\b.{0,120}\b(?:muy confundid[oa]|no reconoce|no responde|no despierta|desmay\w{1,4}|convuls\w{1,5}|no puede hablar|no (?:puede|puedo) mover)\b|\b(?:cuello|ojos|quijada|mandibula|lengua)\b.{0,30}\b(?:torc\w{1,4}|volte\w{1,4}|trab\w{1,4}|ties[oa]|van (?:pa|para) arriba|quedan (?:pa|para) arriba|se me van|se le van)\b.{0,150}\b(?:metoclopramida|reglan|compazine|proclorperazina|inyeccion|urgencias|suero|medicina|shot)\b|\b(?:metoclopramida|reglan|compazine|proclorperazina|inyeccion|urgencias|suero|medicina nueva)\b.{0,150}\b(?:cuello|ojos|quijada|mandibula|lengua)\b.{0,30}\b(?:torc\w{1,4}|volte\w{1,4}|trab\w{1,4}|ties[oa]|van (?:pa|para) arriba|se me van|se le van)\b|\bojos (?:se me|se le) (?:van|voltean|quedan) (?:pa|para) (?:arriba|atras)\b|\b(?:se me|se le) (?:van|voltean|quedan|suben) los ojos (?:pa|para) (?:arriba|atras)\b", lang="es"),
    _r("passive ideation", "suicide", r"\b(?:le )?(?:pido|pedi|rezo|ruego|le ruego) a dios (?:que )?(?:ya )?(?:me )?(?:recoja|lleve|llame|quite la vida|deje morir)\b|\bdios (?:que )?(?:ya )?me (?:recoja|lleve|llame)\b|\b(?:quisiera|quiero|ojala|me gustaria) (?:ya )?irme con (?:mi|mis|el|la) \w+\b|\bya no le (?:hallo|encuentro|veo) (?:el )?(?:gusto|sentido|chiste) a (?:nada|la vida|vivir)\b|\b(?:quedarme|dormirme|dormir) (?:dormid[oa] )?para siempre\b|\bya (?:vivi|he vivido) lo que (?:tenia|tengo) que vivir\b|\b(?:sentido|razon|motivo) (?:a|de|en) (?:la vida|vivir|seguir viviendo)\b", lang="es"),
    _r("active ideation", "suicide", r"\bpensamientos (?:suicidas|de muerte|de matarme|de morirme|de quitarme la vida)\b.{0,60}\b(?:los|las) (?:traigo|tengo|siento|he tenido|estoy teniendo|ando trayendo)\b|\b(?:los|las) (?:traigo|tengo|ando trayendo) (?:bien |muy )?(?:fuertes|seguido|todos los dias|a diario)\b", personal=False, unless=r"^\W*(?:controlad\w{1,2}|bajo control|ya no|mejor|menos|muy poco|casi nunca|de vez en cuando)", lang="es"),
    _r("preparation", "suicide", r"\b(?:escribi|ya escribi|deje|ya deje|hice|estoy escribiendo) (?:las |unas |mis |una |la )?cartas? (?:para|a) (?:mis|mi) (?:hijos|hijas|hijo|hija|familia|esposo|esposa|mama|papa|nietos)\b", lang="es"),
    _r("method seeking", "suicide", r"\b(?:que tan alto|que altura|cuantos pisos|cuanto tarda|cuanto tiempo tarda|en cuanto tiempo|que tan rapido)\b.{0,60}\b(?:puente|edificio|piso|azotea|techo|veneno|raticida|pastillas|soga|no sobreviv\w{1,4}|morir\w{0,3}|matar\w{0,3}|efecto a una persona|en una persona|hacerle efecto)\b|\b(?:veneno|raticida|cloro|anticongelante)\b.{0,40}\b(?:una persona|un humano|alguien|hacer efecto|matar|morir)\b|\bseguro (?:que|de que) no (?:sobreviv\w{1,4}|despiert\w{1,4})\b", personal=False, lang="es"),
    _r("stroke sign", "emergency", r"\b(?:la )?cara (?:caida|chueca|torcida|colgada|se me cayo|se le cayo)\b|\bse me (?:cayo|esta cayendo|torcio) (?:la cara|un lado de la cara|la boca)\b|\bno (?:puedo|puede) (?:hablar|mover (?:el|la|mi) (?:brazo|pierna|mano|lado)|levantar el brazo|ver de un ojo|caminar)\b|\b(?:se me )?(?:durmio|entumio|adormecio) (?:todo )?(?:un lado|la mitad|el lado|medio cuerpo|la cara|el brazo)\b|\bveo doble\b|\b(?:hablo|habla|habla) (?:raro|arrastrando|enredado|trabado)\b|\blengua trabada\b|\bperdi la vista\b|\bno veo (?:nada|de un ojo)\b", neuro=True, unless=_ES_AVAILABILITY, lang="es"),
    # ---- round 4 (Spanish): slang, hurting oneself "algo", a question about not waking --------
    _r("active ideation", "suicide", r"\bdesvivir\w{0,4}\b|\b(?:ideas|pensamientos|ganas) de (?:hacerme algo|hacerme dano|quitarme|irme de este mundo)\b", lang="es"),
    _r("passive ideation", "suicide", r"\b(?:que|q|k) sentido tiene (?:vivir|seguir|la vida|estar viv[oa])\b|\bsi (?:un dia |algun dia |manana )?(?:de estos )?(?:ya )?no (?:despierto|amanezco|me despierto)\b.{0,20}\b(?:mejor|que bueno|ojala|ni modo|no importa)\b", lang="es"),
    # a parent who wants to join the dead, no longer eats or takes the medicine
    _r("third party", "suicide", r"\b(?:dice|dijo|anda diciendo|repite|nomas dice|solo dice) que (?:ya )?(?:mejor se muere|se quiere morir|quiere irse con|ya no sirve (?:pa|para) nada|es un estorbo|solo es un estorbo)\b|\b(?:quiere|quisiera) (?:ya )?irse con (?:mi|su|el|la) (?:papa|mama|esposo|esposa|marido|hijo|hija|abuelo|abuela|difunt[oa])\b|\bya no (?:quiere|quiso) (?:comer|tomar\w{0,2} (?:sus|la|las) (?:medicinas|pastillas|medicina))\b.{0,80}\b(?:irse con|morir|se muere|estorbo|no sirve)\b|\b(?:irse con|morir|se muere|estorbo|no sirve)\b.{0,80}\bya no (?:quiere|quiso) (?:comer|tomar)", lang="es"),
    # how many are deadly; the whole box asked about
    _r("method seeking", "suicide", r"\bcuant[ao]s? (?:\w+ ){0,4}(?:son|serian|seria|es) (?:mortal(?:es)?|letal(?:es)?)\b|\bsi me tomo (?:toda la caja|todo el frasco|todas|todo el bote|la caja entera|el frasco entero)\b.{0,40}\b(?:me muero|muero|moriria|me mata|no despierto)\b|\bse puede (?:uno )?morir (?:con|de|si)\b.{0,60}\b(?:cuanto seria|cuantas serian|si me (?:inyecto|tomo|pongo|meto) mas)\b", personal=False, lang="es"),
    _r("plan", "suicide", r"\bya tengo (?:el|un|mi) plan\b", unless=r"^\W*(?:de (?:pago|pagos|seguro|salud|tratamiento|medicare|medi cal|comidas?|ejercicio)|del seguro|para (?:la|el|mi) (?:cita|tratamiento|viaje))", lang="es"),
    # ---- round 5 (Spanish) ----------------------------------------------------------
    _r("passive ideation", "suicide", r"\b(?:pid\w{1,5}|rez\w{1,4}|rueg\w{1,4}|suplic\w{1,4}|orando|oro)\b.{0,50}\b(?:dios|diosito|senor|virgen|virgencita)\b.{0,30}\b(?:me|ya me) (?:lleve|llevara|recoja|recogiera|llame|llamara|quite|quitara)\b|\b(?:que|para que) (?:dios|diosito|el senor|la virgen) (?:ya )?me (?:lleve|llevara|recoja|recogiera|llame|llamara)\b", lang="es"),
    _r("method seeking", "suicide", r"\b(?:de |desde )?(?:que|cual) (?:piso|altura|pisos)\b.{0,60}\b(?:no (?:se )?sobreviv\w{1,4}|ya no (?:se )?sobreviv\w{1,4}|mata|te mata|es mortal|no la cuentas|no sales)\b|\b(?:puentes?|edificios?|estacionamientos?)\b.{0,40}\b(?:sin|no tienen?|no hay) (?:\w+ )?(?:redes?|rejas?|barandal\w{0,2}|cercas?|mallas?|proteccion)\b", personal=False, lang="es"),
    _r("self-harm", "self-harm", r"\b(?:me |se )?(?:di|pegue|golpee|dio|pego|golpeo|estrelle|estrello|azote|azoto|daba|pegaba)\b (?:\w+ ){0,2}(?:la cabeza|cabezazos|de topes)\b.{0,30}\b(?:contra|en) (?:la |el )?(?:pared|piso|puerta|mesa|suelo)\b.{0,80}\b(?:abri\w{0,2}|sangr\w{1,4}|parti\w{0,2}|raje|rajo|herida|puntadas|sangre)\b", lang="es"),
    _r("method seeking", "suicide", r"\b(?:toda la caja|la caja entera|todo el frasco|el frasco entero|todo el bote|todas las pastillas|todas mis pastillas)\b.{0,80}\b(?:es rapido|rapido|duele|sin dolor|cuanto tarda|me despierto|despertaria)\b", personal=False, lang="es"),
    # round 5's train third, read by kind
    _r("overdose", "overdose", r"\b(?:me (?:las |los )?tome|me (?:las |los )?trague|ya me (?:las |los )?tome) (?:todas|todos)\b", unless=r"^\W*(?:mis|las|los|hoy|a tiempo|con|en la|como|de la|del|bien|juntas|completas)\b", lang="es"),
    _r("active ideation", "suicide", r"\b(?:meterme|aventarme|tirarme|echarme|estrellarme|atravesarme|cruzarme)\b (?:\w+ ){0,2}(?:debajo de|abajo de|bajo|contra|enfrente de|frente a|delante de) (?:un|una|el|la) (?:trailer|camion|troca|carro|tren|metro|bus|autobus|poste|muro|pared|arbol)\b|\b(?:estrellar|chocar|voltear) (?:el|mi) (?:carro|coche|troca) (?:a proposito|adrede|contra (?:un|una|el|la) (?:poste|muro|pared|arbol|trailer|camion))\b", lang="es"),
    _r("method seeking", "suicide", r"\b(?:dosis|cantidad|cuant[ao]s?|que tanto)\b.{0,40}\b(?:sea|es|seria|sean|son|serian|resulte) (?:fatal(?:es)?|mortal(?:es)?|letal(?:es)?)\b|\b(?:que tan rapido|cuanto tarda|en cuanto tiempo|cuanto tiempo tarda)\b.{0,30}\b(?:anticongelante|veneno|raticida|cloro|insecticida|matarratas)\b|\b(?:anticongelante|raticida|matarratas|insecticida)\b.{0,30}\bhac\w{1,3} efecto\b", personal=False, lang="es"),
    _r("method seeking", "suicide", r"\b(?:si (?:uno|alguien|me|se) (?:se )?(?:toma|tomo|tomara|traga)) (?:todas|todos|un frasco|una caja|un bote|muchas) (?:las |los |de las |de los )?(?:de dormir|para dormir|pastillas|pildoras)\b.{0,60}\b(?:se muere|muere|me muero|no despierta|no despierto|sin sentir|sin dolor)\b", personal=False, lang="es"),
    _r("veiled", "suicide", r"\b(?:pienso|pensando|siento|creo) (?:que|q|en) (?:mejor )?(?:ya )?no (?:estar|existir|vivir|despertar|seguir)\b|\bmejor ya no (?:estar|existir|vivir|despertar|seguir)\b", lang="es"),
    _r("self-harm", "self-harm", r"\b(?:quem\w{1,6}) con (?:el |un |una )?(?:encendedor|cerillo|cerillos|cigarro|cigarros)\b|\bme estoy (?:cortando|golpeando|lastimando) (?:a proposito|pa|para|con)\b", lang="es"),
    # ---- round 6 (Spanish) ----------------------------------------------------------
    # death personified (la calaca, la huesuda, la pelona, la parca) wished to come for me
    _r("passive ideation", "suicide", rf"\b(?:que|ojala|a ver si|nomas que|mejor que)\b(?: \w+){{0,2}} (?:ya )?(?:me|por mi) (?:lleve|llevara|recoja|recogiera|venga|viniera|cargue|cargara)\b(?: \w+){{0,2}} (?:la )?{_ES_DEATH}\b|\b(?:la )?{_ES_DEATH} (?:que |ya )?(?:me lleve|me llevara|venga por mi|viniera por mi|me recoja|me recogiera)\b|\b(?:que|ojala) (?:ya )?(?:venga|llegue|viniera|llegara) (?:la )?{_ES_DEATH}\b", lang="es"),
    # how many of a drug are "too many" for the heart to stop
    _r("method seeking", "suicide", r"\bcuant[ao]s? (?:\w+ ){0,3}(?:son|serian|seria|es) (?:demasiad[oa]s?|muchos|muchas|suficientes?|bastantes?)\b.{0,40}\b(?:para|pa) (?:que|q) (?:el corazon se (?:pare|detenga)|se (?:me |le )?pare el corazon|(?:me |se )?muer[ae]|no (?:despierte|amanezca)|(?:me |te |lo |la )?mate)\b|\b(?:para|pa) (?:que|q) (?:el corazon se (?:pare|detenga)|se (?:me |le )?pare el corazon)\b", personal=False, lang="es"),
    # all of the pills to end everything: "si me las tomaba todas ya se acababa todo"
    _r("plan", "suicide", r"\b(?:tomarme|tragarme|tomarmelas|tragarmelas|me (?:las |los )?(?:tomo|tomaba|tomara|tomaria|tome|trago|tragaba|tragara|tragaria))\b(?: \w+){0,2} (?:todas|todos|toda la caja|todo el frasco|el frasco entero|la caja entera)\b.{0,60}\b(?:se acab\w{1,4} todo|acabar con todo|terminar con todo|se termin\w{1,4} todo|(?:ya )?no despert\w{1,3}|morirme|me muera|dejar de sufrir|descansar para siempre|dormir para siempre)\b", lang="es"),
    # farewells sent to everyone at once
    _r("preparation", "suicide", r"\b(?:a|de|con) (?:todos|todo el mundo|toda mi familia|mi familia|mis amigos|mis hijos)\b(?: \w+){0,2} despidiendome\b|\b(?:despidiendome|despedirme|me despedi|me estoy despidiendo) (?:de )?(?:todos|todo el mundo|toda mi familia|mis amigos)\b|\b(?:mande|escribi|deje|grabe) (?:\w+ )?(?:mensajes?|cartas?|textos?|audios?|videos?|notas?) (?:a|para) (?:todos|toda mi familia|mi familia|mis hijos|mis amigos)\b.{0,40}\b(?:despid\w{1,6}|adios|perdon\w{0,5})\b", unless=r"^\W*(?:porque|xq|ya que|antes de) (?:me (?:mudo|voy de viaje|cambio)|nos mudamos)", lang="es"),
    # weapons given away, and the children entrusted to someone
    _r("preparation", "suicide", r"\b(?:regal\w{1,4}|repart\w{1,5}|dio|deje|dejo) (?:\w+ ){0,3}(?:armas|pistolas|rifles|escopetas|cosas|coleccion)\b.{0,80}\bcuid\w{1,4} (?:a |de )?(?:mis|sus) (?:hijos|hijas|ninos|nietos|hij[oa])\b", lang="es"),
    _r("preparation", "suicide", r"\b(?:regale|regalando|regalo|regalar|repartio|reparti|repartiendo) (?:\w+ ){0,3}(?:armas|pistolas|rifles|escopetas)\b", strong=False, unless=r"^(?:\W*\w+){0,8} (?:para que (?:me )?(?:las|los) (?:guarde|guarden|tenga|tengan|cuide|cuiden)|por (?:seguridad|los ninos|mis hijos))\b", lang="es"),
    # ---- round 7 (Spanish) ----------------------------------------------------------
    # a stroke or heart attack named, unless it is the word asked about ("how do I
    # tell a migraine from a stroke?")
    _r("red flag", "emergency", r"\b(?:derrame|embolia|infarto|ataque al corazon)\b", unless=r"^\W*(?:\w+\W+){0,5}?(?:diferenci\w*|distin\w+|confund\w+|se parec\w+|parecid\w+|o (?:una |un |la |el )?(?:migrana|jaqueca|aura|dolor))\b", lang="es"),
    # a means asked about as a gentle way to go: "se va tranquilo", "sin sentir"
    _r("method seeking", "suicide", rf"\b(?:{_ES_DRUG}|de dormir|para dormir|gas|carbon|monoxido|soga|veneno)\b.{{0,50}}\b(?:uno|una persona|alguien|me|se|te) (?:va|voy|iria|muere|muero|moriria|duerme|duermo|queda|quedo) (?:\w+ )?(?:tranquil[oa]|en paz|sin (?:dolor|sufrir|sentir nada|darse cuenta)|dormid[oa] para siempre)\b|\b(?:se va|se muere|te vas|te mueres|me iria|me moriria) (?:\w+ )?(?:tranquil[oa]|en paz|sin (?:dolor|sufrir|sentir nada))\b.{{0,50}}\b(?:{_ES_DRUG}|de dormir|para dormir|gas|soga|veneno)\b", personal=False, lang="es"),
    # the whole bottle or box, and never waking
    _r("active ideation", "suicide", rf"\b(?:todo el (?:frasco|bote|paquete)|toda la (?:caja|botella)|el (?:frasco|bote) entero|la (?:caja|botella) entera|todas (?:las|mis) {_ES_DRUG})\b.{{0,80}}\b(?:(?:y|para|a ver si|pa) (?:ya )?(?:no|nunca|jamas) (?:volver a |vuelvo a )?(?:despert\w{{0,4}}|despiert\w{{1,3}}|amanec\w{{1,4}}|amanezc\w{{1,2}}))\b", lang="es"),
    # the day has come, no way back
    _r("plan", "suicide", r"\b(?:hoy es el dia|hoy es|llego el dia|ya llego la hora|ya es hora|esta noche es|es hoy)\b.{0,60}\bno hay (?:vuelta atras|marcha atras|retorno|regreso)\b|\bno hay (?:vuelta atras|marcha atras)\b.{0,40}\b(?:hoy es|es hoy|llego el dia|esta noche|hoy lo hago|lo voy a hacer)\b", lang="es"),
    # all planned for a day: a day named, and nothing of the clinic beside it
    _r("plan", "suicide", r"\b(?:tengo|ya tengo|esta|ya esta|tengo ya|dejo) todo (?:planeado|planead[oa]|listo|preparado|decidido|arreglado) (?:para|pa) (?:este|el|esta|hoy|manana|el proximo) ?(?:fin de semana|finde|sabado|domingo|lunes|martes|miercoles|jueves|viernes|noche|dia)?\b", unless=r"^\W*(?:\w+\W+){0,4}?(?:cita|infusion|tratamiento|consulta|viaje|fiesta|boda|cumple\w{0,5}|mudanza|vacaciones|trabajo|visita|examen|estudio|cirugia|procedimiento|ketamina)\b", lang="es"),
    # debts settled, then leaving: a decision told as made
    _r("preparation", "suicide", r"\b(?:pag\w{1,4}|liquid\w{1,4}|arregl\w{1,4}|dej\w{1,4}) (?:todo )?(?:lo que debo|mis deudas|todas mis deudas|todo pagado|todo arreglado|todo en orden|mis cuentas)\b.{0,60}\b(?:me voy|me ire|me despido|ya no (?:estare|voy a estar)|adios|desaparezco)\b|\b(?:me voy|me ire|irme)\b.{0,40}\b(?:ya (?:esta|lo tengo|lo tengo todo)|esta todo|lo tengo) (?:bien )?(?:pensado|decidido|planeado)\b", lang="es"),
    # pills gathered bit by bit, or someone else's, kept for "when I need them"
    _r("preparation", "suicide", rf"\b(?:junt\w{{1,5}}|guard\w{{1,5}}|ahorr\w{{1,5}}|acumul\w{{1,5}}|escond\w{{1,5}}|agarr\w{{1,5}}|rob\w{{1,5}}) (?:\w+ ){{0,2}}{_ES_DRUG}\b.{{0,60}}\b(?:poco a poco|a escondidas|sin que (?:nadie )?se de cuenta|(?:pa|para) cuando (?:lo|las|los) necesite|por si (?:un dia|algun dia)|de (?:mi|su) (?:tia|tio|mama|papa|abuela|abuelo|esposo|esposa|hermana|hermano|suegra|suegro|prima|primo))\b", unless=r"^\W*(?:\w+\W+){0,6}?(?:migrana|dolor|jaqueca|ataque|crisis|cita|receta|farmacia|viaje|vacaciones|seguro)\b", lang="es"),
    # an attempt before, and a plan now
    _r("plan", "suicide", r"\b(?:ya )?(?:lo|me) (?:intente|he intentado|trate|intente matar|intente quitar)\b.{0,80}\b(?:(?:tengo|ya tengo|hay) (?:un|el|mi) plan|no (?:voy a )?fall\w{1,3}|va en serio|ahora si (?:lo hago|va))\b", unless=r"^\W*(?:\w+\W+){0,5}?(?:cita|infusion|tratamiento|consulta|seguro|pago|migrana|dieta|ejercicio)\b", lang="es"),
    # thunderclap: the worst pain, or the head bursting, that came at once
    _r("red flag", "emergency", r"\b(?:de golpe|de repente|de un jalon|en un (?:segundo|instante|momento)|en segundos|subitamente|en (?:un|1) minuto)\b.{0,80}\b(?:peor dolor|(?:me )?explot\w{1,3} (?:la cabeza|algo)|nunca me (?:habia|ha) dolido (?:asi|tanto)|como nunca)\b|\b(?:peor dolor|(?:me )?explot\w{1,3} la cabeza|nunca me (?:habia|ha) dolido (?:asi|tanto))\b.{0,80}\b(?:de golpe|de repente|en un (?:segundo|instante)|en segundos|empezo (?:asi|de golpe|de repente))\b", lang="es"),
    # a limb that falls or stays dead, told as new (not the usual aura)
    _r("stroke sign", "emergency", r"\bse me (?:cae|cayo|va) (?:la pierna|el brazo|la mano|el pie)\b|\b(?:la pierna|el brazo|la mano|el lado|medio cuerpo)\b.{0,20}\b(?:no (?:la |lo |me )?(?:puedo mover|responde|se mueve)|sin fuerza|muert[oa]|como muert[oa])\b.{0,30}\b(?:hace|desde hace|por|ya van|lleva) (?:\w+ )?horas?\b|\b(?:hace|desde hace|ya van|llevo) (?:\w+ )?horas?\b.{0,40}\b(?:no (?:puedo|puede) mover (?:la|el|mi) (?:pierna|brazo|mano|lado))\b", neuro=True, lang="es"),
    # cuts deep enough for stitches
    _r("self-harm", "self-harm", r"\b(?:me corte|me hice|cortes?|cortadas?|cortaduras?|herida)\b.{0,40}\b(?:muy |bien |demasiado )?(?:profund\w{1,3}|hond\w{1,3})\b|\b(?:me corte|cortes?|cortadas?|cortaduras?|herida)\b.{0,60}\b(?:necesit\w{1,4}|ocup\w{1,4}|ocupa|lleva\w{0,2}|pide\w{0,2}) (?:unos |unas )?(?:puntos|puntadas|sutura\w{0,2})\b", unless=r"^\W*(?:\w+\W+){0,4}?(?:cocinando|sin querer|por accidente|cirugia|operacion|picando|vidrio|lata)\b", lang="es"),
    # a headache with spots or blurred sight in the weeks after a birth
    _r("red flag", "emergency", r"\b(?:di a luz|dio a luz|tuve (?:a )?(?:mi |el )?bebe|tuvo (?:a )?(?:su |el )?bebe|parto|posparto|postparto|cesarea|recien parida)\b.{0,120}\b(?:dolor de cabeza|me duele (?:mucho )?la cabeza|veo (?:como )?(?:manchas|luces|lucecitas|puntitos|borroso|estrellitas)|vision borrosa)\b.{0,120}\b(?:no se (?:me )?quita|veo (?:como )?(?:manchas|luces|lucecitas|puntitos|borroso|estrellitas)|vision borrosa|hinch\w{0,5}|presion)\b", lang="es"),
    # a fall from a height asked about as survivable or not
    _r("method seeking", "suicide", r"\b(?:avient\w{1,4}|avent\w{1,5}|tir\w{1,5}|lanz\w{1,5}|cae|cayera|cae uno)\b (?:de|del|desde) (?:un |una |el |la )?(?:\w+ )?(?:piso|pisos|puente|edificio|techo|azotea|balcon|ventana)\b.{0,40}\b(?:se salva|sobrevive\w{0,2}|se muere|te mueres|la cuenta\w?|te mata|lo mata|es seguro que)\b", personal=False, lang="es"),
    # a count of pills far past a dose, asked about as what it would do
    _r("method seeking", "suicide", rf"\b(?:uno|alguien|me|se|te)\b (?:se )?(?:toma|tomo|tomara|tomas|traga|tragara)\b (?:unas |unos |como |mas de )?(?:[2-9]\d|\d{{3}}|veinte|treinta|cuarenta|cincuenta|cien) (?:de las|de los|de esas|de esos|{_ES_DRUG})\b", personal=False, lang="es"),
    # bleeding out; cutting the wrists
    _r("active ideation", "suicide", r"\bdesangr\w{1,6}\b|\bcort\w{1,6} (?:las |mis |la |su |sus )?(?:venas|munecas)\b", lang="es"),
    # ---- round 8 (Spanish) ----------------------------------------------------------
    # an end-point the writer sets for themselves: "after tonight" with something
    # "no longer" needed or happening, in either order (a clitic may sit between:
    # "ya no la voy a necesitar")
    _r("veiled", "suicide", r"\bdespues de (?:esta noche|hoy|manana|este (?:fin|finde|viernes|sabado|domingo))\b.{0,60}\bya no (?:(?:l[oa]s?|me|te|les?|nos) )?(?:(?:voy|va|van|vas) a (?:necesitar\w{0,2}|estar|ser|molestar|dar|causar|existir|seguir)|necesit\w{1,4}|estare|hara falta|importa)\b|\bya no (?:(?:l[oa]s?|me|te|les?|nos) )?(?:(?:voy|va|van|vas) a (?:necesitar\w{0,2}|estar|ser|molestar|dar|causar|existir|seguir)|necesit\w{1,4}|estare|hara falta|importa)\b.{0,60}\bdespues de (?:esta noche|hoy|manana|este (?:fin|finde|viernes|sabado|domingo))\b|\bya no (?:l[oa]s?|les?|te) (?:voy a necesitar|necesitare)\b", unless=r"^\W*(?:en (?:la|el|casa|mi|su)|disponible|trabajando|de vacaciones|fuera|aqui en|por aqui|en esta|en este)\b", lang="es"),
    # "ending this" set before a day or an appointment: a deadline for the act
    _r("plan", "suicide", r"\b(?:acabar|terminar|acabarlo|terminarlo|ponerle fin|poner fin)(?: (?:con|a))? (?:esto|todo esto|todo) (?:(?:ya|ahora|pues|mejor|y) )?(?:antes (?:de|del)|esta noche|hoy mismo|de una vez|para siempre)\b|\b(?:antes (?:de|del) (?:\w+ ){1,3}|esta noche )(?:voy a |quiero |pienso )?(?:acabar|terminar|acabarlo|terminarlo|ponerle fin|poner fin)(?: (?:con|a))? (?:esto|todo esto|todo)\b", unless=r"^\W*(?:de|del)\b|^(?:\W*\w+){0,4}?\W*(?:papeles|formularios?|tramites?|pagos?|tarea|proyecto)\b", lang="es"),
    # going on living asked what for, or refused
    _r("passive ideation", "suicide", r"\b(?:para (?:que|q)|por (?:que|q)|de (?:que|q) sirve|ya no (?:quiero|puedo)|no (?:quiero|puedo)|sin ganas de|cansad[oa] de|hart[oa] de)(?: \w+)?(?: (?:yo|ya|mas))? (?:seguir|sigo|continuar|continuo) (?:viviendo|existiendo|con vida|vivo|aqui|en este mundo)\b", lang="es"),
    # voices heard, told with a newborn or a command: someone else's, or the writer's
    _r("third party", "suicide", r"\b(?:oye|escucha|oigo|escucho|oyendo|escuchando|oia|escuchaba) (?:\w+ )?(?:una |unas |la |las )?(?:voz|voces)\b.{0,150}\b(?:bebe|bebita|bebito|recien nacid[oa]|nin[oa]|hij[oa]|devolver\w{0,2}|lastim\w{1,5}|matar\w{0,2}|hacer\w{0,2} dano|morir\w{0,2})\b|\b(?:bebe|bebita|bebito|recien nacid[oa]|di a luz|dio a luz|parto|posparto|postparto)\b.{0,150}\b(?:oye|escucha|oigo|escucho|oyendo|escuchando) (?:\w+ )?(?:una |unas |la |las )?(?:voz|voces)\b", lang="es"),
    # ---- after round 8's frozen run --------------------------------------------------
    # harm to oneself announced as "una locura" / "una tonteria", feared or set a
    # deadline before (the English screen's "before I do something stupid")
    _r("active ideation", "suicide", r"\b(?:antes (?:de )?(?:que|q)|miedo (?:de|a)(?: (?:que|q))?|temo|me da miedo|no vaya a ser (?:que|q)|(?:antes|capaz) de)(?: yo)? (?:haga|hacer|cometa|cometer|vaya a (?:hacer|cometer)|voy a (?:hacer|cometer)|termine haciendo)\b(?: \w+){0,2}? (?:una |alguna |otra )?(?:locura|tonteria|estupidez|barbaridad|pendejada|idiotez|algo (?:malo|drastico|grave|de lo que (?:me )?(?:arrepienta|arrepentire)|sin vuelta atras))\b", unless=r"^\W*(?:con (?:mi|la|el|mis|las|los) (?:tarjeta|dinero|credito|compras?|pelo|cabello|carro|coche|trabajo|jefe|cuenta)|en (?:la|el|las) (?:tienda|compras?|trabajo|fiesta|boda))", lang="es"),
)

_NEGATION = frozenset(
    "not never no nor without none neither nothing zero denies denied deny negative "
    "nunca ni ningun ninguna niega".split()
)
_NEGATION_BRIDGE = frozenset(
    """
    had have has having been ever any thoughts thought of about feel felt feeling
    think believe i am is was would be really the a like urges urge ideas plans
    any kind sort currently actually thinking experiencing considering planning
    wanting want wanted wished tried trying meant going to or and suicidal
    tengo tenido he pensamientos ideas ganas de estoy siento nunca ningun ninguna
    pensado pensando en hacerme hecho for es era fue sea un una soy quiero queria
    take took taken taking swallow swallowed once even
    planes intencion intenciones
    """.split()
)
# Spanish verbs of intent carry a negation to the act: "no pienso hacerme dano",
# "no planeo ...", "no pretendo ..." deny the act as firmly as "no quiero".
_NEGATION_BRIDGE |= frozenset("pienso pensaba planeo planeaba pretendo pretendia".split())
# "Is it normal to ...?" asks about oneself, however general it sounds.
_SELF_QUESTION_RE = re.compile(
    r"\b(?:is (?:it|this|that) normal|should i|do i need to|is (?:this|that|it) (?:a|an|just|from)|"
    r"could (?:this|that|it) be|"
    r"am i|what do i do|what should i do)\b"
)
# A milestone told with pride: "two years free from self harm", "a year out from my
# last episode". A streak that ended ("relapsed after six months clean") is none.
_MILESTONE = (
    r"(?<!after )(?<!ended )(?<!broke )(?<!lost )(?<!ruined )(?<!reset )"
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many) "
    r"(?:full |whole )?(?:days?|weeks?|months?|years?) (?:free|clean|sober)(?: (?:from|of))?|"
    r"(?:free|clean) (?:from|of) (?:\w+ ){0,2}(?:for|since) (?:\d+|a|an|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|several|many) (?:days?|weeks?|months?|years?)|"
    r"(?:days?|weeks?|months?|years?) (?:out from|out since|past|on from) (?:my|the|his|her|their) "
    r"(?:last|latest|previous|final)"
)
# A past that is over: softens any concept.
_PAST_FAR_RE = re.compile(
    r"\b(?:(?:years?|months|decades?|a decade|long time|a while|ages) (?:ago|back)(?! pain| ache)|(?<!than it )(?<!than i )(?<!than they )(?<!than he )(?<!than she )used to|in the past|back then|"
    r"back in|when (?:i|he|she|they|we) (?:was|were) (?:younger|little|small|a kid|a child|a baby|a teen|a teenager|"
    r"in (?:high school|college)|\d+|to|two|three|four|five|six|seven|eight|nine|ten)|as an? (?:kid|child|baby|toddler|infant|teen|teenager)|"
    r"growing up|in (?:my )?childhood|"
    r"in (?:high school|college|my twenties|my teens|my 20s)|as a teen(?:ager)?|"
    r"history of|past history|antecedentes (?:familiares |personales |medicos )?(?:de|del)|historial (?:medico )?(?:de|del)|last (?:year|summer|spring|fall|winter)|in (?:19|20)\d\d|en (?:el )?(?:19|20)\d\d|"
    r"in the (?:(?:19|20)?\d0s|(?:early|mid|late) (?:(?:19|20)?\d0s|eighties|nineties)|eighties|nineties|seventies|sixties)|"
    r"turned out|ended up being|all clear|scans? (?:were |was |came back )?(?:clear|normal|fine)|"
    r"went through|phase|after my divorce|(?:years?|months) since|since my last|"
    r"hace (?:anos|mucho|tiempo|(?:como |unos |mas de )?(?:\d+|un|una|dos|tres|cuatro|cinco|"
    r"seis|siete|ocho|nueve|diez|varios|muchos) (?:anos|meses|ano))|el ano pasado|"
    r"cuando (?:yo )?(?:era|estaba) (?:nino|nina|chico|chica|joven|adolescente|chiquit[oa]|"
    r"en la (?:escuela|prepa|secundaria|universidad))|de (?:nino|nina|joven|adolescente)|"
    r"ya me recupere|ya estoy (?:bien|estable|mejor|recuperad[oa])|ya paso|"
    r"estable desde|antes(?! de\b| que\b)|solia|solian|en (?:ese|aquel) (?:entonces|tiempo|momento)|"
    r"hubo un tiempo|there was a time|at one point|for a while there|"
    # an age told as when it happened: "at 19", "at age 15" (a clock time is 1-12)
    r"at (?:age |the age of )?(?:1[3-9]|[2-9]\d)(?! (?:am|pm|mg|o clock|hours?|minutes?|percent))|"
    + _MILESTONE + r")\b"
)
_MILESTONE_RE = re.compile(rf"\b(?:{_MILESTONE})\b")
# A present that says the danger has passed: softens thoughts, not a body in trouble.
_PAST_OK_RE = re.compile(
    r"\b(?:not anymore|(?:am|im|i am|feel|feeling|doing|was|been)? ?(?:much |so much |a lot )?"
    r"(?:better|fine|okay|ok|good|great|stable|safe|happy) now|recovered|in recovery|"
    r"had a (?:rough|hard|dark) (?:time|period|patch)|"
    # What is over is the thoughts, never a person ("while my mom is away").
    # "I hope it kills me so it's over" wishes for an end; it tells no past.
    r"(?<!so )(?<!until )(?<!then )(?<!and )"
    r"(?:they|it|those|these|that|this|(?:the |my |those |these |such )?(?:\w+ )?"
    r"(?:thoughts?|feelings?|urges?|ideas?|ideation|episodes?|phase)) (?:are|is|have|has|went|"
    r"were|was|have been|has been) (?:all |mostly |completely |long )?"
    r"(?:gone|over|resolved|away)|in the (?:spring|summer|fall|winter))\b"
)
# The topic as the subject of someone else's sentence: a form, a question, a study.
_REPORTED_RE = re.compile(
    r"\b(?:asked|asks|ask|asking|question|questions|screening|screen|screened|form|intake|"
    r"questionnaire|survey|checklist|checked|answered|box|read|heard|article|study|studies|"
    r"research|paper|essay|project|class|homework|assignment|training|seminar|lecture|workshop|investigacion|estudio|trabajo|"
    r"tarea|articulo|ensayo|datos|informacion|estadisticas)"
    r"(?: me)?(?: \w+){0,3} (?:if|whether|about|on|for|that|no to|no on|sobre|acerca de|de)"
    r"(?: \w+){0,3}$|\b(?:have|do|are|did|were) you (?:ever )?(?:\w+ ){0,3}$|"
    # a form's item named by its number, then quoted: "question 9, 'thoughts that ...'"
    r"\b(?:question|item|q|number|no) (?:#)?\d{1,2}(?: \w+){0,6}$"
)
_FORM_WORD_RE = re.compile(
    r"\b(?:intake|forms?|question|questions|item|items|questionnaires?|surveys?|screeners?|"
    r"phq|paperwork|checklist|scale)\b"
)
# "What do I circle?": the writer is filling in a form's item, quoting it.
_FORM_ANSWER_RE = re.compile(
    r"\b(?:what|which|how) (?:do|should|would|can) i (?:mark|circle|tick|check|select|pick|"
    r"put down|fill in|answer (?:it|that|this|the question|question))\b"
)
# "What does X mean?", "q significa X": a question about words, not a statement.
_DEFINITION_RE = re.compile(
    r"\b(?:what (?:does|do|did) .{1,60} mean|what is meant by|(?:que|q) (?:significa|quiere "
    r"decir)|definition of|what s the difference between|cual es la diferencia|"
    r"(?:is|s) (?:such |really |kind of |kinda |a really )?(?:a |an )(?:\w+ ){0,2}(?:word|term|phrase|"
    r"euphemism|expression)|"
    r"what (?:is|s) (?:a|an) (?:\w+ ){0,2}(?:headache|migraine|aura)s?$)\b"
)
# "The risk of an overdose", "riesgo de sobredosis": a worry, not an event.
_RISK_OF_RE = re.compile(
    r"\b(?:risk|risks|riesgo|riesgos|chance|chances|possible|posible|danger|dangers|peligro|"
    r"safe|seguro|worried|worry|afraid|scared|miedo|prevent|avoid|evitar)\b(?: \w+){0,3}$"
)
# The headache that too many painkillers cause, asked about by its name: "too many
# painkillers" is its definition, not an overdose told.
_OVERUSE_HEADACHE_RE = re.compile(
    r"\b(?:rebound|medication overuse|medicine overuse|analgesic overuse|overuse|mohs?|"
    r"cefalea por (?:abuso|uso excesivo) de (?:medicamentos|analgesicos)|de rebote)"
    r"(?: headaches?| migraines?| dolor de cabeza)?\b"
)
_TOPIC_FRAME_RE = re.compile(
    r"\b(?:(?:ketamine|ketamina|treatment|infusions?|therapy|the drug|drugs?|"
    r"medications?|study|studies|research|trials?|esketamine|spravato)\b(?: \w+){0,4} "
    r"(?:with|for|against|ayuda con|para)|(?:ketamine|ketamina|it|this|treatment|"
    r"infusions?|therapy|the drug|drugs?|medications?|study|studies|research|trials?|"
    r"esketamine|spravato)\b(?: \w+){0,4} "
    r"(?:help|helps|helped|calm|calms|treat|treats|treating|reduce|reduces|cause|causes|"
    r"trigger|triggers|ease|eases|stop|stops|prevent|prevents|worsen|"
    r"worsens|lower|lowers|relieve|relieves|work on|works on))(?: \w+){0,3}$"
)
_FIRST_PERSON = frozenset(
    "i me my myself mine im ive id ill mi yo estoy quiero tengo".split()
)
_TOPIC_RE = re.compile(
    r"\b(?:ketamine|ketamina|infusions?|treatments?|therapy|study|studies|research|"
    r"patients|people|someone|anyone|a person|clinic|doctors?|signs?|symptoms?|mean|means|"
    r"risks?|safe|safety|cause|causes|help|helps|treat|treats|work for|used for|"
    r"common|normal for|supervised|monitored|is it true|articles?|side effects?|hotline|"
    r"number|line|resources?|prevention|awareness|screen|screening|the same|riesgos?|"
    r"clinica|tratamientos?|infusion|infusiones|senales|sintomas|investigacion|estudios?|"
    r"datos|pacientes|personas|alguien|la gente|seguro|segura|normal|distingo|diferencia|"
    r"scales?|questionnaires?|screeners?|columbia|c ssrs|cssrs|phq \\d|phq|asq|assessments?|"
    r"surveys?|quiz|ask about|asks about|escala|cuestionario|preguntan|gente|confundir|confunde|"
    r"distinguir|parecido|parece|causar|causa|causan|provocar|provoca|provocan|producir|produce|tell apart|tell the difference|mistake|mistaken for)\b"
)
_QUESTION_START = frozenset(
    "what whats how can could do does did is are was will would should may which who "
    "why when where que como puede cual es hay cuales cuanto cuanta cuantos cuantas "
    "donde cuando se la el los ustedes tienen".split()
)
_HABITUAL_RE = re.compile(_HABITUAL)
_ACUTE_RE = re.compile(_ACUTE)
_NOT_USUAL_RE = re.compile(
    r"\b(?:not|never|nothing) (?:like )?(?:my |the )?(?:usual|normal|typical|regular)\b|"
    r"\bdifferent (?:from|than) (?:my )?(?:usual|normal)\b|\b(?:\d+|few|ten|five) minutes ago\b|"
    r"\b(?:but|except|only|yet) this time\b|\bthis time (?:it s |its |it is )?(?:different|new|worse)\b|"
    r"\bfor the first time\b|\b(?:i )?(?:never|do not ever|dont ever|have never|ve never) "
    r"(?:get|got|had|have|felt|feel|had that|seen) (?:that|this|it|those|these|anything like)\b|"
    r"\b(?:that|this|it) (?:is|s) (?:brand )?new (?:for|to) me\b"
    # Spanish: "pero esta vez", "nunca me habia pasado", "por primera vez"
    r"|\b(?:pero|solo|excepto|y) esta vez\b|\bnunca me (?:habia|ha) pasado\b|\bpor primera vez\b|"
    r"\bno es (?:como )?(?:mi|la) (?:aura|migrana) (?:normal|de siempre)\b|\b(?:esto|esta) es diferente\b"
)
_SENTENCE = " . "
_CONTEXT = 200


@dataclass(frozen=True)
class Finding:
    """One concept found in a message, and how its context read it."""

    concept: str
    kind: str
    level: str
    span: str
    modifier: str | None = None


@dataclass(frozen=True)
class Assessment:
    """The screen's verdict on one message: a level, why, and the model's view."""

    level: str
    kind: str | None
    findings: tuple[Finding, ...] = ()
    probability: float = 0.0
    features: tuple[tuple[str, float], ...] = ()
    screened: str = ""

    @property
    def is_crisis(self) -> bool:
        return self.level == "crisis"

    def explain(self) -> list[str]:
        """Plain lines saying which concepts and features flagged the message."""
        lines = [f"risk: {self.level}" + (f" ({self.kind})" if self.kind else "")]
        for f in self.findings:
            how = f" [{f.modifier}]" if f.modifier else ""
            lines.append(f"  concept {f.concept} -> {f.level}{how}: {f.span!r}")
        lines.append(f"  model probability {self.probability:.2f}")
        if self.features:
            top = ", ".join(f"{name!r} {w:+.2f}" for name, w in self.features)
            lines.append(f"  model features: {top}")
        return lines


@dataclass(frozen=True)
class Screen:
    """A crisis verdict: ``kind`` is suicide, self-harm, overdose or emergency."""

    kind: str
    pattern: str


class _RulePattern:
    """One crisis rule's own pattern, searched in a form (``search``,
    ``finditer``: the matches' spans and groups are the form's characters,
    as ``re2.compile(pattern)``'s are).

    An ASCII form, what the screen's forms are, is read by the rule the
    filter already compiled (``re2.Filter.re``, read as Latin-1): on ASCII
    text its bytes are its characters and the Latin-1 pattern finds what the
    pattern finds (``_rule_set``), so no second copy of the rule, with its
    own DFA caches, is kept (docs/PERFORMANCE.md, "Round 8: memory, second
    pass"). Any other form is read by the pattern compiled as UTF-8, the
    first time one is."""

    __slots__ = ("_ascii", "_unicode", "pattern")

    def __init__(self, pattern: str, ascii_rule: re2._Regexp) -> None:
        self.pattern = pattern
        self._ascii = ascii_rule
        self._unicode: re2._Regexp | None = None

    def _for(self, text: str) -> re2._Regexp:
        if text.isascii():
            return self._ascii
        if self._unicode is None:
            self._unicode = re2.compile(self.pattern, _options(RULE_MAX_MEM))
        return self._unicode

    def search(self, text: str) -> re2._Match | None:
        return self._for(text).search(text)

    def finditer(self, text: str) -> Iterator[re2._Match]:
        return self._for(text).finditer(text)


@dataclass
class _Compiled:
    rules: tuple[Rule, ...]
    # Per rule, its pattern and veto, made when the filter first names it:
    # most rules never match a given worker's messages. The pattern reads an
    # ASCII form with the filter's own compiled rule (``_RulePattern``); the
    # veto is compiled on its own.
    matchers: list[tuple[_RulePattern, re2._Regexp | None] | None] = field(
        default_factory=list
    )
    index: re2.Filter | None = None  # read as Latin-1: for an ASCII text
    unicode_index: re2.Filter | None = None  # read as UTF-8: built if ever needed

    def hits(self, form: str) -> list[int] | None:
        """The rules whose pattern occurs somewhere in ``form``.

        The rules sit behind RE2's prefilter (``_rule_set``): one small set of
        literal strings is read, and only the rules whose strings all occur
        are run, so that a new text costs a few DFA states, not a state of
        every rule at once (docs/PERFORMANCE.md, round 8). The screen's forms
        are made of ASCII words, whose UTF-8 and Latin-1 bytes are the same,
        and a filter read as Latin-1 takes less memory. A form with any other
        character goes to a filter read as UTF-8, built the first time one
        does.
        """
        if form.isascii():
            index = self.index
        else:
            if self.unicode_index is None:
                self.unicode_index = _rule_set(self.rules, _options(SET_MAX_MEM))
            index = self.unicode_index
        hits = index.Match(form)
        every = len(self.rules)  # the empty pattern _rule_set adds last
        if not hits or every not in hits:
            # The empty pattern has no literal string, so the filter always
            # runs it, and it occurs in every text: a result without it means
            # RE2 failed on this text. Read every rule on its own, so that a
            # screen under pressure fails closed, not open.
            return list(range(every))
        return [i for i in hits if i < every]  # not the empty pattern, nor the canary

    def matcher(self, i: int) -> tuple[_RulePattern, re2._Regexp | None]:
        """Rule ``i``'s pattern and veto (None: it has none), compiled."""
        found = self.matchers[i]
        if found is None:
            rule, opts = self.rules[i], _options(RULE_MAX_MEM)
            assert self.index is not None
            veto = re2.compile(rule.unless, opts) if rule.unless else None
            pattern = _RulePattern(rule.pattern, self.index.re(i))
            found = self.matchers[i] = (pattern, veto)
        return found


# RE2's memory budget for each crisis rule inside the filter (``_rule_set``):
# its program and the cache of DFA states it builds as it reads the texts the
# filter hands it. A rule is only run on a text holding its literal strings,
# so its cache grows with the texts that nearly match it, not with every
# message, and is emptied when full. The largest English rule's program takes
# 167 KB read as Latin-1 (215 KB as UTF-8) and each of its DFA states 32 KB:
# with 1 MB its DFA had room for too few states and RE2 read it with its NFA,
# and ``hits`` on warm text took three times as long at p99
# (docs/PERFORMANCE.md, "Round 8: the crisis rules behind a prefilter"). A
# rule RE2's DFA cannot read within the budget is read by its NFA instead:
# the budget changes speed and memory, never which rules the filter finds; a
# rule too large for it fails to compile, which
# ``test_every_rule_and_veto_compiles`` shows. The same compiled rule then
# finds where it matches in an ASCII form (``_RulePattern``): a third of the
# budget goes to the reversed program RE2 builds to find a match's start.
# 2 MB grew a process 11 MB less in 5,000 new messages but made the warm
# screen's p99 slower ("Round 8: memory, second pass").
SET_MAX_MEM = 8 << 20
# The same for each rule's veto and, for a form beyond ASCII, its pattern
# compiled as UTF-8 (``_Compiled.matcher``), which keep their own caches; a
# pattern RE2's DFA cannot read within it is read by its NFA instead, slower
# but the same.
RULE_MAX_MEM = 256 << 20


def _options(max_mem: int = 256 << 20) -> re2.Options:
    opts = re2.Options()
    opts.max_mem = max_mem
    opts.log_errors = False
    return opts


def _latin1(pattern: str) -> bytes:
    """``pattern`` for a set read as Latin-1, the same on any ASCII text: a
    character beyond Latin-1 becomes byte 0xFF, which no ASCII text holds
    either (and which keeps a character class a class)."""
    return "".join(c if ord(c) < 256 else r"\xff" for c in pattern).encode("latin-1")


def _rule_set(rules: tuple[Rule, ...], opts: re2.Options) -> re2.Filter:
    """The rules behind RE2's prefilter (FilteredRE2): each rule compiled with
    ``opts``, the literal strings one of its matches must hold gathered into
    one set; ``Match`` reads that set, runs only the rules whose strings
    occur (and those with none), and returns the rules that match."""
    latin1 = opts.encoding == re2.Options.Encoding.LATIN1
    index = re2.Filter()
    for rule in rules:
        if latin1:
            # Read as Latin-1 only for ASCII forms, on which a character beyond
            # ASCII (Spanish "estarán") matches nothing: it becomes a class that
            # matches nothing either, in a class or out of one. The binding
            # holds the literal strings as UTF-8, which a Latin-1 "á" is not.
            ascii_only = re.sub(
                r"\\.|[^\x00-\x7f]",
                lambda m: m.group() if m.group().isascii() else r"\p{Greek}",
                rule.pattern,
            )
            index.Add(ascii_only.encode("ascii"), opts)
        else:
            index.Add(rule.pattern, opts)
    # Every text matches the empty pattern, which has no literal string: its
    # absence from a result means RE2 failed on the text (``_Compiled.hits``).
    index.Add(b"" if latin1 else "", opts)
    # The set of literal strings is an RE2 set the binding builds with RE2's
    # default 8 MB budget. A set cannot fall back to the NFA, so its DFA goes
    # on however often its cache fills, and fails only if the budget has no
    # room for 20 states: then it fails on every text, saying "none of the
    # strings", and the filter would run only the rules without strings. The
    # canary, a pattern with a string, is found on its text or nothing is.
    canary = b"zqxjcanaryzqxj" if latin1 else "zqxjcanaryzqxj"
    index.Add(canary, opts)
    index.Compile()
    found = index.Match(canary)
    if not found or len(rules) + 1 not in found:
        raise re2.error("RE2 cannot read the crisis rules' prefilter")
    return index


@lru_cache(maxsize=2)
def _compiled(lang: str) -> _Compiled:
    rules = RULES if lang == "en" else RULES_ES
    opts = _options(SET_MAX_MEM)
    opts.encoding = re2.Options.Encoding.LATIN1
    return _Compiled(rules, [None] * len(rules), _rule_set(rules, opts))


@lru_cache(maxsize=8192)
def _correct(word: str) -> str:
    # Real, common words ("noise", "saying") stay as typed; only typos are fixed.
    if len(word) < 5 or word in _VOCAB_SET or word.isdigit() or is_common(word):
        return word
    limit = 1 if len(word) < 10 else 2
    hit = process.extractOne(
        word, _VOCAB, scorer=OSA.distance, processor=None, score_cutoff=limit
    )
    return hit[0] if hit else word


_MAX_TOKEN = 40  # no word is longer: keeps every pattern's work per word bounded


# Algospeak that stands for a whole phrase: "unalive" with no object is "kill
# myself"; "sewer slide" is suicide.
# Each with the strings one of its matches must hold: most text holds none.
_ALGOSPEAK = (
    (re.compile(r"\bunaliv(e|ing)(?: myself| my self| me)?\b(?! (?:him|her|them|someone|people|you|"
                r"this|that|these|those|the|my|your|a|an|every|all|some|his|our|their)\b)"),
     lambda m: "killing myself" if m.group(1) == "ing" else "kill myself", ("unaliv",)),
    (re.compile(r"\bsewer ?slid(?:e|ing)\b|\bsui ?side\b|\bsu1c1de\b"), lambda m: "suicide",
     ("sewer", "sui", "su1c1de")),
)  # fmt: skip
_TOO_MANY = re.compile(r"\b(?:to|2) (many|much)\b")


@lru_cache(maxsize=8192)
def _fixed(w: str) -> str:
    """A word (at most ``_MAX_TOKEN`` letters) as the English screen reads it,
    kept per word: most are seen before."""
    if w in _EXTRA:
        return _EXTRA[w]
    if w.endswith("in") and len(w) > 4 and w + "g" in _VOCAB_SET:
        return w + "g"  # "endin", "thinkin": dropped g's
    return _correct(w)


def _fix_words(normalized: str) -> str:
    for pattern, repl, needles in _ALGOSPEAK:
        if any(n in normalized for n in needles):
            normalized = pattern.sub(repl, normalized)
    joined = " ".join([_fixed(w[:_MAX_TOKEN]) for w in normalized.split()])
    # rare; a template sub costs even when it misses, a search on every character
    if ("many" in joined or "much" in joined) and _TOO_MANY.search(joined):
        joined = _TOO_MANY.sub(r"too \1", joined)
    return joined.replace("my self", "myself").replace("any more", "anymore")


@dataclass(frozen=True)
class _Hardened:
    """The message as the screen reads it: hardened, cut into clauses, normalised.

    Built once per message and kept on it (``Analysed.view``). When hardening
    changes nothing but the case of ASCII letters (a message without
    disguised words, the usual case: folding ignores that case) the message's
    own clauses and normalised form are it, and nothing is normalised again;
    otherwise the hardened text is normalised, in one pass.
    """

    clauses: tuple[tuple[str, str], ...]  # (hardened clause, its normalised form)
    normalized: str  # the whole hardened text normalised


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _hardened(msg: Analysed) -> _Hardened:
    def build() -> _Hardened:
        hard = _harden(msg.raw)
        if hard == msg.raw.translate(_ASCII_LOWER) == msg.raw.lower():
            return _Hardened(
                tuple((c.text.lower(), c.normalized) for c in msg.clauses),
                msg.normalized,
            )
        parts = split_clauses(hard)
        whole, _, forms = normalize_pieces(hard, [parts])
        return _Hardened(tuple(zip(parts, forms[0], strict=True)), whole)

    return msg.view("safety.hardened", build)


def _english_sentences(msg: Analysed) -> list[tuple[str, bool]]:
    def build() -> list[tuple[str, bool]]:
        out = []
        for part, normalized in _hardened(msg).clauses:
            words = _fix_words(normalized)
            if words:
                out.append((words, "?" in part or "¿" in part))
        return out

    return msg.view("safety.en", build)


def _spanish_sentences(msg: Analysed) -> list[tuple[str, bool]]:
    def build() -> list[tuple[str, bool]]:
        out = []
        for part, _ in _hardened(msg).clauses:
            words = " ".join(
                # No short form is that long: cut first, so the kept words are short.
                _es_word(w[:_MAX_TOKEN])
                for w in _ES_WORD.findall(fold(part))
            )
            if words:
                out.append((words, "?" in part or "¿" in part))
        return out

    return msg.view("safety.es", build)


_ES_WORD = re.compile(r"[a-z0-9]+")
# Texting Spanish, read as written out ("q tan alto", "pa q", "xq").
_ES_SHORT = {
    "q": "que", "k": "que", "ke": "que", "pa": "para", "xq": "porque", "pq": "porque",
    "porq": "porque", "x": "por", "tmb": "tambien", "tb": "tambien", "xfa": "por favor",
    "ntp": "no te preocupes", "nd": "nada", "toy": "estoy", "tas": "estas",
}  # fmt: skip


# Texting spellings, undone by rule rather than listed: "k"/"q" for "qu" before e or i
# ("kiero", "qiero"), "k" for a hard "c" ("kasa"), letters typed three or more times
# ("morirmeee"), a doubled last vowel ("matarmee").
_ES_K_RE = re.compile(r"k(?=[ei])|q(?=[ei])")
_ES_KC_RE = re.compile(r"k(?=[aou])")
_ES_K_LOANS = ("keta", "kilo", "kine", "kiwi", "kinde", "kg", "km")
_ES_RUN_RE = re.compile(r"([a-z])\1{2,}")
_ES_END_RE = re.compile(r"([aeiou])\1$")


def _es_spelling(word: str) -> str:
    """A Spanish word (``_ES_WORD``) with its texting spellings undone."""
    if word.isdigit():
        return word
    # Each substitution only where its pattern occurs: a template ``sub``
    # costs a call into ``re`` even when it finds nothing.
    if _ES_RUN_RE.search(word):
        word = _ES_RUN_RE.sub(r"\1", word)
    if len(word) > 4 and word[-1] == word[-2] and word[-1] in "aeiou":
        word = _ES_END_RE.sub(r"\1", word)
    if ("k" in word or "q" in word) and not word.startswith(_ES_K_LOANS):
        word = _ES_KC_RE.sub("c", _ES_K_RE.sub("qu", word))
    return word


@lru_cache(maxsize=8192)
def _es_word(word: str) -> str:
    """A word (at most ``_MAX_TOKEN`` letters) as the Spanish pass reads it,
    kept per word: most are seen before."""
    return _ES_SHORT.get(word) or _es_spelling(word)


def _clause(form: str, start: int, end: int) -> tuple[str, str, str, str]:
    """Around a match: its clause before and after it, the match, and the sentence."""
    s_left = form.rfind(_SENTENCE, 0, start)
    s_left = 0 if s_left == -1 else s_left + len(_SENTENCE)
    s_right = form.find(_SENTENCE, end)
    s_right = len(form) if s_right == -1 else s_right
    left = s_left
    for sep in (" but ", " however ", " pero ", " though "):
        i = form.rfind(sep, s_left, start)
        if i != -1:
            left = max(left, i + len(sep))
    right = s_right
    for sep in (" but ", " however ", " pero ", " though "):
        i = form.find(sep, end, s_right)
        if i != -1:
            right = min(right, i)
    # Context is local: a very long sentence is read 200 characters either side.
    left, right = max(left, start - _CONTEXT), min(right, end + _CONTEXT)
    s_left, s_right = max(s_left, start - _CONTEXT), min(s_right, end + _CONTEXT)
    return form[left:start], form[start:end], form[end:right], form[s_left:s_right]


def _negates(prior: list[str]) -> bool:
    """True when a negation governs what follows ``prior``.

    A negation reaches the match across words that only carry it forward
    ("never had any thoughts of", "do not feel i would be"), and no further:
    in "if not it does not matter i am taking ..." the verb "matter" ends its
    scope.
    """
    for word in reversed(prior[-7:]):
        if word in _NEGATION:
            return True
        if word not in _NEGATION_BRIDGE:
            return False
    return False


# "All no for me", "none of those apply": the writer answers a list in the negative.
_DENIED_AFTER_RE = re.compile(
    r"\b(?:all (?:no|nos|negative|nope)|no to all|none of (?:those|them|these|that|it) "
    r"(?:apply|applies)|i (?:said|answered|checked|put|marked|ticked) no|(?:does|do) not apply|"
    r"n a for me|(?:the |my )?answer (?:is|would be|s) (?:no|never|none|not at all|nope)|todo (?:no|negativo)|a todo (?:dije|puse) que no|(?:yo )?(?:puse|marque|conteste|respondi) (?:que |q |k )?no)\b"
)
# "Past suicide attempts - none": a form's item answered in the negative right after it.
_ANSWERED_NONE_RE = re.compile(
    r"^(?: (?:attempts?|thoughts?|ideation|history|plans?|behaviou?rs?|urges?|episodes?|ideas?|"
    r"risk|in the past|ever|past|current|currently|recent|or|and|self|harm|acts?))* "
    r"(?:none|no|nope|never|denied|denies|negative|n a|zero|0)\s*$"
)
# "The stiff neck isn't with fever": the alarming part of a sign denied inside the hit.
_NEGATED_SIGN_RE = re.compile(
    r"\b(?:not|no|without|never|isn t|isnt|is not|denies|sin)\b"
    r"(?: (?!stop|stopped|stopping|quit|dejo|deja|dejado|para|paro|parar|puedo|puede)\w+){0,2} (?:fever|temperature|"
    r"temp|rash|vomit\w*|confus\w*|fiebre|calentura)\b"
)
# "The warning signs of ...", "risk factors for ...": the topic as the object of a question.
_SIGNS_OF_RE = re.compile(
    r"\b(?:warning signs?|signs?|symptoms?|risk factors?|red flags?|signos|senales|sintomas|"
    r"factores de riesgo) (?:of|for|de|del)(?: (?:a|an|the|la|el|un|una))?\s*$"
)
# A student's or a professional's question is about the topic.
_LEARNER_RE = re.compile(
    r"\b(?:i m|im|i am|soy) (?:a |an |un |una )?(?:(?!(?:her|his|their|my|your|our|su|sus|mi) )\w+ )?(?:student|nurse|nursing student|"
    r"medical student|psych student|psychology student|therapist|counselor|teacher|researcher|"
    r"estudiante|enfermer[oa]|maestr[oa])\b|\bfor (?:my|a|our) (?:\w+ )?(?:class|course|paper|"
    r"essay|thesis|exam|homework|assignment|presentation|talk|workshop|training|youth group|"
    r"club|book club|study group|reading group)\b|"
    r"\b(?:para|pa) (?:una|un|la|el|mi|nuestra|nuestro) (?:\w+ )?(?:platica|charla|clase|taller|"
    r"presentacion|tarea|reunion|junta|grupo de jovenes)\b|\b(?:giving|give|doing|prepping|preparing) "
    r"(?:a|an) (?:\w+ )?(?:talk|workshop|training|presentation)\b"
)
# Scars told as old are a past that is over, unless an urge or a present is told with them.
# A streak told with an act or a fresh time beside it has ended.
_STREAK_BROKEN_RE = re.compile(
    r"\b(?:relaps\w*|again|broke|broken|ruined|reset|slipped|lost|ended|gone|over|back to day|"
    r"tonight|last night|yesterday|this (?:morning|evening)|(?:an|one|\d+) hours? ago|minutes ago|"
    r"just now|did it|i (?:cut|burned|burnt|hurt|hit|scratched))\b"
)
_URGE_RE = re.compile(r"\b(?:want|wants|wanna|urge|urges|going to|gonna|need|tempted|about to)\b")
_FRESH_RE = re.compile(
    r"\b(?:fresh|new|reopen\w*|opened|last (?:night|week)|bleed\w*|yesterday|the other day)\b"
)
# "... wants to kill herself": the act of a third person, not the topic.
_THIRD_SELF_RE = re.compile(r"\b(?:herself|himself|themselves|themself)\b")
# A loss to suicide, an overdose: grief, the topic of a support group, not the writer's act.
_BEREAVED_RE = re.compile(
    r"\b(?:lost|losing|lose|loss of|perdio|perdi|perdimos|perdieron) (?:\w+ ){0,3}(?:to|a|por)$|"
    r"\b(?:survivors? of|bereaved by|grieving|duelo por)(?: \w+){0,2}$|"
    r"\b(?:died|passed away|passed|was lost|were lost|death|deaths) (?:by|of|from|to|in an?)$|"
    r"\b(?<!\bi )(?<!almost )(?<!nearly )(?<!to )(?:committed|completed)$"
)


# "... asks if I have a plan. Yes, for this weekend": a quoted item answered yes
# right after it (the writer's answer, not the form's question).
_AFFIRMED_AFTER_RE = re.compile(
    r"(?:\W|\s)*(?:(?:and|but|so|honestly|truthfully|to be honest|well) )?(?:i )?"
    r"(?:yes|yeah|yep|yup|i do(?! not)|i did(?! not)|i have(?! not| no)|i said yes|i answered yes|"
    r"i (?:checked|marked|ticked|circled|put) yes|my answer (?:is|was) yes|the answer (?:is|was) yes|"
    r"it s a yes|thats a yes|that s a yes|si|si tengo)\b"
)
# "I answered 'not at all' to the ... question": a form's item denied before it is named.
_DENIED_BEFORE_RE = re.compile(
    r"\b(?:answered|said|put|checked|marked|ticked|circled|chose|picked|conteste|respondi|puse|marque) "
    r"(?:a )?(?:no|not at all|never|nope|none|zero|0|nunca|nada|que no) (?:to|for|on|a|en)\b(?: \w+){0,8}$"
)
# "Before I end up like my cousin who ...": a warning taken from someone else's story.
_CAUTIONARY_RE = re.compile(
    r"\b(?:end up|ending up|wind up|winding up|turn out|become|be) like (?:my|his|her|their|our) ?$"
)
# "The intake form asks whether I have ever attempted ...": a form's question, quoted.
_FORM_ASKS_RE = re.compile(
    r"\b(?:intake|forms?|paperwork|questionnaires?|surveys?|screeners?|formularios?|"
    r"cuestionarios?|planilla|(?:la|una|esta|mi) forma|historial)\b(?: \w+){0,4} (?:asks?|asked|asking|has a question|"
    r"wants to know|want to know|pregunta\w{0,2}|dice)\b(?: \w+){0,10}$"
)


# "The usual triptan chest tightness": a known side effect the writer always has.
_TRIPTAN_USUAL_RE = re.compile(
    r"\b(?:usual|always|every time|each time|typical|same old|siempre|como siempre|de siempre)\b"
    r".{0,60}\b(?:triptans?|\w+triptan|imitrex|maxalt|relpax|zomig)\b|"
    r"\b(?:triptans?|\w+triptan|imitrex|maxalt|relpax|zomig)\b.{0,80}\b(?:usual|always|every time|"
    r"each time|typical|siempre|se me quita solo|se quita sola?)\b"
)


_CLINIC_TOPIC_RE = re.compile(
    r"\b(?:clinic|clinics|clinica|sessions?|supervised|monitored|medical setting|"
    r"your (?:doctors|nurses|staff|office|offices|building|parking|garage|lot|location|suite)|"
    r"wheelchair|walker|elevators?|accessib\w{0,6}|ramp)\b"
)
_ABOUT_ME_RE = re.compile(
    r"\b(?:kill|killed|die|dying|dead|death|lethal|fatal|deadly|end my life|end it|"
    r"not wake up|for me|for real)\b"
)
# "He is not suicidal", "she isn't cutting": a negation inside the hit itself.
_COPULA_NEGATED_RE = re.compile(
    r"\b(?:(?:is|are|was|were|am|be|been|seems?|sounds?|feels?) not (?:\w+ )?"
    r"(?:suicid\w*|self harming|at risk|in danger|cutting|overdosing|hurting)|"
    r"(?:no|zero|denies|denied|without|never any) (?:active |current |history of )?"
    r"(?:suicid\w*|self harm\w*|thoughts of (?:suicide|self harm|hurting))|"
    r"no (?:es|esta) (?:suicida|en peligro)|"
    r"(?:and|but|or|so) not (?:\w+ )?(?:suicid\w*|self harming|at risk|in danger|cutting|overdosing|"
    r"hurting (?:herself|himself|themselves|themself)))\b"
)


# A pronoun after "will not", "do not": "will not you ...?" asks; "will not be
# around much longer" is a statement whose subject the writer left out.
_SUBJECTS = frozenset("i you he she it we they there this that someone anyone".split())


def _subjectless(words: list[str]) -> bool:
    """True when a sentence opens with a negated auxiliary and no subject."""
    return (
        len(words) > 2 and words[1] in ("not", "never") and words[2] not in _SUBJECTS
    )


# "... because that's me": the writer names themselves as the topic's case, whatever
# else they are (a teacher's "and that's me" is still their own).
_THATS_ME_RE = re.compile(
    r"\b(?:that s|thats|that is|this is) (?:me|about me|my situation|what i am going through)"
    r"(?: now| right now| too| lately| these days)?(?: \.|$)"
)
# "Asking because I just did it again": the writer tells the topic is their own.
_DISCLOSED_RE = re.compile(
    r"\b(?:asking (?:because|cause|cuz|bc|since) i (?:just |also |still )?(?:did|do|have been|"
    r"ve been|am|m|cut|burn|burned|hurt|tried|want|feel|think)|asking for (?:myself|me)\b|"
    r"i (?:just |literally )?did it again|not (?:asking )?hypothetically|not asking for a friend|"

    r"(?:and|but) (?:it s|its|it is) (?:for )?me\b|i (?:am|m) one of them)\b"
)


def _modifier(
    rule: Rule, before: str, match: str, after: str, sentence: str, asks: bool
) -> str | None:
    """Why context softens this hit (None: it stands)."""
    if not rule.personal:
        # Method seeking about the clinic's own treatment is a question about
        # the topic ("can you overdose on ketamine at the clinic?"), unless the
        # writer puts themselves in it.
        if (
            rule.concept == "method seeking"
            and _CLINIC_TOPIC_RE.search(sentence)
            and not _ABOUT_ME_RE.search(sentence)
        ):
            return "about the topic"
        return None
    if _COPULA_NEGATED_RE.search(match):
        return "negated"
    before = before.rstrip()
    prior = before.split()
    first = match.split()[:1]
    opens_negated = bool(first) and first[0] in _NEGATION | {"do"}
    if (_negates(prior) and not opens_negated) or re.match(
        r"\W*(?:and |but )?(?:i am|im|i m) not\b", after
    ):
        return "negated"
    if (
        _DENIED_AFTER_RE.search(after)
        or _NEGATED_SIGN_RE.search(match)
        or _ANSWERED_NONE_RE.search(after)
    ):
        return "negated"
    if _REPORTED_RE.search(before) or (
        _FORM_ANSWER_RE.search(sentence) and _FORM_WORD_RE.search(sentence)
    ):
        return "reported"
    if _BEREAVED_RE.search(before):
        return "bereavement"
    if _CAUTIONARY_RE.search(before):
        return "reported"
    if _FORM_ASKS_RE.search(before):
        return "about the topic"
    if _DENIED_BEFORE_RE.search(before):
        return "negated"
    if _SIGNS_OF_RE.search(before) or (
        _LEARNER_RE.search(sentence) and (asks or not _THIRD_SELF_RE.search(match))
    ):
        return "about the topic"
    if _DEFINITION_RE.search(sentence):
        return "about the topic"
    if _TOPIC_FRAME_RE.search(before) and prior[-1:] != ["my"]:
        return "about the topic"
    if rule.kind == "overdose" and _RISK_OF_RE.search(before):
        return "about the topic"
    if rule.kind == "overdose" and asks and _OVERUSE_HEADACHE_RE.search(sentence):
        return "about the topic"
    rest = f"{before} {after}"
    if (
        _PAST_FAR_RE.search(rest)
        and not _again_now(before)
        and not _RETURNS_RE.search(after)
    ):
        return "past"
    if rule.kind in ("suicide", "self-harm") and _PAST_OK_RE.search(rest):
        return "past"
    if (
        rule.kind in ("suicide", "self-harm")
        and _MILESTONE_RE.search(f"{before} {match}")
        and not _STREAK_BROKEN_RE.search(f"{before} {match}{after}")
    ):
        return "past"
    if rule.kind == "self-harm":
        told = f"{before} {match}{after}"
        if (
            _OLD_SCARS_RE.search(told)
            and not _NOW_RE.search(told)
            and not _FRESH_RE.search(told)
            and not _URGE_RE.search(f"{before[-30:]} {match}")
        ):
            return "past"
    if _SELF_QUESTION_RE.search(sentence):
        asks = False
    elif sentence.split()[:1] and sentence.split()[0] in _QUESTION_START:
        asks = not _subjectless(sentence.split())
    if (
        asks
        and not set(sentence.split()) & _FIRST_PERSON
        and _TOPIC_RE.search(rest)
    ):
        return "about the topic"
    if (
        rule.kind == "emergency"
        and _TRIPTAN_USUAL_RE.search(sentence)
        and re.search(r"\b(?:chest|pecho)\b", match)
    ):
        return "habitual"
    if (
        rule.neuro
        and _HABITUAL_RE.search(sentence)
        and not _ACUTE_RE.search(sentence)
        and not _NOT_USUAL_RE.search(sentence)
    ):
        return "habitual"
    return None


# Said after a past that was over: it is back, or it is now.
_NOW_RE = re.compile(
    r"\b(?:now|again|these days|lately|recently|this (?:week|month|morning|time)|tonight|today|"
    r"currently|ahora|otra vez|de nuevo|estos dias|ultimamente|hoy)\b"
)


# Said after the hit: the act will come back ("and I'm going to try again").
_RETURNS_RE = re.compile(
    r"\b(?:(?:try|do it|did it|happen\w{0,3}|doing it|trying) again|one more time|"
    r"(?:going to|gonna|will|planning to|plan to) (?:do|try) (?:it|again)|"
    # an intent or a time that brings it back ("now I want to again tonight")
    r"(?:want|wanna|going|gonna|planning|plan|ready|about|thinking (?:about|of))(?: to)?(?: \w+){0,3} again|"
    r"again (?:tonight|today|now|this (?:week|weekend)|soon|tomorrow))\b"
)


def _again_now(before: str) -> bool:
    """True when a present or a return follows the last over-and-done past in ``before``."""
    ends = [m.end() for m in _PAST_FAR_RE.finditer(before)]
    return bool(ends) and bool(_NOW_RE.search(before, ends[-1]))


def _asks(sentences: list[tuple[str, bool]], form: str, pos: int) -> bool:
    index = form.count(_SENTENCE, 0, pos)
    return sentences[index][1] if index < len(sentences) else False


# A question told as curiosity, with the writer well now: an emergency's name asked
# about. Only emergencies: "just curious" is how a suicide question is often masked.
_CURIOUS_RE = re.compile(
    r"\b(?:curious|curiosity|hypothetically|hypothetical|asking in general|asking generally|"
    r"for future reference|general question|just wondering|wondering in general)\b"
)
_FINE_NOW_RE = re.compile(
    r"\b(?:i m|im|i am|i feel|feeling) (?:totally |perfectly |completely )?(?:fine|ok|okay|good|well)"
    r"(?! \w)|\bnothing (?:is )?(?:happening|going on|wrong) (?:right )?now\b|"
    r"\b(?:i m|im|i am) not having (?:one|it|that|any|a \w+)\b"
)


# "Not for parking", "and not to park": the innocent purpose a veto reads, denied.
_DENIED_PURPOSE_RE = re.compile(
    r"\b(?:not|never|nothing to do with|no|ni|no es)(?: (?:for|to|about|because of|with|the|a|"
    r"my|your|para|por))* \w+$"
)


# Said right after a hit: the act was meant, so no veto reads it as an idiom
# ("I overdosed on purpose" is no "overdosed on coffee").
_DELIBERATE_RE = re.compile(
    r"\W*(?:on purpose|intentionally|deliberately|purposely|purposefully)\b"
)


def _purpose_denied(veto: re2._Regexp, window: str) -> bool:
    """True when the word a rule's veto reads as harmless is itself denied, or
    the act is told as meant."""
    if _DELIBERATE_RE.match(window):
        return True
    v = veto.search(window)
    return v is not None and bool(_DENIED_PURPOSE_RE.search(window, 0, v.end()))


def _findings(sentences: list[tuple[str, bool]], lang: str) -> list[Finding]:
    form = _SENTENCE.join(s for s, _ in sentences)
    comp = _compiled(lang)
    hits = comp.hits(form)
    if not hits:
        return []
    found: list[Finding] = []
    for i in sorted(hits):
        rule = comp.rules[i]
        pattern, veto = comp.matcher(i)
        for m in pattern.finditer(form):
            window = form[m.end() : m.end() + 60]
            denied = veto is not None and _purpose_denied(veto, window)
            if veto is not None and not denied and veto.search(window):
                # A harmless object or idiom after the hit ("from the popsicle",
                # "for our anniversary"): kept, at level "none", so that the
                # model alone cannot raise the same words to a crisis.
                if len(found) <= 20:
                    found.append(
                        Finding(rule.concept, rule.kind, "none", m.group(), "idiom")
                    )
                continue
            before, match, after, sentence = _clause(form, m.start(), m.end())
            asks = _asks(sentences, form, m.start())
            mod = _modifier(rule, before, match, after, sentence, asks)
            if (
                mod in ("about the topic", "reported")
                and rule.kind in ("suicide", "self-harm")
                and (
                    (_DISCLOSED_RE.search(form) and not _LEARNER_RE.search(form))
                    or _THATS_ME_RE.search(form)
                )
            ):
                mod = None  # a question about the topic, then told as one's own
            if (
                mod is None
                and rule.kind == "emergency"
                and asks
                and _CURIOUS_RE.search(form)
                and _FINE_NOW_RE.search(form)
            ):
                # "is it possible to have a stroke during a migraine? just
                # curiosity, I'm fine": a question disclaimed twice, not an event
                mod = "about the topic"
            if (
                mod is None
                and rule.kind in ("suicide", "self-harm")
                and asks
                and _LEARNER_RE.search(form)
                and not _DISCLOSED_RE.search(form)
                and not _THATS_ME_RE.search(form)
            ):
                mod = "about the topic"  # "... suicidal stuff? asking for my book club"
            if mod == "habitual" and _NOT_USUAL_RE.search(form):
                mod = None  # "... I never get that with my migraines": told as new
            if denied and mod == "about the topic":
                mod = None  # "near your clinic? not for parking": the innocent reading denied
            level = "crisis" if rule.strong and mod is None else "possible"
            if (
                rule.quoted or mod in ("reported", "about the topic")
            ) and _AFFIRMED_AFTER_RE.match(form, m.end(), m.end() + 60):
                # a quoted item the writer answers yes: their own answer, now
                level, mod = "crisis", None
            found.append(Finding(rule.concept, rule.kind, level, match, mod))
            if level == "crisis" or len(found) > 20:
                break
    found.sort(key=lambda f: LEVELS.index(f.level), reverse=True)
    return found


# --- the statistical second opinion ---------------------------------------------------
_MODEL_PATH = Path(__file__).with_name("data") / "safety_model.json"


@dataclass(frozen=True)
class _Model:
    # n-gram -> (idf, idf * coefficient, idf squared): one look-up per n-gram.
    word: dict[str, tuple[float, float, float]]
    char: dict[str, tuple[float, float, float]]
    intercept: float
    possible_at: float
    crisis_at: float
    char_range: tuple[int, int]
    word_range: tuple[int, int]


@lru_cache(maxsize=1)
def _model() -> _Model | None:
    try:
        raw = json.loads(_MODEL_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None

    def table(block: dict) -> dict[str, tuple[float, float, float]]:
        coef = block["coef"]
        weights = {
            g: (idf, idf * coef.get(g, 0.0), idf**2) for g, idf in block["idf"].items()
        }
        # Packed for the C sums where they were built: the same floats.
        return weights if _Table is None else _Table(weights, 0)

    return _Model(
        word=table(raw["word"]),
        char=table(raw["char"]),
        intercept=raw["intercept"],
        possible_at=raw["possible_at"],
        crisis_at=raw.get("crisis_at", 2.0),
        char_range=tuple(raw["char"]["ngram_range"]),
        word_range=tuple(raw["word"]["ngram_range"]),
    )


def model_text(text: str | Analysed) -> str:
    """What the model reads: the hardened, normalised message (first 2,000 characters)."""
    if isinstance(text, Analysed):
        if len(text.raw) <= _MODEL_CHARS:
            return _hardened(text).normalized
        text = text.raw
    return normalize(_harden(text[:_MODEL_CHARS]))


_MODEL_CHARS = 2000


def word_ngrams(doc: str, lo: int, hi: int) -> list[str]:
    """Word n-grams as scikit-learn's default word analyser makes them."""
    tokens = re.findall(r"(?u)\b\w\w+\b", doc)
    grams: list[str] = []
    for n in range(lo, hi + 1):
        if n == 1:
            grams.extend(tokens)  # the same strings, without a join each
        elif n == 2:
            grams.extend(map(" ".join, pairwise(tokens)))
        else:
            grams.extend(
                " ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)
            )
    return grams


def char_ngrams(doc: str, lo: int, hi: int) -> list[str]:
    """Character n-grams inside word boundaries, as scikit-learn's ``char_wb``."""
    grams: list[str] = []
    for word in doc.split():
        padded = f" {word} "
        if len(padded) < lo:
            grams.append(padded)  # a word shorter than every n counts once, whole
            continue
        for n in range(lo, min(hi, len(padded)) + 1):
            grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


def _known_char_grams(word: str) -> tuple[str, ...]:
    """The word's ``char_ngrams`` that the model weighs, in order.

    The rest add nothing to a block, so leaving them out changes no sum. The
    grams are interned: the words kept (``_kept_char_grams``) share them.
    """
    model = _model()
    assert model is not None
    grams = char_ngrams(word, *model.char_range)
    return tuple(sys.intern(g) for g in grams if g in model.char)


# Per word: a message's words are mostly ones seen before. Longer words are
# worked out each time, so the cache stays within a few megabytes (about 1 for
# everyday words) whatever is sent.
_kept_char_grams = lru_cache(maxsize=4096)(_known_char_grams)


def _model_char_grams(doc: str) -> list[str]:
    """The character n-grams of ``doc`` that the model weighs, in order."""
    grams: list[str] = []
    for w in doc.split():
        grams += _kept_char_grams(w) if len(w) <= _MAX_TOKEN else _known_char_grams(w)
    return grams


def _block_sums(
    counts: dict[str, int], table: dict[str, tuple[float, float, float]]
) -> tuple[float, float]:
    """A block's sum of squares and dot product over the n-grams the model
    weighs, in the order of ``counts``."""
    square = 0.0
    dot = 0.0
    weights = map(table.get, counts)  # looked up in one go, in the same order
    for count, found in zip(counts.values(), weights, strict=True):
        if found is None:
            continue
        if count == 1:  # most n-grams: the products were made once, alike
            square += found[2]
            dot += found[1]
        else:
            # x * x, not x ** 2: a C compiler makes pow(x, 2.0) x * x, which
            # can differ from libm's pow in the last bit (_speedups.c alike)
            x = count * found[0]
            square += x * x
            dot += count * found[1]
    return square, dot


try:  # the same sums in C, where it was built (setup.py)
    from ._speedups import Table as _Table
    from ._speedups import safety_block as _sums
    from ._speedups import safety_grams as _sums_of_list
except ImportError:  # pragma: no cover - the pure-Python sums instead
    _Table = None
    _sums = _block_sums


def _block(
    grams: list[str], table: dict[str, tuple[float, float, float]], explain: bool
) -> tuple[float, list[tuple[str, float]]]:
    """One TF-IDF block's contribution: sum(tf*idf*coef) / ||tf*idf||."""
    parts: list[tuple[str, float]] = []
    if not explain and type(table) is _Table:  # packed: counted as it is summed
        square, dot = _sums_of_list(grams, table)
    elif not explain:
        square, dot = _sums(Counter(grams), table)
    else:
        square = dot = 0.0
        for gram, count in Counter(grams).items():
            found = table.get(gram)
            if found is None:
                continue
            if count == 1:
                square += found[2]
                dot += found[1]
            else:
                x = count * found[0]
                square += x * x  # as _block_sums
                dot += count * found[1]
            parts.append((gram, count * found[1]))
    if not square:
        return 0.0, []
    norm = math.sqrt(square)
    return dot / norm, [(g, v / norm) for g, v in parts]


def probability(
    text: str | Analysed, explain: bool = False
) -> tuple[float, tuple[tuple[str, float], ...]]:
    """The model's probability that ``text`` is a crisis (and, if asked, why)."""
    model = _model()
    if model is None:
        return 0.0, ()
    doc = model_text(text)
    w_score, w_parts = _block(word_ngrams(doc, *model.word_range), model.word, explain)
    c_score, c_parts = _block(_model_char_grams(doc), model.char, explain)
    z = w_score + c_score + model.intercept
    p = 1.0 / (1.0 + math.exp(-z))
    top = sorted(w_parts + c_parts, key=lambda kv: -kv[1])[:5]
    return p, tuple((g, round(v, 3)) for g, v in top if v > 0)


# The model alone makes a crisis only about someone: a message naming a person
# (the writer or someone else, either language), or one that is not a question.
# An n-gram model can score an impersonal question ("is the freeway backed up
# right now?") high; a crisis reply to it helps nobody.
_PERSON_RE = re.compile(
    rf"\b(?:i|me|my|myself|mine|im|ive|id|ill|we|us|our|{_PERSON}|him|her|his|them|"
    r"their|yo|mi|mis|me|estoy|tengo|quiero|mama|papa|hijo|hija|esposo|esposa|ella|el)\b"
)


# A figure of speech with a harmless object: algospeak aimed at a thing ("unalive
# this laundry"), dying of a feeling, an "overdose" of coffee, Spanish
# intensifiers ("un dolor mortal", "me muero de la pena"); and a cut or burn told
# with its everyday cause ("slicing bagels"). The n-gram model
# reads the alarming word, not its object, so alone it may only make "possible".
_FIGURE_RE = re.compile(
    r"\bunaliv\w{0,3} (?:this|that|these|those|the|my|your|a|an|every|all|some|our)\b(?! ?self)|"
    r"\b(?:lights?|fluorescents?|traffic|drive|commute|heat|noise|smell|perfume|glare|sun|music|"
    r"work|shift|week|day|stairs|workout|hike|class|meeting|boss|bill|wait|line|price|freeway|"
    r"kids|screen)\b(?: \w+){0,3} (?:nearly|almost|practically|basically|literally|about) "
    r"(?:killed|kill\w{0,2}) me\b|"
    rf"\b(?:die|dying|died|dead|death)\b.{{0,12}}\b(?:of|from) (?:pure |sheer |total |the )?"
    rf"{_IDIOM_CAUSE}\b|"
    r"\b(?:overdos\w{0,4}|od d|od)\b (?:on )?(?:coffee|caffeine|sugar|chocolate|netflix|tv|"
    r"candy|pizza|memes|work|cafe|cafeina|azucar|dulces)\b|\b(?:sobredosis|me muero|casi me muero|"
    r"me mori|me estoy muriendo|morir\w{0,2}|me quiero morir) (?:de|del) (?:la |el )?(?:cafe|cafeina|"
    r"azucar|chocolate|risa|verguenza|pena|hambre|sueno|frio|calor|nervios|ganas|amor|envidia|"
    r"aburrimiento|curiosidad|emocion|gusto|celos|cansancio|sed|oso|coraje|flojera|trafico|trabajo|tarea|"
    r"estres|espera|fila|cola)\b|"
    r"\b(?:phone|cell|battery|laptop|car|computer|cel|celular|telefono|bateria|carro|compu|"
    r"computadora|pila)\b.{0,15}\b(?:died|is dead|murio|muerto|muerta)\b|\b(?:se me|se le) murio "
    r"(?:el |la |mi )?(?:cel|celular|telefono|bateria|carro|compu|computadora|pila|laptop)\b|"
    r"\b(?:dolor|migrana|jaqueca)\b.{0,25}\b(?:mortal|de muerte|matador|que mata)\b|"
    r"\b(?:mortal|de muerte|matador)\b.{0,10}\b(?:dolor|migrana|jaqueca)\b|"
    r"\b(?:se (?:me|le) (?:cayo|rompio|descompuso|apago|quebro)) (?:el |la |mi )?(?:cel|celular|"
    r"telefono|bateria|carro|compu|computadora|pila|laptop)\b|\b(?:phone|cell|laptop|screen) "
    r"(?:broke|cracked|fell|died|is broken|was dead)\b|"
    r"\b(?:carta|cartas|letter|letters|note|notes) (?:de|del|from|for) (?:mi |la |el |my |the |a |your )?"
    r"(?:doctor|doctora|medico|medica|neurologo|seguro|trabajo|escuela|insurance|work|school|employer|"
    r"boss|neurologist|referral|recomendacion|referencia)\b|"
    r"\b(?:cut|cuts|burned|burnt|burns|sliced|nicked|scraped|corto|corte|corta|quemo|queme)\b.{0,30}\b(?:slicing|cooking|chopping|"
    r"shaving|by accident|accidentally|in the kitchen|on a can|on glass|skateboard\w{0,3}|"
    r"cocinando|sin querer|por accidente|picando)\b|"
    # a cut whose object is a thing, not the body ("how deep to cut the carrots")
    r"\b(?:cut|cutting|slice|slicing|chop|chopping)(?: up)? (?:the|a|an|these|those|this|that|some|"
    r"my|your|his|her|our|their) (?!(?:wrists?|arms?|legs?|thighs?|skin|veins?|arter\w+|stomach|"
    r"belly|hips?|body|self|neck|throat|hands?|fingers?|ankles?|chest|face|little|bit|lot|line|"
    r"lines|deeper|deep|few|couple|fresh|new|old|same|scars?|cuts?)\b)[a-z]{3,}\b|"
    r"\bno (?:los|las|lo|la|te) (?:voy a |vuelvo a )?molest\w{1,4} (?:mas )?con (?:tantas |mas |mis )?"
    r"(?:preguntas|mensajes|dudas)\b|\b(?:wont|will not|not going to|stop) (?:bother|bug|pester)\w{0,3} "
    r"(?:you|y all|you guys) (?:any more )?with (?:more |so many |all my )?(?:questions|messages)\b"
)


# A message of a word or two ("no", "ok thx") carries too little for the model
# alone to make a crisis; the terse crisis words ("911", "kms") are concepts.
_MODEL_CRISIS_WORDS = 3


# The model reads Spanish through the English normaliser, and the Spanish it
# learned from was mostly crisis messages: Spanish function words ("y" read as
# "why", "ya", "mi", "se", "me") weigh towards a crisis by themselves. So a
# Spanish question to the clinic is made a crisis by the model alone only when
# danger is in its content: one of its words shares a stem with the words of
# the Spanish rules (built below from the rules' own patterns, so a word added
# to a rule joins the class; everyday words set apart), or the model
# still reaches a crisis on the content words alone (the closed classes taken
# out). Otherwise it stays at ``possible``.
_ES_FUNCTION = frozenset(
    """
    a al ante bajo con contra de del desde en entre hacia hasta para pa por segun sin
    sobre tras el la los las lo un una unos unas y e o u ni pero sino que q k se me
    te le les nos mi mis tu tus su sus yo usted ustedes ud uds ella ellos ellas
    nosotros este esta estos estas ese esa esos esas esto eso es son ser soy era fue
    sea estar estan estoy estaba he ha han has hay habia tengo tiene tienen tener
    tenia puedo puede pueden podria muy mas menos tan tanto ya si no aqui ahi asi bien
    algo alguien algun alguna como cuando donde cual cuales cuanto cuanta cuantos
    cuantas quien porque pq xq hola gracias favor buenas buenos oye pues entonces
    bueno nomas solo tambien todo toda todos todas otro otra otros otras mucho mucha
    muchos muchas poco nada casi mismo igual ahora despues siempre
    """.split()
)
# The clinic's everyday Spanish that the rules use as context (the people in a
# story, time, the treatment and its headache, asking, needing, coming, going):
# words no danger stands on by itself.
_ES_EVERYDAY = frozenset(
    """
    amable causa cerca comer consejo contra cosas cuello cuenta cuesta cuide debo
    dejar dejo dias diario domingo dormir duerme duele efecto elegir encuentro
    ensayo estacionamiento estomago estres familia fuerte gusta habla hablo hacer
    hago hermana hija hijo hijos hora humano llama llamo llego lleva lleve lugar
    mama manana marca media medico medicina mejor mensaje molesta momento motivo
    mujer necesito nino ninos noche nota nuevo paciente papel pasa pasan pensaba
    pienso persona pongo preocupa prepa pronto proxima punto queda quedo quiero
    quisiera quita regreso resultado sabado saber sigue siento sigo sirve tarda
    telefono tiempo tomar tomo traer tratamiento triptan vale varias video vino
    volver semana senor cabeza dolor dosis cansada calma cantidad alta seguro
    esposo esposa marido pareja padre madre papa papas papi mami hijas amigo amiga
    novio novia primo prima suegra suegro nieto abuelo abuela lunes martes
    miercoles jueves viernes finde fecha rato final medio exacto forma modo manera
    caso rapido facil sitio orden piso edificio puerta mesa suelo carro coche metro
    tren camion autobus arriba abajo atras debajo delante enfrente frente dice dijo
    dile diles digan diciendo creo lindo linda bonito pena basta cierran sufrido
    sentir termine prefiero seguir problema traigo trayendo irme irse vaya venga
    vamos iria llegue llame escribi mande texto audio pasar darse tocar toco entra
    entro sono subi puse puso meter meti meto sales pedi pido pide hice hiciera
    hare haria tendria tenido teniendo sido sean sere seria haber fuera fueron
    fuiste estuve quite quito cien diez veinte treinta cuarenta cincuenta nadie
    ojos dios lata banco clave acostarme practica proposito repite tome pense deje
    ataque cuerpo deja empezo horas infusion ketamina sesion suero llevo mano
    minutos mover nueva raro regla luces lucecitas puntitos borroso hace falta
    compa bajar salen suben parar dolido vista cara instante monton toma
    andar anda ando alto bebe cero cuidar tuve tuvo pude trae conmigo nina
    """.split()
)


_ES_DIPHTHONG_RE = re.compile(r"ie|(?<![qg])ue")


def _es_stem(word: str) -> str:
    """A Spanish word's stem for the danger class: its first five letters, with
    a stressed diphthong folded back ("muero" as "morir", "avienta" as "aventar")."""
    return _ES_DIPHTHONG_RE.sub(
        lambda m: "e" if m.group() == "ie" else "o", word, count=1
    )[:5]


def _pattern_words(pattern: str) -> list[str]:
    """The literal words (four letters or more) of a rule's pattern."""
    text = re.sub(r"\\[a-zA-Z]|\[[^\]]*\]|\{[^}]*\}", " ", pattern)
    return re.findall(r"[a-z]{4,}", text)


@lru_cache(maxsize=1)
def _es_danger_stems() -> frozenset[str]:
    """The stems of the Spanish rules' words, less the everyday ones.

    A medicine's name is the clinic's everyday talk too ("y si el sumatriptan
    ya no me hace nada?"): the amount or the end said with it is the danger.
    """
    common = {_es_stem(w) for w in _ES_FUNCTION | _ES_EVERYDAY if len(w) >= 4}
    medicines = set(_pattern_words(_ES_DRUG))
    return frozenset(
        _es_stem(w)
        for rule in RULES_ES
        # A sign of an emergency ("mareo", "pecho") is the clinic's everyday
        # symptom talk: the emergency rules need its combination, not the word.
        if rule.kind != "emergency"
        for w in _pattern_words(rule.pattern)
        if w not in medicines
    ) - common


# A word as common as "trabajo", "partidos" or "nunca" (Zipf 4.5 or more in the
# Spanish word table) shares a stem with some rule by accident more often than
# it carries danger: a third of ordinary Spanish questions held one. The common
# words of danger ("morir", "matar") are what the content-only model reads best.
_ES_DANGER_MAX_ZIPF = 4.5


def _es_danger_words(words: list[str]) -> list[str]:
    """The words of ``words`` in the Spanish harm rules' stem class that are
    rarer than everyday Spanish (``_ES_DANGER_MAX_ZIPF``)."""
    stems, short = _es_danger_stems(), _es_short_stems()
    found = []
    for w in words:
        stem = _es_stem(w) if len(w) >= 4 else ""
        if (
            stem
            and (stem in stems or stem[:4] in short)
            and zipf(w, "es") < _ES_DANGER_MAX_ZIPF
        ):
            found.append(w)
    return found


@lru_cache(maxsize=1)
def _es_short_stems() -> frozenset[str]:
    """The class's four-letter stems ("soga"; "quem", a pattern's cut stem) read as
    prefixes, less any that begins an everyday word ("mueve" and "mover")."""
    common = {_es_stem(w)[:4] for w in _ES_FUNCTION | _ES_EVERYDAY if len(w) >= 4}
    return frozenset(s for s in _es_danger_stems() if len(s) == 4) - common


_ES_ASKING = frozenset(
    "que como cuando donde cual cuales cuanto cuanta cuantos cuantas hay tienen pueden "
    "puedo puede es ustedes".split()
)
# An indirect question: "me pregunto si", "quisiera saber", "para saber si".
_ES_INDIRECT_RE = re.compile(
    r"\b(?:me pregunto si|(?:quisiera|queria|quiero|necesito|para|nomas|solo) saber|saber si|"
    r"(?:les|le) (?:pregunto|queria preguntar))\b"
)


def _spanish_question_without_danger(msg: Analysed) -> bool:
    """A Spanish question to the clinic with no danger in its content words."""
    if detect(msg).lang != "es":
        return False
    sentences = _spanish_sentences(msg)
    asks = any(
        q or s.split(maxsplit=1)[0] in _ES_ASKING or _ES_INDIRECT_RE.search(s)
        for s, q in sentences
        if s
    )
    if not asks:
        return False
    words = _es_content_words(sentences)
    model = _model()
    if model is None:
        return not _es_danger_words(words)
    # The content words alone must still read as danger to the model: at the
    # crisis threshold, or at the possible one when a word of the rules' danger
    # class is among them (a story's "recamara" shares a rule's stem, and its
    # content reads at 0.03).
    content = probability(" ".join(words))[0]
    if _es_danger_words(words):
        return content < model.possible_at
    return content < model.crisis_at


# "Seguir", "continuar", "dejar de" before the gerund or infinitive of another
# verb are about that verb ("puedo seguir tomandolo", "dejar de usar"), not
# about going on living: the rules' sense needs "vivir", "aqui", "asi".
_ES_ASPECT = frozenset("seguir sigo sigue continuar continuo continua dejar dejo".split())
_ES_ASPECT_RE = re.compile(r"(?:ando|iendo|yendo|ar|er|ir)(?:l[oa]s?|me|se|le)?$")
_ES_LIFE = frozenset("vivir viviendo existir existiendo estar aqui asi adelante".split())


def _es_content_words(sentences: list[tuple[str, bool]]) -> list[str]:
    """The content words of Spanish sentences, less an aspect verb ("seguir")
    that governs another verb."""
    out: list[str] = []
    for s, _ in sentences:
        words = s.split()
        for i, w in enumerate(words):
            if w in _ES_FUNCTION:
                continue
            if w in _ES_ASPECT:
                rest = [x for x in words[i + 1 : i + 3] if x not in ("de", "con")]
                nxt = rest[0] if rest else ""
                if nxt and nxt not in _ES_LIFE and _ES_ASPECT_RE.search(nxt):
                    continue
            out.append(w)
    return out


# A dose told as a mistake: "sin querer", "por error", "me equivoque". The
# model reads "me tome" and "de mas"; alone it may only make "possible" of it.
_ES_ACCIDENT_RE = re.compile(
    r"\b(?:sin querer|por (?:error|equivocacion|accidente|descuido)|me equivoque|"
    r"se me olvido que ya|no me acorde que ya|sin darme cuenta)\b"
)


def _spanish_accident(msg: Analysed) -> bool:
    """A Spanish message telling a dose as a mistake, with no danger word."""
    if detect(msg).lang != "es":
        return False
    sentences = _spanish_sentences(msg)
    return any(_ES_ACCIDENT_RE.search(s) for s, _ in sentences) and not (
        _es_danger_words(_es_content_words(sentences))
    )


def _figure_of_speech(msg: Analysed) -> bool:
    return any(_FIGURE_RE.search(s) for s, _ in _spanish_sentences(msg))


# A dose told as taken by the label: "just my normal dose", "not extra", "following
# the label". The n-gram model reads "took" and "dose of", not what the writer
# denies, so alone it may only make "possible" of such a message.
_AS_DIRECTED_RE = re.compile(
    r"\b(?:(?:normal|usual|regular|prescribed|recommended|label|labeled|labelled|correct|"
    r"right|proper|standard|single|one|daily) dose|as (?:prescribed|directed|instructed|the "
    r"label says)|(?:per|following|follow|by|on|within|under) the (?:label|directions|"
    r"instructions|limit|max\w*)|(?:not|no|never|nothing) (?:any )?extra|(?:did not|never|"
    r"do not|does not) (?:take|took|use|swallow|go over) (?:too (?:much|many)|extra|more|the "
    r"(?:limit|max\w*))|make sure i (?:am|m) (?:not )?(?:taking|following|using|doing) (?:it |"
    r"this |them )?(?:right|correctly|safely|the label|the directions))\b"
)
# What is over and stays over: a recovery told now, or scars that are old.
_RECOVERED_RE = re.compile(
    r"\b(?:looking forward|glad (?:i am|i m|im|to be) (?:still )?(?:alive|here)|"
    r"(?:love|enjoy|enjoying|loving) (?:my )?life|doing (?:well|great|good|better|really well)|"
    r"in a (?:good|better|great) place|(?:much|so much|a lot) better|grateful|thankful|proud|"
    r"recovered|in recovery|not anymore)\b"
)
# A treatment told as having failed ("tried two triptans, both failed"): the
# despair words the model learned ("this time", "will not", "done") are the
# migraine patient's about a medicine, so alone it may only make "possible".
_TREATMENT_FAILED_RE = re.compile(
    rf"\b(?:{_DRUG}|triptans?|meds|medications?|medicines?|treatments?|preventives?|"
    r"botox|infusions?|nerve blocks?)\b(?: \w+){0,4} (?:(?:all |both |each |every one )?"
    r"(?:failed|did not work|do not work|does not work|stopped working|quit working|"
    r"never worked|were useless|was useless|did nothing|do nothing))\b"
)
_OLD_SCARS_RE = re.compile(
    r"\b(?:scars? (?:are|is|look|looks) (?:\w+ )?(?:old|faded|healed|white|silver|light)|"
    r"(?:old|faded|healed|white|silver) (?:\w+ ){0,2}scars?)\b"
)


def _told_as_over(sentences: list[tuple[str, bool]]) -> bool:
    """True when the message tells its risk as a past that is over.

    A past marker ("years ago", "in high school", "two years free from ...")
    with a recovery told now ("now I look forward to things"), or scars told as
    old with nothing fresh beside them. A past alone is not enough: "I wish last year's scare had been real"
    tells a wish now. Only the model's own crisis yields to it.
    """
    text = _SENTENCE.join(s for s, _ in sentences)
    if (
        _OLD_SCARS_RE.search(text)
        and not _NOW_RE.search(text)
        and not _FRESH_RE.search(text)
    ):
        return True
    return bool(_RECOVERED_RE.search(text) and _PAST_FAR_RE.search(text))


def _settled(sentences: list[tuple[str, bool]]) -> bool:
    """A dose taken as directed, a treatment that failed, or a risk told as over:
    no crisis from the model alone."""
    return _told_as_over(sentences) or any(
        _AS_DIRECTED_RE.search(s) or _TREATMENT_FAILED_RE.search(s)
        for s, _ in sentences
    )


# An everyday function lost to a bodily cause: "can't sleep because of my head",
# "hard to focus with this migraine". The model reads "can not", "because" and
# "again" as despair (they are the crisis messages' "can not go on", "because I
# want to die", "cutting again"); told of a symptom they are the migraine patient's.
_BODILY_CAUSE_RE = re.compile(
    r"\b(?:can not|cannot|could not|unable to|hard to|struggling to|trouble|no way to) "
    r"(?:\w+ )?(?:sleep\w{0,3}|eat\w{0,3}|focus\w{0,3}|concentrat\w{1,4}|work\w{0,3}|read\w{0,3}|"
    r"think\w{0,3}|see|seeing|drive|driving|get up|look at (?:a )?screens?|function\w{0,3}|rest\w{0,3})\b"
    r"(?: \w+){0,3} (?:because of|because|from|due to|with|thanks to) (?:my|the|this|these|a|an) "
    r"(?:\w+ )?(?:head|headaches?|migraines?|pain|neck|eyes?|auras?|nausea|stomach|meds|"
    r"medications?|medicines?|temple|sinus\w{0,3}|jaw)\b"
)


def _about_someone(sentences: list[tuple[str, bool]]) -> bool:
    asks = all(q for _, q in sentences)
    return not asks or any(_PERSON_RE.search(s) for s, _ in sentences)


def assess(text: str | Analysed, explain: bool = False) -> Assessment:
    """Decide the risk level of one message, with the reasons.

    The model runs when no concept decided the level, or when ``explain``
    asks for every reason (its top features included). ``text`` may be the
    pipeline's analysed message, whose normalised clauses the screen reuses.
    """
    msg = analyse(text)
    sentences = _english_sentences(msg)
    english = _SENTENCE.join(s for s, _ in sentences)
    findings = _findings(sentences, "en")
    # The Spanish pass reads every message (Spanish crisis words often come
    # without Spanish function words); a hit the English pass already read in
    # its own context ("wasn't suicidal") is not read again without it.
    seen = [f.span for f in findings if f.level != "none"]
    findings += [
        f
        for f in _findings(_spanish_sentences(msg), "es")
        if not any(f.span in span or span in f.span for span in seen)
    ]
    # A hit vetoed as an idiom decides nothing; it only keeps the model at possible.
    idiom = any(f.level == "none" for f in findings)
    findings = [f for f in findings if f.level != "none"]
    crisis = [f for f in findings if f.level == "crisis"]
    # The model is asked unless a concept decided: nothing fired, or only weak
    # concepts did. A hit that context softened (negated, past, reported, about
    # the topic, habitual) is not second-guessed: reading context is what the
    # n-gram model does worst.
    softened = any(f.modifier for f in findings)
    p, features = 0.0, ()
    if explain or not (crisis or softened):
        p, features = probability(msg, explain=explain)
    if crisis:
        return Assessment("crisis", crisis[0].kind, tuple(findings), p, features, english)
    model = _model()
    if (
        model is not None
        and not softened
        and p >= model.crisis_at
        and _about_someone(sentences)
        and not idiom
        and not _figure_of_speech(msg)
        and len(msg.normalized.split()) >= _MODEL_CRISIS_WORDS
        and not _settled(sentences)
        and not (not findings and any(_BODILY_CAUSE_RE.search(s) for s, _ in sentences))
        and not _spanish_question_without_danger(msg)
        and not _spanish_accident(msg)
    ):
        kind = findings[0].kind if findings else "model"
        return Assessment("crisis", kind, tuple(findings), p, features, english)
    if findings:
        return Assessment(
            "possible", findings[0].kind, tuple(findings), p, features, english
        )
    if model is not None and p >= model.possible_at:
        return Assessment("possible", "model", (), p, features, english)
    return Assessment("none", None, (), p, features, english)


def screen(text: str) -> Screen | None:
    """Return what kind of crisis ``text`` signals, or None (below ``crisis``).

    >>> screen("this migraine is killing me, can ketamine help?") is None
    True
    >>> screen("can ketamine help? honestly i dont want to be alive anymore").kind
    'suicide'
    """
    verdict = assess(text)
    if verdict.level != "crisis":
        return None
    first = verdict.findings[0] if verdict.findings else None
    return Screen(verdict.kind or "suicide", first.concept if first else "")
