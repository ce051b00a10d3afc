"""Seizures: what was seized, how much, in what unit.

Only sentences with a seizure verb are read ("seized", "seizure of", "confiscated",
"recovered", "intercepted", "frozen"). In them we take money ("EUR 2.4 million",
"about 70.000 euros in cash and jewellery", "US$238 000 in cash"), measured goods ("over 6
tonnes of cannabis resin", "27 kg of heroin"), counted goods ("3140 cannabis plants", "five
sports cars") and unquantified ones ("hundreds of kilograms of heroin", "numerous
forged passports"). A value after "worth" that prices a counted item is not a second
seizure; a conversion in brackets "(about $33 million)" is not either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pycountry

from graphkit.extract.analysis import Analysis, SentenceView
from graphkit.extract.numbers import NUMBER_WORDS, Number
from graphkit.extract.tokens import word_set

_SEIZE = re.compile(
    r"\b(?:seiz\w*|confiscat\w*|recovered|intercepted|frozen|froze|freez\w*|impounded|"
    r"intervened|intervene|intercepts?|retrieved|found|discovered|blocked|secured)\b",
    re.IGNORECASE,
)
_NEW_OBJECT = re.compile(
    r"[,;]|\b(?:and|also)\s+(?:also\s+)?(?:seized|confiscated|froze|frozen|recovered|found)\b",
    re.IGNORECASE,
)
"""Between a counted item and a "worth" value: the value prices a new object, not it."""
_SEIZE_PREFIXES = (
    "seiz",
    "confiscat",
    "recover",
    "intercept",
    "frozen",
    "froze",
    "freez",
    "impound",
    "interven",
    "retriev",
    "found",
    "discovered",
    "blocked",
    "secured",
)
_ACTIVE_CUE = re.compile(
    r"\b(?:seizures? of|seized|seizing|confiscated|confiscating|confiscation of|recovered|"
    r"recovering|intercepted|froze|freezing|intervened|impounded|freezing of|recovery of|"
    r"found|discovered|blocked|blocking)\b",
    re.IGNORECASE,
)
_ISO_CURRENCIES = "|".join(
    sorted(
        c.alpha_3
        for c in pycountry.currencies
        if c.alpha_3 not in ("ALL", "TOP", "CUP", "SOS", "MOP", "BOB", "PEN", "MAD", "NAD")
    )
)
"""Every ISO 4217 code ("XOF 12 million", "AED 40,000"), matched in capitals only, except
those that are also words written in capitals ("ALL 200 kg were seized")."""
_CURRENCY_BEFORE = re.compile(
    rf"(?P<cur>US\$|R\$|C\$|A\$|HK\$|\$|€|£|¥|₹|₽|₺|(?<![A-Za-z])(?:{_ISO_CURRENCIES}))"
    r"\s?$"
)
_CURRENCY_AFTER = re.compile(
    r"^\s*(?P<cur>(?:US|U\.S\.|American|Canadian|Australian|Hong Kong|Singapore|New Zealand)"
    r"\s+dollars?\b|"
    rf"€|(?-i:(?:{_ISO_CURRENCIES})\b)|(?:euros?|dollars?|pounds?(?! of)|"
    r"Swiss francs|francs|reais|kronor|kroner|zloty|lei|forints|rupees|dirhams?|lira|"
    r"rubles?|roubles?|bitcoins?)\b)",
    re.IGNORECASE,
)
_CUR_CODE = {
    "us$": "USD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "r$": "BRL",
    "c$": "CAD",
    "a$": "AUD",
    "hk$": "HKD",
    "¥": "JPY",
    "euro": "EUR",
    "euros": "EUR",
    "dollar": "USD",
    "dollars": "USD",
    **{
        f"{qualifier} {word}": code
        for qualifier, code in (
            ("us", "USD"),
            ("u.s.", "USD"),
            ("american", "USD"),
            ("canadian", "CAD"),
            ("australian", "AUD"),
            ("hong kong", "HKD"),
            ("singapore", "SGD"),
            ("new zealand", "NZD"),
        )
        for word in ("dollar", "dollars")
    },
    "pound": "GBP",
    "pounds": "GBP",
    "swiss francs": "CHF",
    "francs": "CHF",
    "reais": "BRL",
    "kronor": "SEK",
    "kroner": "DKK",
    "zloty": "PLN",
    "lei": "RON",
    "forints": "HUF",
    "bitcoin": "BTC",
    "bitcoins": "BTC",
    "₹": "INR",
    "₽": "RUB",
    "₺": "TRY",
    "rupees": "INR",
    "dirham": "AED",
    "dirhams": "AED",
    "lira": "TRY",
    "ruble": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "roubles": "RUB",
}
_UNIT = re.compile(
    r"^\s*(?P<unit>kilogrammes?|kilograms?|kilos?|kgs?|grammes?|grams?|g|tonnes?|tons?|t|"
    r"litres?|liters?|l|ml|pounds|lbs)\b\.?(?:\s+of)?",
    re.IGNORECASE,
)
_UNIT_CODE = {
    "kilogramme": "kg",
    "kilogrammes": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "kilo": "kg",
    "kilos": "kg",
    "kg": "kg",
    "kgs": "kg",
    "gramme": "g",
    "grammes": "g",
    "gram": "g",
    "grams": "g",
    "g": "g",
    "tonne": "tonnes",
    "tonnes": "tonnes",
    "ton": "tonnes",
    "tons": "tonnes",
    "t": "tonnes",
    "litre": "litres",
    "litres": "litres",
    "liter": "litres",
    "liters": "litres",
    "l": "litres",
    "ml": "ml",
    "pounds": "lbs",
    "lbs": "lbs",
}
_STOP = word_set(
    "and in from worth seized were was which that with plus among to at on for during as "
    "by have has had been being are is meant ready used destined intended hidden found "
    "belonging valued who while after before near into across inside totalling totaling "
    "or also too arrested detained searched sold bought smuggled seized confiscated recovered "
    "frozen intercepted believed suspected thought said alleged allegedly reportedly"
)
_CONTAINERS = word_set(
    "shipment shipments consignment consignments package packages bag bags bale bales "
    "block blocks load loads batch batches cargo parcel parcels box boxes carton cartons "
    "crate crates sack sacks pallet pallets packet packets brick bricks barrel barrels "
    "canister canisters bottle bottles"
)
"""Counted wrappers: "3 boxes of cigarettes" seized 3 of cigarettes, not 3 boxes."""
SEIZABLE = word_set(
    """vehicle vehicles car cars truck trucks lorry lorries van vans boat boats vessel vessels
    yacht yachts speedboat speedboats aircraft aircrafts plane planes helicopter helicopters
    motorcycle motorcycles firearm firearms weapon weapons gun guns pistol pistols rifle rifles
    revolver revolvers round rounds cartridge cartridges ammunition grenade grenades explosives
    phone phones telephone telephones smartphone smartphones device devices computer computers
    laptop laptops tablet tablets server servers drive drives house houses apartment apartments
    flat flats property properties villa villas building buildings plant plants watch watches
    jewellery jewelry account accounts wallet wallets document documents passport passports
    card cards cigarette cigarettes cigar cigars package packages parcel parcels pill pills
    dose doses bottle bottles item items banknote banknotes bar bars ingot ingots painting
    paintings artwork artworks goods containers container kilograms"""
)
EXCLUDED = word_set(
    """suspect suspects people persons person individuals individual members member men women
    children victims victim officers officer agents searches search arrests arrest countries
    country years year months month days day weeks week hours hour times premises locations
    location localities sites site laboratories laboratory labs lab plantations plantation
    companies company raids raid investigations operations operation cases case experts expert
    nationals migrants leaders users accounts-holders percent per cent"""
)
_QUANTIFIER = re.compile(
    r"\b(?P<q>dozens|hundreds|thousands|millions|several thousand|several hundred|numerous|"
    r"several|some|a number of|various|a large (?:number|quantity) of|(?:large )?quantities of|"
    r"large amounts of)\s+(?:of\s+)?",
    re.IGNORECASE,
)
_NOT_SEIZED_BEFORE = re.compile(
    r"\b(?:profits?|launder\w*|paid|pay|turnover|damages?|loss(?:es)?|revenues?|earned|"
    r"generated|costs?|estimated at|sold|selling|moved|importation|imported|smuggled|"
    r"brought in|bring in|could have|would have|worth up to|potential)\b"
    r"[^.;]{0,40}$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class SeizureMention:
    item: str
    quantity: float | None
    unit: str | None
    sentence: SentenceView
    pos: int = -1  # report offset of the figure or the item, for placing it in a country


_FIXES = {"aircrafts": "aircraft", "devises": "devices", "monies": "money"}
"""Common non-native plurals and typos in press releases, normalised in item names."""


_PHRASE_PART = re.compile(r"[^\s,;:()\[\].]+|[,;:()\[\].]")
_WORDLIKE = re.compile(r"[\w'’-]")


def _words_after(text: str, max_words: int = 4) -> str:
    """The noun phrase starting ``text``: words up to punctuation or a stop word."""
    words: list[str] = []
    for m in _PHRASE_PART.finditer(text[:200]):
        w = m.group()
        if not _WORDLIKE.match(w):
            break
        low = w.lower()
        if (
            low == "of"
            and words
            and (
                words[-1].lower() in _CONTAINERS
                or words[-1].lower() in ("rounds", "round", "bars", "pieces")
            )
        ):
            words.append(w)
            continue
        if low in _STOP or low == "of":
            break
        words.append(_FIXES.get(low, w))
        if len(words) >= max_words:
            break
    while words and words[0].lower() in _CONTAINERS and len(words) > 2 and words[1] == "of":
        words = words[2:]
    while len(words) > 1 and words[0].lower() in ("the", "a", "an", "their", "its", "his", "her"):
        words = words[1:]
    return " ".join(words)


def _np_before(text: str) -> str:
    """Words before "worth": back to the seizure verb or the last comma."""
    cut = max(text.rfind(","), text.rfind(";"), text.rfind("("))
    for m in _ACTIVE_CUE.finditer(text):
        cut = max(cut, m.end() - 1)
    phrase = text[cut + 1 :].strip()
    sub = list(re.finditer(r"\b(?:including|such as|among them|of which)\b", phrase, re.I))
    if sub:
        return ""  # "houses - including a villa valued at EUR 6 million": a part, priced
    # "a gun and fake money worth EUR 160 000": the gun is a thing of its own
    parts = re.split(r"\s+and\s+", phrase)
    if len(parts) > 1 and re.match(r"(?:an?|one|\d+)\s", parts[-2], re.IGNORECASE):
        phrase = parts[-1]
    phrase = re.sub(r"^(?:and|the|also|a|an)\s+", "", phrase, flags=re.IGNORECASE)
    return phrase


def _head(item: str) -> str:
    words = item.lower().split()
    if "of" in words:
        return words[words.index("of") - 1] if words.index("of") else words[0]
    return words[-1] if words else ""


def _money(
    view: SentenceView, num: Number, before: str, after: str, priced: bool = False
) -> SeizureMention | None:
    cb = _CURRENCY_BEFORE.search(before[-5:])
    ca = None if cb else _CURRENCY_AFTER.match(after)
    if not (cb or ca):
        return None
    cur = (cb or ca).group("cur")
    unit = _CUR_CODE.get(" ".join(cur.lower().split()), cur.upper())
    bare_before = before[: len(before) - len(cb.group())] if cb else before
    bracket = re.search(
        r"\(\s*(?:about|around|approximately|some|over|roughly|ca\.?)?\s*$", bare_before
    )
    if bracket is not None:
        named = re.search(r"([A-Za-z][\w' -]{1,40}?)\s*$", bare_before[: bracket.start()])
        if named is None or re.search(
            r"(?:\d|[€$£]|\b(?:EUR|USD|GBP|euros?|dollars?|million|billion|thousand|bn|mn|m))\s*$",
            bare_before[: bracket.start()],
        ):
            return None  # a conversion in brackets: "EUR 5 million (about $5.4 million)"
        item = _np_before(named.group(1))  # "cash (EUR 50 000)": the thing, then its value
        if not item or item.split()[-1].lower() in _STOP:
            return None
        return SeizureMention(item, None if _approximate(after) else num.value, unit, view)
    if re.search(r"\([^()]{0,25}$", bare_before):
        return None  # a conversion in brackets
    if _NOT_SEIZED_BEFORE.search(bare_before):
        return None
    worth = re.search(
        r"\b(?:worth|valued at|value of|with a value of|holding|containing|with balances? of|"
        r"with a total of|totalling|totaling)\s+(?:in excess of|over|more than|about|"
        r"around|approximately|some|up to|nearly|almost|an estimated|at least)?\s*$",
        bare_before,
        re.IGNORECASE,
    )
    rest = after[ca.end() :] if ca else after
    rest = re.sub(r"^\s*\([^()]{0,40}\)", "", rest)  # "€95,000 (around $105,246) in crypto"
    if re.match(r"\s*(?:bank)?notes?\b|\s*bills?\b|\s*banknotes?\b", rest, re.IGNORECASE):
        return None  # "the new €100 note" is a denomination
    if worth:
        np_text = _np_before(bare_before[: worth.start()])
        container = re.match(r"[\d\s,.]+\s+(?P<what>.*\b(?:accounts?|wallets?))$", np_text)
        if container is not None:
            np_text, priced = container.group("what"), False  # "87 bank accounts worth X"
        if priced or re.search(r"\d", np_text) or not np_text:
            return None
        item = " ".join(np_text.split()[-5:])
    else:
        im = re.match(r"^\s*(?:worth of|in|of)\s+", rest)
        item = _words_after(rest[im.end() :]) if im else ""
        if item[:1].isupper() and not item.split()[0].isupper():
            item = ""  # "EUR 2.4 million in Greece": a place, not what was seized
        item = item or "cash"
    return SeizureMention(item, None if _approximate(after) else num.value, unit, view)


_OR_SO = re.compile(r"^\s*or so\b", re.IGNORECASE)


def _approximate(after: str) -> bool:
    return bool(_OR_SO.match(after))


def _measure(view: SentenceView, num: Number, after: str) -> SeizureMention | None:
    rest = after
    approx = _approximate(rest)
    if approx:
        rest = rest[re.match(r"^\s*or so", rest, re.IGNORECASE).end() :]
    um = _UNIT.match(rest)
    if not um:
        return None
    tail = re.sub(r"^\s*\([^()]{0,60}\)\s*(?:of\s+)?", " ", rest[um.end() :])
    item = _words_after(tail)
    unit = _UNIT_CODE.get(um.group("unit").lower(), um.group("unit").lower())
    if not item and um.group("unit").lower() in ("t", "g", "l"):
        return None  # a lone letter names no unit without its item ("3 t")
    # no item: the sentence names it elsewhere ("cocaine (1.2 tonnes)", "another 3 kg")
    return SeizureMention(item, None if approx else num.value, unit, view)


_SEARCHED_BEFORE = re.compile(
    r"\b(?:raid(?:ed|ing)?|search(?:ed|ing)?|inspect(?:ed|ing)?|visit(?:ed|ing)?|"
    r"check(?:ed|ing)?|targeted|storm(?:ed|ing)?)\s+(?:some\s+|over\s+|more than\s+|about\s+)?$",
    re.IGNORECASE,
)
_SEARCHES_AFTER = re.compile(
    r"^\s*(?:[\w-]+\s+){0,4}?(?:searches|raids|inspections|checks)\b", re.IGNORECASE
)
_PRICED_CONTAINER = re.compile(
    r"^\s*(?:[\w-]+\s+){0,3}?(?:accounts?|wallets?)\s+(?:worth|with|holding|containing|"
    r"totalling|totaling|valued)\b",
    re.IGNORECASE,
)
"""Bank accounts or wallets with a value: the value is what was seized, not the count."""


def _count(
    view: SentenceView, num: Number, before: str, after: str, in_list: bool
) -> SeizureMention | None:
    if num.as_int is None or (num.value >= 1900 and num.value <= 2100 and not num.words):
        return None
    if _SEARCHED_BEFORE.search(before) or _SEARCHES_AFTER.match(after):
        return None  # "raided 19 houses", "ten house and company searches"
    if _PRICED_CONTAINER.match(after) or _CURRENCY_BEFORE.search(before[-5:]):
        return None
    item = _words_after(after)
    if not item:
        return None
    joined = re.match(r"\s*" + re.escape(item) + r"\s+and\s+", after)
    if joined and not _complete(item):
        more = _words_after(after[joined.end() :])
        if more:
            item = f"{item} and {more}"  # "2 800 bank and virtual-asset accounts"
    head = _head(item)
    if head in EXCLUDED or head in _NOT_ITEMS or not re.match(r"[a-z]", head):
        return None
    if item.split()[0].lower() in EXCLUDED:
        return None  # "30 people believed to be victims"
    if head not in SEIZABLE and not in_list:
        return None
    return SeizureMention(item, None if _approximate(after) else num.value, None, view)


def _quantified(view: SentenceView) -> list[SeizureMention]:
    out: list[SeizureMention] = []
    for m in _QUANTIFIER.finditer(view.text):
        rest = view.text[m.end() :]
        if re.match(r"\s*\d", rest):
            continue
        cm = _CURRENCY_AFTER.match(" " + rest)
        if cm:
            im = re.match(r"^\s*(?:in|of)\s+", rest[cm.end() - 1 :])
            item = _words_after(rest[cm.end() - 1 + im.end() :]) if im else "cash"
            out.append(
                SeizureMention(
                    item or "cash",
                    None,
                    _CUR_CODE.get(
                        " ".join(cm.group("cur").lower().split()), cm.group("cur").upper()
                    ),
                    view,
                )
            )
            continue
        um = _UNIT.match(rest)
        if um and um.group("unit").lower() not in ("t", "g", "l"):
            item = _words_after(rest[um.end() :])
            if item:
                out.append(
                    SeizureMention(item, None, _UNIT_CODE.get(um.group("unit").lower()), view)
                )
            continue
        item = _words_after(rest)
        if item and _head(item) in SEIZABLE:
            out.append(SeizureMention(item, None, None, view))
    return out


def _item_from_context(
    found: SeizureMention, before: str, out: list[SeizureMention]
) -> SeizureMention | None:
    """A measure without its item takes it from the words before a bracket ("cocaine (1.2
    tonnes)") or from the sentence's last measured item ("5 kg of heroin, and in France
    another 3 kg"); with neither, it is no seizure."""
    bracket = re.search(r"([A-Za-z][\w' -]{1,40}?)\s*\(\s*(?:about|around|some|over)?\s*$", before)
    if bracket:
        item = _np_before(bracket.group(1))
        if item and item.split()[-1].lower() not in _STOP:
            return replace(found, item=item)
    previous = next((m for m in reversed(out) if m.unit == found.unit and m.item), None)
    return replace(found, item=previous.item) if previous is not None else None


_ELLIPTIC = re.compile(r"^\s*(?:in|at)\s+(?:the\s+)?[A-Z]|^\s*(?:[.;]|$)")
_RESTATED = re.compile(
    r"\(\s*(?:or\s+)?(?:about|around|approximately|roughly|some|nearly|almost|over|i\.e\.)?\s*$",
    re.IGNORECASE,
)


_CLAUSE_AFTER_OBJECTS = re.compile(
    r";|\b(?:and|then|before|after|while)\s+(?:also\s+|later\s+)?(?:arrested|detained|"
    r"searched|identified|charged|raided|questioned|interviewed|held)\b",
    re.IGNORECASE,
)
"""Where the things a seizure verb governs end: "intercepted 12 pistols ... and arrested
Novak and four associates" counts no associates among the seizures."""


def _in_sentence(view: SentenceView, listed: bool = False) -> list[SeizureMention]:
    """The seizures one sentence states; ``listed``: the whole line is an item of a list
    headed by a seizure ("Seized:" then "• 20 kg of cocaine")."""
    text = view.text
    cues = [0] if listed else [m.end() for m in _ACTIVE_CUE.finditer(text)]
    spans = [(0, len(text), False)] if listed else _object_spans(view)
    out: list[SeizureMention] = []
    last_item_end = -1
    for num in view.numbers:
        s, e = view.local(num.start), view.local(num.end)
        before, after = text[max(0, s - 150) : s], text[e : e + 200]
        gap = text[last_item_end:s] if last_item_end >= 0 else ""
        priced = last_item_end >= 0 and not _NEW_OBJECT.search(gap)
        found = _money(view, num, before, after, priced) or _measure(view, num, after)
        if found is not None and not found.item:
            found = _item_from_context(found, before, out)
        if found is None:
            opened = [c for c in cues if c <= s]  # cue ends are sentence offsets
            in_list = (
                bool(opened) and not _CLAUSE_AFTER_OBJECTS.search(text, max(opened), s)
            ) or any(lo <= s < hi for lo, hi, _ in spans)
            found = _count(view, num, before, after, in_list)
        if (
            found is None
            and out
            and _ELLIPTIC.match(after)
            and not _RESTATED.search(before)
            and not _CURRENCY_BEFORE.search(before[-5:])
            and not _CURRENCY_AFTER.match(after)
        ):
            # "180 000 banknotes were seized in Serbia, and over 500 000 in North Macedonia"
            found = SeizureMention(out[-1].item, num.value, out[-1].unit, view)
        if found is not None and _RESTATED.search(before) and out:
            found = None  # "100 kg of glass eels (about 300 000 specimens)"
        if found is not None:
            found = replace(found, pos=num.start)
            out.append(found)
            last_item_end = e if found.unit is None or found.unit in _UNIT_CODE.values() else -1
    out.extend(_quantified(view))
    listed = _listed_items(view, spans)
    known = {w for m in out for w in m.item.lower().split()}
    out.extend(m for m in listed if m.item.lower().split()[-1] not in known)
    # nominal seizures ("Seizures including:") head a list of their own on the next lines
    return out


_OBJECT_VERB = (
    r"seized|confiscated|recovered|intercepted|froze|frozen|impounded|retrieved|found|"
    r"discovered|blocked|secured|intervened|impounded"
)
_ACTIVE_LIST = re.compile(
    rf"\b(?:(?:also|additionally|further|then)\s+)?(?:{_OBJECT_VERB}|seizing|confiscating|"
    rf"recovering|freezing|blocking|intercepting)\b"
    r"(?!\s+(?:by|in|at|on|during|that|out|included|include|includes|comprised|"
    r"consisted|were|was|is|are|to)\b)(?!\s*[.;]?\s*$)"
    r"|\b(?:seizures?|confiscation|freezing|recovery|blocking|interception)\s+of\b"
    r"|\b(?:seizures?|items seized|goods seized|seized items|seized goods|items recovered)\s+"
    r"(?:included|include|includes|comprised|comprise|consisted of|were)\b\s*:?"
    r"|\bseized\s*:",
    re.IGNORECASE,
)
"""Where a list of seized things starts: "seized X, Y and Z", "the seizure of X",
"Seizures comprised X", "Items seized included X"."""
_PASSIVE_LIST = re.compile(
    rf"\b(?:was|were|have been|had been|has been|are|is|being)\s+(?:also\s+|later\s+|then\s+)?"
    rf"(?:{_OBJECT_VERB})\b(?!\s+(?:to|guilty|that|responsible|in possession|out)\b)"
    rf"|(?<=\w)\s+(?:{_OBJECT_VERB})\s*[.;]?\s*$",
    re.IGNORECASE,
)
"""Where a list of seized things ends: "X, Y and Z were seized"."""
_ALONG = re.compile(r"\b(?:along with|together with|as well as|in addition to)\b", re.IGNORECASE)
_OBJECT_END = re.compile(
    r"[;:]|\.(?!\d)|\s[–—-]\s|\b(?:during|when|after|before|while|whereas|which|who|whose|where|"
    r"belonging|hidden|destined|intended|worth|valued|from|following|thanks|because|"
    r"in the course of|and (?:then |also |later )?(?:arrested|detained|searched|identified|"
    rf"{_OBJECT_VERB})|but|according|said|says)\b"
    r"|\bin\s+(?:the\s+)?(?=[A-Z])|\b(?:at|on)\s+(?:the\s+)?(?=[A-Z])",
)
_FRAME = re.compile(
    r"\W*(?:(?:In|During|On|At|As a result|In total|Overall|Altogether|In addition|"
    r"Additionally|Moreover|Furthermore|Meanwhile)\b[^,]{0,50},\s+)+"
)
_SUBJECT_BREAK = re.compile(
    r"[;:]|\b(?:while|whereas|but|where)\b\s*|\b(?:so|ensure|ensured|meaning)\s+that\s+"
    r"|\b(?:noting|saying|said|says|stated|added|reported|announced|explained|confirmed)"
    r"\s+(?:that\s+)?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'-]+")
_JOINT = re.compile(r",?\s+and\s+|,\s+")
"""Where a clause with its own verb hands over to the list that is the passive's subject."""
_AUXILIARY = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:also\s+|later\s+)?$", re.I)
_AUX_WORD = re.compile(r"(?:was|were|have|had|has|are|is|being)\b", re.IGNORECASE)
_ATTRIBUTIVE = re.compile(r"\b(?:on|of|from|with|the|in|by|as|\w{3,}ing)\s+$", re.IGNORECASE)
"""Before a seizure verb, words that make it an adjective: "built on intercepted messages",
"analysing seized phone data"."""
_PIECE_SPLIT = re.compile(r"\s*(?:,(?!\d)|;|\band\b|\bas well as\b|\bplus\b|\bor\b)\s*")
_MODIFIER = re.compile(
    r"\s(?:in|of|from|for|to|used|that|which|who|with|worth|valued|belonging|hidden|"
    r"including|such as|among|during|at|on|by|like|resembling|linked|connected|"
    r"containing|worth|made|stolen from|originating|looking|suspected)\b",
    re.IGNORECASE,
)
_VERBISH = word_set(
    "raided arrested searched detained carried conducted dismantled took made identified "
    "executed launched opened led supported coordinated targeted were was is are has have "
    "had be been will would could can may might said says say also police officers "
    "authorities investigators agents"
)
_LEADING = re.compile(
    r"^(?:(?:an? (?:large |great |significant |considerable |small )?(?:number|quantity|amount|"
    r"variety|range|body|sum|lot) of|(?:large |small )?(?:quantities|amounts|numbers) of|"
    r"dozens of|hundreds of|thousands of|lots of|all(?: of)?(?: the)?|along with|"
    r"together with|as well as|in addition to|an unspecified|the|a|an|some|his|her|their|its|"
    r"other|further|additional|various|several|numerous|many|more|also|large|small|"
    r"significant|considerable|huge|different|assorted|miscellaneous)\s+)+",
    re.IGNORECASE,
)
_NOT_ITEMS = word_set(
    "evidence information intelligence data links traces proof cases victims items "
    "things objects results it them him her they this that these those which what "
    "everything something others part networks network groups group gangs gang ring "
    "kilograms kilogram kilos kilo tonnes tonne tons ton litres liters grams euros "
    "dollars pounds number amount quantity quantities body sum total value kg kgs g t l"
)
"""Words that name no seized thing on their own (units, quantities, people's groups)."""
_ADJECTIVE_END = re.compile(r"(?:al|ic|ive|ous|ary|ful|less|ible|able)$")
"""A lone word with these endings qualifies a later noun ("diplomatic and administrative
documents"): it is not an item of its own."""


_ELIDED = re.compile(rf"\s+and\s+(?P<obj>[\w\s'’-]{{3,60}}?)\s+(?:{_OBJECT_VERB})\b", re.IGNORECASE)
"""The second half of "... were seized and bank accounts frozen"."""


def _object_spans(view: SentenceView) -> list[tuple[int, int, bool]]:
    """Sentence offsets of the stretches that list seized things, and whether each is a
    list line ending in its verb ("• 129 firearms seized"), whose figures name its items."""
    spans = view.memo.get("seized objects")
    if spans is None:  # the crime step and the seizure step both read them
        spans = view.memo["seized objects"] = _find_object_spans(view)
    return spans


def _find_object_spans(view: SentenceView) -> list[tuple[int, int, bool]]:
    text = view.text
    spans: list[tuple[int, int, bool]] = []
    for m in _ACTIVE_LIST.finditer(text):
        before = text[max(0, m.start() - 14) : m.start()]
        verb = not m.group().rstrip().endswith(("of", ":")) and " " not in m.group().strip()
        if verb and (_AUXILIARY.search(before) or _ATTRIBUTIVE.search(before)):
            continue  # "had been seized as ..." is passive; "built on intercepted messages"
        rest = text[m.end() :]
        end = _OBJECT_END.search(rest)
        spans.append((m.end(), m.end() + (end.start() if end else len(rest)), False))
    for m in _PASSIVE_LIST.finditer(text):
        reduced = not _AUX_WORD.match(m.group().strip())
        spans.append((_subject_start(text, m.start(), reduced), m.start(), reduced))
        tail = text[m.end() :]
        along = re.match(
            r"\s*,?\s*(?:along with|together with|as well as|as (?:were|was|did))\b", tail
        )
        elided = _ELIDED.match(tail)
        if along is not None:
            rest = tail[along.end() :]
            end = _OBJECT_END.search(rest)
            a_start = m.end() + along.end()
            spans.append((a_start, a_start + (end.start() if end else len(rest)), False))
        elif elided is not None:
            spans.append((m.end() + elided.start("obj"), m.end() + elided.end("obj"), False))
    return spans


def _subject_start(text: str, pos: int, reduced: bool = False) -> int:
    """Where the subject of a passive seizure verb at ``pos`` starts: after the last clause
    boundary, an opening frame ("In Spain and Andorra, "), a "that" clause opener, or a
    clause with its own verb: the list starts at the first "and" or comma after that
    clause's last verb ("Police arrested five men, and cash, cars and guns were seized").
    A ``reduced`` verb ("..., extracting 14 phones seized") has only the words after the
    sentence's last comma or "and" once a verb came before them."""
    lo = 0
    for b in _SUBJECT_BREAK.finditer(text, 0, pos):
        lo = b.end()
    frame = _FRAME.match(text, lo)
    if frame is not None:
        lo = frame.end()
    verbs = [w.end() for w in _WORD.finditer(text, lo, pos) if w.group().lower() in _VERBISH]
    if not verbs:
        return lo
    joints = [j.end() for j in _JOINT.finditer(text, verbs[0] if reduced else verbs[-1], pos)]
    if not joints:
        return lo
    if reduced:
        return joints[-1]
    # "in Spain and France, and cash was seized": a name after "and" continues the clause
    return next((j for j in joints if not text[j : j + 1].isupper()), joints[0])


def _piece_item(piece: str) -> tuple[str, float | None] | None:
    """The thing a list piece names and its count where an article gives one ("a gun" is
    one gun), or None when it names no thing: "a number of luxury vehicles" -> "luxury
    vehicles", "clothing that looked like uniforms" -> "clothing"."""
    piece = piece.strip(" \"'“”‘’()[]-–—•*.,;:!?")
    if not piece or any(c.isdigit() for c in piece):
        return None
    one = re.match(
        r"(?:an?|one|a single)\s+(?!(?:large|great|significant|considerable|"
        r"number|quantity|amount|variety|range|body|sum|lot)\b)",
        piece,
        re.I,
    )
    words = piece.split()
    if not NUMBER_WORDS.isdisjoint(w.lower() for w in words):
        return None  # quantified: the number-driven reading has it
    piece = _LEADING.sub("", piece)
    cut = _MODIFIER.search(" " + piece)
    if cut is not None and cut.start() > 0:
        piece = piece[: cut.start() - 1]
    if _VERBISH & {w.lower().strip(",.") for w in piece.split()}:
        return None
    words = [_FIXES.get(w.lower(), w) for w in piece.split()]
    if not 1 <= len(words) <= 5:
        return None
    head = words[-1].lower().strip(".,")
    if (
        len(head) < 3
        or not head.isalpha()
        or (head in EXCLUDED and head not in ("companies", "company"))
        or head in _NOT_ITEMS
        or head in _STOP
        or all(w[:1].isupper() and not w.isupper() for w in words)
        or (len(words) == 1 and _ADJECTIVE_END.search(head) and head not in SEIZABLE)
    ):
        return None
    return " ".join(words), (1.0 if one and not head.endswith("s") else None)


_CLAUSAL_MODIFIER = re.compile(
    r"\s(?:used|that|which|who|made|for|to|containing|resembling|looking|linked|connected|"
    r"stolen)\b|\s\w+ed\s+(?:against|for|in|on|to|by|from|with|as|at)\b",
    re.IGNORECASE,
)


_LOWER_FIRST = SEIZABLE | word_set(
    "cash money jewellery jewelry gold drugs cocaine heroin cannabis weapons firearms cars "
    "boats vehicles documents phones computers assets equipment machinery evidence tools "
    "watches bags clothing luxury stolen counterfeit forged illegal fake several various "
    "numerous bank accounts funds properties houses real estate crypto cryptocurrency "
    "cryptocurrencies"
)
"""Words that start a sentence-initial list of things (a capital that is no name)."""


def _complete(piece: str) -> bool:
    """Whether a counted piece ends in its noun ("5 cars"), not in a modifier that the next
    conjunct completes ("2 800 bank [and virtual-asset accounts]")."""
    last = piece.split()[-1].lower() if piece.split() else ""
    return last in SEIZABLE or last in DRUG_WORDS or (last.endswith("s") and len(last) > 3)


_SUB_ITEMS = re.compile(r"^\s*(?:among them|including|such as|of which|mainly|mostly)\b", re.I)
DRUG_WORDS = word_set(
    "cocaine heroin cannabis hashish marijuana amphetamine methamphetamine mdma ecstasy "
    "fentanyl ketamine khat cash money jewellery jewelry gold"
)
_MEASURED = re.compile(
    r"\b(?:kg|kgs|kilos?|kilograms?|tonnes?|tons?|litres?|liters?|grams?|euros?|EUR|USD|GBP|"
    r"dollars?|pounds|cash)\b|[€$£]",
    re.IGNORECASE,
)
_RELATIVE_CHUNK = re.compile(r"\b(?:on|in|of|from|by|at|to|with)\s+(?:which|whom)\b", re.I)
_ASIDE = re.compile(r"\s[-–—]\s[^-–—]{0,80}\s[-–—]\s|\([^()]{0,80}\)")


def _listed_items(view: SentenceView, spans: list[tuple[int, int, bool]]) -> list[SeizureMention]:
    """Unquantified things in the lists of seized things: "seized cash, luxury vehicles and
    firearms", "jewellery and houses were seized", "together with heavy machinery"."""
    out: list[SeizureMention] = []
    seen: set[str] = set()
    for lo, hi, line in spans:
        text = _ASIDE.sub(" ", view.text[lo:hi])
        if line and re.match(r"\W*\d", text):
            continue  # "• 1 492 alarm and signal weapons seized": the figure names the item
        first = text.split()[0].lower().strip(",;:.") if text.split() else ""
        if (lo == 0 or line) and text[:1].isupper() and first in _LOWER_FIRST:
            text = text[0].lower() + text[1:]  # "Cash, cars and firearms were seized."
        for k, chunk in enumerate(re.split(r"\s*(?:,(?!\d)|;)\s*", text)):
            if _SUB_ITEMS.match(chunk) or _RELATIVE_CHUNK.search(chunk):
                break  # "among them ...", "testing on which revealed ...": the list is over
            if k and re.match(r"the\s", chunk.strip(), re.IGNORECASE) and re.search(r"\d", text):
                break  # "75 tonnes of pesticides, the farm chemicals ...": an apposition
            priced = False
            for piece in _PIECE_SPLIT.split(chunk):
                if priced and not _LEADING.match(piece.strip()):
                    priced = False
                    continue  # "EUR 60 000 in cash and jewellery", "2 800 bank and ... accounts"
                priced = bool(re.search(r"\d", piece)) and (
                    bool(_MEASURED.search(piece)) or not _complete(piece)
                )
                found = _piece_item(piece)
                if found is not None and found[0].lower() not in seen:
                    seen.add(found[0].lower())
                    pos = view.start + lo + max(0, text.find(piece.strip()))
                    out.append(SeizureMention(found[0], found[1], None, view, pos))
                # a piece cut by a clause ("machines used to make moulds and stamps") runs
                # to the next comma: the "and" inside it does not start a new item
                if _CLAUSAL_MODIFIER.search(" " + piece):
                    break
    return out


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 0.01 * max(abs(a), abs(b))


def _same(a: SeizureMention, b: SeizureMention) -> bool:
    """The same seizure told twice: same figure and unit, and a shared item word (or one
    of them is the headline's summary of the other)."""
    if a.unit != b.unit:
        return False
    if (a.sentence.headline or b.sentence.headline) and _close(a.quantity, b.quantity):
        return True  # a headline rounds the body's figure ("USD 130 million")
    if a.quantity != b.quantity:
        return False
    if a.quantity is not None and a.unit is not None and a.unit not in _UNIT_CODE.values():
        return True  # one sum of money told twice ("notes worth EUR 160 000", "fake money ...")
    wa = {w for w in a.item.lower().split() if len(w) > 2}
    wb = {w for w in b.item.lower().split() if len(w) > 2}
    return bool(wa & wb)


_LIST_HEADING = re.compile(
    r"^\W*(?:(?:items?|goods|assets|property|drugs|money)\s+)?(?:seiz\w*|confiscat\w*|"
    r"recovered|frozen|found)(?:\s+(?:included|including|include|items|goods|assets|were|"
    r"comprised|of))?\s*:\s*$",
    re.IGNORECASE,
)
"""A line that heads a list of seized things: "Seized:", "Seizures including:"."""


def _is_seizure_sentence(view: SentenceView) -> bool:
    return (
        view.has_prefix(_SEIZE_PREFIXES) and not view.background and bool(_SEIZE.search(view.text))
    )


def _list_lines(analysis: Analysis) -> list[SentenceView]:
    """The lines under a seizure heading that name no seizure verb of their own: each is
    one seized thing ("• 387 kg of glass eels", "• Cars, boats and other assets.")."""
    out: list[SentenceView] = []
    sentences = analysis.sentences
    for heading in sentences:
        # the heading expression needs a ":": a line without one is no heading
        if ":" not in heading.text or not _LIST_HEADING.match(heading.text):
            continue
        for view in sentences[heading.index + 1 :]:
            line_start = analysis.text.rfind("\n", 0, view.start) + 1
            bullet = bool(re.match(r"\s*[•●▪‣◦*\-–—·]", analysis.text[line_start : view.start + 1]))
            if not bullet or len(view.text) > 200 or _LIST_HEADING.match(view.text):
                break
            if not _is_seizure_sentence(view):
                out.append(view)
    return out


def _work(analysis: Analysis) -> list[tuple[SentenceView, bool]]:
    """The sentences that state seizures, and whether each is a line of a headed list;
    computed once per report."""
    work = analysis.memo.get("seizure sentences")
    if work is None:
        work = [(v, False) for v in analysis.sentences if _is_seizure_sentence(v)]
        work += [(v, True) for v in _list_lines(analysis)]
        analysis.memo["seizure sentences"] = work
    return work


def seized_spans(analysis: Analysis) -> list[tuple[int, int]]:
    """Report offsets of the lists of seized things, for steps that must not read them as
    what the case is about."""
    out: list[tuple[int, int]] = []
    for view, listed in _work(analysis):
        if listed:
            out.append((view.start, view.end))
        else:
            out.extend((view.start + lo, view.start + hi) for lo, hi, _ in _object_spans(view))
    return out


def _lower_first(mention: SeizureMention) -> SeizureMention:
    """ "Bank accounts holding ... were frozen": the capital is the sentence's, not a name's."""
    first = mention.item.split()[0] if mention.item else ""
    if first[:1].isupper() and not first.isupper() and first.lower() in _LOWER_FIRST:
        return replace(mention, item=mention.item[0].lower() + mention.item[1:])
    return mention


def find_seizures(analysis: Analysis) -> list[SeizureMention]:
    """Distinct seizures, body first so a headline's repeat of a figure is dropped."""
    work = sorted(_work(analysis), key=lambda item: (item[0].headline, item[0].start))
    out: list[SeizureMention] = []
    for view, listed in work:
        for mention in map(_lower_first, _in_sentence(view, listed)):
            if not any(_same(mention, kept) for kept in out):
                out.append(mention)
    out.sort(key=lambda m: m.sentence.start)
    return out
