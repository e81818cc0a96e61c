"""Deliverables & data: the week's deliverables, exports, backup and restore, where the data lives."""

from pathlib import Path

import streamlit as st

from lib import ui
from lib.core import config
from lib.core.errors import PrepError
from lib.materials import deliverables, export
from lib.storage import backup

ui.page_header(
    "Deliverables & data",
    "The week's deliverables with their status, every file to take into interviews, "
    "and your data: where it lives, backup and restore.",
)

st.subheader("Deliverables checklist")
table = ui.query(deliverables.status_table)
done = int(table["done"].sum())
st.progress(done / len(table), text=f"{done} of {len(table)} deliverables done (including the two bonus trackers)")
for heading, bonus in (("Week 12 deliverables", False), ("Bonus deliverables", True)):
    st.markdown(f"**{heading}**")
    for item in table[table["bonus"] == bonus].to_dict("records"):
        file = f" · `{item['file']}`" if item["file"] else ""
        if item["source"] == "hand":
            checked = st.checkbox(
                f"**{item['title']}**{file}", value=item["done"], key=f"deliverables_tick_{item['id']}"
            )
            if checked != item["done"]:
                _, error = ui.write(deliverables.set_hand_tick, item["id"], checked)
                ui.error_or_rerun(error)
        else:
            mark = ":green-badge[Done]" if item["done"] else ":orange-badge[Not yet]"
            st.markdown(f"{mark} **{item['title']}**{file}")
        st.caption(f"{item['detail']} Covers: " + "; ".join(item["points"]) + ".")
        if not item["done"]:
            ui.page_link(item["page"], f"Work on it: {item['title']}")

st.subheader("Export everything")
st.caption(
    "Every deliverable file (markdown and CSV) in one zip; `python -m lib export OUT_DIR` writes the same files."
)
if st.button("Prepare the export", key="deliverables_export_prepare"):
    bar = st.progress(0.0, text="Starting the export")
    steps = max(len(export.EXPORTERS), 1)
    seen: list[str] = []

    def on_export_step(label: str) -> None:
        """Advance the bar as each feature writes its files."""
        seen.append(label)
        bar.progress(min(len(seen) / steps, 1.0), text=f"Writing {label}")

    try:
        st.session_state["deliverables_export_zip"] = export.export_zip_bytes(on_export_step)
        bar.progress(1.0, text="Export ready")
    except PrepError as exc:
        ui.error(exc)
if "deliverables_export_zip" in st.session_state:
    st.download_button(
        "Download the export (.zip)",
        st.session_state["deliverables_export_zip"],
        file_name="interview-prep-export.zip",
        mime="application/zip",
        key="deliverables_export_download",
    )

st.subheader("Your data")
usage = backup.disk_usage()
st.markdown("Data directory (set `PREP_DATA_DIR` to move it):")
st.code(str(config.data_dir()), language=None)
u1, u2, u3, u4 = st.columns(4)
u1.metric("Database", f"{usage['database'] / 1e6:.1f} MB")
u2.metric("Recordings", f"{usage['recordings'] / 1e6:.1f} MB")
u3.metric("Kept copies", f"{usage['kept_copies'] / 1e6:.1f} MB")
u4.metric("Total", f"{usage['total'] / 1e6:.1f} MB")
if usage["unfinished_restores"]:
    st.caption(
        f"{usage['unfinished_restores'] / 1e6:.1f} MB of the total is a restore in progress, "
        "or one that was interrupted (removed when the app or a command next starts):"
    )
    st.code("\n".join(str(p) for p in backup.staging_folders(config.data_dir())), language=None)
kept = backup.kept_copies()
if kept:
    st.caption("Data kept by earlier restores (delete these folders yourself once you no longer need them):")
    st.code("\n".join(str(k) for k in kept), language=None)

left, right = st.columns(2)
with left:
    st.markdown("**Backup**")
    st.caption(
        "The database and every recording, with a manifest of hashes. `python -m lib backup FILE.zip` does the same."
    )
    if st.button("Make a backup", key="deliverables_backup_make"):
        bar = st.progress(0.0, text="Starting the backup")
        try:
            path = backup.backup_to_temp(lambda f, label: bar.progress(min(f, 1.0), text=label.capitalize()))
            backup.discard_temp(st.session_state.get("deliverables_backup_path"))
            st.session_state["deliverables_backup_path"] = str(path)
        except PrepError as exc:
            ui.error(exc)
    ready = st.session_state.get("deliverables_backup_path")
    if ready:
        st.download_button(
            "Download the backup (.zip)",
            lambda: Path(ready).read_bytes(),
            file_name=ready.rsplit("/", 1)[-1],
            mime="application/zip",
            key="deliverables_backup_download",
        )
with right:
    st.markdown("**Restore**")
    st.caption("Replaces all data with a backup. It is checked first; your current data is kept in a dated folder.")
    ui.restore_panel("deliverables")
