"""The Case studies page under AppTest: writing a case, adding a product, errors next to the form."""

from __future__ import annotations

from lib.materials import case_studies
from lib.storage.db import open_db
from tests.conftest import run_page


def test_saving_a_starter_case_updates_its_completeness() -> None:
    at = run_page("pages/case_studies.py")
    for field in case_studies.TEXT_FIELDS:
        at.text_area(key=f"case_studies_{field}_perplexity").set_value(f"Perplexity {field}")
    at.button(key="FormSubmitter:case_studies_form_perplexity-Save").click().run()
    assert not at.exception
    with open_db() as db:
        row = case_studies.bank(db).set_index("case_key").loc["perplexity"]
    assert row["complete"]
    assert any("1 / 10" in m.value for m in at.metric)
    assert any("✅ · Perplexity" in e.label for e in at.expander)


def test_adding_a_product_and_a_duplicate_shows_an_error() -> None:
    at = run_page("pages/case_studies.py")
    at.text_input(key="case_studies_add_name").set_value("Duolingo Max <b>")
    at.button(key="FormSubmitter:case_studies_add_form-Add to the bank").click().run()
    assert not at.exception
    assert any("Duolingo Max" in e.label for e in at.expander)
    at.text_input(key="case_studies_add_name").set_value("ChatGPT")
    at.button(key="FormSubmitter:case_studies_add_form-Add to the bank").click().run()
    assert any("already in the bank" in e.value for e in at.error)


def test_demo_data_renders_every_case(demo_dir) -> None:
    at = run_page("pages/case_studies.py")
    assert not at.exception
    assert len(at.expander) == 11
