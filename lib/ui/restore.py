"""Restoring a backup from the browser: the upload, what the archive says, the confirmation; and the page
every address shows when the database is damaged, which offers the same restore.

Everything read from an archive is shown as plain text (``st.dataframe``,
escaped messages): a manifest is data from a file, never markup.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from lib.core import config
from lib.core.errors import PrepError
from lib.storage import backup
from lib.ui.cache import clear_caches
from lib.ui.messages import error, info, success
from lib.ui.routing import show_at_every_address


def _progress_bar(label: str):
    bar = st.progress(0.0, text=label)
    return lambda fraction, step: bar.progress(min(fraction, 1.0), text=step.capitalize())


def restore_panel(key_prefix: str) -> Path | None | bool:
    """Upload a backup, show what it holds, restore it on confirm; True (or the kept folder) once restored."""
    upload = st.file_uploader(
        "Backup file (.zip)", type=["zip"], key=f"{key_prefix}_restore_upload", max_upload_size=8192
    )
    if upload is None:
        return None
    path_key, for_key = f"{key_prefix}_restore_path", f"{key_prefix}_restore_for"
    if st.session_state.get(for_key) != upload.file_id:
        backup.discard_temp(st.session_state.get(path_key))
        st.session_state[path_key] = str(backup.stash_upload(upload, upload.name))
        st.session_state[for_key] = upload.file_id
    staged = st.session_state[path_key]
    try:
        manifest = backup.inspect_archive(staged)
    except PrepError as exc:
        error(str(exc).replace(staged, "the uploaded file"))
        return None
    made = dict(backup.describe(manifest))["Made"]
    info(
        f"Backup from {made} passed its checks. Restoring replaces all your data; "
        "the current data is kept in a dated folder."
    )
    st.dataframe(pd.DataFrame(backup.describe(manifest), columns=["Backup", "Value"]), hide_index=True)
    if not st.button("Replace my data with this backup", type="primary", key=f"{key_prefix}_restore_confirm"):
        return None
    try:
        kept_at = backup.restore_backup(staged, _progress_bar("Restoring"))
    except PrepError as exc:
        error(str(exc).replace(staged, "the uploaded file"))
        return None
    clear_caches()  # cached views of the old data must not survive the swap
    success("Restored." + (f" Your previous data is in {kept_at}." if kept_at else ""))
    return kept_at or True


def damaged_database_page(problem: PrepError) -> None:
    """Show, at every address, that the database is damaged and offer a restore; then stop the run.

    One page given to st.navigation, as for any start-up problem: a run that
    never calls st.navigation would make Streamlit run pages/*.py directly.
    """

    def damaged_database() -> None:
        st.title("Your database is damaged")
        st.write(
            "The app cannot read its database file, so no page can open. Restore your latest backup below "
            "(or run `python -m lib restore FILE.zip`). The damaged file is not deleted: the restore keeps it "
            "in a dated before-restore folder of the data directory."
        )
        error(problem, icon=":material/error:")
        st.caption("Data directory:")
        st.code(str(config.data_dir()), language=None)
        if restore_panel("recovery"):
            st.button("Open the app", type="primary", key="recovery_open_app")  # any rerun starts the app afresh

    show_at_every_address(damaged_database, "Damaged database")
