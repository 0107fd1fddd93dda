"""Loading the PDF libraries before they are first needed.

reportlab (layout) and pyhanko (signatures, which loads an HTTP client and the ASN.1 machinery)
take most of a second to import. hsdesk does not import them at start, so the window comes first;
the window then loads them on a worker thread a few seconds later, while the person reads the
Dashboard, so the first signed PDF, pack or consent form of the day is made as fast as the rest."""

from __future__ import annotations

import importlib

WARM_UP_SECONDS = 5  # after the main window is shown
MODULES = (
    "reportlab.platypus",
    "reportlab.pdfgen.canvas",
    "pyhanko.sign",
    "pyhanko.sign.fields",
    "pyhanko.sign.signers",
    "pyhanko.pdf_utils.incremental_writer",
    "pyhanko_certvalidator.registry",
    "asn1crypto.x509",
    "cryptography.x509",
    "hsdesk.exports.layout",
    "hsdesk.exports.signing",
)


def load_pdf_libraries() -> None:
    for name in MODULES:
        importlib.import_module(name)
