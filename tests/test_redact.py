"""graphkit.redact: the one function every shown URI and message goes through.

Passwords are generated (any characters: spaces, quotes, ``/``, ``@``, ``?``, non-ASCII),
so "the password is not in the output" is checked against what a user can actually type,
and against ordinary text that merely resembles a password.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from graphkit.errors import StoreError
from graphkit.redact import HIDDEN, has_credentials, redact, shown_uri
from graphkit.store.neo4j import CREDENTIALS_IN_URI, check_uri

PASSWORDS = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1
)
HOSTS = st.sampled_from(["127.0.0.1:7687", "db.example.org:7687", "[::1]:7687", "localhost"])
SCHEMES = st.sampled_from(["bolt", "bolt+s", "neo4j", "neo4j+ssc"])


@given(password=PASSWORDS, host=HOSTS, scheme=SCHEMES)
def test_a_uri_with_user_info_is_refused_without_repeating_it(
    password: str, host: str, scheme: str
) -> None:
    uri = f"{scheme}://neo4j:{password}@{host}"
    assert has_credentials(uri)
    with pytest.raises(StoreError) as refused:
        check_uri(uri)
    assert str(refused.value) == CREDENTIALS_IN_URI  # a fixed text: nothing of the URI


@given(password=PASSWORDS, name=st.sampled_from(["password", "PASSWORD", "auth_token", "pwd"]))
def test_a_secret_in_the_query_string_is_refused(password: str, name: str) -> None:
    uri = f"neo4j://127.0.0.1:7687?policy=eu&{name}={password}"
    with pytest.raises(StoreError, match="must not hold credentials"):
        check_uri(uri)


@given(password=PASSWORDS, host=HOSTS, scheme=SCHEMES)
def test_a_named_uri_is_hidden_in_any_message(password: str, host: str, scheme: str) -> None:
    uri = f"{scheme}://neo4j:{password}@{host}"
    message = f"error: cannot reach Neo4j at {uri}: refused\n  Given URI: '{uri}'"
    shown = redact(message, [uri])
    assert shown == (
        f"error: cannot reach Neo4j at {scheme}://{HIDDEN}: refused\n"
        f"  Given URI: '{scheme}://{HIDDEN}'"
    )


@given(
    password=st.text(
        st.characters(blacklist_categories=("Cs", "Zs", "Cc"), blacklist_characters="'\"\x85"),
        min_size=1,
    ),
    host=HOSTS,
)
def test_any_uri_loses_its_user_info_even_unnamed(password: str, host: str) -> None:
    """A URI nobody named (in a traceback, a driver message) still loses its user-info,
    up to where text ends it (whitespace, a quote)."""
    assume(not any(ch.isspace() for ch in password))
    shown = redact(f"see bolt://neo4j:{password}@{host} now")
    assert shown == f"see bolt://{HIDDEN}@{host} now"


def test_query_strings_are_dropped_from_any_uri() -> None:
    assert redact("at neo4j://h:7687?password=Zq9pw&x=1 now") == "at neo4j://h:7687 now"
    assert shown_uri("neo4j://h:7687/db?policy=eu#frag") == "neo4j://h:7687/db"
    assert shown_uri("bolt://127.0.0.1:7687") == "bolt://127.0.0.1:7687"


@given(secret=st.from_regex(r"[A-Za-z0-9]{4,12}", fullmatch=True))
def test_a_password_is_never_cut_out_of_ordinary_words(secret: str) -> None:
    """The default password ``neo4j`` once turned Neo4j's ``neo4j_code`` into ``***_code``."""
    words = f"{secret}_code x{secret} {secret}2 {secret.upper()}{secret}"
    assume(secret.upper() != secret or not secret.isalpha())
    assert redact(words, [secret]) == words
    assert redact(f"password {secret}: wrong", [secret]) == f"password {HIDDEN}: wrong"


@given(secret=PASSWORDS.filter(lambda s: len(s.strip()) >= 4 and s == s.strip()))
def test_a_password_standing_alone_is_hidden(secret: str) -> None:
    assert secret not in redact(f"auth with ({secret}) failed", [secret])


def test_the_default_password_leaves_neo4j_s_codes_alone() -> None:
    message = "{neo4j_code: Neo.ClientError.Security.CredentialsExpired} database 'neo4j'"
    assert redact(message, ["neo4j"]) == message.replace("'neo4j'", f"'{HIDDEN}'")


@pytest.mark.parametrize(
    "uri", ["http://127.0.0.1:7474", "https://x", "not a uri", "127.0.0.1:7687", ""]
)
def test_only_bolt_uris_are_taken(uri: str) -> None:
    with pytest.raises(StoreError, match="bolt://"):
        check_uri(uri)
