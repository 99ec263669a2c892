"""Reading and writing the Pabulib format: every vote type, quoting, exact numbers, and a
clear message naming the line for every malformed file."""

from decimal import Decimal

import numpy as np
import pytest

from budget.pabulib import PabulibError, parse_file, parse_string, write_string
from tests.budget.pabulib_data import DATA_DIR

APPROVAL = '''META
key;value
description;"Budget; participatif"
budget;376634.74
vote_type;approval
rule;greedy
PROJECTS
project_id;cost;votes;name;selected;district
1;1000;2;"Parc; jeux et ""bancs""";1;Nord
2;500.50;1;Fontaine;0;Sud
VOTES
voter_id;vote;age
v1;1,2;34
v2;1;none
v3;;51
'''


def test_approval_file_with_quoted_fields_and_fractional_budget():
    election = parse_string(APPROVAL)
    assert election.meta["description"] == "Budget; participatif"
    assert election.budget == Decimal("376634.74")
    assert election.vote_type == "approval"
    first, second = election.projects
    assert first.name == 'Parc; jeux et "bancs"'
    assert (first.project_id, first.cost, first.votes, first.selected) == ("1", 1000, 2, 1)
    assert first.extra == {"district": "Nord"}
    assert second.cost == Decimal("500.50")
    assert [v.vote for v in election.voters] == [("1", "2"), ("1",), ()]
    assert election.voters[0].extra == {"age": "34"}
    arrays = election.ballot_arrays()
    assert arrays.offsets.tolist() == [0, 2, 3, 3]
    assert arrays.projects.tolist() == [0, 1, 0]


def _file(vote_type, votes_header, votes, meta=""):
    return (
        f"META\nkey;value\nbudget;100\nvote_type;{vote_type}\n{meta}"
        "PROJECTS\nproject_id;cost\na;10\nb;20\nc;30\n"
        f"VOTES\n{votes_header}\n{votes}"
    )


def test_cumulative_and_scoring_ballots_keep_their_points():
    for vote_type in ("cumulative", "scoring"):
        election = parse_string(_file(vote_type, "voter_id;vote;points", '1;a,c;"2,1"\n2;b;3\n'))
        assert [(v.vote, v.points) for v in election.voters] == [
            (("a", "c"), (2, 1)),
            (("b",), (3,)),
        ]
        assert np.array_equal(election.ballot_arrays().points, [2, 1, 3])


def test_ordinal_ballots_keep_their_order_and_choose_1_one_project():
    ordinal = parse_string(_file("ordinal", "voter_id;vote", "1;c,a,b\n", "max_length;3\n"))
    assert ordinal.voters[0].vote == ("c", "a", "b")
    assert ordinal.max_length == 3
    choose = parse_string(_file("choose-1", "voter_id;vote", "1;b\n"))
    assert choose.voters[0].vote == ("b",)


def test_crlf_line_ends_and_byte_order_mark_are_accepted():
    election = parse_string(
        "\ufeff" + _file("approval", "voter_id;vote", "1;a\n").replace("\n", "\r\n")
    )
    assert election.voters[0].vote == ("a",)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("PROJECTS\nproject_id;cost\n", 1, "must start with a META section"),
        (_file("approval", "voter_id;vote", "1;z\n"), 12, "unknown project 'z'"),
        (_file("approval", "voter_id;vote", "1;a;extra\n"), 12, "3 fields"),
        (_file("approval", "voter_id;vote", "1;a,a\n"), 12, "appears twice"),
        (_file("choose-1", "voter_id;vote", "1;a,b\n"), 12, "more than one project"),
        (_file("cumulative", "voter_id;vote;points", '1;a,b;"1"\n'), 12, "2 projects but 1"),
        (_file("cumulative", "voter_id;vote;points", "1;a;x\n"), 12, "not a number"),
        (_file("approval", "voter_id", "1\n"), 11, "lacks column(s) vote"),
        (_file("approval", "voter_id;vote", "1;a\n").replace("b;20", "b;twenty"), 8, "cost"),
        (_file("approval", "voter_id;vote", "1;a\n").replace("b;20", "a;20"), 8, "listed twice"),
        (_file("plurality", "voter_id;vote", "1;a\n"), 11, "vote_type 'plurality'"),
        (_file("approval", "voter_id;vote", "").replace("budget;100", "budget;lots"), 11, "budget"),
        ('META\nkey;value\nbudget;"1\n', 3, "unreadable"),
        (_file("approval", "voter_id;vote", "").split("VOTES")[0], None, "no VOTES section"),
    ],
)
def test_malformed_files_name_the_line(text, line, message):
    with pytest.raises(PabulibError) as caught:
        parse_string(text)
    assert message in caught.value.message
    assert caught.value.line == line


def test_writing_then_reading_gives_back_the_same_election():
    election = parse_string(APPROVAL)
    again = parse_string(write_string(election))
    assert again.meta == election.meta
    assert again.projects == election.projects
    assert again.voters == election.voters


def test_a_real_file_round_trips():
    election = parse_file(DATA_DIR / "Poland_Czestochowa_2024_Mirow.pb")
    again = parse_string(write_string(election))
    assert (again.meta, again.projects, again.voters) == (
        election.meta,
        election.projects,
        election.voters,
    )
