"""The light tense heuristic and quotation spans."""

from __future__ import annotations

import pytest

from sortie.geodata.timex.anchor import quotes, tense_at


def tense(sentence: str, phrase: str) -> int:
    i = sentence.index(phrase)
    return tense_at(sentence, i, i + len(phrase))


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected"),
    [
        ("The bombers flew in April.", "April", -1),
        ("Rouhani is up for reelection in June.", "June", 1),
        ("He will meet the envoy on Monday.", "Monday", 1),
        ("Colonel Collins will be named commander for a mission in December.", "December", 1),
        ("The official said the vote is in June.", "June", 0),  # "said" dates the saying
        ("The car was found abandoned at the airport in December.", "December", -1),
        ("The accession was planned for early March.", "March", 1),
        # a tense word after a determiner is an attribute of a later noun, not the clause's tense
        ("The frigate arrived at the port on Sunday for a scheduled visit.", "Sunday", -1),
        ("The jets landed on Friday ahead of the planned drills.", "Friday", -1),
        # before the expression it still dates it: the visit is to come
        ("The upcoming visit on Sunday was confirmed.", "Sunday", 1),
        # a reporting verb right before the expression dates the saying: a past act
        ("A navy spokesman said Thursday that the frigates will stay in port.", "Thursday", -1),
        ("The ministry announced on Friday that drills will start soon.", "Friday", -1),
        # "plans" as a noun says nothing of the tense; as a verb ("plans to") it is the future
        ("The ministry announced plans for a new airbase in September.", "September", 0),
        ("The carrier group plans to sail in March.", "March", 1),
        # a plan that had been made is overtaken: the day is behind
        ("The exercise had been scheduled to end on Friday.", "Friday", -1),
        # a limit ("until", "by") is still to come, unless the clause looks back from it
        ("The embassy gave the crew until Tuesday to leave.", "Tuesday", 1),
        ("The damaged runway must be repaired by February.", "February", 1),
        ("Inspectors had visited every site by Wednesday.", "Wednesday", -1),
        ("Until Thursday, the army had denied the raid.", "Thursday", -1),
        ("The new rules take hold effective Monday.", "Monday", 1),
        ("The ban was lifted by Friday.", "Friday", -1),  # a limit already reached
        # an expression opening a clause whose verb is a reporting one dates the saying, a past act,
        # whatever the tense of what is reported
        ("In September the ministry announced plans to buy tankers.", "September", -1),
        ("On Friday, officials said the squadron will redeploy.", "Friday", -1),
        ("Thursday the air force told reporters the drills are to resume.", "Thursday", -1),
        # ...but not when another verb comes first, or the attribution trails the sentence
        ("In March, the squadron will redeploy, officials said.", "March", 1),
        ("The drills resume in March, the ministry announced.", "March", 0),
        # "was"/"were" before a plan word is the plan's auxiliary, not a past of its own
        ("Crews readied the jets on Saturday and were planning to fly out.", "Saturday", 1),
        ("On Monday the envoy was expected to land in Kabul.", "Monday", 1),
        ("The envoy was seen in Kabul on Monday.", "Monday", -1),
        # "than expected", "as expected" compare with a forecast: no plan, no future
        ("The audit Friday of the fleet showed wear faster than expected.", "Friday", -1),
        # a tense word after a determiner and an adverb is still an attribute of the noun
        ("On Friday, after the hastily planned trip, the port closed.", "Friday", -1),
        # "would" puts what was said after the saying: the future in the past
        ("The ministry said the convoy would leave the port Thursday.", "Thursday", 1),
        # a participle after "be" takes its auxiliary's tense, not a past of its own
        ("The bonus would be paid to the crews in January.", "January", 1),
    ],
)
def test_tense(sentence: str, phrase: str, expected: int) -> None:
    assert tense(sentence, phrase) == expected


def test_quote_spans_cover_curly_and_straight_quotes() -> None:
    text = '\u201cWe were hit Sunday,\u201d he said. "Never again," she said.'
    assert [text[a:b] for a, b in quotes(text)] == ["\u201cWe were hit Sunday,\u201d", '"Never again,"']
