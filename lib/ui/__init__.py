"""The Streamlit layer of lib: page setup, cached queries and figures, shared widgets, markup.

Pages use it as ``from lib import ui`` and call ``ui.query``, ``ui.figure``,
``ui.write``, ``ui.page_header``... re-exported here from the modules below. Messages go
through ``ui.error`` / ``ui.warning`` / ``ui.info`` / ``ui.success`` / ``ui.toast``, which
escape them: an error quoting user text never renders it as markup.
"""

from lib.ui.board import application_board, board_flash
from lib.ui.cache import Query, clear_caches, figure, q, query, write
from lib.ui.charts import chart
from lib.ui.markup import Markup, markup, text
from lib.ui.messages import error, info, success, toast, warning
from lib.ui.restore import damaged_database_page, restore_panel
from lib.ui.routing import ROUTE_KEY, ROUTED_KEY, has_page, page_header, page_link, show_at_every_address
from lib.ui.tables import dataframe as table
from lib.ui.tables import readable
from lib.ui.tailoring import application_tailoring
from lib.ui.widgets import FOLLOW_UPS_MORE, FOLLOW_UPS_SHOWN, csv_import, error_or_rerun, follow_up_list

__all__ = [
    "application_board",
    "application_tailoring",
    "board_flash",
    "FOLLOW_UPS_MORE",
    "FOLLOW_UPS_SHOWN",
    "Markup",
    "ROUTED_KEY",
    "ROUTE_KEY",
    "Query",
    "chart",
    "clear_caches",
    "csv_import",
    "damaged_database_page",
    "error",
    "error_or_rerun",
    "figure",
    "follow_up_list",
    "has_page",
    "info",
    "markup",
    "page_header",
    "page_link",
    "show_at_every_address",
    "q",
    "query",
    "readable",
    "restore_panel",
    "success",
    "table",
    "text",
    "toast",
    "warning",
    "write",
]
