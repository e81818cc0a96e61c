"""Reference page: a title and one line."""

import streamlit as st

st.title("Reference: plain page")
st.write("A title and one line of text.")
