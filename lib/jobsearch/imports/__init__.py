"""Importing applications and contacts from CSV: the app's own exports and LinkedIn's data export.

Both importers are all-or-nothing: every row is checked before anything is
written, the first bad row stops the import with its line number and field,
and the rows go in with one transaction. Re-importing a file adds nothing:
applications are matched on their job URL and contacts on their profile URL
(or, without a URL, on company + role + date and name + company, counting
copies). The app's own exports neutralise formula-like cells; reading them
back restores the text.

reading     bytes to checked CSV records (encoding, header, column lookup)
rows        the header and one record's cells, each column named as the file spells it
known_files every CSV the app (or LinkedIn) writes, by its header, so the wrong one is refused
fields      cell checks shared by every format (dates, histories, required text)
linkedin    LinkedIn's Job Applications.csv and Connections.csv
app_export  this app's own applications.csv and networking.csv
applications, contacts   parse, preview and write each kind of file
summary     what an import added or would add, in one line
files       an uploaded file or one on disk: preview, import
"""
