"""A report written by an attacker: every name, title and sentence tries to run script.

If any of it were inserted into the page as HTML, or could close the data block, a
payload would set ``window.__pwned``. The view must show all of it as plain text.
"""

from __future__ import annotations

from graphkit.facts import FactsDocument, ReportInfo

TITLE = '<title>x</title><script>window.__pwned="title"</script> Hostile & "quoted" report'
AGENCY = (
    '<script>window.__pwned="agency"</script><img src=x onerror="window.__pwned=\'agency-img\'">'
    "\"Task\" 'Force'"
)
OPERATION = '</script><script>window.__pwned="op"</script><!-- Operation & "Co" -->'
GROUP = '<svg onload=window.__pwned="svg">"group" & <b>bold</b></svg>'
COUNTRY = '<img src=x onerror=window.__pwned="country">Belgium'
SEIZURE = "<iframe src=\"javascript:window.__pwned='iframe'\"></iframe>"
PERSON = "\u2029<script>window.__pwned='person'</script>\u2028 O'Brien \"Jr\""
AGENCY_KEY = 'agency:<script>"x"'
PROTO = "__proto__"  # a name that breaks code keeping data in plain objects

S1 = (
    f'The {AGENCY} led {OPERATION} with help from </script><script>window.__pwned="s1"</script> '
    "and <img src=x onerror=\"window.__pwned='s1-img'\">."
)
S2 = (
    f"Investigators believe {GROUP} & co, with {PERSON}, trafficked goods "
    "\u2028 through <a href=\"javascript:window.__pwned='link'\">Belgium</a>."
)
S3 = f"They seized 3 kg of {SEIZURE} in {COUNTRY}."

NAMES = (AGENCY, OPERATION, GROUP, COUNTRY, PERSON, PROTO)
SENTENCES = (S1, S2, S3)


def hostile_document() -> FactsDocument:
    report = ReportInfo.from_text(
        f"{TITLE}\n\n{S1}\n{S2}\n{S3}\n", "hostile.txt", title=TITLE, published="2024-01-02"
    )
    text = report.text
    op_key = "operation:hostile:<b>1</b>"
    group_key = "criminalgroup:hostile:1"
    seizure_key = "seizure:hostile:1"
    person_key = "person:hostile:'1'"

    def node(label: str, key: str, **properties: object) -> dict:
        return {"label": label, "key": key, "properties": properties}

    nodes = [
        node("Agency", AGENCY_KEY, name=AGENCY, country="BE", kind="police"),
        node("Operation", op_key, name=OPERATION, start_date="2024-01-01"),
        node("CriminalGroup", group_key, descriptor=GROUP),
        node("Country", "BE", name=COUNTRY),
        node("Seizure", seizure_key, item=SEIZURE, quantity=3, unit="kg"),
        node("Person", person_key, name=PERSON),
        node("Person", PROTO, name=PROTO),
    ]

    def rel(rel_type, src, dst, sentence, certainty="reported", **props):
        start = text.index(sentence)
        return {
            "type": rel_type,
            "from": {"label": src[0], "key": src[1]},
            "to": {"label": dst[0], "key": dst[1]},
            "evidence": sentence,
            "evidence_start": start,
            "evidence_end": start + len(sentence),
            "certainty": certainty,
            "properties": props,
        }

    agency, op = ("Agency", AGENCY_KEY), ("Operation", op_key)
    group, be = ("CriminalGroup", group_key), ("Country", "BE")
    relationships = [
        rel("DESCRIBES", ("Report", report.key), op, S1),
        rel("PARTICIPATED_IN", agency, op, S1, role="led"),
        rel("BASED_IN", agency, be, S1),
        rel("TARGETED", op, group, S2, certainty="alleged"),
        rel("OPERATED_IN", group, be, S2, certainty="alleged"),
        rel("MEMBER_OF", ("Person", person_key), group, S2),
        rel("MEMBER_OF", ("Person", PROTO), group, S2),
        rel("SEIZED", op, ("Seizure", seizure_key), S3),
        rel("CONDUCTED_IN", op, be, S3),
    ]
    return FactsDocument.from_dict(
        {
            "graphkit": "graphkit-facts/1",
            "report": report.model_dump(),
            "nodes": nodes,
            "relationships": relationships,
        },
        origin="hostile",
    )
