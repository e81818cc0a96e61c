"""The Streamlit layer of lib: page setup, cached queries and figures, shared widgets, markup.

Pages use it as ``from lib import ui`` and call ``ui.query``, ``ui.figure``,
``ui.write``, ``ui.page_header``... re-exported here from the modules below.
"""

from lib.ui.cache import Query, clear_caches, figure, q, query, write
from lib.ui.markup import text
from lib.ui.routing import ROUTE_KEY, ROUTED_KEY, has_page, page_header, page_link
from lib.ui.widgets import FOLLOW_UPS_MORE, FOLLOW_UPS_SHOWN, csv_import, error_or_rerun, follow_up_list

__all__ = [
    "FOLLOW_UPS_MORE",
    "FOLLOW_UPS_SHOWN",
    "ROUTED_KEY",
    "ROUTE_KEY",
    "Query",
    "clear_caches",
    "csv_import",
    "error_or_rerun",
    "figure",
    "follow_up_list",
    "has_page",
    "page_header",
    "page_link",
    "q",
    "query",
    "text",
    "write",
]
