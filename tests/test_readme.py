"""The README is what a city's IT department reads first: it must stay true."""

import re
from pathlib import Path

from civic.accounts.demo import DEMO_ACCOUNTS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def test_the_two_commands_come_first():
    first_block = re.search(r"```sh\n(.*?)```", README, re.S)[1]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()]
    assert commands == ["make run", "make test"]


def test_every_demo_account_is_listed_with_its_password():
    for _role, email, password in DEMO_ACCOUNTS:
        assert re.search(rf"\| {re.escape(email)} \| {re.escape(password)} \|", README), email


def test_every_make_target_it_shows_exists():
    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text()
    for target in set(re.findall(r"\bmake (\w+)", README)):
        assert re.search(rf"^{target}:", makefile, re.M), target
