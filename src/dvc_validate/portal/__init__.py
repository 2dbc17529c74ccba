"""The Cổng Dịch vụ công quốc gia's own figures: read, checked, matched and fetched.

* :mod:`.pack` is the portal's rule pack (``rules/portal.yaml``): which response
  feeds which rows, the relations its figures satisfy, and which report figure
  copies which portal figure;
* :mod:`.read` turns recorded responses into the long table of the batch path;
* :mod:`.evaluate` is the one vectorised evaluator of the pack's expressions;
* :mod:`.names` finds a report's unit among the portal's units;
* :mod:`.table` runs the pack's relations over a table (``check-table DIR``);
* :mod:`.fetch` is the only module that opens the network, and only when asked.
"""

from __future__ import annotations

from .read import PortalData, read_portal

__all__ = ["PortalData", "read_portal"]
