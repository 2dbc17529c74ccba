"""The table path: the pack's relations over columns, pandera's models, batch tables.

``columns`` turns a table's figure columns into numpy arrays with their tolerance;
``evaluate`` is the vectorised evaluator of the pack's relations over them (the same
compiled relations the interval evaluator runs over one document). Importing this
package imports nothing heavy; its modules import numpy, pandas and pandera.
"""
