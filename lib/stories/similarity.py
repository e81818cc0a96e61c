"""Text similarity for suggested story-to-question links: TF-IDF of character n-grams, cosine, in numpy.

The weighting is the classic one: term frequency 1 + ln(count), smoothed
inverse document frequency ln((1 + n) / (1 + df)) + 1, each text's vector
scaled to unit length, so the cosine is a dot product. The n-grams are the 4-
and 5-character pieces of each content word padded with a space at both ends.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

import numpy as np

NGRAM_SIZES = (4, 5)
# The Glasgow Information Retrieval group's English stop-word list, plus "tell" and "time":
# "Tell me about a time" opens most questions; left in, it would make every question look alike.
# Its odd members ("system", "interest", "fire", "bill") stay so that suggestions stay as they were.
_STOP_WORD_TEXT = """
    a about above across after afterwards again against all almost alone along already also although always am
    among amongst amoungst amount an and another any anyhow anyone anything anyway anywhere are around as at
    back be became because become becomes becoming been before beforehand behind being below beside besides between
    beyond bill both bottom but by
    call can cannot cant co con could couldnt cry
    de describe detail do done down due during
    each eg eight either eleven else elsewhere empty enough etc even ever every everyone everything everywhere
    except
    few fifteen fifty fill find fire first five for former formerly forty found four from front full further
    get give go
    had has hasnt have he hence her here hereafter hereby herein hereupon hers herself him himself his how however
    hundred
    i ie if in inc indeed interest into is it its itself
    keep
    last latter latterly least less ltd
    made many may me meanwhile might mill mine more moreover most mostly move much must my myself
    name namely neither never nevertheless next nine no nobody none noone nor not nothing now nowhere
    of off often on once one only onto or other others otherwise our ours ourselves out over own
    part per perhaps please put
    rather re
    same see seem seemed seeming seems serious several she should show side since sincere six sixty so some somehow
    someone something sometime sometimes somewhere still such system
    take ten than that the their them themselves then thence there thereafter thereby therefore therein thereupon
    these they thick thin third this those though three through throughout thru thus to together too top toward
    towards twelve twenty two
    un under until up upon us
    very via
    was we well were what whatever when whence whenever where whereafter whereas whereby wherein whereupon wherever
    whether which while whither who whoever whole whom whose why will with within without would
    yet you your yours yourself yourselves
    tell time
"""
STOP_WORDS = frozenset(_STOP_WORD_TEXT.split())


def content_words(text: str) -> list[str]:
    """The lower-cased words and numbers of ``text`` that are not stop words."""
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP_WORDS]


def char_ngrams(text: str) -> list[str]:
    """Each content word padded with spaces, cut into 4- and 5-character n-grams; a short word is one n-gram.

    Character n-grams within words match "failed" with "failure" and "prioritise"
    with "prioritizing", which word tokens on such short questions would miss.
    """
    grams: list[str] = []
    for word in content_words(text):
        padded = f" {word} "
        for n in NGRAM_SIZES:
            if len(padded) <= n:
                grams.append(padded)
                break
            grams += [padded[i : i + n] for i in range(len(padded) - n + 1)]
    return grams


@functools.lru_cache(maxsize=8192)
def _gram_counts(text: str) -> tuple[tuple[str, ...], np.ndarray]:
    """A text's distinct n-grams in order of first appearance, with how often each occurs.

    Kept per text: after one story is saved the others' n-grams are not cut again, which
    was most of the time a page with hundreds of stories spent on suggested links.
    """
    counts = Counter(char_ngrams(text))  # a Counter keeps first-appearance order
    return tuple(counts), np.fromiter(counts.values(), dtype=np.int64, count=len(counts))


def tfidf_vectors(texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each text as a sparse unit vector: (n-gram ids, weights); ids follow first appearance across ``texts``."""
    vocabulary: dict[str, int] = {}
    counted = []
    for text in texts:
        grams, counts = _gram_counts(text)
        ids = np.fromiter((vocabulary.setdefault(g, len(vocabulary)) for g in grams), dtype=np.int64, count=len(grams))
        order = np.argsort(ids)
        counted.append((ids[order], counts[order]))
    df = np.bincount(np.concatenate([u for u, _ in counted]), minlength=len(vocabulary))
    idf = np.log((1 + len(texts)) / (1 + df)) + 1
    vectors = []
    for unique, counts in counted:
        weights = (1 + np.log(counts)) * idf[unique]
        norm = np.linalg.norm(weights)
        vectors.append((unique, weights / norm if norm else weights))
    return vectors


def similarity(question_texts: list[str], story_texts: list[str]) -> list[list[float]]:
    """Cosine similarity of each story to each question (one row per story), over one shared TF-IDF weighting."""
    if not question_texts or not story_texts:
        return [[0.0] * len(question_texts) for _ in story_texts]
    vectors = tfidf_vectors([*question_texts, *story_texts])
    n = len(question_texts)
    # The questions' n-grams have the lowest ids, so a dense question matrix needs only that many columns.
    width = max((int(unique.max()) + 1 for unique, _ in vectors[:n] if len(unique)), default=0)
    questions = np.zeros((n, width))
    for row, (unique, weights) in enumerate(vectors[:n]):
        questions[row, unique] = weights
    scores = []
    for unique, weights in vectors[n:]:
        shared = unique < width
        scores.append((questions[:, unique[shared]] @ weights[shared]).tolist())
    return scores
