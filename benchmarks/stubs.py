"""Stand-ins for browser-only components, for running pages under AppTest.

AppTest mocks the Streamlit runtime that `webrtc_streamer` reaches into, so the
webcam component is the one true external boundary replaced here.
"""

from __future__ import annotations

from types import SimpleNamespace


def fake_webrtc_streamer(*args, **kwargs):
    """What `webrtc_streamer` returns before the user presses START."""
    state = SimpleNamespace(playing=False, signalling=False)
    return SimpleNamespace(
        state=state, video_receiver=None, audio_receiver=None, video_processor=None, audio_processor=None
    )


def install_component_stubs() -> None:
    """Replace streamlit_webrtc.webrtc_streamer for the rest of this process."""
    import streamlit_webrtc

    streamlit_webrtc.webrtc_streamer = fake_webrtc_streamer
