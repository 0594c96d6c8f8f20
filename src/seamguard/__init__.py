"""seamguard: contract, mapping, sync and data-quality checks for integrations.

``import seamguard`` stays light: it exposes the result model only. Engines live in their modules
(``seamguard.contracts``, ``seamguard.verify``, ...) and import their heavy dependencies there.
"""

from seamguard.errors import SeamguardError, UsageError
from seamguard.findings import Finding, Location, Report, Severity

__all__ = ["Finding", "Location", "Report", "SeamguardError", "Severity", "UsageError"]
__version__ = "0.1.0"
