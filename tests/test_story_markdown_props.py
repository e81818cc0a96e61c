"""Property: any story the app can store survives render -> parse unchanged."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lib.stories.checks import SECTION_NAMES
from lib.stories.markdown import parse_stories, render_document
from lib.stories.store import clean_text

_line_chars = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85\x1c\x1d\x1e")
_title = st.text(_line_chars, min_size=1, max_size=40).map(lambda t: " ".join(t.split())).filter(bool)
_body = st.lists(
    st.text(_line_chars, max_size=30) | st.sampled_from(["## heading", "**Result:** x", "\\x", "# h", "", "Theme: y"]),
    max_size=6,
).map(lambda lines: clean_text("\n".join(lines)))


@settings(max_examples=200, deadline=None)
@given(
    title=_title | st.sampled_from(["a #", "C#", "#1 story", "x ##", "Title · Theme: z", "**Action:** no"]),
    sections=st.fixed_dictionaries({n: _body for n in SECTION_NAMES}),
    answers=st.lists(_title | st.sampled_from(["- dash", "Why PM? Why AI PM?", "**Task:** x"]), max_size=4),
)
def test_render_then_parse_is_identity(title: str, sections: dict[str, str], answers: list[str]) -> None:
    if not any(sections.values()):
        sections = {**sections, "situation": "something happened"}
    text = render_document([(title, sections, {"theme": "Failure", "source": "Background", "tags": "a, b"}, answers)])
    (parsed,) = parse_stories(text)
    assert parsed.problems == []
    assert parsed.title == title
    assert parsed.meta == {"theme": "Failure", "source": "Background", "tags": "a, b"}
    assert {n: parsed.sections.get(n, "") for n in SECTION_NAMES} == sections
    assert (parsed.answers or []) == answers
