"""A job description's key terms and the resume match: known terms, variants, and properties over generated text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.materials import terms
from lib.materials.documents import read_document
from tests import materials_files as mf


def test_the_description_key_terms_are_skills_tools_and_whole_phrases():
    found = terms.key_terms(mf.JOB_DESCRIPTION)
    for term in [*mf.JOB_MATCHED, *mf.JOB_MISSING, "LangChain", "product strategy", "OKRs"]:
        assert term in found
    assert "retrieval-augmented generation" in found and "RAG" not in found  # the acronym is the phrase's other name
    assert "generation" not in found and "models" not in found  # no word cut out of a longer term
    assert not {"We", "You", "About", "the", "and", "with"} & set(found)


def test_a_good_resume_matches_the_known_terms_with_where_and_lacks_the_rest():
    resume = read_document(mf.good_resume_pdf(), "good.pdf").text
    result = terms.match(resume, mf.JOB_DESCRIPTION)
    matched = {m["term"]: m["where"] for m in result["matched"]}
    for term in mf.JOB_MATCHED:
        assert term in matched, term
        assert matched[term] and all(isinstance(w, str) and w for w in matched[term])
    assert set(mf.JOB_MISSING) <= set(result["missing"])
    assert any("A/B tests" in w for w in matched["A/B testing"])  # a variant, shown where it really is
    assert any("LLMs" in w for w in matched["large language models"])


@pytest.mark.parametrize(
    ("term", "resume_text"),
    [
        ("LLM", "Shipped LLMs to production"),
        ("LLMs", "Shipped an LLM feature"),
        ("A/B testing", "Ran 25 A/B tests"),
        ("A/B test", "owned A/B testing"),
        ("retrieval-augmented generation", "built retrieval augmented\ngeneration pipelines"),
        ("fine-tuning", "Fine tuning of small models"),
        ("SQL", "wrote sql daily"),
        ("processes", "improved the process"),
    ],
)
def test_variants_match_case_hyphens_line_breaks_and_endings(term, resume_text):
    assert terms.find(resume_text, (term,))


@pytest.mark.parametrize(("term", "resume_text"), [("SQL", "NoSQLite"), ("ML", "HTML pages"), ("AI", "said")])
def test_a_term_inside_another_word_does_not_match(term, resume_text):
    assert not terms.find(resume_text, (term,))


def test_an_acronym_in_brackets_keeps_its_phrase_whole():
    text = "Experience with objectives and key results (OKRs) and Natural Language Processing (NLP)."
    found = terms.key_terms(text)
    assert "objectives and key results" in found
    assert "Natural Language Processing" in found
    match = terms.match("I used NLP daily", text)
    assert "Natural Language Processing" in [m["term"] for m in match["matched"]]


def test_shouted_headings_are_not_acronyms():
    found = terms.key_terms("WHAT YOU WILL BRING TO THE TEAM\nStrong SQL skills and EEO statement.")
    assert found == ["SQL"]


# ---------------------------------------------------------------- properties

VOCABULARY = [e.term for e in terms.load_ai_terms().terms + terms.load_job_terms().terms]
FILLER = ["the", "and", "we", "with", "team", "will", "great", "for", "of", "you", "build", "users", "LangGraph", "dbt"]
any_word = st.from_regex(r"[A-Za-z]{1,10}", fullmatch=True)
words = st.one_of(st.sampled_from(VOCABULARY), st.sampled_from(FILLER), any_word)
descriptions = st.lists(st.tuples(words, st.sampled_from([" ", " ", ", ", ".\n", " (", ") ", "-"])), max_size=40).map(
    lambda parts: "".join(w + sep for w, sep in parts)
)
resumes = st.lists(st.one_of(st.sampled_from(VOCABULARY), st.sampled_from(FILLER)), max_size=30).map(" ".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(descriptions)
def test_every_term_is_spelled_as_in_the_description_and_none_is_a_stop_word(text):
    found = terms.key_terms(text)
    assert len(found) == len(set(found))
    for term in found:
        assert term in text
        assert term.strip() == term and term
        assert not terms.is_stop_word(term)


@FAST
@given(descriptions, resumes)
def test_matched_and_missing_split_the_key_terms(text, resume):
    result = terms.match(resume, text)
    matched = [m["term"] for m in result["matched"]]
    assert sorted(matched + result["missing"]) == sorted(terms.key_terms(text))
    assert not set(matched) & set(result["missing"])
    assert all(m["where"] for m in result["matched"])


@FAST
@given(descriptions, resumes, st.data())
def test_a_missing_term_pasted_into_the_resume_becomes_matched(text, resume, data):
    missing = terms.match(resume, text)["missing"]
    if not missing:
        return
    term = data.draw(st.sampled_from(missing))
    after = terms.match(f"{resume} {term} ", text)
    assert term in [m["term"] for m in after["matched"]]
    assert set(after["missing"]) <= set(missing) - {term}


def test_the_generated_descriptions_reach_terms():
    """The strategies above are not vacuous: vocabulary words in running text become terms."""
    assert len(terms.key_terms("We need SQL, product strategy and LangGraph with the team.")) == 3


@FAST
@given(st.text(max_size=400), st.text(max_size=200))
def test_any_text_gives_terms_from_the_text_and_a_match_that_splits_them(text, resume):
    found = terms.key_terms(text)
    assert all(t in text and not terms.is_stop_word(t) for t in found)
    result = terms.match(resume, text)
    assert sorted([m["term"] for m in result["matched"]] + result["missing"]) == sorted(found)
