"""Edge lists: layouts told from the file, rows checked one by one, evidence exact."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.edgelist import (
    BadRow,
    Row,
    iso_date,
    person_key,
    read_edge_list,
    read_node_table,
    role_of,
    settle_layout,
)
from graphkit.errors import InputError


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def write(tmp_path: Path, text: str, name: str = "edges.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def rows(path: str, **layout) -> list[Row | BadRow]:
    return list(read_edge_list(path, **layout).rows())


# -- layouts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("1\t2\t3\n2\t3\t1\n", "\t"),
        ("1,2,3\n2,3,1\n", ","),
        ("1;2;3\n2;3;1\n", ";"),
        ("1|2|3\n2|3|1\n", "|"),
        ("1 2 3\n2  3 1\n", None),  # networkx's write_edgelist: runs of blanks
    ],
)
def test_the_delimiter_is_told_from_the_rows(tmp_path: Path, text: str, delimiter) -> None:
    edges = read_edge_list(write(tmp_path, text))
    assert edges.layout.delimiter == delimiter
    assert edges.layout.roles == ("source", "target", "weight")
    assert [(r.source, r.target, r.weight) for r in edges.rows()] == [
        ("1", "2", 3.0),
        ("2", "3", 1.0),
    ]


@pytest.mark.parametrize(
    ("header", "roles"),
    [
        (
            "Source,Target,Type,Id,Label,Weight",
            ("source", "target", "skip", "skip", "skip", "weight"),
        ),
        (":START_ID,:END_ID,weight:float,:TYPE", ("source", "target", "weight", "skip")),
        ("caller:START_ID(Person),callee:END_ID(Person),date", ("source", "target", "date")),
        ("from,to,count,when", ("source", "target", "weight", "date")),
    ],
)
def test_a_header_names_the_columns(tmp_path: Path, header: str, roles) -> None:
    width = len(header.split(","))
    data = {"weight": "2", "date": "2009-03-04"}
    cells = ["a", "b"] + [data.get(role, "x") for role in roles[2:]]
    assert len(cells) == width
    edges = read_edge_list(write(tmp_path, header + "\n" + ",".join(cells) + "\n"))
    assert edges.layout.header and edges.layout.roles == roles
    (row,) = edges.rows()
    assert isinstance(row, Row) and (row.source, row.target) == ("a", "b")
    assert row.weight == (2.0 if "weight" in roles else 1.0)
    assert row.date == ("2009-03-04" if "date" in roles else None)


def test_a_header_in_unknown_words_is_told_by_its_numbers(tmp_path: Path) -> None:
    edges = read_edge_list(write(tmp_path, "a;b;n\n1;2;3\n4;5;6\n"))
    assert edges.layout.header and edges.layout.roles[:2] == ("source", "target")
    assert [r.source for r in edges.rows()] == ["1", "4"]


def test_without_a_header_a_third_column_of_dates_is_the_date(tmp_path: Path) -> None:
    edges = read_edge_list(write(tmp_path, "a,b,2009-03-04\nb,c,2010-01\n"))
    assert edges.layout.roles == ("source", "target", "date")
    assert [r.date for r in edges.rows()] == ["2009-03-04", "2010-01"]


def test_a_third_column_of_words_is_left_out(tmp_path: Path) -> None:
    edges = read_edge_list(write(tmp_path, "a,b,friend\nb,c,cousin\n"))
    assert edges.layout.roles == ("source", "target")
    assert all(r.weight == 1.0 for r in edges.rows())


def test_what_the_user_says_wins(tmp_path: Path) -> None:
    path = write(tmp_path, "w,x,y,z\n3,a,b,2009\n")
    edges = read_edge_list(path, columns=["weight", "source", "target", "date"], header=True)
    (row,) = edges.rows()
    assert (row.source, row.target, row.weight, row.date) == ("a", "b", 3.0, "2009")
    # --no-header: the first row is data
    got = rows(write(tmp_path, "1,2\n2,3\n"), header=False, columns=["source", "target"])
    assert [r.source for r in got] == ["1", "2"]
    skipped = rows(write(tmp_path, "x,1,2\n"), columns=["skip", "source", "target"])
    assert [(r.source, r.target) for r in skipped] == [("1", "2")]


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        (["source", "sink"], "unknown role 'sink'"),
        (["source", "source"], "source named twice"),
        (["source", "weight"], "cannot tell which columns hold the two persons"),
    ],
)
def test_columns_that_cannot_work_are_refused(tmp_path: Path, columns, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_edge_list(write(tmp_path, "1,2\n"), columns=columns)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty input"),
        ("# only a comment\n\n", "no rows"),
        ("lonely\nwords\n", "cannot tell how the fields are separated"),
        ("\x00\x01\x02binary" * 50, "binary"),
    ],
)
def test_files_that_are_not_edge_lists(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_edge_list(write(tmp_path, text))


def test_a_missing_file_and_an_unknown_delimiter(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_edge_list(str(tmp_path / "nope.csv"))
    with pytest.raises(InputError, match="--delimiter ':'"):
        read_edge_list(write(tmp_path, "1,2\n"), delimiter=":")


@pytest.mark.parametrize(
    ("given", "expected"),
    [("tab", "\t"), ("\\t", "\t"), ("\t", "\t"), ("comma", ","), ("space", None), ("auto", "\t")],
)
def test_delimiter_spellings(tmp_path: Path, given: str, expected) -> None:
    text = "1\t2\n" if expected != "," else "1,2\n"
    edges = read_edge_list(write(tmp_path, text), delimiter=given)
    assert edges.layout.delimiter == expected


# -- rows -----------------------------------------------------------------------------------


def test_bad_rows_are_named_one_by_one_and_the_rest_still_read(tmp_path: Path) -> None:
    text = (
        "source,target,weight,date\n"
        "a,b,2,2009-01-01\n"  # line 2: good
        ",b,1,\n"  # 3: no source
        "a,,1,\n"  # 4: no target
        "a,b,lots,\n"  # 5: not a number
        "a,b,-1,\n"  # 6: not positive
        "a,b,0,\n"  # 7: zero
        "a,b,nan,\n"  # 8: NaN
        "a,b,inf,\n"  # 9: infinite
        "a,a,1,\n"  # 10: self-loop
        "a,b,1,04/03/2009\n"  # 11: not ISO
        "a,b,1,2009-02-30\n"  # 12: no such day
        f"{'x' * 300},b,1,\n"  # 13: id too long
        "\n# a comment\n"
        "c,d,1.5,\n"  # 16: good
    )
    got = rows(write(tmp_path, text))
    good = [r for r in got if isinstance(r, Row)]
    bad = {r.line: r.reason for r in got if isinstance(r, BadRow)}
    assert [(r.source, r.target, r.weight, r.line) for r in good] == [
        ("a", "b", 2.0, 2),
        ("c", "d", 1.5, 16),
    ]
    assert bad == {
        3: "no source person",
        4: "no target person",
        5: "weight 'lots' is not a number",
        6: "weight '-1' is not a positive finite number",
        7: "weight '0' is not a positive finite number",
        8: "weight 'nan' is not a number",
        9: "weight 'inf' is not a positive finite number",
        10: "a tie from 'a' to itself (a self-loop)",
        11: "date '04/03/2009' is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)",
        12: "date '2009-02-30' is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)",
        13: "a person id over 256 characters",
    }
    assert str(BadRow(3, "no source person")) == "line 3: no source person"


def test_a_short_row_misses_its_target(tmp_path: Path) -> None:
    got = rows(write(tmp_path, "a,b\nc\nd,e\n"), delimiter=",")
    assert [str(r) for r in got if isinstance(r, BadRow)] == ["line 2: no target person"]


def test_evidence_offsets_and_line_numbers_survive_blank_lines_and_windows_files(
    tmp_path: Path,
) -> None:
    raw = "\r\n\r\n# made by hand\r\n  a\tb\t2  \r\n\r\nc\td\t1\r\n"
    path = tmp_path / "crlf.tsv"
    path.write_bytes(raw.encode("utf-8"))
    edges = read_edge_list(str(path))
    got = list(edges.rows())
    assert [r.line for r in got] == [4, 6]  # as an editor numbers the file
    assert [edges.text[r.start : r.end] for r in got] == ["a\tb\t2", "c\td\t1"]


def test_decimal_commas_outside_comma_files(tmp_path: Path) -> None:
    (row,) = rows(write(tmp_path, "a;b;2,5\n"))
    assert row.weight == 2.5
    got = rows(write(tmp_path, 'a,b,"2,5"\n'), columns=["source", "target", "weight"])
    assert isinstance(got[0], BadRow)  # in a comma file "2,5" is not a number


def test_quoted_fields_keep_their_delimiters(tmp_path: Path) -> None:
    (row,) = rows(write(tmp_path, '"Smith, J.","O\'Neil ""Red""",3\n'))
    assert (row.source, row.target) == ("Smith, J.", 'O\'Neil "Red"')


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2009", "2009"),
        ("2009-3", "2009-03"),
        ("2009-03-04", "2009-03-04"),
        ("2009/03/04", "2009-03-04"),
        ("2009-03-04T10:22:00Z", "2009-03-04"),
        ("2009-03-04 10:22", "2009-03-04"),
        ("2009-13", None),
        ("04/03/2009", None),
        ("yesterday", None),
    ],
)
def test_iso_dates(text: str, iso) -> None:
    assert iso_date(text) == iso


def test_header_names() -> None:
    assert role_of(" Source ") == "source"
    assert role_of("person1:START_ID(Person)") == "source"
    assert role_of(":END_ID") == "target"
    assert role_of("Weight:float") == "weight"
    assert role_of("timestamp") == "date"
    assert role_of("colour") is None


def test_person_keys_keep_the_id_exactly() -> None:
    assert person_key("Montagna 2020", "A-1") == "person:montagna-2020:A-1"
    assert person_key("montagna-2020", "a 1") != person_key("montagna-2020", "A-1")


def test_node_tables(tmp_path: Path) -> None:
    headed = write(tmp_path, "Id,Label,Age\n1,Ann,40\n2,Bob,\n,Nobody,3\n", "nodes.csv")
    names, bad = read_node_table(headed)
    assert names == {"1": "Ann", "2": "Bob"}
    assert bad == [f"{headed}: line 4: no id"]
    plain = write(tmp_path, "1\tAnn\n2\tBob\n", "nodes.tsv")
    assert read_node_table(plain)[0] == {"1": "Ann", "2": "Bob"}
    admin = write(tmp_path, "personId:ID(Person),name\nx,Xavier\n", "admin.csv")
    assert read_node_table(admin)[0] == {"x": "Xavier"}


# -- properties -----------------------------------------------------------------------------

IDS = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(lambda s: s and not s.startswith("#"))
)


@settings(max_examples=150, deadline=None)
@given(
    edges=st.lists(
        st.tuples(IDS, IDS, st.integers(1, 10**6)).filter(
            lambda t: nfc(t[0]).strip() != nfc(t[1]).strip()
        ),
        min_size=1,
        max_size=30,
    ),
    delimiter=st.sampled_from([",", "\t", ";", "|"]),
    header=st.booleans(),
)
def test_any_csv_an_analyst_writes_reads_back_row_for_row(
    tmp_path_factory: pytest.TempPathFactory, edges, delimiter: str, header: bool
) -> None:
    """Ids of any text (quotes, delimiters, accents): written by Python's csv module as
    Gephi or a spreadsheet would, read back exactly, with exact evidence offsets."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    if header:
        writer.writerow(["source", "target", "weight"])
    writer.writerows(edges)
    path = write(tmp_path_factory.mktemp("prop"), buffer.getvalue())
    parsed = read_edge_list(
        path,
        delimiter=delimiter,
        header=header,
        columns=["source", "target", "weight"],
    )
    got = list(parsed.rows())
    assert all(isinstance(r, Row) for r in got)
    assert [(r.source, r.target, int(r.weight)) for r in got] == [
        (nfc(a).strip(), nfc(b).strip(), w) for a, b, w in edges
    ]
    lines = parsed.text.split("\n")
    for r in got:
        assert parsed.text[r.start : r.end] == lines[r.line - 1].strip()


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_any_text_reads_as_rows_or_one_clear_refusal(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    path = write(tmp_path_factory.mktemp("any"), text)
    try:
        edges = read_edge_list(path)
    except InputError as exc:
        assert str(exc).startswith(path) or str(exc).startswith("--")
        assert "\n" not in str(exc)
        return
    for row in edges.rows():
        if isinstance(row, Row):
            assert row.source and row.target and row.source != row.target
            assert row.weight > 0 and row.weight != float("inf")
        else:
            assert row.reason and "\n" not in row.reason


def test_layout_needs_rows() -> None:
    with pytest.raises(InputError, match="no rows"):
        settle_layout("\n# x\n", "f.csv")
