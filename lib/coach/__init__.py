"""The answer coach: feedback on the content of one answer, typed or spoken, with evidence for every claim."""
